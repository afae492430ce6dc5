/* live/live.h - AWS itself: one session of calls made for one command.
 *
 * The live layer sits on core, beside lint and amplify, and only the cli
 * calls it.  Like the layers below the cli it never prints: what it has
 * to say goes to the caller's callbacks (verbose lines, the MFA prompt).  It is the one place that talks to the network (libcurl) and
 * the one place that holds secrets: the keys a profile's chain yields.
 * A secret (a secret access key, a session token, an MFA code, an SSO
 * access token) is never printed, logged or put into an error message;
 * it lives in a struct iam_creds and is wiped when freed.
 *
 *   struct iam_live_opts o = { .env = &env, .cfg = cfg, ... };
 *   struct iam_live *L = iam_live_new(&o, &err);
 *   ... iam_live_credentials(L, chain, &creds, &err)     (live/creds.h)
 *   ... iam_sts_get_caller_identity(L, ...)              (live/sts.h)
 *   iam_live_free(L);
 *
 * Failures are iam_error records: IAM_ERR_NET when AWS could not be
 * reached (DNS, connect, TLS, timeout, after the retries), IAM_ERR_AWS
 * when AWS answered with an error: iam_live_last_error() then has its
 * code as AWS names it (AccessDenied, ExpiredToken, ...), and the text
 * names the call and the hop it came from.
 */
#ifndef IAM_LIVE_H
#define IAM_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct iam_awsconfig;
struct iam_error;
struct iam_profile_env;

/* Credentials: what every signed call needs. */
struct iam_creds {
	char *access_key_id;
	char *secret_access_key;    /* secret: never shown */
	char *session_token;        /* secret: never shown; NULL for long-term keys */
	time_t expiration;          /* 0: does not expire */
	char *arn;                  /* who they act as, when the source says
				     * (AssumedRoleUser.Arn), else NULL */
	const char *source;         /* static: "environment", "static keys",
				     * "assume-role", "cache", ... */
};

/* Wipe the secrets and free every member; c is zeroed. */
void iam_creds_clear(struct iam_creds *c);
/* A deep copy (0), or -1 when out of memory (dst zeroed). */
int iam_creds_copy(struct iam_creds *dst, const struct iam_creds *src);

struct iam_live_opts {
	const struct iam_awsconfig *cfg;   /* the AWS CLI's files (NULL: none) */
	const struct iam_profile_env *env; /* the environment (NULL: none) */
	const char *profile;       /* the profile the command acts as: its
				    * ca_bundle and max_attempts (NULL: none) */
	const char *home;          /* for ~/.aws/cli/cache, ~/.aws/sso/cache,
				    * ~/.amplify: NULL means $HOME */
	/* --verbose: called with one line a call (service, action,
	 * endpoint, HTTP status; never a header or a secret), else NULL. */
	void (*verbose)(void *arg, const char *line);
	void *verbose_arg;
	/* A warning (a cache file that cannot be read, ...), else NULL. */
	void (*warn)(void *arg, const char *text);
	void *warn_arg;
	const char *mfa_code;      /* --mfa-code or IAMGATE_MFA_CODE: secret */
	/* Ask for the MFA code of serial (the cli reads the terminal with
	 * echo off, after the AWS CLI's prompt "Enter MFA code for SERIAL: ").
	 * 0 with the code in buf (n bytes); -1 when it cannot ask (no
	 * terminal) or the user gave none.  NULL: never ask. */
	int (*mfa_prompt)(void *arg, const char *serial, char *buf, size_t n);
	void *mfa_prompt_arg;
	bool no_cache;             /* --no-cache: neither read nor write caches */
	int max_attempts;          /* 0: AWS_MAX_ATTEMPTS, the profile's
				    * max_attempts, else 3 (the AWS CLI v2's
				    * standard retry mode) */
	long connect_timeout_ms;   /* 0: 10 s */
	long timeout_ms;           /* 0: 60 s a call */
};

/* What AWS said when a call failed. */
struct iam_aws_error {
	long status;               /* HTTP status */
	char code[96];             /* "AccessDenied", "ExpiredToken", ... */
	char message[512];         /* AWS's message (never holds a secret) */
	char request_id[96];
	char call[96];             /* "sts:AssumeRole" */
};

struct iam_live;

/* NULL when out of memory or libcurl cannot start (err set).  o is copied;
 * what it points to must outlive L. */
struct iam_live *iam_live_new(const struct iam_live_opts *o, struct iam_error *err);
void iam_live_free(struct iam_live *L);

const struct iam_live_opts *iam_live_opts(const struct iam_live *L);

/* The last AWS error answer of L (code "" when none). */
const struct iam_aws_error *iam_live_last_error(const struct iam_live *L);

/* The hop the next calls are made for ("hop 2, profile bizcorprole"),
 * prefixed to their errors; NULL clears it.  Copied. */
void iam_live_set_hop(struct iam_live *L, const char *hop);
const char *iam_live_hop(const struct iam_live *L);

/* The home directory the caches are under ("" when unknown). */
const char *iam_live_home(const struct iam_live *L);

/* Seconds since the epoch, now (IAMGATE_TEST_NOW overrides it, for the
 * cache tests: an epoch, read once). */
time_t iam_live_now(const struct iam_live *L);

#endif /* IAM_LIVE_H */
