/* live/creds.c - a profile's credentials, fetched hop by hop as the AWS
 * CLI v2 fetches them (live/creds.h).
 *
 * Part of the live layer.  Each hop's keys sign the next hop's call;
 * temporary ones come from the AWS CLI's cache when it holds them with 15
 * minutes left, and go into it when fetched.  Secrets stay in struct
 * iam_creds and are wiped with it; the MFA code and the tokens read from
 * files are wiped as soon as sent.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <strings.h>

#include <curl/curl.h>

#include "core/arena.h"
#include "core/awsconfig.h"
#include "core/error.h"
#include "core/profile.h"
#include "live/cache.h"
#include "live/creds.h"
#include "live/endpoint.h"
#include "live/http.h"
#include "live/live_impl.h"
#include "live/sts.h"

extern char **environ;

#define MAX_TOKEN_FILE ((size_t)64 << 10)
#define MAX_PROCESS_OUT ((size_t)1 << 20)
#define PROCESS_SECONDS 60

struct run {
	struct iam_live *L;
	const struct iam_chain *ch;
	struct iam_live_chain *lc;
	struct iam_creds prev;        /* the keys of the hop before */
	const char *region;
};

static void wipe(char *s)
{
	for (volatile char *p = s; p && *p; p++)
		*p = 0;
}

static char *dupz(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int set_keys(struct iam_creds *c, const char *id, const char *secret,
		    const char *token, const char *source, struct iam_error *err)
{
	memset(c, 0, sizeof *c);
	c->source = source;
	if (!(c->access_key_id = dupz(id)) || !(c->secret_access_key = dupz(secret)) ||
	    (token && *token && !(c->session_token = dupz(token)))) {
		iam_creds_clear(c);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	return 0;
}

static const char *nonempty(const char *v)
{
	return v && *v ? v : NULL;
}

/* A key of the hop's profile (secrets included). */
static const char *pget(const struct run *r, const struct iam_hop *h, const char *key)
{
	return iam_live_profile_value(r->L, h->profile, key);
}

static int hop_env(struct iam_creds *c, struct iam_error *err)
{
	const char *id = getenv("AWS_ACCESS_KEY_ID"), *s = getenv("AWS_SECRET_ACCESS_KEY");

	if (!id || !*id || !s || !*s)
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set");
	return set_keys(c, id, s, getenv("AWS_SESSION_TOKEN"), "environment", err);
}

static int hop_static(const struct run *r, const struct iam_hop *h, struct iam_creds *c,
		      struct iam_error *err)
{
	const char *id = pget(r, h, "aws_access_key_id"), *s = pget(r, h, "aws_secret_access_key");

	if (!id || !s)
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "profile %s has no aws_access_key_id and aws_secret_access_key",
				     h->profile);
	return set_keys(c, id, s, pget(r, h, "aws_session_token"), "static keys", err);
}

/* ---- the credential endpoints: IMDSv2 and the container's ---- */

static int get_json(struct iam_live *L, const char *url, const char *const *headers,
		    const char *call, json_t **out, struct iam_error *err)
{
	struct iam_http_req rq = { .method = "GET", .url = url, .headers = headers,
				   .call = call, .no_retry = true, .timeout_ms = 5000 };
	struct iam_http_resp rs;

	*out = NULL;
	if (iam_http_call(L, &rq, &rs, err) < 0) {
		iam_http_resp_free(&rs);
		return -1;
	}
	*out = json_loadb(rs.body, rs.len, 0, NULL);
	memset(rs.body, 0, rs.len);
	iam_http_resp_free(&rs);
	if (!*out)
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL, "%s: the answer is not JSON", call);
	return 0;
}

static int endpoint_creds(json_t *j, const char *how, const char *call, struct iam_creds *c,
			  struct iam_error *err)
{
	const char *id = json_string_value(json_object_get(j, "AccessKeyId"));
	const char *s = json_string_value(json_object_get(j, "SecretAccessKey"));
	const char *t = json_string_value(json_object_get(j, "Token"));
	const char *e = json_string_value(json_object_get(j, "Expiration"));

