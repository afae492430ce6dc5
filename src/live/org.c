/* live/org.c - an account's organization levels read from AWS
 * Organizations: its parents up to the root (ListParents), the SCPs and
 * RCPs attached to each level and to the account itself
 * (ListPoliciesForTarget) when the root has that type enabled (ListRoots),
 * each policy's content (DescribePolicy), in the --org file's form
 * (live/fetch.h, iamgate(1) ACCOUNT SNAPSHOTS).
 *
 * Part of the live layer.  Levels that cannot be read are never "none":
 * the caller hears why (AccessDenied, not in an organization).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "live/fetch.h"
#include "live/fetch_impl.h"

/* OUs nest five deep under the root: a longer way up is a loop. */
#define MAX_LEVELS 8

struct org_run {
	struct iam_svc x;
	json_t *policies;   /* PolicyId: DescribePolicy's answer, each fetched once */
	bool enabled[2];    /* SCPs, RCPs: enabled in the root */
	char *why;
	size_t n;
};

static int nomem(struct iam_error *err)
{
	return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
}

/* A refusal that means "cannot be read": 1 with why; else -1. */
static int refused(struct org_run *r)
{
	const struct iam_aws_error *e = iam_live_last_error(r->x.L);

	if (strcmp(e->code, "AWSOrganizationsNotInUseException") == 0) {
		snprintf(r->why, r->n, "%s: %s: the account is not in an organization", e->call,
			 e->code);
		return 1;
	}
	if (strcmp(e->code, "AccessDeniedException") == 0 || strcmp(e->code, "AccessDenied") == 0) {
		snprintf(r->why, r->n, "%s: %s: %s (only the management account or a "
			 "delegated administrator may read the organization's policies)",
			 e->call, e->code, e->message);
		return 1;
	}
	return -1;
}

static int call(struct org_run *r, const char *action, json_t *body, json_t **answer,
		struct iam_error *err)
{
	int rc;

	if (!body)
		return nomem(err);
	rc = iam_org_call(&r->x, action, body, answer, err);
	json_decref(body);
	return rc < 0 ? (refused(r) > 0 ? 1 : -1) : 0;
}

/* The account's levels, root first, into path. */
static int levels(struct org_run *r, const char *account, json_t *path, struct iam_error *err)
{
	char cur[128];
	int rc;

	snprintf(cur, sizeof cur, "%s", account);
	if (json_array_append_new(path, json_string(account)) < 0)
		return nomem(err);
	for (size_t depth = 0; depth < MAX_LEVELS; depth++) {
		json_t *a, *p;
		const char *id, *type;
		bool root;

		if ((rc = call(r, "ListParents", json_pack("{ss}", "ChildId", cur), &a, err)) != 0)
			return rc;
		p = json_array_get(json_object_get(a, "Parents"), 0);
		id = json_string_value(json_object_get(p, "Id"));
		type = json_string_value(json_object_get(p, "Type"));
		if (!id || !type) {
			json_decref(a);
			return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
					     "organizations:ListParents: %s has no parent", cur);
		}
		snprintf(cur, sizeof cur, "%s", id);
		root = strcmp(type, "ROOT") == 0;
		rc = json_array_insert_new(path, 0, json_string(id)) < 0 ? nomem(err) : 0;
		json_decref(a);
		if (rc < 0 || root)
			return rc;
	}
	return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
			     "organizations:ListParents: no root within %d levels above %s",
			     MAX_LEVELS, account);
}

/* DescribePolicy of id, once: borrowed from r->policies. */
static json_t *describe(struct org_run *r, const char *id, int *rc, struct iam_error *err)
{
	json_t *a = json_object_get(r->policies, id);

	if (a)
		return a;
	if ((*rc = call(r, "DescribePolicy", json_pack("{ss}", "PolicyId", id), &a, err)) != 0)
		return NULL;
	if (!json_is_string(json_object_get(json_object_get(a, "Policy"), "Content"))) {
		json_decref(a);
		*rc = iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				    "organizations:DescribePolicy: %s has no Content", id);
		return NULL;
	}
	if (json_object_set_new(r->policies, id, a) < 0) {
		*rc = nomem(err);
		return NULL;
	}
	return a;
}

/* The policies of filter attached to target, every page, into out. */
static int attached(struct org_run *r, const char *target, const char *filter, json_t *out,
		    struct iam_error *err)
{
	json_t *a = NULL, *s;
	const char *next = NULL;
	size_t i;
	int rc;

