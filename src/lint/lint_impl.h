/* lint/lint_impl.h - what the lint files share (private to src/lint/).
 *
 * The files call one way only:
 *
 *   lint.c      documents, one policy's pass, the parser's findings, sizes,
 *               redundant statements; calls the three below
 *   stmt.c      a statement's actions, resources and principals
 *   cond.c      a statement's conditions
 *   template.c  where a template's policy stands (its site)
 *   util.c      the helpers all of them use: findings, unknown values,
 *               pointers, the ARN index
 *
 * The checks read the compiled policy (core/policy.h) only, never the
 * json_t it came from: every element carries its JSON Pointer.
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

#include "core/cfn.h"
#include "core/diag.h"
#include "core/policy.h"
#include "lint/lint.h"

struct iam_arn_index;
struct iam_catalog;
struct iam_json_doc;

#define LINT_PATH_MAX IAM_CFN_POINTER_MAX

struct lint_action;

struct iam_lint {
	const struct iam_catalog *cat;
	unsigned flags;
	struct iam_arn_index *arn;       /* built on first use */
	bool arn_failed;
	struct lint_action *acache;      /* actions looked up, by text */
	size_t nacache, capacache;
};

struct lint_ctx {
	struct iam_lint *L;
	const struct iam_catalog *cat;
	struct iam_json_doc *doc;        /* for positions and sizes only */
	const char *base;                /* the policy's JSON Pointer */
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

/* ---- lint/util.c ---- */

/* Report a finding of rule `code` (its severity comes from the rule
 * table) at a JSON Pointer of the document (NULL: the policy's); nothing
 * is reported at or under an unknown value.  True when it was reported. */
bool lint_add(struct lint_ctx *lc, const char *code, const char *path,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Give the finding lint_add() just reported a further place: a JSON
 * Pointer of the document, located as lint_add() locates its own.  Call
 * it only when that lint_add() returned true. */
void lint_also(struct lint_ctx *lc, const char *path);

/* Is the pointer at or under an unknown template value? */
bool lint_under_unknown(const struct lint_ctx *lc, const char *path);

/* Record an unknown value's pointer.  -1 when out of memory. */
int lint_unknown_add(struct lint_ctx *lc, const char *path);

/* Forget the recorded pointers. */
void lint_unknown_release(struct lint_ctx *lc);

/* The pointer of element elem ("Condition") of the statement at spath,
 * into out (LINT_PATH_MAX bytes). */
void lint_elem_path(char *out, const char *spath, const char *elem);

/* The ARN index of the linter (NULL when it could not be built). */
struct iam_arn_index *lint_arn(struct lint_ctx *lc);

/* Does s look like a Region name ("us-east-1", "us-gov-west-1")? */
bool lint_region_like(const char *s, size_t n);

/* ---- the checks ---- */

/* lint/stmt.c: actions, resources, principals and the statement as a
 * whole. */
void lint_statement(struct lint_ctx *lc, const struct iam_policy *pol,
		    const struct iam_statement *st);

/* Free the action cache of a linter (lint/stmt.c). */
void lint_action_cache_free(struct iam_lint *L);

/* lint/cond.c: condition keys, operators and values. */
void lint_conditions(struct lint_ctx *lc, const struct iam_statement *st);

/* lint/template.c: the site of a policy a template holds. */
void lint_template_site(const struct iam_cfn_policy *p,
			struct iam_lint_site *site);

#endif /* IAM_LINT_IMPL_H */