	if (!id || !s)
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: no AccessKeyId and SecretAccessKey in the answer", call);
	if (set_keys(c, id, s, t, how, err) < 0)
		return -1;
	c->expiration = e ? iam_iso8601_parse(e) : 0;
	if (c->expiration == (time_t)-1)
		c->expiration = 0;
	return 0;
}

static int imds(struct run *r, const struct iam_hop *h, struct iam_creds *c,
		struct iam_error *err)
{
	const char *base = getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT"), *dis;
	char url[1200], tokhdr[256], hdr[300], role[256];
	struct iam_http_req rq = { .method = "PUT", .headers = NULL, .call = "imds:GetToken",
				   .no_retry = true, .timeout_ms = 1000 };
	const char *ttl[] = { "X-aws-ec2-metadata-token-ttl-seconds: 21600", NULL };
	const char *auth[] = { hdr, NULL };
	struct iam_http_resp rs;
	json_t *j;
	int rc;

	dis = getenv("AWS_EC2_METADATA_DISABLED");
	if (dis && strcasecmp(dis, "true") == 0)
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "the instance metadata service is disabled "
				     "(AWS_EC2_METADATA_DISABLED=true)");
	if (!base || !*base)
		base = h->profile ? pget(r, h, "ec2_metadata_service_endpoint") : NULL;
	if (!base)
		base = "http://169.254.169.254";
	snprintf(url, sizeof url, "%.1000s%s/latest/api/token", base,
		 base[strlen(base) - 1] == '/' ? "" : "");
	if (base[strlen(base) - 1] == '/')
		snprintf(url, sizeof url, "%.1000slatest/api/token", base);
	rq.url = url;
	rq.headers = ttl;
	if (iam_http_call(r->L, &rq, &rs, err) < 0) {
		iam_http_resp_free(&rs);
		return -1;
	}
	snprintf(tokhdr, sizeof tokhdr, "%.200s", rs.body);
	iam_http_resp_free(&rs);
	snprintf(hdr, sizeof hdr, "X-aws-ec2-metadata-token: %s", tokhdr);
	wipe(tokhdr);
	snprintf(url + strlen(url) - strlen("api/token"), 64, "meta-data/iam/security-credentials/");
	rq.method = "GET";
	rq.headers = auth;
	rq.call = "imds:GetRole";
	if (iam_http_call(r->L, &rq, &rs, err) < 0) {
		iam_http_resp_free(&rs);
		wipe(hdr);
		return -1;
	}
	snprintf(role, sizeof role, "%.*s", (int)strcspn(rs.body, "\r\n"), rs.body);
	iam_http_resp_free(&rs);
	strncat(url, role, sizeof url - strlen(url) - 1);
	rc = get_json(r->L, url, auth, "imds:GetCredentials", &j, err);
	wipe(hdr);
	if (rc == 0)
		rc = endpoint_creds(j, "IMDSv2", "imds:GetCredentials", c, err);
	json_decref(j);
	return rc;
}

/* The container endpoint's Authorization: the token, or the token file's. */
static int container_auth(char *hdr, size_t n, struct iam_error *err)
{
	const char *t = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
	const char *f = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	char buf[4096];
	ssize_t k;
	int fd;

	hdr[0] = 0;
	if (f && *f) {
		if ((fd = open(f, O_RDONLY | O_CLOEXEC)) < 0)
			return iam_error_set(err, IAM_ERR_IO, NULL, "%s: %s", f, strerror(errno));
		k = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[k > 0 ? k : 0] = 0;
		buf[strcspn(buf, "\r\n")] = 0;
		snprintf(hdr, n, "Authorization: %s", buf);
		wipe(buf);
	} else if (t && *t) {
		snprintf(hdr, n, "Authorization: %s", t);
	}
	return 0;
}

static int container(struct run *r, struct iam_creds *c, struct iam_error *err)
{
	const char *rel = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	char url[2048], hdr[4200];
	const char *h[] = { hdr, NULL };
	json_t *j;
	int rc;

	if (rel && *rel)
		snprintf(url, sizeof url, "http://169.254.170.2%s", rel);
	else if (full && *full)
		snprintf(url, sizeof url, "%s", full);
	else
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
				     "AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
	if (container_auth(hdr, sizeof hdr, err) < 0)
		return -1;
	rc = get_json(r->L, url, hdr[0] ? h : NULL, "ecs:GetCredentials", &j, err);
	wipe(hdr);
	if (rc == 0)
		rc = endpoint_creds(j, "container endpoint", "ecs:GetCredentials", c, err);
	json_decref(j);
	return rc;
}

