/* core/vars.h - policy variables: `${key}`, `${key, 'default'}`, `${*}`,
 * `${?}`, `${$}` (iam-semantics.md section 5).
 *
 * A template is parsed once when a policy is compiled and expanded against
 * each request's context.  Variable names are case-insensitive.  A variable
 * whose key is absent (or multivalued: multivalued keys cannot be variables)
 * and has no default makes the expansion IAM_SUBST_ABSENT: a Resource entry
 * then matches nothing and a condition value matches nothing.
 */
#ifndef IAM_VARS_H
#define IAM_VARS_H

#include <stdbool.h>
#include <stddef.h>

struct iam_arena;
struct iam_context;
struct iam_tmpl;

enum iam_subst {
	IAM_SUBST_OK = 0,
	IAM_SUBST_ABSENT,
	IAM_SUBST_NOMEM,
};

/* Parse s.  On success returns 0 and sets *out to a new template, or to
 * NULL when s holds no `${`.  On a syntax error (unclosed brace, bad
 * default, empty name) returns -1 and writes a message into why. */
int iam_tmpl_parse(const char *s, struct iam_tmpl **out, char *why,
		   size_t whylen);

/* The same, with the template freed by arena a (NULL: by the caller, as
 * iam_tmpl_parse): do not iam_tmpl_free it. */
int iam_tmpl_parse_in(struct iam_arena *a, const char *s,
		      struct iam_tmpl **out, char *why, size_t whylen);

/* Expand against ctx.  With escape_wildcards the result is for
 * IAM_GLOB_ESCAPED: the template's own '*' and '?' stay wildcards while
 * `${*}`, `${?}` and substituted values become literal.  On IAM_SUBST_OK
 * *out is new (free it). */
enum iam_subst iam_tmpl_expand(const struct iam_tmpl *t,
			       const struct iam_context *ctx,
			       bool escape_wildcards, char **out);

/* Number of `${key}` variables (escapes not counted) and the i-th key,
 * lower-cased (borrowed). */
size_t iam_tmpl_nvars(const struct iam_tmpl *t);
const char *iam_tmpl_var(const struct iam_tmpl *t, size_t i);

void iam_tmpl_free(struct iam_tmpl *t);

#endif /* IAM_VARS_H */
