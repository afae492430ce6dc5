/* cli/cmd_amplify.c - iamgate amplify check | actions: gate an Amplify deploy. */
#include "config.h"

#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "amplify/amplify.h"
#include "amplify/check.h"
#include "core/authz.h"
#include "core/catalog.h"
#include "core/context.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "cli/msg.h"
#include "core/policy.h"

void cmd_amplify_usage(FILE *f)
{
	size_t i;
	const char *name, *title;

	fputs("usage: iamgate amplify check [PROJECT_DIR] [options]\n"
	      "       iamgate amplify actions [--categories LIST] [--list NAME] [--expand]\n"
	      "\n"
	      "check: decide every action the Amplify CLI needs for the deploy against the\n"
	      "deployer's policies, and find what the project's permissions boundary takes\n"
	      "from each role the project's CloudFormation templates create.\n"
	      "actions: print the required-action list, by category.\n"
	      "\n"
	      "check options:\n"
	      "  -p, --policy FILE           the deployer's identity policy (repeatable)\n"
	      "  -b, --boundary FILE         the deployer's permissions boundary\n"
	      "      --scp FILE              a service control policy attached to the\n"
	      "                              account; all of them are one level (repeatable)\n"
	      "      --project-boundary FILE the policy behind the project's\n"
	      "                              PermissionsBoundaryPolicyArn: check every role\n"
	      "                              the project creates against it\n"
	      "      --env NAME              the environment (team-provider-info.json)\n"
	      "      --config FILE           take what the command line leaves out from the\n"
	      "                              \"amplify\" section of FILE (.iamgate.json)\n"
	      "      --account ID            the account deployed to (default: the project's)\n"
	      "      --region REGION         the region deployed to (default: the project's)\n"
	      "      --principal ARN         the deployer: a role, user or assumed-role session\n"
	      "  -c, --context KEY=VALUE     a condition key of every request (repeatable)\n"
	      "      --color auto|always|never  color the report (honours NO_COLOR)\n"
	      "  -q, --quiet                 print nothing; the exit status tells\n"
	      "common options:\n"
	      "      --categories LIST       categories, comma-separated (default: the\n"
	      "                              project's, else all): core, auth, api, function,\n"
	      "                              storage, hosting, analytics, notifications,\n"
	      "                              interactions, predictions, geo\n"
	      "      --list NAME|FILE        the required-action list (default: cli-2020;\n"
	      "                              gen2 for a Gen 2 project)\n"
	      "      --expand                actions: every concrete action of each entry\n"
	      "      --catalog FILE          use this action catalog, not the built-in one\n"
	      "      --format text|json|sarif  output format (default: text; sarif: check)\n"
	      "  -h, --help                  show this help\n"
	      "\n"
	      "lists:", f);
	for (i = 0; iam_amplify_list_at(i, &name, &title); i++)
		iam_out(f, " %s", name);
	fputs("\n"
	      "\n"
	      "exit status: 0 every required action allowed and no role loses actions,\n"
	      "1 something missing or outside the boundary, 2 usage error, 3 invalid\n"
	      "input (unreadable policy or project), 4 internal error.\n", f);
}

/* --categories LIST into the unsigned field. */
static int categories_option(const char *cmd, char *arg, void *field)
{
	struct iam_error err = IAM_ERROR_INIT;

	if (iam_amplify_categories_parse(arg, field, &err) < 0) {
		iam_msg_usage(cmd, "%s", err.text);
		return -1;
	}
	return 0;
}

/* --account ID into the const char * field. */
static int account_option(const char *cmd, char *arg, void *field)
{
	if (!iam_is_account_id(arg)) {
		iam_msg_usage(cmd, "--account '%s' is not an account ID (12 digits)", arg);
		return -1;
	}
	*(const char **)field = arg;
	return 0;
}