static int hop_source(struct run *r, const struct iam_hop *h, struct iam_creds *c,
		      struct iam_error *err)
{
	const char *cs = h->credential_source.value;

	if (h->kind == IAM_HOP_CONTAINER || (cs && strcmp(cs, "EcsContainer") == 0))
		return container(r, c, err);
	if (h->kind == IAM_HOP_IMDS || (cs && strcmp(cs, "Ec2InstanceMetadata") == 0))
		return imds(r, h, c, err);
	return hop_env(c, err);
}

/* ---- credential_process: no shell ---- */

static int read_all(int fd, pid_t pid, char *buf, size_t cap, size_t *len)
{
	time_t end = time(NULL) + PROCESS_SECONDS;
	struct pollfd p = { fd, POLLIN, 0 };
	ssize_t k;

	*len = 0;
	while (time(NULL) < end) {
		if (poll(&p, 1, 1000) < 0 && errno != EINTR)
			return -1;
		if (!(p.revents & (POLLIN | POLLHUP)))
			continue;
		k = read(fd, buf + *len, cap - 1 - *len);
		if (k <= 0)
			return k < 0 ? -1 : 0;
		*len += (size_t)k;
		if (*len >= cap - 1)
			return -2;
	}
	kill(pid, SIGKILL);
	return -3;
}

static int spawn(const char *cmdline, pid_t *pid, int *fd, struct iam_error *err)
{
	struct iam_arena *a = iam_arena_new();
	char *argv[64];
	int n = a ? iam_shlex_split(a, cmdline, argv, 63) : -2, pfd[2], rc;
	posix_spawn_file_actions_t fa;

	if (n <= 0 || n > 63) {
		iam_arena_free(a);
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "credential_process cannot be split into a command (%s)",
				     n == 0 ? "empty" : n > 63 ? "over 63 words" : "an open quote");
	}
	argv[n] = NULL;
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		iam_arena_free(a);
		return iam_error_set(err, IAM_ERR_IO, NULL, "pipe: %s", strerror(errno));
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
	rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	if (rc != 0) {
		close(pfd[0]);
		iam_error_set(err, IAM_ERR_IO, NULL, "credential_process: %s: %s", argv[0],
			      strerror(rc));
		iam_arena_free(a);
		return -1;
	}
	iam_arena_free(a);
	*fd = pfd[0];
	return 0;
}

static int process_json(const char *out, size_t len, const struct iam_hop *h,
			struct iam_creds *c, struct iam_error *err)
{
	json_t *j = json_loadb(out, len, 0, NULL);
	const char *e;
	int rc;

	if (!j || json_integer_value(json_object_get(j, "Version")) != 1) {
		json_decref(j);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "credential_process (%s:%d) printed no JSON with \"Version\": 1",
				     h->credential_process.file, h->credential_process.line);
	}
	rc = endpoint_creds(j, "credential_process", "credential_process", c, err);
	if (rc == 0 && !c->session_token) {
		const char *t = json_string_value(json_object_get(j, "SessionToken"));

		if (t && !(c->session_token = strdup(t)))
			rc = iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	e = json_string_value(json_object_get(j, "Expiration"));
	if (rc == 0 && e && (c->expiration = iam_iso8601_parse(e)) == (time_t)-1)
		c->expiration = 0;
	json_decref(j);
	return rc;
}

static int hop_process(const struct iam_hop *h, struct iam_creds *c, struct iam_error *err)
{
	char *out = malloc(MAX_PROCESS_OUT);
	size_t len = 0;
	int fd = -1, st = 0, rc;
	pid_t pid = -1;

	if (!out)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (spawn(h->credential_process.value, &pid, &fd, err) < 0) {
		free(out);
		return -1;
	}
	rc = read_all(fd, pid, out, MAX_PROCESS_OUT, &len);
	close(fd);
	waitpid(pid, &st, 0);
	if (rc < 0)
		rc = iam_error_set(err, IAM_ERR_SCHEMA, NULL, "credential_process (%s:%d): %s",
				   h->credential_process.file, h->credential_process.line,
				   rc == -3 ? "no answer in 60 seconds: killed" :
				   rc == -2 ? "over 1 MB of output" : "its output cannot be read");
	else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		rc = iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				   "credential_process (%s:%d) exited with status %d",
				   h->credential_process.file, h->credential_process.line,
				   WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	else
		rc = process_json(out, len, h, c, err);
	memset(out, 0, len);
	free(out);
	return rc;
}

