/* cli/cmd_amplify.c - iamgate amplify check | actions: the options of check,
 * the run (amplify/check.h does the check), and the output: text
 * (cli/amplify_text.c), JSON (amplify/report.c) or SARIF (core/sarif.c). */
#include "config.h"

#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cli/amplify.h"
#include "cli/cmds.h"
#include "cli/live_question.h"
#include "amplify/amplify.h"
#include "amplify/check.h"
#include "core/account.h"
#include "core/authz.h"
#include "core/catalog.h"
#include "core/configfile.h"
#include "core/context.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "cli/msg.h"
#include "core/policy.h"
#include "core/sarif.h"

void cmd_amplify_usage(FILE *f)
{
	size_t i;
	const char *name, *title;

	fputs("usage: iamgate amplify check [PROJECT_DIR] [options]\n"
	      "       iamgate amplify actions [--categories LIST] [--list NAME] [--expand]\n"
	      "\n"
	      "check: decide every action the Amplify CLI needs for the deploy against the\n"
	      "deployer's policies, and find what the project's permissions boundary takes\n"
	      "from each role the project's CloudFormation templates create.  PROJECT_DIR:\n"
	      "the project or its amplify/ folder; default: the nearest at or above the\n"
	      "working directory.\n"
	      "actions: print the required-action list, by category.\n"
	      "\n"
	      "check options:\n"
	      "  -p, --policy FILE           the deployer's identity policy (repeatable)\n"
	      "  -b, --boundary FILE         the deployer's permissions boundary\n"
	      "      --scp FILE              a service control policy attached to the\n"
	      "                              account; all of them are one level (repeatable)\n"
	      "      --project-boundary [ENV=]FILE  the policy behind the project's\n"
	      "                              PermissionsBoundaryPolicyArn: check every role\n"
	      "                              the project creates against it (ENV=: for that\n"
	      "                              environment only; repeatable)\n"
	      "      --env NAME              the environment (team-provider-info.json;\n"
	      "                              default: amplify/.config/local-env-info.json's,\n"
	      "                              else every environment, each reported)\n"
	      "      --config FILE           take what the command line leaves out from the\n"
	      "                              \"amplify\" section of FILE (.iamgate.json),\n"
	      "                              and its suppressions\n"
	      "      --fail-on SEVERITY      exit 1 on a finding at or above it: error\n"
	      "                              (default), security-warning, warning,\n"
	      "                              suggestion or none\n"
	      "      --allow-incomplete      exit 0 although something was not checked\n"
	      "                              (a resource with no template, ...)\n"
	      "      --account ID            the account deployed to (default: the project's)\n"
	      "      --account FILE          an account snapshot (aws iam get-account-\n"
	      "                              authorization-details, repeatable): the\n"
	      "                              --principal's policies and boundary, and the\n"
	      "                              policy behind PermissionsBoundaryPolicyArn\n"
	      "      --region REGION         the region deployed to (default: the project's)\n"
	      "      --principal ARN         the deployer: a role, user or assumed-role session\n"
	      "      --profile NAME          the deployer: the session an AWS CLI profile's\n"
	      "                              chain ends in, every hop decided against the\n"
	      "                              --account snapshots (see iamgate assume); with\n"
	      "                              no --account: --live\n"
	      "      --source-principal ARN  with --profile: who its first keys belong to\n"
	      "  -c, --context KEY=VALUE     a condition key of every request (repeatable)\n"
	      "      --live                  read the deployer's policies and boundary, the\n"
	      "                              policy behind PermissionsBoundaryPolicyArn and\n"
	      "                              the SCPs from the account, as the profile\n"
	      "      --verbose               with --live: say each AWS call (service,\n"
	      "                              action, endpoint, HTTP status)\n"
	      "      --no-cache              with --live: neither read nor write the\n"
	      "                              credential caches\n"
	      "      --mfa-code CODE         with --live: the MFA code for the chain's\n"
	      "                              mfa_serial (default: IAMGATE_MFA_CODE, else\n"
	      "                              asked on the terminal)\n"
	      "      --color auto|always|never  color the report (honours NO_COLOR)\n"
	      "  -q, --quiet                 print nothing; the exit status tells\n"
	      "common options:\n"
	      "      --categories LIST       categories, comma-separated (default: the\n"
	      "                              project's, else all): core, auth, api, function,\n"
	      "                              storage, hosting, analytics, notifications,\n"
	      "                              interactions, predictions, geo\n"
	      "      --list NAME|FILE        the required-action list (default: the newest,\n"
	      "                              admin-amplify; gen2 for a Gen 2 project)\n"
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
	      "exit status: 0 no finding at or above --fail-on (by default: every required\n"
	      "action allowed and no role loses actions), 1 some, 2 usage error,\n"
	      "3 invalid input (unreadable policy or project), 4 internal error.\n", f);
}

