/* amplify/amplify.h - gating an Amplify deploy: a static pass over compiled
 * policies, the way cedar's validator is a pass over its policies.
 *
 * Three parts, all silent (they fill structs; cli/cmd_amplify.c reports):
 *  1. The required-action lists (policies/amplify/lists/NAME.json, embedded
 *     in the binary): iam_amplify_list_load().  Each entry is an action
 *     pattern as its document gives it, the categories that need it and
 *     the statement it came from.
 *  2. A plan: every entry of the chosen categories expanded through the
 *     action catalog into concrete actions, each with the resources
 *     Amplify touches (policies/amplify/resources.json; the project's
 *     stack, bucket and app names when a project is given):
 *     iam_amplify_plan_build().  iam_amplify_check() decides every one of
 *     them against the deployer's identity policies, boundary and SCPs and
 *     records which layer blocked it and the statement that did.
 *  3. An Amplify Gen 1 project: iam_amplify_project_load() reads
 *     backend-config.json, team-provider-info.json and every CloudFormation
 *     template, resolves the intrinsics (core/cfn.h), and builds the roles
 *     the templates create with the policies attached to them.
 *     iam_amplify_roles_check() finds, for each role, the actions it is
 *     granted that a permissions boundary does not allow (as the Amplify permissions-boundary guide warns: a role
 *     can do only what both allow).
 *
 * Ownership: every struct here owns its strings and arrays; release with
 * the matching _release/_free (NULL is a no-op).  Statement references in
 * results borrow from the policies the caller passed in.
 */
#ifndef IAM_AMPLIFY_H
#define IAM_AMPLIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/authz.h"

struct iam_catalog;
struct iam_cfn_stack;
struct iam_context;
struct iam_error;
struct iam_policy;

/* ---- categories ---- */

/* The categories, in report order: "core", "auth", "api", "function",
 * "storage", "hosting", "analytics", "notifications", "interactions",
 * "predictions", "geo"; NULL-terminated.  A set of categories is a bit
 * mask: bit i is iam_amplify_categories[i]. */
extern const char *const iam_amplify_categories[];
#define IAM_AMPLIFY_NCATEGORIES 11
#define IAM_AMPLIFY_ALL_CATEGORIES ((1u << IAM_AMPLIFY_NCATEGORIES) - 1)

/* Index of a category name, or -1. */
int iam_amplify_category_index(const char *name);

/* ---- lists ---- */

struct iam_amplify_entry {
	char *action;           /* as the document gives it: "appsync:*" */
	unsigned cats;          /* the categories that need it */
	int first_cat;          /* the one a finding is filed under */
	bool via_cfn;           /* CloudFormation calls it during the deploy */
	bool ssr_only;          /* "hosting": "ssr": only hosting with Amplify
				   Hosting's compute (the AmplifySSR* statements)
				   needs it */
	char *source;           /* "Statement VisualEditor0" */
	char *note;             /* or NULL */
	char **resources;       /* ARN templates from the document, or none */
	size_t nresources;
};

struct iam_amplify_list {
	char *name;             /* "cli-2020" */
	char *title;
	char *source;           /* URL or ARN of the document */
	char *snapshot;         /* the file it was taken from */
	int generation;         /* 1: the Amplify CLI; 2: npx ampx */
	struct iam_amplify_entry *entries;
	size_t nentries;
};

/* The list named `name` (an embedded list: "cli-2020", ...), or the list
 * file `name` when it holds a '/' or ends in ".json".  Returns a new list
 * (iam_amplify_list_free), or NULL with err set: IAM_ERR_USAGE for an
 * unknown name, IAM_ERR_IO / IAM_ERR_JSON / IAM_ERR_SCHEMA for a bad
 * file, IAM_ERR_NOMEM. */
struct iam_amplify_list *iam_amplify_list_load(const char *name,
					       struct iam_error *err);
void iam_amplify_list_free(struct iam_amplify_list *l);

/* The i-th embedded list (name and title, static); false past the end. */
bool iam_amplify_list_at(size_t i, const char **name, const char **title);

/* The default list of a generation: the newest, "admin-amplify" (Gen 1)
 * or "gen2". */
const char *iam_amplify_default_list(int generation);

/* ---- plans ---- */

/* Names for the resources Amplify touches; NULL: the default of
 * policies/amplify/resources.json ('*' for region and account). */
struct iam_amplify_vars {
	const char *partition;
	const char *region, *account;
	const char *stack_prefix, *deployment_bucket, *storage_bucket;
	const char *hosting_bucket, *app_id, *env;
	bool no_ssr_hosting;    /* the project hosts on S3AndCloudFront only:
				   no "hosting": "ssr" entry is required */
};