/* ---- STS hops ---- */

static int sts_endpoint(struct run *r, const struct iam_hop *h, struct iam_endpoint *ep,
			struct iam_error *err)
{
	return iam_endpoint_resolve(r->L, IAM_SVC_STS, h->profile, r->region, ep, err);
}

/* The MFA code: the session's, else asked; -1 with err when none. */
static int mfa_code(struct run *r, const struct iam_hop *h, char *code, size_t n,
		    struct iam_error *err)
{
	const struct iam_live_opts *o = &r->L->o;

	if (o->mfa_code && *o->mfa_code) {
		snprintf(code, n, "%s", o->mfa_code);
		return 0;
	}
	if (o->mfa_prompt && o->mfa_prompt(o->mfa_prompt_arg, h->mfa_serial.value, code, n) == 0 &&
	    *code)
		return 0;
	return iam_error_set(err, IAM_ERR_USAGE, NULL,
			     "profile %s needs an MFA code for %s (mfa_serial, %s:%d) and there "
			     "is no terminal to ask on: give --mfa-code CODE or IAMGATE_MFA_CODE",
			     h->profile, h->mfa_serial.value, h->mfa_serial.file ? h->mfa_serial.file : "",
			     h->mfa_serial.line);
}

static int cached(struct run *r, const char *key, struct iam_live_step *s,
		  struct iam_creds *c)
{
	struct iam_error err = IAM_ERROR_INIT;
	json_t *j = iam_cache_get(r->L, key, &s->cache_file);
	int rc = -1;

	if (j && iam_creds_from_answer(j, s->cache_file, c, &err) == 0) {
		c->source = "cache";
		rc = 0;
	}
	json_decref(j);
	return rc;
}

static void put(struct run *r, const char *key, json_t *answer, struct iam_live_step *s)
{
	free(s->cache_file);
	s->cache_file = NULL;
	iam_cache_put(r->L, key, answer, &s->cache_file);
}

static int hop_assume(struct run *r, const struct iam_hop *h, struct iam_live_step *s,
		      struct iam_creds *c, struct iam_error *err)
{
	struct iam_assume_params p = {
		.role_arn = h->role_arn.value, .session_name = h->session_name,
		.external_id = nonempty(h->external_id.value),
		.serial_number = nonempty(h->mfa_serial.value),
		.duration = h->duration_set ? h->duration : 0,
	};
	struct iam_endpoint ep;
	char key[41], code[64] = "";
	json_t *answer = NULL;
	int rc;

	if (iam_cache_key_assume(&p, !h->session_default, key) < 0)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (cached(r, key, s, c) == 0)
		return 0;
	free(s->cache_file);
	s->cache_file = NULL;
	if (iam_amplify_cache(r->L, p.role_arn, h->role_session_name.value ?
			      h->role_session_name.value : "amplify", c) == 0)
		return 0;
	if (sts_endpoint(r, h, &ep, err) < 0 ||
	    (p.serial_number && mfa_code(r, h, code, sizeof code, err) < 0))
		return -1;
	p.token_code = code[0] ? code : NULL;
	rc = iam_sts_assume_role(r->L, &ep, &r->prev, &p, c, &answer, err);
	wipe(code);
	if (rc == 0)
		put(r, key, answer, s);
	json_decref(answer);
	return rc;
}

static char *read_token(const char *file, struct iam_error *err)
{
	char *buf = malloc(MAX_TOKEN_FILE + 1);
	ssize_t k;
	size_t n = 0;
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	if (!buf || fd < 0) {
		if (fd >= 0)
			close(fd);
		free(buf);
		iam_error_set(err, buf ? IAM_ERR_IO : IAM_ERR_NOMEM, NULL, "%s: %s", file,
			      buf ? strerror(errno) : "out of memory");
		return NULL;
	}
	while (n < MAX_TOKEN_FILE && (k = read(fd, buf + n, MAX_TOKEN_FILE - n)) > 0)
		n += (size_t)k;
	close(fd);
	buf[n] = 0;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return buf;
}

