/* amplify/amplify.c - required-action lists, plans, and the deployer check.
 *
 * A plan is built once per run: every list entry of the chosen categories
 * is expanded through the catalog, each concrete action gets the resources
 * it is checked on, and requirements asking for the same action on the
 * same resources are merged (a hash of action and resources).  The check
 * is then one iam_authorize() per action and resource, with one of four
 * prepared request contexts (called directly or by CloudFormation; with
 * or without the environment's permissions boundary).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "core/buf.h"
#include "amplify/amplify_impl.h"
#include "core/authz.h"
#include "core/catalog.h"
#include "core/context.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"

const char *const iam_amplify_categories[] = {
	"core", "auth", "api", "function", "storage", "hosting", "analytics",
	"notifications", "interactions", "predictions", "geo", NULL,
};

int iam_amplify_category_index(const char *name)
{
	for (int i = 0; iam_amplify_categories[i]; i++)
		if (strcmp(iam_amplify_categories[i], name) == 0)
			return i;
	return -1;
}

const char *iam_amplify_block_name(enum iam_amplify_block b)
{
	switch (b) {
	case IAM_AMPLIFY_ALLOWED:
		return "allowed";
	case IAM_AMPLIFY_BY_IDENTITY:
		return "identity";
	case IAM_AMPLIFY_BY_BOUNDARY:
		return "boundary";
	case IAM_AMPLIFY_BY_SCP:
		return "scp";
	case IAM_AMPLIFY_BY_DENY:
		return "explicit-deny";
	}
	return "identity";
}

const struct iam_amplify_blob *iam_amplify_blob(const char *path)
{
	for (const struct iam_amplify_blob *b = iam_amplify_blobs; b->path; b++)
		if (strcmp(b->path, path) == 0)
			return b;
	return NULL;
}

/* "lists/NAME.json" -> NAME, in a static table built on first use. */
bool iam_amplify_list_at(size_t i, const char **name, const char **title)
{
	static char names[16][64];
	size_t k = 0;

	for (const struct iam_amplify_blob *b = iam_amplify_blobs; b->path; b++) {
		const char *p = b->path, *dot;
		size_t n;

		if (strncmp(p, "lists/", 6) != 0)
			continue;
		if (k == i) {
			if (k >= sizeof(names) / sizeof(names[0]))
				return false;
			p += 6;
			dot = strstr(p, ".json");
			n = dot ? (size_t)(dot - p) : strlen(p);
			if (n >= sizeof(names[0]))
				n = sizeof(names[0]) - 1;
			memcpy(names[k], p, n);
			names[k][n] = '\0';
			*name = names[k];
			if (title)
				*title = NULL;
			return true;
		}
		k++;
	}
	return false;
}

const char *iam_amplify_default_list(int generation)
{
	return generation == 2 ? "gen2" : "admin-amplify";
}

/* ---- loading a list ---- */

static char *dup_or(const char *s, bool *fail)
{
	char *d = strdup(s ? s : "");

	if (!d)
		*fail = true;
	return d;
}

static int schema_error(struct iam_error *err, const char *source,
			struct iam_json_doc *doc, const char *path,
			const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int schema_error(struct iam_error *err, const char *source,
			struct iam_json_doc *doc, const char *path,
			const char *fmt, ...)
{
	char text[400];
	int line = 0, col = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (doc && doc->text)
		iam_json_locate(doc, path, &line, &col);
	iam_error_set(err, IAM_ERR_SCHEMA, path, "%s", text);
	iam_error_locate(err, source, line, col);
	return -1;
}

void iam_amplify_list_free(struct iam_amplify_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nentries; i++) {
		struct iam_amplify_entry *e = &l->entries[i];

		free(e->action);
		free(e->source);
		free(e->note);
		for (size_t k = 0; k < e->nresources; k++)
			free(e->resources[k]);
		free(e->resources);
	}
	free(l->entries);
	free(l->name);
	free(l->title);
	free(l->source);
	free(l->snapshot);
	free(l);
}

