/* core/account.c - loading account snapshots into the account model
 * (core/account.h): the output of `aws iam get-account-authorization-details`,
 * from a file or a buffer, its pages merged, compiled once.
 *
 * Lookups go through one hash table of keys that name an entity or a
 * managed policy without its path or partition ("r:111122223333:deploy",
 * "p:iam::aws:policy/service-role/X"), compared without case as IAM
 * compares names.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/account.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/json.h"
#include "core/managed.h"
#include "core/policy.h"
#include "core/unwrap.h"

struct slot {
	const char *key;
	void *val;
};

struct iam_accounts {
	struct iam_arena *arena;
	const char **ids;               /* account IDs, in the order met */
	size_t nids;
	struct iam_entity **ents;
	size_t nents, nkind[3];
	struct iam_managed_policy **pols;
	size_t npols;
	struct slot *tab;               /* open addressing, power of 2 */
	size_t cap, used;
	struct org_account **org;       /* --org: each account's levels */
	size_t norg;
	struct org_level **levels;      /* each target's level, once */
	size_t nlevels;
};

struct org_account;
struct org_level;
static void org_free(struct iam_accounts *A);
static int org_levels(const struct iam_accounts *A, const char *principal,
		      const char *resource, struct iam_policy_set *set,
		      struct iam_error *err);

/* ---- small helpers ---- */

static int grow(void *vp, size_t n, size_t size)
{
	void **v = vp;
	void *nv;

	if (n & (n - 1) && n > 4)   /* capacity doubles at powers of 2 */
		return 0;
	nv = realloc(*v, (n < 4 ? 4 : n * 2) * size);
	if (!nv)
		return -1;
	*v = nv;
	return 0;
}

#define PUSH(v, n, x) (grow(&(v), (n), sizeof(*(v))) < 0 ? -1 : ((v)[(n)++] = (x), 0))

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211ull;
	return h;
}

static struct slot *lookup(const struct iam_accounts *A, const char *key)
{
	if (!A->cap)
		return NULL;
	for (size_t i = hash(key) & (A->cap - 1);; i = (i + 1) & (A->cap - 1)) {
		struct slot *s = &A->tab[i];

		if (!s->key || strcasecmp(s->key, key) == 0)
			return s;
	}
}

static int insert(struct iam_accounts *A, const char *key, void *val)
{
	struct slot *s;

	if (2 * (A->used + 1) > A->cap) {
		size_t cap = A->cap ? A->cap * 2 : 256;
		struct slot *old = A->tab, *nt = calloc(cap, sizeof(*nt));
		size_t ocap = A->cap;

		if (!nt)
			return -1;
		A->tab = nt;
		A->cap = cap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].key)
				*lookup(A, old[i].key) = old[i];
		free(old);
	}
	s = lookup(A, key);
	if (!s->key)
		A->used++;
	s->key = key;
	s->val = val;
	return 0;
}

/* "k:ACCOUNT:NAME" in the arena. */
static char *ent_key(struct iam_arena *a, char kind, const char *account,
		     const char *name)
{
	size_t n = strlen(account) + strlen(name) + 4;
	char *k = iam_arena_alloc(a, n);

	if (k)
		snprintf(k, n, "%c:%s:%s", kind, account, name);
	return k;
}

/* "p:" and the ARN after its partition, into buf. */
static const char *pol_key(const char *arn, char *buf, size_t size)
{
	const char *p = strncmp(arn, "arn:", 4) == 0 ? strchr(arn + 4, ':') : NULL;

	snprintf(buf, size, "p:%s", p ? p + 1 : arn);
	return buf;
}

static const char kind_letter[] = { 'u', 'g', 'r' };

/* The parts of an IAM or STS ARN: account and resource ("role/x/y"). */
static bool arn_parts(const char *arn, char *account, size_t asize,
		      const char **resource)
{
	const char *f[5], *p = arn;

	if (strncmp(arn, "arn:", 4) != 0)
		return false;
	for (int i = 0; i < 5; i++) {
		if (!(p = strchr(p, ':')))
			return false;
		f[i] = ++p;
	}
	/* f[0] partition, f[1] service, f[2] region, f[3] account, f[4] resource */
	if ((size_t)(f[4] - f[3] - 1) >= asize)
		return false;
	snprintf(account, asize, "%.*s", (int)(f[4] - f[3] - 1), f[3]);
	*resource = f[4];
	return strncmp(f[1], "iam:", 4) == 0 || strncmp(f[1], "sts:", 4) == 0;
}

static bool account_id(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isdigit((unsigned char)s[n]))
			return false;
	return n == 12;
}

/* ---- loading ---- */

struct loader {
	struct iam_accounts *A;
	struct iam_json_doc *doc;
	struct iam_error *err;
};

static int schema(struct loader *ld, const char *ptr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int schema(struct loader *ld, const char *ptr, const char *fmt, ...)
{
	char text[400];
	va_list ap;
	int line = 0, col = 0;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	iam_json_locate(ld->doc, ptr, &line, &col);
	iam_error_set(ld->err, IAM_ERR_SCHEMA, ptr, "%s", text);
	iam_error_locate(ld->err, ld->doc->source, line, col);
	return -1;
}

static int nomem(struct loader *ld)
{
	return iam_error_set(ld->err, IAM_ERR_NOMEM, NULL, "out of memory");
}

static char *sdup(struct loader *ld, const char *s)
{
	char *d = iam_arena_strdup(ld->A->arena, s);

	if (!d)
		nomem(ld);
	return d;
}

/* ptr + "/" + token, in the arena. */
static char *child(struct loader *ld, const char *ptr, const char *tok)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", ptr);
	if (iam_jptr_push(buf, sizeof(buf), tok) < 0)
		return sdup(ld, ptr);
	return sdup(ld, buf);
}

static char *child_index(struct loader *ld, const char *ptr, size_t i)
{
	char tok[32];

	snprintf(tok, sizeof(tok), "%zu", i);
	return child(ld, ptr, tok);
}

static int pos_of(struct loader *ld, const char *ptr, struct iam_snap_pos *pos)
{
	pos->source = ld->doc->source;
	pos->path = ptr;
	pos->line = pos->column = 0;
	iam_json_locate(ld->doc, ptr, &pos->line, &pos->column);
	return 0;
}

