/* amplify/project.c - an Amplify Gen 1 project: its categories,
 * environment, templates, and the roles they create.
 *
 * Templates are found in both layouts: the CLI v7+ one (each resource's
 * build/ directory, api model stacks in build/stacks/, and the copies
 * pushed last under awscloudformation/build/ with the root stack) and the
 * older one (templates at the resource's root, auth/userPoolGroups/
 * template.json).  A template is known by its key: category/resource/ and
 * its path there with every build/ left out; the first file found for a
 * key is read (the resource's build/ first, then its own directory, then
 * the awscloudformation/build/ copy), so the same resource found twice is
 * counted once.
 *
 * Parameters flow as CloudFormation passes them: the root stack gets the
 * environment's team-provider-info.json values; a nested stack gets what
 * its parent's AWS::CloudFormation::Stack resource passes (linked by the
 * TemplateURL's file name), then its resource's parameters.json (values
 * evaluated in the root stack, where {"Ref": "AuthRoleName"} means
 * something), then team-provider-info.json's categories.<c>.<r>, then env.
 *
 * Policies attach to roles by name (Roles: [...] evaluated), by logical ID
 * (a Ref to a role with no RoleName), or through a stack output (a
 * parameter fed by Fn::GetAtt [stack, Outputs.X], or named by Amplify's
 * <category><resource><Output> convention, whose output is a Ref to a
 * role).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/amplify_impl.h"
#include "core/authz.h"
#include "core/catalog.h"
#include "core/cfn.h"
#include "core/context.h"
#include "core/error.h"
#include "core/glob.h"
#include "core/json.h"
#include "core/policy.h"

/* ---- small helpers ---- */

static char *path_join(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *p = malloc(na + nb + 2);

	if (!p)
		return NULL;
	memcpy(p, a, na);
	p[na] = '/';
	memcpy(p + na + 1, b, nb + 1);
	if (!na)
		memmove(p, p + 1, nb + 1);
	return p;
}

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in a directory (no hidden ones); NULL when it cannot
 * be read (or out of memory: *nomem). */
static char **list_dir(const char *dir, size_t *n, bool *nomem)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (*n + 1 >= cap) {
			size_t nc = cap ? cap * 2 : 16;
			char **nv = realloc(v, nc * sizeof(*nv));

			if (!nv)
				goto nomem;
			v = nv;
			cap = nc;
		}
		v[*n] = strdup(de->d_name);
		if (!v[*n])
			goto nomem;
		(*n)++;
	}
	closedir(d);
	if (!v)
		v = calloc(1, sizeof(*v));
	if (!v)
		*nomem = true;
	else if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
nomem:
	closedir(d);
	for (size_t i = 0; i < *n; i++)
		free(v[i]);
	free(v);
	*n = 0;
	*nomem = true;
	return NULL;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

struct loader {
	struct iam_amplify_project *p;
	struct iam_error *err;
	const char *backend_display;  /* "amplify/backend" as the user sees it */
	json_t *tpi_env;              /* team-provider-info.json's environment */
	json_t *seen;                 /* template key -> true */
	struct iam_cfn_stack *rootctx;/* the root stack, or a stand-in */
	bool own_rootctx;
	bool failed;                  /* err is set */
	bool nomem;
};

static void pnote(struct loader *L, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void pnote(struct loader *L, const char *fmt, ...)
{
	char text[600];
	va_list ap;
	size_t i;
	json_t *v;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	json_array_foreach(L->p->notes, i, v)
		if (strcmp(json_string_value(v), text) == 0)
			return;
	if (json_array_append_new(L->p->notes, iam_json_text(text)) < 0)
		L->nomem = true;
}

static void skip(struct loader *L, const char *file, const char *reason)
{
	if (json_array_append_new(L->p->skipped,
				  json_pack("{soso}", "file", iam_json_text(file), "reason", iam_json_text(reason))) < 0)
		L->nomem = true;
}

/* A resource folder that is not part of the deploy (backend-config.json
 * does not name it): left out, and no gap in the coverage. */
static void skip_undeployed(struct loader *L, const char *file, const char *reason)
{
	if (json_array_append_new(L->p->skipped,
				  json_pack("{sososb}", "file", iam_json_text(file), "reason", iam_json_text(reason),
					    "notDeployed", 1)) < 0)
		L->nomem = true;
}

/* A file of the wrong shape stops the load (exit 3): err names the file,
 * the JSON Pointer of the element and where it stands.  doc may be NULL
 * (then the file is read again, for the position). */
static void shape_error(struct loader *L, struct iam_json_doc *doc,
			const char *file, const char *disp, const char *ptr,
			const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void shape_error(struct loader *L, struct iam_json_doc *doc,
			const char *file, const char *disp, const char *ptr,
			const char *fmt, ...)
{
	struct iam_json_doc own = IAM_JSON_DOC_INIT;
	struct iam_error e = IAM_ERROR_INIT;
	int line = 1, column = 1;
	va_list ap;

	if (L->failed)
		return;
	if (!doc && iam_json_load_file(&own, file, &e) == 0)
		doc = &own;
	if (doc)
		iam_json_locate(doc, ptr, &line, &column);
	iam_json_doc_release(&own);
	iam_error_clear(L->err);
	L->err->code = IAM_ERR_SCHEMA;
	iam_strlcpy_tail(L->err->path, ptr, sizeof(L->err->path));
	va_start(ap, fmt);
	vsnprintf(L->err->text, sizeof(L->err->text), fmt, ap);
	va_end(ap);
	iam_error_locate(L->err, disp, line, column);
	L->failed = true;
}

static char *xdup(struct loader *L, const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		L->nomem = true;
	return d;
}

static const char *tpi_str(struct loader *L, const char *key)
{
	return json_string_value(json_object_get(json_object_get(L->tpi_env,
								 "awscloudformation"),
						 key));
}

/* ---- finding templates ---- */

/* Is name (in a stacks/ directory or not) a template file we read?
 * 1: JSON template, 2: YAML template (core/cfn.c reads both, and tells
 * them by the name), 0: neither. */
static int template_kind(const char *name, bool in_stacks)
{
	if (ends_with(name, ".json"))
		return in_stacks || ends_with(name, "template.json") ||
		       strcmp(name, "root-cloudformation-stack.json") == 0;
	if ((ends_with(name, ".yml") || ends_with(name, ".yaml")) &&
	    strstr(name, "template"))
		return 2;
	return 0;
}

/* The key of a template: "root", or "c/r/path" with build/ left out. */
static char *template_key(const char *cat, const char *res, const char *rel)
{
	char buf[1024];
	size_t n = 0;
	const char *p = rel;

	if (strcmp(base_name(rel), "root-cloudformation-stack.json") == 0)
		return strdup("root");
	n = (size_t)snprintf(buf, sizeof(buf), "%s/%s/", cat, res);
	while (*p && n < sizeof(buf) - 1) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);

		if (!(slash && len == 5 && strncmp(p, "build", 5) == 0)) {
			if (n + len + 1 >= sizeof(buf))
				break;
			memcpy(buf + n, p, len);
			n += len;
			if (slash)
				buf[n++] = '/';
		}
		p += len + (slash ? 1 : 0);
	}
	buf[n] = '\0';
	return strdup(buf);
}

static json_t *load_json_quiet(const char *file);

static int add_stack(struct loader *L, struct iam_cfn_stack *s,
		     const char *cat, const char *res)
{
	struct iam_amplify_project *p = L->p;
	struct iam_amplify_stack *v = realloc(p->stacks, (p->nstacks + 1) * sizeof(*v));

	if (!v) {
		iam_cfn_free(s);
		L->nomem = true;
		return -1;
	}
	p->stacks = v;
	memset(&v[p->nstacks], 0, sizeof(v[0]));
	v[p->nstacks].cfn = s;
	v[p->nstacks].category = xdup(L, cat);
	v[p->nstacks].resource = xdup(L, res);
	v[p->nstacks].parent = -1;
	p->nstacks++;
	return 0;
}

/* The statement as the Amplify CLI merges it: Effect Allow when not
 * given; a Resource with "${env}" in it a Fn::Sub of the environment. */
static json_t *custom_statement(json_t *st)
{
	json_t *c = json_deep_copy(st), *res, *v;
	size_t i;

	if (!c)
		return NULL;
	if (!json_object_get(c, "Effect"))
		json_object_set_new(c, "Effect", json_string("Allow"));
	res = json_object_get(c, "Resource");
	json_array_foreach(res, i, v)
		if (json_is_string(v) && strstr(json_string_value(v), "${env}"))
			json_array_set_new(res, i, json_pack("{s:[O,{s:{s:s}}]}", "Fn::Sub", v,
							     "env", "Ref", "env"));
	return c;
}

/* A function's custom-policies.json, as the CLI merges it into the
 * function's template at push: an AWS::IAM::Policy
 * CustomLambdaExecutionPolicy on the LambdaExecutionRole (unless the
 * template, built after a push, has it already).  The CLI deploys nothing
 * when the first statement is its placeholder ({"Action": [],
 * "Resource": []}).  A file that is not a list of statements is left for
 * the coverage (amplify/coverage.c) to report. */
static void merge_custom_policies(struct loader *L, struct iam_amplify_stack *st)
{
	char *dir = path_join(L->p->backend, "function"), *rdir, *file, *disp;
	json_t *list, *first, *stmts, *res, *v;
	size_t i;

	rdir = dir ? path_join(dir, st->resource) : NULL;
	file = rdir ? path_join(rdir, "custom-policies.json") : NULL;
	free(dir);
	free(rdir);
	if (!file || !is_file(file) || json_object_get(st->cfn->resources,
							"CustomLambdaExecutionPolicy")) {
		free(file);
		return;
	}
	list = load_json_quiet(file);
	first = json_array_get(list, 0);
	if (!json_is_array(list) || !json_is_object(first) ||
	    (json_array_size(json_object_get(first, "Action")) == 0 &&
	     json_array_size(json_object_get(first, "Resource")) == 0 &&
	     json_is_array(json_object_get(first, "Action")))) {
		json_decref(list);
		free(file);
		return;
	}
	stmts = json_array();
	json_array_foreach(list, i, v) {
		if (!json_is_object(v))
			continue;  /* the coverage names the file */
		if (json_array_append_new(stmts, custom_statement(v)) < 0)
			L->nomem = true;
	}
	res = json_pack("{s:s, s:[s], s:{s:s, s:[{s:s}], s:{s:s, s:o}}}",
			"Type", "AWS::IAM::Policy", "DependsOn", "LambdaExecutionRole",
			"Properties", "PolicyName", "custom-lambda-execution-policy",
			"Roles", "Ref", "LambdaExecutionRole",
			"PolicyDocument", "Version", "2012-10-17", "Statement", stmts);
	disp = path_join(L->backend_display, "function");
	rdir = disp ? path_join(disp, st->resource) : NULL;
	st->custom_policies = rdir ? path_join(rdir, "custom-policies.json") : NULL;
	if (!res || !st->custom_policies ||
	    json_object_set_new(st->cfn->resources, "CustomLambdaExecutionPolicy", res) < 0)
		L->nomem = true;
	free(disp);
	free(rdir);
	json_decref(list);
	free(file);
}

