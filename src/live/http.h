/* live/http.h - one HTTPS call to AWS through libcurl, signed by libcurl.
 *
 * Signing is libcurl's own SigV4 (CURLOPT_AWS_SIGV4 with the access key
 * ID and secret as user and password, the session token as the
 * X-Amz-Security-Token header): iamgate has no signer.  TLS is always
 * verified (AWS_CA_BUNDLE, or the profile's ca_bundle, may name the CA
 * file); a proxy comes from the environment as curl reads it (https_proxy,
 * HTTPS_PROXY, no_proxy...).  A call is retried, with the AWS CLI's
 * standard backoff (a random wait up to 2^attempt seconds, at most 20),
 * on throttling errors, 5xx answers and transport failures, up to the
 * session's max_attempts.
 *
 * --verbose gets one line a call: service, action, endpoint, HTTP status
 * (and the attempt when retried), never a header or body.
 */
#ifndef IAM_LIVE_HTTP_H
#define IAM_LIVE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

struct iam_creds;
struct iam_error;
struct iam_live;

struct iam_http_req {
	const char *method;          /* "POST", "GET", "PUT" */
	const char *url;             /* the whole URL, query included */
	const char *service;         /* signing name ("sts", "iam"...); NULL:
				      * not signed */
	const char *region;          /* signing region */
	const struct iam_creds *creds;  /* with service: the keys to sign with */
	const char *body;            /* NULL: none */
	size_t body_len;
	const char *content_type;    /* NULL: none */
	const char *const *headers;  /* extra "Name: value" lines, NULL-ended
				      * (may be NULL); never logged */
	const char *call;            /* "sts:AssumeRole": --verbose and errors */
	bool no_retry;               /* IMDS and the like: one attempt */
	long timeout_ms;             /* 0: the session's */
};

struct iam_http_resp {
	long status;
	char *body;                  /* NUL-terminated */
	size_t len;
};

/* Make the call.  0 with a 2xx answer in rs; else -1 with err set:
 * IAM_ERR_NET when no answer came (the last transport error, after the
 * retries), IAM_ERR_AWS for an error answer (its code and message parsed
 * from the query protocol's XML, the JSON protocols' __type/message, or
 * x-amzn-ErrorType; in iam_live_last_error() and the text).  rs is
 * zeroed first; free it with iam_http_resp_free either way. */
int iam_http_call(struct iam_live *L, const struct iam_http_req *rq,
		  struct iam_http_resp *rs, struct iam_error *err);
void iam_http_resp_free(struct iam_http_resp *rs);

/* Is an error code one the AWS CLI retries as throttling? */
bool iam_http_is_throttle(const char *code);

/* application/x-www-form-urlencoded: "k1=v1&k2=v2" from NULL-ended
 * name/value pairs (a NULL value skips its pair).  malloc'd, NULL when
 * out of memory.  The body may hold a secret (an MFA code): the caller
 * wipes it (iam_http_wipe_free). */
char *iam_http_form(const char *const *pairs);
void iam_http_wipe_free(char *s);

#endif /* IAM_LIVE_HTTP_H */
