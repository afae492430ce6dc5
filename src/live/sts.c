/* live/sts.c - AWS STS: AssumeRole, AssumeRoleWithWebIdentity and
 * GetCallerIdentity, over the query protocol (XML answers, libxml2).
 *
 * Part of the live layer.  Answers are turned into the JSON the AWS CLI
 * prints and caches, so that a cache file either of them wrote reads the
 * same (live/sts.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "live/endpoint.h"
#include "live/http.h"
#include "live/sts.h"
#include "live/xml.h"

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

time_t iam_iso8601_parse(const char *s)
{
	int y, mo, d, h, mi, se, off = 0;
	const char *p;

	if (!s || strlen(s) < 19 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || (s[10] != 'T' && s[10] != ' ') ||
	    !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
	    !digits(s + 17, 2))
		return -1;
	y = num(s, 4), mo = num(s + 5, 2), d = num(s + 8, 2);
	h = num(s + 11, 2), mi = num(s + 14, 2), se = num(s + 17, 2);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	p = s + 19;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (strcmp(p, "UTC") == 0 || strcmp(p, "GMT") == 0) {
		p += 3;   /* the AWS CLI's cache on a UTC machine: strftime's %Z */
	} else if ((*p == '+' || *p == '-') && digits(p + 1, 2) && p[3] == ':' &&
		   digits(p + 4, 2)) {
		off = (num(p + 1, 2) * 60 + num(p + 4, 2)) * 60 * (*p == '-' ? -1 : 1);
		p += 6;
	} else if (*p) {
		return -1;
	}
	if (*p)
		return -1;
	return (time_t)(days_from_civil(y, mo, d) * 86400L + h * 3600L + mi * 60L + se - off);
}

void iam_time_cli(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SUTC", &tm);
}

static int creds_member(const json_t *o, const char *k, char **dst)
{
	const char *v = json_string_value(json_object_get(o, k));

	*dst = v ? strdup(v) : NULL;
	return v && *dst ? 0 : -1;
}

int iam_creds_from_answer(const json_t *answer, const char *source,
			  struct iam_creds *out, struct iam_error *err)
{
	const json_t *c = json_object_get(answer, "Credentials");
	const json_t *u = json_object_get(answer, "AssumedRoleUser");
	const char *exp = json_string_value(json_object_get(c, "Expiration"));
	const char *arn = json_string_value(json_object_get(u, "Arn"));