static int parse_entry(struct iam_amplify_entry *e, json_t *o,
		       struct iam_json_doc *doc, const char *src,
		       const char *path, struct iam_error *err)
{
	json_t *action = json_object_get(o, "action"), *cats, *v, *res;
	const char *key;
	char p[300];
	bool fail = false;
	size_t i;

	if (!json_is_object(o))
		return schema_error(err, src, doc, path, "an entry must be an object");
	json_object_foreach(o, key, v) {
		static const char *const known[] = { "action", "categories", "source",
						     "via", "resources", "note", "hosting",
						     NULL };
		bool ok = false;

		for (size_t k = 0; known[k]; k++)
			ok = ok || strcmp(known[k], key) == 0;
		if (!ok) {
			snprintf(p, sizeof(p), "%s/%s", path, key);
			return schema_error(err, src, doc, p, "unknown field '%s'", key);
		}
	}
	snprintf(p, sizeof(p), "%s/action", path);
	if (!json_is_string(action) || !strchr(json_string_value(action), ':'))
		return schema_error(err, src, doc, json_is_string(action) ? p : path,
				    "an entry needs \"action\": \"service:Action\"");
	cats = json_object_get(o, "categories");
	snprintf(p, sizeof(p), "%s/categories", path);
	if (!json_is_array(cats) || !json_array_size(cats))
		return schema_error(err, src, doc, cats ? p : path,
				    "an entry needs a non-empty \"categories\" list");
	e->first_cat = -1;
	json_array_foreach(cats, i, v) {
		int c = json_is_string(v) ? iam_amplify_category_index(json_string_value(v)) : -1;

		if (c < 0) {
			snprintf(p, sizeof(p), "%s/categories/%zu", path, i);
			return schema_error(err, src, doc, p,
					    "unknown category %s%s%s (core, auth, api, function, storage, hosting, analytics, notifications, interactions, predictions, geo)",
					    json_is_string(v) ? "'" : "",
					    json_is_string(v) ? json_string_value(v) : "(not a string)",
					    json_is_string(v) ? "'" : "");
		}
		if (e->first_cat < 0)
			e->first_cat = c;
		e->cats |= 1u << c;
	}
	v = json_object_get(o, "via");
	if (v && !(json_is_string(v) && strcmp(json_string_value(v), "cloudformation") == 0)) {
		snprintf(p, sizeof(p), "%s/via", path);
		return schema_error(err, src, doc, p, "\"via\" can only be \"cloudformation\"");
	}
	e->via_cfn = v != NULL;
	v = json_object_get(o, "hosting");
	if (v && !(json_is_string(v) && strcmp(json_string_value(v), "ssr") == 0)) {
		snprintf(p, sizeof(p), "%s/hosting", path);
		return schema_error(err, src, doc, p, "\"hosting\" can only be \"ssr\"");
	}
	e->ssr_only = v != NULL;
	e->action = dup_or(json_string_value(action), &fail);
	e->source = dup_or(json_string_value(json_object_get(o, "source")), &fail);
	v = json_object_get(o, "note");
	e->note = json_is_string(v) ? dup_or(json_string_value(v), &fail) : NULL;
	res = json_object_get(o, "resources");
	if (res) {
		if (!json_is_array(res) || json_array_size(res) > IAM_AMPLIFY_MAX_RESOURCES) {
			snprintf(p, sizeof(p), "%s/resources", path);
			return schema_error(err, src, doc, p,
					    "\"resources\" must be a list of at most %d ARN patterns",
					    IAM_AMPLIFY_MAX_RESOURCES);
		}
		e->resources = calloc(json_array_size(res) + 1, sizeof(char *));
		if (!e->resources)
			fail = true;
		json_array_foreach(res, i, v) {
			if (!json_is_string(v)) {
				snprintf(p, sizeof(p), "%s/resources/%zu", path, i);
				return schema_error(err, src, doc, p, "a resource must be a string");
			}
			if (e->resources)
				e->resources[e->nresources++] = dup_or(json_string_value(v), &fail);
		}
	}
	if (fail)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

static struct iam_amplify_list *parse_list(struct iam_json_doc *doc,
					   const char *src,
					   struct iam_error *err)
{
	struct iam_amplify_list *l = calloc(1, sizeof(*l));
	json_t *root = doc->root, *entries, *v;
	bool fail = false;
	size_t i;

	if (!l) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	entries = json_object_get(root, "entries");
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "name")) ||
	    !json_is_array(entries)) {
		schema_error(err, src, doc, "",
			     "an action list is {\"name\": ..., \"entries\": [...]}");
		goto fail;
	}
	l->name = dup_or(json_string_value(json_object_get(root, "name")), &fail);
	l->title = dup_or(json_string_value(json_object_get(root, "title")), &fail);
	l->source = dup_or(json_string_value(json_object_get(root, "source")), &fail);
	l->snapshot = dup_or(json_string_value(json_object_get(root, "snapshot")), &fail);
	v = json_object_get(root, "generation");
	l->generation = json_is_integer(v) && json_integer_value(v) == 2 ? 2 : 1;
	l->entries = calloc(json_array_size(entries) + 1, sizeof(*l->entries));
	if (fail || !l->entries) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	json_array_foreach(entries, i, v) {
		char p[64];

		snprintf(p, sizeof(p), "/entries/%zu", i);
		l->nentries = i + 1;
		if (parse_entry(&l->entries[i], v, doc, src, p, err) < 0)
			goto fail;
	}
	return l;
