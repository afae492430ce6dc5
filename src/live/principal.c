/* live/principal.c - one principal read from IAM, with what it names:
 * a user (GetUser, its inline and attached policies, its groups and
 * theirs, its access key IDs) or a role (GetRole: its trust policy and
 * boundary; its inline and attached policies), and each customer managed
 * policy's default version; gathered into one snapshot document
 * (struct iam_fetched, live/fetch.h).
 *
 * Part of the live layer.  Each entity and policy is fetched once per
 * struct iam_fetched.  AWS managed policies (arn:aws:iam::aws:policy/...)
 * that a principal attaches are left to the copies embedded in iamgate
 * (core/managed.h, filled in by iam_accounts_finish); iam_fetch_policy
 * asked for one by name fetches it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "live/fetch.h"
#include "live/fetch_impl.h"

struct iam_fetched {
	json_t *snap;      /* UserDetailList, GroupDetailList, RoleDetailList, Policies */
	json_t *seen;      /* "u:NAME", "g:NAME", "r:NAME", "p:ARN": fetched */
	char *region;
};

struct iam_fetched *iam_fetched_new(const char *region)
{
	struct iam_fetched *F = calloc(1, sizeof *F);

	if (!F)
		return NULL;
	F->snap = json_pack("{s[]s[]s[]s[]}", "UserDetailList", "GroupDetailList",
			    "RoleDetailList", "Policies");
	F->seen = json_object();
	F->region = region ? strdup(region) : NULL;
	if (!F->snap || !F->seen || (region && !F->region)) {
		iam_fetched_free(F);
		return NULL;
	}
	return F;
}

void iam_fetched_free(struct iam_fetched *F)
{
	if (!F)
		return;
	json_decref(F->snap);
	json_decref(F->seen);
	free(F->region);
	free(F);
}

json_t *iam_fetched_json(const struct iam_fetched *F)
{
	return F->snap;
}

static int nomem(struct iam_error *err)
{
	return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
}

/* After an error answer: NoSuchEntity is 1, err cleared (the entity
 * does not exist: not a failure); anything else -1. */
static int missing(const struct iam_svc *x, struct iam_error *err)
{
	if (!iam_last_code_is(x->L, "NoSuchEntity"))
		return -1;
	if (err)
		*err = (struct iam_error)IAM_ERROR_INIT;
	return 1;
}

/* Mark key fetched: 1 when it was already, 0 now, -1 out of memory. */
static int once(struct iam_fetched *F, char kind, const char *name, struct iam_error *err)
{
	size_t n = strlen(name) + 3;
	char *key = malloc(n);
	int rc = 0;

	if (!key)
		return nomem(err);
	snprintf(key, n, "%c:%s", kind, name);
	if (json_object_get(F->seen, key))
		rc = 1;
	else if (json_object_set_new(F->seen, key, json_true()) < 0)
		rc = nomem(err);
	free(key);
	return rc;
}

/* One IAM kind's calls: "User" with "UserName"... */
struct kind {
	const char *name, *param, *inline_list;
};
static const struct kind USER = { "User", "UserName", "UserPolicyList" };
static const struct kind GROUP = { "Group", "GroupName", "GroupPolicyList" };
static const struct kind ROLE = { "Role", "RoleName", "RolePolicyList" };

/* ---- the managed policies ---- */

static int policy_into(struct iam_svc *x, struct iam_fetched *F, const char *arn,
		       struct iam_error *err)
{
	const char *pairs[] = { "PolicyArn", arn, NULL, NULL, NULL };
	json_t *p = NULL, *v = NULL, *pol, *ver;
	const char *def;
	int rc = once(F, 'p', arn, err);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (iam_iam_call(x, "GetPolicy", pairs, &p, err) < 0)
		return missing(x, err);
	pol = json_object_get(p, "Policy");
	if (!(def = json_string_value(json_object_get(pol, "DefaultVersionId")))) {
		json_decref(p);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "iam:GetPolicy: %s has no DefaultVersionId", arn);
	}
	pairs[2] = "VersionId";
	pairs[3] = def;
	rc = iam_iam_call(x, "GetPolicyVersion", pairs, &v, err);
	if (rc < 0)
		rc = missing(x, err);
	ver = json_object_get(v, "PolicyVersion");
	if (rc == 0 && (!json_is_object(ver) ||
			json_object_set_new(pol, "PolicyVersionList", json_pack("[O]", ver)) < 0 ||
			iam_docs_decode(pol, "iam:GetPolicyVersion", arn, err) < 0 ||
			json_array_append(json_object_get(F->snap, "Policies"), pol) < 0))
		rc = err && err->code ? -1 : nomem(err);
	json_decref(p);
	json_decref(v);
	return rc;
}

