/* amplify/check.c - the whole `amplify check`, silent (amplify/check.h). */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "amplify/check.h"
#include "core/authz.h"
#include "core/configfile.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"
#include "core/principal.h"

int iam_amplify_categories_parse(const char *arg, unsigned *out,
				 struct iam_error *err)
{
	char buf[512], *p, *comma;

	*out = 0;
	if (strcmp(arg, "all") == 0) {
		*out = IAM_AMPLIFY_ALL_CATEGORIES;
		return 0;
	}
	if (strlen(arg) >= sizeof(buf))
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "--categories '%s' is too long", arg);
	memcpy(buf, arg, strlen(arg) + 1);
	for (p = buf; p; p = comma ? comma + 1 : NULL) {
		int c;

		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		while (*p == ' ')
			p++;
		if (!*p)
			continue;
		c = iam_amplify_category_index(p);
		if (c < 0)
			return iam_error_set(err, IAM_ERR_USAGE, NULL,
					     "unknown category '%s' (core, auth, api, function, storage, hosting, analytics, notifications, interactions, predictions, geo)",
					     p);
		*out |= 1u << c;
	}
	if (!*out)
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "--categories names no category");
	return 0;
}

/* ---- the check ---- */

int iam_amplify_open(const struct iam_amplify_options *o,
		     struct iam_amplify_report *r, struct iam_error *err)
{
	if (!o->project)
		return 0;
	r->gen2 = iam_amplify_is_gen2(o->project);
	if (r->gen2) {
		/* its roles: the templates CDK synthesized, when there */
		r->proj = iam_amplify_gen2_load(o->project, o->region, o->account, err);
		return r->proj || !err->code ? 0 : -1;
	}
	r->proj = iam_amplify_project_load(o->project, o->env, o->region,
					   o->account, err);
	return r->proj ? 0 : -1;
}

/* The categories to check: the options', else a Gen 1 project's, else
 * every category the list files something under. */
static unsigned check_categories(const struct iam_amplify_options *o,
				 const struct iam_amplify_report *r)
{
	unsigned cats = 0;

	if (o->cats)
		return o->cats;
	if (r->proj && r->list->generation == 1)
		return r->proj->cats;
	for (size_t i = 0; i < r->list->nentries; i++)
		cats |= r->list->entries[i].cats;
	return cats;
}

/* The deployer's policies as a set: the identity policies, the boundary,
 * each SCP an organization level of its own. */
static int deployer_set(const struct iam_amplify_options *o,
			struct iam_policy_set *set, struct iam_error *err)
{
	for (size_t i = 0; i < o->nidentity; i++)
		if (iam_policy_set_add(set, IAM_LAYER_IDENTITY, o->identity[i], err) < 0)
			return -1;
	if (o->boundary &&
	    iam_policy_set_add(set, IAM_LAYER_BOUNDARY, o->boundary, err) < 0)
		return -1;
	for (size_t i = 0; i < o->nscp_levels; i++) {
		const struct iam_org_level *l = &o->scp_levels[i];

		if (iam_policy_set_level(set, IAM_LAYER_SCP, l->name, err) < 0)
			return -1;
		for (size_t k = 0; k < l->n; k++)
			if (iam_policy_set_add(set, IAM_LAYER_SCP, l->policies[k], err) < 0)
				return -1;
	}
	/* every --scp is attached at one level, the account's, as for
	 * evaluate (doc/semantics.md) */
	for (size_t i = 0; i < o->nscps; i++)
		if ((i == 0 && iam_policy_set_level(set, IAM_LAYER_SCP,
						    o->nscps == 1 ? o->scps[0]->name : NULL,
						    err) < 0) ||
		    iam_policy_set_add(set, IAM_LAYER_SCP, o->scps[i], err) < 0)
			return -1;
	return 0;
}

static int check_deployer(const struct iam_amplify_options *o,
			  struct iam_amplify_report *r, struct iam_error *err)
{
	const struct iam_amplify_project *p = r->proj;
	struct iam_amplify_caller caller = { o->principal, o->context,
					     p ? p->account : o->account,
					     p ? p->region : o->region,
					     p ? p->boundary_arn : NULL };
	struct iam_policy_set set = { 0 };
	int rc = -1;

