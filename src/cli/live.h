/* cli/live.h - the live commands' shared session: the AWS CLI's files,
 * the profile's chain, and the credentials fetched along it.
 *
 * Every command that talks to AWS (whoami, account fetch, --live) opens
 * one with cmd_live_open, which says itself why it could not (a broken
 * profile, an AWS refusal naming the hop, the network), and closes it
 * with cmd_live_close, which wipes the secrets.
 */
#ifndef IAM_CLI_LIVE_H
#define IAM_CLI_LIVE_H

#include <stdbool.h>

#include "cli/options.h"
#include "core/profile.h"

struct iam_awsconfig;
struct iam_chain;
struct iam_live;
struct iam_live_chain;

struct cmd_live_opts {
	bool verbose;                 /* --verbose */
	bool no_cache;                /* --no-cache */
	const char *mfa_code;         /* --mfa-code (else IAMGATE_MFA_CODE) */
	const char *config_file;      /* --config-file */
	const char *credentials_file; /* --credentials-file */
};

#define CMD_LIVE_OFF(base, f) ((base) + offsetof(struct cmd_live_opts, f))
/* --verbose, --no-cache and --mfa-code, into the struct cmd_live_opts at
 * base of the command's options. */
#define CMD_LIVE_OPTIONS(base) \
	CMD_FLAG(0, "verbose", CMD_LIVE_OFF(base, verbose), \
		 "say each AWS call: service, action, endpoint,\n" \
		 "HTTP status (never a header or a secret)"), \
	CMD_FLAG(0, "no-cache", CMD_LIVE_OFF(base, no_cache), \
		 "neither read nor write the credential caches"), \
	CMD_STRING(0, "mfa-code", "CODE", CMD_LIVE_OFF(base, mfa_code), \
		   "the MFA code for the chain's mfa_serial (default:\n" \
		   "IAMGATE_MFA_CODE, else asked on the terminal)")

struct cmd_live {
	struct iam_awsconfig *cfg;
	struct iam_profile_env env;
	struct iam_chain *chain;
	struct iam_live *L;
	struct iam_live_chain *lc;    /* lc->creds: the chain's final credentials */
};

/* Load the AWS CLI's files, resolve profile's chain (NULL: the selected
 * profile) and fetch the credentials of every hop.  0, or the exit
 * status after saying why (3 a broken profile, 1 an AWS refusal, 4 the
 * network). */
int cmd_live_open(const char *cmd, const char *profile, const struct cmd_live_opts *o,
		  struct cmd_live *out);
void cmd_live_close(struct cmd_live *lv);

#endif /* IAM_CLI_LIVE_H */
