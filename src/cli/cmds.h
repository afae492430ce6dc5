/* cli/cmds.h - iamgate's subcommands.
 *
 * Adding a subcommand:
 *  1. write `int cmd_<name>(int argc, char **argv)` in src/cli/cmd_<name>.c,
 *     with its struct cmd_command: the option table and the help text, read
 *     by cmd_parse and cmd_help (cli/options.h);
 *  2. add it to commands[] in src/cli/main.c (alphabetical);
 *  3. add the file to Makefile.am;
 *  4. add golden tests under tests/golden/ and its options to doc/iamgate.1.
 */
#ifndef IAM_CMDS_H
#define IAM_CMDS_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "cli/live.h"
#include "cli/options.h"
#include "core/authz.h"
#include "core/context.h"
#include "core/policy.h"

struct iam_accounts;
struct iam_config;
struct iam_diag;
struct iam_error;

/* The policy files a command was given, in load order (cli/policies.c). */
struct cmd_policies {
	struct iam_policy **v;
	size_t n;
	bool failed;        /* a file could not be read or has grammar errors */
	bool nomem;
	json_t *findings;   /* non-NULL (an array): problems go here, not stderr */
	struct iam_accounts *accounts;  /* --account's snapshots, or NULL */
	struct iam_policy **borrowed;   /* policies of v that accounts owns */
	size_t nborrowed;
	char *profile_principal;        /* --profile's session (po->principal) */
	struct cmd_live_question *live; /* --live: the session and what it
					 * fetched (cli/live_question.h) */
};

/* Load and compile one file, reporting its errors (and warnings when
 * asked) in source order.  The policy is kept in L (NULL on failure).
 * A file that is a managed policy's ARN (arn:aws:iam::aws:policy/X, or a
 * customer managed one of a loaded --account) is that policy's default
 * version: an AWS managed one from the embedded policies, a customer
 * managed one that no snapshot holds an error. */
struct iam_policy *cmd_policies_load(struct cmd_policies *L, const char *file,
				     enum iam_policy_type type, unsigned flags,
				     bool warnings, bool color);

/* The managed policy arn (a loaded snapshot's, else an embedded AWS
 * managed one), kept in L.  When none holds it: NULL, nothing reported,
 * and why (n bytes) says so; on another failure (memory) NULL, reported,
 * L->failed set. */
struct iam_policy *cmd_policies_find_arn(struct cmd_policies *L, const char *arn,
					 enum iam_policy_type type, char *why, size_t n);

void cmd_policies_release(struct cmd_policies *L);

/* ---- the policy options: what decides a request ----
 *
 * Every command that decides requests takes its policies and the request's
 * caller and context with the same options, into a struct cmd_policy_opts
 * of its options struct:
 *
 *   -p, --policy FILE (repeatable)   -b, --boundary FILE (once)
 *   --session-policy FILE (once)     -r, --resource-policy FILE (once)
 *   --scp FILE, --rcp FILE (repeatable: the policies attached at one
 *     level, the account's)
 *   --scp-level FILE[,FILE...], --rcp-level ... (repeatable: each one
 *     organization level, root first, above the --scp level)
 *   --account FILE (repeatable: a snapshot, or a page of one)
 *   --org FILE (the organization levels of the accounts)
 *   --principal ARN   --resource-account ID
 *   --profile NAME (the principal: where the profile's chain ends, every
 *     hop decided; cmd_profile_principal)   --source-principal ARN
 *   -c, --context KEY=VALUE (repeatable)   --region REGION   --at TIME|now
 *   --live (fetch from the account what the question needs, with the
 *     profile's credentials; cmd_live_principal) and its --verbose,
 *     --no-cache, --mfa-code
 *
 * cmd_policy_options is all of them, as evaluate shows them (under
 * "policies:" and "request:"): CMD_INCLUDE(cmd_policy_options,
 * offsetof(struct my_opts, pol)).  A command that takes some of them, or
 * says them in its own words, puts CMD_POLICY_OPT_X(offsetof(struct
 * my_opts, pol), "its help") entries where it wants them instead.
 * cmd_policy_opts_check then checks the values, cmd_policy_set_load loads
 * the files into an iam_policy_set. */
