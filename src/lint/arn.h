/* lint/arn.h - which resource type an ARN is: the catalog's ARN
 * templates as PCRE2 patterns.
 *
 * Every resource type of the catalog has an ARN template such as
 * "arn:${Partition}:s3:::${BucketName}/${ObjectName}".  The first five
 * fields (partition, service, region, account) are compared field by field;
 * the resource part becomes an anchored PCRE2 pattern (JIT-compiled where
 * PCRE2 has a JIT), compiled once, on first use, for the life of the index:
 * a literal is itself, a placeholder is one or more characters other than
 * the literal character that follows it in the template (any character
 * when it ends the template).
 *
 * A policy ARN may hold wildcards ('*', '?') and policy variables (taken
 * as '*').  A concrete ARN is classified exactly.  For a pattern the
 * answer is "yes" when a wildcard stands in for placeholders (the pattern
 * itself matches, its wildcards being characters of the placeholders) or
 * when what comes before its final '*' is a prefix of some ARN of the type
 * (PCRE2 partial matching); "maybe" when a wildcard in the middle could
 * stand for a literal part of the template; "no" otherwise.  Checks that
 * report a problem act only on "no".
 *
 * This file is the only one of lint that includes pcre2.h; the policy
 * wildcard matcher (core/glob.c) needs no regular expressions.
 *
 * Ownership: an index borrows the catalog (which must outlive it) and owns
 * its compiled patterns.  Nothing here prints.
 */
#ifndef IAM_LINT_ARN_H
#define IAM_LINT_ARN_H

#include <stdbool.h>
#include <stddef.h>

struct iam_catalog;
struct iam_cat_resource;
struct iam_arn_index;

enum iam_arn_tri { IAM_ARN_NO = 0, IAM_ARN_MAYBE, IAM_ARN_YES };

/* The six fields of an ARN (views into the string): f[0] is "arn". */
struct iam_arn_parts {
	const char *f[6];
	size_t len[6];
	int nfields;             /* 1..6; the resource part keeps its colons */
};

/* Split s at its first five colons.  Returns the number of fields. */
int iam_arn_split(const char *s, struct iam_arn_parts *p);

/* A new index of every resource type of cat, or NULL when out of memory.
 * Patterns are compiled on first use. */
struct iam_arn_index *iam_arn_index_new(const struct iam_catalog *cat);

/* NULL is a no-op. */
void iam_arn_index_free(struct iam_arn_index *ix);

/* Is svc (len bytes, case-sensitive) the service field of some resource
 * type's ARN template?  *ci is set when it is one only ignoring case. */
bool iam_arn_service_known(struct iam_arn_index *ix, const char *svc,
			   size_t len, bool *ci);

/* What the resource types of an ARN's service say about it. */
struct iam_arn_verdict {
	size_t ntypes;           /* resource types with this ARN service */
	size_t ncand;            /* those whose resource part may match */
	bool exact;              /* some candidate matches for certain */
	bool region_empty;       /* every candidate has an empty region field */
	bool region_required;    /* every candidate has a region placeholder */
	bool account_empty;      /* likewise for the account field */
	bool account_required;
	const char *account_literal; /* a candidate's literal account ("aws") */
	const char *type;        /* the first candidate's type name */
	const char *service;     /* ... and its service prefix */
};

/* Classify p (nfields == 6) among the resource types of its service.
 * Returns 0, or -1 when out of memory. */
int iam_arn_classify(struct iam_arn_index *ix, const struct iam_arn_parts *p,
		     struct iam_arn_verdict *v);

/* Can the ARN pattern p be an ARN of the resource type r (a type or an
 * action's resource row from the same catalog)?  Fields 1-5 are compared
 * too (wildcards and empty fields as IAM matches them).  Out of memory
 * gives IAM_ARN_MAYBE. */
enum iam_arn_tri iam_arn_match_type(struct iam_arn_index *ix,
				    const struct iam_arn_parts *p,
				    const struct iam_cat_resource *r);

#endif /* IAM_LINT_ARN_H */
