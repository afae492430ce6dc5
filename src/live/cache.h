/* live/cache.h - the AWS CLI's credential caches, shared with it.
 *
 * ~/.aws/cli/cache/<sha1>.json holds an AssumeRole (or web identity, or
 * SSO role) answer; the name is the SHA-1 of the arguments as the AWS CLI
 * serializes them (Python's json.dumps, keys sorted), so a session either
 * program cached is found by the other.  Entries with under 15 minutes
 * left count as expired.  Directories are made 0700, files written 0600
 * through a temporary file and a rename.  ~/.aws/sso/cache holds the
 * token `aws sso login` left; ~/.amplify/awscloudformation/cache.json the
 * Amplify CLI's sessions (read only).
 */
#ifndef IAM_LIVE_CACHE_H
#define IAM_LIVE_CACHE_H

#include <jansson.h>

#include "live/live.h"

struct iam_assume_params;

/* The AWS CLI's key of an AssumeRole (session_configured: the profile
 * names role_session_name) into hex (41 bytes).  0, or -1. */
int iam_cache_key_assume(const struct iam_assume_params *p, bool session_configured,
			 char hex[41]);
/* Of an SSO role: {"accountId","roleName","sessionName"|"startUrl"}. */
int iam_cache_key_sso(const char *account, const char *role, const char *session,
		      const char *start_url, char hex[41]);
/* SHA-1 of s, in hex. */
int iam_sha1_hex(const char *s, char hex[41]);

/* The answer cached under key in ~/.aws/cli/cache that has 15 minutes
 * left, or NULL (none, expired, unreadable: warned).  *path (malloc'd)
 * names the file. */
json_t *iam_cache_get(struct iam_live *L, const char *key, char **path);
/* Write answer under key (0600 in a 0700 directory).  0, or -1 (warned). */
int iam_cache_put(struct iam_live *L, const char *key, const json_t *answer, char **path);

/* The SSO token of session (a sso_session name or the start URL): its
 * accessToken (malloc'd, secret) when it has not expired, else NULL with
 * why (n bytes). */
char *iam_sso_token(struct iam_live *L, const char *name, char *why, size_t n);

/* The Amplify CLI's cached session of role_arn/session: 0 with *out set,
 * -1 when none with a minute left. */
int iam_amplify_cache(struct iam_live *L, const char *role_arn, const char *session,
		      struct iam_creds *out);

#endif /* IAM_LIVE_CACHE_H */
