/* core/authz.h - deciding a request as AWS does (iam-semantics.md section 3).
 *
 * The evaluator answers, per statement, "does this statement apply to this
 * request?"; the authorizer combines the answers layer by layer: explicit
 * Deny anywhere wins; SCP levels must each allow (RCP levels always do:
 * RCPFullAWSAccess cannot be detached, so RCPs only deny); then the
 * resource-based policy (same- or cross-account), identity policies,
 * permissions boundary and session policy.  The result names the layer that
 * decided and the statements that applied.
 */
#ifndef IAM_AUTHZ_H
#define IAM_AUTHZ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/policy.h"
#include "core/principal.h"

struct iam_context;
struct iam_error;

enum iam_decision {
	IAM_DECISION_ALLOWED,
	IAM_DECISION_IMPLICIT_DENY,
	IAM_DECISION_EXPLICIT_DENY,
};

enum iam_layer {
	IAM_LAYER_RCP,
	IAM_LAYER_SCP,
	IAM_LAYER_RESOURCE,
	IAM_LAYER_IDENTITY,
	IAM_LAYER_BOUNDARY,
	IAM_LAYER_SESSION,
	IAM_LAYER__COUNT,
	/* not a layer: the request needs no permission (decided_by of
	 * sts:GetCallerIdentity); never an index of layers[] */
	IAM_LAYER_NONE = IAM_LAYER__COUNT
};

/* One level of an organization (root, an OU, the account): at least one
 * of its policies must allow. */
struct iam_org_level {
	char *name;                   /* "r-root", "ou-...", or NULL */
	struct iam_policy **policies;
	size_t n;
};

/* The policies that bear on a request.  Borrowed pointers: the set does
 * not own its policies unless built by iam_batch (see core/request.h). */
struct iam_policy_set {
	struct iam_policy **identity;
	size_t nidentity;
	struct iam_policy **boundary;   /* none: no boundary is set */
	size_t nboundary;
	struct iam_policy *session;     /* NULL: no session policy passed */
	struct iam_policy *resource;    /* NULL: no resource-based policy */
	struct iam_org_level *scp;      /* none: not in an organization */
	size_t nscp;
	struct iam_org_level *rcp;
	size_t nrcp;
	bool built;                     /* the arrays were grown by
					 * iam_policy_set_add(): release them */
};

/* Build a set one policy at a time instead of filling the arrays by hand.
 * The set starts zeroed; the policies stay borrowed, the arrays the calls
 * grow are the set's (iam_policy_set_release frees them).
 *
 * iam_policy_set_add puts p into layer: identity and boundary policies
 * accumulate; a second session or resource-based policy is an error
 * (-1, err says which).  For IAM_LAYER_SCP and IAM_LAYER_RCP, p joins the
 * current organization level, the first one being made when there is
 * none; iam_policy_set_level starts a new level (name may be NULL).
 * Both return 0, or -1 (err set). */
int iam_policy_set_add(struct iam_policy_set *set, enum iam_layer layer,
		       struct iam_policy *p, struct iam_error *err);
int iam_policy_set_level(struct iam_policy_set *set, enum iam_layer layer,
			 const char *name, struct iam_error *err);
/* Free what iam_policy_set_add and iam_policy_set_level allocated; the
 * set is zeroed.  A set filled by hand is left alone. */
void iam_policy_set_release(struct iam_policy_set *set);

struct iam_request {
	const char *principal;        /* NULL: unspecified caller of the resource's account */
	const char *action;           /* "service:Name" */
	const char *resource;         /* an ARN, or "*" for actions without one */
	const char *resource_account; /* NULL: from the resource ARN, else the caller's */
	struct iam_context *context;  /* may be NULL */
	const struct iam_principal *parsed; /* optional: the principal already
				       * taken apart by iam_principal_parse(), so
				       * that many requests of one caller parse it
				       * once; NULL: parsed per request */
};

struct iam_stmt_ref {
	const struct iam_policy *policy;
	const struct iam_statement *stmt;
};

struct iam_layer_result {
	bool present;          /* the layer had policies */
	bool skipped;          /* ... that do not bind this caller (SCPs and
				* service-linked roles; identity layers and
				* service, web-identity or anonymous callers) */
	bool allowed;          /* some Allow applied (every level, for SCPs) */
	bool denied;           /* some Deny applied */
	long failed_level;     /* SCP: first level with no Allow, or -1 */
	struct iam_stmt_ref first_allow, first_deny;
	struct iam_stmt_ref *matched;  /* with IAM_AUTHZ_EXPLAIN: every applying statement */
	size_t nmatched, cap;
};