/* "an array", "a string": what a value is, for messages. */
static const char *a_type(const json_t *v)
{
	const char *t = iam_json_type_name(v);

	return strcmp(t, "object") == 0 ? "an object" : strcmp(t, "array") == 0 ? "an array"
	       : strcmp(t, "string") == 0 ? "a string" : strcmp(t, "number") == 0 ? "a number"
	       : strcmp(t, "boolean") == 0 ? "a boolean" : "null";
}

/* A template file that iam_cfn_load() refused as no template: an object
 * without Resources is skipped (a file that only looks like one); JSON
 * that is not an object, or a Resources that is not an object, is an
 * error. */
static void not_a_template(struct loader *L, const char *file, const char *display)
{
	json_t *root = load_json_quiet(file);
	json_t *res = json_object_get(root, "Resources");

	if (root && !json_is_object(root))
		shape_error(L, NULL, file, display, "",
			    "a template must be a JSON object, not %s",
			    a_type(root));
	else if (res && !json_is_object(res))
		shape_error(L, NULL, file, display, "/Resources",
			    "Resources must be an object, not %s",
			    a_type(res));
	else
		skip(L, display, "not a CloudFormation template (no Resources)");
	json_decref(root);
}

/* Every resource the stack kept is an object with a Type (a string). */
static int check_resources(struct loader *L, struct iam_cfn_stack *s,
			   const char *file, const char *display)
{
	const char *id;
	json_t *r;

	json_object_foreach(s->resources, id, r) {
		json_t *type = json_object_get(r, "Type");
		char ptr[IAM_CFN_POINTER_MAX] = "/Resources";

		if (json_is_object(r) && json_is_string(type))
			continue;
		iam_jptr_push(ptr, sizeof(ptr), id);
		if (!json_is_object(r))
			shape_error(L, s->doc, file, display, ptr,
				    "a resource must be an object, not %s",
				    a_type(r));
		else if (!type)
			shape_error(L, s->doc, file, display, ptr,
				    "a resource must have a Type");
		else if (iam_jptr_push(ptr, sizeof(ptr), "Type") == 0)
			shape_error(L, s->doc, file, display, ptr,
				    "Type must be a string, not %s",
				    a_type(type));
		return -1;
	}
	return 0;
}

/* Read the template at `file` (shown as `display`) unless its key was
 * read already. */
static void consider(struct loader *L, const char *file, const char *display,
		     const char *cat, const char *res, const char *rel)
{
	char *key = template_key(cat, res, rel);
	struct iam_error e = IAM_ERROR_INIT;
	struct iam_cfn_stack *s;

	if (!key) {
		L->nomem = true;
		return;
	}
	if (json_object_get(L->seen, key)) {
		free(key);
		return;
	}
	if (json_object_set_new(L->seen, key, json_true()) < 0)
		L->nomem = true;
	s = iam_cfn_load(file, display, key, &e);
	free(key);
	if (!s) {
		if (e.code == IAM_ERR_SCHEMA) {
			not_a_template(L, file, display);
			return;
		}
		if (e.code == IAM_ERR_NOMEM) {
			L->nomem = true;
			return;
		}
		if (!L->failed) {
			*L->err = e;
			L->failed = true;
		}
		return;
	}
	if (check_resources(L, s, file, display) < 0) {
		iam_cfn_free(s);
		return;
	}
	if (add_stack(L, s, strcmp(base_name(rel), "root-cloudformation-stack.json") == 0 ? "" : cat,
		      strcmp(base_name(rel), "root-cloudformation-stack.json") == 0 ? "" : res) == 0 &&
	    strcmp(cat, "function") == 0 && strchr(rel, '/') == NULL)
		merge_custom_policies(L, &L->p->stacks[L->p->nstacks - 1]);
}

/* Templates in dir (and its stacks/ subdirectory): rel is dir's path
 * within the resource ("" or "build"). */
static void scan_dir(struct loader *L, const char *dir, const char *display,
		     const char *cat, const char *res, const char *rel,
		     bool in_stacks)
{
	bool nomem = false;
	size_t n;
	char **names = list_dir(dir, &n, &nomem);

	if (nomem)
		L->nomem = true;
	for (size_t i = 0; i < n && !L->failed; i++) {
		char *f = path_join(dir, names[i]);
		char *d = path_join(display, names[i]);
		char *r = path_join(rel, names[i]);
		int kind = f && is_file(f) ? template_kind(names[i], in_stacks) : 0;

		if (!f || !d || !r)
			L->nomem = true;
		else if (kind)
			consider(L, f, d, cat, res, r);
		free(f);
		free(d);
		free(r);
	}
	for (size_t i = 0; i < n && !L->failed && !in_stacks; i++) {
		if (strcmp(names[i], "stacks") != 0)
			continue;
		{
			char *f = path_join(dir, names[i]);
			char *d = path_join(display, names[i]);
			char *r = path_join(rel, names[i]);

			if (f && d && r && is_dir(f))
				scan_dir(L, f, d, cat, res, r, true);
			else if (!f || !d || !r)
				L->nomem = true;
			free(f);
			free(d);
			free(r);
		}
	}
	free_list(names, n);
}

/* A resource directory: build/ first, then the directory itself. */
static void scan_resource(struct loader *L, const char *dir, const char *display,
			  const char *cat, const char *res)
{
	char *b = path_join(dir, "build"), *bd = path_join(display, "build");

	if (!b || !bd)
		L->nomem = true;
	else if (is_dir(b))
		scan_dir(L, b, bd, cat, res, "build", false);
	free(b);
	free(bd);
	scan_dir(L, dir, display, cat, res, "", false);
}

static bool in_backend_config(struct loader *L, const char *cat, const char *res)
{
	json_t *c = json_object_get(L->p->backend_categories, cat);
	size_t i;
	json_t *v;

	json_array_foreach(c, i, v)
		if (strcmp(json_string_value(v), res) == 0)
			return true;
	return false;
}

/* Every category/resource directory under base (the backend, or
 * awscloudformation/build). */
static void scan_categories(struct loader *L, const char *base,
			    const char *display, bool pushed_copy)
{
	bool nomem = false;
	size_t nc;
	char **cats = list_dir(base, &nc, &nomem);

	if (nomem)
		L->nomem = true;
	for (size_t i = 0; i < nc && !L->failed && !L->nomem; i++) {
		char *cdir = path_join(base, cats[i]), *cdisp = path_join(display, cats[i]);
		char **res;
		size_t nr;

		if (!cdir || !cdisp) {
			L->nomem = true;
		} else if (is_dir(cdir) && strcmp(cats[i], "awscloudformation") != 0) {
			res = list_dir(cdir, &nr, &nomem);
			if (nomem)
				L->nomem = true;
			for (size_t k = 0; k < nr && !L->failed; k++) {
				char *rdir = path_join(cdir, res[k]);
				char *rdisp = path_join(cdisp, res[k]);

				if (!rdir || !rdisp) {
					L->nomem = true;
				} else if (is_dir(rdir)) {
					if (L->p->backend_categories &&
					    !in_backend_config(L, cats[i], res[k])) {
						char msg[300];

						if (!pushed_copy) {
							snprintf(msg, sizeof(msg),
								 "%s/%s is not in backend-config.json: not deployed",
								 cats[i], res[k]);
							skip_undeployed(L, rdisp, msg);
						} else {
							snprintf(msg, sizeof(msg),
								 "%s/%s is not in backend-config.json: a stale copy from an earlier push",
								 cats[i], res[k]);
							skip_undeployed(L, rdisp, msg);
						}
					} else {
						scan_resource(L, rdir, rdisp, cats[i], res[k]);
					}
				}
				free(rdir);
				free(rdisp);
			}
			free_list(res, nr);
		}
		free(cdir);
		free(cdisp);
	}
	free_list(cats, nc);
}

static void find_templates(struct loader *L)
{
	char *aws = path_join(L->p->backend, "awscloudformation/build");
	char *awsd = path_join(L->backend_display, "awscloudformation/build");

	if (!aws || !awsd) {
		L->nomem = true;
		goto out;
	}
	/* the root stack first: its parameters feed every other */
	if (is_dir(aws)) {
		char *f = path_join(aws, "root-cloudformation-stack.json");
		char *d = path_join(awsd, "root-cloudformation-stack.json");
		char *f2 = path_join(aws, "awscloudformation/build/root-cloudformation-stack.json");
		char *d2 = path_join(awsd, "awscloudformation/build/root-cloudformation-stack.json");

		if (f && d && is_file(f))
			consider(L, f, d, "", "", "root-cloudformation-stack.json");
		else if (f2 && d2 && is_file(f2))
			consider(L, f2, d2, "", "", "root-cloudformation-stack.json");
		if (!f || !d || !f2 || !d2)
			L->nomem = true;
		free(f);
		free(d);
		free(f2);
		free(d2);
	}
	scan_categories(L, L->p->backend, L->backend_display, false);
	if (is_dir(aws) && !L->failed)
		scan_categories(L, aws, awsd, true);
out:
	free(aws);
	free(awsd);
}

/* A resource of backend-config.json that no template was found for, and
 * that holds the file its template is made from (cli-inputs.json;
 * auth/userPoolGroups: user-pool-group-precedence.json): the template
 * `amplify build` would make of it (amplify/derive.c), for the categories
 * that are derived.  Inputs
 * the CLI would not read are left out, and said so. */
