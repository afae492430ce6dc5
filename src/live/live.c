/* live/live.c - a session of AWS calls: the options, the curl handle,
 * the last AWS error and the hop the calls are for.
 *
 * Part of the live layer.  Owns nothing of the caller's: the options and
 * what they point to are borrowed for the session's life.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/awsconfig.h"
#include "core/error.h"
#include "core/profile.h"
#include "live/live_impl.h"

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc;

static void global_init(void)
{
	global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void wipe(char *s)
{
	if (s) {
		volatile char *p = s;

		while (*p)
			*p++ = 0;
	}
}

void iam_creds_clear(struct iam_creds *c)
{
	if (!c)
		return;
	wipe(c->secret_access_key);
	wipe(c->session_token);
	free(c->access_key_id);
	free(c->secret_access_key);
	free(c->session_token);
	free(c->arn);
	memset(c, 0, sizeof *c);
}

static int dup_member(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -1;
}

int iam_creds_copy(struct iam_creds *dst, const struct iam_creds *src)
{
	memset(dst, 0, sizeof *dst);
	dst->expiration = src->expiration;
	dst->source = src->source;
	if (dup_member(&dst->access_key_id, src->access_key_id) < 0 ||
	    dup_member(&dst->secret_access_key, src->secret_access_key) < 0 ||
	    dup_member(&dst->session_token, src->session_token) < 0 ||
	    dup_member(&dst->arn, src->arn) < 0) {
		iam_creds_clear(dst);
		return -1;
	}
	return 0;
}

const char *iam_live_profile_value(const struct iam_live *L, const char *profile,
				   const char *key)
{
	const struct iam_awsprofile *p;
	struct iam_awsval v;

	if (!L->o.cfg || !profile)
		return NULL;
	p = iam_awsconfig_profile(L->o.cfg, profile);
	if (!p)
		return NULL;
	iam_awsprofile_get(L->o.cfg, p, key, &v);
	return v.value && *v.value ? v.value : NULL;
}

/* AWS_MAX_ATTEMPTS, the profile's max_attempts, else the standard mode's 3. */
static int max_attempts(const struct iam_live *L)
{
	const char *v = getenv("AWS_MAX_ATTEMPTS");
	char *end;
	long n;

	if (L->o.max_attempts > 0)
		return L->o.max_attempts;
	if (!v || !*v)
		v = iam_live_profile_value(L, L->o.profile, "max_attempts");
	if (v && *v) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (!errno && !*end && n >= 1 && n <= 20)
			return (int)n;
	}
	return 3;
}

static void settings(struct iam_live *L)
{
	const char *h = L->o.home ? L->o.home : getenv("HOME");
	const char *ca = getenv("AWS_CA_BUNDLE");
	const char *now = getenv("IAMGATE_TEST_NOW");

	iam_strlcpy_tail(L->home, h ? h : "", sizeof L->home);
	if (!ca || !*ca)
		ca = iam_live_profile_value(L, L->o.profile, "ca_bundle");
	iam_strlcpy_tail(L->ca_bundle, ca ? ca : "", sizeof L->ca_bundle);
	L->max_attempts = max_attempts(L);
	if (now && *now)
		L->now = (time_t)strtoll(now, NULL, 10);
	L->seed = (unsigned)time(NULL) ^ (unsigned)(size_t)L;
}

struct iam_live *iam_live_new(const struct iam_live_opts *o, struct iam_error *err)
{
	struct iam_live *L;

	pthread_once(&global_once, global_init);
	if (global_rc != CURLE_OK) {
		iam_error_set(err, IAM_ERR_NET, NULL, "libcurl cannot start: %s",
			      curl_easy_strerror(global_rc));
		return NULL;
	}
	L = calloc(1, sizeof *L);
	if (!L) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	L->o = *o;
	L->curl = curl_easy_init();
	if (!L->curl) {
		free(L);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	settings(L);
	return L;
}

void iam_live_free(struct iam_live *L)
{
	if (!L)
		return;
	curl_easy_cleanup(L->curl);
	free(L);
}

const struct iam_live_opts *iam_live_opts(const struct iam_live *L)
{
	return &L->o;
}

const struct iam_aws_error *iam_live_last_error(const struct iam_live *L)
{
	return &L->last;
}

void iam_live_set_hop(struct iam_live *L, const char *hop)
{
	if (hop)
		iam_strlcpy_tail(L->hop, hop, sizeof L->hop);
	else
		L->hop[0] = 0;
}

const char *iam_live_hop(const struct iam_live *L)
{
	return L->hop;
}

const char *iam_live_home(const struct iam_live *L)
{
	return L->home;
}

time_t iam_live_now(const struct iam_live *L)
{
	return L->now ? L->now : time(NULL);
}
