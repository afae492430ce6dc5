/* core/request.c - the request file (--batch). */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/arena.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"
#include "core/request.h"
#include "core/unwrap.h"

struct cached {
	char *path;
	enum iam_policy_type type;
	struct iam_policy *pol;       /* NULL: it failed, err says why */
	struct iam_error err;
};

/* The accounts of an "account" (and "org") member: loaded once per
 * distinct list of files. */
struct cached_accounts {
	char *key;                    /* the paths, '\n'-separated */
	struct iam_accounts *A;       /* NULL: it failed, err says why */
	struct iam_error err;
};

struct iam_batch {
	char *dir;                    /* with a trailing '/', or "" */
	pthread_mutex_t lock;         /* lines may be parsed on several threads */
	struct cached *v;
	size_t n, cap;
	struct cached_accounts *acc;
	size_t nacc;
};

struct iam_batch *iam_batch_new(const char *request_file)
{
	struct iam_batch *b = calloc(1, sizeof(*b));
	const char *slash;

	if (!b)
		return NULL;
	slash = request_file && strcmp(request_file, "-") != 0
			? strrchr(request_file, '/') : NULL;
	b->dir = slash ? strndup(request_file, (size_t)(slash - request_file) + 1)
		       : strdup("");
	if (!b->dir || pthread_mutex_init(&b->lock, NULL) != 0) {
		free(b->dir);
		free(b);
		return NULL;
	}
	return b;
}

void iam_batch_free(struct iam_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].path);
		iam_policy_free(b->v[i].pol);
	}
	free(b->v);
	for (size_t i = 0; i < b->nacc; i++) {
		free(b->acc[i].key);
		iam_accounts_free(b->acc[i].A);
	}
	free(b->acc);
	free(b->dir);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

/* After a failed parse: say how many more problems there are, and where,
 * so that a request line names every problem of its policy. */
static void note_more(struct iam_error *err, const struct iam_diags *d)
{
	size_t n = strlen(err->text), more = d->nerrors ? d->nerrors - 1 : 0;
	bool first = true;

	if (!more)
		return;
	snprintf(err->text + n, sizeof(err->text) - n, " (%zu more:", more);
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].sev != IAM_SEV_ERROR)
			continue;
		if (first) {  /* the one already in err */
			first = false;
			continue;
		}
		n = strlen(err->text);
		snprintf(err->text + n, sizeof(err->text) - n, " %s at %s%s",
			 d->v[i].code, d->v[i].path[0] ? d->v[i].path : "/",
			 --more ? "," : ")");
	}
}

/* A policy file named by a request line: read once per batch. */
static struct iam_policy *batch_file_locked(struct iam_batch *b,
					    const char *rel,
					    enum iam_policy_type type,
					    struct iam_error *err)
{
	char *path;
	struct cached *c;

	if (rel[0] == '/' || !*b->dir) {
		path = strdup(rel);
	} else {
		size_t n = strlen(b->dir) + strlen(rel) + 1;

		path = malloc(n);
		if (path)
			snprintf(path, n, "%s%s", b->dir, rel);
	}
	if (!path)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory"), NULL;
	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].type == type && strcmp(b->v[i].path, path) == 0) {
			free(path);
			if (!b->v[i].pol && err && err->code == IAM_OK)
				*err = b->v[i].err;
			return b->v[i].pol;
		}
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		struct cached *v = realloc(b->v, cap * sizeof(*v));

		if (!v) {
			free(path);
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory"), NULL;
		}
		b->v = v;
		b->cap = cap;
	}
	c = &b->v[b->n++];
	memset(c, 0, sizeof(*c));
	c->path = path;
	c->type = type;
	{
		struct iam_diags diags = IAM_DIAGS_INIT;
		unsigned flags = type == IAM_POLICY_AUTO ? IAM_PARSE_RESOURCE_SIDE : 0;

		c->pol = iam_policy_load(path, type, flags | IAM_PARSE_ERRORS_ONLY,
					 &diags, &c->err);
		if (!c->pol)
			note_more(&c->err, &diags);
		iam_diags_release(&diags);
	}
	if (!c->pol && err && err->code == IAM_OK)
		*err = c->err;
	return c->pol;
}

