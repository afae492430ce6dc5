/* core/rules.h - the rule table of a static pass: every code it can
 * report, with its severity and one line that says what it means.
 *
 * Lint (lint/rules.c) and amplify (amplify/rules.c) each have one; a
 * finding (struct iam_diag) names its rule by code.  Every code has a page
 * doc/rules/CODE.md (tests/check-rule-docs.sh).  The tables are static and
 * sorted by code.
 */
#ifndef IAM_RULES_H
#define IAM_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

struct iam_rule {
	const char *code;        /* "PASS_ROLE_WITH_STAR_IN_RESOURCE" */
	enum iam_severity sev;   /* its default severity */
	const char *summary;     /* one line, lowercase, no final period */
	bool aa;                 /* an Access Analyzer issue code */
	/* SARIF: what a code-scanning UI shows of the rule; NULL: made from
	 * the code and the summary */
	const char *name;        /* "PassRoleWithStarInResource" */
	const char *full;        /* the full description */
};

struct iam_rules {
	const char *pass;        /* "lint", "amplify" */
	const struct iam_rule *v;
	size_t n;
};

/* The rule of table t for code, or NULL. */
const struct iam_rule *iam_rules_find(const struct iam_rules *t, const char *code);

#endif /* IAM_RULES_H */