static void derive_missing(struct loader *L)
{
	struct iam_amplify_project *p = L->p;
	char *bc = path_join(p->backend, "backend-config.json");
	json_t *conf = bc ? load_json_quiet(bc) : NULL, *rs, *v;
	const char *cat, *res;

	free(bc);
	json_object_foreach(conf, cat, rs) {
		if (!json_object_get(p->backend_categories, cat))
			continue;  /* "parameters", "providers" */
		json_object_foreach(rs, res, v) {
			char rel[600], why[400];
			char *f, *d;
			struct iam_cfn_stack *s = NULL;
			json_t *params = NULL;
			const char *inputs = iam_amplify_derive_inputs(cat, res,
								       json_string_value(json_object_get(v, "service")));
			bool found = false;

			for (size_t i = 0; i < p->nstacks && !found; i++)
				found = strcmp(p->stacks[i].category, cat) == 0 &&
					strcmp(p->stacks[i].resource, res) == 0;
			if (found || !inputs)
				continue;
			snprintf(rel, sizeof(rel), "%s/%s/%s", cat, res, inputs);
			f = path_join(p->backend, rel);
			d = path_join(L->backend_display, rel);
			if (f && d && is_file(f)) {
				s = iam_amplify_derive(p, conf, f, d, cat, res, &params, why,
						       sizeof(why), L->err);
				if (!s && *why)
					skip(L, d, why);
				else if (!s)
					L->nomem = true;
				else if (add_stack(L, s, cat, res) == 0) {
					p->stacks[p->nstacks - 1].derived = true;
					p->stacks[p->nstacks - 1].derived_params = params;
					params = NULL;
				}
			} else if (!f || !d) {
				L->nomem = true;
			}
			json_decref(params);
			free(f);
			free(d);
		}
	}	json_decref(conf);
}

/* ---- parameters ---- */

static long stack_index(const struct iam_amplify_project *p, const char *key)
{
	for (size_t i = 0; i < p->nstacks; i++)
		if (strcmp(p->stacks[i].cfn->key, key) == 0)
			return (long)i;
	return -1;
}

static bool declares(const struct iam_cfn_stack *s, const char *name)
{
	return json_object_get(json_object_get(s->root, "Parameters"), name) != NULL;
}

/* Set the declared parameters of s from object o, each value evaluated in
 * ctx (NULL: taken as is). */
static void set_params(struct loader *L, struct iam_cfn_stack *s, json_t *o,
		       struct iam_cfn_stack *ctx)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		json_t *e;

		if (!declares(s, k))
			continue;
		e = ctx ? iam_cfn_eval(ctx, v) : json_incref(v);
		if (!e) {
			if (ctx && ctx->nomem)
				L->nomem = true;
			continue;
		}
		if (iam_cfn_set_param(s, k, e) < 0)
			L->nomem = true;
		json_decref(e);
	}
}

static json_t *load_json_quiet(const char *file)
{
	json_error_t je;

	return json_load_file(file, JSON_DECODE_ANY, &je);
}

static void setup_stack(struct loader *L, size_t i);

/* Link the nested stacks of stack pi to the templates they name. */
static void link_children(struct loader *L, size_t pi)
{
	struct iam_amplify_project *p = L->p;
	struct iam_amplify_stack *ps = &p->stacks[pi];
	const char *lid;
	json_t *r;

	json_object_foreach(ps->cfn->resources, lid, r) {
		const char *type = json_string_value(json_object_get(r, "Type"));
		json_t *url;
		const char *u, *bn;
		long pick = -1, any = -1;
		int nany = 0, npick = 0;

		if (!type || strcmp(type, "AWS::CloudFormation::Stack") != 0)
			continue;
		url = iam_cfn_eval(ps->cfn, json_object_get(json_object_get(r, "Properties"),
							    "TemplateURL"));
		if (!json_is_string(url)) {
			json_decref(url);
			continue;
		}
		u = json_string_value(url);
		bn = base_name(u);
		if (!*bn || iam_cfn_has_unknown(bn)) {
			json_decref(url);
			continue;
		}
		for (size_t k = 0; k < p->nstacks; k++) {
			struct iam_amplify_stack *c = &p->stacks[k];
			bool prefer;
			char cr[512];

			if (k == pi || c->parent >= 0 || !*c->category ||
			    strcmp(base_name(c->cfn->file), bn) != 0)
				continue;
			snprintf(cr, sizeof(cr), "%s%s", c->category, c->resource);
			prefer = *ps->category ? strcmp(c->category, ps->category) == 0 &&
						 strcmp(c->resource, ps->resource) == 0
					       : strcmp(cr, lid) == 0;
			nany++;
			any = (long)k;
			if (prefer) {
				npick++;
				pick = (long)k;
			}
		}
		json_decref(url);
		if (npick != 1)
			pick = nany == 1 && !*ps->category ? any : -1;
		if (pick < 0 || p->stacks[pick].ready)
			continue;
		p->stacks[pick].parent = (long)pi;
		p->stacks[pick].parent_logical = xdup(L, lid);
	}
}

/* The parameters.json of a resource: build/ first. */
static json_t *resource_parameters(struct loader *L, const char *cat, const char *res)
{
	char rel[600];
	char *f;
	json_t *o = NULL;

	snprintf(rel, sizeof(rel), "%s/%s/build/parameters.json", cat, res);
	f = path_join(L->p->backend, rel);
	if (f && is_file(f))
		o = load_json_quiet(f);
	free(f);
	if (o)
		return o;
	snprintf(rel, sizeof(rel), "%s/%s/parameters.json", cat, res);
	f = path_join(L->p->backend, rel);
	if (f && is_file(f))
		o = load_json_quiet(f);
	free(f);
	return o;
}

static void setup_stack(struct loader *L, size_t i)
{
	struct iam_amplify_project *p = L->p;
	struct iam_amplify_stack *st = &p->stacks[i];
	struct iam_cfn_stack *s = st->cfn;
	bool root = !*st->category;

	if (st->ready)
		return;
	st->ready = true;
	{
		/* a nested stack is named <parent>-<logical ID>-<random> */
		char *name = NULL;

		if (!root && st->parent >= 0) {
			struct iam_cfn_stack *ps = p->stacks[st->parent].cfn;
			json_t *rnd = iam_cfn_unknown_new(s->key, "nested stack suffix");

			setup_stack(L, (size_t)st->parent);
			if (ps->stack_name && rnd) {
				size_t n = strlen(ps->stack_name) + strlen(st->parent_logical) +
					   json_string_length(rnd) + 3;

				name = malloc(n);
				if (name)
					snprintf(name, n, "%s-%s-%s", ps->stack_name,
						 st->parent_logical, json_string_value(rnd));
			}
			json_decref(rnd);
		}
		if (iam_cfn_set_pseudo(s, p->region, p->account,
				       p->region && strncmp(p->region, "cn-", 3) == 0 ? "aws-cn"
				       : p->region && strncmp(p->region, "us-gov-", 7) == 0 ? "aws-us-gov"
											  : "aws",
				       root ? p->stack_name : name) < 0)
			L->nomem = true;
		free(name);
	}
	if (root) {
		set_params(L, s, json_object_get(L->tpi_env, "awscloudformation"), NULL);
	} else {
		if (st->parent >= 0) {
			struct iam_amplify_stack *ps = &p->stacks[st->parent];
			json_t *res = iam_cfn_resource(ps->cfn, st->parent_logical, NULL);

			setup_stack(L, (size_t)st->parent);
			set_params(L, s, json_object_get(json_object_get(res, "Properties"),
							 "Parameters"), ps->cfn);
		}
		if (st->parent < 0 || !*p->stacks[st->parent].category) {
			json_t *pj = st->derived ? json_incref(st->derived_params)
						 : resource_parameters(L, st->category, st->resource);

			set_params(L, s, pj, L->rootctx);
			json_decref(pj);
			set_params(L, s, json_object_get(json_object_get(json_object_get(L->tpi_env, "categories"),
									 st->category),
							 st->resource), L->rootctx);
		}
	}
	if (p->env && declares(s, "env")) {
		json_t *e = iam_json_text(p->env);

		if (!e || iam_cfn_set_param(s, "env", e) < 0)
			L->nomem = true;
		json_decref(e);
	}
	link_children(L, i);
}

static void setup_all(struct loader *L)
{
	struct iam_amplify_project *p = L->p;
	long root = stack_index(p, "root");

	if (root >= 0) {
		setup_stack(L, (size_t)root);
		L->rootctx = p->stacks[root].cfn;
	}
	/* the top-level stacks of each resource, then whatever they nest */
	for (size_t i = 0; i < p->nstacks; i++)
		if (p->stacks[i].parent < 0 || p->stacks[i].parent == root)
			setup_stack(L, i);
	for (size_t i = 0; i < p->nstacks; i++)
		setup_stack(L, i);
}

/* ---- roles and policies ---- */

static char *render(struct loader *L, const char *s, enum iam_cfn_render_mode m)
{
	char *r = iam_cfn_render(s, m);

	if (!r)
		L->nomem = true;
	return r;
}

/* Make the unknown pieces of a resolved policy document concrete: '*' in
 * Resource, Principal and Condition values; an Action that is wholly
 * unknown is left out (counted); a Sid with unknown pieces is dropped. */
static json_t *sanitize_value(struct loader *L, json_t *v, bool *unknown)
{
	if (json_is_string(v)) {
		char *r;
		json_t *j;

		if (!iam_cfn_has_unknown(json_string_value(v)))
			return json_incref(v);
		*unknown = true;
		r = render(L, json_string_value(v), IAM_CFN_RENDER_STAR);
		j = r ? iam_json_text(r) : NULL;
		free(r);
		if (!j)
			L->nomem = true;
		return j;
	}
	if (json_is_array(v)) {
		json_t *a = json_array(), *e;
		size_t i;

		json_array_foreach(v, i, e)
			json_array_append_new(a, sanitize_value(L, e, unknown));
		return a;
	}
	if (json_is_object(v)) {
		json_t *o = json_object(), *e;
		const char *k;

		json_object_foreach(v, k, e)
			json_object_set_new(o, k, sanitize_value(L, e, unknown));
		return o;
	}
	return json_incref(v);
}