/* Member key of obj (at ptr) as a string; NULL and *out NULL when absent
 * and optional. */
static int get_str(struct loader *ld, json_t *obj, const char *ptr,
		   const char *key, bool required, const char **out)
{
	json_t *v = json_object_get(obj, key);
	char *at;

	*out = NULL;
	if (!v) {
		if (!required)
			return 0;
		return schema(ld, ptr, "%s is missing", key);
	}
	if (!(at = child(ld, ptr, key)))
		return -1;
	if (!json_is_string(v))
		return schema(ld, at, "%s must be a string, not %s", key,
			      iam_json_type_name(v));
	return (*out = sdup(ld, json_string_value(v))) ? 0 : -1;
}

/* Member key of obj as an array (NULL when absent). */
static int get_array(struct loader *ld, json_t *obj, const char *ptr,
		     const char *key, json_t **out, char **at)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v)
		return 0;
	if (!(*at = child(ld, ptr, key)))
		return -1;
	if (!json_is_array(v))
		return schema(ld, *at, "%s must be an array, not %s", key,
			      iam_json_type_name(v));
	*out = v;
	return 0;
}

static void free_policy(void *p)
{
	iam_policy_free(p);
}

/* Compile the document at node (ptr): an object, or a string holding
 * one (URL-encoded or not). */
static struct iam_policy *compile(struct loader *ld, json_t *node, const char *ptr,
				  enum iam_policy_type type, const char *label,
				  const char *arn)
{
	struct iam_unwrapped u;
	struct iam_policy *p = NULL;

	if (!json_is_object(node) && !json_is_string(node)) {
		schema(ld, ptr, "a policy document must be an object or a string, not %s",
		       iam_json_type_name(node));
		return NULL;
	}
	if (json_is_object(node)) {
		p = iam_policy_parse(ld->doc, node, ptr, type, IAM_PARSE_ERRORS_ONLY,
				     NULL, ld->err);
	} else {
		if (iam_unwrap_string(ld->doc, node, ptr, &u, ld->err) == 0) {
			p = iam_policy_parse(u.doc, u.node, u.base, type,
					     IAM_PARSE_ERRORS_ONLY, NULL, ld->err);
			/* its elements are located at the string: name it */
			if (!p && ld->err->code == IAM_ERR_SCHEMA) {
				char path[256];

				snprintf(path, sizeof(path), "%s%s", ptr, ld->err->path);
				iam_strlcpy_tail(ld->err->path, path, sizeof(ld->err->path));
			}
		}
		iam_unwrapped_release(&u);
	}
	if (!p)
		return NULL;
	if (iam_policy_set_origin(p, label, arn) < 0 ||
	    iam_arena_defer(ld->A->arena, free_policy, p) < 0) {
		iam_policy_free(p);
		nomem(ld);
		return NULL;
	}
	return p;
}

/* The account of an entity's or customer policy's ARN; the ARN's resource
 * part must start with prefix ("role/"). */
static const char *arn_account(struct loader *ld, const char *arn, const char *ptr,
			       const char *prefix, const char **resource)
{
	char acct[32];

	if (!arn_parts(arn, acct, sizeof(acct), resource) ||
	    strncmp(*resource, prefix, strlen(prefix)) != 0 ||
	    (!account_id(acct) && strcmp(acct, "aws") != 0)) {
		schema(ld, ptr, "'%s' is not an IAM ARN of the form arn:aws:iam::ACCOUNT:%s...",
		       arn, prefix);
		return NULL;
	}
	for (size_t i = 0; i < ld->A->nids; i++)
		if (strcmp(ld->A->ids[i], acct) == 0)
			return ld->A->ids[i];
	if (strcmp(acct, "aws") == 0)
		return "aws";
	{
		char *id = sdup(ld, acct);

		if (!id || PUSH(ld->A->ids, ld->A->nids, id) < 0)
			return id ? (nomem(ld), NULL) : NULL;
		return id;
	}
}


/* The inline policies of list key (UserPolicyList, ...) into e. */
static int inline_policies(struct loader *ld, struct iam_entity *e, json_t *obj,
			   const char *ptr, const char *key)
{
	json_t *list, *item;
	char *at;
	size_t i;
	char holder[600];

	if (get_array(ld, obj, ptr, key, &list, &at) < 0)
		return -1;
	snprintf(holder, sizeof(holder), "inline in %s", e->arn);
	json_array_foreach(list, i, item) {
		char *ip = child_index(ld, at, i);
		const char *name;
		json_t *docn;
		struct iam_policy *p;

		if (!ip)
			return -1;
		if (!json_is_object(item))
			return schema(ld, ip, "an inline policy must be an object, not %s",
				      iam_json_type_name(item));
		if (get_str(ld, item, ip, "PolicyName", true, &name) < 0)
			return -1;
		if (!(docn = json_object_get(item, "PolicyDocument")))
			return schema(ld, ip, "PolicyDocument is missing");
		p = compile(ld, docn, child(ld, ip, "PolicyDocument"), IAM_POLICY_IDENTITY,
			    name, holder);
		if (!p || PUSH(e->inline_policies, e->ninline, p) < 0)
			return p ? nomem(ld) : -1;
	}
	return 0;
}

/* AttachedManagedPolicies: the ARNs, linked by iam_accounts_finish. */
static int attached_policies(struct loader *ld, struct iam_entity *e, json_t *obj,
			     const char *ptr)
{
	json_t *list, *item;
	char *at;
	size_t i, n = 0;

	if (get_array(ld, obj, ptr, "AttachedManagedPolicies", &list, &at) < 0)
		return -1;
	if (!list)
		return 0;
	e->attached_pos = iam_arena_calloc(ld->A->arena, json_array_size(list) + 1,
					   sizeof(*e->attached_pos));
	if (!e->attached_pos)
		return nomem(ld);
	json_array_foreach(list, i, item) {
		char *ip = child_index(ld, at, i);
		const char *arn;

		if (!ip)
			return -1;
		if (!json_is_object(item))
			return schema(ld, ip, "an attached policy must be an object, not %s",
				      iam_json_type_name(item));
		if (get_str(ld, item, ip, "PolicyArn", true, &arn) < 0)
			return -1;
		pos_of(ld, child(ld, ip, "PolicyArn"), &e->attached_pos[n]);
		if (PUSH(e->attached_arns, n, arn) < 0)
			return nomem(ld);
	}
	e->narns = n;
	return 0;
}