static struct iam_policy *batch_file(struct iam_batch *b, const char *rel,
				     enum iam_policy_type type,
				     struct iam_error *err)
{
	struct iam_policy *p;

	pthread_mutex_lock(&b->lock);
	p = batch_file_locked(b, rel, type, err);
	pthread_mutex_unlock(&b->lock);
	return p;
}

static int own(struct iam_batch_item *it, struct iam_policy *p)
{
	struct iam_policy **v = realloc(it->owned, (it->nowned + 1) * sizeof(*v));

	if (!v)
		return -1;
	it->owned = v;
	it->owned[it->nowned++] = p;
	return 0;
}

/* One policy entry: a document, {"name", "policy"}, or a path. */
static struct iam_policy *entry_policy(struct iam_batch *b,
				       struct iam_batch_item *it,
				       struct iam_json_doc *doc, json_t *e,
				       const char *ptr, enum iam_policy_type type,
				       unsigned flags, struct iam_error *err)
{
	char base[512];
	const char *name = NULL;
	struct iam_policy *p;
	json_t *node = e;

	if (json_is_string(e))
		return batch_file(b, json_string_value(e), type, err);
	snprintf(base, sizeof(base), "%s", ptr);
	if (json_is_object(e) && json_object_get(e, "policy") &&
	    !json_object_get(e, "Statement")) {
		json_t *n = json_object_get(e, "name");
		const char *k;
		json_t *v;

		json_object_foreach(e, k, v) {
			if (strcmp(k, "name") != 0 && strcmp(k, "policy") != 0) {
				iam_error_set(err, IAM_ERR_SCHEMA, ptr,
					      "unknown field '%s' in a named policy: use \"name\" and \"policy\"",
					      k);
				return NULL;
			}
		}
		if (n && !json_is_string(n)) {
			iam_error_set(err, IAM_ERR_SCHEMA, ptr,
				      "\"name\" must be a string");
			return NULL;
		}
		name = n ? json_string_value(n) : NULL;
		node = json_object_get(e, "policy");
		iam_jptr_push(base, sizeof(base), "policy");
		if (json_is_string(node)) {
			p = batch_file(b, json_string_value(node), type, err);
			return p;
		}
	}
	if (!json_is_object(node)) {
		iam_error_set(err, IAM_ERR_SCHEMA, base,
			      "a policy must be a document, {\"name\", \"policy\"} or a file path, not %s",
			      iam_json_type_name(node));
		return NULL;
	}
	{
		struct iam_diags diags = IAM_DIAGS_INIT;
		struct iam_unwrapped u;
		unsigned pflags = flags | IAM_PARSE_ERRORS_ONLY |
				  (type == IAM_POLICY_AUTO ? IAM_PARSE_RESOURCE_SIDE : 0);

		if (iam_unwrap(doc, node, base, &u, err) < 0) {
			p = NULL;
		} else {
			p = iam_policy_parse(u.doc, u.node, u.base,
					     type == IAM_POLICY_AUTO ? u.type : type,
					     pflags, &diags, err);
			if (!p)
				note_more(err, &diags);
			else if (u.wrapper[0] &&
				 !(p->wrapper = iam_arena_strdup(p->arena, u.wrapper))) {
				iam_policy_free(p);
				p = NULL;
				iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			}
		}
		iam_unwrapped_release(&u);
		iam_diags_release(&diags);
	}
	if (!p)
		return NULL;
	/* inline: a statement's line is the request's line in the file */
	for (size_t i = 0; i < p->nstmts; i++)
		if (p->stmts[i].line > 0)
			p->stmts[i].line = (int)it->lineno;
	if (own(it, p) < 0 || iam_policy_set_name(p, name ? name : ptr + 1) < 0) {
		if (it->nowned == 0 || it->owned[it->nowned - 1] != p)
			iam_policy_free(p);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	return p;
}

/* A list of policy entries into a new array. */
static int entry_list(struct iam_batch *b, struct iam_batch_item *it,
		      struct iam_json_doc *doc, json_t *v, const char *field,
		      enum iam_policy_type type, unsigned flags,
		      struct iam_policy ***out, size_t *nout,
		      struct iam_error *err)
{
	char ptr[512];
	size_t n;

	snprintf(ptr, sizeof(ptr), "/%s", field);
	if (!json_is_array(v))
		return iam_error_set(err, IAM_ERR_SCHEMA, ptr,
				     "\"%s\" must be an array", field);
	n = json_array_size(v);
	*out = iam_arena_calloc(it->arena, n, sizeof(**out));
	if (!*out)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		char ep[512];
		struct iam_policy *p;

		snprintf(ep, sizeof(ep), "%s", ptr);
		iam_jptr_push_index(ep, sizeof(ep), i);
		p = entry_policy(b, it, doc, json_array_get(v, i), ep, type,
				 flags, err);
		if (!p)
			return -1;
		(*out)[(*nout)++] = p;
	}
	return 0;
}

