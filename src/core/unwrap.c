/* core/unwrap.c - the policy inside AWS CLI and API output (unwrap.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "core/unwrap.h"

/* One output shape: the members its top level may have, those it must
 * have, and the path from the top to the policy. */
struct shape {
	const char *name;
	const char *const members[4];  /* allowed top-level members */
	const char *need;              /* a member it must have beside path[0] */
	const char *const path[3];     /* to the policy */
	int first;                     /* 1: path[0] must be an object, -1:
					* must not be, 0: either */
	enum iam_policy_type type;
};

static const struct shape shapes[] = {
	{ "aws iam get-policy-version output", { "PolicyVersion" }, NULL,
	  { "PolicyVersion", "Document" }, 0, IAM_POLICY_AUTO },
	{ "aws iam get-role-policy output", { "RoleName", "PolicyName", "PolicyDocument" },
	  "RoleName", { "PolicyDocument" }, 0, IAM_POLICY_AUTO },
	{ "aws iam get-user-policy output", { "UserName", "PolicyName", "PolicyDocument" },
	  "UserName", { "PolicyDocument" }, 0, IAM_POLICY_AUTO },
	{ "aws iam get-group-policy output", { "GroupName", "PolicyName", "PolicyDocument" },
	  "GroupName", { "PolicyDocument" }, 0, IAM_POLICY_AUTO },
	{ "aws iam get-role output", { "Role" }, NULL,
	  { "Role", "AssumeRolePolicyDocument" }, 0, IAM_POLICY_TRUST },
	{ "aws organizations describe-policy output", { "Policy" }, NULL,
	  { "Policy", "Content" }, 1, IAM_POLICY_AUTO },
	{ "aws s3api get-bucket-policy or kms get-key-policy output", { "Policy" },
	  NULL, { "Policy" }, -1, IAM_POLICY_AUTO },
	{ "aws kms get-key-policy output", { "Policy", "PolicyName" }, "PolicyName",
	  { "Policy" }, -1, IAM_POLICY_AUTO },
	{ "aws lambda get-policy output", { "Policy", "RevisionId" }, "RevisionId",
	  { "Policy" }, -1, IAM_POLICY_AUTO },
	{ "aws sqs get-queue-attributes or sns get-topic-attributes output",
	  { "Attributes" }, NULL, { "Attributes", "Policy" }, 0, IAM_POLICY_AUTO },
	{ "aws secretsmanager get-resource-policy output", { "ARN", "Name", "ResourcePolicy" },
	  NULL, { "ResourcePolicy" }, 0, IAM_POLICY_AUTO },
	{ "aws ecr get-repository-policy output",
	  { "registryId", "repositoryName", "policyText" }, NULL, { "policyText" },
	  0, IAM_POLICY_AUTO },
};

static bool allowed(const struct shape *s, const char *key)
{
	for (size_t i = 0; i < sizeof(s->members) / sizeof(s->members[0]); i++)
		if (s->members[i] && strcmp(s->members[i], key) == 0)
			return true;
	return false;
}

static const struct shape *find_shape(json_t *node)
{
	if (!json_is_object(node) || json_object_get(node, "Statement"))
		return NULL;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		const struct shape *s = &shapes[i];
		json_t *first = json_object_get(node, s->path[0]), *v;
		const char *key;
		bool ok = first != NULL;

		if (s->need && !json_object_get(node, s->need))
			ok = false;
		if ((s->first > 0 && !json_is_object(first)) ||
		    (s->first < 0 && json_is_object(first)))
			ok = false;
		json_object_foreach(node, key, v)
			if (!allowed(s, key))
				ok = false;
		if (ok)
			return s;
	}
	return NULL;
}

const char *iam_unwrap_kind(json_t *node)
{
	const struct shape *s = find_shape(node);

	return s ? s->name : NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s into a new buffer; -1 with *bad set to the offset of
 * a '%' that is not followed by two hex digits, -2 out of memory. */
static int url_decode(const char *s, size_t n, char **out, size_t *outlen,
		      size_t *bad)
{
	char *o = malloc(n + 1);
	size_t k = 0;

	if (!o)
		return -2;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			o[k++] = s[i];
			continue;
		}
		if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
			free(o);
			*bad = i;
			return -1;
		}
		o[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
		i += 2;
	}
	o[k] = '\0';
	*out = o;
	*outlen = k;
	return 0;
}