/* --region NAME into the const char * field. */
static int region_option(const char *cmd, char *arg, void *field)
{
	if (!*arg || strspn(arg, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(arg)) {
		iam_msg_usage(cmd, "--region '%s' is not a region name (us-east-1)", arg);
		return -1;
	}
	*(const char **)field = arg;
	return 0;
}

static json_t *category_names(unsigned cats, int first)
{
	json_t *a = json_array();

	if (first >= 0 && (cats & (1u << first)))
		json_array_append_new(a, iam_json_text(iam_amplify_categories[first]));
	for (int c = 0; iam_amplify_categories[c]; c++)
		if ((cats & (1u << c)) && c != first)
			json_array_append_new(a, iam_json_text(iam_amplify_categories[c]));
	return a;
}

static void print_json(json_t *o)
{
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
}

static const struct iam_catalog *open_catalog(const char *file,
					      struct iam_catalog **loaded,
					      int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;

	*loaded = NULL;
	if (!file)
		return iam_catalog_default();
	*loaded = iam_catalog_load(file, &err);
	if (!*loaded) {
		iam_msg_failure(&err);
		*rc = iam_exit_for(&err);
		return NULL;
	}
	return *loaded;
}

static struct iam_amplify_list *open_list(const char *name, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_list *l = iam_amplify_list_load(name, &err);

	if (!l) {
		if (err.code == IAM_ERR_USAGE) {
			iam_msg_usage("amplify", "%s", err.text);
			*rc = IAM_EXIT_USAGE;
		} else {
			iam_msg_failure(&err);
			*rc = iam_exit_for(&err);
		}
	}
	return l;
}

/* ---- amplify actions ---- */

struct expand_ctx {
	json_t *names;
};

static int collect_name(void *ctx, const struct iam_cat_action *a)
{
	struct expand_ctx *x = ctx;
	char buf[300];

	snprintf(buf, sizeof(buf), "%s:%s", a->service, a->name);
	return json_array_append_new(x->names, iam_json_text(buf)) < 0;
}

struct actions_opts {
	unsigned cats;          /* 0: all */
	const char *list;
	bool expand;
	const char *catalog;
	const char *format;
};

#define A(f) offsetof(struct actions_opts, f)
static const struct cmd_option actions_options[] = {
	CMD_CALLBACK(0, "categories", "LIST", A(cats), categories_option, NULL),
	CMD_STRING(0, "list", "NAME|FILE", A(list), NULL),
	CMD_FLAG(0, "expand", A(expand), NULL),
	CMD_STRING(0, "catalog", "FILE", A(catalog), NULL),
	CMD_CHOICE(0, "format", "text|json", A(format), cmd_formats_text_json, NULL),
	CMD_HELP_OPTION,
	CMD_END,
};
#undef A

static const struct cmd_command actions_command = {
	.name = "amplify", .options = actions_options, .print_help = cmd_amplify_usage,
};

static int cmd_actions(int argc, char **argv)
{
	struct actions_opts o = { .format = "text" };
	const char *list_name, *format, *catalog_file;
	struct iam_catalog *loaded = NULL;
	const struct iam_catalog *cat = NULL;
	struct iam_amplify_list *l = NULL;
	struct iam_error err = IAM_ERROR_INIT;
	unsigned cats;
	bool expand;
	json_t *out = NULL, *jcats = NULL;
	size_t npatterns = 0, nactions = 0;
	int nargs, rc = cmd_parse(&actions_command, argc, argv, &o, &nargs);

	if (rc != CMD_CONTINUE)
		return rc;
	rc = IAM_EXIT_USAGE;
	if (nargs) {
		iam_msg_usage("amplify", "amplify actions takes no arguments ('%s')", argv[0]);
		goto out;
	}
	list_name = o.list;
	format = o.format;
	catalog_file = o.catalog;
	cats = o.cats ? o.cats : IAM_AMPLIFY_ALL_CATEGORIES;
	expand = o.expand;
	cat = open_catalog(catalog_file, &loaded, &rc);
	if (!cat)
		goto out;
	l = open_list(list_name ? list_name : iam_amplify_default_list(1), &rc);
	if (!l)
		goto out;
	rc = IAM_EXIT_INTERNAL;
	out = json_object();
	jcats = json_array();
	if (strcmp(format, "text") == 0)
		iam_out(stdout, "# %s: %s\n# %s\n", l->name, l->title, l->source);
	for (int ci = 0; iam_amplify_categories[ci]; ci++) {
		json_t *jc, *entries;
		bool header = false;

		if (!(cats & (1u << ci)))
			continue;
		jc = json_object();
		entries = json_array();
		json_object_set_new(jc, "name", iam_json_text(iam_amplify_categories[ci]));
		for (size_t i = 0; i < l->nentries; i++) {
			const struct iam_amplify_entry *e = &l->entries[i];
			json_t *je;
			struct expand_ctx x;

			if (!(e->cats & (1u << ci)))
				continue;
			x.names = json_array();
			if (iam_catalog_expand(cat, e->action, collect_name, &x, &err) < 0) {
				json_decref(x.names);
				json_decref(jc);
				json_decref(entries);
				goto nomem;
			}
			npatterns++;
			nactions += json_array_size(x.names);
			je = json_object();
			json_object_set_new(je, "action", iam_json_text(e->action));
			json_object_set_new(je, "categories", category_names(e->cats, e->first_cat));
			json_object_set_new(je, "source", iam_json_text(e->source));
			if (e->via_cfn)
				json_object_set_new(je, "via", iam_json_text("cloudformation"));
			if (e->nresources) {
				json_t *r = json_array();

				for (size_t k = 0; k < e->nresources; k++)
					json_array_append_new(r, iam_json_text(e->resources[k]));
				json_object_set_new(je, "resources", r);
			}
			if (e->note)
				json_object_set_new(je, "note", iam_json_text(e->note));
			json_object_set_new(je, "count", json_integer((json_int_t)json_array_size(x.names)));
			if (expand)
				json_object_set(je, "actions", x.names);
			if (strcmp(format, "text") == 0) {
				size_t k;
				json_t *v;

				if (!header) {
					iam_out(stdout, "%s\n", iam_amplify_categories[ci]);
					header = true;
				}
				if (expand) {
					json_array_foreach(x.names, k, v)
						iam_out(stdout, "  %s\n", json_string_value(v));
					if (!json_array_size(x.names))
						iam_out(stdout, "  %s  (no action of the catalog)\n", e->action);
				} else {
					char count[64] = "";

					if (strcspn(e->action, "*?") != strlen(e->action))
						snprintf(count, sizeof(count), " (%zu actions)",
							 json_array_size(x.names));
					else if (!json_array_size(x.names))
						snprintf(count, sizeof(count), " (not in the catalog)");
					iam_out(stdout, "  %-44s %s%s%s\n", e->action, e->source,
					       e->via_cfn ? ", via CloudFormation" : "", count);
				}
			}
			json_decref(x.names);
			json_array_append_new(entries, je);
		}
		json_object_set_new(jc, "entries", entries);
		json_array_append_new(jcats, jc);
	}
	if (strcmp(format, "json") == 0) {
		json_object_set_new(out, "list", iam_json_text(l->name));
		json_object_set_new(out, "title", iam_json_text(l->title));
		json_object_set_new(out, "source", iam_json_text(l->source));
		json_object_set_new(out, "generation", json_integer(l->generation));
		json_object_set_new(out, "patterns", json_integer((json_int_t)npatterns));
		json_object_set_new(out, "actions", json_integer((json_int_t)nactions));
		json_object_set(out, "categories", jcats);
		print_json(out);
	} else {
		iam_out(stdout, "# %zu entries, %zu concrete actions (an entry of two categories is counted in each)\n",
		       npatterns, nactions);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		iam_msg_error("cannot write the output");
		goto out;
	}
	rc = IAM_EXIT_OK;
	goto out;
nomem:
	iam_msg_error("out of memory");
out:
	json_decref(jcats);
	json_decref(out);
	iam_amplify_list_free(l);
	iam_catalog_free(loaded);
	return rc;
}

/* ---- amplify check ---- */

struct check_opts {
	const char *config;
	struct iam_amplify_settings settings;  /* what --config supplied */
	const char *project;
	struct cmd_policy_opts pol;   /* -p, -b, --scp, --principal, -c */
	const char *project_boundary;
	const char *list;
	const char *env;
	const char *account, *region;
	const char *catalog;
	const char *format;
	const char *color;
	unsigned cats;        /* 0: not given */
	bool quiet;
};


static json_t *stmt_json(const struct iam_stmt_ref *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", iam_json_text(r->policy->name));
	json_object_set_new(o, "sid", r->stmt->sid ? iam_json_text(r->stmt->sid) : json_null());
	json_object_set_new(o, "index", json_integer((json_int_t)r->stmt->index));
	if (r->stmt->line > 0)
		json_object_set_new(o, "line", json_integer(r->stmt->line));
	return o;
}

static json_t *missing_json(const struct iam_amplify_plan *plan,
			    const struct iam_amplify_req *r)
{
	json_t *o = json_object(), *on = json_array();

	json_object_set_new(o, "action", iam_json_text(r->action));
	json_object_set_new(o, "category", iam_json_text(iam_amplify_categories[r->category]));
	json_object_set_new(o, "categories", category_names(r->cats, r->category));
	json_object_set_new(o, "resource", iam_json_text(r->resources[r->failed]));
	json_object_set_new(o, "decision", iam_json_text(iam_decision_name(r->decision)));
	json_object_set_new(o, "blockedBy", iam_json_text(iam_amplify_block_name(r->blocked_by)));
	if (r->deny.stmt)
		json_object_set_new(o, "statement", stmt_json(&r->deny));
	if (r->where)
		json_object_set_new(o, "policy", iam_json_text(r->where->name));
	/* where the same action is allowed: this requirement's other
	 * resources, and those other categories ask for */
	for (size_t k = 0; k < r->nresources; k++)
		if (r->allowed_on & (1u << k))
			json_array_append_new(on, iam_json_text(r->resources[k]));
	for (size_t i = 0; i < plan->n; i++) {
		const struct iam_amplify_req *q = &plan->v[i];

		if (q == r || strcasecmp(q->action, r->action) != 0)
			continue;
		for (size_t k = 0; k < q->nresources; k++)
			if (q->allowed_on & (1u << k))
				json_array_append_new(on, iam_json_text(q->resources[k]));
	}
	if (json_array_size(on))
		json_object_set(o, "allowedOn", on);
	json_decref(on);
	json_object_set_new(o, "entry", iam_json_text(r->entry->action));
	json_object_set_new(o, "source", iam_json_text(r->entry->source));
	if (r->via_cfn)
		json_object_set_new(o, "via", iam_json_text("cloudformation"));
	if (!r->in_catalog)
		json_object_set_new(o, "inCatalog", json_false());
	return o;
}

static json_t *role_json(const struct iam_amplify_role *r, bool checked)
{
	json_t *o = json_object(), *a;

	json_object_set_new(o, "template", r->template ? iam_json_text(r->template) : json_null());
	json_object_set_new(o, "logicalId", iam_json_text(r->logical_id));
	json_object_set_new(o, "name", r->name ? iam_json_text(r->name) : json_null());
	if (*r->category)
		json_object_set_new(o, "category", iam_json_text(r->category));
	if (*r->resource)
		json_object_set_new(o, "resource", iam_json_text(r->resource));
	if (r->line > 0) {
		json_object_set_new(o, "line", json_integer(r->line));
		json_object_set_new(o, "column", json_integer(r->column));
	}
	a = json_array();
	for (size_t i = 0; i < r->npolicies; i++) {
		const struct iam_amplify_attached *p = &r->policies[i];
		json_t *po = json_object();

		json_object_set_new(po, "name", iam_json_text(p->name));
		json_object_set_new(po, "template", iam_json_text(p->template));
		json_object_set_new(po, "logicalId", iam_json_text(p->logical_id));
		if (p->line > 0)
			json_object_set_new(po, "line", json_integer(p->line));
		if (p->unknown_resource)
			json_object_set_new(po, "unknownResource", json_true());
		if (p->unknown_actions)
			json_object_set_new(po, "unknownActions",
					    json_integer((json_int_t)p->unknown_actions));
		json_array_append_new(a, po);
	}
	json_object_set_new(o, "policies", a);
	if (r->nmanaged) {
		a = json_array();
		for (size_t i = 0; i < r->nmanaged; i++)
			json_array_append_new(a, iam_json_text(r->managed[i]));
		json_object_set_new(o, "managedPolicies", a);
	}
	a = json_array();
	for (size_t i = 0; i < r->nactions; i++)
		json_array_append_new(a, iam_json_text(r->actions[i]));
	json_object_set_new(o, "actions", a);
	if (!checked) {
		json_object_set_new(o, "outsideBoundary", json_null());
		return o;
	}
	a = json_array();
	for (size_t i = 0; i < r->nlost; i++) {
		const struct iam_amplify_loss *l = &r->lost[i];
		json_t *lo = json_object();

		json_object_set_new(lo, "action", iam_json_text(l->action));
		json_object_set_new(lo, "resource", iam_json_text(l->resource));
		json_object_set_new(lo, "blockedBy", iam_json_text(iam_amplify_block_name(l->by)));
		if (l->deny.stmt)
			json_object_set_new(lo, "statement", stmt_json(&l->deny));
		json_object_set_new(lo, "grantedBy", iam_json_text(l->granted_by->name));
		json_array_append_new(a, lo);
	}
	json_object_set_new(o, "outsideBoundary", a);
	return o;
}

/* ---- text report ---- */

/* What the printers read: the options, what the check found. */
struct report {
	const struct check_opts *o;
	const struct iam_amplify_report *r;
	const struct iam_catalog *cat;
	bool color;
};

static const char *c_on(const struct report *R, const char *code)
{
	return R->color ? code : "";
}

/* How many requirements of the plan came from entry e in category c. */
static size_t entry_total(const struct iam_amplify_plan *plan,
			  const struct iam_amplify_entry *e, int c)
{
	size_t n = 0;

	for (size_t i = 0; i < plan->n; i++)
		if (plan->v[i].entry == e && plan->v[i].category == c)
			n++;
	return n;
}

static bool same_group(const struct iam_amplify_req *a, const struct iam_amplify_req *b)
{
	return a->category == b->category && a->blocked_by == b->blocked_by &&
	       a->deny.stmt == b->deny.stmt && a->where == b->where;
}

/* One line: what to add (or narrow), where, and the actions. */
static void print_group(const struct report *R, const struct iam_amplify_req *const *g,
			size_t n)
{
	const struct iam_amplify_req *r0 = g[0];
	const char *res0 = r0->resources[r0->failed];
	bool same_res = true;
	char where[600];
	size_t shown = 0;

	for (size_t i = 1; i < n; i++)
		same_res = same_res && strcmp(g[i]->resources[g[i]->failed], res0) == 0;
	switch (r0->blocked_by) {
	case IAM_AMPLIFY_BY_DENY:
		iam_amplify_stmt_label(&r0->deny, where, sizeof(where));
		iam_out(stdout, "  narrow the Deny at %s:", where);
		break;
	case IAM_AMPLIFY_BY_BOUNDARY:
		iam_out(stdout, "  add to the deployer's boundary %s:", r0->where ? r0->where->name : "");
		break;
	case IAM_AMPLIFY_BY_SCP:
		iam_out(stdout, "  add to the SCP %s:", r0->where ? r0->where->name : "level");
		break;
	default:
		iam_out(stdout, "  add to %s:", R->o->pol.npolicies ? R->o->pol.policies[0] : "an identity policy of the deployer");
		break;
	}
	/* entries missing whole are named by their pattern */
	for (size_t i = 0; i < n; i++) {
		const struct iam_amplify_entry *e = g[i]->entry;
		size_t in_group = 0, k;

		for (k = 0; k < i; k++)
			if (g[k]->entry == e)
				break;
		if (k < i)
			continue;  /* entry handled */
		for (k = i; k < n; k++)
			if (g[k]->entry == e)
				in_group++;
		if (strcspn(e->action, "*?") != strlen(e->action) && in_group > 1 &&
		    in_group == entry_total(&R->r->plan, e, r0->category)) {
			iam_out(stdout, "%s %s (%zu actions)", shown++ ? "," : "", e->action, in_group);
			continue;
		}
		if (strcspn(e->action, "*?") != strlen(e->action) && in_group > 8) {
			/* granting the entry as written is the one-line fix */
			iam_out(stdout, "%s %s (%zu of its %zu actions)", shown++ ? "," : "", e->action,
			       in_group, entry_total(&R->r->plan, e, r0->category));
			continue;
		}
		for (k = i; k < n; k++)
			if (g[k]->entry == e)
				iam_out(stdout, "%s %s", shown++ ? "," : "", g[k]->action);
	}
	if (same_res) {
		iam_out(stdout, " on %s\n", res0);
		return;
	}
	/* a few distinct resources are named; more are in the JSON */
	{
		const char *distinct[4];
		size_t nd = 0;

		for (size_t i = 0; i < n && nd < 4; i++) {
			const char *r = g[i]->resources[g[i]->failed];
			size_t k;

			for (k = 0; k < nd && strcmp(distinct[k], r) != 0; k++)
				;
			if (k == nd)
				distinct[nd++] = r;
		}
		if (nd > 3) {
			iam_out(stdout, " on their resources (--format json lists them)\n");
			return;
		}
		iam_out(stdout, " on");
		for (size_t k = 0; k < nd; k++)
			iam_out(stdout, "%s %s", k ? (k + 1 == nd ? " and" : ",") : "", distinct[k]);
		iam_out(stdout, "\n");
	}
}

static void print_category(const struct report *R, int c)
{
	const struct iam_amplify_plan *plan = &R->r->plan;
	const struct iam_amplify_req **g = malloc(plan->n * sizeof(*g));
	size_t total = 0, bad = 0;
	bool *done = calloc(plan->n, sizeof(bool));

	for (size_t i = 0; i < plan->n; i++) {
		if (plan->v[i].category != c)
			continue;
		total++;
		if (R->r->checked && plan->v[i].blocked_by != IAM_AMPLIFY_ALLOWED)
			bad++;
	}
	if (!total) {
		iam_out(stdout, "%-13s nothing: the %s list has no action filed under it\n",
		       iam_amplify_categories[c], R->r->list->name);
		goto out;
	}
	if (!R->r->checked)
		iam_out(stdout, "%-13s %zu required actions (not checked: no --policy)\n",
		       iam_amplify_categories[c], total);
	else if (!bad)
		iam_out(stdout, "%-13s %sall %zu allowed%s\n", iam_amplify_categories[c],
		       c_on(R, iam_sgr_green), total, c_on(R, iam_sgr_reset));
	else
		iam_out(stdout, "%-13s %s%zu of %zu missing%s\n", iam_amplify_categories[c],
		       c_on(R, iam_sgr_red), bad, total, c_on(R, iam_sgr_reset));
	if (!bad || !g || !done)
		goto out;
	for (size_t i = 0; i < plan->n; i++) {
		size_t n = 0;

		if (done[i] || plan->v[i].category != c ||
		    plan->v[i].blocked_by == IAM_AMPLIFY_ALLOWED)
			continue;
		for (size_t k = i; k < plan->n; k++) {
			if (done[k] || plan->v[k].category != c ||
			    plan->v[k].blocked_by == IAM_AMPLIFY_ALLOWED ||
			    !same_group(&plan->v[i], &plan->v[k]))
				continue;
			done[k] = true;
			g[n++] = &plan->v[k];
		}
		print_group(R, g, n);
	}
out:
	free(g);
	free(done);
}

/* The actions a role loses on one resource for one cause, as text: every
 * action of a service is shortened to "service:*".  New string. */
static char *loss_actions(const struct report *R, const struct iam_amplify_role *r,
			  size_t i0, bool *done)
{
	const struct iam_amplify_loss *l = &r->lost[i0];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	for (size_t k = i0, shown = 0; k < r->nlost; k++) {
		const struct iam_amplify_loss *m = &r->lost[k];
		size_t sl = strcspn(m->action, ":"), in = 0;
		struct iam_cat_service s;
		char svc[128];

		if (done[k] || m->by != l->by || m->deny.stmt != l->deny.stmt ||
		    strcmp(m->resource, l->resource) != 0)
			continue;
		snprintf(svc, sizeof(svc), "%.*s", (int)sl, m->action);
		for (size_t j = k; j < r->nlost; j++)
			if (!done[j] && r->lost[j].by == l->by &&
			    r->lost[j].deny.stmt == l->deny.stmt &&
			    strcmp(r->lost[j].resource, l->resource) == 0 &&
			    strncmp(r->lost[j].action, m->action, sl + 1) == 0)
				in++;
		if (in > 3 && iam_catalog_find_service(R->cat, svc, &s) && in == s.nactions) {
			iam_out(f, "%s%s:* (%zu actions)", shown++ ? ", " : "", s.prefix, in);
			for (size_t j = k; j < r->nlost; j++)
				if (r->lost[j].by == l->by && r->lost[j].deny.stmt == l->deny.stmt &&
				    strcmp(r->lost[j].resource, l->resource) == 0 &&
				    strncmp(r->lost[j].action, m->action, sl + 1) == 0)
					done[j] = true;
			continue;
		}
		iam_out(f, "%s%s", shown++ ? ", " : "", m->action);
		done[k] = true;
	}
	fclose(f);
	return buf;
}

/* What the boundary takes from a role: one line per cause and set of
 * actions, with the resources it is taken on. */
static void print_losses(const struct report *R, const struct iam_amplify_role *r)
{
	bool *done = calloc(r->nlost + 1, sizeof(bool));
	struct line {
		size_t first;            /* a loss of the line */
		char *actions;
		char *resources;
	} *lines = calloc(r->nlost + 1, sizeof(*lines));
	size_t nlines = 0;

	for (size_t i = 0; done && lines && i < r->nlost; i++) {
		char *acts;
		size_t k;

		if (done[i])
			continue;
		acts = loss_actions(R, r, i, done);
		if (!acts)
			break;
		/* the same actions for the same cause on another resource */
		for (k = 0; k < nlines; k++)
			if (r->lost[lines[k].first].by == r->lost[i].by &&
			    r->lost[lines[k].first].deny.stmt == r->lost[i].deny.stmt &&
			    strcmp(lines[k].actions, acts) == 0)
				break;
		if (k < nlines) {
			size_t n = strlen(lines[k].resources) + strlen(r->lost[i].resource) + 3;
			char *res = malloc(n);

			if (res) {
				snprintf(res, n, "%s, %s", lines[k].resources, r->lost[i].resource);
				free(lines[k].resources);
				lines[k].resources = res;
			}
			free(acts);
			continue;
		}
		lines[nlines].first = i;
		lines[nlines].actions = acts;
		lines[nlines].resources = strdup(r->lost[i].resource);
		nlines++;
	}
	for (size_t k = 0; k < nlines; k++) {
		const struct iam_amplify_loss *l = &r->lost[lines[k].first];
		char where[600];

		if (l->by == IAM_AMPLIFY_BY_DENY)
			iam_out(stdout, "    denied by %s: ", iam_amplify_stmt_label(&l->deny, where, sizeof(where)));
		else
			iam_out(stdout, "    not allowed by the boundary: ");
		iam_out(stdout, "%s on %s\n", lines[k].actions, lines[k].resources ? lines[k].resources : "?");
		free(lines[k].actions);
		free(lines[k].resources);
	}
	free(lines);
	free(done);
}

static void print_role_line(const struct report *R, const struct iam_amplify_role *r)
{
	iam_out(stdout, "  %s%s%s %s", *r->category ? r->category : "root",
	       *r->resource ? "/" : "", r->resource, r->logical_id);
	if (r->name)
		iam_out(stdout, " '%s'", r->name);
	if (r->template && r->line > 0)
		iam_out(stdout, " (%s:%d)", r->template, r->line);
	else if (!r->template)
		iam_out(stdout, " (made by the Amplify CLI's root stack)");
	iam_out(stdout, ": %zu action%s from %zu polic%s", r->nactions, r->nactions == 1 ? "" : "s",
	       r->npolicies, r->npolicies == 1 ? "y" : "ies");
	if (r->nmanaged)
		iam_out(stdout, " (+%zu AWS managed, not read)", r->nmanaged);
	for (size_t i = 0; i < r->npolicies; i++) {
		if (r->policies[i].unknown_resource) {
			iam_out(stdout, " (a Resource unknown before deploy is taken as '*')");
			break;
		}
	}
	if (R->r->roles_checked && r->nlost)
		iam_out(stdout, "; %sloses %zu%s", c_on(R, iam_sgr_red), r->nlost_actions,
		       c_on(R, iam_sgr_reset));
	iam_out(stdout, "\n");
	if (R->r->roles_checked && r->nlost)
		print_losses(R, r);
}

static void print_text(const struct report *R)
{
	const struct check_opts *o = R->o;
	const struct iam_amplify_project *p = R->r->proj;
	size_t ncat = 0;
	json_t *v;
	size_t i;

	for (int c = 0; iam_amplify_categories[c]; c++)
		if (R->r->plan.cats & (1u << c))
			ncat++;
	iam_out(stdout, "amplify check: list %s, %zu required actions in %zu categor%s\n",
	       R->r->list->name, R->r->plan.n, ncat, ncat == 1 ? "y" : "ies");
	if (p) {
		iam_out(stdout, "project %s", p->dir);
		if (p->env)
			iam_out(stdout, ", env %s", p->env);
		if (p->region)
			iam_out(stdout, ", region %s", p->region);
		if (p->account)
			iam_out(stdout, ", account %s", p->account);
		iam_out(stdout, "\n");
	} else if (!o->region || !o->account) {
		iam_out(stdout, "resources with %s%s%s as '*': give --region and --account (or a project) to check the real ones\n",
		       o->region ? "" : "the region", !o->region && !o->account ? " and " : "",
		       o->account ? "" : "the account");
	}
	iam_out(stdout, "\n");
	for (int c = 0; iam_amplify_categories[c]; c++)
		if (R->r->plan.cats & (1u << c))
			print_category(R, c);
	for (i = 0; i < R->r->plan.nunmatched; i++)
		iam_out(stdout, "  (%s matches no action of the catalog)\n", R->r->plan.unmatched[i]);
	if (p) {
		size_t losing = 0;

		for (i = 0; i < p->nroles; i++)
			losing += p->roles[i].nlost > 0;
		iam_out(stdout, "\nroles: %zu from %zu template%s", p->nroles, p->nstacks,
		       p->nstacks == 1 ? "" : "s");
		if (R->r->roles_checked)
			iam_out(stdout, ", %zu lose%s actions to the boundary %s\n", losing,
			       losing == 1 ? "s" : "", o->project_boundary);
		else
			iam_out(stdout, " (%s)\n", p->boundary_arn
				       ? "the environment sets a boundary: give its document with --project-boundary"
				       : "no --project-boundary given: not checked");
		for (i = 0; i < p->nroles; i++)
			print_role_line(R, &p->roles[i]);
		if (json_array_size(p->skipped)) {
			iam_out(stdout, "\nskipped:\n");
			json_array_foreach(p->skipped, i, v)
				iam_out(stdout, "  %s: %s\n",
				       json_string_value(json_object_get(v, "file")),
				       json_string_value(json_object_get(v, "reason")));
		}
		if (json_array_size(p->notes)) {
			iam_out(stdout, "\nnotes:\n");
			json_array_foreach(p->notes, i, v)
				iam_out(stdout, "  %s\n", json_string_value(v));
		}
	}
	iam_out(stdout, "\n");
	if (R->r->missing > 0 || R->r->losing > 0) {
		iam_out(stdout, "%sFAIL%s:", c_on(R, iam_sgr_red), c_on(R, iam_sgr_reset));
		if (R->r->missing > 0)
			iam_out(stdout, " %ld required action%s not allowed%s", R->r->missing,
			       R->r->missing == 1 ? "" : "s", R->r->losing > 0 ? ";" : "");
		if (R->r->losing > 0)
			iam_out(stdout, " %ld role%s lose%s actions to the permissions boundary",
			       R->r->losing, R->r->losing == 1 ? "" : "s", R->r->losing == 1 ? "s" : "");
		iam_out(stdout, "\n");
	} else {
		iam_out(stdout, "%sok%s: %s; %s\n", c_on(R, iam_sgr_green), c_on(R, iam_sgr_reset),
		       R->r->checked ? "every required action is allowed"
				  : "the deploy is not checked (no --policy)",
		       R->r->roles_checked ? "no role loses actions to the boundary"
		       : p ? "the roles are not checked (no --project-boundary)"
			   : "no project given");
	}
}

/* ---- JSON and SARIF ---- */

static json_t *report_json(const struct report *R)
{
	const struct iam_amplify_project *p = R->r->proj;
	json_t *o = json_object(), *a;
	size_t allowed = 0;

	json_object_set_new(o, "list", iam_json_text(R->r->list->name));
	json_object_set_new(o, "categories", category_names(R->r->plan.cats, -1));
	json_object_set_new(o, "required", json_integer((json_int_t)R->r->plan.n));
	for (size_t i = 0; i < R->r->plan.n; i++)
		allowed += R->r->plan.v[i].blocked_by == IAM_AMPLIFY_ALLOWED;
	json_object_set_new(o, "allowed", R->r->checked ? json_integer((json_int_t)allowed)
						     : json_null());
	a = json_array();
	for (size_t i = 0; R->r->checked && i < R->r->plan.n; i++)
		if (R->r->plan.v[i].blocked_by != IAM_AMPLIFY_ALLOWED)
			json_array_append_new(a, missing_json(&R->r->plan, &R->r->plan.v[i]));
	json_object_set_new(o, "missing", a);
	if (R->r->plan.nunmatched) {
		a = json_array();
		for (size_t i = 0; i < R->r->plan.nunmatched; i++)
			json_array_append_new(a, iam_json_text(R->r->plan.unmatched[i]));
		json_object_set_new(o, "unmatched", a);
	}
	if (!p) {
		json_object_set_new(o, "roles", json_array());
		return o;
	}
	{
		json_t *po = json_object(), *cats = json_array();
		const char *k;
		json_t *v;

		json_object_set_new(po, "dir", iam_json_text(p->dir));
		json_object_set_new(po, "env", p->env ? iam_json_text(p->env) : json_null());
		json_object_set_new(po, "region", p->region ? iam_json_text(p->region) : json_null());
		json_object_set_new(po, "account", p->account ? iam_json_text(p->account) : json_null());
		json_object_set_new(po, "stackName", p->stack_name ? iam_json_text(p->stack_name) : json_null());
		json_object_set_new(po, "deploymentBucket",
				    p->deployment_bucket ? iam_json_text(p->deployment_bucket) : json_null());
		json_object_set_new(po, "permissionsBoundaryArn",
				    p->boundary_arn ? iam_json_text(p->boundary_arn) : json_null());
		json_object_foreach(p->backend_categories, k, v)
			if (json_array_size(v))
				json_array_append_new(cats, iam_json_text(k));
		json_object_set_new(po, "backendCategories", cats);
		json_object_set_new(po, "templates", json_integer((json_int_t)p->nstacks));
		json_object_set_new(po, "policies", json_integer((json_int_t)p->npolicies));
		json_object_set(po, "skipped", p->skipped);
		json_object_set(po, "notes", p->notes);
		json_object_set_new(o, "project", po);
	}
	json_object_set_new(o, "projectBoundary", R->o->project_boundary
							  ? iam_json_text(R->o->project_boundary)
							  : json_null());
	a = json_array();
	for (size_t i = 0; i < p->nroles; i++)
		json_array_append_new(a, role_json(&p->roles[i], R->r->roles_checked));
	json_object_set_new(o, "roles", a);
	return o;
}

static json_t *sarif_location(const char *file, int line, int column)
{
	json_t *loc = json_object(), *phys = json_object(), *art = json_object();

	json_object_set_new(art, "uri", iam_json_text(file));
	json_object_set_new(phys, "artifactLocation", art);
	if (line > 0) {
		json_t *reg = json_object();

		json_object_set_new(reg, "startLine", json_integer(line));
		if (column > 0)
			json_object_set_new(reg, "startColumn", json_integer(column));
		json_object_set_new(phys, "region", reg);
	}
	json_object_set_new(loc, "physicalLocation", phys);
	return loc;
}

static json_t *sarif_rule(const char *id, const char *name, const char *shortd,
			  const char *full)
{
	return json_pack("{ss ss s{ss} s{ss} s{ss}}", "id", id, "name", name,
			 "shortDescription", "text", shortd, "fullDescription", "text", full,
			 "defaultConfiguration", "level", "error");
}

static json_t *report_sarif(const struct report *R)
{
	json_t *results = json_array(), *rules = json_array(), *run, *o;
	const struct iam_amplify_project *p = R->r->proj;

	json_array_append_new(rules, sarif_rule(
		"AMPLIFY_ACTION_DENIED", "AmplifyActionDenied",
		"An action the Amplify deploy needs is not allowed",
		"The deployer's identity policies, permissions boundary and SCPs must allow every action the Amplify CLI calls for the project's categories, or the push stops half-way with AccessDenied."));
	json_array_append_new(rules, sarif_rule(
		"AMPLIFY_ROLE_OUTSIDE_BOUNDARY", "AmplifyRoleOutsideBoundary",
		"A role the project creates is granted actions its permissions boundary does not allow",
		"Amplify applies the environment's permissions boundary to every role it creates; a role can do only what both its policies and the boundary allow, so these grants silently fail at run time."));
	for (size_t i = 0; R->r->checked && i < R->r->plan.n; i++) {
		const struct iam_amplify_req *r = &R->r->plan.v[i];
		json_t *res, *locs;
		char msg[1200], where[600] = "";

		if (r->blocked_by == IAM_AMPLIFY_ALLOWED)
			continue;
		locs = json_array();
		if (r->deny.stmt) {
			json_array_append_new(locs, sarif_location(r->deny.policy->name,
								   r->deny.stmt->line,
								   r->deny.stmt->column));
			iam_amplify_stmt_label(&r->deny, where, sizeof(where));
		} else if (r->where) {
			json_array_append_new(locs, sarif_location(r->where->name, 1, 1));
		} else if (R->o->pol.npolicies) {
			json_array_append_new(locs, sarif_location(R->o->pol.policies[0], 1, 1));
		}
		snprintf(msg, sizeof(msg), "%s (%s) on %s is %s: %s%s%s",
			 r->action, iam_amplify_categories[r->category],
			 r->resources[r->failed],
			 r->blocked_by == IAM_AMPLIFY_BY_DENY ? "explicitly denied" : "not allowed",
			 r->blocked_by == IAM_AMPLIFY_BY_DENY ? "the Deny at " :
			 r->blocked_by == IAM_AMPLIFY_BY_BOUNDARY ? "the deployer's permissions boundary does not allow it" :
			 r->blocked_by == IAM_AMPLIFY_BY_SCP ? "a service control policy level allows nothing that matches" :
								"no identity policy of the deployer allows it",
			 r->blocked_by == IAM_AMPLIFY_BY_DENY ? where : "",
			 r->blocked_by == IAM_AMPLIFY_BY_DENY ? " applies" : "");
		res = json_pack("{ss si ss s{so} so s{ssssss}}", "ruleId", "AMPLIFY_ACTION_DENIED",
				"ruleIndex", 0, "level", "error", "message", "text", iam_json_text(msg),
				"locations", locs, "properties", "action", r->action,
				"category", iam_amplify_categories[r->category],
				"blockedBy", iam_amplify_block_name(r->blocked_by));
		json_array_append_new(results, res);
	}
	for (size_t i = 0; p && R->r->roles_checked && i < p->nroles; i++) {
		const struct iam_amplify_role *r = &p->roles[i];
		json_t *res, *locs, *acts;
		char msg[1200];
		int n;

		if (!r->nlost)
			continue;
		locs = json_array();
		acts = json_array();
		for (size_t k = 0; k < r->nlost; k++) {
			bool dup = false;

			for (size_t j = 0; j < k && !dup; j++)
				dup = strcmp(r->lost[j].action, r->lost[k].action) == 0;
			if (!dup)
				json_array_append_new(acts, iam_json_text(r->lost[k].action));
		}
		json_array_append_new(locs, sarif_location(r->template ? r->template
								       : "amplify/team-provider-info.json",
							   r->line, r->column));
		n = snprintf(msg, sizeof(msg), "role %s%s%s%s loses %zu of its %zu actions to the permissions boundary %s:",
			     r->logical_id, r->name ? " '" : "", r->name ? r->name : "",
			     r->name ? "'" : "", r->nlost_actions, r->nactions,
			     R->o->project_boundary);
		for (size_t k = 0; k < json_array_size(acts) && n > 0 && (size_t)n < sizeof(msg) - 40; k++) {
			if (k == 8) {
				n += snprintf(msg + n, sizeof(msg) - (size_t)n, " and %zu more",
					      json_array_size(acts) - 8);
				break;
			}
			n += snprintf(msg + n, sizeof(msg) - (size_t)n, "%s %s", k ? "," : "",
				      json_string_value(json_array_get(acts, k)));
		}
		res = json_pack("{ss si ss s{so} so s{sssssO}}", "ruleId", "AMPLIFY_ROLE_OUTSIDE_BOUNDARY",
				"ruleIndex", 1, "level", "error", "message", "text", iam_json_text(msg),
				"locations", locs, "properties", "logicalId", r->logical_id,
				"boundary", R->o->project_boundary, "actions", acts);
		json_decref(acts);
		json_array_append_new(results, res);
	}
	run = json_pack("{s{s{ss ss ss so}} so}", "tool", "driver", "name", "iamgate",
			"version", PACKAGE_VERSION,
			"informationUri", "https://github.com/iamgate/iamgate",
			"rules", rules, "results", results);
	o = json_pack("{ss ss s[o]}", "$schema",
		      "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
		      "runs", run);
	return o;
}

/* ---- the check ---- */

/* An error of the check: a usage message for what the user named wrong. */
static int check_failure(const struct iam_error *err)
{
	if (err->code == IAM_ERR_USAGE) {
		iam_msg_usage("amplify", "%s", err->text);
		return IAM_EXIT_USAGE;
	}
	iam_msg_failure(err);
	return iam_exit_for(err);
}

static int print_report(const struct report *R)
{
	json_t *j = NULL;

	if (strcmp(R->o->format, "json") == 0 || strcmp(R->o->format, "sarif") == 0) {
		j = strcmp(R->o->format, "json") == 0 ? report_json(R) : report_sarif(R);
		if (!j) {
			iam_msg_error("out of memory");
			return IAM_EXIT_INTERNAL;
		}
		print_json(j);
		json_decref(j);
	} else {
		print_text(R);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		iam_msg_error("cannot write the output");
		return IAM_EXIT_INTERNAL;
	}
	return IAM_EXIT_OK;
}

/* Every policy file first, every problem reported, before stopping. */
static void load_policies(const struct check_opts *o, struct cmd_policies *L,
			  struct iam_amplify_options *ao, bool color)
{
	struct iam_policy *b = NULL, *pb = NULL;
	size_t k;

	for (size_t i = 0; i < o->pol.npolicies; i++)
		cmd_policies_load(L, o->pol.policies[i], IAM_POLICY_IDENTITY, 0, false, color);
	if (o->pol.boundary)
		b = cmd_policies_load(L, o->pol.boundary, IAM_POLICY_BOUNDARY, 0, false, color);
	k = L->n;
	for (size_t i = 0; i < o->pol.nscps; i++)
		cmd_policies_load(L, o->pol.scps[i], IAM_POLICY_SCP, 0, false, color);
	if (o->project_boundary)
		pb = cmd_policies_load(L, o->project_boundary, IAM_POLICY_BOUNDARY, 0, false, color);
	if (L->failed || L->nomem)
		return;
	ao->identity = L->v;
	ao->nidentity = o->pol.npolicies;
	ao->boundary = b;
	ao->scps = L->v + k;
	ao->nscps = o->pol.nscps;
	ao->project_boundary = pb;
}

static int run_check(struct check_opts *o)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_report rep = IAM_AMPLIFY_REPORT_INIT;
	struct iam_amplify_options ao = {
		.project = o->project, .env = o->env, .region = o->region,
		.account = o->account, .list = o->list, .cats = o->cats,
		.principal = o->pol.principal, .context = &o->pol.ctx,
	};
	struct iam_catalog *loaded_cat = NULL;
	struct cmd_policies L = { 0 };
	struct report R = { o, &rep, NULL, false };
	int rc = IAM_EXIT_INTERNAL;

	ao.catalog = R.cat = open_catalog(o->catalog, &loaded_cat, &rc);
	if (!ao.catalog)
		return rc;
	load_policies(o, &L, &ao, iam_use_color(o->color, stderr));
	if (L.nomem) {
		iam_msg_error("out of memory");
		goto out;
	}
	if (iam_amplify_open(&ao, &rep, &err) < 0) {
		rc = check_failure(&err);
		goto out;
	}
	if (L.failed) {
		rc = IAM_EXIT_INVALID;
		goto out;
	}
	if (iam_amplify_run(&ao, &rep, &err) < 0) {
		rc = check_failure(&err);
		goto out;
	}
	if (rep.roles_unchecked_warning)
		iam_msg_warn("--project-boundary needs a Gen 1 project directory: no role was checked");
	if (rep.gen2 && !o->quiet)
		iam_msg_warn("%s is an Amplify Gen 2 project: checked against the %s list; its roles come from CDK, which iamgate does not read",
			     o->project, rep.list->name);
	R.color = iam_use_color(o->color, stdout);
	rc = o->quiet ? IAM_EXIT_OK : print_report(&R);
	if (rc == IAM_EXIT_OK)
		rc = rep.missing > 0 || rep.losing > 0 ? IAM_EXIT_DENIED : IAM_EXIT_OK;
out:
	iam_amplify_report_release(&rep);
	cmd_policies_release(&L);
	iam_catalog_free(loaded_cat);
	return rc;
}

