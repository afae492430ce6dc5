/* core/account.h - IAM accounts: users, groups, roles and managed policies.
 *
 * An account is what `aws iam get-account-authorization-details` prints
 * (its pages merged): UserDetailList, GroupDetailList, RoleDetailList and
 * Policies.  Whether that document comes from a snapshot file or from the
 * IAM API (the same JSON, fetched live), it is loaded here, from a file or
 * a buffer: one loader, one model.
 *
 * A snapshot may be split into pages (one file per page, or a file that
 * is a JSON array of pages): every fragment is added to one struct
 * iam_accounts, and the entities are grouped by the account of their ARN,
 * so several accounts (one snapshot each) live side by side.  Documents
 * are JSON objects (AWS CLI) or strings, URL-encoded (the raw API) or not.
 *
 * Everything is compiled once, when loaded: each inline policy, trust
 * policy and the default version of each managed policy (the other
 * versions are checked for shape, not compiled).  Principals point at the
 * managed policies they attach, so a policy shared by many principals is
 * one compiled policy.  An AWS managed policy (arn:aws:iam::aws:policy/...)
 * that no snapshot holds is taken from the embedded ones (core/managed.h)
 * by iam_accounts_finish.  A customer managed policy, a group or a
 * boundary that no loaded snapshot holds is a gap of the principal that
 * names it: resolving that principal reports the gap by name, never an
 * empty policy in its place.
 *
 * Bad snapshots fail with IAM_ERR_SCHEMA naming the file, line, column
 * and JSON Pointer of the element.  After iam_accounts_finish the model is
 * immutable and may be read from any number of threads.
 *
 * Ownership: struct iam_accounts owns everything below it; the policy
 * sets that iam_accounts_resolve fills borrow its policies.
 */
#ifndef IAM_ACCOUNT_H
#define IAM_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/authz.h"
#include "core/policy.h"

struct iam_error;

/* The largest snapshot read, in bytes. */
#define IAM_ACCOUNT_MAX_BYTES ((size_t)1 << 30)

enum iam_entity_kind { IAM_ENTITY_USER, IAM_ENTITY_GROUP, IAM_ENTITY_ROLE };

/* Where an element is in its snapshot. */
struct iam_snap_pos {
	const char *source;      /* the file, or the buffer's name */
	const char *path;        /* JSON Pointer */
	int line, column;
};

/* A managed policy: customer managed from a snapshot, or AWS managed
 * (from a snapshot, else embedded). */
struct iam_managed_policy {
	const char *arn, *name, *account;   /* account: 12 digits, or "aws" */
	const char *default_version;        /* "v3" */
	size_t nversions;
	bool embedded;                      /* from core/managed.h */
	struct iam_policy *policy;          /* the default version, compiled */
	struct iam_snap_pos pos;            /* of the policy's object */
};

/* What a principal names that no loaded snapshot holds. */
struct iam_gap {
	const char *what;        /* "policy", "boundary", "group" */
	const char *name;        /* an ARN, or a group name */
	const char *holder;      /* the ARN of the entity that names it */
	struct iam_snap_pos pos; /* where it is named */
};

/* One of a user's access keys, as ListAccessKeys gives it (never a
 * secret: the ID and its status). */
struct iam_access_key {
	const char *id;          /* "AKIA..." */
	bool active;             /* Status "Active" (else "Inactive") */
	struct iam_snap_pos pos;
};

/* A user, group or role. */
struct iam_entity {
	enum iam_entity_kind kind;
	const char *arn, *name, *path, *account;
	struct iam_snap_pos pos;
	struct iam_policy **inline_policies;
	size_t ninline;
	struct iam_managed_policy **attached;
	size_t nattached;
	struct iam_entity **groups;          /* a user's groups */
	size_t ngroups;
	struct iam_managed_policy *boundary; /* NULL: none (or a gap) */
	struct iam_policy *trust;            /* a role's trust policy */
	bool service_linked;                 /* a role under /aws-service-role/ */
	struct iam_access_key *keys;         /* a user's AccessKeyMetadata */
	size_t nkeys;
	struct iam_gap *gaps;
	size_t ngaps;
	/* while loading: the names the entity refers to */
	const char **group_names;
	struct iam_snap_pos *group_pos;
	const char **attached_arns;
	struct iam_snap_pos *attached_pos;
	size_t narns, ngroup_names;
	const char *boundary_arn;
	struct iam_snap_pos boundary_pos;
};

struct iam_accounts;

struct iam_accounts *iam_accounts_new(void);
void iam_accounts_free(struct iam_accounts *A);