static int hop_web(struct run *r, const struct iam_hop *h, struct iam_live_step *s,
		   struct iam_creds *c, struct iam_error *err)
{
	struct iam_assume_params p = { .role_arn = h->role_arn.value,
				       .session_name = h->session_name };
	struct iam_endpoint ep;
	json_t *answer = NULL;
	char key[41], *tok;
	int rc;

	if (iam_cache_key_assume(&p, !h->session_default, key) < 0)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (cached(r, key, s, c) == 0)
		return 0;
	if (sts_endpoint(r, h, &ep, err) < 0 ||
	    !(tok = read_token(h->web_identity_token_file.value, err)))
		return -1;
	rc = iam_sts_assume_role_web_identity(r->L, &ep, p.role_arn, p.session_name, tok, 0, c,
					      &answer, err);
	wipe(tok);
	free(tok);
	if (rc == 0)
		put(r, key, answer, s);
	json_decref(answer);
	return rc;
}

/* ---- SSO ---- */

static int sso_call(struct run *r, const struct iam_hop *h, const char *token,
		    struct iam_creds *c, struct iam_error *err)
{
	struct iam_endpoint ep;
	char url[1400], hdr[8300];
	const char *hs[] = { hdr, NULL };
	json_t *j, *rc_;
	char *role = NULL, *acct = NULL;
	int rc = -1;

	if (iam_endpoint_resolve(r->L, IAM_SVC_SSO, h->profile, h->sso_region.value, &ep, err) < 0)
		return -1;
	role = curl_easy_escape(NULL, h->sso_role_name.value, 0);
	acct = curl_easy_escape(NULL, h->sso_account_id.value, 0);
	snprintf(url, sizeof url, "%s/federation/credentials?role_name=%s&account_id=%s", ep.url,
		 role ? role : "", acct ? acct : "");
	curl_free(role);
	curl_free(acct);
	snprintf(hdr, sizeof hdr, "x-amz-sso_bearer_token: %s", token);
	{
		struct iam_http_req rq = { .method = "GET", .url = url, .headers = hs,
					   .call = "sso:GetRoleCredentials" };
		struct iam_http_resp rs;

		rc = iam_http_call(r->L, &rq, &rs, err);
		wipe(hdr);
		j = rc == 0 ? json_loadb(rs.body, rs.len, 0, NULL) : NULL;
		if (rs.body)
			memset(rs.body, 0, rs.len);
		iam_http_resp_free(&rs);
	}
	if (rc < 0)
		return -1;
	rc_ = json_object_get(j, "roleCredentials");
	rc = set_keys(c, json_string_value(json_object_get(rc_, "accessKeyId")),
		      json_string_value(json_object_get(rc_, "secretAccessKey")),
		      json_string_value(json_object_get(rc_, "sessionToken")),
		      "sso:GetRoleCredentials", err);
	if (rc == 0 && !c->access_key_id)
		rc = iam_error_set(err, IAM_ERR_SCHEMA, NULL, "sso:GetRoleCredentials: no roleCredentials");
	if (rc == 0)
		c->expiration = (time_t)(json_integer_value(json_object_get(rc_, "expiration")) / 1000);
	json_decref(j);
	return rc;
}

static json_t *sso_answer(const struct iam_creds *c)
{
	char t[40];
	struct tm tm;

	gmtime_r(&c->expiration, &tm);
	strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s,s:{s:s,s:s,s:s,s:s}}", "ProviderType", "sso", "Credentials",
			 "AccessKeyId", c->access_key_id, "SecretAccessKey", c->secret_access_key,
			 "SessionToken", c->session_token ? c->session_token : "", "Expiration", t);
}

static int hop_sso(struct run *r, const struct iam_hop *h, struct iam_live_step *s,
		   struct iam_creds *c, struct iam_error *err)
{
	const char *session = h->sso_session.value, *name;
	char key[41], why[1300], *tok;
	json_t *answer;
	int rc;

