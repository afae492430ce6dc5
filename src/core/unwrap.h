/* core/unwrap.h - the policy inside what the AWS CLI and APIs print.
 *
 * Users hand over what `aws iam get-policy-version` and its kin print, not
 * the bare policy.  iam_unwrap() recognises those outputs by their exact
 * top-level shape and finds the policy in them:
 *
 *   aws iam get-policy-version          {"PolicyVersion": {"Document": P, ...}}
 *   aws iam get-role-policy (user/group) {"RoleName", "PolicyName", "PolicyDocument": P}
 *   aws iam get-role                    {"Role": {..., "AssumeRolePolicyDocument": P}}
 *                                       (a trust policy)
 *   aws s3api get-bucket-policy,
 *   aws kms get-key-policy,
 *   aws lambda get-policy               {"Policy": S} (+ "PolicyName" / "RevisionId")
 *   aws organizations describe-policy   {"Policy": {"PolicySummary", "Content": S}}
 *   aws sqs get-queue-attributes,
 *   aws sns get-topic-attributes        {"Attributes": {"Policy": S, ...}}
 *   aws secretsmanager get-resource-policy {"ARN", "Name", "ResourcePolicy": S}
 *   aws ecr get-repository-policy       {"registryId", "repositoryName", "policyText": S}
 *   a document that is a JSON string    S
 *
 * The object has no other top-level member than those listed, and never a
 * "Statement": a policy is never taken for a wrapper.  P is the policy as
 * an object, or as a string; S is the policy as a string.  A string holds
 * the policy as JSON text, or URL-encoded (RFC 3986 percent-encoding, as
 * the IAM query API returns documents: "%7B%22Version%22...").
 *
 * A policy in a string is parsed as a document of its own (inner), named
 * like the file.  Its findings cannot point inside the string, so every
 * element of it is located at the member that holds the string
 * (iam_json_doc.at_line); their JSON Pointers are relative to the policy
 * (/Statement/0/Action), not to the file.
 */
#ifndef IAM_UNWRAP_H
#define IAM_UNWRAP_H

#include <stdbool.h>

#include <jansson.h>

#include "core/json.h"
#include "core/policy.h"

struct iam_error;

struct iam_unwrapped {
	char wrapper[96];            /* "" for a plain policy, else what it was
				      * unwrapped from: "aws iam get-role
				      * output", with ", URL-encoded" when
				      * it was */
	char pointer[256];           /* in the file: the policy, or the
				      * string that holds it */
	struct iam_json_doc *doc;    /* the policy's document: the file's,
				      * or &inner */
	json_t *node;                /* the policy (borrowed from doc) */
	const char *base;            /* its pointer in doc: pointer, or ""
				      * in a string */
	enum iam_policy_type type;   /* IAM_POLICY_AUTO, or the type the
				      * wrapper implies (get-role: trust) */
	bool in_string;              /* the policy was a string's text */
	bool url_encoded;
	struct iam_json_doc inner;   /* owned, when in_string */
};

/* The name of the wrapper `node` has the shape of, or NULL (a policy, or
 * anything else).  A recognised wrapper may still lack its policy. */
const char *iam_unwrap_kind(json_t *node);

/* Find the policy in node (NULL: doc's root), whose pointer in doc is base
 * (NULL: "").  Not a wrapper: u is the node itself (u->wrapper is "").
 * Returns 0, or -1 with err set: IAM_ERR_SCHEMA, naming the JSON Pointer
 * and the position of the member, when the wrapper's policy is missing,
 * of the wrong type, or a string that is not a policy's JSON text (the
 * position in the string is said in the message); IAM_ERR_NOMEM.  doc
 * must outlive u.  Release u with iam_unwrapped_release() either way. */
int iam_unwrap(struct iam_json_doc *doc, json_t *node, const char *base,
	       struct iam_unwrapped *u, struct iam_error *err);

/* The policy in the string node (at base in doc), anywhere in doc: its
 * text is JSON, or URL-encoded JSON (account snapshots hold documents so).
 * Returns 0 or -1 as iam_unwrap. */
int iam_unwrap_string(struct iam_json_doc *doc, json_t *node, const char *base,
		      struct iam_unwrapped *u, struct iam_error *err);

void iam_unwrapped_release(struct iam_unwrapped *u);

#endif /* IAM_UNWRAP_H */