int iam_fetch_policy(struct iam_live *L, const struct iam_creds *c,
		     struct iam_fetched *F, const char *arn, struct iam_error *err)
{
	struct iam_svc x;

	if (iam_svc_open(&x, L, c, IAM_SVC_IAM, F->region, err) < 0)
		return -1;
	return policy_into(&x, F, arn, err);
}

/* Every customer managed policy e attaches, and its boundary. */
static int managed_of(struct iam_svc *x, struct iam_fetched *F, const json_t *e,
		      struct iam_error *err)
{
	const json_t *list = json_object_get(e, "AttachedManagedPolicies"), *m;
	const char *b = json_string_value(json_object_get(
		json_object_get(e, "PermissionsBoundary"), "PermissionsBoundaryArn"));
	size_t i;

	json_array_foreach(list, i, m) {
		const char *arn = json_string_value(json_object_get(m, "PolicyArn"));

		if (arn && !strstr(arn, ":iam::aws:policy/") && policy_into(x, F, arn, err) < 0)
			return -1;
	}
	if (b && !strstr(b, ":iam::aws:policy/") && policy_into(x, F, b, err) < 0)
		return -1;
	return 0;
}

/* ---- an entity's own policies ---- */

/* Its inline policies: List<Kind>Policies, then Get<Kind>Policy each. */
static int inline_of(struct iam_svc *x, const struct kind *k, const char *name, json_t *e,
		     struct iam_error *err)
{
	static const char *const keys[] = { "PolicyNames", NULL };
	const char *pairs[] = { k->param, name, "PolicyName", NULL, NULL };
	char list_call[64], get_call[64];
	json_t *acc = json_object(), *out = json_array(), *n;
	size_t i;
	int rc;

	snprintf(list_call, sizeof list_call, "List%sPolicies", k->name);
	snprintf(get_call, sizeof get_call, "Get%sPolicy", k->name);
	if (!acc || !out || json_object_set_new(e, k->inline_list, out) < 0) {
		json_decref(acc);
		return nomem(err);
	}
	rc = iam_iam_paged(x, list_call, pairs, "1000", keys, acc, NULL, NULL, err);
	json_array_foreach(json_object_get(acc, "PolicyNames"), i, n) {
		json_t *r;

		if (rc < 0)
			break;
		pairs[3] = json_string_value(n);
		if ((rc = iam_iam_call(x, get_call, pairs, &r, err)) < 0)
			break;
		if (json_array_append_new(out, json_pack("{sOsO}", "PolicyName", n, "PolicyDocument",
							 json_object_get(r, "PolicyDocument"))) < 0)
			rc = nomem(err);
		json_decref(r);
	}
	json_decref(acc);
	return rc;
}

/* Its attached managed policies: ListAttached<Kind>Policies. */
static int attached_of(struct iam_svc *x, const struct kind *k, const char *name, json_t *e,
		       struct iam_error *err)
{
	static const char *const keys[] = { "AttachedPolicies", NULL };
	const char *pairs[] = { k->param, name, NULL };
	char call[64];
	json_t *acc = json_object();
	int rc;

	if (!acc)
		return nomem(err);
	snprintf(call, sizeof call, "ListAttached%sPolicies", k->name);
	rc = iam_iam_paged(x, call, pairs, "1000", keys, acc, NULL, NULL, err);
	if (rc == 0 && json_object_set(e, "AttachedManagedPolicies",
				       json_object_get(acc, "AttachedPolicies")) < 0)
		rc = nomem(err);
	json_decref(acc);
	return rc;
}

/* e's policies, decoded, then e into the snapshot's list. */
static int entity_into(struct iam_svc *x, struct iam_fetched *F, const struct kind *k,
		       const char *name, json_t *e, const char *list, struct iam_error *err)
{
	const char *arn = json_string_value(json_object_get(e, "Arn"));
	char call[64];

	snprintf(call, sizeof call, "iam:Get%sPolicy", k->name);
	if (inline_of(x, k, name, e, err) < 0 || attached_of(x, k, name, e, err) < 0 ||
	    iam_docs_decode(e, call, arn ? arn : name, err) < 0)
		return -1;
	if (json_array_append(json_object_get(F->snap, list), e) < 0)
		return nomem(err);
	return managed_of(x, F, e, err);
}

/* ---- users, groups, roles ---- */

static int group_into(struct iam_svc *x, struct iam_fetched *F, const json_t *g,
		      struct iam_error *err)
{
	const char *name = json_string_value(json_object_get(g, "GroupName"));
	json_t *e;
	int rc;

	if (!name)
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "iam:ListGroupsForUser: a group without a GroupName");
	if ((rc = once(F, 'g', name, err)) != 0)
		return rc < 0 ? -1 : 0;
	if (!(e = json_deep_copy(g)))
		return nomem(err);
	rc = entity_into(x, F, &GROUP, name, e, "GroupDetailList", err);
	json_decref(e);
	return rc;
}

