/* live/creds.h - a profile's credentials, fetched hop by hop as the AWS
 * CLI v2 fetches them.
 *
 * The chain (core/profile.h) says what each hop is; this makes its calls:
 * the environment's keys, static keys, credential_process (run without a
 * shell), the container and instance credential endpoints (IMDSv2's
 * token), SSO (the token `aws sso login` cached, then the portal's
 * GetRoleCredentials), AssumeRoleWithWebIdentity, and an AssumeRole for
 * every role hop, each signed by the one before (MFA code from the
 * session's mfa_code, else asked on the terminal with the AWS CLI's
 * prompt).  Temporary credentials are read from and written to the AWS
 * CLI's cache (live/cache.h) unless the session says no_cache.
 */
#ifndef IAM_LIVE_CREDS_H
#define IAM_LIVE_CREDS_H

#include <stddef.h>
#include <time.h>

#include "live/live.h"

struct iam_chain;
struct iam_error;
struct iam_hop;

/* How one hop got its credentials. */
struct iam_live_step {
	const struct iam_hop *hop;
	const char *how;          /* "environment", "static keys", "cache",
				   * "sts:AssumeRole", "sso:GetRoleCredentials",
				   * "credential_process", "IMDSv2", ... */
	char *cache_file;         /* the cache file read or written, or NULL */
	char *arn;                /* who the hop acts as, when the answer says */
	time_t expiration;        /* 0: does not expire */
};

struct iam_live_chain {
	struct iam_live_step *steps;  /* one per hop of the chain, innermost first */
	size_t nsteps;                /* the hops done: < the chain's on failure */
	struct iam_creds creds;       /* the last hop's */
	const char *region;           /* the region the chain's calls use (may be NULL) */
};

/* Fetch the credentials of every hop of ch (which must have no errors).
 * 0 with *out set; -1 with err set, the hop that failed named in its text
 * ("hop 2 (profile bizcorprole, sts:AssumeRole): AccessDenied: ..."), and
 * *out, when not NULL, holding the hops done. */
int iam_live_resolve(struct iam_live *L, const struct iam_chain *ch,
		     struct iam_live_chain **out, struct iam_error *err);
void iam_live_chain_free(struct iam_live_chain *lc);   /* wipes the secrets */

#endif /* IAM_LIVE_CREDS_H */