static bool wholly_unknown(const char *s)
{
	return s[0] == IAM_CFN_UNKNOWN_START &&
	       strchr(s, IAM_CFN_UNKNOWN_END) == s + strlen(s) - 1;
}

static json_t *sanitize_actions(struct loader *L, json_t *v, size_t *dropped)
{
	json_t *out = json_array(), *e;
	size_t i;

	if (json_is_string(v)) {
		json_t *a = json_array();

		json_array_append(a, v);
		v = a;
	} else {
		json_incref(v);
	}
	json_array_foreach(v, i, e) {
		char *r;

		if (!json_is_string(e) || wholly_unknown(json_string_value(e))) {
			(*dropped)++;
			continue;
		}
		r = render(L, json_string_value(e), IAM_CFN_RENDER_STAR);
		if (r)
			json_array_append_new(out, iam_json_text(r));
		free(r);
	}
	json_decref(v);
	return out;
}

static json_t *sanitize_policy(struct loader *L, json_t *doc, bool *unknown_res,
			       size_t *dropped)
{
	json_t *out = json_object(), *stmts = json_array(), *in, *st;
	size_t i;

	json_object_set_new(out, "Version", json_object_get(doc, "Version")
						    ? json_incref(json_object_get(doc, "Version"))
						    : iam_json_text("2012-10-17"));
	in = json_object_get(doc, "Statement");
	if (json_is_object(in)) {
		json_t *a = json_array();

		json_array_append(a, in);
		in = a;
	} else {
		json_incref(in);
	}
	json_array_foreach(in, i, st) {
		json_t *o = json_object(), *e;
		const char *k;
		bool keep = true;

		if (!json_is_object(st)) {
			json_decref(o);
			continue;
		}
		json_object_foreach(st, k, e) {
			if (strcmp(k, "Action") == 0 || strcmp(k, "NotAction") == 0) {
				json_t *a = sanitize_actions(L, e, dropped);

				if (!json_array_size(a))
					keep = false;
				json_object_set_new(o, k, a);
			} else if (strcmp(k, "Resource") == 0 || strcmp(k, "NotResource") == 0) {
				json_object_set_new(o, k, sanitize_value(L, e, unknown_res));
			} else if (strcmp(k, "Sid") == 0) {
				if (json_is_string(e) && !iam_cfn_has_unknown(json_string_value(e)))
					json_object_set(o, k, e);
			} else {
				bool ignored = false;

				json_object_set_new(o, k, sanitize_value(L, e, &ignored));
			}
		}
		if (keep)
			json_array_append(stmts, o);
		json_decref(o);
	}
	json_decref(in);
	json_object_set_new(out, "Statement", stmts);
	return out;
}

static char *pointer_of(const char *logical_id, const char *rest)
{
	char buf[1024] = "/Resources";
	size_t n;

	iam_jptr_push(buf, sizeof(buf), logical_id);
	n = strlen(buf);
	if (rest)
		snprintf(buf + n, sizeof(buf) - n, "%s", rest);
	return strdup(buf);
}

/* Compile a resolved PolicyDocument into att (fields set by caller). */
static bool compile_attached(struct loader *L, struct iam_amplify_attached *att,
			     json_t *doc)
{
	struct iam_error e = IAM_ERROR_INIT;
	json_t *clean;
	char label[1200];

	if (!json_is_object(doc)) {
		pnote(L, "%s: %s: the PolicyDocument is not an object: left out",
		      att->template, att->logical_id);
		return false;
	}
	clean = sanitize_policy(L, doc, &att->unknown_resource, &att->unknown_actions);
	if (!json_array_size(json_object_get(clean, "Statement"))) {
		json_decref(clean);
		if (att->unknown_actions)
			pnote(L, "%s: %s: every action of the policy is unknown before deploy: left out",
			      att->template, att->name);
		return false;
	}
	att->policy = iam_policy_parse(NULL, clean, "", IAM_POLICY_IDENTITY,
				       IAM_PARSE_NO_LOCATIONS, NULL, &e);
	json_decref(clean);
	if (!att->policy) {
		if (e.code == IAM_ERR_NOMEM)
			L->nomem = true;
		else
			pnote(L, "%s: %s: the policy cannot be read (%s%s%s): left out",
			      att->template, att->name, e.path, *e.path ? ": " : "", e.text);
		return false;
	}
	snprintf(label, sizeof(label), "%s#%s", att->template, att->pointer);
	if (iam_policy_set_name(att->policy, label) < 0)
		L->nomem = true;
	if (att->unknown_actions)
		pnote(L, "%s: %s: %zu action%s unknown before deploy: left out",
		      att->template, att->name, att->unknown_actions,
		      att->unknown_actions == 1 ? " is" : "s are");
	return true;
}

static struct iam_amplify_role *new_role(struct loader *L)
{
	struct iam_amplify_project *p = L->p;
	struct iam_amplify_role *v = realloc(p->roles, (p->nroles + 1) * sizeof(*v));

	if (!v) {
		L->nomem = true;
		return NULL;
	}
	p->roles = v;
	memset(&v[p->nroles], 0, sizeof(v[0]));
	return &v[p->nroles++];
}

static struct iam_amplify_attached *new_attached(struct loader *L,
						 struct iam_amplify_role *r)
{
	struct iam_amplify_attached *v = realloc(r->policies, (r->npolicies + 1) * sizeof(*v));

	if (!v) {
		L->nomem = true;
		return NULL;
	}
	r->policies = v;
	memset(&v[r->npolicies], 0, sizeof(v[0]));
	return &v[r->npolicies++];
}

/* Forget the last attached policy (it could not be compiled). */
static void drop_last(struct iam_amplify_role *r)
{
	struct iam_amplify_attached *a = &r->policies[--r->npolicies];

	free(a->template);
	free(a->logical_id);
	free(a->name);
	free(a->pointer);
	iam_policy_free(a->policy);
}

static void role_from(struct loader *L, struct iam_amplify_stack *st,
		      const char *lid, json_t *res)
{
	struct iam_cfn_stack *s = st->cfn;
	json_t *props = json_object_get(res, "Properties"), *ref, *v, *pols;
	struct iam_amplify_role *r = new_role(L);
	size_t i;
	json_t *e;

	if (!r)
		return;
	r->template = xdup(L, s->file);
	r->logical_id = xdup(L, lid);
	r->category = xdup(L, st->category);
	r->resource = xdup(L, st->resource);
	r->derived = st->derived;
	ref = json_pack("{ss}", "Ref", lid);
	v = ref ? iam_cfn_eval(s, ref) : NULL;
	json_decref(ref);
	if (json_is_string(v)) {
		r->match = xdup(L, json_string_value(v));
		/* no RoleName: CloudFormation makes one up */
		if (json_object_get(props, "RoleName"))
			r->name = render(L, json_string_value(v), IAM_CFN_RENDER_DISPLAY);
	}
	json_decref(v);
	iam_cfn_position(s, lid, &r->line, &r->column);
	v = iam_cfn_eval(s, json_object_get(props, "PermissionsBoundary"));
	r->has_boundary = v != NULL;
	json_decref(v);

	pols = iam_cfn_eval(s, json_object_get(props, "Policies"));
	json_array_foreach(pols, i, e) {
		struct iam_amplify_attached *a = new_attached(L, r);
		json_t *pn = json_object_get(e, "PolicyName");
		char rest[64];

		if (!a)
			break;
		a->template = xdup(L, s->file);
		a->logical_id = xdup(L, lid);
		a->derived = st->derived;
		a->name = json_is_string(pn) ? render(L, json_string_value(pn), IAM_CFN_RENDER_DISPLAY)
					     : xdup(L, lid);
		snprintf(rest, sizeof(rest), "/Properties/Policies/%zu/PolicyDocument", i);
		a->pointer = pointer_of(lid, rest);
		if (!a->pointer)
			L->nomem = true;
		iam_cfn_position(s, lid, &a->line, &a->column);
		L->p->npolicies++;
		if (!compile_attached(L, a, json_object_get(e, "PolicyDocument")))
			drop_last(r);
	}
	json_decref(pols);

	/* managed policies: the project's own are attached when their
	 * resource is read; others (AWS managed) are listed, not checked */
	v = json_object_get(props, "ManagedPolicyArns");
	json_array_foreach(v, i, e) {
		json_t *rv = json_object_get(e, "Ref");
		const char *type = NULL;
		json_t *arn;
		char **m;

		if (json_is_string(rv) && iam_cfn_resource(s, json_string_value(rv), &type) &&
		    type && strcmp(type, "AWS::IAM::ManagedPolicy") == 0)
			continue;
		arn = iam_cfn_eval(s, e);
		if (!json_is_string(arn)) {
			json_decref(arn);
			continue;
		}
		m = realloc(r->managed, (r->nmanaged + 1) * sizeof(*m));
		if (!m) {
			L->nomem = true;
			json_decref(arn);
			break;
		}
		r->managed = m;
		m[r->nmanaged] = render(L, json_string_value(arn), IAM_CFN_RENDER_DISPLAY);
		if (m[r->nmanaged])
			r->nmanaged++;
		json_decref(arn);
	}
}

/* A role by the logical ID of a stack. */
static struct iam_amplify_role *role_by_id(struct iam_amplify_project *p,
					   const char *file, const char *lid,
					   size_t lidlen)
{
	for (size_t i = 0; i < p->nroles; i++) {
		struct iam_amplify_role *r = &p->roles[i];

		if (r->template && strcmp(r->template, file) == 0 &&
		    strlen(r->logical_id) == lidlen &&
		    strncmp(r->logical_id, lid, lidlen) == 0)
			return r;
	}
	return NULL;
}

