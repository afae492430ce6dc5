/* live/fetch.h - the account, read from IAM (and Organizations) into the
 * snapshot the offline commands read (core/account.h).
 *
 * A fetched account is the same document as a snapshot file: the JSON
 * `aws iam get-account-authorization-details` prints (UserDetailList,
 * GroupDetailList, RoleDetailList, Policies; every policy document a JSON
 * object, decoded from the API's URL-encoding), each user with its
 * AccessKeyMetadata (ListAccessKeys: key IDs and status, never a secret).
 * iam_accounts_load_buffer reads it as it reads a file.
 *
 * The whole account: iam_fetch_account (GetAccountAuthorizationDetails,
 * every page, then ListAccessKeys for each user).  Just what a question
 * needs (--live): a struct iam_fetched collects principals and policies,
 * each fetched once, into one snapshot document:
 *
 *   struct iam_fetched *F = iam_fetched_new();
 *   iam_fetch_principal(L, creds, F, "arn:aws:iam::1:role/deploy", &err);
 *   iam_fetch_policy(L, creds, F, boundary_arn, &err);
 *   json_t *snap = iam_fetched_json(F);          (borrowed)
 *   ... iam_accounts_load_buffer(A, "live", json_dumps(snap), ...)
 *   iam_fetched_free(F);
 */
#ifndef IAM_LIVE_FETCH_H
#define IAM_LIVE_FETCH_H

#include <stddef.h>

#include <jansson.h>

#include "live/live.h"

struct iam_error;

struct iam_fetch_progress {
	size_t pages;             /* GetAccountAuthorizationDetails pages read */
	size_t users, groups, roles, policies;  /* principals and policies so far */
	size_t keys_done;         /* users whose access keys are listed */
};

/* Called after each page and each ListAccessKeys (may be NULL). */
typedef void (*iam_fetch_progress_fn)(const struct iam_fetch_progress *p, void *arg);

/* The whole account of creds, in region's partition, max_items entities
 * a page (GetAccountAuthorizationDetails' MaxItems, 1 to 1000; 0: 1000).
 * 0 with *snapshot set (a new reference), or -1 with err set. */
int iam_fetch_account(struct iam_live *L, const struct iam_creds *c, const char *region,
		      unsigned max_items, iam_fetch_progress_fn progress, void *arg,
		      json_t **snapshot, struct iam_error *err);

struct iam_fetched;
struct iam_fetched *iam_fetched_new(const char *region);
void iam_fetched_free(struct iam_fetched *F);
json_t *iam_fetched_json(const struct iam_fetched *F);

/* A user or role (an assumed-role session ARN names its role): its inline
 * and attached policies, its boundary, a user's groups and theirs, a
 * role's trust policy; each managed policy's default version.  0; 1 when
 * the principal does not exist (NoSuchEntity); -1 with err set. */
int iam_fetch_principal(struct iam_live *L, const struct iam_creds *c,
			struct iam_fetched *F, const char *arn, struct iam_error *err);

/* A managed policy and its default version (GetPolicy, GetPolicyVersion):
 * 0; 1 when it does not exist; -1 with err set. */
int iam_fetch_policy(struct iam_live *L, const struct iam_creds *c,
		     struct iam_fetched *F, const char *arn, struct iam_error *err);

/* The SCP and RCP levels of account, root first, in the --org file's
 * form (iamgate(1), ACCOUNT SNAPSHOTS), from Organizations
 * (DescribeOrganization, ListParents, ListPoliciesForTarget,
 * DescribePolicy) in region's partition.  0 with *org set (why "", or,
 * for the management account, which no SCP or RCP binds, why says so and
 * *org lists no account); 1 when the caller may not read them
 * (AccessDenied, or not in an organization: why says which, n bytes);
 * -1 with err set. */
int iam_fetch_org(struct iam_live *L, const struct iam_creds *c, const char *region,
		  const char *account, json_t **org, char *why, size_t n,
		  struct iam_error *err);

#endif /* IAM_LIVE_FETCH_H */