static int boundary(struct loader *ld, struct iam_entity *e, json_t *obj,
		    const char *ptr)
{
	json_t *b = json_object_get(obj, "PermissionsBoundary");
	char *at;

	if (!b)
		return 0;
	if (!(at = child(ld, ptr, "PermissionsBoundary")))
		return -1;
	if (!json_is_object(b))
		return schema(ld, at, "PermissionsBoundary must be an object, not %s",
			      iam_json_type_name(b));
	if (get_str(ld, b, at, "PermissionsBoundaryArn", true, &e->boundary_arn) < 0)
		return -1;
	return pos_of(ld, child(ld, at, "PermissionsBoundaryArn"), &e->boundary_pos);
}

/* A user's GroupList: group names. */
static int group_list(struct loader *ld, struct iam_entity *e, json_t *obj,
		      const char *ptr)
{
	json_t *list, *item;
	char *at;
	size_t i, n = 0;

	if (get_array(ld, obj, ptr, "GroupList", &list, &at) < 0)
		return -1;
	if (!list)
		return 0;
	e->group_pos = iam_arena_calloc(ld->A->arena, json_array_size(list) + 1,
					sizeof(*e->group_pos));
	if (!e->group_pos)
		return nomem(ld);
	json_array_foreach(list, i, item) {
		char *ip = child_index(ld, at, i);
		const char *name;

		if (!ip)
			return -1;
		if (!json_is_string(item))
			return schema(ld, ip, "a group name must be a string, not %s",
				      iam_json_type_name(item));
		if (!(name = sdup(ld, json_string_value(item))))
			return -1;
		pos_of(ld, ip, &e->group_pos[n]);
		if (PUSH(e->group_names, n, name) < 0)
			return nomem(ld);
	}
	e->ngroup_names = n;
	return 0;
}

/* A user's AccessKeyMetadata (ListAccessKeys' output, which an account
 * snapshot may carry per user): each key found by "k:ID". */
static int access_keys(struct loader *ld, struct iam_entity *e, json_t *obj,
		       const char *ptr)
{
	json_t *list, *item;
	char *at;
	size_t i;

	if (get_array(ld, obj, ptr, "AccessKeyMetadata", &list, &at) < 0)
		return -1;
	if (!list)
		return 0;
	if (!(e->keys = iam_arena_calloc(ld->A->arena, json_array_size(list) + 1,
					 sizeof(*e->keys))))
		return nomem(ld);
	json_array_foreach(list, i, item) {
		struct iam_access_key *k = &e->keys[e->nkeys];
		char *ip = child_index(ld, at, i), *key;
		const char *status, *user;
		struct slot *s;

		if (!ip)
			return -1;
		if (!json_is_object(item))
			return schema(ld, ip, "an entry of AccessKeyMetadata must be an object, not %s",
				      iam_json_type_name(item));
		if (get_str(ld, item, ip, "AccessKeyId", true, &k->id) < 0 ||
		    get_str(ld, item, ip, "Status", false, &status) < 0 ||
		    get_str(ld, item, ip, "UserName", false, &user) < 0)
			return -1;
		if (status && strcmp(status, "Active") && strcmp(status, "Inactive"))
			return schema(ld, child(ld, ip, "Status"),
				      "Status must be Active or Inactive, not '%s'", status);
		if (user && strcmp(user, e->name))
			return schema(ld, child(ld, ip, "UserName"),
				      "the key of user '%s' names user '%s'", e->name, user);
		k->active = !status || strcmp(status, "Active") == 0;
		pos_of(ld, child(ld, ip, "AccessKeyId"), &k->pos);
		if (!(key = iam_arena_alloc(ld->A->arena, strlen(k->id) + 3)))
			return nomem(ld);
		snprintf(key, strlen(k->id) + 3, "k:%s", k->id);
		if ((s = lookup(ld->A, key)) && s->key)
			return schema(ld, child(ld, ip, "AccessKeyId"),
				      "access key %s is also at %s:%d:%d", k->id,
				      ((const struct iam_entity *)s->val)->pos.source,
				      ((const struct iam_entity *)s->val)->pos.line,
				      ((const struct iam_entity *)s->val)->pos.column);
		if (insert(ld->A, key, e) < 0)
			return nomem(ld);
		e->nkeys++;
	}
	return 0;
}

static const struct {
	const char *list, *name, *prefix, *inline_list;
} kinds[] = {
	[IAM_ENTITY_USER] = { "UserDetailList", "UserName", "user/", "UserPolicyList" },
	[IAM_ENTITY_GROUP] = { "GroupDetailList", "GroupName", "group/", "GroupPolicyList" },
	[IAM_ENTITY_ROLE] = { "RoleDetailList", "RoleName", "role/", "RolePolicyList" },
};

/* The name, path, ARN and account of an entity; then the key it is
 * found by, which no other entity may have. */
static int entity_names(struct loader *ld, struct iam_entity *e, json_t *obj,
			const char *ptr)
{
	const char *resource;
	char *key;
	struct slot *s;

	if (get_str(ld, obj, ptr, "Arn", true, &e->arn) < 0 ||
	    get_str(ld, obj, ptr, kinds[e->kind].name, true, &e->name) < 0 ||
	    get_str(ld, obj, ptr, "Path", false, &e->path) < 0)
		return -1;
	if (!(e->account = arn_account(ld, e->arn, child(ld, ptr, "Arn"),
				       kinds[e->kind].prefix, &resource)))
		return -1;
	if (strcmp(e->account, "aws") == 0)
		return schema(ld, child(ld, ptr, "Arn"), "'%s' is not in an account", e->arn);
	if (!(key = ent_key(ld->A->arena, kind_letter[e->kind], e->account, e->name)))
		return nomem(ld);
	if ((s = lookup(ld->A, key)) && s->key) {
		const struct iam_entity *o = s->val;

		return schema(ld, child(ld, ptr, "Arn"), "%s is also at %s:%d:%d", e->arn,
			      o->pos.source, o->pos.line, o->pos.column);
	}
	if (e->path && e->kind == IAM_ENTITY_ROLE)
		e->service_linked = strncmp(e->path, "/aws-service-role/", 18) == 0;
	return insert(ld->A, key, e) < 0 ? nomem(ld) : 0;
}

