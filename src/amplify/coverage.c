/* amplify/coverage.c - what amplify check could not read or derive
 * (amplify/check.h).
 *
 * A verdict is only as good as what it read.  For every resource of
 * backend-config.json the check must have read the templates that create
 * its roles and policies, or derived them from the resource's
 * cli-inputs.json (amplify/derive.c) as `amplify build` would; a resource
 * with neither (a CLI v8 project whose build/ is not committed holds only
 * cli-inputs.json, of a category not derived), a template it could
 * not read, a policy whose actions are unknown before deploy, and a
 * category the list files no action under are each a gap, with the reason
 * and what would close it; so is each policy the caller could not resolve
 * (o->unresolved: an ARN that no account snapshot holds).  Any gap makes
 * the result incomplete.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/check.h"
#include "core/cfn.h"
#include "core/error.h"

static void gap(struct iam_amplify_report *r, const char *resource, const char *file,
		int line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void gap(struct iam_amplify_report *r, const char *resource, const char *file,
		int line, const char *fmt, ...)
{
	struct iam_amplify_gap *v, *g;
	char text[1024];
	va_list ap;

	v = realloc(r->gaps, (r->ngaps + 1) * sizeof(*v));
	if (!v) {
		r->gaps_nomem = true;
		return;
	}
	r->gaps = v;
	g = &v[r->ngaps];
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	g->resource = strdup(resource ? resource : "");
	g->file = file ? strdup(file) : NULL;
	g->line = line;
	g->reason = strdup(text);
	if (!g->resource || !g->reason || (file && !g->file)) {
		free(g->resource);
		free(g->file);
		free(g->reason);
		r->gaps_nomem = true;
		return;
	}
	r->ngaps++;
}

static bool exists(const char *path, bool dir)
{
	struct stat st;

	return stat(path, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* Was a template of the resource read?  An API's stacks/CustomResources.json
 * (the user's own stack, which the CLI writes empty) is not the API: its
 * roles are in the templates `amplify build` writes. */
static bool has_stack(const struct iam_amplify_project *p, const char *cat, const char *res)
{
	for (size_t i = 0; i < p->nstacks; i++) {
		const struct iam_amplify_stack *s = &p->stacks[i];

		if (strcmp(s->category, cat) == 0 && strcmp(s->resource, res) == 0 &&
		    !(s->cfn->file && ends_with(s->cfn->file, "/stacks/CustomResources.json")))
			return true;
	}
	return false;
}

/* Is a file under dir one the reader left out? */
static bool skipped_under(const struct iam_amplify_project *p, const char *dir)
{
	size_t i, n = strlen(dir);
	json_t *v;

	json_array_foreach(p->skipped, i, v) {
		const char *f = json_string_value(json_object_get(v, "file"));

		if (f && strncmp(f, dir, n) == 0 && f[n] == '/' &&
		    !json_is_true(json_object_get(v, "notDeployed")))
			return true;
	}
	return false;
}

/* The service backend-config.json gives a resource ("AppSync"), or NULL. */
static char *service_of(const struct iam_amplify_project *p, const char *cat, const char *res)
{
	char file[4200];
	json_t *conf, *v;
	char *s = NULL;

	snprintf(file, sizeof(file), "%s/backend-config.json", p->backend);
	conf = json_load_file(file, 0, NULL);
	v = json_object_get(json_object_get(json_object_get(conf, cat), res), "service");
	if (json_is_string(v))
		s = strdup(json_string_value(v));
	json_decref(conf);
	return s;
}

/* A resource of backend-config.json that no template was read for.  One
 * with only its cli-inputs.json is derived when its category is one
 * amplify/derive.c does: then it has a stack, and is no gap. */
static void resource_gap(struct iam_amplify_report *r, const char *cat, const char *res)
{
	const struct iam_amplify_project *p = r->proj;
	char dir[4096], file[4200], name[512];

	snprintf(name, sizeof(name), "%s/%s", cat, res);
	snprintf(dir, sizeof(dir), "%s/%s/%s", p->backend, cat, res);
	if (!exists(dir, true)) {
		gap(r, name, dir, 0,
		    "backend-config.json names %s, but its folder is not there: its roles and policies are unknown",
		    name);
		return;
	}
	if (skipped_under(p, dir))
		return;  /* its template is there, and unread: that gap says it */
	snprintf(file, sizeof(file), "%s/cli-inputs.json", dir);
	if (exists(file, false)) {
		char *svc = service_of(p, cat, res);

		/* a derivable one has its derived stack, or a skipped entry */
		gap(r, name, file, 0,
		    "no CloudFormation template, only cli-inputs.json: deriving what `amplify build` generates from it is not implemented for %s%s%s%s, so its roles and policies were not read (run `amplify build`, or commit the build/ folder)",
		    cat, svc ? " (" : "", svc ? svc : "", svc ? ")" : "");
		free(svc);
		return;
	}
	gap(r, name, dir, 0, "no CloudFormation template: its roles and policies are unknown");
}

static bool empty_list(json_t *v)
{
	return json_is_array(v) && json_array_size(v) == 0;
}

/* How many statements of a custom-policies.json give an action.  When the
 * first is the placeholder the CLI writes ({"Action": [], "Resource": []})
 * the CLI deploys no policy at all, whatever follows: none.  -1 for a file
 * that is not a list of statements. */