	if (deployer_set(o, &set, err) < 0)
		goto out;
	r->missing = iam_amplify_check(&r->plan, &set, &caller, err);
	if (r->missing < 0)
		goto out;
	r->checked = true;
	rc = 0;
out:
	iam_policy_set_release(&set);
	return rc;
}

static int check_roles(const struct iam_amplify_options *o,
		       struct iam_amplify_report *r, struct iam_error *err)
{
	r->losing = iam_amplify_roles_check(r->proj, o->catalog,
					    o->project_boundary, err);
	if (r->losing < 0)
		return -1;
	r->roles_checked = o->project_boundary != NULL;
	if (!r->roles_checked)
		r->losing = 0;
	if (o->project_boundary && !r->proj->boundary_arn && !r->gen2 &&
	    json_array_append_new(r->proj->notes, iam_json_text(
		    "the environment sets no PermissionsBoundaryPolicyArn: the roles were checked as if --project-boundary were set on it (amplify env update --permissions-boundary)")) < 0)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

const char *iam_amplify_stmt_label(const struct iam_stmt_ref *r, char *buf, size_t n)
{
	char lab[128];
	const char *kind = r->stmt->sid && *r->stmt->sid ? "Sid " : "statement ";

	if (r->stmt->line > 0)
		snprintf(buf, n, "%s:%d (%s%s)", r->policy->name, r->stmt->line, kind,
			 iam_statement_label(r->stmt, lab, sizeof(lab)));
	else
		snprintf(buf, n, "%s (%s%s)", r->policy->name, kind,
			 iam_statement_label(r->stmt, lab, sizeof(lab)));
	return buf;
}

/* ---- the findings ---- */

static const char *block_why(enum iam_amplify_block b)
{
	switch (b) {
	case IAM_AMPLIFY_BY_DENY:
		return "the Deny at ";
	case IAM_AMPLIFY_BY_BOUNDARY:
		return "the deployer's permissions boundary does not allow it";
	case IAM_AMPLIFY_BY_SCP:
		return "a service control policy level allows nothing that matches";
	default:
		return "no identity policy of the deployer allows it";
	}
}

/* Whether the finding just added is suppressed: then it goes, and is
 * counted. */
static bool suppressed(const struct iam_amplify_options *o, struct iam_amplify_report *r)
{
	if (!o->suppressed || !r->diags.n ||
	    !o->suppressed(o->suppressed_ctx, &r->diags.v[r->diags.n - 1]))
		return false;
	iam_diags_pop(&r->diags);
	r->suppressed++;
	return true;
}

static void add_missing(const struct iam_amplify_options *o, struct iam_amplify_report *r,
			struct iam_amplify_req *q)
{
	const char *file = NULL;
	char where[600] = "";
	int line = 0, column = 0;
	bool deny = q->blocked_by == IAM_AMPLIFY_BY_DENY;

	if (q->deny.stmt) {
		file = q->deny.policy->name;
		line = q->deny.stmt->line;
		column = q->deny.stmt->column;
		iam_amplify_stmt_label(&q->deny, where, sizeof(where));
	} else if (q->where) {
		file = q->where->name;
	} else if (o->nidentity) {
		file = o->identity[0]->name;
	}
	if (iam_diags_add(&r->diags, IAM_SEV_ERROR, "AMPLIFY_ACTION_DENIED", file, NULL,
			  line, column, NULL, -1, "%s (%s) on %s is %s: %s%s%s", q->action,
			  iam_amplify_categories[q->category], q->resources[q->failed],
			  deny ? "explicitly denied" : "not allowed", block_why(q->blocked_by),
			  deny ? where : "", deny ? " applies" : "") < 0)
		return;
	iam_diags_set_props(&r->diags, json_pack("{s:s, s:s, s:s}", "action", q->action,
						 "category", iam_amplify_categories[q->category],
						 "blockedBy", iam_amplify_block_name(q->blocked_by)));
	q->suppressed = suppressed(o, r);
}

static void add_losing(const struct iam_amplify_options *o, struct iam_amplify_report *r,
		       struct iam_amplify_role *role)
{
	json_t *acts = json_array(), *v;
	char msg[1200];
	size_t k;
	int n;

