/* live/iamcall.c - IAM's query-protocol calls, their XML answers turned
 * into the JSON the AWS CLI prints, every page of a list, and the policy
 * documents decoded; Organizations' JSON 1.1 calls.
 *
 * Part of the live layer (live/fetch_impl.h).  The answers hold no
 * secret: ListAccessKeys gives key IDs, never a secret key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "live/fetch_impl.h"
#include "live/http.h"
#include "live/sts.h"
#include "live/xml.h"

#define IAM_VERSION "2010-05-08"
#define MAX_PAIRS 12

int iam_svc_open(struct iam_svc *x, struct iam_live *L, const struct iam_creds *c,
		 enum iam_service s, const char *region, struct iam_error *err)
{
	x->L = L;
	x->c = c;
	return iam_endpoint_resolve(L, s, iam_live_opts(L)->profile, region, &x->ep, err);
}

bool iam_last_code_is(const struct iam_live *L, const char *code)
{
	return strcmp(iam_live_last_error(L)->code, code) == 0;
}

/* ---- XML to the AWS CLI's JSON ---- */

static bool in(const char *name, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		if (strcmp(name, set[i]) == 0)
			return true;
	return false;
}

/* The elements that are lists (of <member>), even when empty. */
static const char *const list_names[] = {
	"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies",
	"GroupList", "AttachedManagedPolicies", "UserPolicyList", "GroupPolicyList",
	"RolePolicyList", "Tags", "InstanceProfileList", "Roles", "PolicyVersionList",
	"AccessKeyMetadata", "PolicyNames", "AttachedPolicies", "Groups", "Versions",
	NULL,
};
/* The structures, {} when empty (a role never used: <RoleLastUsed/>). */
static const char *const struct_names[] = {
	"RoleLastUsed", "PermissionsBoundary", "User", "Role", "Group", "Policy",
	"PolicyVersion", NULL,
};
static const char *const int_names[] = {
	"AttachmentCount", "PermissionsBoundaryUsageCount", "MaxSessionDuration", NULL,
};
static const char *const bool_names[] = {
	"IsAttachable", "IsDefaultVersion", "IsTruncated", NULL,
};