/* Fill what the command line left out from the "amplify" section of a
 * .iamgate.json.  Returns 0, or -1 after a message (*rc: 2 for usage
 * problems, 3 for an unreadable or invalid file, 4 out of memory). */
static int apply_config(struct check_opts *o, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_settings given = {
		.project = o->project, .npolicies = o->pol.npolicies,
		.boundary = o->pol.boundary, .nscps = o->pol.nscps,
		.project_boundary = o->project_boundary, .env = o->env,
		.list = o->list, .account = o->account, .region = o->region,
		.cats = o->cats,
	};
	struct iam_amplify_settings *s = &o->settings;

	if (iam_amplify_settings_read(o->config, &given, s, &err) < 0) {
		*rc = check_failure(&err);
		return -1;
	}
#define TAKE(f) if (!o->f) o->f = s->f
	TAKE(project);
	if (!o->pol.boundary)
		o->pol.boundary = s->boundary;
	TAKE(project_boundary);
	TAKE(env);
	TAKE(list);
	TAKE(account);
	TAKE(region);
	TAKE(cats);
#undef TAKE
	/* the file's lists become the options' (which the command frees) */
	if (!o->pol.npolicies) {
		o->pol.policies = s->policies;
		o->pol.npolicies = s->npolicies;
		s->policies = NULL;
	}
	if (!o->pol.nscps) {
		o->pol.scps = s->scps;
		o->pol.nscps = s->nscps;
		s->scps = NULL;
	}
	return 0;
}