/* --categories LIST into the unsigned field. */
/* ---- amplify check ---- */

struct check_opts {
	const char *config;
	struct iam_config *cfg;                /* --config's file, loaded */
	struct iam_amplify_settings settings;  /* what its "amplify" supplied */
	const char *fail_on;
	const char *project;
	char *found;                  /* the project found (owned) */
	struct cmd_policy_opts pol;   /* -p, -b, --scp, --account FILE,
				       * --principal, -c */
	struct iam_policy **identity; /* -p's and --account's policies (of
				       * the run_check under way) */
	struct iam_policy_set org;    /* the account's SCP levels (of the
				       * run_check under way) */
	const char *project_boundary;  /* for the environment checked */
	const char **boundaries;       /* --project-boundary [ENV=]FILE */
	size_t nboundaries;
	/* several environments, none chosen: each is checked, and JSON and
	 * SARIF are written once for all (environments: each report's JSON;
	 * all_diags: every finding) */
	bool several;
	json_t *environments;
	struct iam_diags all_diags;
	const char *list;
	const char *env;
	const char *account, *region;
	const char *catalog;
	const char *format;
	const char *color;
	unsigned cats;        /* 0: not given */
	bool quiet;
	bool allow_incomplete;
};

/* --account ID|FILE: all digits, the account deployed to (12 of them);
 * else an account snapshot, of the policy options (o->pol.accounts). */