/* A condition key that a condition of a statement for this request's
 * action and resource (and, in a resource-based policy, principal) tests,
 * and that the request context does not hold: what the IAM policy
 * simulator calls a missing context value.  Its value could change the
 * answer. */
struct iam_missing_key {
	const char *key;                    /* as the first such condition writes it */
	const struct iam_policy *policy;
	const struct iam_statement *stmt;
	const struct iam_condition *cond;
};

/* At most this many distinct missing keys are listed; the rest are
 * counted in nmissing_more. */
#define IAM_MISSING_MAX 64

struct iam_result {
	enum iam_decision decision;
	enum iam_layer decided_by;     /* the layer whose answer decided */
	const char *reason;            /* static, one line */
	bool cross_account;
	struct iam_layer_result layers[IAM_LAYER__COUNT];
	/* with IAM_AUTHZ_MISSING: the missing keys, in the order met */
	struct iam_missing_key *missing;
	size_t nmissing, nmissing_more;
};

enum {
	IAM_AUTHZ_EXPLAIN = 1u << 0,   /* collect every applying statement */
	IAM_AUTHZ_MISSING = 1u << 1,   /* collect the missing context keys
					* (res->missing) */
};

/* ---- the decision ----
 *
 * iam_authorize() gathers, then decides.  Gathering evaluates every layer's
 * statements into res->layers and notes what the decision needs to know of
 * the caller, the action and the resource: struct iam_facts.  Deciding is
 * iam_decide(), a pure function of the facts: the table "The decision" in
 * doc/semantics.md, row by row.  It evaluates no policy and allocates
 * nothing.
 */

/* The best way an applying resource-based Allow names the caller: the
 * rows of the same-account table of iam-semantics.md section 3. */
enum iam_named {
	IAM_NAMED_NONE,       /* no applying Allow names the caller */
	IAM_NAMED_ACCOUNT,    /* row 3: the account, or its :root */
	IAM_NAMED_ROLE,       /* row 2: the role behind the session */
	IAM_NAMED_EXACT,      /* row 1: the user, the session, "*", a service */
};

struct iam_facts {
	/* the IAM_LAYER__COUNT layers (borrowed): present, skipped, allowed,
	 * denied; for SCPs, allowed means every level allows */
	const struct iam_layer_result *layers;
	enum iam_named named;  /* by the resource-based policy */
	bool aws_caller;       /* an IAM identity, or no principal given: the
				* identity, boundary and session layers count */
	bool root;             /* the root user: needs no identity policy */
	bool federated_user;   /* a GetFederationToken session: without a
				* session policy it has no permissions */
	bool cross_account;    /* the resource is in another account */
	bool cross_partition;  /* the resource is in another partition */
	bool assume_role;      /* sts:AssumeRole*: a trust policy must allow */
	bool kms_key;          /* a KMS key: its key policy must allow */
	bool no_permission;    /* sts:GetCallerIdentity: no policy can refuse it */
	bool trust_policy;     /* the resource-based policy is a trust policy */
};

struct iam_verdict {
	enum iam_decision decision;
	enum iam_layer decided_by;     /* the layer whose answer decided */
	const char *reason;            /* static, one line */
};

/* The decision the facts add up to: the first row of the table that
 * holds.  Reads f and f->layers only. */
struct iam_verdict iam_decide(const struct iam_facts *f);

/* Decide req against set.  res is caller-owned; release it with
 * iam_result_release() after an IAM_AUTHZ_EXPLAIN call.  Returns 0, or -1
 * (err set) when out of memory. */
int iam_authorize(const struct iam_policy_set *set,
		  const struct iam_request *req, unsigned flags,
		  struct iam_result *res, struct iam_error *err);

void iam_result_release(struct iam_result *res);

/* Does one statement apply to the request (Principal for resource-based
 * policies excepted)?  For lint and amplify. */
bool iam_statement_applies(const struct iam_statement *s,
			   const struct iam_request *req);

const char *iam_decision_name(enum iam_decision d);   /* "Allowed", ... */
int iam_decision_parse(const char *s, enum iam_decision *d);
const char *iam_layer_name(enum iam_layer l);         /* "identity", ... */

#endif /* IAM_AUTHZ_H */
