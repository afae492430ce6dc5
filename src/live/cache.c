/* live/cache.c - the AWS CLI's credential caches (live/cache.h).
 *
 * Part of the live layer.  A cache file's content is never put into a
 * message: only its name.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "core/error.h"
#include "live/cache.h"
#include "live/live_impl.h"
#include "live/sts.h"

#define EXPIRY_WINDOW (15 * 60)   /* botocore's CachedCredentialFetcher */
#define MAX_CACHE_FILE ((long)1 << 20)

int iam_sha1_hex(const char *s, char hex[41])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (!EVP_Digest(s, strlen(s), md, &n, EVP_sha1(), NULL) || n != 20)
		return -1;
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

/* Python's json.dumps(o, sort_keys=True): ", " and ": ", ASCII only. */
static int key_of(json_t *o, bool compact, char hex[41])
{
	char *s = json_dumps(o, JSON_SORT_KEYS | JSON_ENSURE_ASCII |
				(compact ? JSON_COMPACT : 0));
	int rc = s ? iam_sha1_hex(s, hex) : -1;

	free(s);
	json_decref(o);
	return rc;
}

int iam_cache_key_assume(const struct iam_assume_params *p, bool session_configured,
			 char hex[41])
{
	json_t *o = json_object();

	if (!o)
		return -1;
	json_object_set_new(o, "RoleArn", json_string(p->role_arn));
	if (session_configured && p->session_name)
		json_object_set_new(o, "RoleSessionName", json_string(p->session_name));
	if (p->external_id)
		json_object_set_new(o, "ExternalId", json_string(p->external_id));
	if (p->serial_number)
		json_object_set_new(o, "SerialNumber", json_string(p->serial_number));
	if (p->duration)
		json_object_set_new(o, "DurationSeconds", json_integer(p->duration));
	return key_of(o, false, hex);
}

int iam_cache_key_sso(const char *account, const char *role, const char *session,
		      const char *start_url, char hex[41])
{
	json_t *o = json_pack("{s:s?,s:s?}", "accountId", account, "roleName", role);

	if (!o)
		return -1;
	if (session)
		json_object_set_new(o, "sessionName", json_string(session));
	else
		json_object_set_new(o, "startUrl", json_string(start_url ? start_url : ""));
	return key_of(o, true, hex);
}

static void warn(struct iam_live *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warn(struct iam_live *L, const char *fmt, ...)
{
	char text[1400];
	va_list ap;

	if (!L->o.warn)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	L->o.warn(L->o.warn_arg, text);
}

static char *path_of(struct iam_live *L, const char *dir, const char *key)
{
	size_t n = strlen(L->home) + strlen(dir) + strlen(key) + 16;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s/%s.json", L->home, dir, key);
	return p;
}

/* A JSON file, bounded; NULL (warned unless absent). */
static json_t *read_json(struct iam_live *L, const char *path)
{
	json_error_t je;
	struct stat st;
	json_t *j;

	if (stat(path, &st) < 0)
		return NULL;
	if (!S_ISREG(st.st_mode) || st.st_size > MAX_CACHE_FILE) {
		warn(L, "%s%s: not a cache file: skipped", path, "");
		return NULL;
	}
	j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		warn(L, "%s: %s: skipped", path, "not JSON");
	return j;
}

json_t *iam_cache_get(struct iam_live *L, const char *key, char **path)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_creds c;
	json_t *j;

	*path = NULL;
	if (L->o.no_cache || !L->home[0] || !(*path = path_of(L, ".aws/cli/cache", key)))
		return NULL;
	if (!(j = read_json(L, *path)))
		return NULL;
	if (iam_creds_from_answer(j, *path, &c, &err) < 0) {
		warn(L, "%s: %s: skipped", *path, "no Credentials with an Expiration");
		json_decref(j);
		return NULL;
	}
	if (c.expiration - iam_live_now(L) < EXPIRY_WINDOW) {
		iam_creds_clear(&c);
		json_decref(j);
		return NULL;            /* expired, or about to: fetch again */
	}
	iam_creds_clear(&c);
	return j;
}