/* A user's groups (ListGroupsForUser): their names into e's GroupList,
 * each group fetched. */
static int groups_of(struct iam_svc *x, struct iam_fetched *F, const char *name, json_t *e,
		     struct iam_error *err)
{
	static const char *const keys[] = { "Groups", NULL };
	const char *pairs[] = { "UserName", name, NULL };
	json_t *acc = json_object(), *names = json_array(), *g;
	size_t i;
	int rc;

	if (!acc || !names || json_object_set_new(e, "GroupList", names) < 0) {
		json_decref(acc);
		return nomem(err);
	}
	rc = iam_iam_paged(x, "ListGroupsForUser", pairs, "1000", keys, acc, NULL, NULL, err);
	json_array_foreach(json_object_get(acc, "Groups"), i, g) {
		if (rc < 0)
			break;
		if (json_array_append(names, json_object_get(g, "GroupName")) < 0)
			rc = nomem(err);
		else
			rc = group_into(x, F, g, err);
	}
	json_decref(acc);
	return rc;
}

static int user_into(struct iam_svc *x, struct iam_fetched *F, const char *name,
		     struct iam_error *err)
{
	static const char *const keys[] = { "AccessKeyMetadata", NULL };
	const char *pairs[] = { "UserName", name, NULL };
	json_t *r, *u, *ak = NULL;
	int rc;

	if ((rc = once(F, 'u', name, err)) != 0)
		return rc < 0 ? -1 : 0;
	if (iam_iam_call(x, "GetUser", pairs, &r, err) < 0)
		return missing(x, err);
	if (!json_is_object(u = json_object_get(r, "User"))) {
		json_decref(r);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL, "iam:GetUser: the answer has no User");
	}
	rc = groups_of(x, F, name, u, err);
	if (rc == 0 && !(ak = json_object()))
		rc = nomem(err);
	if (rc == 0)
		rc = iam_iam_paged(x, "ListAccessKeys", pairs, "1000", keys, ak, NULL, NULL, err);
	if (rc == 0 && json_object_set(u, "AccessKeyMetadata",
				       json_object_get(ak, "AccessKeyMetadata")) < 0)
		rc = nomem(err);
	if (rc == 0)
		rc = entity_into(x, F, &USER, name, u, "UserDetailList", err);
	json_decref(ak);
	json_decref(r);
	return rc;
}

static int role_into(struct iam_svc *x, struct iam_fetched *F, const char *name,
		     struct iam_error *err)
{
	const char *pairs[] = { "RoleName", name, NULL };
	json_t *r, *role;
	int rc;

	if ((rc = once(F, 'r', name, err)) != 0)
		return rc < 0 ? -1 : 0;
	if (iam_iam_call(x, "GetRole", pairs, &r, err) < 0)
		return missing(x, err);
	if (!json_is_object(role = json_object_get(r, "Role"))) {
		json_decref(r);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL, "iam:GetRole: the answer has no Role");
	}
	rc = entity_into(x, F, &ROLE, name, role, "RoleDetailList", err);
	json_decref(r);
	return rc;
}

/* "arn:P:iam::A:user/path/NAME" (kind 'u'), ":role/..." ('r'), or
 * "arn:P:sts::A:assumed-role/ROLE/SESSION" ('r'): NAME into buf. */
static char principal_name(const char *arn, char *buf, size_t n)
{
	const char *p = arn, *res, *slash;
	int colons = 0;

	for (res = arn; *res && colons < 5; res++)
		colons += *res == ':';
	if (colons < 5 || strncmp(p, "arn:", 4) != 0)
		return 0;
	if (strstr(arn, ":sts::") && strncmp(res, "assumed-role/", 13) == 0) {
		res += 13;
		slash = strchr(res, '/');
		if (!slash || slash == res)
			return 0;
		snprintf(buf, n, "%.*s", (int)(slash - res), res);
		return 'r';
	}
	if (!strstr(arn, ":iam::") || (strncmp(res, "user/", 5) && strncmp(res, "role/", 5)))
		return 0;
	slash = strrchr(res, '/');
	if (!slash[1])
		return 0;
	snprintf(buf, n, "%s", slash + 1);
	return res[0] == 'u' ? 'u' : 'r';
}

int iam_fetch_principal(struct iam_live *L, const struct iam_creds *c,
			struct iam_fetched *F, const char *arn, struct iam_error *err)
{
	struct iam_svc x;
	char name[256];
	char kind = principal_name(arn, name, sizeof name);

	if (!kind)
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "'%s' is no IAM user, role or assumed-role session", arn);
	if (iam_svc_open(&x, L, c, IAM_SVC_IAM, F->region, err) < 0)
		return -1;
	return kind == 'u' ? user_into(&x, F, name, err) : role_into(&x, F, name, err);
}
