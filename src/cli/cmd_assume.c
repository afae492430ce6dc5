/* cli/cmd_assume.c - iamgate assume: can this profile get there?  Every
 * hop of a profile's role chain decided as STS would, then (with ACTION
 * RESOURCE) the request as the session the chain ends in.  And the
 * policy options' --profile, which takes its principal from the same
 * decision.
 *
 * The engine decides (core/assume.h); this file loads the files, shows
 * each hop and says what to fix.  No secret is read into the output: the
 * keys are shown by place, the MFA code is never asked for.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "cli/decision.h"
#include "cli/live_question.h"
#include "cli/msg.h"
#include "core/account.h"
#include "core/assume.h"
#include "core/authz.h"
#include "core/cond.h"
#include "core/error.h"
#include "core/json.h"
#include "core/profile.h"
#include "live/creds.h"

struct assume_opts {
	struct cmd_policy_opts pol;
	const char *format, *color, *config_file, *credentials_file;
	bool explain, quiet;
};

#define O(f) offsetof(struct assume_opts, f)
#define P O(pol)

static const struct cmd_option assume_options[] = {
	CMD_HEADING("profiles:"),
	CMD_AWS_FILE_OPTIONS(O(config_file), O(credentials_file)),
	CMD_POLICY_OPT_SOURCE_PRINCIPAL(P, "who the first hop's credentials belong to\n"
					   "(default: the user whose AccessKeyMetadata\n"
					   "lists the key, else the user named like the\n"
					   "profile, stated as an assumption)"),
	CMD_HEADING("accounts:"),
	CMD_POLICY_OPT_ACCOUNT(P, "an account snapshot (aws iam get-account-\n"
				  "authorization-details): users, roles and\n"
				  "their trust policies (repeatable: one per\n"
				  "account; the pages of one merge)"),
	CMD_POLICY_OPT_ORG(P, "the SCP and RCP levels of the accounts, root\n"
			      "first (see iamgate(1))"),
	CMD_HEADING("request:"),
	CMD_POLICY_OPT_SESSION(P, "the final request: a session policy"),
	CMD_POLICY_OPT_CONTEXT(P, "a condition key of every call (repeatable)"),
	CMD_POLICY_OPT_REGION(P, "the final request: sets aws:RequestedRegion"),
	CMD_POLICY_OPT_AT(P, "the time of the calls: aws:CurrentTime and\n"
			     "botocore's default session name (default: now)"),
	CMD_HEADING("live:"),
	CMD_POLICY_OPT_LIVE(P, "make the chain's calls for real (STS decides each\n"
			       "hop), then read the final session's policies\n"
			       "and the role asked about from the account; a\n"
			       "hop STS refuses is decided again on what the\n"
			       "session before it can read, to say why"),
	CMD_HEADING("output:"),
	CMD_FLAG(0, "explain", O(explain), "every layer and the statements of each call"),
	CMD_CHOICE(0, "format", "text|json", O(format), cmd_formats_text_json,
		   "output format (default: text)"),
	CMD_CHOICE(0, "color", "auto|always|never", O(color), cmd_colors,
		   "color the decisions (honours NO_COLOR)"),
	CMD_FLAG('q', "quiet", O(quiet), "print nothing; the exit status tells"),
	CMD_HELP_OPTION,
	CMD_END,
};

static const struct cmd_command assume_command = {
	.name = "assume",
	.usage = "iamgate assume PROFILE [ACTION RESOURCE] --account FILE... [options]",
	.about =
		"Decide every hop of PROFILE's role chain as STS would, offline: for each\n"
		"sts:AssumeRole the caller's identity policies, boundary and SCPs, and the\n"
		"role's trust policy, with the context the profile makes the AWS CLI send\n"
		"(MFA when mfa_serial is set, sts:ExternalId, sts:RoleSessionName).  The\n"
		"answer names the first hop that fails, what refuses it, and the fix.  With\n"
		"ACTION RESOURCE, then decide that request as the session the chain ends in.\n"
		"Who the first keys belong to comes from the snapshots (AccessKeyMetadata),\n"
		"else the user named like the profile (said to be an assumption), else\n"
		"--source-principal.  Nothing is fetched (but with --live); no secret is\n"
		"shown.\n",
	.options = assume_options,
	.footer =
		"exit status: 0 every hop passes (and the request is allowed), 1 a hop is\n"
		"refused, has a profile error or cannot be decided offline, or the request\n"
		"is denied, 2 usage error, 3 invalid input (an unreadable file, a bad\n"
		"snapshot), 4 internal error.\n",
};

void cmd_assume_usage(FILE *f)
{
	cmd_help(&assume_command, f);
}

/* ---- running the chain ---- */

