/* cli/amplify.h - what the files of `iamgate amplify` share: the view the
 * text report prints, and the catalog option. */
#ifndef CMD_AMPLIFY_H
#define CMD_AMPLIFY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "amplify/check.h"

struct iam_catalog;

/* What the text report reads: what was checked and what was found, and
 * the names the command line gave. */
struct cmd_amplify_view {
	const struct iam_amplify_options *ao;
	const struct iam_amplify_report *r;
	const char *first_policy;       /* the first --policy, or NULL */
	const char *project_boundary;   /* --project-boundary, or NULL */
	const char *config;             /* --config, or NULL */
	const char *profile;            /* --profile (the deployer), or NULL */
	const char *fail_on;            /* --fail-on */
	bool allow_incomplete;          /* --allow-incomplete */
	bool color;
	size_t failing;                 /* findings at or above --fail-on */
};

/* The report as text, on stdout (cli/amplify_text.c). */
void cmd_amplify_print_text(const struct cmd_amplify_view *R);

/* The built-in catalog, or the one file names (*loaded: free it).  NULL
 * after a message, with *rc the exit status. */
const struct iam_catalog *cmd_amplify_catalog(const char *file,
					       struct iam_catalog **loaded,
					       int *rc);

/* --categories LIST into the unsigned field (an option callback). */
int cmd_amplify_categories_option(const char *cmd, char *arg, void *field);

/* --account ID and --region NAME into the const char * field. */
int cmd_amplify_account_option(const char *cmd, char *arg, void *field);
int cmd_amplify_region_option(const char *cmd, char *arg, void *field);

/* ---- --account FILE (cli/cmd_amplify_account.c) ---- */

struct cmd_policies;
struct cmd_policy_opts;
struct iam_amplify_project;
struct iam_gaps;
struct iam_policy;

/* What the check could not resolve, for ao->unresolved (owned). */
struct cmd_amplify_unresolved {
	struct iam_amplify_gap *v;
	size_t n;
	bool nomem;
};

/* The deployer's policies and boundary from the snapshots of L: after
 * -p's (the first pol->npolicies of L->v), into a new *identity (the
 * caller frees it) that ao borrows; its own boundary unless ao has one.
 * What the snapshot names and none holds goes to gaps.  0, or -1 after
 * a message (L->failed or L->nomem). */
int cmd_amplify_account_policies(const struct cmd_policy_opts *pol, struct cmd_policies *L,
				 struct iam_amplify_options *ao, struct iam_policy ***identity,
				 struct iam_policy_set *org, struct iam_gaps *gaps);

/* Each of g as a gap of u: the deployer's policies are not all known. */
void cmd_amplify_deployer_gaps(struct cmd_amplify_unresolved *u, const struct iam_gaps *g);
/* --live: what could not be read from the account (the SCPs), as gaps. */
void cmd_amplify_live_gaps(struct cmd_amplify_unresolved *u, const struct cmd_policies *L);

/* With snapshots loaded and no ao->project_boundary: the policy behind
 * p's PermissionsBoundaryPolicyArn into ao (and R's name), else a gap of
 * u (or L->failed on a failure). */
void cmd_amplify_boundary_arn(struct cmd_policies *L, struct iam_amplify_options *ao,
			      const struct iam_amplify_project *p,
			      struct cmd_amplify_view *R, struct cmd_amplify_unresolved *u);

void cmd_amplify_unresolved_release(struct cmd_amplify_unresolved *u);

/* o as indented JSON and a newline, on stdout. */
void cmd_amplify_print_json(json_t *o);

/* `iamgate amplify actions` (cli/cmd_amplify_actions.c). */
int cmd_amplify_actions(int argc, char **argv);

#endif /* CMD_AMPLIFY_H */