/* The role an output of stack si names: Outputs.<out>.Value = {"Ref": role}. */
static struct iam_amplify_role *role_by_output(struct iam_amplify_project *p,
					       size_t si, const char *out)
{
	struct iam_amplify_stack *st = &p->stacks[si];
	json_t *val = json_object_get(json_object_get(json_object_get(st->cfn->root,
								      "Outputs"),
						      out), "Value");
	json_t *ref = json_object_get(val, "Ref");
	json_t *ga = json_object_get(val, "Fn::GetAtt");
	const char *type = NULL;

	/* a role's ARN names it too (a role name is often cut from it) */
	if (!ref && json_is_array(ga) && json_array_size(ga) == 2 &&
	    json_is_string(json_array_get(ga, 1)) &&
	    strcmp(json_string_value(json_array_get(ga, 1)), "Arn") == 0)
		ref = json_array_get(ga, 0);
	if (!json_is_string(ref) ||
	    !iam_cfn_resource(st->cfn, json_string_value(ref), &type) ||
	    !type || strcmp(type, "AWS::IAM::Role") != 0)
		return NULL;
	return role_by_id(p, st->cfn->file, json_string_value(ref),
			  strlen(json_string_value(ref)));
}

static struct iam_amplify_role *find_role(struct loader *L, const char *name)
{
	struct iam_amplify_project *p = L->p;
	const char *key, *text;
	size_t keylen, textlen;
	char buf[600];

	for (size_t i = 0; i < p->nroles; i++)
		if (p->roles[i].match && strcmp(p->roles[i].match, name) == 0)
			return &p->roles[i];
	if (!wholly_unknown(name) ||
	    !iam_cfn_first_token(name, &key, &keylen, &text, &textlen) ||
	    textlen >= sizeof(buf))
		return NULL;
	memcpy(buf, text, textlen);
	buf[textlen] = '\0';
	/* what Fn::Select made of it: the origin is what names the role */
	if (strchr(buf, '|')) {
		*strchr(buf, '|') = '\0';
		textlen = strlen(buf);
	}
	/* a Ref to a role of a stack: the token is key + logical ID */
	for (size_t i = 0; i < p->nstacks; i++) {
		struct iam_amplify_stack *st = &p->stacks[i];
		const char *dot;

		if (strlen(st->cfn->key) != keylen || strncmp(st->cfn->key, key, keylen) != 0)
			continue;
		{
			struct iam_amplify_role *r = role_by_id(p, st->cfn->file, buf, textlen);

			if (r)
				return r;
		}
		/* Fn::GetAtt [nested, Outputs.X] of that stack */
		dot = strstr(buf, ".Outputs.");
		if (dot) {
			char lid[300];

			snprintf(lid, sizeof(lid), "%.*s", (int)(dot - buf), buf);
			for (size_t k = 0; k < p->nstacks; k++)
				if (p->stacks[k].parent == (long)i && p->stacks[k].parent_logical &&
				    strcmp(p->stacks[k].parent_logical, lid) == 0)
					return role_by_output(p, k, dot + 9);
		}
	}
	/* a parameter with no value, named <category><resource><Output> */
	if (keylen == 5 && strncmp(key, "param", 5) == 0) {
		for (size_t i = 0; i < p->nstacks; i++) {
			struct iam_amplify_stack *st = &p->stacks[i];
			size_t cl = strlen(st->category), rl = strlen(st->resource);

			if (!cl || (st->parent >= 0 && *p->stacks[st->parent].category) ||
			    textlen <= cl + rl ||
			    strncmp(buf, st->category, cl) != 0 ||
			    strncmp(buf + cl, st->resource, rl) != 0)
				continue;
			{
				struct iam_amplify_role *r = role_by_output(p, i, buf + cl + rl);

				if (r)
					return r;
			}
		}
	}
	return NULL;
}

/* A role Amplify makes outside the project's templates (the root stack of
 * a pre-v7 project is the CLI's): auth and unauth roles by name. */
static struct iam_amplify_role *outside_role(struct loader *L, const char *name)
{
	const char *lid = NULL;
	struct iam_amplify_role *r;

	if (L->p->auth_role && strcmp(name, L->p->auth_role) == 0)
		lid = "AuthRole";
	else if (L->p->unauth_role && strcmp(name, L->p->unauth_role) == 0)
		lid = "UnauthRole";
	if (!lid)
		return NULL;
	r = new_role(L);
	if (!r)
		return NULL;
	r->logical_id = xdup(L, lid);
	r->name = xdup(L, name);
	r->match = xdup(L, name);
	r->category = xdup(L, "");
	r->resource = xdup(L, "");
	return r;
}

static void attach_policy(struct loader *L, struct iam_amplify_stack *st,
			  const char *lid, json_t *res)
{
	struct iam_cfn_stack *s = st->cfn;
	json_t *props = json_object_get(res, "Properties"), *roles, *doc, *e;
	json_t *pn = json_object_get(props, "PolicyName");
	const char *type = json_string_value(json_object_get(res, "Type"));
	size_t i;
	int nattached = 0;

	if (!pn)
		pn = json_object_get(props, "ManagedPolicyName");
	L->p->npolicies++;
	roles = iam_cfn_eval(s, json_object_get(props, "Roles"));
	/* a managed policy named in a role's ManagedPolicyArns by Ref */
	for (size_t k = 0; k < L->p->nroles; k++) {
		struct iam_amplify_role *r = &L->p->roles[k];
		json_t *rres, *arns;

		if (!r->template || strcmp(r->template, s->file) != 0 ||
		    strcmp(type, "AWS::IAM::ManagedPolicy") != 0)
			continue;
		rres = iam_cfn_resource(s, r->logical_id, NULL);
		arns = json_object_get(json_object_get(rres, "Properties"), "ManagedPolicyArns");
		json_array_foreach(arns, i, e) {
			json_t *rv = json_object_get(e, "Ref");

			if (json_is_string(rv) && strcmp(json_string_value(rv), lid) == 0) {
				json_t *n = json_pack("{ss}", "Ref", r->logical_id);

				if (!roles)
					roles = json_array();
				if (n) {
					json_t *name = iam_cfn_eval(s, n);

					if (name)
						json_array_append_new(roles, name);
				}
				json_decref(n);
			}
		}
	}
	doc = iam_cfn_eval(s, json_object_get(props, "PolicyDocument"));
	json_array_foreach(roles, i, e) {
		struct iam_amplify_role *r;
		struct iam_amplify_attached *a;
		char *shown;

		if (!json_is_string(e))
			continue;
		r = find_role(L, json_string_value(e));
		if (!r && !iam_cfn_has_unknown(json_string_value(e)))
			r = outside_role(L, json_string_value(e));
		if (!r) {
			shown = render(L, json_string_value(e), IAM_CFN_RENDER_DISPLAY);
			pnote(L, "%s: %s attaches to role '%s', which no template of the project creates: not checked",
			      s->file, lid, shown ? shown : "?");
			free(shown);
			continue;
		}
		a = new_attached(L, r);
		if (!a)
			break;
		a->template = xdup(L, s->file);
		a->logical_id = xdup(L, lid);
		a->derived = st->derived;
		{
			json_t *pv = pn ? iam_cfn_eval(s, pn) : NULL;

			a->name = json_is_string(pv) ? render(L, json_string_value(pv),
							      IAM_CFN_RENDER_DISPLAY)
						     : xdup(L, lid);
			json_decref(pv);
		}
		a->pointer = pointer_of(lid, "/Properties/PolicyDocument");
		if (!a->pointer)
			L->nomem = true;
		iam_cfn_position(s, lid, &a->line, &a->column);
		if (st->custom_policies && strcmp(lid, "CustomLambdaExecutionPolicy") == 0) {
			/* merged from custom-policies.json: shown at that file */
			free(a->template);
			a->template = xdup(L, st->custom_policies);
			a->line = 1;
			a->column = 1;
		}
		if (!compile_attached(L, a, doc))
			drop_last(r);
		else
			nattached++;
	}
	if (!json_array_size(roles) && !nattached)
		pnote(L, "%s: %s is attached to no role", s->file, lid);
	json_decref(roles);
	json_decref(doc);
}

/* Roles first (policies name them), then policies. */
static void collect(struct loader *L)
{
	struct iam_amplify_project *p = L->p;

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < p->nstacks && !L->nomem; i++) {
			struct iam_amplify_stack *st = &p->stacks[i];
			const char *lid;
			json_t *res;

			json_object_foreach(st->cfn->resources, lid, res) {
				const char *type = json_string_value(json_object_get(res, "Type"));
				bool role, policy;
				enum iam_cfn_tri ex;

				if (!type)
					continue;
				role = strcmp(type, "AWS::IAM::Role") == 0;
				policy = strcmp(type, "AWS::IAM::Policy") == 0 ||
					 strcmp(type, "AWS::IAM::ManagedPolicy") == 0;
				if (!(pass == 0 ? role : policy))
					continue;
				ex = iam_cfn_resource_exists(st->cfn, lid);
				if (ex == IAM_CFN_FALSE)
					continue;
				if (ex == IAM_CFN_UNKNOWN)
					pnote(L, "%s: %s: its Condition is unknown before deploy: taken as created",
					      st->cfn->file, lid);
				if (role)
					role_from(L, st, lid, res);
				else
					attach_policy(L, st, lid, res);
			}
		}
	}
	for (size_t i = 0; i < p->nstacks; i++) {
		size_t k;
		json_t *v;

		json_array_foreach(p->stacks[i].cfn->notes, k, v)
			pnote(L, "%s: %s", p->stacks[i].cfn->file, json_string_value(v));
	}
}

/* The name of the first bucket of a category, when the templates say. */
static char *bucket_of(struct loader *L, const char *category)
{
	struct iam_amplify_project *p = L->p;

	for (size_t i = 0; i < p->nstacks; i++) {
		struct iam_amplify_stack *st = &p->stacks[i];
		const char *lid;
		json_t *res;

		if (strcmp(st->category, category) != 0)
			continue;
		json_object_foreach(st->cfn->resources, lid, res) {
			const char *type = json_string_value(json_object_get(res, "Type"));
			json_t *n;
			char *out = NULL;

			if (!type || strcmp(type, "AWS::S3::Bucket") != 0 ||
			    iam_cfn_resource_exists(st->cfn, lid) == IAM_CFN_FALSE)
				continue;
			n = iam_cfn_eval(st->cfn, json_object_get(json_object_get(res, "Properties"),
								  "BucketName"));
			if (json_is_string(n) && !iam_cfn_has_unknown(json_string_value(n)))
				out = xdup(L, json_string_value(n));
			json_decref(n);
			if (out)
				return out;
		}
	}
	return NULL;
}