struct cmd_policy_opts {
	const char **policies;          /* -p */
	size_t npolicies;
	const char *boundary;           /* -b */
	const char *session;            /* --session-policy */
	const char *resource;           /* -r */
	const char **scps, **rcps;      /* --scp, --rcp */
	size_t nscps, nrcps;
	const char **scp_levels, **rcp_levels; /* --scp-level, --rcp-level */
	size_t nscp_levels, nrcp_levels;
	const char **accounts;          /* --account */
	size_t naccounts;
	const char *org;                /* --org */
	const char *principal;          /* --principal; the hook for a
					 * principal found another way (a
					 * profile's): set it before
					 * cmd_accounts_resolve */
	const char *resource_account;
	const char *profile;            /* --profile: the principal is the
					 * session its chain ends in */
	const char *source_principal;   /* --source-principal: who the chain's
					 * first keys belong to */
	struct iam_context ctx;         /* -c */
	const char *at;
	bool live;                      /* --live: fetch the principal, its
					 * policies and the role asked about */
	struct cmd_live_opts live_opts; /* --verbose, --no-cache, --mfa-code */
};

#define CMD_POLICY_OFF(base, f) ((base) + offsetof(struct cmd_policy_opts, f))
#define CMD_POLICY_OPT_POLICY(base, h) \
	CMD_LIST('p', "policy", "FILE", CMD_POLICY_OFF(base, policies), \
		 CMD_POLICY_OFF(base, npolicies), h)
#define CMD_POLICY_OPT_BOUNDARY(base, h) \
	{ .kind = CMD_OPT_STRING, .short_name = 'b', .long_name = "boundary", \
	  .arg = "FILE", .help = (h), .off = CMD_POLICY_OFF(base, boundary), \
	  .flags = CMD_OPT_ONCE, .why = "a role or user has one permissions boundary" }
#define CMD_POLICY_OPT_SESSION(base, h) \
	{ .kind = CMD_OPT_STRING, .long_name = "session-policy", .arg = "FILE", \
	  .help = (h), .off = CMD_POLICY_OFF(base, session), .flags = CMD_OPT_ONCE }
#define CMD_POLICY_OPT_RESOURCE(base, h) \
	{ .kind = CMD_OPT_STRING, .short_name = 'r', .long_name = "resource-policy", \
	  .arg = "FILE", .help = (h), .off = CMD_POLICY_OFF(base, resource), \
	  .flags = CMD_OPT_ONCE }
#define CMD_POLICY_OPT_SCP(base, h) \
	CMD_LIST(0, "scp", "FILE", CMD_POLICY_OFF(base, scps), CMD_POLICY_OFF(base, nscps), h)
#define CMD_POLICY_OPT_RCP(base, h) \
	CMD_LIST(0, "rcp", "FILE", CMD_POLICY_OFF(base, rcps), CMD_POLICY_OFF(base, nrcps), h)
#define CMD_POLICY_OPT_SCP_LEVEL(base, h) \
	CMD_LIST(0, "scp-level", "FILE[,FILE...]", CMD_POLICY_OFF(base, scp_levels), \
		 CMD_POLICY_OFF(base, nscp_levels), h)
#define CMD_POLICY_OPT_RCP_LEVEL(base, h) \
	CMD_LIST(0, "rcp-level", "FILE[,FILE...]", CMD_POLICY_OFF(base, rcp_levels), \
		 CMD_POLICY_OFF(base, nrcp_levels), h)
#define CMD_POLICY_OPT_ACCOUNT(base, h) \
	CMD_LIST(0, "account", "FILE", CMD_POLICY_OFF(base, accounts), \
		 CMD_POLICY_OFF(base, naccounts), h)
