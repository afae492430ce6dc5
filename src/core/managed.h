/* core/managed.h - the AWS managed policies, embedded in the binary.
 *
 * An account snapshot often lacks the AWS managed policies that are only
 * a boundary, and users name AWS managed policies by ARN (-p
 * arn:aws:iam::aws:policy/AdministratorAccess-Amplify).  The default
 * version of every current AWS managed policy is compiled into the
 * engine from policies/aws-managed.jsonl (written by
 * tools/gen-aws-managed.sh from the MAMIP archive: see that script for
 * the source, and policies/README.aws-managed.md for its date and licence).  Each is
 * kept as its compact JSON text and parsed only when asked for.
 */
#ifndef IAM_MANAGED_H
#define IAM_MANAGED_H

#include <stdbool.h>
#include <stddef.h>

#include "core/policy.h"

struct iam_error;

/* The source name of the embedded policies, as findings and --explain
 * say it. */
#define IAM_MANAGED_SOURCE "<aws-managed>"

/* How many policies are embedded. */
size_t iam_managed_count(void);

/* The ARN of the i-th embedded policy (ARN order), or NULL past the end. */
const char *iam_managed_arn(size_t i);

/* Is this an AWS managed policy's ARN (arn:PARTITION:iam::aws:policy/...)? */
bool iam_managed_is_aws_arn(const char *arn);

/* Is a policy with this ARN embedded?  The partition is ignored
 * (arn:aws-cn:iam::aws:policy/X is arn:aws:iam::aws:policy/X). */
bool iam_managed_has(const char *arn);

/* Compile the embedded policy with this ARN as a policy of type type
 * (identity or boundary).  Its name is the policy's, its origin label and
 * ARN are set (iam_policy_set_origin), its statements have no positions.
 * NULL with err set: IAM_ERR_USAGE when no such policy is embedded,
 * IAM_ERR_NOMEM. */
struct iam_policy *iam_managed_compile(const char *arn, enum iam_policy_type type,
				       struct iam_error *err);

/* Version ID (e.g. "v3") of the embedded policy, into buf; NULL when no
 * such policy is embedded. */
const char *iam_managed_version(const char *arn, char *buf, size_t size);

#endif /* IAM_MANAGED_H */
