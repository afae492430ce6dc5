/* cli/decision.c - one decision shown: text (the decision, and with
 * --explain every layer and the statements that applied, and the missing
 * context keys) and JSON (product.md's decision object).  Shared by
 * evaluate and assume, so that a decision reads the same everywhere.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cli/decision.h"
#include "cli/msg.h"
#include "core/authz.h"
#include "core/json.h"
#include "core/policy.h"

static json_t *stmt_json(const struct iam_stmt_ref *r)
{
	json_t *o = json_object();
	const struct iam_statement *s = r->stmt;

	json_object_set_new(o, "policy", iam_json_text(r->policy->name));
	if (r->policy->label)
		json_object_set_new(o, "policyName", iam_json_text(r->policy->label));
	if (r->policy->arn)
		json_object_set_new(o, "policyArn", iam_json_text(r->policy->arn));
	if (r->policy->wrapper)
		json_object_set_new(o, "wrapper", iam_json_text(r->policy->wrapper));
	json_object_set_new(o, "sid", s->sid ? iam_json_text(s->sid) : json_null());
	json_object_set_new(o, "index", json_integer((json_int_t)s->index));
	if (s->line > 0)
		json_object_set_new(o, "line", json_integer(s->line));
	json_object_set_new(o, "effect", iam_json_text(s->effect == IAM_EFFECT_ALLOW
							     ? "Allow" : "Deny"));
	return o;
}

static const char *layer_outcome(const struct iam_layer_result *l)
{
	if (!l->present)
		return "absent";
	if (l->skipped)
		return "not-applicable";
	if (l->denied)
		return "deny";
	if (l->allowed)
		return "allow";
	return "none";
}

/* The missing context keys, as the IAM policy simulator's
 * MissingContextValues: their names (NULL when there are none). */
static json_t *missing_json(const struct iam_result *res)
{
	json_t *a;

	if (!res->nmissing)
		return NULL;
	a = json_array();
	for (size_t i = 0; i < res->nmissing; i++)
		json_array_append_new(a, iam_json_text(res->missing[i].key));
	return a;
}

/* Where a missing key is tested: "FILE:LINE Sid 'S'" or "FILE:LINE". */
static void print_missing_site(FILE *f, const struct iam_missing_key *m)
{
	iam_out(f, "%s", m->policy->name);
	if (m->cond->line > 0)
		iam_out(f, ":%d", m->cond->line);
	if (m->stmt->sid && *m->stmt->sid)
		iam_out(f, " Sid '%s'", m->stmt->sid);
}

/* How to give key: the option that sets it, else -c KEY=VALUE. */
static void print_missing_hint(FILE *f, const char *key)
{
	if (strcasecmp(key, "aws:RequestedRegion") == 0)
		iam_out(f, "--region REGION");
	else if (strcasecmp(key, "aws:CurrentTime") == 0 ||
		 strcasecmp(key, "aws:EpochTime") == 0)
		iam_out(f, "--at TIME|now");
	else if (strchr(key, '='))
		iam_out(f, "-c '\"%s\"=VALUE'", key);
	else
		iam_out(f, "-c %s=VALUE", key);
}

/* Without --explain: one note on stderr per missing key. */
void cmd_note_missing(const struct iam_result *res)
{
	for (size_t i = 0; i < res->nmissing; i++) {
		iam_out(stderr, "iamgate: note: the request has no %s, which ",
			res->missing[i].key);
		print_missing_site(stderr, &res->missing[i]);
		iam_out(stderr, " tests: its value could change the decision (");
		print_missing_hint(stderr, res->missing[i].key);
		iam_out(stderr, ")\n");
	}
	if (res->nmissing_more)
		iam_out(stderr, "iamgate: note: and %zu more condition keys the request does not give\n",
			res->nmissing_more);
}

