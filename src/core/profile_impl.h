/* core/profile_impl.h - what core/profile.c and core/profile_lint.c share.
 *
 * Private to the profile resolver (owned by the profile work).
 */
#ifndef IAM_PROFILE_IMPL_H
#define IAM_PROFILE_IMPL_H

#include "core/profile.h"

/* A resolution in progress. */
struct presolve {
	const struct iam_awsconfig *cfg;
	const struct iam_profile_env *env;
	struct iam_chain *ch;
	bool nomem;
};

/* Add a diag (text formatted, copied).  Returns the diag or NULL. */
struct iam_pdiag *pr_diag(struct presolve *R, enum iam_pdiag_sev sev, const char *code,
			  const char *file, int line, const char *profile,
			  const char *fmt, ...) __attribute__((format(printf, 7, 8)));
#define pr_error(R, code, v, prof, ...) \
	pr_diag((R), IAM_PDIAG_ERROR, (code), (v)->file ? (v)->file : (v)->env, (v)->line, \
		(prof), __VA_ARGS__)
#define pr_warn(R, code, v, prof, ...) \
	pr_diag((R), IAM_PDIAG_WARNING, (code), (v)->file ? (v)->file : (v)->env, (v)->line, \
		(prof), __VA_ARGS__)

char *pr_strdup(struct presolve *R, const char *s);
struct iam_chain *pr_chain_new(struct iam_error *err);

/* The STS and client-side checks of one AssumeRole hop's parameters (and
 * of the hop before it: role chaining's one-hour limit). */
void pr_check_role_params(struct presolve *R, const struct iam_hop *h, bool chained);
void pr_check_web_identity_params(struct presolve *R, const struct iam_hop *h);

/* The warnings about one profile's own sections: '#' in values, keys the
 * Amplify CLI reads otherwise. */
void pr_lint_profile_keys(struct presolve *R, const struct iam_awsprofile *p);

void pr_lint_amplify_chain(struct presolve *R, const struct iam_awsprofile *p);

/* Python's int() of a (stripped) value: 0 and *out, or -1. */
int pr_python_int(const char *s, long *out);

#endif /* IAM_PROFILE_IMPL_H */
