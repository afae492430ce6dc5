/* live/http.c - one call to AWS through libcurl: signed by libcurl's own
 * SigV4, TLS always verified, retried as the AWS CLI's standard mode
 * retries, its error answer read into the AWS error code.
 *
 * Part of the live layer.  No secret reaches a log line or a message:
 * --verbose names the service, the action, the endpoint and the status;
 * errors name the call, the hop and AWS's code and message.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "core/error.h"
#include "live/http.h"
#include "live/live_impl.h"
#include "live/xml.h"

/* The largest answer read. */
#define MAX_ANSWER ((size_t)256 << 20)

struct sink {
	char *buf;
	size_t len, cap;
	bool over;
	char error_type[96];   /* x-amzn-ErrorType */
	char request_id[96];   /* x-amzn-RequestId */
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t add = size * n;
	char *nb;

	if (s->len + add + 1 > MAX_ANSWER) {
		s->over = true;
		return 0;
	}
	if (s->len + add + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;

		while (cap < s->len + add + 1)
			cap *= 2;
		nb = realloc(s->buf, cap);
		if (!nb)
			return 0;
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, p, add);
	s->len += add;
	s->buf[s->len] = 0;
	return add;
}

static void header_value(const char *line, size_t n, const char *name, char *dst,
			 size_t cap)
{
	size_t k = strlen(name), i = 0;

	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return;
	line += k + 1;
	n -= k + 1;
	while (n && (*line == ' ' || *line == '\t'))
		line++, n--;
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n' || line[n - 1] == ' '))
		n--;
	for (; i < n && i + 1 < cap; i++)
		dst[i] = line[i];
	dst[i] = 0;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;

	header_value(p, size * n, "x-amzn-ErrorType", s->error_type, sizeof s->error_type);
	header_value(p, size * n, "x-amzn-RequestId", s->request_id, sizeof s->request_id);
	return size * n;
}

bool iam_http_is_throttle(const char *code)
{
	static const char *const codes[] = {
		"Throttling", "ThrottlingException", "ThrottledException",
		"RequestThrottledException", "TooManyRequestsException",
		"ProvisionedThroughputExceededException", "TransactionInProgressException",
		"RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
		"RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException", NULL,
	};

	for (size_t i = 0; code && codes[i]; i++)
		if (strcmp(code, codes[i]) == 0)
			return true;
	return false;
}

static bool transient(const char *code)
{
	return code && (strcmp(code, "RequestTimeout") == 0 ||
			strcmp(code, "RequestTimeoutException") == 0 ||
			strcmp(code, "IDPCommunicationError") == 0);
}

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

/* "com.amazon.coral#AccessDeniedException" and "X:http://..." -> the name. */
static void bare_code(char *code)
{
	char *p = strrchr(code, '#');

	if (p)
		memmove(code, p + 1, strlen(p + 1) + 1);
	p = strchr(code, ':');
	if (p)
		*p = 0;
}

static void json_error(const struct sink *s, struct iam_aws_error *e)
{
	json_t *j = json_loadb(s->buf, s->len, 0, NULL);
	const char *t = NULL, *m = NULL;

	if (json_is_object(j)) {
		t = json_string_value(json_object_get(j, "__type"));
		if (!t)
			t = json_string_value(json_object_get(j, "code"));
		m = json_string_value(json_object_get(j, "message"));
		if (!m)
			m = json_string_value(json_object_get(j, "Message"));
	}
	if (!e->code[0])
		copy(e->code, sizeof e->code, t);
	copy(e->message, sizeof e->message, m);
	json_decref(j);
}

/* What the error answer says, into L->last. */
static void parse_error(struct iam_live *L, const struct sink *s, long status,
			const char *call)
{
	struct iam_aws_error *e = &L->last;
	xmlDoc *doc = NULL;

	memset(e, 0, sizeof *e);
	e->status = status;
	copy(e->call, sizeof e->call, call);
	copy(e->code, sizeof e->code, s->error_type);
	copy(e->request_id, sizeof e->request_id, s->request_id);
	if (s->len && s->buf[0] == '<') {
		doc = iam_xml_parse("answer", s->buf, s->len, NULL);
		if (doc)
			iam_xml_error(doc, e->code, sizeof e->code, e->message,
				      sizeof e->message, e->request_id, sizeof e->request_id);
		xmlFreeDoc(doc);
	} else if (s->len && s->buf[0] == '{') {
		json_error(s, e);
	}
	bare_code(e->code);
	if (!e->code[0])
		snprintf(e->code, sizeof e->code, "HTTP%ld", status);
}

static bool retryable(const struct iam_live *L, long status)
{
	return status >= 500 || status == 429 || iam_http_is_throttle(L->last.code) ||
	       transient(L->last.code);
}

/* The standard retry mode's wait before attempt i+1: a random fraction
 * of 2^i seconds, at most 20. */