fail:
	iam_amplify_list_free(l);
	return NULL;
}

struct iam_amplify_list *iam_amplify_list_load(const char *name,
					       struct iam_error *err)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_amplify_list *l = NULL;
	size_t n = strlen(name);

	if (strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".json") == 0)) {
		if (iam_json_load_file(&doc, name, err) == 0)
			l = parse_list(&doc, name, err);
	} else {
		char path[128];
		const struct iam_amplify_blob *b;

		snprintf(path, sizeof(path), "lists/%s.json", name);
		b = iam_amplify_blob(path);
		if (!b) {
			iam_error_set(err, IAM_ERR_USAGE, NULL,
				      "no action list is named '%s'", name);
			return NULL;
		}
		if (iam_json_load_buffer(&doc, path, b->text, b->len, err) == 0)
			l = parse_list(&doc, path, err);
	}
	iam_json_doc_release(&doc);
	return l;
}

/* ---- resources ---- */

static json_t *resources_table(struct iam_error *err)
{
	const struct iam_amplify_blob *b = iam_amplify_blob("resources.json");
	json_error_t je;
	json_t *t;

	if (!b) {
		iam_error_set(err, IAM_ERR_SCHEMA, NULL, "resources.json is not built in");
		return NULL;
	}
	t = json_loadb(b->text, b->len, 0, &je);
	if (!t)
		iam_error_set(err, IAM_ERR_JSON, NULL, "resources.json: %s", je.text);
	return t;
}


struct filler {
	json_t *table;                 /* resources.json */
	const struct iam_amplify_vars *vars;
	const char *category;
	json_t *svc;                   /* services.<prefix>, or NULL */
};

static const char *var_value(const struct filler *f, const char *name, size_t n)
{
	const struct iam_amplify_vars *v = f->vars;
	static const struct {
		const char *name;
		size_t off;
	} map[] = {
		{ "StackPrefix", offsetof(struct iam_amplify_vars, stack_prefix) },
		{ "DeploymentBucket", offsetof(struct iam_amplify_vars, deployment_bucket) },
		{ "StorageBucket", offsetof(struct iam_amplify_vars, storage_bucket) },
		{ "HostingBucket", offsetof(struct iam_amplify_vars, hosting_bucket) },
		{ "AppId", offsetof(struct iam_amplify_vars, app_id) },
		{ "Env", offsetof(struct iam_amplify_vars, env) },
		{ "Region", offsetof(struct iam_amplify_vars, region) },
		{ "Account", offsetof(struct iam_amplify_vars, account) },
		{ "Partition", offsetof(struct iam_amplify_vars, partition) },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strlen(map[i].name) != n || strncmp(map[i].name, name, n) != 0)
			continue;
		if (v) {
			const char *s = *(const char *const *)((const char *)v + map[i].off);

			if (s)
				return s;
		}
		if (strcmp(map[i].name, "Partition") == 0)
			return "aws";
		if (strcmp(map[i].name, "Region") == 0 || strcmp(map[i].name, "Account") == 0)
			return "*";
		{
			json_t *d = json_object_get(json_object_get(f->table, "vars"),
						    map[i].name);

			return json_is_string(d) ? json_string_value(d) : "*";
		}
	}
	return NULL;
}