enum iam_amplify_block {
	IAM_AMPLIFY_ALLOWED,
	IAM_AMPLIFY_BY_IDENTITY,   /* no identity policy allows it */
	IAM_AMPLIFY_BY_BOUNDARY,   /* the deployer's boundary does not allow it */
	IAM_AMPLIFY_BY_SCP,        /* an SCP level allows nothing that matches */
	IAM_AMPLIFY_BY_DENY,       /* an explicit Deny */
};

/* "allowed", "identity", "boundary", "scp", "explicit-deny". */
const char *iam_amplify_block_name(enum iam_amplify_block b);

#define IAM_AMPLIFY_MAX_RESOURCES 32

/* One required action and what the check found. */
struct iam_amplify_req {
	char *action;           /* concrete ("appsync:CreateGraphqlApi"), or a
				   pattern the catalog does not know, as written */
	const struct iam_amplify_entry *entry;  /* the first entry asking for it */
	unsigned cats;          /* every checked category that needs it */
	int category;           /* the first of them */
	bool via_cfn;
	bool in_catalog;
	bool takes_boundary;    /* the action has the iam:PermissionsBoundary key */
	char **resources;       /* what it is checked on (1..MAX_RESOURCES) */
	size_t nresources;
	/* set by iam_amplify_check() */
	enum iam_decision decision;
	enum iam_amplify_block blocked_by;
	size_t failed;          /* the first resource it is denied on */
	uint32_t allowed_on;    /* bit i: allowed on resources[i] */
	struct iam_stmt_ref deny;       /* the Deny that applied, or {NULL} */
	const struct iam_policy *where; /* the SCP level or boundary that did
					   not allow, or NULL */
	bool trust_not_checked; /* sts:AssumeRole*: only the caller's side */
	bool suppressed;        /* its finding is suppressed (amplify/check.h) */
};

struct iam_amplify_plan {
	struct iam_amplify_req *v;
	size_t n;
	unsigned cats;          /* the categories checked */
	char **unmatched;       /* wildcard entries that match no action */
	size_t nunmatched;
	size_t nssr_left_out;   /* "hosting": "ssr" entries not required */
};

#define IAM_AMPLIFY_PLAN_INIT { NULL, 0, 0, NULL, 0, 0 }

/* Expand the entries of list l that belong to categories `cats` through
 * catalog cat, each concrete action once per distinct set of resources
 * (the same action asked by two categories on the same resources is one
 * requirement of both).  Returns 0, or -1 with err set (memory). */
int iam_amplify_plan_build(const struct iam_amplify_list *l,
			   const struct iam_catalog *cat, unsigned cats,
			   const struct iam_amplify_vars *vars,
			   struct iam_amplify_plan *plan, struct iam_error *err);
void iam_amplify_plan_release(struct iam_amplify_plan *plan);

/* Who deploys, and the keys every request of the deploy carries. */
struct iam_amplify_caller {
	const char *principal;          /* NULL: a caller of the account */
	const struct iam_context *extra;/* keys given by the user (-c), or NULL */
	const char *account;            /* NULL: a stand-in account ID */
	const char *region;             /* NULL: aws:RequestedRegion absent */
	const char *permissions_boundary; /* the environment's boundary ARN */
};

/* Decide every requirement of the plan against set (identity policies,
 * boundary, SCPs).  Requests carry aws:SecureTransport, aws:PrincipalAccount
 * and aws:ResourceAccount (the same account: Amplify deploys into the
 * caller's account), aws:RequestedRegion when the region is known,
 * aws:CalledVia / aws:ViaAWSService for the actions CloudFormation calls,
 * and iam:PermissionsBoundary for the actions that take it when the
 * environment sets a boundary.  Returns the number of requirements not
 * allowed, or -1 with err set (memory). */
long iam_amplify_check(struct iam_amplify_plan *plan,
		       const struct iam_policy_set *set,
		       const struct iam_amplify_caller *caller,
		       struct iam_error *err);

/* ---- projects ---- */

/* A policy document attached to a role. */
struct iam_amplify_attached {
	char *name;             /* PolicyName, or the resource's logical ID */
	char *template;         /* the file that holds it */
	char *logical_id;       /* the AWS::IAM::Policy / ManagedPolicy, or the role (inline) */
	char *pointer;          /* JSON Pointer of the PolicyDocument */
	int line, column;
	struct iam_policy *policy;   /* compiled; unknown pieces of Resource are '*' */
	bool unknown_resource;  /* some Resource had an unknown piece */
	size_t unknown_actions; /* Action values that could not be resolved (left out) */
};

/* An action a role is granted that the boundary does not allow. */
struct iam_amplify_loss {
	char *action;
	char *resource;
	enum iam_amplify_block by;      /* IAM_AMPLIFY_BY_BOUNDARY or _BY_DENY */
	struct iam_stmt_ref deny;       /* the boundary's Deny, or {NULL} */
	const struct iam_amplify_attached *granted_by;
};