/* Is list element e an organization level ({"orgIdentifier", "policies"})
 * rather than a policy document? */
static bool is_level(json_t *e)
{
	return json_is_object(e) && json_object_get(e, "policies") &&
	       !json_object_get(e, "Statement");
}

/* "scps": [doc, ...] (the policies attached at one level, the account's,
 * as repeated --scp) or [{"orgIdentifier", "policies": [...]}, ...] (one
 * level each, root first); the two forms do not mix. */
static int org_levels(struct iam_batch *b, struct iam_batch_item *it,
		      struct iam_json_doc *doc, json_t *v, const char *field,
		      enum iam_policy_type type, unsigned flags,
		      struct iam_org_level **out, size_t *nout,
		      struct iam_error *err)
{
	size_t n;

	if (!json_is_array(v))
		return iam_error_set(err, IAM_ERR_SCHEMA, field[0] == 's' ? "/scps" : "/rcps",
				     "\"%s\" must be an array", field);
	n = json_array_size(v);
	size_t nlevels = 0;

	for (size_t i = 0; i < n; i++)
		nlevels += is_level(json_array_get(v, i));
	if (nlevels && nlevels != n)
		return iam_error_set(err, IAM_ERR_SCHEMA, field[0] == 's' ? "/scps" : "/rcps",
				     "\"%s\" holds either policy documents (the ones attached at one level) or levels ({\"orgIdentifier\", \"policies\"}), not both",
				     field);
	if (!nlevels && n) {
		/* documents: one level */
		struct iam_org_level *lv;

		*out = lv = iam_arena_calloc(it->arena, 1, sizeof(**out));
		if (!lv || !(lv->policies = iam_arena_calloc(it->arena, n, sizeof(*lv->policies))))
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		*nout = 1;
		for (size_t i = 0; i < n; i++) {
			char ep[512];
			struct iam_policy *p;

			snprintf(ep, sizeof(ep), "/%s", field);
			iam_jptr_push_index(ep, sizeof(ep), i);
			if (!(p = entry_policy(b, it, doc, json_array_get(v, i), ep, type,
					       flags, err)))
				return -1;
			lv->policies[lv->n++] = p;
		}
		return 0;
	}
	*out = iam_arena_calloc(it->arena, n, sizeof(**out));
	if (!*out)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(v, i), *pols;
		struct iam_org_level *lv = &(*out)[(*nout)++];
		char ep[512];