	/* the distinct actions, in the order they were lost */
	for (k = 0; acts && k < role->nlost; k++) {
		bool dup = false;

		for (size_t j = 0; j < k && !dup; j++)
			dup = strcmp(role->lost[j].action, role->lost[k].action) == 0;
		if (!dup)
			json_array_append_new(acts, json_string(role->lost[k].action));
	}
	n = snprintf(msg, sizeof(msg), "role %s%s%s%s loses %zu of its %zu actions to the permissions boundary %s:",
		     role->logical_id, role->name ? " '" : "", role->name ? role->name : "",
		     role->name ? "'" : "", role->nlost_actions, role->nactions,
		     o->project_boundary->name);
	json_array_foreach(acts, k, v) {
		if (n <= 0 || (size_t)n >= sizeof(msg) - 40)
			break;
		if (k == 8) {
			snprintf(msg + n, sizeof(msg) - (size_t)n, " and %zu more",
				 role->nlost_actions - 8);
			break;
		}
		n += snprintf(msg + n, sizeof(msg) - (size_t)n, "%s %s", k ? "," : "",
			      json_string_value(v));
	}
	if (iam_diags_add(&r->diags, IAM_SEV_ERROR, "AMPLIFY_ROLE_OUTSIDE_BOUNDARY",
			  role->template ? role->template : "amplify/team-provider-info.json",
			  NULL, role->line, role->column, NULL, -1, "%s", msg) < 0) {
		json_decref(acts);
		return;
	}
	iam_diags_set_props(&r->diags, acts ? json_pack("{s:o, s:o, s:o}",
							"logicalId", iam_json_text(role->logical_id),
							"boundary", iam_json_text(o->project_boundary->name),
							"actions", acts) : NULL);
	role->suppressed = suppressed(o, r);
}

/* The environment checked sets no permissions boundary, and another one of
 * the project does: its roles are made without it.  One finding, naming
 * the environment, its account, the boundary of the others and the fix. */
static void boundary_findings(const struct iam_amplify_options *o, struct iam_amplify_report *r)
{
	const struct iam_amplify_project *p = r->proj;
	const char *other = NULL, *other_env = NULL, *other_account = NULL, *account = NULL;
	char file[4200];

	if (!p->env || p->boundary_arn)
		return;
	for (size_t i = 0; i < p->nenvs; i++) {
		if (strcmp(p->envs[i], p->env) == 0)
			account = p->env_accounts[i];
		else if (p->env_boundaries[i] && !other) {
			other = p->env_boundaries[i];
			other_env = p->envs[i];
			other_account = p->env_accounts[i];
		}
	}
	if (!other)
		return;
	/* beside backend/: amplify/team-provider-info.json */
	snprintf(file, sizeof(file), "%.*s/team-provider-info.json",
		 (int)(strlen(p->backend) > 8 ? strlen(p->backend) - 8 : 0), p->backend);
	if (iam_diags_add(&r->diags, IAM_SEV_ERROR, "AMPLIFY_BOUNDARY_MISSING", file,
			  NULL, 0, 0, NULL, -1,
			  "environment %s (account %s) sets no PermissionsBoundaryPolicyArn, while %s (account %s) has %s: its roles are created without a boundary%s; fix: amplify env update --permissions-boundary <ARN>",
			  p->env, account ? account : "unknown", other_env,
			  other_account ? other_account : "unknown", other,
			  account && other_account && strcmp(account, other_account) != 0
				  ? " (an environment added in another account with amplify env add --yes loses it)"
				  : "") < 0)
		return;
	iam_diags_set_props(&r->diags, json_pack("{s:o, s:o}", "env", iam_json_text(p->env),
						 "boundaryOf", iam_json_text(other_env)));
	suppressed(o, r);
}

/* Every finding of the check, in report order, into r->diags. */
static int add_findings(const struct iam_amplify_options *o, struct iam_amplify_report *r,
			struct iam_error *err)
{
	struct iam_amplify_project *p = r->proj;
	size_t i;