struct iam_amplify_role {
	char *template;         /* file, or NULL for a role Amplify makes that
				   no template of the project holds (pre-v7
				   auth/unauth roles) */
	char *logical_id;
	char *name;             /* RoleName; unknown pieces shown as ${...} */
	char *match;            /* RoleName with tokens: for attaching policies */
	char *category, *resource;   /* the Amplify resource that makes it */
	int line, column;
	bool has_boundary;      /* its PermissionsBoundary property is set */
	struct iam_amplify_attached *policies;
	size_t npolicies;
	char **managed;         /* ManagedPolicyArns not in the project (not checked) */
	size_t nmanaged;
	/* set by iam_amplify_roles_check() */
	char **actions;         /* concrete actions granted, catalog order */
	size_t nactions;
	struct iam_amplify_loss *lost;
	size_t nlost;
	size_t nlost_actions;   /* distinct actions among lost */
	bool suppressed;        /* its finding is suppressed (amplify/check.h) */
};

struct iam_amplify_project {
	char *dir;              /* as given */
	char *backend;          /* DIR/amplify/backend */
	char *env;              /* the environment checked, or NULL */
	char **envs;            /* every environment of team-provider-info.json */
	size_t nenvs;
	/* of each of envs (NULL: not given): its account (from StackId) and
	 * its PermissionsBoundaryPolicyArn */
	char **env_accounts, **env_boundaries;
	char *region, *account, *stack_name, *deployment_bucket, *app_id;
	char *auth_role, *unauth_role;
	char *boundary_arn;     /* PermissionsBoundaryPolicyArn, or NULL */
	char *storage_bucket, *hosting_bucket;
	unsigned cats;          /* core + the categories backend-config uses */
	json_t *backend_categories;  /* backend-config's categories: name -> [resources] */
	struct iam_amplify_stack *stacks;
	size_t nstacks;
	struct iam_amplify_role *roles;
	size_t nroles;
	size_t npolicies;       /* IAM policies found (inline and resources) */
	json_t *notes;          /* strings: what was assumed or left out */
	json_t *skipped;        /* [{"file", "reason"}] */
};

/* A template of the project. */
struct iam_amplify_stack {
	struct iam_cfn_stack *cfn;
	char *category, *resource;   /* "" for the root stack */
	long parent;            /* index in stacks, or -1 */
	char *parent_logical;   /* its AWS::CloudFormation::Stack in the parent */
	char *custom_policies;  /* a function's custom-policies.json, merged in
				   as CustomLambdaExecutionPolicy, or NULL */
	bool ready;             /* parameters set */
};

/* Read an Amplify Gen 1 project: dir is the project (holding amplify/) or
 * its amplify/ directory.  env: the environment of team-provider-info.json
 * (NULL: the only one).  region and account override the project's (NULL:
 * the project's).  Returns a new project, or NULL with err set:
 * IAM_ERR_IO (no amplify/backend, unreadable file), IAM_ERR_JSON
 * (a template or project file that is not JSON), IAM_ERR_USAGE (env
 * unknown, or several and none chosen), IAM_ERR_NOMEM. */
struct iam_amplify_project *iam_amplify_project_load(const char *dir,
						     const char *env,
						     const char *region,
						     const char *account,
						     struct iam_error *err);
void iam_amplify_project_free(struct iam_amplify_project *p);

/* The names of the project's resources, for a plan. */
void iam_amplify_project_vars(const struct iam_amplify_project *p,
			      struct iam_amplify_vars *vars);

/* Fill every role's actions and, when boundary is not NULL, what the
 * boundary takes from it.  Returns the number of roles that lose actions,
 * or -1 with err set (memory). */
long iam_amplify_roles_check(struct iam_amplify_project *p,
			     const struct iam_catalog *cat,
			     const struct iam_policy *boundary,
			     struct iam_error *err);

/* The environments of the project dir (its root or amplify/ folder) that
 * a check without --env covers: none (NULL) when team-provider-info.json
 * has at most one, or when amplify/.config/local-env-info.json names the
 * current one; else every one, a NULL-terminated array of new strings
 * (free each and the array).  *n: how many. */
char **iam_amplify_env_names(const char *dir, size_t *n);

/* Is this a Gen 2 project (amplify/backend.ts, no amplify/backend/)? */
bool iam_amplify_is_gen2(const char *dir);

/* The project a directory names, as git finds its repository: dir itself
 * when it holds amplify/backend/backend-config.json (Gen 1) or
 * amplify/backend.ts (Gen 2); its parent when dir is that amplify/ folder;
 * else, when up is true, the nearest directory above dir that is one.  A
 * new string: dir itself, or dir followed by as many "/.." as it took
 * ("." for dir "." itself, ".." above it); NULL when there is none (or no
 * memory). */
char *iam_amplify_find_project(const char *dir, bool up);

#endif /* IAM_AMPLIFY_H */
