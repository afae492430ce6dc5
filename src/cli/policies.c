/* cli/policies.c - loading the policy files a command is given.
 *
 * Every file is loaded and all of its problems reported before a command
 * stops, in source order as a compiler prints them; with --format json the
 * problems become findings objects instead of lines on stderr.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "core/account.h"
#include "core/authz.h"
#include "core/cond.h"
#include "core/context.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/managed.h"
#include "cli/live_question.h"
#include "cli/msg.h"
#include "core/policy.h"

/* Findings in source order (stable: equal positions keep the order they
 * were found in). */
static int diag_order(const void *a, const void *b)
{
	const struct iam_diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (x > y) - (x < y);
}

static json_t *location(const char *path, int line, int column)
{
	return json_pack("{s:s, s:i, s:i}", "path", path ? path : "",
			 "line", line, "column", column);
}

/* Every place of the finding, its own first. */
static json_t *diag_locations(const struct iam_diag *d)
{
	json_t *a = json_array();

	json_array_append_new(a, location(d->path, d->line, d->column));
	for (size_t i = 0; i < d->nlocs; i++)
		json_array_append_new(a, location(d->locs[i].path, d->locs[i].line,
						  d->locs[i].column));
	return a;
}

json_t *cmd_diag_json(const struct iam_diag *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", iam_json_text(d->source ? d->source : "<stdin>"));
	json_object_set_new(o, "line", json_integer(d->line));
	json_object_set_new(o, "column", json_integer(d->column));
	json_object_set_new(o, "path", iam_json_text(d->path ? d->path : ""));
	json_object_set_new(o, "sid", d->sid ? iam_json_text(d->sid) : json_null());
	json_object_set_new(o, "code", iam_json_text(d->code));
	json_object_set_new(o, "severity", iam_json_text(iam_severity_code(d->sev)));
	json_object_set_new(o, "message", iam_json_text(d->message));
	json_object_set_new(o, "locations", diag_locations(d));
	return o;
}

/* A failure that is no grammar problem: a finding, or a line on stderr. */
static void report_failure(struct cmd_policies *L, struct iam_error *err)
{
	if (L->findings && err->code != IAM_ERR_NOMEM) {
		struct iam_diag d = { IAM_SEV_ERROR,
				      err->code == IAM_ERR_JSON ? "JSON_SYNTAX_ERROR"
				      : err->code == IAM_ERR_LIMIT ? "POLICY_TOO_LARGE"
				      : err->code == IAM_ERR_SCHEMA ? "INVALID_SNAPSHOT"
								    : "UNREADABLE_FILE",
				      err->source, err->path, err->line, err->column,
				      NULL, -1, err->text, NULL, NULL, 0 };

		json_array_append_new(L->findings, cmd_diag_json(&d));
	} else {
		iam_msg_failure(err);
	}
	if (err->code == IAM_ERR_NOMEM)
		L->nomem = true;
	L->failed = true;
}

static int keep(struct cmd_policies *L, struct iam_policy *p, bool borrowed)
{
	struct iam_policy **v = realloc(L->v, (L->n + 1) * sizeof(*v));

	if (!v)
		return -1;
	L->v = v;
	L->v[L->n++] = p;
	if (borrowed) {
		v = realloc(L->borrowed, (L->nborrowed + 1) * sizeof(*v));
		if (!v) {
			L->n--;
			return -1;
		}
		L->borrowed = v;
		L->borrowed[L->nborrowed++] = p;
	}
	return 0;
}

/* A managed policy named by its ARN: a loaded snapshot's, else an
 * embedded AWS managed one.  NULL with err IAM_ERR_SCHEMA when none
 * holds it (err's text says so), with another code on a failure. */
static struct iam_policy *lookup_arn(struct cmd_policies *L, const char *arn,
				     enum iam_policy_type type, struct iam_error *err)
{
	struct iam_managed_policy *m = L->accounts ? iam_accounts_policy(L->accounts, arn, err)
						   : NULL;
	struct iam_policy *p = NULL;