		snprintf(ep, sizeof(ep), "/%s", field);
		iam_jptr_push_index(ep, sizeof(ep), i);
		pols = json_object_get(e, "policies");
		{
			json_t *org = json_object_get(e, "orgIdentifier");
			const char *k;
			json_t *x;

			json_object_foreach(e, k, x) {
				if (strcmp(k, "orgIdentifier") != 0 &&
				    strcmp(k, "policies") != 0)
					return iam_error_set(err, IAM_ERR_SCHEMA, ep,
							     "unknown field '%s' in an organization level: use \"orgIdentifier\" and \"policies\"",
							     k);
			}
			if (org && json_is_string(org)) {
				lv->name = iam_arena_strdup(it->arena,
							    json_string_value(org));
				if (!lv->name)
					return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			}
			if (!json_is_array(pols))
				return iam_error_set(err, IAM_ERR_SCHEMA, ep,
						     "\"policies\" must be an array");
			lv->policies = iam_arena_calloc(it->arena, json_array_size(pols),
							sizeof(*lv->policies));
			if (!lv->policies)
				return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			for (size_t k2 = 0; k2 < json_array_size(pols); k2++) {
				char pp[512];
				struct iam_policy *p;

				memcpy(pp, ep, sizeof(pp));
				iam_jptr_push(pp, sizeof(pp), "policies");
				iam_jptr_push_index(pp, sizeof(pp), k2);
				p = entry_policy(b, it, doc, json_array_get(pols, k2),
						 pp, type, flags, err);
				if (!p)
					return -1;
				lv->policies[lv->n++] = p;
			}
		}
	}
	return 0;
}

/* ---- "account" and "org": the request's policies from snapshots ---- */

static char *batch_path(const struct iam_batch *b, const char *rel)
{
	size_t n = strlen(b->dir) + strlen(rel) + 1;
	char *path;

	if (rel[0] == '/' || !*b->dir)
		return strdup(rel);
	if ((path = malloc(n)))
		snprintf(path, n, "%s%s", b->dir, rel);
	return path;
}

/* "account" (a path or an array of paths) and "org" as a key: the paths,
 * each on a line, "org" last after a '\f'. */
static int accounts_key(const struct iam_batch *b, json_t *root, char **key,
			struct iam_error *err)
{
	json_t *acc = json_object_get(root, "account"), *org = json_object_get(root, "org");
	json_t *e;
	size_t i, n, len = 2;
	char *k;

	if (acc && !json_is_string(acc) && !json_is_array(acc))
		return iam_error_set(err, IAM_ERR_SCHEMA, "/account",
				     "\"account\" must be a path or an array of paths, not %s",
				     iam_json_type_name(acc));
	if (org && !json_is_string(org))
		return iam_error_set(err, IAM_ERR_SCHEMA, "/org",
				     "\"org\" must be a path, not %s", iam_json_type_name(org));
	json_array_foreach(acc, i, e)
		if (!json_is_string(e)) {
			char ptr[32];

			snprintf(ptr, sizeof(ptr), "/account/%zu", i);
			return iam_error_set(err, IAM_ERR_SCHEMA, ptr,
					     "a snapshot is named by its path, not %s",
					     iam_json_type_name(e));
		}
	if (!(k = strdup("")))
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	n = json_is_array(acc) ? json_array_size(acc) : acc != NULL;
	for (i = 0; i <= n; i++) {
		json_t *f = i == n ? org : json_is_array(acc) ? json_array_get(acc, i) : acc;
		size_t at = strlen(k);
		char *path, *nk;

		if (!f)
			continue;
		if (!(path = batch_path(b, json_string_value(f))) ||
		    !(nk = realloc(k, len += strlen(path) + 2))) {
			free(path);
			free(k);
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		}
		k = nk;
		snprintf(k + at, len - at, "%s%s\n", f == org ? "\f" : "", path);
		free(path);
	}
	*key = k;
	return 0;
}

/* Load the files of key into A. */
static int load_accounts(struct iam_accounts *A, char *key, struct iam_error *err)
{
	for (char *p = key; *p;) {
		char *nl = strchr(p, '\n');
		int rc;

		*nl = '\0';
		rc = *p == '\f' ? iam_accounts_load_org(A, p + 1, err)
				: iam_accounts_load_file(A, p, err);
		*nl = '\n';
		if (rc < 0)
			return -1;
		p = nl + 1;
	}
	return iam_accounts_finish(A, err);
}

static const struct iam_accounts *batch_accounts_locked(struct iam_batch *b, char *key,
							struct iam_error *err)
{
	struct cached_accounts *c, *v;