static int entity(struct loader *ld, enum iam_entity_kind kind, json_t *obj,
		  const char *ptr)
{
	struct iam_entity *e;
	json_t *trust;

	if (!json_is_object(obj))
		return schema(ld, ptr, "an entry of %s must be an object, not %s",
			      kinds[kind].list, iam_json_type_name(obj));
	/* held from the start, so that a failure part-way frees its arrays */
	if (!(e = iam_arena_alloc(ld->A->arena, sizeof(*e))) ||
	    PUSH(ld->A->ents, ld->A->nents, e) < 0)
		return nomem(ld);
	e->kind = kind;
	pos_of(ld, ptr, &e->pos);
	if (entity_names(ld, e, obj, ptr) < 0 ||
	    inline_policies(ld, e, obj, ptr, kinds[kind].inline_list) < 0 ||
	    attached_policies(ld, e, obj, ptr) < 0)
		return -1;
	if (kind != IAM_ENTITY_GROUP && boundary(ld, e, obj, ptr) < 0)
		return -1;
	if (kind == IAM_ENTITY_USER &&
	    (group_list(ld, e, obj, ptr) < 0 || access_keys(ld, e, obj, ptr) < 0))
		return -1;
	if (kind == IAM_ENTITY_ROLE) {
		if (!(trust = json_object_get(obj, "AssumeRolePolicyDocument")))
			return schema(ld, ptr, "AssumeRolePolicyDocument is missing");
		if (!(e->trust = compile(ld, trust, child(ld, ptr, "AssumeRolePolicyDocument"),
					 IAM_POLICY_TRUST, "trust policy", e->arn)))
			return -1;
	}
	ld->A->nkind[kind]++;
	return 0;
}

/* The default version of a managed policy, compiled; the other versions
 * checked for shape. */
static int versions(struct loader *ld, struct iam_managed_policy *m, json_t *obj,
		    const char *ptr)
{
	json_t *list, *item, *def = NULL;
	char *at, *defptr = NULL;
	size_t i;

	if (get_array(ld, obj, ptr, "PolicyVersionList", &list, &at) < 0)
		return -1;
	if (!list)
		return schema(ld, ptr, "PolicyVersionList is missing");
	json_array_foreach(list, i, item) {
		char *ip = child_index(ld, at, i);
		const char *vid;
		json_t *d, *isdef;

		if (!ip)
			return -1;
		if (!json_is_object(item))
			return schema(ld, ip, "a policy version must be an object, not %s",
				      iam_json_type_name(item));
		if (get_str(ld, item, ip, "VersionId", true, &vid) < 0)
			return -1;
		if (!(d = json_object_get(item, "Document")))
			return schema(ld, ip, "Document is missing");
		if (!json_is_object(d) && !json_is_string(d))
			return schema(ld, child(ld, ip, "Document"),
				      "a policy document must be an object or a string, not %s",
				      iam_json_type_name(d));
		isdef = json_object_get(item, "IsDefaultVersion");
		if (isdef && !json_is_boolean(isdef))
			return schema(ld, child(ld, ip, "IsDefaultVersion"),
				      "IsDefaultVersion must be true or false, not %s",
				      iam_json_type_name(isdef));
		if (json_is_true(isdef) ||
		    (m->default_version && strcmp(m->default_version, vid) == 0 && !def)) {
			def = d;
			defptr = child(ld, ip, "Document");
			if (!m->default_version)
				m->default_version = vid;
		}
	}
	m->nversions = json_array_size(list);
	if (!def)
		return schema(ld, at, "%s has no default version among its %zu versions",
			      m->arn, m->nversions);
	m->policy = compile(ld, def, defptr, IAM_POLICY_IDENTITY, m->name, m->arn);
	return m->policy ? 0 : -1;
}

static int managed(struct loader *ld, json_t *obj, const char *ptr)
{
	struct iam_managed_policy *m;
	const char *resource;
	char kbuf[600], *key;
	struct slot *s;

	if (!json_is_object(obj))
		return schema(ld, ptr, "an entry of Policies must be an object, not %s",
			      iam_json_type_name(obj));
	if (!(m = iam_arena_alloc(ld->A->arena, sizeof(*m))))
		return nomem(ld);
	pos_of(ld, ptr, &m->pos);
	if (get_str(ld, obj, ptr, "Arn", true, &m->arn) < 0 ||
	    get_str(ld, obj, ptr, "PolicyName", true, &m->name) < 0 ||
	    get_str(ld, obj, ptr, "DefaultVersionId", false, &m->default_version) < 0)
		return -1;
	if (!(m->account = arn_account(ld, m->arn, child(ld, ptr, "Arn"), "policy/",
				       &resource)))
		return -1;
	if (!(key = sdup(ld, pol_key(m->arn, kbuf, sizeof(kbuf)))))
		return -1;
	if ((s = lookup(ld->A, key)) && s->key) {
		const struct iam_managed_policy *o = s->val;

		return schema(ld, child(ld, ptr, "Arn"), "%s is also at %s:%d:%d", m->arn,
			      o->pos.source, o->pos.line, o->pos.column);
	}
	if (versions(ld, m, obj, ptr) < 0)
		return -1;
	if (insert(ld->A, key, m) < 0 || PUSH(ld->A->pols, ld->A->npols, m) < 0)
		return nomem(ld);
	return 0;
}

static const char *const page_members[] = {
	"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies",
	"IsTruncated", "Marker", "NextToken", "ResponseMetadata", NULL,
};

