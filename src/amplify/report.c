/* amplify/report.c - the report of amplify check as JSON (amplify/check.h):
 * what `--format json` prints, built from the report alone. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/check.h"
#include "core/authz.h"
#include "core/json.h"
#include "core/policy.h"

json_t *iam_amplify_category_names(unsigned cats, int first)
{
	json_t *a = json_array();

	if (first >= 0 && (cats & (1u << first)))
		json_array_append_new(a, iam_json_text(iam_amplify_categories[first]));
	for (int c = 0; iam_amplify_categories[c]; c++)
		if ((cats & (1u << c)) && c != first)
			json_array_append_new(a, iam_json_text(iam_amplify_categories[c]));
	return a;
}

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
	json_object_set_new(o, "categories", iam_amplify_category_names(r->cats, r->category));
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
	if (r->suppressed)
		json_object_set_new(o, "suppressed", json_true());
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
	if (r->derived)
		json_object_set_new(o, "derived", json_true());
	a = json_array();
	for (size_t i = 0; i < r->npolicies; i++) {
		const struct iam_amplify_attached *p = &r->policies[i];
		json_t *po = json_object();

		json_object_set_new(po, "name", iam_json_text(p->name));
		json_object_set_new(po, "template", iam_json_text(p->template));
		json_object_set_new(po, "logicalId", iam_json_text(p->logical_id));
		if (p->line > 0)
			json_object_set_new(po, "line", json_integer(p->line));
		if (p->derived)
			json_object_set_new(po, "derived", json_true());
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
	if (r->suppressed)
		json_object_set_new(o, "suppressed", json_true());
	return o;
}

static json_t *project_json(const struct iam_amplify_project *p)
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
	{
		size_t derived = 0;

		for (size_t i = 0; i < p->nstacks; i++)
			derived += p->stacks[i].derived;
		if (derived)
			json_object_set_new(po, "derivedTemplates", json_integer((json_int_t)derived));
	}
	json_object_set_new(po, "policies", json_integer((json_int_t)p->npolicies));
	json_object_set(po, "skipped", p->skipped);
	json_object_set(po, "notes", p->notes);
	return po;
}

/* {"complete": bool, "gaps": [{"resource", "file", "line", "reason"}]} */
static json_t *coverage_json(const struct iam_amplify_report *r)
{
	json_t *gaps = json_array();

	for (size_t i = 0; i < r->ngaps; i++) {
		const struct iam_amplify_gap *g = &r->gaps[i];
		json_t *o = json_object();

		json_object_set_new(o, "resource", *g->resource ? iam_json_text(g->resource)
								 : json_null());
		json_object_set_new(o, "file", g->file ? iam_json_text(g->file) : json_null());
		if (g->line > 0)
			json_object_set_new(o, "line", json_integer(g->line));
		json_object_set_new(o, "reason", iam_json_text(g->reason));
		json_array_append_new(gaps, o);
	}
	return json_pack("{s:b, s:o}", "complete", r->incomplete == 0, "gaps", gaps);
}

json_t *iam_amplify_report_json(const struct iam_amplify_report *r,
				const struct iam_amplify_options *opt)
{
	const struct iam_amplify_project *p = r->proj;
	json_t *o = json_object(), *a;
	size_t allowed = 0;

	json_object_set_new(o, "list", iam_json_text(r->list->name));
	json_object_set_new(o, "categories", iam_amplify_category_names(r->plan.cats, -1));
	json_object_set_new(o, "required", json_integer((json_int_t)r->plan.n));
	for (size_t i = 0; i < r->plan.n; i++)
		allowed += r->plan.v[i].blocked_by == IAM_AMPLIFY_ALLOWED;
	json_object_set_new(o, "allowed", r->checked ? json_integer((json_int_t)allowed)
						     : json_null());
	a = json_array();
	for (size_t i = 0; r->checked && i < r->plan.n; i++)
		if (r->plan.v[i].blocked_by != IAM_AMPLIFY_ALLOWED)
			json_array_append_new(a, missing_json(&r->plan, &r->plan.v[i]));
	json_object_set_new(o, "missing", a);
	if (opt->suppressed)
		json_object_set_new(o, "suppressed", json_integer((json_int_t)r->suppressed));
	json_object_set_new(o, "coverage", coverage_json(r));
	if (opt->principal)
		json_object_set_new(o, "deployer", iam_json_text(opt->principal));
	if (r->plan.nunmatched) {
		a = json_array();
		for (size_t i = 0; i < r->plan.nunmatched; i++)
			json_array_append_new(a, iam_json_text(r->plan.unmatched[i]));
		json_object_set_new(o, "unmatched", a);
	}
	if (!p) {
		json_object_set_new(o, "roles", json_array());
		return o;
	}
	json_object_set_new(o, "project", project_json(p));
	/* a file, or the ARN of an account's policy (--account) */
	json_object_set_new(o, "projectBoundary", !opt->project_boundary ? json_null()
			    : iam_json_text(opt->project_boundary->arn ? opt->project_boundary->arn
					    : opt->project_boundary->name));
	a = json_array();
	for (size_t i = 0; i < p->nroles; i++)
		json_array_append_new(a, role_json(&p->roles[i], r->roles_checked));
	json_object_set_new(o, "roles", a);
	return o;
}