/* The policy is the text of the string v at u->pointer in doc. */
static int from_string(struct iam_json_doc *doc, json_t *v,
		       struct iam_unwrapped *u, struct iam_error *err)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), lead = strspn(s, " \t\r\n");
	struct iam_error e = IAM_ERROR_INIT;
	char *decoded = NULL;
	int line = 0, col = 0, rc;

	iam_json_locate(doc, u->pointer, &line, &col);
	if (s[lead] == '%') {
		size_t bad = 0;

		rc = url_decode(s, n, &decoded, &n, &bad);
		if (rc == -2)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		if (rc < 0) {
			iam_error_set(err, IAM_ERR_SCHEMA, u->pointer,
				      "%s is URL-encoded, but '%%' at character %zu is not followed by two hex digits",
				      u->pointer, bad + 1);
			iam_error_locate(err, doc->source, line, col);
			return -1;
		}
		u->url_encoded = true;
		s = decoded;
	}
	rc = iam_json_load_buffer(&u->inner, doc->source, s, n, &e);
	free(decoded);
	if (rc < 0) {
		if (e.code == IAM_ERR_NOMEM)
			return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		iam_error_set(err, IAM_ERR_SCHEMA, u->pointer,
			      "the %spolicy in the string %s is not JSON: %s (line %d, column %d of the policy)",
			      u->url_encoded ? "URL-encoded " : "", u->pointer,
			      e.text, e.line, e.column);
		iam_error_locate(err, doc->source, line, col);
		return -1;
	}
	u->inner.at_line = line;
	u->inner.at_column = col;
	u->in_string = true;
	u->doc = &u->inner;
	u->node = u->inner.root;
	u->base = "";
	return 0;
}

/* The member of shape s missing or of the wrong type at u->pointer. */
static int bad_member(struct iam_json_doc *doc, const struct shape *s,
		      json_t *v, struct iam_unwrapped *u, struct iam_error *err,
		      const char *what)
{
	int line = 0, col = 0;

	iam_json_locate(doc, u->pointer, &line, &col);
	if (!v)
		iam_error_set(err, IAM_ERR_SCHEMA, u->pointer,
			      "%s has no %s: there is no policy in it", s->name,
			      u->pointer);
	else
		iam_error_set(err, IAM_ERR_SCHEMA, u->pointer,
			      "in %s, %s must be %s, not %s", s->name, u->pointer,
			      what, iam_json_type_name(v));
	iam_error_locate(err, doc->source, line, col);
	return -1;
}

int iam_unwrap(struct iam_json_doc *doc, json_t *node, const char *base,
	       struct iam_unwrapped *u, struct iam_error *err)
{
	const struct shape *s;
	size_t depth = 0;
	json_t *v;

	memset(u, 0, sizeof(*u));
	u->inner = (struct iam_json_doc)IAM_JSON_DOC_INIT;
	if (!node)
		node = doc->root;
	if (!base)
		base = "";
	iam_strlcpy_tail(u->pointer, base, sizeof(u->pointer));
	u->doc = doc;
	u->node = node;
	u->base = base;
	u->type = IAM_POLICY_AUTO;
	if (json_is_string(node) && node == doc->root) {
		/* a document that is a string: the policy as JSON text */
		snprintf(u->wrapper, sizeof(u->wrapper), "a JSON string");
		if (from_string(doc, node, u, err) < 0)
			return -1;
		if (u->url_encoded)
			snprintf(u->wrapper, sizeof(u->wrapper), "a URL-encoded JSON string");
		return 0;
	}
	s = find_shape(node);
	if (!s)
		return 0;
	u->type = s->type;
	v = node;
	for (; depth < sizeof(s->path) / sizeof(s->path[0]) && s->path[depth]; depth++) {
		if (depth > 0 && !json_is_object(v))
			return bad_member(doc, s, v, u, err, "an object");
		iam_jptr_push(u->pointer, sizeof(u->pointer), s->path[depth]);
		v = json_object_get(v, s->path[depth]);
		if (!v)
			return bad_member(doc, s, v, u, err, NULL);
	}
	snprintf(u->wrapper, sizeof(u->wrapper), "%s", s->name);
	if (json_is_string(v)) {
		if (from_string(doc, v, u, err) < 0)
			return -1;
		if (u->url_encoded)
			snprintf(u->wrapper, sizeof(u->wrapper), "%s, URL-encoded", s->name);
		return 0;
	}
	if (!json_is_object(v))
		return bad_member(doc, s, v, u, err,
				  "the policy: an object or a string of its JSON text");
	u->node = v;
	u->base = u->pointer;
	return 0;
}

int iam_unwrap_string(struct iam_json_doc *doc, json_t *node, const char *base,
		      struct iam_unwrapped *u, struct iam_error *err)
{
	memset(u, 0, sizeof(*u));
	u->inner = (struct iam_json_doc)IAM_JSON_DOC_INIT;
	iam_strlcpy_tail(u->pointer, base, sizeof(u->pointer));
	u->doc = doc;
	u->node = node;
	u->base = base;
	u->type = IAM_POLICY_AUTO;
	if (from_string(doc, node, u, err) < 0)
		return -1;
	snprintf(u->wrapper, sizeof(u->wrapper), "%s", u->url_encoded
		 ? "a URL-encoded JSON string" : "a JSON string");
	return 0;
}

void iam_unwrapped_release(struct iam_unwrapped *u)
{
	if (!u)
		return;
	iam_json_doc_release(&u->inner);
	u->in_string = false;
	u->node = NULL;
	u->doc = NULL;
}