#define CMD_POLICY_OPT_ORG(base, h) \
	{ .kind = CMD_OPT_STRING, .long_name = "org", .arg = "FILE", .help = (h), \
	  .off = CMD_POLICY_OFF(base, org), .flags = CMD_OPT_ONCE }
#define CMD_POLICY_OPT_PRINCIPAL(base, h) \
	CMD_STRING(0, "principal", "ARN", CMD_POLICY_OFF(base, principal), h)
#define CMD_POLICY_OPT_PROFILE(base, h) \
	{ .kind = CMD_OPT_STRING, .long_name = "profile", .arg = "NAME", .help = (h), \
	  .off = CMD_POLICY_OFF(base, profile), .flags = CMD_OPT_ONCE }
#define CMD_POLICY_OPT_SOURCE_PRINCIPAL(base, h) \
	{ .kind = CMD_OPT_STRING, .long_name = "source-principal", .arg = "ARN", .help = (h), \
	  .off = CMD_POLICY_OFF(base, source_principal), .flags = CMD_OPT_ONCE }
#define CMD_POLICY_OPT_RESOURCE_ACCOUNT(base, h) \
	CMD_STRING(0, "resource-account", "ID", CMD_POLICY_OFF(base, resource_account), h)
#define CMD_POLICY_OPT_CONTEXT(base, h) \
	CMD_CALLBACK('c', "context", "KEY=VALUE", CMD_POLICY_OFF(base, ctx), \
		     cmd_context_option, h)
#define CMD_POLICY_OPT_REGION(base, h) \
	CMD_CALLBACK(0, "region", "REGION", CMD_POLICY_OFF(base, ctx), \
		     cmd_region_option, h)
#define CMD_POLICY_OPT_AT(base, h) \
	CMD_STRING(0, "at", "TIME|now", CMD_POLICY_OFF(base, at), h)
/* --live and the live session's options (cli/live.h). */
#define CMD_POLICY_OPT_LIVE(base, h) \
	CMD_FLAG(0, "live", CMD_POLICY_OFF(base, live), h), \
	CMD_LIVE_OPTIONS(CMD_POLICY_OFF(base, live_opts))

extern const struct cmd_option cmd_policy_options[];

/* The -c callback: cmd_context_arg into the struct iam_context field. */
int cmd_context_option(const char *cmd, char *arg, void *ctx);
/* The --region callback: aws:RequestedRegion=REGION into the context. */
int cmd_region_option(const char *cmd, char *arg, void *ctx);

/* aws:CurrentTime and aws:EpochTime for --at's TIME|now (a checked
 * value).  0, or -1 when out of memory. */
int cmd_set_time(struct iam_context *ctx, const char *at);

/* After cmd_parse: --at is a time, --resource-account an account ID,
 * --principal a principal, in that order.  0, or -1 after the usage
 * message for command cmd (exit 2). */
int cmd_policy_opts_check(const char *cmd, const struct cmd_policy_opts *po);

/* Was a policy, --principal, --resource-account or -c given (--at aside)? */
bool cmd_policy_opts_any(const struct cmd_policy_opts *po);

/* Load every file of po into L, in the order -p..., -b, --session-policy,
 * -r, --scp-level..., --scp..., --rcp-level..., --rcp..., reporting every
 * problem (cmd_policies_load); then, when all loaded, put them into the
 * zeroed set: each --scp-level (--rcp-level) an organization level named
 * by its files, root first, then every --scp (--rcp) together as one last
 * level, the account's, named by its files.  0; -1 when a
 * file failed (L->failed) or memory ran out (L->nomem), the set then
 * empty or partly made.  The set borrows L's policies: release it
 * (iam_policy_set_release) with or before L. */
int cmd_policy_set_load(const struct cmd_policy_opts *po, struct cmd_policies *L,
			struct iam_policy_set *set, bool warnings, bool color);