static int mkdirs(const char *home, const char *rel)
{
	char buf[1200];
	size_t n = (size_t)snprintf(buf, sizeof buf, "%s/", home);

	for (const char *p = rel; n < sizeof buf - 1; p++) {
		if (*p == '/' || !*p) {
			buf[n] = 0;
			if (mkdir(buf, 0700) < 0 && errno != EEXIST)
				return -1;
			if (!*p)
				return 0;
		}
		buf[n++] = *p;
	}
	return -1;
}

int iam_cache_put(struct iam_live *L, const char *key, const json_t *answer, char **path)
{
	char tmp[1300];
	char *text;
	int fd, ok;

	*path = NULL;
	if (L->o.no_cache || !L->home[0])
		return 0;
	if (mkdirs(L->home, ".aws/cli/cache") < 0 || !(*path = path_of(L, ".aws/cli/cache", key))) {
		warn(L, "%s/.aws/cli/cache%s: cannot be made: the session is not cached", L->home, "");
		return -1;
	}
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", *path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		warn(L, "%s: %s: the session is not cached", tmp, strerror(errno));
		return -1;
	}
	text = json_dumps(answer, JSON_ENSURE_ASCII);
	ok = text && write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	if (text) {
		memset(text, 0, strlen(text));
		free(text);
	}
	ok = close(fd) == 0 && ok && rename(tmp, *path) == 0;
	if (!ok) {
		unlink(tmp);
		warn(L, "%s: %s: the session is not cached", *path, "cannot be written");
		return -1;
	}
	return 0;
}

char *iam_sso_token(struct iam_live *L, const char *name, char *why, size_t n)
{
	char hex[41], *path, *tok = NULL;
	const char *t, *exp;
	json_t *j;
	time_t e;

	if (iam_sha1_hex(name, hex) < 0 || !(path = path_of(L, ".aws/sso/cache", hex))) {
		snprintf(why, n, "out of memory");
		return NULL;
	}
	j = read_json(L, path);
	t = json_string_value(json_object_get(j, "accessToken"));
	exp = json_string_value(json_object_get(j, "expiresAt"));
	e = iam_iso8601_parse(exp);
	if (!j)
		snprintf(why, n, "no SSO token in %s", path);
	else if (!t || e == (time_t)-1)
		snprintf(why, n, "%s has no accessToken and expiresAt", path);
	else if (e <= iam_live_now(L))
		snprintf(why, n, "the SSO session token in %s has expired", path);
	else if (!(tok = strdup(t)))
		snprintf(why, n, "out of memory");
	if (j && t)
		memset((char *)t, 0, strlen(t));
	json_decref(j);
	free(path);
	return tok;
}

int iam_amplify_cache(struct iam_live *L, const char *role_arn, const char *session,
		      struct iam_creds *out)
{
	char path[1100];
	json_t *j, *e;
	const char *k, *s, *t, *exp;
	time_t x;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (L->o.no_cache || !L->home[0])
		return -1;
	snprintf(path, sizeof path, "%s/.amplify/awscloudformation/cache.json", L->home);
	j = read_json(L, path);
	e = json_object_get(json_object_get(json_object_get(j, role_arn), session), "accessKeyId")
		    ? json_object_get(json_object_get(j, role_arn), session) : NULL;
	k = json_string_value(json_object_get(e, "accessKeyId"));
	s = json_string_value(json_object_get(e, "secretAccessKey"));
	t = json_string_value(json_object_get(e, "sessionToken"));
	exp = json_string_value(json_object_get(e, "expiration"));
	x = iam_iso8601_parse(exp);
	if (k && s && t && x != (time_t)-1 && x - iam_live_now(L) >= 60 &&
	    (out->access_key_id = strdup(k)) && (out->secret_access_key = strdup(s)) &&
	    (out->session_token = strdup(t))) {
		out->expiration = x;
		out->source = "Amplify CLI cache";
		rc = 0;
	}
	if (rc < 0)
		iam_creds_clear(out);
	json_decref(j);
	return rc;
}
