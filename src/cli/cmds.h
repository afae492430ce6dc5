/* cli/cmds.h - iamgate's subcommands.
 *
 * Adding a subcommand:
 *  1. write `int cmd_<name>(int argc, char **argv)` in src/cmd_<name>.c,
 *     with its own option table and usage text (-h/--help to stdout, exit 0;
 *     a bad option: message and "try" line to stderr, exit 2);
 *  2. add it to commands[] in src/cli/main.c (alphabetical);
 *  3. add the file to Makefile.am;
 *  4. add golden tests under tests/golden/ and its options to doc/iamgate.1.
 */
#ifndef IAM_CMDS_H
#define IAM_CMDS_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "cli/options.h"
#include "core/policy.h"

struct iam_context;
struct iam_diag;

/* The policy files a command was given, in load order (cli/policies.c). */
struct cmd_policies {
	struct iam_policy **v;
	size_t n;
	bool failed;        /* a file could not be read or has grammar errors */
	bool nomem;
	json_t *findings;   /* non-NULL (an array): problems go here, not stderr */
};

/* Load and compile one file, reporting its errors (and warnings when
 * asked) in source order.  The policy is kept in L (NULL on failure). */
struct iam_policy *cmd_policies_load(struct cmd_policies *L, const char *file,
				     enum iam_policy_type type, unsigned flags,
				     bool warnings, bool color);
void cmd_policies_release(struct cmd_policies *L);

/* A finding as product.md's JSON object (new reference). */
json_t *cmd_diag_json(const struct iam_diag *d);

/* Choices shared by the commands' options (NULL-terminated). */
extern const char *const cmd_formats_text_json[];
extern const char *const cmd_formats_sarif[];
extern const char *const cmd_colors[];
extern const char *const cmd_severities[];

/* -c/--context KEY=VALUE for command `cmd`: add it to ctx.  Returns 0;
 * -1 after a usage message (exit 2); -2 when out of memory. */
int cmd_context_arg(const char *cmd, char *arg, struct iam_context *ctx);

int cmd_amplify(int argc, char **argv);
void cmd_amplify_usage(FILE *f);
int cmd_evaluate(int argc, char **argv);
void cmd_evaluate_usage(FILE *f);
int cmd_expand(int argc, char **argv);
void cmd_expand_usage(FILE *f);
int cmd_hook(int argc, char **argv);
void cmd_hook_usage(FILE *f);
int cmd_lint(int argc, char **argv);
void cmd_lint_usage(FILE *f);

#endif /* IAM_CMDS_H */