/* ---- the project ---- */

/* backend-config.json is an object of categories, each an object of
 * resources, each an object whose service and providerPlugin (when
 * given) are strings; "parameters" and "providers" are Amplify's own
 * sections, of other shapes.  0, or -1 after shape_error(). */
static int backend_config_shape(struct loader *L, struct iam_json_doc *doc,
				const char *f, const char *disp)
{
	static const char *const strings[] = { "service", "providerPlugin" };
	const char *cat, *r;
	json_t *res, *v;
	char ptr[IAM_CFN_POINTER_MAX];

	if (!json_is_object(doc->root)) {
		shape_error(L, doc, f, disp, "", "backend-config.json must hold an object, not %s",
			    a_type(doc->root));
		return -1;
	}
	json_object_foreach(doc->root, cat, res) {
		if (strcmp(cat, "parameters") == 0 || strcmp(cat, "providers") == 0)
			continue;
		ptr[0] = '\0';
		iam_jptr_push(ptr, sizeof(ptr), cat);
		if (!json_is_object(res)) {
			shape_error(L, doc, f, disp, ptr, "a category must be an object, not %s",
				    a_type(res));
			return -1;
		}
		json_object_foreach(res, r, v) {
			size_t n = strlen(ptr);

			iam_jptr_push(ptr, sizeof(ptr), r);
			if (!json_is_object(v)) {
				shape_error(L, doc, f, disp, ptr,
					    "a resource must be an object, not %s", a_type(v));
				return -1;
			}
			for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
				json_t *e = json_object_get(v, strings[i]);

				if (e && !json_is_string(e)) {
					iam_jptr_push(ptr, sizeof(ptr), strings[i]);
					shape_error(L, doc, f, disp, ptr, "%s must be a string, not %s",
						    strings[i], a_type(e));
					return -1;
				}
			}
			ptr[n] = '\0';
		}
	}
	return 0;
}

static void read_backend_config(struct loader *L)
{
	struct iam_amplify_project *p = L->p;
	char *f = path_join(p->backend, "backend-config.json");
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	char *disp = path_join(L->backend_display, "backend-config.json");
	const char *cat;
	json_t *res;

	p->cats = 1u << 0;  /* core */
	if (!f || !disp) {
		L->nomem = true;
		goto out;
	}
	if (!is_file(f)) {
		pnote(L, "%s: not found: categories taken from the backend's directories", disp);
		goto out;
	}
	if (iam_json_load_file(&doc, f, L->err) < 0) {
		iam_strlcpy_tail(L->err->source, disp, sizeof(L->err->source));
		L->failed = true;
		goto out;
	}
	if (backend_config_shape(L, &doc, f, disp) < 0)
		goto out;
	p->backend_categories = json_object();
	json_object_foreach(doc.root, cat, res) {
		json_t *names = json_array();
		const char *r;
		json_t *v;
		int ci;

		if (strcmp(cat, "parameters") == 0 || strcmp(cat, "providers") == 0) {
			json_decref(names);
			continue;
		}
		json_object_foreach(res, r, v) {
			json_array_append_new(names, iam_json_text(r));
		}
		json_object_set_new(p->backend_categories, cat, names);
		if (!json_object_size(res))
			continue;
		ci = iam_amplify_category_index(cat);
		if (ci > 0)
			p->cats |= 1u << ci;
		else if (ci < 0)
			pnote(L, "category '%s': no action list covers it; its templates' roles are still read",
			      cat);
	}
out:
	iam_json_doc_release(&doc);
	free(f);
	free(disp);
}

static void categories_from_dirs(struct loader *L)
{
	bool nomem = false;
	size_t n;
	char **names = list_dir(L->p->backend, &n, &nomem);

	for (size_t i = 0; i < n; i++) {
		int ci = iam_amplify_category_index(names[i]);

		if (ci > 0)
			L->p->cats |= 1u << ci;
	}
	free_list(names, n);
	if (nomem)
		L->nomem = true;
}

static char *local_env(const char *amplify_dir)
{
	char *f = path_join(amplify_dir, ".config/local-env-info.json");
	json_t *o = f ? load_json_quiet(f) : NULL;
	char *env = NULL;

	if (json_is_string(json_object_get(o, "envName")))
		env = strdup(json_string_value(json_object_get(o, "envName")));
	json_decref(o);
	free(f);
	return env;
}

static char *account_of(struct loader *L, const char *arn);

char **iam_amplify_env_names(const char *dir, size_t *n)
{
	char *amp = path_join(dir, "amplify"), *f, *cur;
	json_t *tpi, *v;
	const char *k;
	char **names;

	*n = 0;
	if (amp && !is_dir(amp)) {
		free(amp);
		amp = strdup(dir);  /* the amplify/ folder itself */
	}
	f = amp ? path_join(amp, "team-provider-info.json") : NULL;
	tpi = f ? load_json_quiet(f) : NULL;
	cur = amp ? local_env(amp) : NULL;
	free(f);
	free(amp);
	if (!json_is_object(tpi) || json_object_size(tpi) < 2 ||
	    (cur && json_object_get(tpi, cur))) {
		json_decref(tpi);
		free(cur);
		return NULL;
	}
	free(cur);
	names = calloc(json_object_size(tpi) + 1, sizeof(*names));
	json_object_foreach(tpi, k, v) {
		if (!names || !(names[*n] = strdup(k)))
			break;
		(*n)++;
	}
	json_decref(tpi);
	return names;
}

static void read_team_provider_info(struct loader *L, const char *amplify_dir,
				    const char *amplify_display, const char *env)
{
	struct iam_amplify_project *p = L->p;
	char *f = path_join(amplify_dir, "team-provider-info.json");
	char *disp = path_join(amplify_display, "team-provider-info.json");
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	const char *k;
	json_t *v;
	char list[512] = "";

	if (!f || !disp) {
		L->nomem = true;
		goto out;
	}
	if (!is_file(f)) {
		pnote(L, "%s: not found: the environment's names (stack, deployment bucket, roles) are unknown",
		      disp);
		p->env = xdup(L, env);
		goto out;
	}
	if (iam_json_load_file(&doc, f, L->err) < 0) {
		iam_strlcpy_tail(L->err->source, disp, sizeof(L->err->source));
		L->failed = true;
		goto out;
	}
	json_object_foreach(doc.root, k, v) {
		char **e = realloc(p->envs, (p->nenvs + 1) * sizeof(*e));
		char **a = realloc(p->env_accounts, (p->nenvs + 1) * sizeof(*a));
		char **b = a ? realloc(p->env_boundaries, (p->nenvs + 1) * sizeof(*b)) : NULL;
		json_t *cf = json_object_get(v, "awscloudformation");
		const char *arn = json_string_value(json_object_get(cf, "PermissionsBoundaryPolicyArn"));

		if (e)
			p->envs = e;
		if (a)
			p->env_accounts = a;
		if (b)
			p->env_boundaries = b;
		if (!e || !a || !b) {
			L->nomem = true;
			goto out;
		}
		p->env_accounts[p->nenvs] = account_of(L, json_string_value(json_object_get(cf, "StackId")));
		p->env_boundaries[p->nenvs] = arn && *arn ? xdup(L, arn) : NULL;
		p->envs[p->nenvs] = xdup(L, k);
		if (p->envs[p->nenvs])
			p->nenvs++;
		if (strlen(list) + strlen(k) + 3 < sizeof(list))
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%s", *list ? ", " : "", k);
	}
	if (env) {
		if (!json_object_get(doc.root, env)) {
			iam_error_set(L->err, IAM_ERR_USAGE, NULL,
				      "%s has no environment '%s' (%s)", disp, env,
				      *list ? list : "none");
			L->failed = true;
			goto out;
		}
		p->env = xdup(L, env);
	} else if (p->nenvs == 1) {
		p->env = xdup(L, p->envs[0]);
	} else if (p->nenvs > 1) {
		char *cur = local_env(amplify_dir);

		if (cur && json_object_get(doc.root, cur)) {
			p->env = cur;
			pnote(L, "environment '%s': the current one (amplify/.config/local-env-info.json)", cur);
		} else {
			free(cur);
			iam_error_set(L->err, IAM_ERR_USAGE, NULL,
				      "%s has %zu environments (%s): choose one with --env",
				      disp, p->nenvs, list);
			L->failed = true;
			goto out;
		}
	}
	if (p->env)
		L->tpi_env = json_incref(json_object_get(doc.root, p->env));
out:
	iam_json_doc_release(&doc);
	free(f);
	free(disp);
}

bool iam_amplify_is_gen2(const char *dir)
{
	char *a = path_join(dir, "amplify/backend.ts");
	char *b = path_join(dir, "amplify/backend");
	bool yes = a && b && is_file(a) && !is_dir(b);

	free(a);
	free(b);
	return yes;
}

/* Does dir hold a project's amplify/ (Gen 1 or Gen 2)? */
static bool is_project_root(const char *dir)
{
	char *g1 = path_join(dir, "amplify/backend/backend-config.json");
	char *g2 = path_join(dir, "amplify/backend.ts");
	bool yes = (g1 && is_file(g1)) || (g2 && is_file(g2));

	free(g1);
	free(g2);
	return yes;
}

/* dir followed by n "/.." (n = 0: dir). */
static char *climb(const char *dir, int n)
{
	size_t len = strlen(dir);
	char *r = malloc(len + 3 * (size_t)n + 1), *o;

	if (!r)
		return NULL;
	memcpy(r, dir, len + 1);
	o = r + len;
	if (n && strcmp(dir, ".") == 0) {
		o = r;
		memcpy(o, "..", 3);
		o += 2;
		n--;
	}
	for (; n > 0; n--, o += 3)
		memcpy(o, "/..", 4);
	return r;
}