	for (i = 0; r->checked && i < r->plan.n; i++) {
		if (r->plan.v[i].blocked_by == IAM_AMPLIFY_ALLOWED)
			continue;
		add_missing(o, r, &r->plan.v[i]);
		r->missing -= r->plan.v[i].suppressed;
	}
	for (i = 0; i < r->plan.nunmatched; i++)
		if (iam_diags_add(&r->diags, IAM_SEV_WARNING, "AMPLIFY_ENTRY_MATCHES_NOTHING",
				  r->list->snapshot, NULL, 0, 0, NULL, -1,
				  "%s matches no action of the catalog", r->plan.unmatched[i]) == 0)
			suppressed(o, r);
	for (i = 0; p && r->roles_checked && i < p->nroles; i++) {
		if (!p->roles[i].nlost)
			continue;
		add_losing(o, r, &p->roles[i]);
		r->losing -= p->roles[i].suppressed;
	}
	if (p)
		boundary_findings(o, r);
	for (i = 0; i < r->ngaps; i++) {
		const struct iam_amplify_gap *g = &r->gaps[i];

		if (iam_diags_add(&r->diags, IAM_SEV_ERROR, "AMPLIFY_INCOMPLETE",
				  g->file ? g->file : p ? p->dir : o->project, NULL, g->line, 0,
				  NULL, -1, "%s%s%s", g->resource, *g->resource ? ": " : "",
				  g->reason) < 0)
			continue;
		if (*g->resource)
			iam_diags_set_props(&r->diags, json_pack("{s:o}", "resource",
								 iam_json_text(g->resource)));
		if (!suppressed(o, r))
			r->incomplete++;
	}
	if (r->diags.nomem)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

int iam_amplify_run(const struct iam_amplify_options *o,
		    struct iam_amplify_report *r, struct iam_error *err)
{
	struct iam_amplify_vars vars;

	r->list = iam_amplify_list_load(o->list ? o->list
					: iam_amplify_default_list(r->gen2 ? 2 : 1), err);
	if (!r->list)
		return -1;
	if (r->proj) {
		iam_amplify_project_vars(r->proj, &vars);
	} else {
		memset(&vars, 0, sizeof(vars));
		vars.region = o->region;
		vars.account = o->account;
	}
	if (iam_amplify_plan_build(r->list, o->catalog, check_categories(o, r),
				   &vars, &r->plan, err) < 0)
		return -1;
	if (r->plan.nssr_left_out && r->proj) {
		char text[300];

		snprintf(text, sizeof(text),
			 "hosting is S3AndCloudFront: the %zu entries of the %s list that only Amplify Hosting's compute (SSR) needs are not required",
			 r->plan.nssr_left_out, r->list->name);
		if (json_array_append_new(r->proj->notes, iam_json_text(text)) < 0)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	if (o->nidentity && check_deployer(o, r, err) < 0)
		return -1;
	if (r->proj && check_roles(o, r, err) < 0)
		return -1;
	r->roles_unchecked_warning = !r->proj && o->project_boundary != NULL;
	if (iam_amplify_coverage(o, r, err) < 0)
		return -1;
	return add_findings(o, r, err);
}

void iam_amplify_report_release(struct iam_amplify_report *r)
{
	iam_amplify_plan_release(&r->plan);
	iam_amplify_list_free(r->list);
	iam_amplify_project_free(r->proj);
	iam_diags_release(&r->diags);
	iam_amplify_gaps_release(r);
	*r = (struct iam_amplify_report)IAM_AMPLIFY_REPORT_INIT;
}

/* ---- the "amplify" section of .iamgate.json ---- */

/* A path from the file: relative to the file's directory.  The new string
 * is kept in s->paths, so that it lives as long as the settings. */
static const char *settings_path(struct iam_amplify_settings *s, const char *dir,
				 const char *path)
{
	size_t d = strlen(dir);
	json_t *j;
	char *full;

	if (path[0] == '/' || !*dir)
		return path;
	full = malloc(d + strlen(path) + 2);
	if (!full)
		return NULL;
	memcpy(full, dir, d);
	full[d] = '/';
	memcpy(full + d + 1, path, strlen(path) + 1);
	j = iam_json_text(full);
	free(full);
	if (!j || json_array_append_new(s->paths, j) < 0)
		return NULL;
	return json_string_value(j);
}

static int push(const char ***list, size_t *n, const char *v)
{
	const char **g = realloc(*list, (*n + 1) * sizeof(*g));

	if (!g)
		return -1;
	g[(*n)++] = v;
	*list = g;
	return 0;
}

/* "policies" or "scps": an array of file names, taken when the command
 * line gave none. */
static int settings_files(const char *file, const char *dir, const char *key,
			  json_t *v, size_t given, struct iam_amplify_settings *s,
			  struct iam_error *err)
{
	const char ***list = key[0] == 'p' ? &s->policies : &s->scps;
	size_t *n = key[0] == 'p' ? &s->npolicies : &s->nscps;