static int account_option(const char *cmd, char *arg, void *field)
{
	struct check_opts *o = (struct check_opts *)((char *)field -
						     offsetof(struct check_opts, account));

	if (*arg && strspn(arg, "0123456789") == strlen(arg))
		return cmd_amplify_account_option(cmd, arg, &o->account);
	return cmd_push(&o->pol.accounts, &o->pol.naccounts, arg) < 0 ? -2 : 0;
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

/* The findings as SARIF; the run's invocation names the list and the
 * coverage of report r (when one report is written). */
static json_t *amplify_sarif(const struct iam_diag *v, size_t n,
			     const struct iam_amplify_report *r)
{
	json_t *log = iam_sarif_log(iam_amplify_rules(), v, n, PACKAGE_VERSION);
	json_t *props = r ? json_pack("{s:o, s:b, s:i}", "list", iam_json_text(r->list->name),
				      "complete", r->incomplete == 0,
				      "notChecked", (json_int_t)r->incomplete)
			  : json_object();

	if (!log || iam_sarif_set_invocation(log, true, props) < 0) {
		if (!log)
			json_decref(props);
		json_decref(log);
		return NULL;
	}
	return log;
}

static int print_report(struct check_opts *o, const struct cmd_amplify_view *R)
{
	json_t *j = NULL;

	if (o->several && strcmp(o->format, "json") == 0) {
		j = iam_amplify_report_json(R->r, R->ao);
		return j && json_array_append_new(o->environments, j) == 0 ? IAM_EXIT_OK
									 : IAM_EXIT_INTERNAL;
	}
	if (o->several && strcmp(o->format, "sarif") == 0)
		return IAM_EXIT_OK;  /* the findings are taken after the run */
	if (o->several)
		iam_out(stdout, "== environment %s ==\n", o->env);
	if (strcmp(o->format, "json") == 0 || strcmp(o->format, "sarif") == 0) {
		j = strcmp(o->format, "json") == 0 ? iam_amplify_report_json(R->r, R->ao)
		    : amplify_sarif(R->r->diags.v, R->r->diags.n, R->r);
		if (!j) {
			iam_msg_error("out of memory");
			return IAM_EXIT_INTERNAL;
		}
		cmd_amplify_print_json(j);
		json_decref(j);
	} else {
		cmd_amplify_print_text(R);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		iam_msg_error("cannot write the output");
		return IAM_EXIT_INTERNAL;
	}
	return IAM_EXIT_OK;
}

/* Every policy file first, every problem reported, before stopping. */
static void load_policies(struct check_opts *o, struct cmd_policies *L,
			  struct iam_amplify_options *ao, struct iam_gaps *gaps, bool color)
{
	struct iam_policy *b = NULL, *pb = NULL;
	size_t k;

	if (cmd_accounts_load(&o->pol, L) < 0)
		return;
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
	if (L->accounts && cmd_amplify_account_policies(&o->pol, L, ao, &o->identity, &o->org, gaps) < 0)
		return;
	ao->scps = L->v + k;
	ao->nscps = o->pol.nscps;
	ao->project_boundary = pb;
}

/* How many findings are at or above --fail-on (index fail_on of
 * cmd_severities); what was not checked only without --allow-incomplete. */
static size_t failing(const struct iam_amplify_report *r, int fail_on, bool allow_incomplete)
{
	size_t n = 0;

	for (size_t i = 0; fail_on < 4 && i < r->diags.n; i++)
		n += (int)r->diags.v[i].sev <= fail_on &&
		     !(allow_incomplete && strcmp(r->diags.v[i].code, "AMPLIFY_INCOMPLETE") == 0);
	return n;
}

static int run_check(struct check_opts *o)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_report rep = IAM_AMPLIFY_REPORT_INIT;
	struct iam_amplify_options ao = {
		.project = o->project, .env = o->env, .region = o->region,
		.account = o->account, .list = o->list, .cats = o->cats,
		.principal = o->pol.principal, .context = &o->pol.ctx,
		.suppressed = o->cfg ? iam_config_suppressed : NULL, .suppressed_ctx = o->cfg,
	};
	struct iam_catalog *loaded_cat = NULL;
	struct cmd_policies L = { 0 };
	struct iam_gaps gaps = { 0 };
	struct cmd_amplify_unresolved u = { 0 };
	struct cmd_amplify_view R = {
		.ao = &ao, .r = &rep, .project_boundary = o->project_boundary,
		.config = o->config, .fail_on = o->fail_on, .profile = o->pol.profile,
		.allow_incomplete = o->allow_incomplete,
	};
	int rc = IAM_EXIT_INTERNAL;

	ao.catalog = cmd_amplify_catalog(o->catalog, &loaded_cat, &rc);
	if (!ao.catalog)
		return rc;
	/* --live: the deployer (--principal, else the session the profile's
	 * chain ends in) and its policies come from the account */
	if (o->pol.live) {
		if (cmd_live_principal("amplify", &o->pol, &L, NULL, NULL, &rc) < 0)
			goto out;
		ao.principal = o->pol.principal;
	} else if (o->pol.profile) {
		/* --profile: the deployer is the session its chain ends in */
		if (cmd_accounts_load(&o->pol, &L) < 0) {
			rc = L.nomem ? IAM_EXIT_INTERNAL : IAM_EXIT_INVALID;
			goto out;
		}
		if (cmd_profile_principal(&o->pol, &L, &rc) < 0)
			goto out;
		ao.principal = o->pol.principal;
	}
	load_policies(o, &L, &ao, &gaps, iam_use_color(o->color, stderr));
	cmd_amplify_deployer_gaps(&u, &gaps);
	cmd_amplify_live_gaps(&u, &L);
	if (L.nomem) {
		iam_msg_error("out of memory");
		goto out;
	}
	if (iam_amplify_open(&ao, &rep, &err) < 0) {
		rc = check_failure(&err);
		goto out;
	}
	cmd_amplify_boundary_arn(&L, &ao, rep.proj, &R, &u);
	ao.unresolved = u.v;
	ao.nunresolved = u.n;
	if (u.nomem)
		L.nomem = true;
	if (L.nomem) {
		iam_msg_error("out of memory");
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
		iam_msg_warn("--project-boundary needs a Gen 1 project directory, or a Gen 2 one with synthesized templates: no role was checked");
	if (rep.gen2 && !o->quiet)
		iam_msg_warn(rep.proj ? "%s is an Amplify Gen 2 project: checked against the %s list; its roles are read from the templates CDK synthesized"
				      : "%s is an Amplify Gen 2 project: checked against the %s list; its roles come from CDK, and no synthesized template is there",
			     o->project, rep.list->name);
	R.color = iam_use_color(o->color, stdout);
	R.first_policy = o->pol.npolicies ? o->pol.policies[0] : NULL;
	R.failing = failing(&rep, cmd_severity_index(o->fail_on), o->allow_incomplete);
	rc = o->quiet ? IAM_EXIT_OK : print_report(o, &R);
	if (rc == IAM_EXIT_OK)
		rc = R.failing ? IAM_EXIT_DENIED : IAM_EXIT_OK;
	if (o->several && iam_diags_take(&o->all_diags, &rep.diags) < 0)
		rc = IAM_EXIT_INTERNAL;
out:
	iam_amplify_report_release(&rep);
	cmd_amplify_unresolved_release(&u);
	iam_gaps_release(&gaps);
	free(o->identity);
	o->identity = NULL;
	iam_policy_set_release(&o->org);
	cmd_policies_release(&L);
	iam_catalog_free(loaded_cat);
	return rc;
}

/* The --project-boundary for environment env: its own ENV=FILE, else the
 * plain FILE.  ENV= is a prefix of letters and digits (Amplify's
 * environment names) before the first '='. */
static const char *boundary_for(const struct check_opts *o, const char *env)
{
	const char *plain = NULL;

	for (size_t i = 0; i < o->nboundaries; i++) {
		const char *b = o->boundaries[i], *eq = strchr(b, '=');
		size_t n = eq ? (size_t)(eq - b) : 0;

		if (eq && n && strspn(b, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n) {
			if (env && strlen(env) == n && strncmp(b, env, n) == 0)
				return eq + 1;
		} else if (!plain) {
			plain = b;
		}
	}
	return plain;
}

/* Every environment of names, each checked and reported; JSON and SARIF
 * once for all.  The exit status is the worst. */
static int run_envs(struct check_opts *o, char **names)
{
	int rc = IAM_EXIT_OK;

	o->several = true;
	o->environments = json_array();
	if (!o->environments)
		return IAM_EXIT_INTERNAL;
	for (size_t i = 0; names[i]; i++) {
		int r;

		o->env = names[i];
		o->project_boundary = boundary_for(o, names[i]);
		r = run_check(o);
		if (r > rc)
			rc = r;
		if (r >= IAM_EXIT_USAGE)
			break;
		if (!o->quiet && strcmp(o->format, "text") == 0 && names[i + 1])
			fputc('\n', stdout);
	}
	if (rc < IAM_EXIT_USAGE && !o->quiet && strcmp(o->format, "text") != 0) {
		json_t *j = strcmp(o->format, "json") == 0
				    ? json_pack("{s:O}", "environments", o->environments)
				    : amplify_sarif(o->all_diags.v, o->all_diags.n, NULL);

		if (!j)
			return IAM_EXIT_INTERNAL;
		cmd_amplify_print_json(j);
		json_decref(j);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			iam_msg_error("cannot write the output");
			return IAM_EXIT_INTERNAL;
		}
	}
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
		.project_boundary = o->nboundaries ? o->boundaries[0] : NULL, .env = o->env,
		.list = o->list, .account = o->account, .region = o->region,
		.cats = o->cats,
	};
	struct iam_amplify_settings *s = &o->settings;

	o->cfg = cmd_config_load(o->config, &err);
	if (!o->cfg || iam_amplify_settings_read(o->cfg, &given, s, &err) < 0) {
		*rc = check_failure(&err);
		return -1;
	}
#define TAKE(f) if (!o->f) o->f = s->f
	TAKE(project);
	if (!o->pol.boundary)
		o->pol.boundary = s->boundary;
	if (!o->nboundaries && s->project_boundary) {
		const char **b = malloc(sizeof(*b));

		if (!b) {
			iam_msg_error("out of memory");
			*rc = IAM_EXIT_INTERNAL;
			return -1;
		}
		free(o->boundaries);
		b[0] = s->project_boundary;
		o->boundaries = b;
		o->nboundaries = 1;
	}
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
	CMD_LIST(0, "project-boundary", "[ENV=]FILE", O(boundaries), O(nboundaries), NULL),
	CMD_CALLBACK(0, "categories", "LIST", O(cats), cmd_amplify_categories_option, NULL),
	CMD_STRING(0, "list", "NAME|FILE", O(list), NULL),
	CMD_STRING(0, "env", "NAME", O(env), NULL),
	CMD_CALLBACK(0, "account", "ID", O(account), account_option, NULL),
	CMD_CALLBACK(0, "region", "REGION", O(region), cmd_amplify_region_option, NULL),
	CMD_POLICY_OPT_PRINCIPAL(O(pol), NULL),
	CMD_POLICY_OPT_PROFILE(O(pol), NULL),
	CMD_POLICY_OPT_SOURCE_PRINCIPAL(O(pol), NULL),
	CMD_POLICY_OPT_CONTEXT(O(pol), NULL),
	CMD_POLICY_OPT_LIVE(O(pol), NULL),
	CMD_STRING(0, "catalog", "FILE", O(catalog), NULL),
	CMD_CHOICE(0, "format", "text|json|sarif", O(format), cmd_formats_sarif, NULL),
	CMD_CHOICE(0, "fail-on", "SEVERITY", O(fail_on), cmd_severities, NULL),
	CMD_FLAG(0, "allow-incomplete", O(allow_incomplete), NULL),
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
	struct check_opts o = { .format = "text", .color = "auto", .fail_on = "error" };
	char **names = NULL;
	size_t nnames = 0;
	int nargs, rc = cmd_parse(&check_command, argc, argv, &o, &nargs);
	bool deployer;

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
	/* the project: the one named (or its amplify/ folder), else the
	 * nearest above the working directory */
	o.found = iam_amplify_find_project(o.project ? o.project : ".", !o.project);
	if (o.found)
		o.project = o.found;
	rc = IAM_EXIT_USAGE;
	if (o.pol.naccounts && !o.pol.principal && !o.pol.profile && !o.pol.npolicies) {
		iam_msg_usage("amplify", "--account FILE gives the policies of a principal: name the deployer with --principal ARN or --profile NAME");
		goto out;
	}
	/* --profile with no snapshot: ask the account itself */
	if (o.pol.profile && !o.pol.naccounts)
		o.pol.live = true;
	if (o.pol.live && o.pol.npolicies) {
		iam_msg_usage("amplify", "--live reads the deployer's policies from the account: give no --policy with it");
		goto out;
	}
	deployer = o.pol.npolicies || o.pol.live ||
		   (o.pol.naccounts && (o.pol.principal || o.pol.profile));
	if (!deployer && (o.pol.boundary || o.pol.nscps)) {
		iam_msg_usage("amplify", "--boundary and --scp limit the deployer's identity policies: give them with --policy");
		goto out;
	}
	if (!o.project && !deployer) {
		iam_msg_usage("amplify", "nothing to check: give the deployer's policies (--policy) or a PROJECT_DIR");
		goto out;
	}
	if (!o.project && o.env) {
		iam_msg_usage("amplify", "--env names an environment of a project: give PROJECT_DIR");
		goto out;
	}
	names = o.env || !o.project ? NULL : iam_amplify_env_names(o.project, &nnames);
	if (names && nnames > 1) {
		rc = run_envs(&o, names);
	} else {
		o.project_boundary = boundary_for(&o, o.env);
		rc = run_check(&o);
	}
out:
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
	json_decref(o.environments);
	iam_diags_release(&o.all_diags);
	free(o.boundaries);
	cmd_policy_opts_release(&o.pol);
	free(o.identity);
	iam_amplify_settings_release(&o.settings);
	iam_config_free(o.cfg);
	free(o.found);
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
		return cmd_amplify_actions(argc - 1, argv + 1);
	iam_msg_usage("amplify", "'%s' is not an amplify subcommand (check, actions)", argv[1]);
	return IAM_EXIT_USAGE;
}
