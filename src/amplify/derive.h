/* amplify/derive.h - what the two halves of the cli-inputs.json derivation
 * share: the template being built (amplify/derive.c: storage and the
 * user-pool groups; amplify/derive_auth.c: the Cognito auth stack).
 *
 * Ownership: the struct owns its JSON; the helpers take the reference of
 * the value they are given, even on failure.
 */
#ifndef IAM_AMPLIFY_DERIVE_H
#define IAM_AMPLIFY_DERIVE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct iam_amplify_project;

struct deriving {
	json_t *tpl, *res, *params;     /* the template, its Resources, parameters.json */
	json_t *place;                  /* logical ID -> JSON Pointer in the inputs file */
	const char *why;                /* set: the inputs are not what the CLI reads */
	char whybuf[300];
	bool nomem;
};

/* o[k] = v (v's reference taken); a NULL v or a failed set marks d->nomem. */
void iam_amplify_derive_set(struct deriving *d, json_t *o, const char *k, json_t *v);

/* A String parameter of the template, and its value in parameters.json
 * when value is not NULL. */
void iam_amplify_derive_declare(struct deriving *d, const char *name, json_t *value);

static inline void set(struct deriving *d, json_t *o, const char *k, json_t *v)
{
	iam_amplify_derive_set(d, o, k, v);
}

static inline void declare(struct deriving *d, const char *name, json_t *value)
{
	iam_amplify_derive_declare(d, name, value);
}

/* amplify/cdk_id.c: in out (outlen bytes) the logical ID CDK gives the
 * resource at construct path path[0..n-1] below its stack (n >= 2). */
void iam_amplify_cdk_logical_id(const char *const *path, size_t n, char *out, size_t outlen);

/* The stack of Cognito auth resource res from its cli-inputs.json (in:
 * the whole document), as amplify-category-auth's generator writes it. */
void iam_amplify_derive_cognito(struct deriving *d, const struct iam_amplify_project *p,
				const char *res, json_t *in);

#endif /* IAM_AMPLIFY_DERIVE_H */
