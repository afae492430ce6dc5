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

/* o as indented JSON and a newline, on stdout. */
void cmd_amplify_print_json(json_t *o);

/* `iamgate amplify actions` (cli/cmd_amplify_actions.c). */
int cmd_amplify_actions(int argc, char **argv);

#endif /* CMD_AMPLIFY_H */