	memset(out, 0, sizeof *out);
	if (!json_is_object(c) || creds_member(c, "AccessKeyId", &out->access_key_id) < 0 ||
	    creds_member(c, "SecretAccessKey", &out->secret_access_key) < 0 ||
	    creds_member(c, "SessionToken", &out->session_token) < 0 || !exp ||
	    (out->expiration = iam_iso8601_parse(exp)) == (time_t)-1) {
		iam_creds_clear(out);
		iam_error_set(err, IAM_ERR_SCHEMA, NULL,
			      "no Credentials with AccessKeyId, SecretAccessKey, SessionToken "
			      "and an ISO 8601 Expiration");
		iam_error_locate(err, source, 0, 0);
		return -1;
	}
	if (arn && !(out->arn = strdup(arn))) {
		iam_creds_clear(out);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	return 0;
}

/* Set key of o to the text at path under n, when there. */
static int put_text(json_t *o, const char *key, const xmlNode *n, const char *path)
{
	char *t = iam_xml_text(n, path);
	int rc;

	if (!t)
		return 0;
	rc = json_object_set_new(o, key, json_string(t));
	if (strstr(key, "Secret") || strstr(key, "Token"))
		iam_http_wipe_free(t);
	else
		free(t);
	return rc;
}

static json_t *answer_credentials(const xmlNode *c)
{
	json_t *o = json_object();
	char *exp = iam_xml_text(c, "Expiration"), buf[40];
	time_t t = iam_iso8601_parse(exp);

	free(exp);
	if (!o || t == (time_t)-1) {
		json_decref(o);
		return NULL;
	}
	iam_time_cli(t, buf, sizeof buf);
	if (put_text(o, "AccessKeyId", c, "AccessKeyId") < 0 ||
	    put_text(o, "SecretAccessKey", c, "SecretAccessKey") < 0 ||
	    put_text(o, "SessionToken", c, "SessionToken") < 0 ||
	    json_object_set_new(o, "Expiration", json_string(buf)) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The AWS CLI's JSON of an AssumeRole* answer's Result element r.  Each
 * object is put into its parent as soon as made, so one decref frees all. */
static json_t *answer_json(const xmlNode *root, const xmlNode *r)
{
	json_t *a = json_object(), *u, *md;
	const xmlNode *aru = iam_xml_child(r, "AssumedRoleUser");
	static const char *const extra[] = { "SubjectFromWebIdentityToken", "Provider",
					     "Audience", "SourceIdentity", NULL };
	char *pps;

	if (!a || !aru ||
	    json_object_set_new(a, "Credentials",
				answer_credentials(iam_xml_child(r, "Credentials"))) < 0 ||
	    json_object_set_new(a, "AssumedRoleUser", u = json_object()) < 0 ||
	    put_text(u, "AssumedRoleId", aru, "AssumedRoleId") < 0 ||
	    put_text(u, "Arn", aru, "Arn") < 0)
		goto bad;
	pps = iam_xml_text(r, "PackedPolicySize");
	if (pps && json_object_set_new(a, "PackedPolicySize", json_integer(atoi(pps))) < 0) {
		free(pps);
		goto bad;
	}
	free(pps);
	for (size_t i = 0; extra[i]; i++)
		if (put_text(a, extra[i], r, extra[i]) < 0)
			goto bad;
	if (json_object_set_new(a, "ResponseMetadata", md = json_object()) < 0 ||
	    put_text(md, "RequestId", root, "ResponseMetadata/RequestId") < 0 ||
	    json_object_set_new(md, "HTTPStatusCode", json_integer(200)) < 0 ||
	    json_object_set_new(md, "RetryAttempts", json_integer(0)) < 0)
		goto bad;
	return a;
bad:
	json_decref(a);
	return NULL;
}

/* POST a query-protocol call; the answer's document in *doc. */
static int query(struct iam_live *L, const struct iam_endpoint *ep, const struct iam_creds *c,
		 const char *call, const char *const *pairs, xmlDoc **doc,
		 struct iam_error *err)
{
	struct iam_http_resp rs;
	struct iam_http_req rq = {
		.method = "POST", .url = ep->url, .call = call,
		.service = c ? ep->signing_name : NULL, .region = ep->region, .creds = c,
		.content_type = "application/x-www-form-urlencoded; charset=utf-8",
	};
	char *body = iam_http_form(pairs);
	int rc;

	*doc = NULL;
	if (!body)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	rq.body = body;
	rq.body_len = strlen(body);
	rc = iam_http_call(L, &rq, &rs, err);
	iam_http_wipe_free(body);
	if (rc == 0) {
		*doc = iam_xml_parse(call, rs.body, rs.len, err);
		rc = *doc ? 0 : -1;
	}
	if (rs.body)
		memset(rs.body, 0, rs.len);   /* it may hold a secret key */
	iam_http_resp_free(&rs);
	return rc;
}

static int assume_answer(xmlDoc *doc, const char *result, const char *call,
			 struct iam_creds *out, json_t **answer, struct iam_error *err)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *r = iam_xml_child(root, result);
	json_t *a = r ? answer_json(root, r) : NULL;
	int rc;

	if (!a) {
		iam_error_set(err, IAM_ERR_SCHEMA, NULL,
			      "%s: the answer has no %s with Credentials and AssumedRoleUser",
			      call, result);
		return -1;
	}
	rc = iam_creds_from_answer(a, call, out, err);
	if (rc == 0 && answer)
		*answer = a;
	else
		json_decref(a);
	return rc;
}

int iam_sts_assume_role(struct iam_live *L, const struct iam_endpoint *ep,
			const struct iam_creds *caller,
			const struct iam_assume_params *p, struct iam_creds *out,
			json_t **answer, struct iam_error *err)
{
	char dur[24];
	const char *pairs[] = {
		"Action", "AssumeRole", "Version", "2011-06-15",
		"RoleArn", p->role_arn, "RoleSessionName", p->session_name,
		"ExternalId", p->external_id, "SerialNumber", p->serial_number,
		"TokenCode", p->token_code, "Policy", p->policy,
		"DurationSeconds", p->duration ? dur : NULL, NULL,
	};
	xmlDoc *doc;
	int rc;

	memset(out, 0, sizeof *out);
	if (answer)
		*answer = NULL;
	snprintf(dur, sizeof dur, "%ld", p->duration);
	if (query(L, ep, caller, "sts:AssumeRole", pairs, &doc, err) < 0)
		return -1;
	rc = assume_answer(doc, "AssumeRoleResult", "sts:AssumeRole", out, answer, err);
	xmlFreeDoc(doc);
	if (rc == 0)
		out->source = "sts:AssumeRole";
	return rc;
}

int iam_sts_assume_role_web_identity(struct iam_live *L, const struct iam_endpoint *ep,
				     const char *role_arn, const char *session_name,
				     const char *token, long duration,
				     struct iam_creds *out, json_t **answer,
				     struct iam_error *err)
{
	char dur[24];
	const char *pairs[] = {
		"Action", "AssumeRoleWithWebIdentity", "Version", "2011-06-15",
		"RoleArn", role_arn, "RoleSessionName", session_name,
		"WebIdentityToken", token, "DurationSeconds", duration ? dur : NULL, NULL,
	};
	xmlDoc *doc;
	int rc;

	memset(out, 0, sizeof *out);
	if (answer)
		*answer = NULL;
	snprintf(dur, sizeof dur, "%ld", duration);
	if (query(L, ep, NULL, "sts:AssumeRoleWithWebIdentity", pairs, &doc, err) < 0)
		return -1;
	rc = assume_answer(doc, "AssumeRoleWithWebIdentityResult",
			   "sts:AssumeRoleWithWebIdentity", out, answer, err);
	xmlFreeDoc(doc);
	if (rc == 0)
		out->source = "sts:AssumeRoleWithWebIdentity";
	return rc;
}

static void copy_node(const xmlNode *r, const char *name, char *dst, size_t n)
{
	char *t = iam_xml_text(r, name);

	snprintf(dst, n, "%s", t ? t : "");
	free(t);
}

int iam_sts_get_caller_identity(struct iam_live *L, const struct iam_endpoint *ep,
				const struct iam_creds *c,
				struct iam_caller_identity *id, struct iam_error *err)
{
	const char *pairs[] = { "Action", "GetCallerIdentity", "Version", "2011-06-15", NULL };
	xmlDoc *doc;
	const xmlNode *r;

	memset(id, 0, sizeof *id);
	if (query(L, ep, c, "sts:GetCallerIdentity", pairs, &doc, err) < 0)
		return -1;
	r = iam_xml_child(xmlDocGetRootElement(doc), "GetCallerIdentityResult");
	if (!r || !iam_xml_child(r, "Arn")) {
		xmlFreeDoc(doc);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "sts:GetCallerIdentity: the answer has no "
				     "GetCallerIdentityResult with an Arn");
	}
	copy_node(r, "Account", id->account, sizeof id->account);
	copy_node(r, "Arn", id->arn, sizeof id->arn);
	copy_node(r, "UserId", id->user_id, sizeof id->user_id);
	xmlFreeDoc(doc);
	return 0;
}