static long custom_statements(const char *file)
{
	json_t *doc = json_load_file(file, 0, NULL), *st;
	long n = 0;
	size_t i;

	if (!json_is_array(doc)) {
		json_decref(doc);
		return -1;
	}
	st = json_array_get(doc, 0);
	if (!json_array_size(doc) || (empty_list(json_object_get(st, "Action")) &&
				      empty_list(json_object_get(st, "Resource")))) {
		json_decref(doc);
		return 0;
	}
	json_array_foreach(doc, i, st) {
		json_t *a = json_object_get(st, "Action");

		if (!json_is_object(st))
			n = -1;
		else if (n >= 0 && (json_is_string(a) || json_array_size(a)))
			n++;
	}
	json_decref(doc);
	return n;
}

/* A function's custom-policies.json, which the CLI merges into the
 * function's role at push (the project reader does the same): a gap when
 * it is not a list of statements. */
static void custom_policies(struct iam_amplify_report *r, const char *cat, const char *res)
{
	char file[4200], name[512];
	long n;

	if (strcmp(cat, "function") != 0)
		return;
	snprintf(file, sizeof(file), "%s/%s/%s/custom-policies.json", r->proj->backend, cat, res);
	if (!exists(file, false))
		return;
	snprintf(name, sizeof(name), "%s/%s", cat, res);
	n = custom_statements(file);
	if (n < 0)
		gap(r, name, file, 0,
		    "not a list of IAM statements: what the CLI adds to the function's role at push is unknown");
}

static void resources(struct iam_amplify_report *r)
{
	const struct iam_amplify_project *p = r->proj;
	const char *cat;
	json_t *names, *v;
	size_t i;

	json_object_foreach(p->backend_categories, cat, names)
		json_array_foreach(names, i, v) {
			if (!has_stack(p, cat, json_string_value(v)))
				resource_gap(r, cat, json_string_value(v));
			custom_policies(r, cat, json_string_value(v));
		}
}

/* The files the project reader left out, and the policies whose actions
 * could not be resolved. */
static void unread(struct iam_amplify_report *r)
{
	const struct iam_amplify_project *p = r->proj;
	size_t i;
	json_t *v;

	json_array_foreach(p->skipped, i, v)
		if (!json_is_true(json_object_get(v, "notDeployed")))
			gap(r, NULL, json_string_value(json_object_get(v, "file")), 0,
			    "not read: %s", json_string_value(json_object_get(v, "reason")));
	for (i = 0; i < p->nroles; i++) {
		const struct iam_amplify_role *role = &p->roles[i];
		char name[512];

		snprintf(name, sizeof(name), "%s%s%s", *role->category ? role->category : "root",
			 *role->resource ? "/" : "", role->resource);
		for (size_t k = 0; k < role->nmanaged; k++)
			gap(r, name, role->template, role->line,
			    "role %s: the managed policy %s is attached, and not read (its grants are not checked against the boundary)",
			    role->logical_id, role->managed[k]);
		for (size_t k = 0; k < role->npolicies; k++) {
			const struct iam_amplify_attached *a = &role->policies[k];

			if (a->unknown_actions)
				gap(r, name, a->template, a->line,
				    "policy %s of role %s: %zu Action value%s unknown before deploy, left out",
				    a->name, role->logical_id, a->unknown_actions,
				    a->unknown_actions == 1 ? "" : "s");
		}
	}
}

/* The categories checked that the list files no action under. */
static void categories(struct iam_amplify_report *r)
{
	for (int c = 0; iam_amplify_categories[c]; c++) {
		size_t n = 0;

		if (!(r->plan.cats & (1u << c)))
			continue;
		for (size_t i = 0; i < r->plan.n && !n; i++)
			n += r->plan.v[i].category == c;
		if (!n)
			gap(r, iam_amplify_categories[c], NULL, 0,
			    "the %s list names no action for category %s: its deploy is not checked (choose a list with --list)",
			    r->list->name, iam_amplify_categories[c]);
	}
}

int iam_amplify_coverage(const struct iam_amplify_options *o,
			 struct iam_amplify_report *r, struct iam_error *err)
{
	if (r->checked)
		categories(r);
	for (size_t i = 0; i < o->nunresolved; i++)
		gap(r, o->unresolved[i].resource, o->unresolved[i].file,
		    o->unresolved[i].line, "%s", o->unresolved[i].reason);
	if (r->proj) {
		resources(r);
		unread(r);
	} else if (r->gen2 && o->project_boundary) {
		gap(r, NULL, o->project, 0,
		    "a Gen 2 project's roles come from CDK, and no synthesized template is there: run npx ampx sandbox or npx ampx pipeline-deploy (they synthesize into .amplify/artifacts/cdk.out), or cdk synth into cdk.out, to check them");
	}
	if (r->gaps_nomem)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

void iam_amplify_gaps_release(struct iam_amplify_report *r)
{
	for (size_t i = 0; i < r->ngaps; i++) {
		free(r->gaps[i].resource);
		free(r->gaps[i].file);
		free(r->gaps[i].reason);
	}
	free(r->gaps);
	r->gaps = NULL;
	r->ngaps = 0;
}
