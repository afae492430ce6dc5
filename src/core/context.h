/* core/context.h - the request context: condition keys and their values.
 *
 * Keys are compared case-insensitively (ASCII), tag keys included: every
 * entry keeps its key as given and lower-cased.  A key is single-valued or
 * multivalued; a multivalued key may hold one value, or none (an empty set,
 * which is not the same as an absent key).  All strings are owned by the
 * context.
 *
 * Every function that builds or reads a context is declared here: the
 * values a request supplies (iam_context_add, _set_list, _add_json), the
 * time keys (iam_context_set_time) and the keys derived from the principal
 * (iam_context_derive, defined in core/principal.c beside the parser whose
 * fields it reads).
 */
#ifndef IAM_CONTEXT_H
#define IAM_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

struct iam_ctx_entry {
	char *key;     /* as given */
	char *key_lc;  /* lower-cased, for lookup */
	char **values;
	size_t n;
	bool multi;    /* given as a list / repeated */
};

struct iam_arena;
struct json_t;

struct iam_context {
	struct iam_ctx_entry *v;
	size_t n, cap;
	/* A hash index of the lower-cased keys, once there are many: slot
	 * holds entry index + 1, 0 when empty (open addressing, nslots a
	 * power of two).  Built and kept by the functions here, so that a
	 * request with a million keys is read in linear time.  A context is
	 * never copied by value. */
	size_t *slots, nslots;
};

#define IAM_CONTEXT_INIT { NULL, 0, 0, NULL, 0 }

/* Add a value to key.  The first add makes a single-valued key; adding to
 * an existing key appends and makes it multivalued (the CLI's repeated
 * -c KEY=V).  Returns 0, or -1 when out of memory. */
int iam_context_add(struct iam_context *ctx, const char *key, const char *value);

/* Set key to exactly this list (multivalued, possibly empty), replacing
 * any earlier value.  Returns 0, or -1 when out of memory. */
int iam_context_set_list(struct iam_context *ctx, const char *key,
			 const char *const *values, size_t n);

/* Set a single value unless the key is present already (for keys derived
 * from the principal: what the request supplies wins).  0 or -1. */
int iam_context_default(struct iam_context *ctx, const char *key,
			const char *value);

/* Add every key of src to dst (a key dst holds already keeps dst's value).
 * Returns 0, or -1 when out of memory. */
int iam_context_merge(struct iam_context *dst, const struct iam_context *src);

/* Remove key if present. */
void iam_context_remove(struct iam_context *ctx, const char *key);

/* Look a key up; key_lc must already be lower-case.  Borrowed; NULL when
 * the key is absent. */
const struct iam_ctx_entry *iam_context_get(const struct iam_context *ctx,
					    const char *key_lc);

/* Same, with a key of any case. */
const struct iam_ctx_entry *iam_context_find(const struct iam_context *ctx,
					     const char *key);

/* Add a context value from JSON (string, number, boolean, or an array of
 * them: a multivalued key).  Returns 0, or -1 with why set. */
int iam_context_add_json(struct iam_context *ctx, const char *key,
			 struct json_t *v, const char **why);

/* The times a Date condition can read: 0000-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z (ISO 8601's four-digit years), in epoch seconds. */
#define IAM_TIME_MIN (-62167219200.0)
#define IAM_TIME_MAX 253402300799.0

/* Set aws:CurrentTime and aws:EpochTime for epoch seconds t (unless the
 * context has them).  0; -1 when out of memory or t is outside
 * IAM_TIME_MIN..IAM_TIME_MAX (or not a number). */
int iam_context_set_time(struct iam_context *ctx, double t);

/* Add the keys AWS derives from the principal when the request does not
 * supply them (product.md): aws:PrincipalArn (the role ARN for an
 * assumed-role session), aws:PrincipalAccount, aws:PrincipalType,
 * aws:username (IAM users), aws:PrincipalIsAWSService (in every signed
 * request: true for service principals only) and aws:PrincipalServiceName
 * (service principals).  A principal iam_principal_parse() rejects adds
 * nothing.  Returns 0, or -1 when out of memory. */
int iam_context_derive(struct iam_context *ctx, const char *principal);

void iam_context_release(struct iam_context *ctx);

/* Lower-case ASCII copy of s, in arena a (NULL: the heap; free it).  NULL
 * when out of memory. */
char *iam_strdup_lower(struct iam_arena *a, const char *s);

#endif /* IAM_CONTEXT_H */