	if (!m && err->code == IAM_OK && L->live && !iam_managed_is_aws_arn(arn))
		m = cmd_live_late_policy(L, arn, err);
	if (m && keep(L, m->policy, true) == 0)
		return m->policy;
	if (!m && err->code == IAM_OK && iam_managed_is_aws_arn(arn)) {
		if ((p = iam_managed_compile(arn, type, err)) && keep(L, p, false) == 0)
			return p;
		iam_policy_free(p);
		if (err->code == IAM_ERR_USAGE)
			iam_error_clear(err);
	}
	if (err->code == IAM_OK && (m || p))
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (err->code == IAM_OK)
		iam_error_set(err, IAM_ERR_SCHEMA, NULL, "%s is %s", arn,
			      iam_managed_is_aws_arn(arn)
			      ? "no AWS managed policy (none embedded has that name)"
			      : L->accounts ? "in no loaded snapshot (--account)"
			      : "a customer managed policy: give the snapshot that holds it (--account)");
	return NULL;
}

static struct iam_policy *policy_by_arn(struct cmd_policies *L, const char *arn,
					enum iam_policy_type type)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *p = lookup_arn(L, arn, type, &err);

	if (!p)
		report_failure(L, &err);
	return p;
}

struct iam_policy *cmd_policies_find_arn(struct cmd_policies *L, const char *arn,
					 enum iam_policy_type type, char *why, size_t n)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *p = lookup_arn(L, arn, type, &err);

	if (!p && err.code == IAM_ERR_SCHEMA)
		snprintf(why, n, "%s", err.text);
	else if (!p)
		report_failure(L, &err);
	return p;
}

struct iam_policy *cmd_policies_load(struct cmd_policies *L, const char *file,
				     enum iam_policy_type type, unsigned flags,
				     bool warnings, bool color)
{
	struct iam_diags diags = IAM_DIAGS_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *p;
	struct iam_policy **v;

	if (strncmp(file, "arn:", 4) == 0 && strstr(file, ":policy/"))
		return policy_by_arn(L, file, type);
	p = iam_policy_load(file, type, flags, &diags, &err);

	if (diags.n)
		qsort(diags.v, diags.n, sizeof(*diags.v), diag_order);
	for (size_t i = 0; i < diags.n; i++) {
		const struct iam_diag *d = &diags.v[i];

		if (d->sev != IAM_SEV_ERROR && (!warnings || d->sev != IAM_SEV_WARNING))
			continue;
		if (L->findings) {
			json_array_append_new(L->findings, cmd_diag_json(d));
		} else {
			fputs("iamgate: ", stderr);
			iam_msg_diag(stderr, d, color);
		}
	}
	if (!p && !diags.nerrors)
		report_failure(L, &err);   /* I/O, JSON syntax, size */
	if (!p && err.code == IAM_ERR_NOMEM)
		L->nomem = true;
	iam_diags_release(&diags);
	if (!p) {
		L->failed = true;
		return NULL;
	}
	(void)v;
	if (keep(L, p, false) < 0) {
		iam_policy_free(p);
		L->nomem = true;
		return NULL;
	}
	return p;
}

static bool borrowed(const struct cmd_policies *L, const struct iam_policy *p)
{
	for (size_t i = 0; i < L->nborrowed; i++)
		if (L->borrowed[i] == p)
			return true;
	return false;
}

void cmd_policies_release(struct cmd_policies *L)
{
	for (size_t i = 0; i < L->n; i++)
		if (!borrowed(L, L->v[i]))
			iam_policy_free(L->v[i]);
	free(L->v);
	free(L->borrowed);
	json_decref(L->findings);
	iam_accounts_free(L->accounts);
	cmd_live_release(L);
	free(L->profile_principal);
	L->profile_principal = NULL;
	L->v = L->borrowed = NULL;
	L->n = L->nborrowed = 0;
	L->findings = NULL;
	L->accounts = NULL;
}

/* ---- the policy options ---- */