char *iam_amplify_find_project(const char *arg, bool up)
{
	char real[PATH_MAX], dir[PATH_MAX];
	const char *base;
	size_t len = strlen(arg);
	bool named, in_amplify;
	int n = 0;

	if (is_project_root(arg))
		return strdup(arg);
	/* "x/amplify/" is "x/amplify" */
	while (len > 1 && arg[len - 1] == '/')
		len--;
	if (len >= sizeof(dir))
		return NULL;
	memcpy(dir, arg, len);
	dir[len] = '\0';
	base = strrchr(dir, '/');
	/* the amplify/ folder itself: named so ("x/amplify"), or "." in it */
	base = base ? base + 1 : dir;
	named = strcmp(base, "amplify") == 0;
	in_amplify = named;
	if (!named && realpath(dir, real)) {
		const char *rb = strrchr(real, '/');

		in_amplify = rb && strcmp(rb + 1, "amplify") == 0;
	}
	if (in_amplify) {
		char *parent;

		if (named && base == dir)
			parent = strdup(".");
		else if (named && base - dir == 1)
			parent = strdup("/");
		else if (named)
			parent = strndup(dir, (size_t)(base - dir - 1));
		else
			parent = climb(dir, 1);
		if (parent && is_project_root(parent))
			return parent;
		free(parent);
	}
	if (!up || !realpath(dir, real))
		return NULL;
	/* each directory above, by its real path, up to / */
	for (;;) {
		char *slash = strrchr(real, '/');

		if (!slash || (slash == real && real[1] == '\0'))
			return NULL;
		if (slash == real)
			slash[1] = '\0';
		else
			*slash = '\0';
		n++;
		if (is_project_root(real))
			return climb(dir, n);
	}
}

/* The account of a stack ARN (field 5). */
static char *account_of(struct loader *L, const char *arn)
{
	const char *p = arn;
	int colons = 0;

	if (!arn || strncmp(arn, "arn:", 4) != 0)
		return NULL;
	for (; *p && colons < 4; p++)
		if (*p == ':')
			colons++;
	if (colons < 4 || strlen(p) < 12 || p[12] != ':')
		return NULL;
	{
		char acct[13];

		memcpy(acct, p, 12);
		acct[12] = '\0';
		return iam_is_account_id(acct) ? xdup(L, acct) : NULL;
	}
}

/* A new project for loader L to fill: its directory, notes and skipped
 * files (the caller checks them, and L.seen, for NULL: out of memory).
 * NULL with err set when even the project cannot be allocated. */
static struct iam_amplify_project *loader_start(struct loader *L, const char *dir,
						struct iam_error *err)
{
	struct iam_amplify_project *p = calloc(1, sizeof(*p));

	if (!p) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	L->p = p;
	L->err = err;
	p->dir = strdup(dir);
	p->notes = json_array();
	p->skipped = json_array();
	L->seen = json_object();
	return p;
}

struct iam_amplify_project *iam_amplify_project_load(const char *dir,
						     const char *env,
						     const char *region,
						     const char *account,
						     struct iam_error *err)
{
	struct loader L = { 0 };
	struct iam_amplify_project *p = loader_start(&L, dir, err);
	char *amp = NULL, *amp_disp = NULL;

	if (!p)
		return NULL;
	amp = path_join(dir, "amplify");
	if (!p->dir || !p->notes || !p->skipped || !L.seen || !amp)
		goto nomem;
	if (is_dir(amp)) {
		amp_disp = strdup(amp);
	} else {
		char *b = path_join(dir, "backend");

		if (b && is_dir(b)) {
			free(amp);
			amp = strdup(dir);
			amp_disp = strdup(dir);
		}
		free(b);
	}
	if (!amp || !amp_disp) {
		if (!amp)
			goto nomem;
		iam_error_set(err, IAM_ERR_IO, NULL,
			      iam_amplify_is_gen2(dir)
				      ? "an Amplify Gen 2 project: check it with --list gen2 and no project directory"
				      : "not an Amplify Gen 1 project: no amplify/ directory");
		iam_error_locate(err, dir, 0, 0);
		goto fail;
	}
	p->backend = path_join(amp, "backend");
	{
		char *bd = path_join(amp_disp, "backend");

		if (!p->backend || !bd) {
			free(bd);
			goto nomem;
		}
		L.backend_display = bd;
	}
	if (!is_dir(p->backend)) {
		iam_error_set(err, IAM_ERR_IO, NULL,
			      "not an Amplify Gen 1 project: no backend/ directory");
		iam_error_locate(err, amp_disp, 0, 0);
		goto fail;
	}
	read_team_provider_info(&L, amp, amp_disp, env);
	if (L.failed)
		goto fail;
	read_backend_config(&L);
	if (L.failed)
		goto fail;
	if (!p->backend_categories)
		categories_from_dirs(&L);
	p->region = xdup(&L, region ? region : tpi_str(&L, "Region"));
	p->account = account ? xdup(&L, account) : account_of(&L, tpi_str(&L, "StackId"));
	p->stack_name = xdup(&L, tpi_str(&L, "StackName"));
	p->deployment_bucket = xdup(&L, tpi_str(&L, "DeploymentBucketName"));
	p->app_id = xdup(&L, tpi_str(&L, "AmplifyAppId"));
	p->auth_role = xdup(&L, tpi_str(&L, "AuthRoleName"));
	p->unauth_role = xdup(&L, tpi_str(&L, "UnauthRoleName"));
	p->boundary_arn = xdup(&L, tpi_str(&L, "PermissionsBoundaryPolicyArn"));
	if (p->boundary_arn && !*p->boundary_arn) {
		free(p->boundary_arn);
		p->boundary_arn = NULL;
	}
	if (L.nomem)
		goto nomem;

	find_templates(&L);
	if (!L.failed && !L.nomem)
		derive_missing(&L);
	if (L.failed)
		goto fail;
	if (L.nomem)
		goto nomem;
	if (stack_index(p, "root") < 0) {
		/* pre-v7: the CLI holds the root stack; its parameters are
		 * team-provider-info.json's values */
		struct iam_error e = IAM_ERROR_INIT;
		static const char stand_in[] = "{\"Resources\": {}}";
		struct iam_cfn_stack *s = iam_cfn_load_buffer(stand_in, sizeof(stand_in) - 1,
							      "(root stack)", "root", &e);

		if (!s)
			goto nomem;
		L.rootctx = s;
		L.own_rootctx = true;
		if (iam_cfn_set_pseudo(s, p->region, p->account, "aws", p->stack_name) < 0)
			goto nomem;
		{
			const char *k;
			json_t *v;

			json_object_foreach(json_object_get(L.tpi_env, "awscloudformation"), k, v)
				if (iam_cfn_set_param(s, k, v) < 0)
					goto nomem;
		}
		/* its auth and unauth roles exist whatever the templates say */
		if (p->auth_role)
			outside_role(&L, p->auth_role);
		if (p->unauth_role)
			outside_role(&L, p->unauth_role);
	}
	setup_all(&L);
	collect(&L);
	p->storage_bucket = bucket_of(&L, "storage");
	p->hosting_bucket = bucket_of(&L, "hosting");
	if (L.nomem)
		goto nomem;
	if (L.own_rootctx)
		iam_cfn_free(L.rootctx);
	json_decref(L.tpi_env);
	json_decref(L.seen);
	free(amp);
	free(amp_disp);
	free((char *)L.backend_display);
	return p;
nomem:
	iam_error_clear(err);
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
fail:
	if (L.own_rootctx)
		iam_cfn_free(L.rootctx);
	json_decref(L.tpi_env);
	json_decref(L.seen);
	free(amp);
	free(amp_disp);
	free((char *)L.backend_display);
	iam_amplify_project_free(p);
	return NULL;
}

static void free_role(struct iam_amplify_role *r)
{
	for (size_t i = 0; i < r->npolicies; i++) {
		struct iam_amplify_attached *a = &r->policies[i];

		free(a->name);
		free(a->template);
		free(a->logical_id);
		free(a->pointer);
		iam_policy_free(a->policy);
	}
	free(r->policies);
	free_list(r->managed, r->nmanaged);
	free_list(r->actions, r->nactions);
	for (size_t i = 0; i < r->nlost; i++) {
		free(r->lost[i].action);
		free(r->lost[i].resource);
	}
	free(r->lost);
	free(r->template);
	free(r->logical_id);
	free(r->name);
	free(r->match);
	free(r->category);
	free(r->resource);
}

void iam_amplify_project_free(struct iam_amplify_project *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nroles; i++)
		free_role(&p->roles[i]);
	free(p->roles);
	for (size_t i = 0; i < p->nstacks; i++) {
		iam_cfn_free(p->stacks[i].cfn);
		free(p->stacks[i].category);
		free(p->stacks[i].resource);
		free(p->stacks[i].parent_logical);
		free(p->stacks[i].custom_policies);
		json_decref(p->stacks[i].derived_params);
	}
	free(p->stacks);
	for (size_t i = 0; i < p->nenvs; i++) {
		free(p->env_accounts[i]);
		free(p->env_boundaries[i]);
	}
	free(p->env_accounts);
	free(p->env_boundaries);
	free_list(p->envs, p->nenvs);
	free(p->dir);
	free(p->backend);
	free(p->env);
	free(p->region);
	free(p->account);
	free(p->stack_name);
	free(p->deployment_bucket);
	free(p->app_id);
	free(p->auth_role);
	free(p->unauth_role);
	free(p->boundary_arn);
	free(p->storage_bucket);
	free(p->hosting_bucket);
	json_decref(p->backend_categories);
	json_decref(p->notes);
	json_decref(p->skipped);
	free(p);
}

void iam_amplify_project_vars(const struct iam_amplify_project *p,
			      struct iam_amplify_vars *v)
{
	memset(v, 0, sizeof(*v));
	v->region = p->region;
	v->account = p->account;
	v->stack_prefix = p->stack_name;
	v->deployment_bucket = p->deployment_bucket;
	v->storage_bucket = p->storage_bucket;
	v->hosting_bucket = p->hosting_bucket;
	v->app_id = p->app_id;
	v->env = p->env;
	/* Gen 1 names a hosting resource by its kind: S3AndCloudFront, or
	 * amplifyhosting (Amplify Hosting, whose compute serves SSR apps) */
	{
		json_t *h = json_object_get(p->backend_categories, "hosting"), *e;
		size_t i;

		v->no_ssr_hosting = json_array_size(h) > 0;
		json_array_foreach(h, i, e)
			if (!json_is_string(e) ||
			    strcmp(json_string_value(e), "S3AndCloudFront") != 0)
				v->no_ssr_hosting = false;
	}
}

/* ---- what a boundary takes from each role ---- */