/* A name placeholder: the category's own value, the service's, else '*'. */
static const char *name_value(const struct filler *f, const char *name, size_t n)
{
	char key[128];
	json_t *v;

	if (n >= sizeof(key))
		return "*";
	memcpy(key, name, n);
	key[n] = '\0';
	v = json_object_get(json_object_get(json_object_get(f->svc, "categories"),
					    f->category), key);
	if (!v)
		v = json_object_get(json_object_get(f->svc, "names"), key);
	return json_is_string(v) ? json_string_value(v) : "*";
}

/* Fill ${...} in tmpl: variables first, then names; a value may itself
 * hold ${Var} (one level). */
static char *fill(const struct filler *f, const char *tmpl, bool names)
{
	struct iam_buf b = { 0 };

	iam_buf_add(&b, "", 0);
	while (*tmpl) {
		const char *a = strstr(tmpl, "${"), *end, *val;

		if (!a) {
			iam_buf_add(&b, tmpl, strlen(tmpl));
			break;
		}
		iam_buf_add(&b, tmpl, (size_t)(a - tmpl));
		end = strchr(a, '}');
		if (!end) {
			iam_buf_add(&b, a, strlen(a));
			break;
		}
		val = var_value(f, a + 2, (size_t)(end - a - 2));
		if (!val && names) {
			val = name_value(f, a + 2, (size_t)(end - a - 2));
			if (strstr(val, "${")) {
				char *inner = fill(f, val, false);

				if (!inner) {
					b.fail = true;
					break;
				}
				iam_buf_add(&b, inner, strlen(inner));
				free(inner);
				tmpl = end + 1;
				continue;
			}
		}
		if (!val)
			val = "*";
		iam_buf_add(&b, val, strlen(val));
		tmpl = end + 1;
	}
	if (b.fail) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* The ARN template an action is checked on, or NULL for "*". */
static const char *action_arn(const struct filler *f, const struct iam_cat_action *a)
{
	json_t *arn = json_object_get(f->svc, "arn"), *types, *t;
	struct iam_cat_resource r;
	size_t i;

	if (json_is_string(arn))
		return json_string_value(arn);
	if (!a->nresources)
		return NULL;
	types = json_object_get(f->svc, "types");
	json_array_foreach(types, i, t) {
		for (size_t k = 0; k < a->nresources; k++)
			if (iam_catalog_action_resource(a, k, &r) &&
			    strcasecmp(r.type, json_string_value(t)) == 0)
				return r.arn;
	}
	for (size_t k = 0; k < a->nresources; k++)
		if (iam_catalog_action_resource(a, k, &r) && r.required)
			return r.arn;
	if (iam_catalog_action_resource(a, 0, &r))
		return r.arn;
	return NULL;
}

/* ---- plans ---- */

struct builder {
	struct iam_amplify_plan *plan;
	size_t cap;
	uint32_t *hash;          /* open addressing: index+1 into plan->v */
	size_t hcap;
	const struct iam_amplify_list *list;
	const struct iam_catalog *cat;
	struct filler f;
	const struct iam_amplify_entry *entry;
	int category;
	unsigned cats;
	bool nomem;
	/* filled ARN templates: (category, template) -> text */
	struct fill_cache {
		int category;
		const char *tmpl;
		char *text;
	} *cache;
	size_t ncache, capcache;
	struct iam_cat_action *acts;   /* the current entry's actions */
	size_t nacts, capacts;
};

/* A filled template, from the cache or made and kept there (a new copy
 * for the caller). */
static char *fill_cached(struct builder *b, const char *tmpl)
{
	struct fill_cache *c;

	for (size_t i = 0; i < b->ncache; i++)
		if (b->cache[i].tmpl == tmpl && b->cache[i].category == b->category)
			return strdup(b->cache[i].text);
	if (b->ncache == b->capcache) {
		size_t cap = b->capcache ? b->capcache * 2 : 32;
		struct fill_cache *v = realloc(b->cache, cap * sizeof(*v));

		if (!v)
			return NULL;
		b->cache = v;
		b->capcache = cap;
	}
	c = &b->cache[b->ncache];
	c->category = b->category;
	c->tmpl = tmpl;
	c->text = fill(&b->f, tmpl, true);
	if (!c->text)
		return NULL;
	b->ncache++;
	return strdup(c->text);
}

static uint32_t hash_str(uint32_t h, const char *s, bool icase)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (icase && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static uint32_t req_hash(const char *action, char **res, size_t nres)
{
	uint32_t h = hash_str(2166136261u, action, true);

	for (size_t i = 0; i < nres; i++)
		h = hash_str(h ^ 0x2f, res[i], false);
	return h;
}

static bool same_req(const struct iam_amplify_req *r, const char *action,
		     char **res, size_t nres)
{
	if (r->nresources != nres || strcasecmp(r->action, action) != 0)
		return false;
	for (size_t i = 0; i < nres; i++)
		if (strcmp(r->resources[i], res[i]) != 0)
			return false;
	return true;
}

static int rehash(struct builder *b)
{
	size_t hcap = b->hcap ? b->hcap * 2 : 1024;
	uint32_t *h = calloc(hcap, sizeof(*h));

	if (!h)
		return -1;
	for (size_t i = 0; i < b->plan->n; i++) {
		const struct iam_amplify_req *r = &b->plan->v[i];
		size_t k = req_hash(r->action, r->resources, r->nresources) & (hcap - 1);

		while (h[k])
			k = (k + 1) & (hcap - 1);
		h[k] = (uint32_t)(i + 1);
	}
	free(b->hash);
	b->hash = h;
	b->hcap = hcap;
	return 0;
}

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Add (action, resources) for the current entry and category; takes
 * ownership of res. */
static void add_req(struct builder *b, const char *action, bool in_catalog,
		    bool takes_boundary, char **res, size_t nres)
{
	struct iam_amplify_plan *plan = b->plan;
	struct iam_amplify_req *r;
	size_t k;

	if (b->nomem) {
		free_strs(res, nres);
		return;
	}
	if ((plan->n + 1) * 2 > b->hcap && rehash(b) < 0)
		goto nomem;
	k = req_hash(action, res, nres) & (b->hcap - 1);
	while (b->hash[k]) {
		r = &plan->v[b->hash[k] - 1];
		if (same_req(r, action, res, nres)) {
			r->cats |= 1u << b->category;
			r->via_cfn = r->via_cfn && b->entry->via_cfn;  /* direct is stricter */
			free_strs(res, nres);
			return;
		}
		k = (k + 1) & (b->hcap - 1);
	}
	if (plan->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		struct iam_amplify_req *v = realloc(plan->v, cap * sizeof(*v));

		if (!v)
			goto nomem;
		plan->v = v;
		b->cap = cap;
	}
	r = &plan->v[plan->n];
	memset(r, 0, sizeof(*r));
	r->action = strdup(action);
	if (!r->action)
		goto nomem;
	r->entry = b->entry;
	r->category = b->category;
	r->cats = 1u << b->category;
	r->via_cfn = b->entry->via_cfn;
	r->in_catalog = in_catalog;
	r->takes_boundary = takes_boundary;
	r->resources = res;
	r->nresources = nres;
	b->hash[k] = (uint32_t)(++plan->n);
	return;
nomem:
	free_strs(res, nres);
	b->nomem = true;
}

/* Is the third field of an ARN (template) this service? */
static bool arn_service_is(const char *arn, const char *service, size_t sl)
{
	const char *p = strchr(arn, ':');

	p = p ? strchr(p + 1, ':') : NULL;
	return p && strncasecmp(p + 1, service, sl) == 0 && p[1 + sl] == ':';
}

/* The resources of the current entry for action a (NULL: not in the
 * catalog). */
static char **resources_for(struct builder *b, const struct iam_cat_action *a,
			    const char *service, size_t *n)
{
	const struct iam_amplify_entry *e = b->entry;
	char **res = calloc(e->nresources ? e->nresources : 1, sizeof(char *));
	const char *tmpl;

	*n = 0;
	if (!res)
		return NULL;
	b->f.category = iam_amplify_categories[b->category];
	b->f.svc = json_object_get(json_object_get(b->f.table, "services"), service);
	if (e->nresources) {
		/* a statement's resources serve its actions of their own
		 * service: rds:Describe* on the rds ones, ec2:* on ec2's */
		size_t sl = strlen(service), own = 0;

		for (size_t i = 0; i < e->nresources; i++)
			own += arn_service_is(e->resources[i], service, sl);
		for (size_t i = 0; i < e->nresources; i++) {
			if (own && !arn_service_is(e->resources[i], service, sl))
				continue;
			res[*n] = fill(&b->f, e->resources[i], true);
			if (!res[*n]) {
				free_strs(res, *n);
				*n = 0;
				return NULL;
			}
			(*n)++;
		}
		return res;
	}
	tmpl = a ? action_arn(&b->f, a) : NULL;
	res[0] = tmpl ? fill_cached(b, tmpl) : strdup("*");
	if (!res[0]) {
		free(res);
		return NULL;
	}
	*n = 1;
	return res;
}

static bool action_takes_boundary(const struct iam_cat_action *a)
{
	for (size_t i = 0; i < a->nkeys; i++) {
		const char *k = iam_catalog_action_key(a, i);

		if (k && strcasecmp(k, "iam:PermissionsBoundary") == 0)
			return true;
	}
	return false;
}

static int on_action(void *ctx, const struct iam_cat_action *a)
{
	struct builder *b = ctx;
	char name[300], **res;
	size_t n;

	snprintf(name, sizeof(name), "%s:%s", a->service, a->name);
	res = resources_for(b, a, a->service, &n);
	if (!res) {
		b->nomem = true;
		return 1;
	}
	add_req(b, name, true, action_takes_boundary(a), res, n);
	return b->nomem ? 1 : 0;
}

static int collect_action(void *ctx, const struct iam_cat_action *a)
{
	struct builder *b = ctx;

	if (b->nacts == b->capacts) {
		size_t cap = b->capacts ? b->capacts * 2 : 64;
		struct iam_cat_action *v = realloc(b->acts, cap * sizeof(*v));

		if (!v) {
			b->nomem = true;
			return 1;
		}
		b->acts = v;
		b->capacts = cap;
	}
	b->acts[b->nacts++] = *a;
	return 0;
}

static int req_order(const void *x, const void *y)
{
	const struct iam_amplify_req *a = x, *b = y;
	int c;

	if (a->category != b->category)
		return a->category < b->category ? -1 : 1;
	c = strcasecmp(a->action, b->action);
	if (c)
		return c;
	for (size_t i = 0; i < a->nresources && i < b->nresources; i++) {
		c = strcmp(a->resources[i], b->resources[i]);
		if (c)
			return c;
	}
	return (a->nresources > b->nresources) - (a->nresources < b->nresources);
}

int iam_amplify_plan_build(const struct iam_amplify_list *l,
			   const struct iam_catalog *cat, unsigned cats,
			   const struct iam_amplify_vars *vars,
			   struct iam_amplify_plan *plan, struct iam_error *err)
{
	struct builder b = { 0 };

	memset(plan, 0, sizeof(*plan));
	plan->cats = cats;
	b.plan = plan;
	b.list = l;
	b.cat = cat;
	b.f.vars = vars;
	b.f.table = resources_table(err);
	if (!b.f.table)
		return -1;
	for (size_t i = 0; i < l->nentries && !b.nomem; i++) {
		const struct iam_amplify_entry *e = &l->entries[i];
		unsigned want = e->cats & cats;
		int cat_order[IAM_AMPLIFY_NCATEGORIES], ncat = 0;

		if (!want)
			continue;
		if (e->ssr_only && vars && vars->no_ssr_hosting &&
		    !(want & ~(1u << iam_amplify_category_index("hosting")))) {
			plan->nssr_left_out++;
			continue;
		}
		/* the entry's first category first, then the others */
		if (e->first_cat >= 0 && (want & (1u << e->first_cat)))
			cat_order[ncat++] = e->first_cat;
		for (int c = 0; c < IAM_AMPLIFY_NCATEGORIES; c++)
			if ((want & (1u << c)) && c != e->first_cat)
				cat_order[ncat++] = c;
		b.entry = e;
		/* the entry's actions, once (a literal one by lookup) */
		b.nacts = 0;
		if (strcspn(e->action, "*?") == strlen(e->action)) {
			struct iam_cat_action one;

			if (iam_catalog_find_action(cat, e->action, &one) &&
			    collect_action(&b, &one) != 0)
				b.nomem = true;
		} else if (iam_catalog_expand(cat, e->action, collect_action, &b, err) < 0) {
			b.nomem = true;
		}
		for (int k = 0; k < ncat && !b.nomem; k++) {
			b.category = cat_order[k];
			for (size_t j = 0; j < b.nacts && !b.nomem; j++)
				on_action(&b, &b.acts[j]);
			if (b.nacts || b.nomem)
				continue;
			if (strcspn(e->action, "*?") == strlen(e->action)) {
				/* an action the catalog does not know: decided as written */
				size_t n;
				char svc[128];
				char **res;

				snprintf(svc, sizeof(svc), "%.*s",
					 (int)strcspn(e->action, ":"), e->action);
				res = resources_for(&b, NULL, svc, &n);

				if (!res) {
					b.nomem = true;
					break;
				}
				add_req(&b, e->action, false, false, res, n);
			} else if (k == 0) {
				char **u = realloc(plan->unmatched,
						   (plan->nunmatched + 1) * sizeof(*u));

				if (!u || !(u[plan->nunmatched] = strdup(e->action))) {
					if (u)
						plan->unmatched = u;
					b.nomem = true;
					break;
				}
				plan->unmatched = u;
				plan->nunmatched++;
			}
		}
	}
	free(b.hash);
	free(b.acts);
	for (size_t i = 0; i < b.ncache; i++)
		free(b.cache[i].text);
	free(b.cache);
	json_decref(b.f.table);
	if (b.nomem) {
		iam_amplify_plan_release(plan);
		iam_error_clear(err);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	if (plan->n)
		qsort(plan->v, plan->n, sizeof(*plan->v), req_order);
	return 0;
}

void iam_amplify_plan_release(struct iam_amplify_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n; i++) {
		free(plan->v[i].action);
		free_strs(plan->v[i].resources, plan->v[i].nresources);
	}
	free(plan->v);
	free_strs(plan->unmatched, plan->nunmatched);
	memset(plan, 0, sizeof(*plan));
}

/* ---- the deployer check ---- */

/* Contexts: [via cloudformation][with the environment's boundary]. */
struct contexts {
	struct iam_context c[2][2];
};

static int build_contexts(struct contexts *cx,
			  const struct iam_amplify_caller *caller)
{
	static const char *const via[] = { "cloudformation.amazonaws.com" };
	/* Amplify deploys into the caller's own account; without --account a
	 * stand-in keeps aws:ResourceAccount = aws:PrincipalAccount true and
	 * fails conditions that name a real account */
	const char *account = caller->account ? caller->account : "000000000000";

	for (int v = 0; v < 2; v++) {
		for (int b = 0; b < 2; b++) {
			struct iam_context *c = &cx->c[v][b];

			*c = (struct iam_context)IAM_CONTEXT_INIT;
			if (caller->extra) {
				for (size_t i = 0; i < caller->extra->n; i++) {
					const struct iam_ctx_entry *e = &caller->extra->v[i];

					if (e->multi || e->n != 1) {
						if (iam_context_set_list(c, e->key,
									 (const char *const *)e->values,
									 e->n) < 0)
							return -1;
					} else if (iam_context_add(c, e->key, e->values[0]) < 0) {
						return -1;
					}
				}
			}
			if (caller->principal &&
			    iam_context_derive(c, caller->principal) < 0)
				return -1;
			if (iam_context_default(c, "aws:SecureTransport", "true") < 0 ||
			    iam_context_default(c, "aws:PrincipalAccount", account) < 0 ||
			    iam_context_default(c, "aws:ResourceAccount", account) < 0 ||
			    (caller->region &&
			     iam_context_default(c, "aws:RequestedRegion", caller->region) < 0) ||
			    iam_context_default(c, "aws:ViaAWSService", v ? "true" : "false") < 0)
				return -1;
			if (v && (!iam_context_find(c, "aws:CalledVia") &&
				  (iam_context_set_list(c, "aws:CalledVia", via, 1) < 0 ||
				   iam_context_default(c, "aws:CalledViaFirst", via[0]) < 0 ||
				   iam_context_default(c, "aws:CalledViaLast", via[0]) < 0)))
				return -1;
			if (b && caller->permissions_boundary &&
			    iam_context_default(c, "iam:PermissionsBoundary",
						caller->permissions_boundary) < 0)
				return -1;
		}
	}
	return 0;
}

static void release_contexts(struct contexts *cx)
{
	for (int v = 0; v < 2; v++)
		for (int b = 0; b < 2; b++)
			iam_context_release(&cx->c[v][b]);
}

/* The verdict of one decision. */
static void verdict(struct iam_amplify_req *r, const struct iam_policy_set *set,
		    const struct iam_result *res, size_t ri)
{
	const struct iam_layer_result *L = res->layers;

	r->failed = ri;
	r->decision = res->decision;
	r->deny = (struct iam_stmt_ref){ NULL, NULL };
	r->where = NULL;
	if (res->decision == IAM_DECISION_EXPLICIT_DENY) {
		r->blocked_by = IAM_AMPLIFY_BY_DENY;
		r->deny = L[res->decided_by].first_deny;
		return;
	}
	switch (res->decided_by) {
	case IAM_LAYER_SCP:
		r->blocked_by = IAM_AMPLIFY_BY_SCP;
		if (L[IAM_LAYER_SCP].failed_level >= 0 &&
		    (size_t)L[IAM_LAYER_SCP].failed_level < set->nscp &&
		    set->scp[L[IAM_LAYER_SCP].failed_level].n)
			r->where = set->scp[L[IAM_LAYER_SCP].failed_level].policies[0];
		break;
	case IAM_LAYER_BOUNDARY:
		r->blocked_by = IAM_AMPLIFY_BY_BOUNDARY;
		if (set->nboundary)
			r->where = set->boundary[0];
		break;
	default:
		r->blocked_by = IAM_AMPLIFY_BY_IDENTITY;
		break;
	}
}

static bool is_assume_role(const char *action)
{
	return strncasecmp(action, "sts:AssumeRole", 14) == 0;
}

long iam_amplify_check(struct iam_amplify_plan *plan,
		       const struct iam_policy_set *set,
		       const struct iam_amplify_caller *caller,
		       struct iam_error *err)
{
	struct contexts cx;
	long missing = 0;

	if (build_contexts(&cx, caller) < 0) {
		release_contexts(&cx);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	for (size_t i = 0; i < plan->n; i++) {
		struct iam_amplify_req *r = &plan->v[i];
		struct iam_context *ctx =
			&cx.c[r->via_cfn][r->takes_boundary && caller->permissions_boundary];
		bool ok = true;

		r->allowed_on = 0;
		r->blocked_by = IAM_AMPLIFY_ALLOWED;
		r->decision = IAM_DECISION_ALLOWED;
		r->trust_not_checked = false;
		for (size_t k = 0; k < r->nresources; k++) {
			struct iam_request rq = { caller->principal, r->action,
						  r->resources[k], NULL, ctx, NULL };
			struct iam_result res;

			if (iam_authorize(set, &rq, 0, &res, err) < 0) {
				release_contexts(&cx);
				return -1;
			}
			if (res.decision != IAM_DECISION_ALLOWED &&
			    res.decided_by == IAM_LAYER_RESOURCE &&
			    is_assume_role(r->action)) {
				/* the role's trust policy is not the deployer's:
				 * only the caller's side is checked */
				const struct iam_layer_result *L = res.layers;

				if (!L[IAM_LAYER_IDENTITY].allowed) {
					res.decided_by = IAM_LAYER_IDENTITY;
				} else if (L[IAM_LAYER_BOUNDARY].present &&
					   !L[IAM_LAYER_BOUNDARY].allowed) {
					res.decided_by = IAM_LAYER_BOUNDARY;
				} else {
					res.decision = IAM_DECISION_ALLOWED;
					r->trust_not_checked = true;
				}
			}
			if (res.decision == IAM_DECISION_ALLOWED) {
				r->allowed_on |= 1u << k;
			} else if (ok) {
				ok = false;
				verdict(r, set, &res, k);
			}
		}
		if (!ok)
			missing++;
	}
	release_contexts(&cx);
	return missing;
}