	do {
		json_t *body = json_pack("{ssss}", "TargetId", target, "Filter", filter);

		if (body && next && json_object_set_new(body, "NextToken", json_string(next)) < 0)
			body = (json_decref(body), NULL);
		json_decref(a);
		a = NULL;
		if ((rc = call(r, "ListPoliciesForTarget", body, &a, err)) != 0)
			break;
		json_array_foreach(json_object_get(a, "Policies"), i, s) {
			const char *id = json_string_value(json_object_get(s, "Id"));
			json_t *d = id ? describe(r, id, &rc, err) : NULL;

			if (!d || json_array_append(out, d) < 0) {
				rc = rc ? rc : id ? nomem(err) : iam_error_set(err, IAM_ERR_SCHEMA, NULL,
					"organizations:ListPoliciesForTarget: a policy without an Id");
				break;
			}
		}
		next = json_string_value(json_object_get(a, "NextToken"));
	} while (rc == 0 && next && *next);
	json_decref(a);
	return rc;
}

static int target(struct org_run *r, const char *id, json_t *targets, struct iam_error *err)
{
	json_t *t = json_object(), *l;
	int rc = 0;

	if (!t || json_object_set_new(targets, id, t) < 0)
		return nomem(err);
	for (int k = 0; k < 2 && rc == 0; k++) {
		if (!r->enabled[k])
			continue;
		if (!(l = json_array()) || json_object_set_new(t, k ? "rcps" : "scps", l) < 0)
			return nomem(err);
		rc = attached(r, id, k ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY", l, err);
	}
	return rc;
}

/* Which of SCPs and RCPs the root has enabled (ListRoots' PolicyTypes):
 * a type that is not binds no one, and the --org file says so by
 * leaving its member out of every target.  PENDING_DISABLE still binds
 * until it is done; PENDING_ENABLE does not yet. */
static int enabled_types(struct org_run *r, struct iam_error *err)
{
	json_t *a, *root, *t;
	size_t i;
	int rc = call(r, "ListRoots", json_object(), &a, err);

	if (rc != 0)
		return rc;
	root = json_array_get(json_object_get(a, "Roots"), 0);
	if (!json_is_array(json_object_get(root, "PolicyTypes"))) {
		json_decref(a);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "organizations:ListRoots: no root with its PolicyTypes");
	}
	json_array_foreach(json_object_get(root, "PolicyTypes"), i, t) {
		const char *type = json_string_value(json_object_get(t, "Type"));
		const char *status = json_string_value(json_object_get(t, "Status"));
		bool binds = status && (strcmp(status, "ENABLED") == 0 ||
					strcmp(status, "PENDING_DISABLE") == 0);

		if (type && binds && strcmp(type, "SERVICE_CONTROL_POLICY") == 0)
			r->enabled[0] = true;
		if (type && binds && strcmp(type, "RESOURCE_CONTROL_POLICY") == 0)
			r->enabled[1] = true;
	}
	json_decref(a);
	return 0;
}

/* 2 for the management account, which no SCP or RCP binds; 0 for
 * another; 1 or -1 when the organization cannot be read. */
static int management(struct org_run *r, const char *account, struct iam_error *err)
{
	json_t *a;
	const char *m;
	int rc = call(r, "DescribeOrganization", json_object(), &a, err);

	if (rc != 0)
		return rc;
	m = json_string_value(json_object_get(json_object_get(a, "Organization"),
					      "MasterAccountId"));
	rc = m && strcmp(m, account) == 0 ? 2 : 0;
	if (rc)
		snprintf(r->why, r->n, "%s is the organization's management account: no SCP "
			 "or RCP applies to it", account);
	json_decref(a);
	return rc;
}

int iam_fetch_org(struct iam_live *L, const struct iam_creds *c, const char *region,
		  const char *account, json_t **org, char *why, size_t n, struct iam_error *err)
{
	struct org_run r = { .why = why, .n = n };
	json_t *path = json_array(), *targets = json_object(), *v;
	size_t i;
	int rc;

	*org = NULL;
	if (n)
		*why = 0;
	r.policies = json_object();
	if (!path || !targets || !r.policies) {
		rc = nomem(err);
		goto out;
	}
	if ((rc = iam_svc_open(&r.x, L, c, IAM_SVC_ORGANIZATIONS, region, err)) < 0 ||
	    (rc = management(&r, account, err)) != 0) {
		if (rc == 2) {   /* the management account: an organization of none */
			*org = json_pack("{s{}s{}}", "targets", "accounts");
			rc = *org ? 0 : nomem(err);
		}
		goto out;
	}
	if ((rc = enabled_types(&r, err)) != 0 || (rc = levels(&r, account, path, err)) != 0)
		goto out;
	json_array_foreach(path, i, v)
		if ((rc = target(&r, json_string_value(v), targets, err)) != 0)
			goto out;
	*org = json_pack("{sOs{sO}}", "targets", targets, "accounts", account, path);
	rc = *org ? 0 : nomem(err);
out:
	json_decref(path);
	json_decref(targets);
	json_decref(r.policies);
	return rc;
}
