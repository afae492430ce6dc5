/* core/managed.c - the embedded AWS managed policies (core/managed.h).
 *
 * The table is src/embedded_managed.c, generated at build time from
 * policies/aws-managed.jsonl by policies/embed-managed.sh: one compact JSON
 * line per policy, in ARN order.  A lookup is a binary search; a policy is
 * parsed only when compiled.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "core/managed.h"
#include "core/managed_impl.h"
#include "core/policy.h"

size_t iam_managed_count(void)
{
	static size_t n;

	if (!n)
		while (iam_managed_blobs[n].arn)
			n++;
	return n;
}

const char *iam_managed_arn(size_t i)
{
	return i < iam_managed_count() ? iam_managed_blobs[i].arn : NULL;
}

/* The part of arn after "arn:PARTITION:", or NULL when it is no ARN. */
static const char *after_partition(const char *arn)
{
	const char *p;

	if (strncmp(arn, "arn:", 4) != 0 || !(p = strchr(arn + 4, ':')))
		return NULL;
	return p + 1;
}

bool iam_managed_is_aws_arn(const char *arn)
{
	const char *rest = after_partition(arn);

	return rest && strncmp(rest, "iam::aws:policy/", 16) == 0;
}

static const struct iam_managed_blob *find(const char *arn)
{
	const char *rest = after_partition(arn);
	size_t lo = 0, hi = iam_managed_count();

	if (!rest || !iam_managed_is_aws_arn(arn))
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		/* every embedded ARN starts "arn:aws:" */
		int c = strcmp(iam_managed_blobs[mid].arn + 8, rest);

		if (c == 0)
			return &iam_managed_blobs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool iam_managed_has(const char *arn)
{
	return find(arn) != NULL;
}

const char *iam_managed_version(const char *arn, char *buf, size_t size)
{
	const struct iam_managed_blob *b = find(arn);
	const char *v, *end;

	if (!b || !(v = strstr(b->line, "\"version\":\"")))
		return NULL;
	v += 11;
	if (!(end = strchr(v, '"')))
		return NULL;
	snprintf(buf, size, "%.*s", (int)(end - v), v);
	return buf;
}

struct iam_policy *iam_managed_compile(const char *arn, enum iam_policy_type type,
				       struct iam_error *err)
{
	const struct iam_managed_blob *b = find(arn);
	struct iam_json_doc doc;
	struct iam_policy *p = NULL;
	json_t *node;

	if (!b) {
		iam_error_set(err, IAM_ERR_USAGE, NULL,
			      "no AWS managed policy %s is known", arn);
		return NULL;
	}
	if (iam_json_load_buffer(&doc, IAM_MANAGED_SOURCE, b->line, b->len, err) < 0)
		goto out;
	node = json_object_get(doc.root, "document");
	p = iam_policy_parse(&doc, node, "/document", type,
			     IAM_PARSE_NO_LOCATIONS | IAM_PARSE_ERRORS_ONLY, NULL, err);
	if (p && iam_policy_set_origin(p, strrchr(b->arn, '/') + 1, b->arn) < 0) {
		iam_policy_free(p);
		p = NULL;
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
out:
	iam_json_doc_release(&doc);
	return p;
}