/* Load every --account file (pages of one account merge) into
 * L->accounts and link them, reporting the first problem.  Called by
 * cmd_policy_set_load first; by itself for a command that loads its
 * policies otherwise.  0 (also when there is no --account), or -1
 * (L->failed or L->nomem). */
int cmd_accounts_load(const struct cmd_policy_opts *po, struct cmd_policies *L);

/* The request's policies from the loaded accounts, into set: the
 * principal's (po->principal) identity policies, added to -p's, and its
 * boundary unless -b gave one; a role's trust policy as the
 * resource-based policy of sts:AssumeRole* on it unless -r gave one.
 * with_identity false: the boundary and trust policy only.  A policy,
 * boundary or group the principal names that no snapshot holds is
 * reported (on stderr, or as a finding) and fails (L->failed), unless
 * gaps is non-NULL: then the gaps are handed to the caller.  A principal
 * of a loaded account that the snapshot does not hold fails too.
 * 0, or -1 (L->failed or L->nomem). */
struct iam_gaps;
int cmd_accounts_resolve(const struct cmd_policy_opts *po, struct cmd_policies *L,
			 const char *action, const char *resource, bool with_identity,
			 struct iam_policy_set *set, struct iam_gaps *gaps);

/* The AWS CLI's files, as profile and assume take them: --config-file
 * and --credentials-file into the const char * fields at cf and cred. */
#define CMD_AWS_FILE_OPTIONS(cf, cred) \
	CMD_STRING(0, "config-file", "FILE", (cf), \
		   "the config file (default: AWS_CONFIG_FILE,\n" \
		   "else ~/.aws/config)"), \
	CMD_STRING(0, "credentials-file", "FILE", (cred), \
		   "the credentials file (default:\n" \
		   "AWS_SHARED_CREDENTIALS_FILE, else\n" \
		   "~/.aws/credentials)")

/* --profile: decide every hop of the profile's chain against the loaded
 * accounts (core/assume.h; L->accounts, loaded first) and set
 * po->principal to the session it ends in (kept in L).  When a hop fails
 * or cannot be decided, say which and why (on stderr, or as a finding) and
 * fail: exit 1 (*rc) for a hop that is refused, invalid or unknown, 3
 * for a profile that is not found.  0 (also without --profile), or -1
 * with *rc set. */
int cmd_profile_principal(struct cmd_policy_opts *po, struct cmd_policies *L, int *rc);

/* Free the lists and the context po holds (the strings are argv's). */
void cmd_policy_opts_release(struct cmd_policy_opts *po);

/* A finding as product.md's JSON object (new reference). */
json_t *cmd_diag_json(const struct iam_diag *d);

/* Choices shared by the commands' options (NULL-terminated). */
extern const char *const cmd_formats_text_json[];
extern const char *const cmd_formats_sarif[];
extern const char *const cmd_colors[];
extern const char *const cmd_severities[];

/* The index in cmd_severities of a --fail-on value (the choice is checked
 * by the option layer): 0 error ... 4 none.  A finding of severity sev
 * fails the run when (int)sev <= index and index < 4. */
int cmd_severity_index(const char *s);

/* Load the .iamgate.json file, whose suppressions may name the codes of
 * lint and of amplify check.  NULL with err set (core/config.h). */
struct iam_config *cmd_config_load(const char *file, struct iam_error *err);

/* -c/--context KEY=VALUE for command `cmd`: add it to ctx.  Returns 0;
 * -1 after a usage message (exit 2); -2 when out of memory. */
int cmd_context_arg(const char *cmd, char *arg, struct iam_context *ctx);

int cmd_account(int argc, char **argv);
void cmd_account_usage(FILE *f);
int cmd_assume(int argc, char **argv);
void cmd_assume_usage(FILE *f);
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
int cmd_profile(int argc, char **argv);
void cmd_profile_usage(FILE *f);
int cmd_whoami(int argc, char **argv);
void cmd_whoami_usage(FILE *f);

#endif /* IAM_CMDS_H */