struct chain_run {
	struct iam_awsconfig *cfg;
	struct iam_chain *ch;
	struct iam_assume *as;
	struct iam_accounts *none;   /* when no --account is given */
	long epoch;
	bool have_time;
};

static void chain_run_release(struct chain_run *r)
{
	iam_assume_free(r->as);
	iam_chain_free(r->ch);
	iam_awsconfig_free(r->cfg);
	iam_accounts_free(r->none);
	memset(r, 0, sizeof(*r));
}

/* Load the files, resolve profile name and decide its hops.  0, or -1
 * after a message, *rc set. */
static int chain_run(struct chain_run *r, const char *name, const char *config_file,
		     const char *credentials_file, const struct cmd_policy_opts *po,
		     struct cmd_policies *L, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_profile_env env;
	const struct iam_accounts *A;
	struct iam_assume_opts ao = { 0 };
	double t = (double)time(NULL);

	*rc = IAM_EXIT_INTERNAL;
	if (po->at && strcmp(po->at, "now") != 0 && iam_parse_date(po->at, &t) == 0)
		r->have_time = true;
	r->epoch = (long)t;
	iam_profile_env_from_environ(&env);
	if (config_file)
		env.config_file = config_file;
	if (credentials_file)
		env.credentials_file = credentials_file;
	if (!(r->cfg = iam_profile_load(&env, &err)) ||
	    !(r->ch = iam_profile_resolve(r->cfg, name, &env, &err))) {
		iam_msg_failure(&err);
		*rc = iam_exit_for(&err);
		return -1;
	}
	if (cmd_accounts_load(po, L) < 0) {
		*rc = L->nomem ? IAM_EXIT_INTERNAL : IAM_EXIT_INVALID;
		return -1;
	}
	if (!(A = L->accounts)) {
		if (!(r->none = iam_accounts_new()) || iam_accounts_finish(r->none, &err) < 0) {
			iam_msg_error("out of memory");
			return -1;
		}
		A = r->none;
	}
	ao.source_principal = po->source_principal;
	ao.extra = &po->ctx;
	ao.epoch = r->epoch;
	ao.have_time = r->have_time;
	if (iam_assume_chain(r->ch, A, &ao, &r->as, &err) < 0) {
		iam_msg_failure(&err);
		return -1;
	}
	*rc = IAM_EXIT_OK;
	return 0;
}

/* One line about the failing step: why it cannot pass. */
static const char *step_problem(const struct iam_step *s)
{
	if (s->fix)
		return s->fix;
	if (s->why)
		return s->why;
	return s->decided ? s->res.reason : iam_step_state_name(s->state);
}

int cmd_profile_principal(struct cmd_policy_opts *po, struct cmd_policies *L, int *rc)
{
	struct chain_run r = { 0 };
	const struct iam_step *s;

	*rc = IAM_EXIT_OK;
	if (!po->profile)
		return 0;
	if (chain_run(&r, po->profile, NULL, NULL, po, L, rc) < 0) {
		chain_run_release(&r);
		L->failed = true;
		return -1;
	}
	if (!r.ch->found || !r.as->nsteps) {
		iam_msg_error("--profile %s: the config profile could not be found (or has no "
			      "credentials)", po->profile);
		*rc = IAM_EXIT_INVALID;
	} else if (r.as->failed < r.as->nsteps) {
		s = &r.as->steps[r.as->failed];
		iam_msg_error("--profile %s: hop %zu (%s) %s: %s (iamgate assume %s shows the chain)",
			      po->profile, r.as->failed + 1,
			      s->hop->profile ? s->hop->profile : iam_hop_kind_name(s->hop->kind),
			      s->state == IAM_STEP_DENIED ? "is refused" :
			      s->state == IAM_STEP_INVALID ? "is invalid" : "cannot be decided",
			      step_problem(s), po->profile);
		*rc = IAM_EXIT_DENIED;
	} else if (!(L->profile_principal = strdup(r.as->principal))) {
		iam_msg_error("out of memory");
		*rc = IAM_EXIT_INTERNAL;
	} else {
		po->principal = L->profile_principal;
	}
	chain_run_release(&r);
	if (*rc != IAM_EXIT_OK)
		L->failed = true;
	return *rc == IAM_EXIT_OK ? 0 : -1;
}