/* The decision object; with explain, every layer's statements. */
json_t *cmd_result_json(const struct iam_policy_set *set,
			   const struct iam_result *res, bool explain)
{
	json_t *o = json_object();

	json_object_set_new(o, "decision", iam_json_text(iam_decision_name(res->decision)));
	if (res->nmissing)
		json_object_set_new(o, "missingContextValues", missing_json(res));
	if (!explain)
		return o;
	json_object_set_new(o, "decidedBy", iam_json_text(iam_layer_name(res->decided_by)));
	json_object_set_new(o, "reason", iam_json_text(res->reason));
	json_object_set_new(o, "crossAccount", json_boolean(res->cross_account));
	{
		json_t *layers = json_array();

		for (int l = 0; l < IAM_LAYER__COUNT; l++) {
			const struct iam_layer_result *lr = &res->layers[l];
			json_t *lo = json_object(), *st = json_array();

			json_object_set_new(lo, "layer", iam_json_text(iam_layer_name((enum iam_layer)l)));
			json_object_set_new(lo, "outcome", iam_json_text(layer_outcome(lr)));
			if (l == IAM_LAYER_SCP && lr->failed_level >= 0 &&
			    lr->present && !lr->allowed) {
				const char *name = set->scp[lr->failed_level].name;

				json_object_set_new(lo, "failedLevel", json_integer(lr->failed_level));
				if (name)
					json_object_set_new(lo, "failedLevelName", iam_json_text(name));
			}
			for (size_t i = 0; i < lr->nmatched; i++)
				json_array_append_new(st, stmt_json(&lr->matched[i]));
			json_object_set_new(lo, "statements", st);
			json_array_append_new(layers, lo);
		}
		json_object_set_new(o, "layers", layers);
	}
	return o;
}

static const char *layer_label(enum iam_layer l)
{
	return l == IAM_LAYER_RESOURCE ? "res-policy" : iam_layer_name(l);
}

void cmd_stmt_text(const struct iam_stmt_ref *r)
{
	const struct iam_statement *st = r->stmt;

	if (r->policy->label)   /* a policy of an account: its name and ARN */
		iam_out(stdout, "'%s' (%s) ", r->policy->label,
			r->policy->arn ? r->policy->arn : "");
	iam_out(stdout, "%s", r->policy->name);
	if (st->line > 0)
		iam_out(stdout, ":%d", st->line);
	if (r->policy->wrapper)
		iam_out(stdout, " (in %s)", r->policy->wrapper);
	iam_out(stdout, " %s ", st->effect == IAM_EFFECT_ALLOW ? "Allow" : "Deny");
	if (st->sid && *st->sid)
		iam_out(stdout, "Sid '%s'\n", st->sid);
	else
		iam_out(stdout, "%s/Statement/%zu\n", r->policy->base, st->index);
}

void cmd_result_text(const struct iam_policy_set *set,
		       const struct iam_request *req,
		       const struct iam_result *res, bool explain, bool color)
{
	const char *on = "", *off = "";

	if (color) {
		on = res->decision == IAM_DECISION_ALLOWED ? iam_sgr_bold_green : iam_sgr_red;
		off = iam_sgr_reset;
	}
	if (!explain) {
		iam_out(stdout, "%s%s%s\n", on, iam_decision_name(res->decision), off);
		return;
	}
	iam_out(stdout, "%s%s%s: %s\n", on, iam_decision_name(res->decision), off, res->reason);
	iam_out(stdout, "  request     %s on %s", req->action, req->resource);
	if (req->principal)
		iam_out(stdout, " by %s", req->principal);
	iam_out(stdout, "%s\n", res->cross_account ? " (cross-account)" : "");
	for (int l = 0; l < IAM_LAYER__COUNT; l++) {
		const struct iam_layer_result *lr = &res->layers[l];
		bool failed_level = l == IAM_LAYER_SCP && lr->present &&
				    !lr->skipped && lr->failed_level >= 0;
		const char *what;

		if (!lr->present)
			what = "not given";
		else if (lr->skipped)
			what = "does not apply to this caller";
		else if (lr->denied)
			what = "denies";
		else if (failed_level)
			what = "a level allows nothing that matches";
		else if (lr->allowed)
			what = "allows";
		else
			what = "no statement applies";
		iam_out(stdout, "  %-10s  %s%s\n", layer_label((enum iam_layer)l), what,
		       l == (int)res->decided_by ? "   <- decides" : "");
		if (failed_level) {
			const char *name = set->scp[lr->failed_level].name;

			iam_out(stdout, "              level %ld of %zu", lr->failed_level + 1, set->nscp);
			if (name)
				iam_out(stdout, " (%s)", name);
			iam_out(stdout, " has no Allow for this request\n");
		}
		for (size_t i = 0; i < lr->nmatched; i++) {
			iam_out(stdout, "              ");
			cmd_stmt_text(&lr->matched[i]);
		}
	}
	for (size_t i = 0; i < res->nmissing; i++) {
		iam_out(stdout, "  %-10s  %s, tested by ", i ? "" : "missing", res->missing[i].key);
		print_missing_site(stdout, &res->missing[i]);
		iam_out(stdout, " (");
		print_missing_hint(stdout, res->missing[i].key);
		iam_out(stdout, ")\n");
	}
	if (res->nmissing_more)
		iam_out(stdout, "              and %zu more keys\n", res->nmissing_more);
	if (res->nmissing)
		iam_out(stdout, "              their values could change the decision\n");
}