	for (size_t i = 0; i < b->nacc; i++)
		if (strcmp(b->acc[i].key, key) == 0) {
			free(key);
			if (!b->acc[i].A)
				*err = b->acc[i].err;
			return b->acc[i].A;
		}
	if (!(v = realloc(b->acc, (b->nacc + 1) * sizeof(*v)))) {
		free(key);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory"), NULL;
	}
	b->acc = v;
	c = &b->acc[b->nacc++];
	memset(c, 0, sizeof(*c));
	c->key = key;
	if (!(c->A = iam_accounts_new())) {
		iam_error_set(&c->err, IAM_ERR_NOMEM, NULL, "out of memory");
	} else if (load_accounts(c->A, key, &c->err) < 0) {
		iam_accounts_free(c->A);
		c->A = NULL;
	}
	if (!c->A)
		*err = c->err;
	return c->A;
}

/* The line's set, rebuilt by iam_policy_set_add so that the accounts'
 * policies can join it. */
static int rebuild_set(struct iam_policy_set *to, const struct iam_policy_set *from,
		       struct iam_error *err)
{
	for (size_t i = 0; i < from->nidentity; i++)
		if (iam_policy_set_add(to, IAM_LAYER_IDENTITY, from->identity[i], err) < 0)
			return -1;
	for (size_t i = 0; i < from->nboundary; i++)
		if (iam_policy_set_add(to, IAM_LAYER_BOUNDARY, from->boundary[i], err) < 0)
			return -1;
	if ((from->session && iam_policy_set_add(to, IAM_LAYER_SESSION, from->session, err) < 0) ||
	    (from->resource && iam_policy_set_add(to, IAM_LAYER_RESOURCE, from->resource, err) < 0))
		return -1;
	for (int l = 0; l < 2; l++) {
		enum iam_layer layer = l ? IAM_LAYER_RCP : IAM_LAYER_SCP;
		const struct iam_org_level *lv = l ? from->rcp : from->scp;
		size_t n = l ? from->nrcp : from->nscp;

		for (size_t i = 0; i < n; i++) {
			if (iam_policy_set_level(to, layer, lv[i].name, err) < 0)
				return -1;
			for (size_t k = 0; k < lv[i].n; k++)
				if (iam_policy_set_add(to, layer, lv[i].policies[k], err) < 0)
					return -1;
		}
	}
	return 0;
}

static int line_accounts(struct iam_batch *b, struct iam_batch_item *it, json_t *root,
			 struct iam_error *err)
{
	const struct iam_accounts *A;
	struct iam_policy_set set = { 0 };
	struct iam_gaps gaps = { 0 };
	char *key = NULL, text[1024];
	int found;

	if (accounts_key(b, root, &key, err) < 0)
		return -1;
	pthread_mutex_lock(&b->lock);
	A = batch_accounts_locked(b, key, err);
	pthread_mutex_unlock(&b->lock);
	if (!A)
		return -1;
	if (rebuild_set(&set, &it->set, err) < 0 ||
	    (found = iam_accounts_resolve(A, it->principal, it->action, it->resource, true,
					  true, &set, &gaps, err)) < 0) {
		iam_policy_set_release(&set);
		iam_gaps_release(&gaps);
		return -1;
	}
	it->set = set;    /* the line's arrays stay in its arena */
	if (gaps.n) {
		iam_error_set(err, IAM_ERR_SCHEMA, "/principal", "%s",
			      iam_gap_text(gaps.v[0], text, sizeof(text)));
		iam_gaps_release(&gaps);
		return -1;
	}
	if (!found && it->principal && it->prin.account.len) {
		for (size_t i = 0; i < iam_accounts_count(A); i++)
			if (strcmp(iam_accounts_id(A, i), iam_principal_account(&it->prin)) == 0 &&
			    (it->prin.type == IAM_PT_USER || it->prin.type == IAM_PT_ROLE ||
			     it->prin.type == IAM_PT_ASSUMED_ROLE))
				return iam_error_set(err, IAM_ERR_SCHEMA, "/principal",
						     "the snapshot of account %s holds no %s",
						     iam_accounts_id(A, i), it->principal);
	}
	return 0;
}