/* ---- text ---- */

/* The keys of a call's context that the profile makes: MFA, the
 * external ID, the session name, and a web identity token's claims. */
static bool profile_key(const char *key)
{
	static const char *const keys[] = {
		"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "sts:ExternalId",
		"sts:RoleSessionName", NULL,
	};
	const char *colon = strrchr(key, ':');

	for (size_t i = 0; keys[i]; i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return colon && strncmp(key, "aws:", 4) && strncmp(key, "sts:", 4) &&
	       (!strcmp(colon, ":aud") || !strcmp(colon, ":sub") || !strcmp(colon, ":amr"));
}

static void text_context(const struct iam_step *s)
{
	bool any = false;

	for (size_t i = 0; i < s->ctx.n; i++) {
		const struct iam_ctx_entry *e = &s->ctx.v[i];

		if (!e->n || !profile_key(e->key))
			continue;
		iam_out(stdout, "%s%s=%s", any ? " " : "      context  ", e->key, e->values[0]);
		any = true;
	}
	if (!iam_context_find(&s->ctx, "aws:MultiFactorAuthPresent"))
		iam_out(stdout, "%sno MFA", any ? " " : "      context  ");
	iam_out(stdout, "\n");
}

static void text_decided(const struct assume_opts *o, const struct iam_step *s, bool color)
{
	const struct iam_layer_result *l = &s->res.layers[s->res.decided_by];
	struct iam_request req = { s->caller, s->action, s->role, NULL,
				   (struct iam_context *)&s->ctx, NULL };

	if (o->explain) {
		iam_out(stdout, "      ");
		cmd_result_text(&s->set, &req, &s->res, true, color);
		return;
	}
	iam_out(stdout, "      %s: %s\n", iam_decision_name(s->res.decision), s->res.reason);
	if (s->res.decision == IAM_DECISION_ALLOWED) {
		for (int k = IAM_LAYER_RESOURCE; k <= IAM_LAYER_IDENTITY; k++) {
			const struct iam_layer_result *lr = &s->res.layers[k];

			if (lr->present && lr->allowed && lr->first_allow.stmt) {
				iam_out(stdout, "      %-8s ", k == IAM_LAYER_RESOURCE ? "trust" : "identity");
				cmd_stmt_text(&lr->first_allow);
			}
		}
	} else if (l->first_deny.stmt) {
		iam_out(stdout, "      denied   ");
		cmd_stmt_text(&l->first_deny);
	}
}

static void text_step(const struct assume_opts *o, const struct iam_step *s, size_t i,
		      bool color)
{
	const struct iam_hop *h = s->hop;

	iam_out(stdout, "  hop %zu: %s: ", i + 1, h->profile ? h->profile :
		h->kind == IAM_HOP_SOURCE ? "credential_source" : "(environment)");
	if (s->action)
		iam_out(stdout, "%s on %s\n", s->action, s->role);
	else if (h->kind == IAM_HOP_SOURCE && h->credential_source.value)
		iam_out(stdout, "%s\n", h->credential_source.value);
	else
		iam_out(stdout, "%s\n", iam_hop_kind_name(h->kind));
	if (s->caller && s->action)
		iam_out(stdout, "      caller   %s (%s)\n", s->caller, s->caller_from);
	if (s->made)
		iam_out(stdout, "      granted by STS\n");
	switch (s->state) {
	case IAM_STEP_START:
		if (s->made && !s->caller) {   /* a later hop was asked, not this one */
			iam_out(stdout, "      acts as  (not asked of STS)\n");
			return;
		}
		iam_out(stdout, "      acts as  %s (%s%s)\n", s->caller, s->caller_from,
			s->assumption ? ": an assumption; --source-principal names it" : "");
		return;
	case IAM_STEP_UNREACHED:
		iam_out(stdout, "      not reached\n");
		return;
	case IAM_STEP_INVALID:
		iam_out(stdout, "      invalid: %s\n", s->why);
		return;
	case IAM_STEP_UNKNOWN:
		iam_out(stdout, "      cannot be decided offline: %s\n", s->why);
		return;
	default:
		break;
	}
	if (s->decided) {
		text_context(s);
		text_decided(o, s, color);
	}
	if (s->fix)
		iam_out(stdout, "      fix: %s\n", s->fix);
	if (s->state == IAM_STEP_ALLOWED)
		iam_out(stdout, "      acts as  %s\n", s->acts_as);
}

static void text_chain(const struct assume_opts *o, const struct chain_run *r, bool color)
{
	const struct iam_assume *as = r->as;

	iam_out(stdout, "profile %s: ", r->ch->profile);
	if (as->failed < as->nsteps)
		iam_out(stdout, "hop %zu %s\n", as->failed + 1,
			as->steps[as->failed].state == IAM_STEP_DENIED ? "is refused" :
			as->steps[as->failed].state == IAM_STEP_INVALID ? "is invalid" :
			"cannot be decided offline");
	else
		iam_out(stdout, "every hop passes; acts as %s\n", as->principal);
	for (size_t i = 0; i < as->nsteps; i++)
		text_step(o, &as->steps[i], i, color);
}

/* ---- JSON ---- */

static json_t *jtext(const char *s)
{
	return s ? iam_json_text(s) : json_null();
}

static json_t *json_step(const struct iam_step *s, size_t i)
{
	json_t *o = json_object();

	json_object_set_new(o, "hop", json_integer((json_int_t)i + 1));
	json_object_set_new(o, "profile", jtext(s->hop->profile));
	json_object_set_new(o, "kind", json_string(iam_hop_kind_name(s->hop->kind)));
	json_object_set_new(o, "state", json_string(iam_step_state_name(s->state)));
	json_object_set_new(o, "caller", jtext(s->caller));
	json_object_set_new(o, "callerFrom", jtext(s->caller_from));
	json_object_set_new(o, "assumption", json_boolean(s->assumption));
	if (s->made)
		json_object_set_new(o, "made", json_true());
	if (s->action) {
		json_object_set_new(o, "action", json_string(s->action));
		json_object_set_new(o, "role", jtext(s->role));
	}
	if (s->decided) {
		json_t *ctx = json_object(), *r = cmd_result_json(&s->set, &s->res, true);

		for (size_t k = 0; k < s->ctx.n; k++) {
			const struct iam_ctx_entry *e = &s->ctx.v[k];

			if (e->n && profile_key(e->key))
				json_object_set_new(ctx, e->key, iam_json_text(e->values[0]));
		}
		json_object_set_new(o, "context", ctx);
		json_object_update(o, r);
		json_decref(r);
	}
	if (s->why)
		json_object_set_new(o, "why", iam_json_text(s->why));
	if (s->fix)
		json_object_set_new(o, "fix", iam_json_text(s->fix));
	json_object_set_new(o, "actsAs", jtext(s->state == IAM_STEP_START ||
					       s->state == IAM_STEP_ALLOWED ? s->acts_as : NULL));
	return o;
}

static json_t *json_chain(const struct chain_run *r)
{
	const struct iam_assume *as = r->as;
	json_t *o = json_object(), *hops = json_array();

	json_object_set_new(o, "profile", iam_json_text(r->ch->profile));
	json_object_set_new(o, "passes", json_boolean(as->failed == as->nsteps));
	json_object_set_new(o, "failedHop", as->failed < as->nsteps ?
					    json_integer((json_int_t)as->failed + 1) : json_null());
	for (size_t i = 0; i < as->nsteps; i++)
		json_array_append_new(hops, json_step(&as->steps[i], i));
	json_object_set_new(o, "hops", hops);
	json_object_set_new(o, "principal", jtext(as->principal));
	return o;
}

/* ---- the final request ---- */

static int final_request(struct assume_opts *o, struct cmd_policies *L, const char *action,
			 const char *resource, json_t *out, int *rc)
{
	struct iam_policy_set set = { 0 };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_result res;
	struct iam_request req = { o->pol.principal, action, resource, NULL, &o->pol.ctx, NULL };
	bool color = iam_use_color(o->color, stdout);

	if (cmd_policy_set_load(&o->pol, L, &set, !o->quiet, false) < 0 ||
	    cmd_accounts_resolve(&o->pol, L, action, resource, true, &set, NULL) < 0 ||
	    iam_context_default(&o->pol.ctx, "aws:SecureTransport", "true") < 0 ||
	    iam_context_derive(&o->pol.ctx, o->pol.principal) < 0 ||
	    (o->pol.at && cmd_set_time(&o->pol.ctx, o->pol.at) < 0)) {
		iam_policy_set_release(&set);
		*rc = L->nomem || !L->failed ? IAM_EXIT_INTERNAL : IAM_EXIT_INVALID;
		return -1;
	}
	if (iam_authorize(&set, &req, IAM_AUTHZ_MISSING | (o->explain ? IAM_AUTHZ_EXPLAIN : 0),
			  &res, &err) < 0) {
		iam_msg_failure(&err);
		iam_policy_set_release(&set);
		*rc = IAM_EXIT_INTERNAL;
		return -1;
	}
	if (out) {
		json_t *r = cmd_result_json(&set, &res, o->explain);

		json_object_set_new(r, "action", iam_json_text(action));
		json_object_set_new(r, "resource", iam_json_text(resource));
		json_object_set_new(out, "request", r);
	} else if (!o->quiet) {
		iam_out(stdout, "  request: %s on %s as the final session: ", action, resource);
		cmd_result_text(&set, &req, &res, o->explain, color);
		if (!o->explain)
			cmd_note_missing(&res);
	}
	*rc = res.decision == IAM_DECISION_ALLOWED ? IAM_EXIT_OK : IAM_EXIT_DENIED;
	iam_result_release(&res);
	iam_policy_set_release(&set);
	return 0;
}

/* ---- --live: the chain made for real ---- */

static void text_live(const struct cmd_live_chain_view *v)
{
	iam_out(stdout, "profile %s: every hop granted by AWS\n", v->profile);
	for (size_t i = 0; i < v->lc->nsteps; i++) {
		const struct iam_live_step *s = &v->lc->steps[i];

		iam_out(stdout, "  hop %zu  %s  %s", i + 1,
			s->hop->profile ? s->hop->profile : iam_hop_kind_name(s->hop->kind),
			s->how);
		if (s->arn)
			iam_out(stdout, " -> %s", s->arn);
		if (s->expiration) {
			char when[32];
			struct tm tm;

			gmtime_r(&s->expiration, &tm);
			strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
			iam_out(stdout, " (until %s)", when);
		}
		iam_out(stdout, "\n");
	}
	iam_out(stdout, "  acts as %s\n", v->caller);
}

static json_t *json_live(const struct cmd_live_chain_view *v)
{
	json_t *o = json_object(), *hops = json_array();

	json_object_set_new(o, "profile", iam_json_text(v->profile));
	json_object_set_new(o, "passes", json_true());
	json_object_set_new(o, "live", json_true());
	for (size_t i = 0; i < v->lc->nsteps; i++) {
		const struct iam_live_step *s = &v->lc->steps[i];
		json_t *h = json_object();

		json_object_set_new(h, "hop", json_integer((json_int_t)i + 1));
		json_object_set_new(h, "profile", jtext(s->hop->profile));
		json_object_set_new(h, "kind", iam_json_text(iam_hop_kind_name(s->hop->kind)));
		json_object_set_new(h, "how", iam_json_text(s->how));
		json_object_set_new(h, "principal", jtext(s->arn));
		json_array_append_new(hops, h);
	}
	json_object_set_new(o, "hops", hops);
	json_object_set_new(o, "principal", iam_json_text(v->caller));
	return o;
}

/* STS refused a role hop: decide it offline on what the hop before can
 * read of the account, to say which policy refuses it and the fix. */
static void why_refused(struct assume_opts *o, struct cmd_policies *L, json_t **out)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct cmd_live_refusal f;
	struct chain_run r = { 0 };
	struct iam_assume_opts ao = { .extra = &o->pol.ctx, .epoch = (long)time(NULL),
				      .refused = true };

	if (cmd_live_refusal(&o->pol, L, &f) != 0)
		return;
	ao.made = f.made;
	ao.nmade = f.nmade;
	if (iam_assume_chain(f.chain, L->accounts, &ao, &r.as, &err) < 0) {
		iam_msg_failure(&err);
		return;
	}
	r.ch = (struct iam_chain *)f.chain;   /* borrowed: only r.as is freed */
	cmd_live_warn_org_gap(L);
	if (strcmp(o->format, "json") == 0) {
		*out = json_chain(&r);
		json_object_set_new(*out, "live", json_true());
	} else if (!o->quiet) {
		iam_out(stdout, "why, from the account as hop %zu's credentials read it:\n", f.nmade);
		text_chain(o, &r, iam_use_color(o->color, stdout));
	}
	iam_assume_free(r.as);
}