	name = session ? session : h->sso_start_url.value;
	if (iam_cache_key_sso(h->sso_account_id.value, h->sso_role_name.value, session,
			      h->sso_start_url.value, key) < 0)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (cached(r, key, s, c) == 0)
		return 0;
	if (!name || !(tok = iam_sso_token(r->L, name, why, sizeof why)))
		return iam_error_set(err, IAM_ERR_AWS, NULL, "%s: run `aws sso login --profile %s`",
				     name ? why : "no sso_start_url", h->profile);
	rc = sso_call(r, h, tok, c, err);
	wipe(tok);
	free(tok);
	if (rc == 0 && (answer = sso_answer(c))) {
		put(r, key, answer, s);
		json_decref(answer);
	}
	return rc;
}

/* ---- the chain ---- */

static int do_hop(struct run *r, const struct iam_hop *h, struct iam_live_step *s,
		  struct iam_creds *c, struct iam_error *err)
{
	switch (h->kind) {
	case IAM_HOP_ENV:
		return hop_env(c, err);
	case IAM_HOP_STATIC:
		return hop_static(r, h, c, err);
	case IAM_HOP_ASSUME_ROLE:
		return hop_assume(r, h, s, c, err);
	case IAM_HOP_WEB_IDENTITY:
		return hop_web(r, h, s, c, err);
	case IAM_HOP_SSO:
		return hop_sso(r, h, s, c, err);
	case IAM_HOP_PROCESS:
		return hop_process(h, c, err);
	case IAM_HOP_SOURCE:
	case IAM_HOP_CONTAINER:
	case IAM_HOP_IMDS:
		return hop_source(r, h, c, err);
	}
	return iam_error_set(err, IAM_ERR_USAGE, NULL, "a hop of an unknown kind");
}

static void name_hop(struct run *r, size_t i, const struct iam_hop *h)
{
	char buf[256];

	snprintf(buf, sizeof buf, "hop %zu (%s%s)", i + 1, h->profile ? "profile " : "",
		 h->profile ? h->profile : iam_hop_kind_name(h->kind));
	iam_live_set_hop(r->L, buf);
}

static void locate(struct iam_error *err, const char *hop)
{
	char text[sizeof err->text + 300];

	if (!strncmp(err->text, "hop ", 4))
		return;
	snprintf(text, sizeof text, "%s: %s", hop, err->text);
	text[sizeof err->text - 1] = 0;
	memcpy(err->text, text, sizeof err->text);
}

int iam_live_resolve(struct iam_live *L, const struct iam_chain *ch,
		     struct iam_live_chain **out, struct iam_error *err)
{
	struct run r = { .L = L, .ch = ch };
	struct iam_live_chain *lc = calloc(1, sizeof *lc);
	int rc = 0;

	*out = lc;
	if (!lc || !(lc->steps = calloc(ch->nhops + 1, sizeof *lc->steps)))
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	r.lc = lc;
	r.region = lc->region = ch->region.value;
	if (!ch->nhops)
		return iam_error_set(err, IAM_ERR_USAGE, NULL, "profile %s gives no credentials",
				     ch->profile);
	for (size_t i = 0; i < ch->nhops && rc == 0; i++) {
		const struct iam_hop *h = &ch->hops[i];
		struct iam_live_step *s = &lc->steps[i];
		struct iam_creds c = { 0 };

		name_hop(&r, i, h);
		s->hop = h;
		rc = do_hop(&r, h, s, &c, err);
		if (rc < 0) {
			locate(err, iam_live_hop(L));
			break;
		}
		s->how = c.source;
		s->arn = dupz(c.arn);
		s->expiration = c.expiration;
		lc->nsteps = i + 1;
		iam_creds_clear(&r.prev);
		r.prev = c;
	}
	iam_live_set_hop(L, NULL);
	lc->creds = r.prev;
	return rc;
}

void iam_live_chain_free(struct iam_live_chain *lc)
{
	if (!lc)
		return;
	for (size_t i = 0; i < lc->nsteps + 1 && lc->steps; i++) {
		free(lc->steps[i].cache_file);
		free(lc->steps[i].arn);
	}
	free(lc->steps);
	iam_creds_clear(&lc->creds);
	free(lc);
}