const struct cmd_option cmd_policy_options[] = {
	CMD_HEADING("policies:"),
	CMD_POLICY_OPT_POLICY(0, "identity-based policy (repeatable)"),
	CMD_POLICY_OPT_BOUNDARY(0, "permissions boundary"),
	CMD_POLICY_OPT_SESSION(0, "session policy"),
	CMD_POLICY_OPT_RESOURCE(0, "resource-based or role trust policy"),
	CMD_POLICY_OPT_SCP(0, "service control policy attached to the account;\n"
			      "all of them are one level (repeatable)"),
	CMD_POLICY_OPT_SCP_LEVEL(0, "an organization level above the account, root\n"
				    "first: its SCPs, comma-separated (repeatable)"),
	CMD_POLICY_OPT_RCP(0, "resource control policy attached to the account;\n"
			      "all of them are one level (repeatable)"),
	CMD_POLICY_OPT_RCP_LEVEL(0, "an RCP level above the account, root first\n"
				    "(repeatable)"),
	CMD_POLICY_OPT_ACCOUNT(0, "an account snapshot (aws iam get-account-\n"
				  "authorization-details): the principal's\n"
				  "policies, boundary and groups, and a role's\n"
				  "trust policy (repeatable: one per account;\n"
				  "the pages of one merge)"),
	CMD_POLICY_OPT_ORG(0, "the SCP and RCP levels of the accounts, root\n"
			      "first (see iamgate(1))"),
	CMD_HEADING("request:"),
	CMD_POLICY_OPT_PRINCIPAL(0, "the caller: a user, role, assumed-role session,\n"
				    "federated user, account ID, or service"),
	CMD_POLICY_OPT_PROFILE(0, "the caller: the session an AWS CLI profile's\n"
				  "chain ends in, every hop decided against the\n"
				  "--account snapshots (see iamgate assume)"),
	CMD_POLICY_OPT_SOURCE_PRINCIPAL(0, "with --profile: who its first keys belong to"),
	CMD_POLICY_OPT_RESOURCE_ACCOUNT(0, "the account that owns the resource"),
	CMD_POLICY_OPT_CONTEXT(0, "a condition key; repeat a key for a\n"
				  "multivalued one (repeatable)"),
	CMD_POLICY_OPT_REGION(0, "the Region the request is sent to: sets\n"
				 "aws:RequestedRegion"),
	CMD_POLICY_OPT_AT(0, "set aws:CurrentTime and aws:EpochTime"),
	CMD_HEADING("live:"),
	CMD_POLICY_OPT_LIVE(0, "fetch the principal's policies, boundary and\n"
			       "groups, the role asked about and the SCPs from\n"
			       "the account, as the profile (--profile, else\n"
			       "the AWS CLI's default) instead of a snapshot"),
	CMD_END,
};

int cmd_set_time(struct iam_context *ctx, const char *at)
{
	double t;

	if (strcmp(at, "now") == 0)
		t = (double)time(NULL);
	else if (iam_parse_date(at, &t) < 0)
		return -1;
	return iam_context_set_time(ctx, t);
}

int cmd_context_option(const char *cmd, char *arg, void *ctx)
{
	return cmd_context_arg(cmd, arg, ctx);
}

/* A Region code: lowercase letters, digits and dashes (us-east-1,
 * us-gov-west-1, cn-north-1, eu-isoe-west-1). */