/* One page: its members known, each list's entries loaded. */
static int page(struct loader *ld, json_t *obj, const char *ptr)
{
	const char *key;
	json_t *v, *item;
	bool any = false;
	size_t i;

	if (!json_is_object(obj))
		return schema(ld, ptr, "an account snapshot (the output of aws iam "
			      "get-account-authorization-details) is an object, not %s",
			      iam_json_type_name(obj));
	json_object_foreach(obj, key, v) {
		size_t k = 0;

		while (page_members[k] && strcmp(page_members[k], key) != 0)
			k++;
		if (!page_members[k])
			return schema(ld, child(ld, ptr, key), "'%s' is no member of the output of "
				      "aws iam get-account-authorization-details", key);
		any |= k < 4;
	}
	if (!any)
		return schema(ld, ptr, "not an account snapshot: no UserDetailList, "
			      "GroupDetailList, RoleDetailList or Policies");
	for (int kind = 0; kind < 3; kind++) {
		char *at;

		if (get_array(ld, obj, ptr, kinds[kind].list, &v, &at) < 0)
			return -1;
		json_array_foreach(v, i, item)
			if (entity(ld, (enum iam_entity_kind)kind, item,
				   child_index(ld, at, i)) < 0)
				return -1;
	}
	{
		char *at;

		if (get_array(ld, obj, ptr, "Policies", &v, &at) < 0)
			return -1;
		json_array_foreach(v, i, item)
			if (managed(ld, item, child_index(ld, at, i)) < 0)
				return -1;
	}
	return 0;
}

/* A document: one page, or an array of pages. */
static int load_doc(struct iam_accounts *A, struct iam_json_doc *doc,
		    struct iam_error *err)
{
	struct loader ld = { A, doc, err };
	json_t *item;
	size_t i;

	if (!json_is_array(doc->root))
		return page(&ld, doc->root, "");
	if (!json_array_size(doc->root))
		return schema(&ld, "", "an empty array holds no account snapshot");
	json_array_foreach(doc->root, i, item)
		if (page(&ld, item, child_index(&ld, "", i)) < 0)
			return -1;
	return 0;
}

static int load_parsed(struct iam_accounts *A, struct iam_json_doc *doc, int rc,
		       struct iam_error *err)
{
	char *src;

	if (rc == 0 && !(src = iam_arena_strdup(A->arena, doc->source)))
		rc = iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (rc == 0) {
		free(doc->source);
		doc->source = src;       /* borrowed from the arena now */
		rc = load_doc(A, doc, err);
		doc->source = NULL;
	}
	iam_json_doc_release(doc);
	return rc;
}

int iam_accounts_load_file(struct iam_accounts *A, const char *file,
			   struct iam_error *err)
{
	struct iam_json_doc doc;
	int rc = iam_json_load_file_max(&doc, file, IAM_ACCOUNT_MAX_BYTES, err);

	return load_parsed(A, &doc, rc, err);
}

int iam_accounts_load_buffer(struct iam_accounts *A, const char *source,
			     const char *buf, size_t len, struct iam_error *err)
{
	struct iam_json_doc doc;
	int rc = iam_json_load_buffer_max(&doc, source, buf, len,
					  IAM_ACCOUNT_MAX_BYTES, err);

	return load_parsed(A, &doc, rc, err);
}

/* ---- the model ---- */

struct iam_accounts *iam_accounts_new(void)
{
	struct iam_accounts *A = calloc(1, sizeof(*A));

	if (A && !(A->arena = iam_arena_new())) {
		free(A);
		return NULL;
	}
	return A;
}

void iam_accounts_free(struct iam_accounts *A)
{
	if (!A)
		return;
	for (size_t i = 0; i < A->nents; i++) {
		free(A->ents[i]->inline_policies);
		free(A->ents[i]->attached);
		free(A->ents[i]->groups);
		free(A->ents[i]->gaps);
		free(A->ents[i]->group_names);
		free(A->ents[i]->attached_arns);
	}
	org_free(A);                /* its levels are in the arena */
	iam_arena_free(A->arena);   /* the compiled policies too */
	free(A->ids);
	free(A->ents);
	free(A->pols);
	free(A->tab);
	free(A);
}

size_t iam_accounts_count(const struct iam_accounts *A)
{
	return A->nids;
}

const char *iam_accounts_id(const struct iam_accounts *A, size_t i)
{
	return i < A->nids ? A->ids[i] : NULL;
}

size_t iam_accounts_entity_count(const struct iam_accounts *A,
				 enum iam_entity_kind kind)
{
	return A->nkind[kind];
}

size_t iam_accounts_policy_count(const struct iam_accounts *A)
{
	return A->npols;
}

/* An embedded AWS managed policy, compiled and added to the table. */
static struct iam_managed_policy *embed(struct iam_accounts *A, const char *arn,
					const char *key, struct iam_error *err)
{
	struct iam_managed_policy *m = iam_arena_alloc(A->arena, sizeof(*m));
	char vbuf[32], *k;

	if (!m || !(k = iam_arena_strdup(A->arena, key)))
		goto nomem;
	if (!(m->policy = iam_managed_compile(arn, IAM_POLICY_IDENTITY, err)))
		return NULL;
	if (iam_arena_defer(A->arena, free_policy, m->policy) < 0) {
		iam_policy_free(m->policy);
		goto nomem;
	}
	m->arn = m->policy->arn;
	m->name = m->policy->label;
	m->account = "aws";
	m->embedded = true;
	m->nversions = 1;
	m->default_version = iam_arena_strdup(A->arena,
		iam_managed_version(arn, vbuf, sizeof(vbuf)) ? vbuf : "");
	m->pos.source = IAM_MANAGED_SOURCE;
	m->pos.path = "";
	if (!m->default_version || insert(A, k, m) < 0 || PUSH(A->pols, A->npols, m) < 0)
		goto nomem;
	return m;
nomem:
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return NULL;
}

struct iam_managed_policy *iam_accounts_policy(struct iam_accounts *A,
					       const char *arn,
					       struct iam_error *err)
{
	char kbuf[600];
	struct slot *s = lookup(A, pol_key(arn, kbuf, sizeof(kbuf)));

	if (s && s->key)
		return s->val;
	if (!iam_managed_has(arn))
		return NULL;
	return embed(A, arn, kbuf, err);
}

static int gap(struct iam_accounts *A, struct iam_entity *e, const char *what,
	       const char *name, const struct iam_snap_pos *pos)
{
	struct iam_gap g = { what, name, e->arn, *pos };
	size_t n = e->ngaps;

	if (grow(&e->gaps, n, sizeof(*e->gaps)) < 0)
		return -1;
	e->gaps[e->ngaps++] = g;
	(void)A;
	return 0;
}