/* The request's members, and the annotations iamgate ignores: "rule",
 * "note", and the reason a test case expects, "decidedBy" and "matched"
 * (tests/run-batch.sh compares them with the --explain output). */
static const char *const fields[] = {
	"id", "principal", "action", "resource", "resourceAccount",
	"identityPolicies", "permissionBoundaries", "sessionPolicy",
	"resourcePolicy", "scps", "rcps", "context", "region", "expect", "rule", "note",
	"decidedBy", "matched", "account", "org", NULL
};

static int line_accounts(struct iam_batch *b, struct iam_batch_item *it, json_t *root,
			 struct iam_error *err);

static int string_field(struct iam_batch_item *it, json_t *obj,
			const char *name, bool required, char **out,
			struct iam_error *err)
{
	json_t *v = json_object_get(obj, name);
	char ptr[64];

	snprintf(ptr, sizeof(ptr), "/%s", name);
	*out = NULL;
	if (!v) {
		if (required)
			return iam_error_set(err, IAM_ERR_SCHEMA, "",
					     "the request has no \"%s\"", name);
		return 0;
	}
	if (!json_is_string(v))
		return iam_error_set(err, IAM_ERR_SCHEMA, ptr,
				     "\"%s\" must be a string, not %s", name,
				     iam_json_type_name(v));
	*out = iam_arena_strdup(it->arena, json_string_value(v));
	if (!*out)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

int iam_batch_parse_line(struct iam_batch *b, const char *line, size_t len,
			 long lineno, unsigned flags,
			 struct iam_batch_item *it, struct iam_error *err)
{
	struct iam_json_doc doc;
	char source[64];
	const char *key, *why;
	json_t *root, *v;
	int rc = -1;

