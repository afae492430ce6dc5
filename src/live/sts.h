/* live/sts.h - AWS STS and the credential endpoints that are not STS.
 *
 * Each call returns the credentials and the answer in the JSON form the
 * AWS CLI prints and caches (live/cache.h writes it as is):
 *
 *   {"Credentials": {"AccessKeyId", "SecretAccessKey", "SessionToken",
 *                    "Expiration": "2026-12-03T13:00:00UTC"},
 *    "AssumedRoleUser": {"AssumedRoleId", "Arn"},
 *    "ResponseMetadata": {"RequestId", "HTTPStatusCode": 200}}
 */
#ifndef IAM_LIVE_STS_H
#define IAM_LIVE_STS_H

#include <jansson.h>

#include "live/live.h"

struct iam_endpoint;
struct iam_error;

/* AssumeRole's parameters (NULL / 0: not sent). */
struct iam_assume_params {
	const char *role_arn;
	const char *session_name;
	const char *external_id;
	const char *serial_number;   /* mfa_serial */
	const char *token_code;      /* the MFA code: secret */
	const char *policy;          /* a session policy document */
	long duration;               /* DurationSeconds */
};

/* sts:AssumeRole signed with caller.  0 with *out (and *answer when not
 * NULL) set, or -1 with err set. */
int iam_sts_assume_role(struct iam_live *L, const struct iam_endpoint *ep,
			const struct iam_creds *caller,
			const struct iam_assume_params *p, struct iam_creds *out,
			json_t **answer, struct iam_error *err);

/* sts:AssumeRoleWithWebIdentity: not signed; token is secret. */
int iam_sts_assume_role_web_identity(struct iam_live *L, const struct iam_endpoint *ep,
				     const char *role_arn, const char *session_name,
				     const char *token, long duration,
				     struct iam_creds *out, json_t **answer,
				     struct iam_error *err);

struct iam_caller_identity {
	char account[16];
	char arn[2048];
	char user_id[256];
};

/* sts:GetCallerIdentity. */
int iam_sts_get_caller_identity(struct iam_live *L, const struct iam_endpoint *ep,
				const struct iam_creds *c,
				struct iam_caller_identity *id, struct iam_error *err);

/* Credentials out of an answer of the form above (a cache file's too):
 * 0, or -1 (err set: IAM_ERR_SCHEMA naming source) when a member is
 * missing or Expiration is no ISO 8601 time. */
int iam_creds_from_answer(const json_t *answer, const char *source,
			  struct iam_creds *out, struct iam_error *err);

/* "2026-12-03T13:00:00Z", "...+00:00", "...123Z", "...UTC": seconds
 * since the epoch, or -1. */
time_t iam_iso8601_parse(const char *s);

/* A time as the AWS CLI writes it into its cache: strftime's
 * "%Y-%m-%dT%H:%M:%S%Z" of a UTC time, "2026-12-03T13:00:00UTC". */
void iam_time_cli(time_t t, char *buf, size_t n);

#endif /* IAM_LIVE_STS_H */
