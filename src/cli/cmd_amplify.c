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
#include "amplify/amplify.h"
#include "amplify/check.h"
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
	      "                              \"amplify\" section of FILE (.iamgate.json),\n"
	      "                              and its suppressions\n"
	      "      --fail-on SEVERITY      exit 1 on a finding at or above it: error\n"
	      "                              (default), security-warning, warning,\n"
	      "                              suggestion or none\n"
	      "      --account ID            the account deployed to (default: the project's)\n"
	      "      --account FILE          an account snapshot (aws iam get-account-\n"
	      "                              authorization-details, repeatable): the\n"
	      "                              --principal's policies and boundary, and the\n"
	      "                              policy behind PermissionsBoundaryPolicyArn\n"
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
		fprintf(f, " %s", name);
	fputs("\n"
	      "\n"
	      "exit status: 0 no finding at or above --fail-on (by default: every required\n"
	      "action allowed and no role loses actions), 1 some, 2 usage error,\n"
	      "3 invalid input (unreadable policy or project), 4 internal error.\n", f);
}

/* --categories LIST into the unsigned field. */

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

/* ---- amplify check ---- */

struct check_opts {
	const char *config;
	struct iam_config *cfg;                /* --config's file, loaded */
	struct iam_amplify_settings settings;  /* what its "amplify" supplied */
	const char *fail_on;
	const char *project;
	struct cmd_policy_opts pol;   /* -p, -b, --scp, --account FILE,
				       * --principal, -c */
	struct iam_policy **identity; /* -p's and --account's policies */
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

/* --account ID|FILE: all digits, the account deployed to (12 of them);
 * else an account snapshot, of the policy options (o->pol.accounts). */
static int account_option(const char *cmd, char *arg, void *field)
{
	struct check_opts *o = (struct check_opts *)((char *)field -
						     offsetof(struct check_opts, account));

	if (*arg && strspn(arg, "0123456789") == strlen(arg)) {
		if (!iam_is_account_id(arg)) {
			iam_msg_usage(cmd, "--account '%s' is not an account ID (12 digits)", arg);
			return -1;
		}
		o->account = arg;
		return 0;
	}
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

static int print_report(const struct check_opts *o, const struct cmd_amplify_view *R)
{
	json_t *j = NULL;

	if (strcmp(o->format, "json") == 0 || strcmp(o->format, "sarif") == 0) {
		j = strcmp(o->format, "json") == 0 ? iam_amplify_report_json(R->r, R->ao)
		    : iam_sarif_log(iam_amplify_rules(), R->r->diags.v, R->r->diags.n,
				    PACKAGE_VERSION);
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

/* The deployer's policies and boundary from --account: after -p's
 * (which stay first in L->v), its own boundary unless -b gave one. */
static int account_policies(struct check_opts *o, struct cmd_policies *L,
			    struct iam_amplify_options *ao)
{
	struct iam_policy_set set = { 0 };
	struct cmd_policies extra = { 0 };
	size_t n = o->pol.npolicies;
	int rc = -1;

	if (cmd_accounts_resolve(&o->pol, L, NULL, NULL, true, &set, NULL) < 0)
		goto out;
	/* the identity list: -p's, then the account's, borrowed */
	for (size_t i = 0; i < set.nidentity; i++)
		if (cmd_push((const char ***)&extra.v, &extra.n, (const char *)set.identity[i]) < 0)
			goto nomem;
	if (!(o->identity = malloc((n + extra.n + 1) * sizeof(*o->identity))))
		goto nomem;
	if (n)
		memcpy(o->identity, L->v, n * sizeof(*L->v));
	if (extra.n)
		memcpy(o->identity + n, extra.v, extra.n * sizeof(*extra.v));
	ao->identity = o->identity;
	ao->nidentity = n + extra.n;
	if (!ao->boundary && set.nboundary)
		ao->boundary = set.boundary[0];
	rc = 0;
	goto out;
nomem:
	L->nomem = true;
out:
	free(extra.v);
	iam_policy_set_release(&set);
	return rc;
}

/* Every policy file first, every problem reported, before stopping. */
static void load_policies(struct check_opts *o, struct cmd_policies *L,
			  struct iam_amplify_options *ao, bool color)
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
	if (L->accounts && account_policies(o, L, ao) < 0)
		return;
	ao->scps = L->v + k;
	ao->nscps = o->pol.nscps;
	ao->project_boundary = pb;
}

/* How many findings are at or above --fail-on (index fail_on of
 * cmd_severities). */
static size_t failing(const struct iam_amplify_report *r, int fail_on)
{
	size_t n = 0;

	for (size_t i = 0; fail_on < 4 && i < r->diags.n; i++)
		n += (int)r->diags.v[i].sev <= fail_on;
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
	struct cmd_amplify_view R = { &ao, &rep, NULL, o->project_boundary, o->config,
				    o->fail_on, false, 0 };
	int rc = IAM_EXIT_INTERNAL;

	ao.catalog = cmd_amplify_catalog(o->catalog, &loaded_cat, &rc);
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
	/* the policy behind PermissionsBoundaryPolicyArn, from --account
	 * (or embedded), unless --project-boundary gave it */
	if (!L.failed && L.accounts && !ao.project_boundary && rep.proj &&
	    rep.proj->boundary_arn) {
		ao.project_boundary = cmd_policies_load(&L, rep.proj->boundary_arn,
							IAM_POLICY_BOUNDARY, 0, false,
							iam_use_color(o->color, stderr));
		R.project_boundary = rep.proj->boundary_arn;
	}
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
		iam_msg_warn("--project-boundary needs a Gen 1 project directory: no role was checked");
	if (rep.gen2 && !o->quiet)
		iam_msg_warn("%s is an Amplify Gen 2 project: checked against the %s list; its roles come from CDK, which iamgate does not read",
			     o->project, rep.list->name);
	R.color = iam_use_color(o->color, stdout);
	R.first_policy = o->pol.npolicies ? o->pol.policies[0] : NULL;
	R.failing = failing(&rep, cmd_severity_index(o->fail_on));
	rc = o->quiet ? IAM_EXIT_OK : print_report(o, &R);
	if (rc == IAM_EXIT_OK)
		rc = R.failing ? IAM_EXIT_DENIED : IAM_EXIT_OK;
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

	o->cfg = cmd_config_load(o->config, &err);
	if (!o->cfg || iam_amplify_settings_read(o->cfg, &given, s, &err) < 0) {
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
	CMD_CALLBACK(0, "categories", "LIST", O(cats), cmd_amplify_categories_option, NULL),
	CMD_STRING(0, "list", "NAME|FILE", O(list), NULL),
	CMD_STRING(0, "env", "NAME", O(env), NULL),
	CMD_CALLBACK(0, "account", "ID", O(account), account_option, NULL),
	CMD_CALLBACK(0, "region", "REGION", O(region), region_option, NULL),
	CMD_POLICY_OPT_PRINCIPAL(O(pol), NULL),
	CMD_POLICY_OPT_CONTEXT(O(pol), NULL),
	CMD_STRING(0, "catalog", "FILE", O(catalog), NULL),
	CMD_CHOICE(0, "format", "text|json|sarif", O(format), cmd_formats_sarif, NULL),
	CMD_CHOICE(0, "fail-on", "SEVERITY", O(fail_on), cmd_severities, NULL),
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
	rc = IAM_EXIT_USAGE;
	if (o.pol.naccounts && !o.pol.principal && !o.pol.npolicies) {
		iam_msg_usage("amplify", "--account FILE gives the policies of a principal: name the deployer with --principal ARN");
		goto out;
	}
	deployer = o.pol.npolicies || (o.pol.naccounts && o.pol.principal);
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
	rc = run_check(&o);
out:
	cmd_policy_opts_release(&o.pol);
	free(o.identity);
	iam_amplify_settings_release(&o.settings);
	iam_config_free(o.cfg);
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