#define O(f) offsetof(struct check_opts, f)
static const struct cmd_option check_options[] = {
	CMD_POLICY_OPT_POLICY(O(pol), NULL),
	CMD_POLICY_OPT_BOUNDARY(O(pol), NULL),
	CMD_POLICY_OPT_SCP(O(pol), NULL),
	CMD_STRING(0, "config", "FILE", O(config), NULL),
	{ .kind = CMD_OPT_STRING, .long_name = "project-boundary", .arg = "FILE",
	  .off = O(project_boundary), .flags = CMD_OPT_ONCE },
	CMD_CALLBACK(0, "categories", "LIST", O(cats), categories_option, NULL),
	CMD_STRING(0, "list", "NAME|FILE", O(list), NULL),
	CMD_STRING(0, "env", "NAME", O(env), NULL),
	CMD_CALLBACK(0, "account", "ID", O(account), account_option, NULL),
	CMD_CALLBACK(0, "region", "REGION", O(region), region_option, NULL),
	CMD_POLICY_OPT_PRINCIPAL(O(pol), NULL),
	CMD_POLICY_OPT_CONTEXT(O(pol), NULL),
	CMD_STRING(0, "catalog", "FILE", O(catalog), NULL),
	CMD_CHOICE(0, "format", "text|json|sarif", O(format), cmd_formats_sarif, NULL),
	CMD_CHOICE(0, "color", "auto|always|never", O(color), cmd_colors, NULL),
	CMD_FLAG('q', "quiet", O(quiet), NULL),
	CMD_HELP_OPTION,
	CMD_END,
};
#undef O