/* A managed policy the entity names, or a gap. */
static int link_policy(struct iam_accounts *A, struct iam_entity *e, const char *arn,
		       const struct iam_snap_pos *pos, const char *what,
		       struct iam_managed_policy **out, struct iam_error *err)
{
	*out = iam_accounts_policy(A, arn, err);
	if (*out)
		return 0;
	if (err && err->code != IAM_OK)
		return -1;
	return gap(A, e, what, arn, pos) < 0
		? iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory") : 0;
}

static int link_entity(struct iam_accounts *A, struct iam_entity *e,
		       struct iam_error *err)
{
	size_t n = 0;

	free(e->attached);
	e->attached = NULL;
	for (size_t i = 0; i < e->narns; i++) {
		struct iam_managed_policy *m;

		if (link_policy(A, e, e->attached_arns[i], &e->attached_pos[i], "policy",
				&m, err) < 0)
			return -1;
		if (m && PUSH(e->attached, n, m) < 0)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	e->nattached = n;
	if (e->boundary_arn && link_policy(A, e, e->boundary_arn, &e->boundary_pos,
					   "boundary", &e->boundary, err) < 0)
		return -1;
	return 0;
}

static int link_groups(struct iam_accounts *A, struct iam_entity *e,
		       struct iam_error *err)
{
	size_t n = 0, want = e->ngroup_names;

	free(e->groups);
	e->groups = NULL;
	for (size_t i = 0; i < want; i++) {
		char *key = ent_key(A->arena, 'g', e->account, e->group_names[i]);
		struct slot *s = key ? lookup(A, key) : NULL;

		if (!key)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		if (s && s->key) {
			if (PUSH(e->groups, n, (struct iam_entity *)s->val) < 0)
				return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		} else if (gap(A, e, "group", e->group_names[i], &e->group_pos[i]) < 0) {
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		}
	}
	e->ngroups = n;
	return 0;
}

int iam_accounts_finish(struct iam_accounts *A, struct iam_error *err)
{
	for (size_t i = 0; i < A->nents; i++) {
		struct iam_entity *e = A->ents[i];

		e->ngaps = 0;        /* linked anew: a later load may fill a gap */
		if (link_entity(A, e, err) < 0 || link_groups(A, e, err) < 0)
			return -1;
	}
	return 0;
}

const struct iam_entity *iam_accounts_find(const struct iam_accounts *A,
					   const char *arn)
{
	char acct[32];
	const char *res, *name, *slash;
	char kind, key[240];
	struct slot *s;
	size_t n;

	if (!arn_parts(arn, acct, sizeof(acct), &res))
		return NULL;
	if (strncmp(res, "user/", 5) == 0)
		kind = 'u';
	else if (strncmp(res, "group/", 6) == 0)
		kind = 'g';
	else if (strncmp(res, "role/", 5) == 0)
		kind = 'r';
	else if (strncmp(res, "assumed-role/", 13) == 0)
		kind = 'a';
	else
		return NULL;
	if (kind == 'a') {
		name = res + 13;
		slash = strchr(name, '/');
		n = slash ? (size_t)(slash - name) : strlen(name);
		kind = 'r';
	} else {
		name = strrchr(res, '/') + 1;
		n = strlen(name);
	}
	/* "k:ACCOUNT:NAME": an account is at most 31 bytes, a name 128 */
	if (n > 200)
		return NULL;
	snprintf(key, sizeof(key), "%c:%s:%.*s", kind, acct, (int)n, name);
	s = lookup(A, key);
	return s && s->key && (s->key[0] != 'p') ? s->val : NULL;
}

const struct iam_entity *iam_accounts_find_key(const struct iam_accounts *A,
					       const char *id,
					       const struct iam_access_key **key)
{
	char buf[160];
	const struct iam_entity *e;
	struct slot *s;

	if (strlen(id) > sizeof(buf) - 3)
		return NULL;
	snprintf(buf, sizeof(buf), "k:%s", id);
	if (!(s = lookup(A, buf)) || !s->key)
		return NULL;
	e = s->val;
	for (size_t i = 0; key && i < e->nkeys; i++)
		if (strcmp(e->keys[i].id, id) == 0)
			*key = &e->keys[i];
	return e;
}

const struct iam_entity *const *iam_accounts_entities(const struct iam_accounts *A,
						      size_t *n)
{
	*n = A->nents;
	return (const struct iam_entity *const *)A->ents;
}

/* ---- resolving a request ---- */

static bool has_policy(struct iam_policy *const *v, size_t n, const struct iam_policy *p)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == p)
			return true;
	return false;
}

static int add_identity(struct iam_policy_set *set, struct iam_policy *p,
			struct iam_error *err)
{
	if (has_policy(set->identity, set->nidentity, p))
		return 0;
	return iam_policy_set_add(set, IAM_LAYER_IDENTITY, p, err);
}

static int add_gaps(struct iam_gaps *g, const struct iam_entity *e, const char *what)
{
	if (!g)
		return 0;
	for (size_t i = 0; i < e->ngaps; i++) {
		bool b = strcmp(e->gaps[i].what, "boundary") == 0;

		if (b != (strcmp(what, "boundary") == 0))
			continue;
		if (PUSH(g->v, g->n, &e->gaps[i]) < 0)
			return -1;
	}
	return 0;
}

/* An entity's own policies: inline, then attached. */
static int entity_identity(struct iam_policy_set *set, const struct iam_entity *e,
			   struct iam_gaps *gaps, struct iam_error *err)
{
	for (size_t i = 0; i < e->ninline; i++)
		if (add_identity(set, e->inline_policies[i], err) < 0)
			return -1;
	for (size_t i = 0; i < e->nattached; i++)
		if (add_identity(set, e->attached[i]->policy, err) < 0)
			return -1;
	if (add_gaps(gaps, e, "policy") < 0)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

static int trust_of(const struct iam_accounts *A, const char *action,
		    const char *resource, struct iam_policy_set *set,
		    struct iam_error *err)
{
	const struct iam_entity *r;