	memset(it, 0, sizeof(*it));
	it->lineno = lineno;
	it->arena = iam_arena_new();
	if (!it->arena)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	snprintf(source, sizeof(source), "line %ld", lineno);
	if (iam_json_load_buffer(&doc, source, line, len, err) < 0)
		goto out;
	root = doc.root;
	if (!json_is_object(root)) {
		iam_error_set(err, IAM_ERR_SCHEMA, "",
			      "a request must be a JSON object, not %s",
			      iam_json_type_name(root));
		goto out;
	}
	it->id = json_incref(json_object_get(root, "id"));
	json_object_foreach(root, key, v) {
		bool known = false;

		for (size_t i = 0; fields[i] && !known; i++)
			known = strcmp(fields[i], key) == 0;
		if (!known) {
			char ptr[300];

			ptr[0] = '\0';
			iam_jptr_push(ptr, sizeof(ptr), key);
			iam_error_set(err, IAM_ERR_SCHEMA, ptr,
				      "unknown field '%s'", key);
			goto out;
		}
	}
	if (string_field(it, root, "action", true, &it->action, err) < 0 ||
	    string_field(it, root, "resource", true, &it->resource, err) < 0 ||
	    string_field(it, root, "principal", false, &it->principal, err) < 0 ||
	    string_field(it, root, "resourceAccount", false,
			 &it->resource_account, err) < 0)
		goto out;
	/* as the command line: service:Action, or "*" */
	if (!strchr(it->action, ':') && strcmp(it->action, "*") != 0) {
		iam_error_set(err, IAM_ERR_SCHEMA, "/action",
			      "'%s' is not of the form service:Action", it->action);
		goto out;
	}
	if (it->principal) {
		if (iam_principal_parse(it->principal, &it->prin) < 0) {
			iam_error_set(err, IAM_ERR_SCHEMA, "/principal",
				      "'%s' is not an ARN, account ID, service principal or '*'",
				      it->principal);
			goto out;
		}
	}
	v = json_object_get(root, "expect");
	if (v) {
		if (!json_is_string(v) ||
		    iam_decision_parse(json_string_value(v), &it->expect) < 0) {
			iam_error_set(err, IAM_ERR_SCHEMA, "/expect",
				      "\"expect\" must be \"Allowed\", \"ImplicitlyDenied\" or \"ExplicitlyDenied\"");
			goto out;
		}
		it->has_expect = true;
	}
	/* "region": aws:RequestedRegion, as --region */
	v = json_object_get(root, "region");
	if (v) {
		if (!json_is_string(v) || !*json_string_value(v)) {
			iam_error_set(err, IAM_ERR_SCHEMA, "/region",
				      "\"region\" must be a Region code such as \"us-east-1\"");
			goto out;
		}
		if (iam_context_add(&it->ctx, "aws:RequestedRegion", json_string_value(v)) < 0) {
			iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			goto out;
		}
	}
	v = json_object_get(root, "context");
	if (v) {
		const char *k;
		json_t *cv;

		if (!json_is_object(v)) {
			iam_error_set(err, IAM_ERR_SCHEMA, "/context",
				      "\"context\" must be an object");
			goto out;
		}
		json_object_foreach(v, k, cv) {
			if (iam_context_add_json(&it->ctx, k, cv, &why) < 0) {
				char ptr[300] = "/context";

				iam_jptr_push(ptr, sizeof(ptr), k);
				iam_error_set(err, IAM_ERR_SCHEMA, ptr, "%s", why);
				goto out;
			}
		}
	}
	if (it->principal && iam_context_derive(&it->ctx, it->principal) < 0) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		goto out;
	}
	if ((v = json_object_get(root, "identityPolicies")) &&
	    entry_list(b, it, &doc, v, "identityPolicies", IAM_POLICY_IDENTITY,
		       flags, &it->set.identity, &it->set.nidentity, err) < 0)
		goto out;
	if ((v = json_object_get(root, "permissionBoundaries")) &&
	    entry_list(b, it, &doc, v, "permissionBoundaries", IAM_POLICY_BOUNDARY,
		       flags, &it->set.boundary, &it->set.nboundary, err) < 0)
		goto out;
	if ((v = json_object_get(root, "sessionPolicy")) &&
	    !(it->set.session = entry_policy(b, it, &doc, v, "/sessionPolicy",
					     IAM_POLICY_SESSION, flags, err)))
		goto out;
	if ((v = json_object_get(root, "resourcePolicy")) &&
	    !(it->set.resource = entry_policy(b, it, &doc, v, "/resourcePolicy",
					      IAM_POLICY_AUTO, flags, err)))
		goto out;
	if ((v = json_object_get(root, "scps")) &&
	    org_levels(b, it, &doc, v, "scps", IAM_POLICY_SCP, flags,
		       &it->set.scp, &it->set.nscp, err) < 0)
		goto out;
	if ((v = json_object_get(root, "rcps")) &&
	    org_levels(b, it, &doc, v, "rcps", IAM_POLICY_RCP, flags,
		       &it->set.rcp, &it->set.nrcp, err) < 0)
		goto out;
	if ((json_object_get(root, "account") || json_object_get(root, "org")) &&
	    line_accounts(b, it, root, err) < 0)
		goto out;
	rc = 0;
out:
	iam_json_doc_release(&doc);
	return rc;
}

void iam_batch_item_release(struct iam_batch_item *it)
{
	if (!it)
		return;
	json_decref(it->id);
	iam_context_release(&it->ctx);
	iam_policy_set_release(&it->set);   /* when built by "account" */
	for (size_t i = 0; i < it->nowned; i++)
		iam_policy_free(it->owned[i]);
	free(it->owned);
	iam_arena_free(it->arena);  /* the strings and the policy arrays */
	memset(it, 0, sizeof(*it));
}

void iam_batch_item_request(const struct iam_batch_item *it,
			    struct iam_request *req)
{
	req->principal = it->principal;
	req->parsed = it->principal ? &it->prin : NULL;
	req->action = it->action;
	req->resource = it->resource;
	req->resource_account = it->resource_account;
	req->context = (struct iam_context *)&it->ctx;
}