/* assume --live: cmd_live_principal makes the calls (and says why one
 * fails), then the hops are shown as made, and the request decided. */
static int assume_live(struct assume_opts *o, struct cmd_policies *L, char **argv, int nargs,
		       json_t **out)
{
	struct cmd_live_chain_view v;
	int rc;

	o->pol.profile = argv[0];
	o->pol.live_opts.config_file = o->config_file;
	o->pol.live_opts.credentials_file = o->credentials_file;
	if (cmd_live_principal("assume", &o->pol, L, nargs == 3 ? argv[1] : NULL,
			       nargs == 3 ? argv[2] : NULL, &rc) < 0) {
		why_refused(o, L, out);
		return rc;
	}
	cmd_live_chain(L, &v);
	if (strcmp(o->format, "json") == 0)
		*out = json_live(&v);
	else if (!o->quiet)
		text_live(&v);
	if (nargs == 3)
		final_request(o, L, argv[1], argv[2], *out, &rc);
	return rc;
}

int cmd_assume(int argc, char **argv)
{
	struct assume_opts o = { .format = "text", .color = "auto" };
	struct cmd_policies L = { 0 };
	struct chain_run r = { 0 };
	bool json = false;
	json_t *out = NULL;
	int nargs, rc = cmd_parse(&assume_command, argc, argv, &o, &nargs);

	if (rc != CMD_CONTINUE)
		goto done;
	rc = IAM_EXIT_USAGE;
	if (nargs != 1 && nargs != 3) {
		iam_msg_usage("assume", "give a PROFILE, and optionally ACTION RESOURCE");
		goto done;
	}
	if (cmd_policy_opts_check("assume", &o.pol) < 0)
		goto done;
	json = strcmp(o.format, "json") == 0;
	if (o.pol.live) {
		rc = assume_live(&o, &L, argv, nargs, &out);
		goto print;
	}
	if (chain_run(&r, argv[0], o.config_file, o.credentials_file, &o.pol, &L, &rc) < 0)
		goto done;
	if (!r.ch->found) {
		iam_msg_error("the config profile (%s) could not be found", r.ch->profile);
		rc = IAM_EXIT_INVALID;
		goto done;
	}
	if (json)
		out = json_chain(&r);
	else if (!o.quiet)
		text_chain(&o, &r, iam_use_color(o.color, stdout));
	rc = r.as->failed < r.as->nsteps ? IAM_EXIT_DENIED : IAM_EXIT_OK;
	if (rc == IAM_EXIT_OK && nargs == 3) {
		if (!(L.profile_principal = strdup(r.as->principal))) {
			iam_msg_error("out of memory");
			rc = IAM_EXIT_INTERNAL;
			goto done;
		}
		o.pol.principal = L.profile_principal;
		final_request(&o, &L, argv[1], argv[2], out, &rc);
	}
print:
	if (out && !o.quiet) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
	}
done:
	json_decref(out);
	chain_run_release(&r);
	cmd_policies_release(&L);
	cmd_policy_opts_release(&o.pol);
	return rc;
}