/* Add a snapshot (or one page of it) from a file ("-": standard input) or
 * a buffer (copied; source names it in messages).  0, or -1 with err set:
 * IAM_ERR_IO, IAM_ERR_JSON, IAM_ERR_LIMIT, IAM_ERR_SCHEMA (file, line,
 * column and JSON Pointer of the element; also a user, group, role or
 * policy that a loaded fragment already holds), IAM_ERR_NOMEM. */
int iam_accounts_load_file(struct iam_accounts *A, const char *file,
			   struct iam_error *err);
int iam_accounts_load_buffer(struct iam_accounts *A, const char *source,
			     const char *buf, size_t len, struct iam_error *err);

/* Add the organization file (iamgate(1), ACCOUNT SNAPSHOTS): each
 * account's levels from the root, each with its SCPs and RCPs (aws
 * organizations describe-policy output, its Policy member, or a
 * document).  0, or -1 with err set as for a snapshot. */
int iam_accounts_load_org(struct iam_accounts *A, const char *file,
			  struct iam_error *err);
/* The same from a buffer (the levels fetched from Organizations). */
int iam_accounts_load_org_buffer(struct iam_accounts *A, const char *source,
				 const char *buf, size_t len, struct iam_error *err);

/* After the last load: link users to their groups and principals to
 * their managed policies (the embedded AWS managed policies filling in),
 * noting every gap.  0, or -1 (err set: memory, or an embedded policy
 * that does not compile). */
int iam_accounts_finish(struct iam_accounts *A, struct iam_error *err);

/* How many accounts, and their IDs (in the order first met). */
size_t iam_accounts_count(const struct iam_accounts *A);
const char *iam_accounts_id(const struct iam_accounts *A, size_t i);
size_t iam_accounts_entity_count(const struct iam_accounts *A,
				 enum iam_entity_kind kind);
size_t iam_accounts_policy_count(const struct iam_accounts *A);

/* The user or role a principal ARN names: a user, a role (its path may
 * be left out), an assumed-role session of a role, or a group's ARN.
 * NULL when no loaded account holds it. */
const struct iam_entity *iam_accounts_find(const struct iam_accounts *A,
					   const char *arn);

/* The user that holds access key ID id (the AccessKeyMetadata a snapshot
 * may carry for its users: `aws iam list-access-keys`, which `account
 * fetch` adds), with that key in *key when key is non-NULL.  NULL when no
 * loaded snapshot lists it. */
const struct iam_entity *iam_accounts_find_key(const struct iam_accounts *A,
					       const char *id,
					       const struct iam_access_key **key);

/* Every user, group and role of the loaded accounts, in load order:
 * *n of them. */
const struct iam_entity *const *iam_accounts_entities(const struct iam_accounts *A,
						      size_t *n);

/* A managed policy by ARN: a snapshot's, else an embedded AWS managed
 * policy (compiled on first use: call before sharing A between threads),
 * else NULL. */
struct iam_managed_policy *iam_accounts_policy(struct iam_accounts *A,
					       const char *arn,
					       struct iam_error *err);

/* What resolving a principal found missing (borrowed from A). */
struct iam_gaps {
	const struct iam_gap **v;
	size_t n;
};

/* Resolve a request against the accounts, into set (zeroed, or with the
 * layers the caller already filled).  The principal (a user, role or
 * assumed-role session of a loaded account) gives its identity policies
 * (inline, attached, and those of its groups) unless with_identity is
 * false, and its boundary unless with_boundary is false or set already
 * has one.  When action is sts:AssumeRole* and resource is a role of a
 * loaded account, that role's trust policy is the resource-based policy
 * (unless set already has one).  With an organization loaded, the SCP
 * levels of the principal's account and the RCP levels of the
 * resource's account (else the principal's) follow any levels set has.
 * Every gap met is added to gaps (NULL:
 * not collected).  Returns 1 when the principal is in a loaded account,
 * 0 when it is not (nothing added), -1 with err set (memory). */
int iam_accounts_resolve(const struct iam_accounts *A, const char *principal,
			 const char *action, const char *resource,
			 bool with_identity, bool with_boundary,
			 struct iam_policy_set *set, struct iam_gaps *gaps,
			 struct iam_error *err);

void iam_gaps_release(struct iam_gaps *g);

/* "snap.json:12:9: policy arn:aws:iam::111122223333:policy/X of
 * arn:aws:iam::111122223333:role/R is in no loaded snapshot" into buf. */
const char *iam_gap_text(const struct iam_gap *g, char *buf, size_t size);

#endif /* IAM_ACCOUNT_H */