	if (set->resource || !action || !resource ||
	    strncasecmp(action, "sts:AssumeRole", 14) != 0)
		return 0;
	r = iam_accounts_find(A, resource);
	if (!r || r->kind != IAM_ENTITY_ROLE || strstr(resource, ":assumed-role/"))
		return 0;
	return iam_policy_set_add(set, IAM_LAYER_RESOURCE, r->trust, err);
}

int iam_accounts_resolve(const struct iam_accounts *A, const char *principal,
			 const char *action, const char *resource,
			 bool with_identity, bool with_boundary,
			 struct iam_policy_set *set, struct iam_gaps *gaps,
			 struct iam_error *err)
{
	const struct iam_entity *e = principal ? iam_accounts_find(A, principal) : NULL;

	if (trust_of(A, action, resource, set, err) < 0 ||
	    org_levels(A, principal, resource, set, err) < 0)
		return -1;
	if (!e || e->kind == IAM_ENTITY_GROUP)
		return 0;
	if (with_identity) {
		if (entity_identity(set, e, gaps, err) < 0)
			return -1;
		for (size_t g = 0; g < e->ngroups; g++)
			if (entity_identity(set, e->groups[g], gaps, err) < 0)
				return -1;
	}
	if (with_boundary && !set->nboundary) {
		if (e->boundary &&
		    iam_policy_set_add(set, IAM_LAYER_BOUNDARY, e->boundary->policy, err) < 0)
			return -1;
		if (add_gaps(gaps, e, "boundary") < 0)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	return 1;
}

void iam_gaps_release(struct iam_gaps *g)
{
	free(g->v);
	g->v = NULL;
	g->n = 0;
}

const char *iam_gap_text(const struct iam_gap *g, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%d:%d: %s %s of %s is in no loaded snapshot",
		 g->pos.source, g->pos.line, g->pos.column,
		 strcmp(g->what, "group") == 0 ? "group" : strcmp(g->what, "boundary") == 0
		 ? "permissions boundary" : "policy", g->name, g->holder);
	return buf;
}

/* ---- the organization (--org) ---- */

/* A level binds with SCPs (RCPs) only when its target has an scps
 * (rcps) member: a target without one is where that policy type is not
 * enabled, and "scps": [] is a level that allows nothing. */
struct org_level {
	const char *name;
	struct iam_policy **scps, **rcps;
	size_t nscps, nrcps;
	bool has_scps, has_rcps;
};

struct org_account {
	const char *id;
	struct org_level **levels;
	size_t n;
};

/* An SCP or RCP named by its ARN is compiled once, however many levels
 * it is attached to. */
static struct iam_policy *org_compile(struct loader *ld, json_t *content, const char *ptr,
				      enum iam_policy_type type, const char *name,
				      const char *arn)
{
	char *key = arn ? child(ld, "o:", arn) : NULL;
	struct slot *s = key ? lookup(ld->A, key) : NULL;
	struct iam_policy *p;

	if (s && s->key && ((struct iam_policy *)s->val)->type == type)
		return s->val;
	p = compile(ld, content, ptr, type, name ? name : "policy", arn);
	if (p && key && (!s || !s->key) && insert(ld->A, key, p) < 0) {
		nomem(ld);
		return NULL;
	}
	return p;
}

/* One SCP or RCP: describe-policy output, its Policy member, or a
 * document. */
static struct iam_policy *org_policy(struct loader *ld, json_t *v, const char *ptr,
				     enum iam_policy_type type)
{
	json_t *pol = json_object_get(v, "Policy"), *sum, *content;
	const char *name = NULL, *arn = NULL;
	const char *at = ptr;

	if (!json_is_object(v)) {
		schema(ld, ptr, "a policy must be an object, not %s", iam_json_type_name(v));
		return NULL;
	}
	if (pol) {
		if (!json_is_object(pol)) {
			schema(ld, child(ld, ptr, "Policy"), "Policy must be an object, not %s",
			       iam_json_type_name(pol));
			return NULL;
		}
		v = pol;
		at = child(ld, ptr, "Policy");
	}
	if (!(content = json_object_get(v, "Content")))
		return compile(ld, v, at, type, NULL, NULL);
	if ((sum = json_object_get(v, "PolicySummary"))) {
		const char *sp = child(ld, at, "PolicySummary");

		if (!json_is_object(sum)) {
			schema(ld, sp, "PolicySummary must be an object, not %s",
			       iam_json_type_name(sum));
			return NULL;
		}
		if (get_str(ld, sum, sp, "Name", false, &name) < 0 ||
		    get_str(ld, sum, sp, "Arn", false, &arn) < 0)
			return NULL;
	}
	if (!json_is_string(content)) {
		schema(ld, child(ld, at, "Content"), "Content must be a string, not %s",
		       iam_json_type_name(content));
		return NULL;
	}
	return org_compile(ld, content, child(ld, at, "Content"), type, name, arn);
}

static int org_list(struct loader *ld, json_t *t, const char *ptr, const char *key,
		    enum iam_policy_type type, struct iam_policy ***v, size_t *n)
{
	json_t *list, *item;
	char *at;
	size_t i;