static void backoff(struct iam_live *L, int i)
{
	double cap = (double)(1u << (i < 5 ? i : 5)), r;
	struct timespec ts;

	if (cap > 20)
		cap = 20;
	r = (double)rand_r(&L->seed) / ((double)RAND_MAX + 1.0);
	r *= cap;
	ts.tv_sec = (time_t)r;
	ts.tv_nsec = (long)((r - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

/* The endpoint for log lines and messages: scheme, host, port, path,
 * never the query. */
static void endpoint_of(const char *url, char *dst, size_t cap)
{
	size_t n = strcspn(url, "?#");

	snprintf(dst, cap, "%.*s", (int)n, url);
}

static struct curl_slist *headers_for(const struct iam_http_req *rq, bool *nomem)
{
	struct curl_slist *h = NULL, *t;
	char line[128];

	*nomem = false;
	if (rq->content_type) {
		snprintf(line, sizeof line, "Content-Type: %s", rq->content_type);
		if (!(t = curl_slist_append(h, line)))
			goto nomem;
		h = t;
	}
	for (size_t i = 0; rq->headers && rq->headers[i]; i++) {
		if (!(t = curl_slist_append(h, rq->headers[i])))
			goto nomem;
		h = t;
	}
	if (rq->service && rq->creds && rq->creds->session_token) {
		size_t n = strlen(rq->creds->session_token) + 32;
		char *tok = malloc(n);

		if (!tok)
			goto nomem;
		snprintf(tok, n, "X-Amz-Security-Token: %s", rq->creds->session_token);
		t = curl_slist_append(h, tok);
		iam_http_wipe_free(tok);
		if (!t)
			goto nomem;
		h = t;
	}
	return h;
nomem:
	*nomem = true;
	curl_slist_free_all(h);
	return NULL;
}

/* Wipe the copies of secrets curl keeps in its header list. */
static void headers_free(struct curl_slist *h)
{
	for (struct curl_slist *p = h; p; p = p->next)
		for (volatile char *c = p->data; *c; c++)
			*c = 0;
	curl_slist_free_all(h);
}

static void set_common(struct iam_live *L, CURL *c, const struct iam_http_req *rq,
		       struct sink *s, char *errbuf)
{
	long timeout = rq->timeout_ms ? rq->timeout_ms :
		       L->o.timeout_ms ? L->o.timeout_ms : 60000;
	long connect = L->o.connect_timeout_ms ? L->o.connect_timeout_ms : 10000;

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, rq->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect < timeout ? connect : timeout);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "iamgate/" PACKAGE_VERSION);
	if (L->ca_bundle[0])
		curl_easy_setopt(c, CURLOPT_CAINFO, L->ca_bundle);
}

static int set_request(CURL *c, const struct iam_http_req *rq, char *sigv4, size_t n)
{
	const char *m = rq->method ? rq->method : "GET";

	if (strcmp(m, "GET") == 0)
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	else
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, m);
	if (rq->body || strcmp(m, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)rq->body_len);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body ? rq->body : "");
	}
	if (rq->service && rq->creds) {
		snprintf(sigv4, n, "aws:amz:%s:%s", rq->region, rq->service);
		curl_easy_setopt(c, CURLOPT_AWS_SIGV4, sigv4);
		curl_easy_setopt(c, CURLOPT_USERNAME, rq->creds->access_key_id);
		curl_easy_setopt(c, CURLOPT_PASSWORD, rq->creds->secret_access_key);
	}
	return 0;
}

static void log_call(struct iam_live *L, const struct iam_http_req *rq, long status,
		     int attempt, const char *what)
{
	char ep[512], line[1200], st[24] = "", at[24] = "";

	if (!L->o.verbose)
		return;
	endpoint_of(rq->url, ep, sizeof ep);
	if (status)
		snprintf(st, sizeof st, " %ld", status);
	if (attempt > 1)
		snprintf(at, sizeof at, " (attempt %d)", attempt);
	snprintf(line, sizeof line, "%s%s%s %s -> %s%s%s", L->hop, L->hop[0] ? ": " : "",
		 rq->call ? rq->call : "call", ep, what, st, at);
	L->o.verbose(L->o.verbose_arg, line);
}

static void sink_reset(struct sink *s)
{
	s->len = 0;
	s->over = false;
	s->error_type[0] = s->request_id[0] = 0;
	if (s->buf)
		s->buf[0] = 0;
}

/* One attempt: the curl result, *status set when an answer came. */
static CURLcode attempt(struct iam_live *L, const struct iam_http_req *rq,
			struct curl_slist *h, struct sink *s, char *errbuf, long *status)
{
	char sigv4[160];
	CURLcode cc;

	sink_reset(s);
	errbuf[0] = 0;
	set_common(L, L->curl, rq, s, errbuf);
	set_request(L->curl, rq, sigv4, sizeof sigv4);
	curl_easy_setopt(L->curl, CURLOPT_HTTPHEADER, h);
	cc = curl_easy_perform(L->curl);
	*status = 0;
	if (cc == CURLE_OK)
		curl_easy_getinfo(L->curl, CURLINFO_RESPONSE_CODE, status);
	/* curl keeps the password: clear it from the handle now */
	curl_easy_setopt(L->curl, CURLOPT_PASSWORD, "");
	curl_easy_setopt(L->curl, CURLOPT_HTTPHEADER, NULL);
	return cc;
}

