/* cli/amplify_text.c - the text report of `iamgate amplify check`: each
 * category with what it is missing and what to add, each role with what
 * the project's boundary takes from it, and the verdict. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/check.h"
#include "cli/amplify.h"
#include "cli/msg.h"
#include "core/authz.h"
#include "core/catalog.h"
#include "core/policy.h"

static const char *c_on(const struct cmd_amplify_view *R, const char *code)
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
/* Was g[k]'s action named by an earlier requirement of the group (the
 * same action asked on other resources, by another entry)? */
static bool named_before(const struct iam_amplify_req *const *g, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (strcasecmp(g[j]->action, g[k]->action) == 0)
			return true;
	return false;
}

static void print_group(const struct cmd_amplify_view *R, const struct iam_amplify_req *const *g,
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
		iam_out(stdout, "  add to %s:", R->first_policy ? R->first_policy : "an identity policy of the deployer");
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
			if (g[k]->entry == e && !named_before(g, k))
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
		fputc('\n', stdout);
	}
}

static void print_category(const struct cmd_amplify_view *R, int c)
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
static char *loss_actions(const struct cmd_amplify_view *R, const struct iam_amplify_role *r,
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
		if (in > 3 && iam_catalog_find_service(R->ao->catalog, svc, &s) && in == s.nactions) {
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
static void print_losses(const struct cmd_amplify_view *R, const struct iam_amplify_role *r)
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

static void print_role_line(const struct cmd_amplify_view *R, const struct iam_amplify_role *r)
{
	iam_out(stdout, "  %s%s%s %s", *r->category ? r->category : "root",
	       *r->resource ? "/" : "", r->resource, r->logical_id);
	if (r->name)
		iam_out(stdout, " '%s'", r->name);
	if (r->template && r->line > 0)
		iam_out(stdout, " (%s:%d)", r->template, r->line);
	else if (!r->template)
		iam_out(stdout, " (made by the Amplify CLI's root stack)");
	if (r->derived) {
		iam_out(stdout, " [derived]");
	} else {
		size_t nd = 0;

		for (size_t i = 0; i < r->npolicies; i++)
			nd += r->policies[i].derived;
		if (nd)
			iam_out(stdout, " [%zu polic%s derived]", nd, nd == 1 ? "y" : "ies");
	}
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
	if (R->r->roles_checked && r->nlost && r->suppressed)
		iam_out(stdout, "; loses %zu (suppressed)", r->nlost_actions);
	else if (R->r->roles_checked && r->nlost)
		iam_out(stdout, "; %sloses %zu%s", c_on(R, iam_sgr_red), r->nlost_actions,
		       c_on(R, iam_sgr_reset));
	fputc('\n', stdout);
	if (R->r->roles_checked && r->nlost)
		print_losses(R, r);
}

/* The last line: FAIL with what fails (at or above --fail-on), else ok
 * with what was checked; and how many findings were suppressed. */
/* How many findings of the report have this code. */
static size_t count_code(const struct iam_amplify_report *r, const char *code)
{
	size_t n = 0;

	for (size_t i = 0; i < r->diags.n; i++)
		n += strcmp(r->diags.v[i].code, code) == 0;
	return n;
}

/* The findings about the environments' boundaries. */
static void print_env_findings(const struct iam_amplify_report *r)
{
	bool head = false;

	for (size_t i = 0; i < r->diags.n; i++) {
		const struct iam_diag *d = &r->diags.v[i];

		if (strcmp(d->code, "AMPLIFY_BOUNDARY_MISSING") != 0)
			continue;
		if (!head)
			iam_out(stdout, "\nenvironments:\n");
		head = true;
		iam_out(stdout, "  %s: %s\n", d->source, d->message);
	}
}

/* What the verdict's first word is. */
static void print_head(const struct cmd_amplify_view *R, size_t gaps)
{
	if (R->failing && R->failing == gaps)
		iam_out(stdout, "%sINCOMPLETE%s:", c_on(R, iam_sgr_yellow), c_on(R, iam_sgr_reset));
	else if (R->failing)
		iam_out(stdout, "%sFAIL%s:", c_on(R, iam_sgr_red), c_on(R, iam_sgr_reset));
	else
		iam_out(stdout, "%sok%s (--fail-on %s):", c_on(R, iam_sgr_green), c_on(R, iam_sgr_reset),
		       R->fail_on);
}

/* The last line: FAIL with what fails (at or above --fail-on), INCOMPLETE
 * when only what was not checked fails, else ok with what was checked;
 * and how many findings were suppressed. */
static void print_verdict(const struct cmd_amplify_view *R)
{
	const struct iam_amplify_report *r = R->r;
	const struct iam_amplify_project *p = r->proj;
	size_t blocked = (size_t)r->missing + (size_t)r->losing;
	size_t gaps = R->allow_incomplete || !R->failing ? 0 : (size_t)r->incomplete;
	size_t unbounded = count_code(r, "AMPLIFY_BOUNDARY_MISSING");
	size_t other = R->failing > blocked + gaps + unbounded
			       ? R->failing - blocked - gaps - unbounded : 0;
	const char *sep = "";

	if (R->failing || blocked) {
		print_head(R, gaps);
	} else {
		iam_out(stdout, "%sok%s%s: %s; %s", c_on(R, iam_sgr_green), c_on(R, iam_sgr_reset),
		       r->incomplete ? " (--allow-incomplete)" : "",
		       r->checked ? "every required action is allowed"
				  : "the deploy is not checked (no --policy)",
		       r->roles_checked ? "no role loses actions to the boundary"
		       : p ? "the roles are not checked (no --project-boundary)"
		       : r->gen2 ? "the roles of the Gen 2 project are not checked (they come from CDK)"
				 : "no project given");
		sep = ";";
	}
	if (r->missing > 0) {
		iam_out(stdout, " %ld required action%s not allowed", r->missing,
		       r->missing == 1 ? "" : "s");
		sep = ";";
	}
	if (r->losing > 0) {
		iam_out(stdout, "%s %ld role%s lose%s actions to the permissions boundary", sep,
		       r->losing, r->losing == 1 ? "" : "s", r->losing == 1 ? "s" : "");
		sep = ";";
	}
	if (unbounded) {
		iam_out(stdout, "%s the environment creates its roles without the permissions boundary the others set", sep);
		sep = ";";
	}
	if (r->incomplete > 0) {
		iam_out(stdout, "%s %ld thing%s not checked (listed above)%s", sep, r->incomplete,
		       r->incomplete == 1 ? "" : "s",
		       R->allow_incomplete || !R->failing ? "" : "; --allow-incomplete accepts that");
		sep = ";";
	}
	if (other)
		iam_out(stdout, "%s %zu %sfinding%s at or above --fail-on %s", sep, other,
		       blocked || gaps ? "other " : "", other == 1 ? "" : "s", R->fail_on);
	if (r->suppressed)
		iam_out(stdout, " (%ld finding%s suppressed by %s)", r->suppressed,
		       r->suppressed == 1 ? "" : "s", R->config);
	fputc('\n', stdout);
}

/* The folders the reader left out as no part of the deploy. */
static void print_undeployed(const struct iam_amplify_project *p)
{
	bool head = false;
	size_t i;
	json_t *v;

	json_array_foreach(p->skipped, i, v) {
		if (!json_is_true(json_object_get(v, "notDeployed")))
			continue;
		if (!head)
			iam_out(stdout, "\nskipped (not deployed):\n");
		head = true;
		iam_out(stdout, "  %s: %s\n", json_string_value(json_object_get(v, "file")),
		       json_string_value(json_object_get(v, "reason")));
	}
}

/* What the check did not cover, with the reasons. */
static void print_gaps(const struct iam_amplify_report *r)
{
	if (!r->ngaps)
		return;
	iam_out(stdout, "\nnot checked:\n");
	for (size_t i = 0; i < r->ngaps; i++) {
		const struct iam_amplify_gap *g = &r->gaps[i];

		iam_out(stdout, "  %s%s", g->resource, *g->resource ? ": " : "");
		if (g->file && g->line > 0)
			iam_out(stdout, "%s:%d: ", g->file, g->line);
		else if (g->file)
			iam_out(stdout, "%s: ", g->file);
		iam_out(stdout, "%s\n", g->reason);
	}
}

void cmd_amplify_print_text(const struct cmd_amplify_view *R)
{
	const struct iam_amplify_options *o = R->ao;
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
		fputc('\n', stdout);
	} else if (!o->region || !o->account) {
		iam_out(stdout, "resources with %s%s%s as '*': give --region and --account (or a project) to check the real ones\n",
		       o->region ? "" : "the region", !o->region && !o->account ? " and " : "",
		       o->account ? "" : "the account");
	}
	if (o->principal)
		iam_out(stdout, "deployer %s%s%s\n", o->principal, R->profile ? ", the session of --profile " : "",
			R->profile ? R->profile : "");
	fputc('\n', stdout);
	for (int c = 0; iam_amplify_categories[c]; c++)
		if (R->r->plan.cats & (1u << c))
			print_category(R, c);
	for (i = 0; i < R->r->plan.nunmatched; i++)
		iam_out(stdout, "  (%s matches no action of the catalog)\n", R->r->plan.unmatched[i]);
	if (p) {
		size_t losing = 0;

		for (i = 0; i < p->nroles; i++)
			losing += p->roles[i].nlost > 0;
		size_t derived = 0;

		for (i = 0; i < p->nstacks; i++)
			derived += p->stacks[i].derived;
		iam_out(stdout, "\nroles: %zu from %zu template%s", p->nroles, p->nstacks,
		       p->nstacks == 1 ? "" : "s");
		if (derived)
			iam_out(stdout, " (%zu derived from cli-inputs.json)", derived);
		if (R->r->roles_checked)
			iam_out(stdout, ", %zu lose%s actions to the boundary %s\n", losing,
			       losing == 1 ? "s" : "", R->project_boundary);
		else
			iam_out(stdout, " (%s)\n", p->boundary_arn
				       ? "the environment sets a boundary: give its document with --project-boundary"
				       : "no --project-boundary given: not checked");
		for (i = 0; i < p->nroles; i++)
			print_role_line(R, &p->roles[i]);
		print_undeployed(p);
		if (json_array_size(p->notes)) {
			iam_out(stdout, "\nnotes:\n");
			json_array_foreach(p->notes, i, v)
				iam_out(stdout, "  %s\n", json_string_value(v));
		}
	}
	print_env_findings(R->r);
	print_gaps(R->r);
	fputc('\n', stdout);
	print_verdict(R);
}
