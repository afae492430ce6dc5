/* lint/lint.h - the static checks of `iamgate lint`.
 *
 * Lint is a static pass over a policy document, like cedar's validator:
 * no request, no evaluation.  iam_policy_parse() first reports the grammar
 * problems (with their Access Analyzer codes); lint then runs its own
 * checks over the compiled tree, the JSON document and the action catalog:
 * actions, services and condition keys against the catalog, ARNs against
 * the catalog's ARN templates (lint/arn.h), operators against key
 * types, and the security checks (iam:PassRole with a wildcard resource,
 * tag keys the actions do not support, ...).  Every finding is a struct
 * iam_diag with the Access Analyzer issue code where Access Analyzer has
 * one (doc/lint-codes.md lists them), the JSON Pointer of the offending
 * element, its line and column, and the statement's Sid.
 *
 * A document is a policy, an AWS CLI get-policy-version answer
 * ({"PolicyVersion": {"Document": ...}}), or a CloudFormation template in
 * JSON, whose IAM policies and resource policies are linted where they
 * stand (lint/template.c); intrinsic functions are unknown values.
 *
 * Ownership: a struct iam_lint owns its ARN index; findings are appended
 * to a caller-owned struct iam_diags.  Nothing here prints.
 */
#ifndef IAM_LINT_H
#define IAM_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/diag.h"
#include "core/policy.h"
#include "core/rules.h"

struct iam_catalog;
struct iam_error;
struct iam_json_doc;
struct iam_lint;

enum {
	/* Check SCPs against the grammar Organizations had before it took
	 * the full IAM language (September 2025): no Condition, NotAction or
	 * specific Resource in Allow, no NotResource, action wildcards only
	 * at the end. */
	IAM_LINT_LEGACY_SCP = 1u << 0,
};

/* Every rule lint can report (core/rules.h): an Access Analyzer issue
 * code, or one of iamgate's own; sorted by code.  Static. */
const struct iam_rules *iam_lint_rule_table(void);
const struct iam_rule *iam_lint_rules(size_t *n);

/* The rule for a code, or NULL. */
const struct iam_rule *iam_lint_rule_find(const char *code);

/* A new linter for catalog cat (NULL: the built-in one), which must
 * outlive it.  flags: IAM_LINT_*.  NULL when out of memory. */
struct iam_lint *iam_lint_new(const struct iam_catalog *cat, unsigned flags);

/* NULL is a no-op. */
void iam_lint_free(struct iam_lint *L);

/* What a parsed document is. */
enum iam_lint_kind {
	IAM_LINT_KIND_POLICY,     /* has Statement (or is not an object) */
	IAM_LINT_KIND_WRAPPED,    /* AWS CLI or API output around a policy
				   * (core/unwrap.h), such as
				   * {"PolicyVersion": {"Document": ...}} */
	IAM_LINT_KIND_TEMPLATE,   /* CloudFormation: Resources, or
				   * AWSTemplateFormatVersion */
	IAM_LINT_KIND_OTHER,      /* an object that is none of these */
};

enum iam_lint_kind iam_lint_classify(json_t *root);

/* Lint the whole document (its kind decides how; IAM_LINT_KIND_OTHER is
 * linted as a policy; a wrapped policy is unwrapped, and said so by a
 * WRAPPED_POLICY finding, a wrapper without its policy is
 * WRAPPED_POLICY_INVALID; a byte-order mark is WITH_BYTE_ORDER_MARK).  type applies to a standalone policy (AUTO:
 * guessed); policies inside a template take the type of where they
 * stand.  Findings are appended to out.  Returns 0, or -1 with err set
 * (IAM_ERR_NOMEM). */
int iam_lint_doc(struct iam_lint *L, struct iam_json_doc *doc,
		 enum iam_policy_type type, struct iam_diags *out,
		 struct iam_error *err);

/* Where a policy stands, for the checks that depend on it. */
struct iam_lint_site {
	/* The CloudFormation resource type a resource policy is attached
	 * to ("AWS::S3::BucketPolicy"), or NULL when not known. */
	const char *attached_to;
	/* Template mode: an object whose only key is "Ref", "Condition" or
	 * starts with "Fn::" is an unknown value, never an error. */
	bool cfn;
};

/* Lint the policy at node (JSON Pointer base, "" for the root) of doc.
 * site may be NULL.  Returns 0, or -1 with err set (IAM_ERR_NOMEM). */
int iam_lint_policy(struct iam_lint *L, struct iam_json_doc *doc, json_t *node,
		    const char *base, enum iam_policy_type type,
		    const struct iam_lint_site *site, struct iam_diags *out,
		    struct iam_error *err);

/* Lint the CloudFormation template that doc holds (lint/template.c). */
int iam_lint_template(struct iam_lint *L, struct iam_json_doc *doc,
		      struct iam_diags *out, struct iam_error *err);

/* Lint an Amplify custom-policies.json, whose root is a list of
 * statements: the Amplify CLI deploys them as an identity policy of the
 * function's execution role (Version 2012-10-17; Effect Allow when not
 * given; a Resource string with "${env}" a Fn::Sub of the environment;
 * any other object a CloudFormation value, unknown here).  Findings carry
 * the file's own pointers ("/0/Action") and positions.  Returns 0; 1 when
 * the list is the placeholder the CLI writes, [{"Action": [],
 * "Resource": []}] (the CLI's own test: no first statement, or one with
 * an empty Action and Resource, and it deploys no policy at all, so
 * nothing is reported); -1 with err set (IAM_ERR_NOMEM). */
int iam_lint_statement_list(struct iam_lint *L, struct iam_json_doc *doc,
			    struct iam_diags *out, struct iam_error *err);

/* Sort findings by source, line, column (stable for ties). */
void iam_lint_sort(struct iam_diags *d);

#endif /* IAM_LINT_H */