static int fail_net(struct iam_live *L, const struct iam_http_req *rq, CURLcode cc,
		    const char *errbuf, bool over, struct iam_error *err)
{
	char ep[512];

	endpoint_of(rq->url, ep, sizeof ep);
	if (over)
		return iam_error_set(err, IAM_ERR_LIMIT, NULL, "%s%s%s: %s: the answer is over %zu MB",
				     L->hop, L->hop[0] ? ": " : "", rq->call, ep,
				     MAX_ANSWER >> 20);
	return iam_error_set(err, IAM_ERR_NET, NULL, "%s%s%s: %s: %s", L->hop,
			     L->hop[0] ? ": " : "", rq->call ? rq->call : "call", ep,
			     errbuf[0] ? errbuf : curl_easy_strerror(cc));
}

static int fail_aws(struct iam_live *L, struct iam_error *err)
{
	const struct iam_aws_error *e = &L->last;

	return iam_error_set(err, IAM_ERR_AWS, NULL, "%s%s%s: %s%s%s", L->hop,
			     L->hop[0] ? ": " : "", e->call[0] ? e->call : "call", e->code,
			     e->message[0] ? ": " : "", e->message);
}

static int finish(struct iam_live *L, const struct iam_http_req *rq, struct sink *s,
		  long status, struct iam_http_resp *rs, struct iam_error *err)
{
	if (status >= 200 && status < 300) {
		memset(&L->last, 0, sizeof L->last);
		rs->status = status;
		if (!s->buf && !(s->buf = calloc(1, 1)))
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		rs->body = s->buf;
		rs->len = s->len;
		s->buf = NULL;
		return 0;
	}
	rs->status = status;
	return fail_aws(L, err);
}

int iam_http_call(struct iam_live *L, const struct iam_http_req *rq,
		  struct iam_http_resp *rs, struct iam_error *err)
{
	char errbuf[CURL_ERROR_SIZE];
	struct sink s = { 0 };
	struct curl_slist *h;
	int tries = rq->no_retry ? 1 : L->max_attempts, rc;
	long status = 0;
	bool nomem;
	CURLcode cc = CURLE_OK;

	memset(rs, 0, sizeof *rs);
	h = headers_for(rq, &nomem);
	if (nomem)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	for (int i = 1; i <= tries; i++) {
		if (i > 1)
			backoff(L, i - 1);
		cc = attempt(L, rq, h, &s, errbuf, &status);
		if (cc != CURLE_OK) {
			log_call(L, rq, 0, i, "failed");
			if (s.over || cc == CURLE_PEER_FAILED_VERIFICATION ||
			    cc == CURLE_SSL_CACERT_BADFILE || cc == CURLE_UNSUPPORTED_PROTOCOL ||
			    cc == CURLE_URL_MALFORMAT)
				break;   /* trying again cannot help */
			continue;
		}
		log_call(L, rq, status, i, "HTTP");
		if (status >= 200 && status < 300)
			break;
		parse_error(L, &s, status, rq->call);
		if (!retryable(L, status))
			break;
	}
	headers_free(h);
	if (cc != CURLE_OK)
		rc = fail_net(L, rq, cc, errbuf, s.over, err);
	else
		rc = finish(L, rq, &s, status, rs, err);
	free(s.buf);
	return rc;
}

void iam_http_resp_free(struct iam_http_resp *rs)
{
	if (!rs)
		return;
	free(rs->body);
	memset(rs, 0, sizeof *rs);
}

void iam_http_wipe_free(char *s)
{
	if (!s)
		return;
	for (volatile char *p = s; *p; p++)
		*p = 0;
	free(s);
}

static void curl_wipe_free(char *s)
{
	for (volatile char *p = s; p && *p; p++)
		*p = 0;
	curl_free(s);
}

/* Escape every name and value first, then join them in one allocation:
 * a secret value is never left behind in a buffer that was grown. */
char *iam_http_form(const char *const *pairs)
{
	size_t n = 0, len = 1;
	char **esc, *out = NULL, *p;

	while (pairs[n])
		n += 2;
	esc = calloc(n + 1, sizeof *esc);
	if (!esc)
		return NULL;
	for (size_t i = 0; i < n; i += 2) {
		if (!pairs[i + 1])
			continue;
		esc[i] = curl_easy_escape(NULL, pairs[i], 0);
		esc[i + 1] = curl_easy_escape(NULL, pairs[i + 1], 0);
		if (!esc[i] || !esc[i + 1])
			goto out;
		len += strlen(esc[i]) + strlen(esc[i + 1]) + 2;
	}
	out = malloc(len);
	if (!out)
		goto out;
	p = out;
	*p = 0;
	for (size_t i = 0; i < n; i += 2)
		if (esc[i])
			p += snprintf(p, len - (size_t)(p - out), "%s%s=%s", p == out ? "" : "&",
				      esc[i], esc[i + 1]);
out:
	for (size_t i = 0; i < n; i++)
		curl_wipe_free(esc[i]);
	free(esc);
	return out;
}