/* The help is amplify's, for both subcommands (cmd_amplify_usage). */
static const struct cmd_command check_command = {
	.name = "amplify", .options = check_options, .print_help = cmd_amplify_usage,
};

static int cmd_check(int argc, char **argv)
{
	struct check_opts o = { .format = "text", .color = "auto" };
	int nargs, rc = cmd_parse(&check_command, argc, argv, &o, &nargs);

	if (rc != CMD_CONTINUE)
		goto out;
	rc = IAM_EXIT_USAGE;
	if (cmd_policy_opts_check("amplify", &o.pol) < 0)
		goto out;
	if (nargs > 1) {
		iam_msg_usage("amplify", "amplify check takes one PROJECT_DIR, not %d arguments",
			      nargs);
		goto out;
	}
	if (nargs)
		o.project = argv[0];
	if (o.config && apply_config(&o, &rc) < 0)
		goto out;
	rc = IAM_EXIT_USAGE;
	if (!o.pol.npolicies && (o.pol.boundary || o.pol.nscps)) {
		iam_msg_usage("amplify", "--boundary and --scp limit the deployer's identity policies: give them with --policy");
		goto out;
	}
	if (!o.project && !o.pol.npolicies) {
		iam_msg_usage("amplify", "nothing to check: give the deployer's policies (--policy) or a PROJECT_DIR");
		goto out;
	}
	if (!o.project && o.env) {
		iam_msg_usage("amplify", "--env names an environment of a project: give PROJECT_DIR");
		goto out;
	}
	rc = run_check(&o);
out:
	cmd_policy_opts_release(&o.pol);
	iam_amplify_settings_release(&o.settings);
	return rc;
}

int cmd_amplify(int argc, char **argv)
{
	if (argc < 2) {
		iam_msg_usage("amplify", "give a subcommand: check or actions");
		return IAM_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cmd_amplify_usage(stdout);
		return IAM_EXIT_OK;
	}
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "actions") == 0)
		return cmd_actions(argc - 1, argv + 1);
	iam_msg_usage("amplify", "'%s' is not an amplify subcommand (check, actions)", argv[1]);
	return IAM_EXIT_USAGE;
}