	if (!json_is_array(v))
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: /amplify/%s: must be an array of file names", file, key);
	if (given)
		return 0;
	for (size_t i = 0; i < json_array_size(v); i++) {
		const char *p;

		if (!json_is_string(json_array_get(v, i)))
			return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
					     "%s: /amplify/%s/%zu: must be a file name", file, key, i);
		p = settings_path(s, dir, json_string_value(json_array_get(v, i)));
		if (!p || push(list, n, p) < 0)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	return 0;
}

/* One string member into its field, when the command line left it out. */
static int settings_string(const char *dir, const char *key, const char *v,
			   const struct iam_amplify_settings *given,
			   struct iam_amplify_settings *s, struct iam_error *err)
{
	static const struct {
		const char *key;
		size_t off;
		bool path;
	} fields[] = {
		{ "project", offsetof(struct iam_amplify_settings, project), true },
		{ "boundary", offsetof(struct iam_amplify_settings, boundary), true },
		{ "projectBoundary", offsetof(struct iam_amplify_settings, project_boundary), true },
		{ "env", offsetof(struct iam_amplify_settings, env), false },
		{ "list", offsetof(struct iam_amplify_settings, list), false },
		{ "account", offsetof(struct iam_amplify_settings, account), false },
		{ "region", offsetof(struct iam_amplify_settings, region), false },
	};

	if (strcmp(key, "categories") == 0) {
		if (given->cats)
			return 0;
		return iam_amplify_categories_parse(v, &s->cats, err);
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char **have = (const char **)((char *)given + fields[i].off);
		const char **out = (const char **)((char *)s + fields[i].off);

		if (strcmp(key, fields[i].key) != 0 || *have)
			continue;
		*out = fields[i].path ? settings_path(s, dir, v) : v;
		if (!*out)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	return 0;
}

static bool settings_known(const char *key)
{
	static const char *const keys[] = { "project", "policies", "boundary",
					     "scps", "projectBoundary", "env",
					     "list", "categories", "account",
					     "region", NULL };

	for (size_t i = 0; keys[i]; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

static int settings_member(const char *file, const char *dir, const char *key,
			   json_t *v, const struct iam_amplify_settings *given,
			   struct iam_amplify_settings *s, struct iam_error *err)
{
	if (!settings_known(key))
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: /amplify/%s: unknown field '%s'", file, key, key);
	if (strcmp(key, "policies") == 0)
		return settings_files(file, dir, key, v, given->npolicies, s, err);
	if (strcmp(key, "scps") == 0)
		return settings_files(file, dir, key, v, given->nscps, s, err);
	if (!json_is_string(v))
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: /amplify/%s: must be a string", file, key);
	return settings_string(dir, key, json_string_value(v), given, s, err);
}

int iam_amplify_settings_read(const struct iam_config *c,
			      const struct iam_amplify_settings *given,
			      struct iam_amplify_settings *s,
			      struct iam_error *err)
{
	const char *file = iam_config_file(c), *slash = strrchr(file, '/'), *key;
	char dir[4096];
	json_t *a, *v;

	memset(s, 0, sizeof(*s));
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - file) : 0, file);
	a = iam_config_section(c, "amplify");
	if (!a || !json_is_object(a))
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: no \"amplify\" object: nothing to check", file);
	s->doc = json_incref(a);
	s->paths = json_array();
	if (!s->paths)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	json_object_foreach(a, key, v)
		if (settings_member(file, dir, key, v, given, s, err) < 0)
			return -1;
	if (s->account && !iam_is_account_id(s->account))
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: /amplify/account: '%s' is not an account ID (12 digits)",
				     file, s->account);
	return 0;
}

void iam_amplify_settings_release(struct iam_amplify_settings *s)
{
	free(s->policies);
	free(s->scps);
	json_decref(s->doc);
	json_decref(s->paths);
	memset(s, 0, sizeof(*s));
}