static bool has_elements(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

/* "2025-01-10T09:00:00Z" as the AWS CLI prints it (Python's isoformat):
 * "2025-01-10T09:00:00+00:00", a fraction as microseconds unless 0
 * ("...:00.120000+00:00").  Any other form is kept as it is. */
static json_t *date_json(const char *t)
{
	size_t n = strlen(t), k = 19, d = 0;
	char buf[48], us[8] = "000000";

	if (n < 20 || n > 40 || iam_iso8601_parse(t) == (time_t)-1 ||
	    (t[n - 1] != 'Z' && t[n - 1] != 'z'))
		return json_string(t);
	if (t[k] == '.')
		for (k++; t[k] >= '0' && t[k] <= '9'; k++)
			if (d < 6)
				us[d++] = t[k];
	if (k != n - 1)
		return json_string(t);
	if (strcmp(us, "000000") == 0)
		snprintf(buf, sizeof buf, "%.19s+00:00", t);
	else
		snprintf(buf, sizeof buf, "%.19s.%s+00:00", t, us);
	return json_string(buf);
}

static json_t *scalar_json(const char *name, const char *t)
{
	size_t n = strlen(name);

	if (in(name, int_names)) {
		char *end;
		long long v = strtoll(t, &end, 10);

		return *t && !*end ? json_integer(v) : json_string(t);
	}
	if (in(name, bool_names))
		return strcmp(t, "true") == 0 ? json_true() : json_false();
	if (n > 4 && strcmp(name + n - 4, "Date") == 0)
		return date_json(t);
	return json_string(t);
}

static json_t *text_json(const xmlNode *n, const char *name)
{
	char *t = iam_xml_text(n, "");
	json_t *j = t ? scalar_json(name, t) : NULL;

	free(t);
	return j;
}

static json_t *list_json(const xmlNode *n)
{
	json_t *a = json_array();

	for (const xmlNode *m = iam_xml_child(n, "member"); a && m; m = iam_xml_next(m)) {
		json_t *v = has_elements(m) ? iam_xml_json(m) : text_json(m, "member");

		if (json_array_append_new(a, v) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *iam_xml_json(const xmlNode *n)
{
	json_t *o;

	if (!has_elements(n))
		return in((const char *)n->name, struct_names) ? json_object()
							      : text_json(n, (const char *)n->name);
	if (!(o = json_object()))
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		const char *name = (const char *)c->name;
		json_t *v;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		v = in(name, list_names) ? list_json(c) : iam_xml_json(c);
		if (json_object_set_new(o, name, v) < 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* ---- the calls ---- */

static int result_of(xmlDoc *doc, const char *action, const char *call, json_t **result,
		     struct iam_error *err)
{
	char name[96];
	const xmlNode *r;

	snprintf(name, sizeof name, "%sResult", action);
	r = iam_xml_child(xmlDocGetRootElement(doc), name);
	if (!r)
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL, "%s: the answer has no %s",
				     call, name);
	/* an answer with nothing in it (ListAccessKeys of no key) is {} */
	*result = has_elements(r) ? iam_xml_json(r) : json_object();
	if (!*result || !json_is_object(*result)) {
		json_decref(*result);
		*result = NULL;
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	return 0;
}

static int post(struct iam_svc *x, const char *call, const char *body, struct iam_http_resp *rs,
		const char *content_type, const char *const *headers, struct iam_error *err)
{
	struct iam_http_req rq = {
		.method = "POST", .url = x->ep.url, .call = call,
		.service = x->ep.signing_name, .region = x->ep.region, .creds = x->c,
		.body = body, .body_len = strlen(body), .content_type = content_type,
		.headers = headers,
	};

	return iam_http_call(x->L, &rq, rs, err);
}

int iam_iam_call(struct iam_svc *x, const char *action, const char *const *pairs,
		 json_t **result, struct iam_error *err)
{
	const char *all[2 * MAX_PAIRS + 5] = { "Action", action, "Version", IAM_VERSION };
	struct iam_http_resp rs;
	char call[96], *body;
	size_t n = 4;
	xmlDoc *doc;
	int rc;

	*result = NULL;
	snprintf(call, sizeof call, "iam:%s", action);
	for (size_t i = 0; pairs && pairs[i] && n < 2 * MAX_PAIRS + 4; i += 2) {
		all[n++] = pairs[i];
		all[n++] = pairs[i + 1];
	}
	all[n] = NULL;
	if (!(body = iam_http_form(all)))
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	rc = post(x, call, body, &rs, "application/x-www-form-urlencoded; charset=utf-8",
		  NULL, err);
	free(body);
	if (rc == 0) {
		doc = iam_xml_parse(call, rs.body, rs.len, err);
		rc = doc ? result_of(doc, action, call, result, err) : -1;
		xmlFreeDoc(doc);
	}
	iam_http_resp_free(&rs);
	return rc;
}

/* Append page's arrays named by keys to acc's. */
static int append_lists(json_t *acc, const json_t *page, const char *const *keys)
{
	for (size_t i = 0; keys[i]; i++) {
		json_t *have = json_object_get(acc, keys[i]);
		json_t *add = json_object_get(page, keys[i]);

		if (!have) {
			if (json_object_set_new(acc, keys[i], have = json_array()) < 0)
				return -1;
		}
		if (json_is_array(add) && json_array_extend(have, add) < 0)
			return -1;
	}
	return 0;
}

/* pairs, then MaxItems and Marker, into all (2 * MAX_PAIRS + 1). */
static void page_pairs(const char **all, const char *const *pairs, const char *max_items,
		       const char *marker)
{
	size_t n = 0;

	for (size_t i = 0; pairs && pairs[i] && n < 2 * MAX_PAIRS - 4; i += 2) {
		all[n++] = pairs[i];
		all[n++] = pairs[i + 1];
	}
	all[n++] = "MaxItems";
	all[n++] = max_items;
	all[n++] = "Marker";
	all[n++] = marker;
	all[n] = NULL;
}

int iam_iam_paged(struct iam_svc *x, const char *action, const char *const *pairs,
		  const char *max_items, const char *const *keys, json_t *acc,
		  iam_page_fn page, void *arg, struct iam_error *err)
{
	const char *all[2 * MAX_PAIRS + 1];
	char *marker = NULL;
	json_t *r = NULL;
	int rc;

	do {
		const char *next;

		page_pairs(all, pairs, max_items, marker);
		json_decref(r);
		if ((rc = iam_iam_call(x, action, all, &r, err)) < 0)
			break;
		if (append_lists(acc, r, keys) < 0) {
			rc = iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			break;
		}
		if (page)
			page(arg, r);
		next = json_string_value(json_object_get(r, "Marker"));
		free(marker);
		marker = NULL;
		if (json_is_true(json_object_get(r, "IsTruncated")) &&
		    (!next || !*next || !(marker = strdup(next)))) {
			rc = next && *next ? iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory")
					   : iam_error_set(err, IAM_ERR_SCHEMA, NULL,
							   "iam:%s: a truncated answer without a Marker",
							   action);
			break;
		}
	} while (marker);
	free(marker);
	json_decref(r);
	return rc;
}

/* ---- documents ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *iam_url_decode(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	if (!out)
		return NULL;
	for (; *s; s++) {
		int hi, lo;

		if (*s != '%') {
			*o++ = *s;
			continue;
		}
		hi = hexval((unsigned char)s[1]);
		lo = hi < 0 ? -1 : hexval((unsigned char)s[2]);
		if (lo < 0 || (hi == 0 && lo == 0)) {
			free(out);
			return NULL;
		}
		*o++ = (char)(hi * 16 + lo);
		s += 2;
	}
	*o = 0;
	return out;
}

static const char *const doc_names[] = {
	"PolicyDocument", "AssumeRolePolicyDocument", "Document", NULL,
};

/* Who holds a document: "policy NAME of ARN", "version V of ARN". */
static void holder(const json_t *o, const char *owner, char *buf, size_t n)
{
	const char *arn = json_string_value(json_object_get(o, "Arn"));
	const char *pn = json_string_value(json_object_get(o, "PolicyName"));
	const char *v = json_string_value(json_object_get(o, "VersionId"));

	if (arn && !pn)
		snprintf(buf, n, "%s", arn);
	else if (pn)
		snprintf(buf, n, "policy %s of %s", pn, owner);
	else if (v)
		snprintf(buf, n, "version %s of %s", v, owner);
	else
		snprintf(buf, n, "%s", owner);
}

static int decode_one(json_t *o, const char *key, const char *call, const char *who,
		      struct iam_error *err)
{
	const char *s = json_string_value(json_object_get(o, key));
	char *text = iam_url_decode(s);
	json_error_t je;
	json_t *doc;

	if (!text)
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: the %s of %s is not URL-encoded", call, key, who);
	doc = json_loads(text, JSON_DECODE_ANY, &je);
	free(text);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "%s: the %s of %s is not a JSON object%s%s", call, key, who,
				     je.text[0] ? ": " : "", je.text);
	}
	if (json_object_set_new(o, key, doc) < 0)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

int iam_docs_decode(json_t *v, const char *call, const char *owner, struct iam_error *err)
{
	const char *key, *arn;
	char who[1024];
	json_t *m;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, m)
			if (iam_docs_decode(m, call, owner, err) < 0)
				return -1;
		return 0;
	}
	if (!json_is_object(v))
		return 0;
	arn = json_string_value(json_object_get(v, "Arn"));
	holder(v, owner, who, sizeof who);
	json_object_foreach(v, key, m) {
		if (in(key, doc_names) && json_is_string(m)) {
			if (decode_one(v, key, call, who, err) < 0)
				return -1;
		} else if (iam_docs_decode(m, call, arn ? arn : owner, err) < 0) {
			return -1;
		}
	}
	return 0;
}

/* ---- Organizations: JSON 1.1 ---- */

int iam_org_call(struct iam_svc *x, const char *action, json_t *body, json_t **answer,
		 struct iam_error *err)
{
	char target[128], call[96], *text = json_dumps(body, JSON_COMPACT);
	const char *headers[] = { target, NULL };
	struct iam_http_resp rs;
	json_error_t je;
	int rc;

	*answer = NULL;
	if (!text)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	snprintf(target, sizeof target, "X-Amz-Target: AWSOrganizationsV20161128.%s", action);
	snprintf(call, sizeof call, "organizations:%s", action);
	rc = post(x, call, text, &rs, "application/x-amz-json-1.1", headers, err);
	free(text);
	if (rc == 0) {
		*answer = json_loadb(rs.body, rs.len, 0, &je);
		if (!json_is_object(*answer)) {
			json_decref(*answer);
			*answer = NULL;
			rc = iam_error_set(err, IAM_ERR_SCHEMA, NULL,
					   "%s: the answer is not a JSON object: %s", call, je.text);
		}
	}
	iam_http_resp_free(&rs);
	return rc;
}