struct grant_ctx {
	struct iam_amplify_role *role;
	const struct iam_amplify_attached *att;
	const struct iam_statement *stmt;
	const struct iam_catalog *cat;
	const struct iam_policy *boundary;
	const char *principal;
	struct iam_context *ctx;
	unsigned char *granted;       /* bit per catalog action */
	uint32_t *ids;                /* the same, in the order granted */
	size_t nids, capids;
	const char *resource;
	char **extra;                 /* granted actions the catalog lacks */
	size_t nextra;
	struct iam_error *err;
	bool nomem;
};

static bool denied_by_role(const struct iam_amplify_role *r, const char *action,
			   const char *resource)
{
	struct iam_request rq = { NULL, action, resource, NULL, NULL, NULL };

	for (size_t i = 0; i < r->npolicies; i++) {
		const struct iam_policy *p = r->policies[i].policy;

		for (size_t k = 0; k < p->nstmts; k++) {
			const struct iam_statement *s = &p->stmts[k];

			/* an unconditional Deny of the role's own takes the
			 * grant away; a conditional one may not */
			if (s->effect == IAM_EFFECT_DENY && !s->nconds &&
			    iam_statement_applies(s, &rq))
				return true;
		}
	}
	return false;
}

static void add_loss(struct grant_ctx *g, const char *action,
		     enum iam_amplify_block by, struct iam_stmt_ref deny)
{
	struct iam_amplify_role *r = g->role;
	struct iam_amplify_loss *v;

	for (size_t i = 0; i < r->nlost; i++)
		if (strcmp(r->lost[i].action, action) == 0 &&
		    strcmp(r->lost[i].resource, g->resource) == 0)
			return;
	v = realloc(r->lost, (r->nlost + 1) * sizeof(*v));
	if (!v) {
		g->nomem = true;
		return;
	}
	r->lost = v;
	v[r->nlost].action = strdup(action);
	v[r->nlost].resource = strdup(g->resource);
	v[r->nlost].by = by;
	v[r->nlost].deny = deny;
	v[r->nlost].granted_by = g->att;
	if (!v[r->nlost].action || !v[r->nlost].resource) {
		free(v[r->nlost].action);
		free(v[r->nlost].resource);
		g->nomem = true;
		return;
	}
	r->nlost++;
}

static void grant(struct grant_ctx *g, const char *action, long id)
{
	if (denied_by_role(g->role, action, g->resource))
		return;
	if (id >= 0) {
		if (!(g->granted[id / 8] & (1u << (id % 8)))) {
			if (g->nids == g->capids) {
				size_t cap = g->capids ? g->capids * 2 : 64;
				uint32_t *v = realloc(g->ids, cap * sizeof(*v));

				if (!v) {
					g->nomem = true;
					return;
				}
				g->ids = v;
				g->capids = cap;
			}
			g->ids[g->nids++] = (uint32_t)id;
		}
		g->granted[id / 8] |= (unsigned char)(1u << (id % 8));
	} else {
		bool have = false;

		for (size_t i = 0; i < g->nextra && !have; i++)
			have = strcasecmp(g->extra[i], action) == 0;
		if (!have) {
			char **v = realloc(g->extra, (g->nextra + 1) * sizeof(*v));

			if (!v || !(v[g->nextra] = strdup(action))) {
				if (v)
					g->extra = v;
				g->nomem = true;
				return;
			}
			g->extra = v;
			g->nextra++;
		}
	}
	if (g->boundary) {
		/* the boundary alone decides: it takes the identity layer */
		struct iam_policy *b = (struct iam_policy *)g->boundary;
		struct iam_policy_set set = { .identity = &b, .nidentity = 1 };
		struct iam_request rq = { g->principal, action, g->resource, NULL, g->ctx, NULL };
		struct iam_result res;

		if (iam_authorize(&set, &rq, 0, &res, g->err) < 0) {
			g->nomem = true;
			return;
		}
		if (res.decision == IAM_DECISION_EXPLICIT_DENY)
			add_loss(g, action, IAM_AMPLIFY_BY_DENY,
				 res.layers[res.decided_by].first_deny);
		else if (res.decision != IAM_DECISION_ALLOWED)
			add_loss(g, action, IAM_AMPLIFY_BY_BOUNDARY,
				 (struct iam_stmt_ref){ NULL, NULL });
	}
}

static int on_granted(void *ctx, const struct iam_cat_action *a)
{
	struct grant_ctx *g = ctx;
	char name[300];

	if (g->stmt->not_action) {
		/* NotAction: every action but those listed */
		snprintf(name, sizeof(name), "%s:%s", a->service, a->name);
		for (size_t i = 0; i < g->stmt->nactions; i++)
			if (g->stmt->actions[i].glob &&
			    iam_glob_match(g->stmt->actions[i].glob, name, strlen(name)))
				return 0;
	}
	snprintf(name, sizeof(name), "%s:%s", a->service, a->name);
	grant(g, name, (long)a->id);
	return g->nomem ? 1 : 0;
}

static void grants_of_statement(struct grant_ctx *g)
{
	const struct iam_statement *s = g->stmt;
	size_t nres = s->not_resource || !s->has_resource ? 1 : s->nresources;

	for (size_t k = 0; k < nres && !g->nomem; k++) {
		g->resource = s->not_resource || !s->has_resource ? "*" : s->resources[k].text;
		if (s->not_action) {
			if (iam_catalog_expand(g->cat, "*", on_granted, g, g->err) < 0)
				g->nomem = true;
			continue;
		}
		for (size_t i = 0; i < s->nactions && !g->nomem; i++) {
			const char *pat = s->actions[i].text;
			int n = iam_catalog_expand(g->cat, pat, on_granted, g, g->err);

			if (n < 0)
				g->nomem = true;
			else if (n == 0 && strcspn(pat, "*?") == strlen(pat) && strchr(pat, ':'))
				grant(g, pat, -1);
		}
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

long iam_amplify_roles_check(struct iam_amplify_project *p,
			     const struct iam_catalog *cat,
			     const struct iam_policy *boundary,
			     struct iam_error *err)
{
	size_t nact = iam_catalog_nactions(cat);
	long losing = 0;

	for (size_t ri = 0; ri < p->nroles; ri++) {
		struct iam_amplify_role *r = &p->roles[ri];
		struct iam_context ctx = IAM_CONTEXT_INIT;
		struct grant_ctx g = { 0 };
		char principal[700];
		size_t n = 0;

		free_list(r->actions, r->nactions);
		r->actions = NULL;
		r->nactions = 0;
		g.role = r;
		g.cat = cat;
		g.boundary = boundary;
		g.err = err;
		g.ctx = &ctx;
		g.granted = calloc(nact / 8 + 1, 1);
		if (!g.granted)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		/* the role's sessions: derived keys for the boundary's conditions */
		if (r->name && !strchr(r->name, '$') && p->account) {
			snprintf(principal, sizeof(principal), "arn:aws:iam::%s:role/%s",
				 p->account, r->name);
			g.principal = principal;
			if (iam_context_derive(&ctx, principal) < 0)
				g.nomem = true;
		}
		for (size_t i = 0; i < r->npolicies && !g.nomem; i++) {
			const struct iam_policy *pol = r->policies[i].policy;

			g.att = &r->policies[i];
			for (size_t k = 0; k < pol->nstmts && !g.nomem; k++) {
				if (pol->stmts[k].effect != IAM_EFFECT_ALLOW)
					continue;
				g.stmt = &pol->stmts[k];
				grants_of_statement(&g);
			}
		}
		if (!g.nomem) {
			struct iam_cat_action a;

			n = g.nids;
			if (n)
				qsort(g.ids, n, sizeof(*g.ids), cmp_u32);
			r->actions = calloc(n + g.nextra + 1, sizeof(char *));
			if (!r->actions)
				g.nomem = true;
			for (size_t i = 0; i < n && !g.nomem; i++) {
				char name[300];

				if (!iam_catalog_action_at(cat, g.ids[i], &a))
					continue;
				snprintf(name, sizeof(name), "%s:%s", a.service, a.name);
				r->actions[r->nactions] = strdup(name);
				if (!r->actions[r->nactions])
					g.nomem = true;
				else
					r->nactions++;
			}
			for (size_t i = 0; i < g.nextra && !g.nomem; i++) {
				r->actions[r->nactions++] = g.extra[i];
				g.extra[i] = NULL;
			}
		}
		free_list(g.extra, g.nextra);
		free(g.granted);
		free(g.ids);
		iam_context_release(&ctx);
		if (g.nomem) {
			iam_error_clear(err);
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		}
		/* distinct actions lost */
		r->nlost_actions = 0;
		for (size_t i = 0; i < r->nlost; i++) {
			bool dup = false;

			for (size_t k = 0; k < i && !dup; k++)
				dup = strcmp(r->lost[k].action, r->lost[i].action) == 0;
			if (!dup)
				r->nlost_actions++;
		}
		if (r->nlost)
			losing++;
	}
	return losing;
}

/* ---- Gen 2: CDK's synthesized templates (amplify/gen2.c finds them) ---- */

struct iam_amplify_project *iam_amplify_project_from_templates(
	const char *dir, const struct iam_amplify_template *t, size_t n,
	const char *region, const char *account, struct iam_error *err)
{
	struct loader L = { 0 };
	struct iam_amplify_project *p = loader_start(&L, dir, err);

	if (!p)
		return NULL;
	p->backend = path_join(dir, "amplify");
	p->cats = 1u << iam_amplify_category_index("core");
	L.backend_display = p->backend;
	if (!p->dir || !p->backend || !p->notes || !p->skipped || !L.seen)
		goto nomem;
	p->region = xdup(&L, region);
	p->account = xdup(&L, account);
	for (size_t i = 0; i < n && !L.failed && !L.nomem; i++)
		consider(&L, t[i].file, t[i].display, "gen2", t[i].name,
			 base_name(t[i].file));
	if (L.failed)
		goto fail;
	setup_all(&L);
	collect(&L);
	if (L.nomem)
		goto nomem;
	json_decref(L.seen);
	return p;
nomem:
	iam_error_clear(err);
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
fail:
	json_decref(L.seen);
	iam_amplify_project_free(p);
	return NULL;
}
