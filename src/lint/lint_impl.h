/* lint/lint_impl.h - what the lint files share (private to src/lint/).
 *
 * A struct lint_ctx is the state of one policy being linted: where it is,
 * what type it is, the findings list, and (templates) the JSON Pointers
 * of unknown values under which nothing is reported.
 */
#ifndef IAM_LINT_IMPL_H
#define IAM_LINT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/diag.h"
#include "lint/lint.h"
#include "core/policy.h"

struct iam_arn_index;
struct iam_catalog;
struct iam_json_doc;

#define LINT_PATH_MAX 512

/* The string an unknown template value is replaced with before parsing. */
#define LINT_UNKNOWN "\001unknown\001"

struct lint_action;

struct iam_lint {
	const struct iam_catalog *cat;
	unsigned flags;
	struct iam_arn_index *arn;       /* built on first use */
	bool arn_failed;
	struct lint_action *acache;      /* actions looked up, by text */
	size_t nacache, capacache;
};

/* Free the action cache of a linter (lint/stmt.c). */
void lint_action_cache_free(struct iam_lint *L);

struct lint_ctx {
	struct iam_lint *L;
	const struct iam_catalog *cat;
	struct iam_json_doc *doc;
	json_t *root;                    /* the policy object (sanitized) */
	const char *base;                /* its JSON Pointer */
	const char *source;
	enum iam_policy_type type;
	const struct iam_lint_site *site;
	struct iam_diags *out;
	bool nomem;
	enum iam_version version;
	char **unknown;                  /* pointers of unknown values */
	size_t nunknown, capunknown;
	/* the statement being checked */
	const char *sid;
	long stmt;
};

/* Report a finding of rule `code` (its severity comes from the rule
 * table) at a JSON Pointer of the document; nothing is reported at or
 * under an unknown value. */
void lint_add(struct lint_ctx *lc, const char *code, const char *path,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Is the pointer at or under an unknown template value? */
bool lint_under_unknown(const struct lint_ctx *lc, const char *path);

/* Record an unknown value's pointer.  -1 when out of memory. */
int lint_unknown_add(struct lint_ctx *lc, const char *path);

/* The value at a pointer relative to node ("" is node itself), or NULL. */
json_t *lint_jget(json_t *node, const char *rel);

/* Is this string a template's unknown value? */
bool lint_is_unknown(const char *s);

/* The ARN index of the linter (NULL when it could not be built). */
struct iam_arn_index *lint_arn(struct lint_ctx *lc);

/* The checks, one file each. */
void lint_statement(struct lint_ctx *lc, const struct iam_policy *pol,
		    const struct iam_statement *st, json_t *sobj,
		    const char *spath);
void lint_conditions(struct lint_ctx *lc, const struct iam_statement *st,
		     json_t *sobj, const char *spath);

/* Case-insensitive match of a condition key against a catalog key
 * template ("aws:RequestTag/${TagKey}": each placeholder is one or more
 * characters). */
bool lint_key_tmpl_match(const char *tmpl, const char *key);

/* Does s look like a Region name ("us-east-1", "us-gov-west-1")? */
bool lint_region_like(const char *s, size_t n);

#endif /* IAM_LINT_IMPL_H */