	if (get_array(ld, t, ptr, key, &list, &at) < 0)
		return -1;
	json_array_foreach(list, i, item) {
		struct iam_policy *p = org_policy(ld, item, child_index(ld, at, i), type);

		if (!p)
			return -1;
		if (PUSH(*v, *n, p) < 0)
			return nomem(ld);
	}
	return 0;
}

/* Level l: the target name of /targets. */
static int org_target(struct loader *ld, json_t *targets, const char *name,
		      const char *ptr, struct org_level *l)
{
	json_t *t = json_object_get(targets, name);
	char *tp = child(ld, "/targets", name);
	const char *key;
	json_t *v;

	if (!t)
		return schema(ld, ptr, "'%s' is not one of /targets", name);
	if (!json_is_object(t))
		return schema(ld, tp, "a target must be an object, not %s", iam_json_type_name(t));
	json_object_foreach(t, key, v)
		if (strcmp(key, "scps") != 0 && strcmp(key, "rcps") != 0)
			return schema(ld, child(ld, tp, key), "a target has scps and rcps, not '%s'",
				      key);
	if (!(l->name = sdup(ld, name)))
		return -1;
	l->has_scps = json_object_get(t, "scps") != NULL;
	l->has_rcps = json_object_get(t, "rcps") != NULL;
	if (org_list(ld, t, tp, "scps", IAM_POLICY_SCP, &l->scps, &l->nscps) < 0 ||
	    org_list(ld, t, tp, "rcps", IAM_POLICY_RCP, &l->rcps, &l->nrcps) < 0)
		return -1;
	return 0;
}

/* The level of target name, made once however many accounts name it. */
static struct org_level *org_level_of(struct loader *ld, json_t *targets, const char *name,
				      const char *ptr)
{
	char *key = child(ld, "t:", name);
	struct slot *s = key ? lookup(ld->A, key) : NULL;
	struct org_level *l;

	if (!key)
		return NULL;
	if (s && s->key)
		return s->val;
	if (!(l = iam_arena_alloc(ld->A->arena, sizeof(*l))) ||
	    PUSH(ld->A->levels, ld->A->nlevels, l) < 0) {
		nomem(ld);
		return NULL;
	}
	if (org_target(ld, targets, name, ptr, l) < 0)
		return NULL;
	if (insert(ld->A, key, l) < 0) {
		nomem(ld);
		return NULL;
	}
	return l;
}

static int org_accounts(struct loader *ld, json_t *targets, json_t *accounts)
{
	const char *id;
	json_t *path, *item;
	size_t i;

	json_object_foreach(accounts, id, path) {
		char *ap = child(ld, "/accounts", id);
		struct org_account *oa;

		if (!account_id(id))
			return schema(ld, ap, "'%s' is not an account ID (12 digits)", id);
		if (!json_is_array(path))
			return schema(ld, ap, "an account's levels are an array of target names, not %s",
				      iam_json_type_name(path));
		if (!(oa = iam_arena_alloc(ld->A->arena, sizeof(*oa))) || !(oa->id = sdup(ld, id)) ||
		    PUSH(ld->A->org, ld->A->norg, oa) < 0)
			return nomem(ld);
		json_array_foreach(path, i, item) {
			char *ip = child_index(ld, ap, i);
			struct org_level *l;

			if (!json_is_string(item))
				return schema(ld, ip, "a level is a target's name, not %s",
					      iam_json_type_name(item));
			if (!(l = org_level_of(ld, targets, json_string_value(item), ip)) ||
			    PUSH(oa->levels, oa->n, l) < 0)
				return l ? nomem(ld) : -1;
		}
	}
	return 0;
}

static int load_org_parsed(struct iam_accounts *A, struct iam_json_doc *doc, int loaded,
			   struct iam_error *err)
{
	struct loader ld = { A, doc, err };
	json_t *targets, *accounts;
	const char *key;
	json_t *v;
	int rc = -1;

	if (loaded < 0)
		goto out;
	if (!json_is_object(doc->root)) {
		schema(&ld, "", "an organization file is an object, not %s",
		       iam_json_type_name(doc->root));
		goto out;
	}
	json_object_foreach(doc->root, key, v)
		if (strcmp(key, "targets") != 0 && strcmp(key, "accounts") != 0) {
			schema(&ld, child(&ld, "", key), "an organization file has targets and accounts, not '%s'",
			       key);
			goto out;
		}
	targets = json_object_get(doc->root, "targets");
	accounts = json_object_get(doc->root, "accounts");
	if (!json_is_object(targets) || !json_is_object(accounts)) {
		schema(&ld, targets ? "/accounts" : "/targets", "%s must be an object",
		       targets ? "accounts" : "targets");
		goto out;
	}
	rc = org_accounts(&ld, targets, accounts);
out:
	iam_json_doc_release(doc);
	return rc;
}

int iam_accounts_load_org(struct iam_accounts *A, const char *file,
			  struct iam_error *err)
{
	struct iam_json_doc doc;
	int rc = iam_json_load_file_max(&doc, file, IAM_ACCOUNT_MAX_BYTES, err);

	return load_org_parsed(A, &doc, rc, err);
}

int iam_accounts_load_org_buffer(struct iam_accounts *A, const char *source,
				 const char *buf, size_t len, struct iam_error *err)
{
	struct iam_json_doc doc;
	int rc = iam_json_load_buffer_max(&doc, source, buf, len, IAM_ACCOUNT_MAX_BYTES, err);

	return load_org_parsed(A, &doc, rc, err);
}

static const struct org_account *org_of(const struct iam_accounts *A, const char *arn)
{
	char acct[32];
	const char *res;

	if (!arn || !arn_parts(arn, acct, sizeof(acct), &res))
		return NULL;
	for (size_t i = 0; i < A->norg; i++)
		if (strcmp(A->org[i]->id, acct) == 0)
			return A->org[i];
	return NULL;
}

static int org_levels(const struct iam_accounts *A, const char *principal,
		      const char *resource, struct iam_policy_set *set,
		      struct iam_error *err)
{
	const struct org_account *s = org_of(A, principal), *r = org_of(A, resource);

	if (!r)
		r = s;
	for (size_t i = 0; s && i < s->n; i++) {
		if (!s->levels[i]->has_scps)
			continue;
		if (iam_policy_set_level(set, IAM_LAYER_SCP, s->levels[i]->name, err) < 0)
			return -1;
		for (size_t k = 0; k < s->levels[i]->nscps; k++)
			if (iam_policy_set_add(set, IAM_LAYER_SCP, s->levels[i]->scps[k], err) < 0)
				return -1;
	}
	for (size_t i = 0; r && i < r->n; i++) {
		if (!r->levels[i]->has_rcps)
			continue;
		if (iam_policy_set_level(set, IAM_LAYER_RCP, r->levels[i]->name, err) < 0)
			return -1;
		for (size_t k = 0; k < r->levels[i]->nrcps; k++)
			if (iam_policy_set_add(set, IAM_LAYER_RCP, r->levels[i]->rcps[k], err) < 0)
				return -1;
	}
	return 0;
}

static void org_free(struct iam_accounts *A)
{
	for (size_t l = 0; l < A->nlevels; l++) {
		free(A->levels[l]->scps);
		free(A->levels[l]->rcps);
	}
	free(A->levels);
	for (size_t i = 0; i < A->norg; i++)
		free(A->org[i]->levels);
	free(A->org);
}
