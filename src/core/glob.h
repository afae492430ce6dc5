/* core/glob.h - IAM wildcard matching ('*' and '?'), compiled once.
 *
 * Matching runs a bit-parallel simulation of the pattern's automaton: every
 * text byte costs O(ceil(m/64)) word operations for a pattern of m tokens,
 * so a match is linear in the text with no backtracking at all, whatever
 * the pattern (`*a*a*a*a*a*b` included).  Literal patterns and
 * `literal*` patterns take a plain comparison, and patterns whose '*'s
 * separate short segments (`s3:*Object*`) a leftmost search of each
 * segment in turn, also linear (see core/glob.c).
 *
 * Modes:
 *  - default: '*' is any run of bytes, '?' exactly one byte.
 *  - IAM_GLOB_ICASE: ASCII case-insensitive (actions).
 *  - IAM_GLOB_RESOURCE: Resource-element semantics for a pattern that starts
 *    with "arn:": the first five ':' split fields; in fields 1-5 '?' never
 *    matches ':' and '*' matches ':' only when it ends its field (is followed
 *    by ':' or ends the pattern); in the sixth (resource) field both match
 *    anything; wildcards in the service field are taken literally.
 *  - IAM_GLOB_ARNCOND: Arn* condition semantics for a pattern that starts
 *    with "arn:": like RESOURCE, but no wildcard in fields 1-5 crosses ':'
 *    (each field is matched separately) and the service field may hold
 *    wildcards.
 *  - IAM_GLOB_ESCAPED: '\x' stands for a literal x (used for patterns built
 *    by variable substitution, where `${*}` and substituted values are
 *    literal).
 */
#ifndef IAM_GLOB_H
#define IAM_GLOB_H

#include <stdbool.h>
#include <stddef.h>

enum {
	IAM_GLOB_ICASE = 1u << 0,
	IAM_GLOB_RESOURCE = 1u << 1,
	IAM_GLOB_ARNCOND = 1u << 2,
	IAM_GLOB_ESCAPED = 1u << 3,
	IAM_GLOB_NFA = 1u << 4,  /* tests: always run the automaton (the
				  * short-segment matcher is not used) */
};

struct iam_arena;
struct iam_glob;

/* Compile a pattern of len bytes.  Returns a new glob (free with
 * iam_glob_free), or NULL when out of memory. */
struct iam_glob *iam_glob_new(const char *pat, size_t len, unsigned flags);

/* The same, in arena a (NULL: the heap, as iam_glob_new): the glob lives
 * as long as the arena, and iam_glob_free() leaves it alone. */
struct iam_glob *iam_glob_new_in(struct iam_arena *a, const char *pat,
				 size_t len, unsigned flags);

/* Does the whole of s[0..len) match?  g must not be NULL. */
bool iam_glob_match(const struct iam_glob *g, const char *s, size_t len);

/* True when the pattern has no wildcard at all. */
bool iam_glob_is_literal(const struct iam_glob *g);

/* True when the pattern matches every string ("*"). */
bool iam_glob_is_any(const struct iam_glob *g);

/* For IAM_GLOB_RESOURCE patterns: does it stand for every resource of
 * `service` (the request resource "*" of an action that takes no ARN)?
 * True for "*" and for ARN patterns of that service whose remaining fields
 * end in a field-initial '*' ("arn:aws:s3:::*", "arn:aws:ec2:*"). */
bool iam_glob_covers_service(const struct iam_glob *g, const char *service,
			     size_t service_len);

/* Compile, match and free in one call: for one-off matches (tests, lint).
 * Returns 1 (match), 0 (no match) or -1 (out of memory). */
int iam_glob_match_once(const char *pat, const char *s, unsigned flags);

/* NULL, and a glob in an arena, are no-ops. */
void iam_glob_free(struct iam_glob *g);

#endif /* IAM_GLOB_H */