static bool region_like(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

int cmd_region_option(const char *cmd, char *arg, void *ctx)
{
	if (!region_like(arg)) {
		iam_msg_usage(cmd, "--region takes a Region code such as us-east-1, not '%s'", arg);
		return -1;
	}
	return iam_context_add(ctx, "aws:RequestedRegion", arg) < 0 ? -2 : 0;
}

int cmd_policy_opts_check(const char *cmd, const struct cmd_policy_opts *po)
{
	if (po->at) {
		double t;

		if (strcmp(po->at, "now") != 0 && iam_parse_date(po->at, &t) < 0) {
			iam_msg_usage(cmd, "--at takes an ISO 8601 time, epoch seconds or 'now', not '%s'",
				      po->at);
			return -1;
		}
		if (strcmp(po->at, "now") != 0 && !(t >= IAM_TIME_MIN && t <= IAM_TIME_MAX)) {
			iam_msg_usage(cmd, "--at '%s' is past 9999-12-31T23:59:59Z, the last time a Date condition can read",
				      po->at);
			return -1;
		}
	}
	if (po->resource_account && !iam_is_account_id(po->resource_account)) {
		iam_msg_usage(cmd, "--resource-account '%s' is not an account ID (12 digits)",
			      po->resource_account);
		return -1;
	}
	if (po->principal) {
		struct iam_principal p;

		if (iam_principal_parse(po->principal, &p) < 0) {
			iam_msg_usage(cmd, "--principal '%s' is not an ARN, account ID, service principal or '*'",
				      po->principal);
			return -1;
		}
	}
	if (po->source_principal) {
		struct iam_principal p;

		if (iam_principal_parse(po->source_principal, &p) < 0 ||
		    (p.type != IAM_PT_USER && p.type != IAM_PT_ROLE &&
		     p.type != IAM_PT_ASSUMED_ROLE && p.type != IAM_PT_ROOT &&
		     p.type != IAM_PT_FEDERATED_USER)) {
			iam_msg_usage(cmd, "--source-principal '%s' is not the ARN of a user, role, "
				      "session or account", po->source_principal);
			return -1;
		}
	}
	if (po->profile && po->principal && !po->live) {
		iam_msg_usage(cmd, "--profile gives the principal: give --profile or --principal, not both (with --live, --profile's keys read --principal's policies)");
		return -1;
	}
	if (po->live && po->source_principal) {
		iam_msg_usage(cmd, "--source-principal is for the offline chain: with --live, STS says whose the keys are");
		return -1;
	}
	if (!po->live && (po->live_opts.verbose || po->live_opts.no_cache || po->live_opts.mfa_code)) {
		iam_msg_usage(cmd, "--verbose, --no-cache and --mfa-code apply to --live only");
		return -1;
	}
	if (po->source_principal && !po->profile && strcmp(cmd, "assume") != 0) {
		iam_msg_usage(cmd, "--source-principal names who --profile's keys belong to: give --profile too");
		return -1;
	}
	return 0;
}

bool cmd_policy_opts_any(const struct cmd_policy_opts *po)
{
	return po->npolicies || po->boundary || po->session || po->resource ||
	       po->nscps || po->nrcps || po->nscp_levels || po->nrcp_levels || po->principal || po->resource_account ||
	       po->ctx.n || po->naccounts || po->org || po->profile || po->source_principal;
}

/* The files of one organization level: "a.json,b.json" split at the
 * commas into list (borrowed from a copy the caller frees). */
static int level_files(const char *spec, char **copy, const char ***list, size_t *n)
{
	char *s;

	*list = NULL;
	*n = 0;
	if (!(*copy = strdup(spec)))
		return -1;
	for (s = *copy;;) {
		char *comma = strchr(s, ',');

		if (comma)
			*comma = '\0';
		if (*s && cmd_push(list, n, s) < 0)
			return -1;
		if (!comma)
			return 0;
		s = comma + 1;
	}
}

/* One organization level of layer named name, holding the next n
 * policies of L from *k. */
static int put_level(struct iam_policy_set *set, enum iam_layer layer,
		     const char *name, struct cmd_policies *L, size_t *k, size_t n)
{
	struct iam_error err = IAM_ERROR_INIT;

	if (iam_policy_set_level(set, layer, name, &err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (iam_policy_set_add(set, layer, L->v[(*k)++], &err) < 0)
			return -1;
	return 0;
}

/* The files of a layer's levels, in load order: each --scp-level's, then
 * the --scp's; their counts per level in *counts (the last: --scp). */
struct org_files {
	const char **files;
	size_t n;
	size_t *counts;
	char **copies;
	size_t nlevels;
};

static int org_files(const char *const *levels, size_t nlevels,
		     const char *const *plain, size_t nplain, struct org_files *of)
{
	memset(of, 0, sizeof(*of));
	of->counts = calloc(nlevels + 1, sizeof(*of->counts));
	of->copies = calloc(nlevels + 1, sizeof(*of->copies));
	if (!of->counts || !of->copies)
		return -1;
	for (size_t l = 0; l < nlevels; l++) {
		const char **list;
		size_t n;

		if (level_files(levels[l], &of->copies[l], &list, &n) < 0) {
			free(list);
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			if (cmd_push(&of->files, &of->n, list[i]) < 0) {
				free(list);
				return -1;
			}
		free(list);
		of->counts[of->nlevels++] = n;
	}
	for (size_t i = 0; i < nplain; i++)
		if (cmd_push(&of->files, &of->n, plain[i]) < 0)
			return -1;
	of->counts[nlevels] = nplain;
	return 0;
}

static void org_files_release(struct org_files *of)
{
	if (of->copies)
		for (size_t l = 0; l <= of->nlevels; l++)
			free(of->copies[l]);
	free(of->copies);
	free(of->counts);
	free(of->files);
}

/* The name of the account's level: its files, comma-separated. */
static char *joined(const char *const *v, size_t n)
{
	size_t len = 1;
	char *s, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 2;
	if (!(s = p = malloc(len)))
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i]);

		if (i) {
			memcpy(p, ", ", 2);
			p += 2;
		}
		memcpy(p, v[i], l + 1);
		p += l;
	}
	return s;
}

/* The levels of layer into the set: the --*-level ones, then the plain
 * list as one level. */
static int put_org(struct iam_policy_set *set, enum iam_layer layer,
		   const char *const *levels, size_t nlevels,
		   const char *const *plain, size_t nplain,
		   const struct org_files *of, struct cmd_policies *L, size_t *k)
{
	/* each --*-level, named by its files as given */
	for (size_t l = 0; l < nlevels; l++)
		if (put_level(set, layer, levels[l], L, k, of->counts[l]) < 0)
			return -1;
	if (nplain) {
		char *name = joined(plain, nplain);
		int rc;

		if (!name)
			return -1;
		rc = put_level(set, layer, name, L, k, nplain);
		free(name);
		return rc;
	}
	return 0;
}

int cmd_policy_set_load(const struct cmd_policy_opts *po, struct cmd_policies *L,
			struct iam_policy_set *set, bool warnings, bool color)
{
	struct org_files scp, rcp;
	struct {
		enum iam_layer layer;
		enum iam_policy_type type;
		unsigned flags;
		const char *const *files;
		size_t n;
	} groups[] = {
		{ IAM_LAYER_IDENTITY, IAM_POLICY_IDENTITY, 0, po->policies, po->npolicies },
		{ IAM_LAYER_BOUNDARY, IAM_POLICY_BOUNDARY, 0, &po->boundary, po->boundary != NULL },
		{ IAM_LAYER_SESSION, IAM_POLICY_SESSION, 0, &po->session, po->session != NULL },
		{ IAM_LAYER_RESOURCE, IAM_POLICY_AUTO, IAM_PARSE_RESOURCE_SIDE,
		  &po->resource, po->resource != NULL },
		{ IAM_LAYER_SCP, IAM_POLICY_SCP, 0, NULL, 0 },
		{ IAM_LAYER_RCP, IAM_POLICY_RCP, 0, NULL, 0 },
	};
	size_t ngroups = sizeof(groups) / sizeof(groups[0]), k = L->n;
	int rc = -1;

	memset(&rcp, 0, sizeof(rcp));
	memset(&scp, 0, sizeof(scp));
	if (cmd_accounts_load(po, L) < 0)
		goto out;
	if (org_files(po->scp_levels, po->nscp_levels, po->scps, po->nscps, &scp) < 0 ||
	    org_files(po->rcp_levels, po->nrcp_levels, po->rcps, po->nrcps, &rcp) < 0) {
		L->nomem = true;
		goto out;
	}
	groups[4].files = scp.files, groups[4].n = scp.n;
	groups[5].files = rcp.files, groups[5].n = rcp.n;
	/* every file first, every problem reported, before stopping */
	for (size_t g = 0; g < ngroups; g++)
		for (size_t i = 0; i < groups[g].n; i++)
			cmd_policies_load(L, groups[g].files[i], groups[g].type,
					  groups[g].flags, warnings, color);
	if (L->failed || L->nomem)
		goto out;
	/* then the set, the policies being in L in the order loaded */
	for (size_t g = 0; g < 4; g++)
		for (size_t i = 0; i < groups[g].n; i++) {
			struct iam_error err = IAM_ERROR_INIT;

			if (iam_policy_set_add(set, groups[g].layer, L->v[k++], &err) < 0) {
				L->nomem = true;
				goto out;
			}
		}
	if (put_org(set, IAM_LAYER_SCP, po->scp_levels, po->nscp_levels,
		    po->scps, po->nscps, &scp, L, &k) < 0 ||
	    put_org(set, IAM_LAYER_RCP, po->rcp_levels, po->nrcp_levels,
		    po->rcps, po->nrcps, &rcp, L, &k) < 0) {
		L->nomem = true;
		goto out;
	}
	rc = 0;
out:
	org_files_release(&scp);
	org_files_release(&rcp);
	return rc;
}

void cmd_policy_opts_release(struct cmd_policy_opts *po)
{
	free(po->accounts);
	po->accounts = NULL;
	po->naccounts = 0;
	free(po->policies);
	free(po->scps);
	free(po->rcps);
	free(po->scp_levels);
	free(po->rcp_levels);
	po->scp_levels = po->rcp_levels = NULL;
	po->nscp_levels = po->nrcp_levels = 0;
	iam_context_release(&po->ctx);
	po->policies = po->scps = po->rcps = NULL;
	po->npolicies = po->nscps = po->nrcps = 0;
}

/* ---- --account: the snapshots ---- */

int cmd_accounts_load(const struct cmd_policy_opts *po, struct cmd_policies *L)
{
	struct iam_error err = IAM_ERROR_INIT;

	if ((!po->naccounts && !po->org) || L->accounts)
		return 0;
	if (!(L->accounts = iam_accounts_new())) {
		L->nomem = L->failed = true;
		iam_msg_error("out of memory");
		return -1;
	}
	for (size_t i = 0; i < po->naccounts; i++)
		if (iam_accounts_load_file(L->accounts, po->accounts[i], &err) < 0)
			goto fail;
	if (po->org && iam_accounts_load_org(L->accounts, po->org, &err) < 0)
		goto fail;
	if (iam_accounts_finish(L->accounts, &err) < 0)
		goto fail;
	return 0;
fail:
	report_failure(L, &err);
	return -1;
}

/* Is the principal's account one of the loaded ones? */
static bool account_loaded(const struct iam_accounts *A, const char *principal)
{
	struct iam_principal p;
	const char *acct;

	if (iam_principal_parse(principal, &p) < 0)
		return false;
	acct = iam_principal_account(&p);
	for (size_t i = 0; i < iam_accounts_count(A); i++)
		if (strcmp(iam_accounts_id(A, i), acct) == 0)
			return p.type == IAM_PT_USER || p.type == IAM_PT_ROLE ||
			       p.type == IAM_PT_ASSUMED_ROLE;
	return false;
}

static void report_gaps(struct cmd_policies *L, const struct iam_gaps *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct iam_error err = IAM_ERROR_INIT;
		char text[1024];

		iam_error_set(&err, IAM_ERR_SCHEMA, g->v[i]->pos.path, "%s",
			      strchr(iam_gap_text(g->v[i], text, sizeof(text)), ' ') + 1);
		iam_error_locate(&err, g->v[i]->pos.source, g->v[i]->pos.line,
				 g->v[i]->pos.column);
		report_failure(L, &err);
	}
}

int cmd_accounts_resolve(const struct cmd_policy_opts *po, struct cmd_policies *L,
			 const char *action, const char *resource, bool with_identity,
			 struct iam_policy_set *set, struct iam_gaps *gaps)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_gaps own = { 0 };
	int found;

	if (!L->accounts)
		return 0;
	found = iam_accounts_resolve(L->accounts, po->principal, action, resource,
				     with_identity, po->boundary == NULL, set,
				     gaps ? gaps : &own, &err);
	if (found < 0) {
		report_failure(L, &err);
		return -1;
	}
	if (!found && po->principal && account_loaded(L->accounts, po->principal)) {
		iam_error_set(&err, IAM_ERR_SCHEMA, NULL,
			      "--principal %s: the snapshot of its account holds no such user or role",
			      po->principal);
		report_failure(L, &err);
	} else if (!found && po->principal && po->naccounts && !L->findings) {
		iam_msg_warn("--principal %s is in no loaded snapshot: its own policies are not known",
			     po->principal);
	}
	report_gaps(L, &own);
	iam_gaps_release(&own);
	return L->failed ? -1 : 0;
}
