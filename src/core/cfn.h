/* core/cfn.h - CloudFormation templates: the values their intrinsics take.
 *
 * A struct iam_cfn_stack is one template (JSON; YAML is not read) with the
 * parameter values and pseudo parameters of one deployment.  iam_cfn_eval()
 * resolves a template value statically: Ref (parameters, pseudo
 * parameters, and the names of roles, buckets and managed policies that
 * the template gives), Fn::Sub, Fn::Join, Fn::Split, Fn::Select, Fn::If,
 * Fn::FindInMap, Fn::Base64, and Conditions (Fn::Equals, Fn::Not, Fn::And,
 * Fn::Or, Condition).  What cannot be known before deploy - Fn::GetAtt,
 * Fn::ImportValue, a Ref to a resource's physical ID, a parameter with no
 * value - stays *unknown*: an unknown piece of a string is kept as a token
 * (IAM_CFN_UNKNOWN_START, a description, IAM_CFN_UNKNOWN_END), so that a
 * string may be partly known ("arn:aws:s3:::" + unknown + "/public") and two
 * values built from the same unknown compare equal.  iam_cfn_render()
 * turns tokens into '*' (for policies) or "${...}" (for people).
 *
 * Conditions are three-valued: true, false, or unknown (a parameter with
 * no value).  Fn::If on an unknown condition takes the branch that is not
 * AWS::NoValue, else the true branch, and records a note.
 *
 * This is the one reader of templates: `amplify check` loads a project's
 * stacks with iam_cfn_load() and evaluates what their roles and policies
 * say; lint takes the document it already read (iam_cfn_from_doc()), walks
 * the policies the resources carry (iam_cfn_each_policy()) and reads each
 * with every intrinsic unknown (iam_cfn_unresolved()).  Either way an
 * unknown value has one encoding, the token above, which the policy
 * parser flags on the element that holds it (IAM_PARSE_TEMPLATE,
 * core/policy.h); and either way the stack gives the position of any
 * element it keeps (iam_cfn_locate()).
 *
 * Ownership: a stack owns its document, parameters and notes; values from
 * iam_cfn_eval() are new references the caller releases with json_decref.
 * Nothing here prints.
 */
#ifndef IAM_CFN_H
#define IAM_CFN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/json.h"
#include "core/policy.h"

struct iam_error;

#define IAM_CFN_UNKNOWN_START '\001'
#define IAM_CFN_UNKNOWN_END '\002'
#define IAM_CFN_KEY_SEP '\003'   /* between a token's stack key and text */

enum iam_cfn_tri { IAM_CFN_FALSE = 0, IAM_CFN_TRUE = 1, IAM_CFN_UNKNOWN = -1 };

struct iam_cfn_stack {
	char *key;               /* identity within a project: "root", "storage/s3x/..." */
	char *file;              /* display name of the template file */
	json_t *root;            /* the template, as read (see iam_cfn_load) */
	json_t *resources;       /* borrowed from root: the Resources object */
	json_t *positions;       /* logical ID -> [line, column] of its key */
	json_t *params;          /* parameter name -> value (owned) */
	json_t *conds;           /* condition name -> true/false/null (cache) */
	json_t *notes;           /* array of strings: what was assumed (owned) */
	struct iam_json_doc *doc;  /* the text, for positions: &own, or the
				    * document of iam_cfn_from_doc() */
	struct iam_json_doc own;   /* loaded: the file's bytes (no tree) */
	char *region, *account, *partition, *stack_name;  /* NULL: unknown */
	int depth;               /* recursion guard */
	const char *resolving[16]; /* the resources whose Ref is being
				    * evaluated, outermost first: a Ref to one
				    * of them is a cycle */
	int nresolving;
	unsigned long steps;     /* evaluations so far: a budget, since a
				  * value may name another twice, and that one
				  * the next twice, without a cycle */
	bool over_budget;        /* the budget ran out: a note was made */
	bool nomem;              /* an allocation failed during an evaluation */
};

/* Load a template file.  file is opened, display is the name used in
 * messages (copied), key the stack's identity in tokens.  Returns a new
 * stack with every declared parameter set to its Default (a Default equal
 * to the parameter's own name is Amplify's placeholder: unknown), or NULL
 * with err set (IAM_ERR_IO, IAM_ERR_JSON with the position of the syntax
 * error, IAM_ERR_SCHEMA for JSON that is not a template, IAM_ERR_NOMEM).
 *
 * Only what a policy analysis reads is kept: every section but Resources,
 * and the resources that are IAM ones, nested stacks, or name a bucket,
 * table or function.  The others (AppSync resolvers are most of an API
 * stack) are skipped by a scan of the text, never parsed, which makes
 * reading a project several times faster; iam_cfn_resource() and Ref do
 * not see them (a Ref to one is unknown).  The bytes are kept, for
 * iam_cfn_locate(). */
struct iam_cfn_stack *iam_cfn_load(const char *file, const char *display,
				   const char *key, struct iam_error *err);

/* The same from a buffer of len bytes. */
struct iam_cfn_stack *iam_cfn_load_buffer(const char *text, size_t len,
					  const char *display, const char *key,
					  struct iam_error *err);

/* A stack over a template that is already read, whole: every resource is
 * kept (nothing is pruned).  doc is borrowed and must outlive the stack;
 * key as for iam_cfn_load().  NULL with err set: IAM_ERR_SCHEMA when doc
 * has no Resources object, IAM_ERR_NOMEM. */
struct iam_cfn_stack *iam_cfn_from_doc(struct iam_json_doc *doc,
				       const char *key, struct iam_error *err);

/* Where a resource's logical ID stands in the file (1-based), from the
 * scan that loaded it (no index is built).  False for one the template
 * does not have, and for every one of a template the scan could not read
 * (the whole text was parsed instead). */
bool iam_cfn_position(const struct iam_cfn_stack *s, const char *logical_id,
		      int *line, int *column);

/* Where the element at a JSON Pointer of the template stands (1-based; an
 * object member: its key).  The first call indexes the text.  False when
 * the pointer names nothing (line and column then point at the nearest
 * element that exists). */
bool iam_cfn_locate(struct iam_cfn_stack *s, const char *pointer, int *line,
		    int *column);

#define IAM_CFN_POINTER_MAX 512

/* A policy document that a resource of the template carries. */
struct iam_cfn_policy {
	const char *logical_id;      /* borrowed from the stack */
	const char *resource_type;   /* "AWS::S3::BucketPolicy" (static) */
	const char *property;        /* "PolicyDocument", "Policies", ... */
	enum iam_policy_type type;   /* identity, trust or resource */
	char pointer[IAM_CFN_POINTER_MAX]; /* of the document in the file */
	json_t *document;            /* borrowed: as written, unresolved; an
				      * object (a document given as a string
				      * of JSON is not read) */
};

/* Call fn for each policy document the resources carry (the IAM policies,
 * roles' trust and inline policies, and the resource policies of S3, SQS,
 * SNS, KMS, Secrets Manager, ECR, EFS, Backup and OpenSearch), in the
 * order of the file.  A loaded stack kept IAM resources only (see
 * iam_cfn_load()).  Stops at the first fn that returns non-zero and
 * returns its value; 0 otherwise. */
int iam_cfn_each_policy(const struct iam_cfn_stack *s,
			int (*fn)(void *ctx, const struct iam_cfn_policy *p),
			void *ctx);

/* A deep copy of v (whose JSON Pointer is base) in which every intrinsic
 * function - an object whose only key is "Ref", "Condition" or starts
 * with "Fn::" - is an unknown value, resolved or not: the template as
 * lint reads it.  Each token has stack key key and text "unknown#N": N
 * numbers the distinct intrinsics of the copy, so that the same
 * intrinsic twice (a Ref to the same name) gives equal tokens and two
 * different ones (GetAtt AuthRole.Arn, GetAtt UnauthRole.Arn) never do;
 * two unknown values are not taken to be equal.  unknown (may be NULL) is told the pointer of each; a non-zero
 * return stops the copy.  Returns a new reference, or NULL when out of
 * memory, when unknown stopped it, or when a pointer would be longer than
 * IAM_CFN_POINTER_MAX. */
json_t *iam_cfn_unresolved(json_t *v, const char *key, const char *base,
			   int (*unknown)(void *ctx, const char *pointer),
			   void *ctx);

/* NULL is a no-op. */
void iam_cfn_free(struct iam_cfn_stack *s);

/* Set pseudo parameters (copied; NULL: unknown).  0, or -1 out of memory. */
int iam_cfn_set_pseudo(struct iam_cfn_stack *s, const char *region,
		       const char *account, const char *partition,
		       const char *stack_name);

/* Give a parameter a value (a reference is taken).  A string given to a
 * parameter whose declared Type is a list (CommaDelimitedList, List<...>)
 * is split at commas.  Undeclared names are kept too.  0 or -1 (memory). */
int iam_cfn_set_param(struct iam_cfn_stack *s, const char *name, json_t *v);

/* Resolve a template value.  Returns a new reference, or NULL for
 * AWS::NoValue (and when out of memory: s->nomem is then set). */
json_t *iam_cfn_eval(struct iam_cfn_stack *s, json_t *v);

/* A condition by name: true, false or unknown (also for a name the
 * template does not define). */
enum iam_cfn_tri iam_cfn_condition(struct iam_cfn_stack *s, const char *name);

/* Does the resource exist: its "Condition" holds (or may hold)?  False for
 * a logical ID the template does not have. */
enum iam_cfn_tri iam_cfn_resource_exists(struct iam_cfn_stack *s,
					 const char *logical_id);

/* The resource object and its type (borrowed), or NULL. */
json_t *iam_cfn_resource(const struct iam_cfn_stack *s, const char *logical_id,
			 const char **type);

/* Does the string hold an unknown token? */
bool iam_cfn_has_unknown(const char *s);

/* A new json string "\001<key>\003<text>\002" (NULL when out of memory). */
json_t *iam_cfn_unknown_new(const char *key, const char *text);

enum iam_cfn_render_mode {
	IAM_CFN_RENDER_STAR,     /* each token becomes "*" */
	IAM_CFN_RENDER_DISPLAY,  /* each token becomes "${text}" */
};

/* A new string with every token rendered (NULL when out of memory). */
char *iam_cfn_render(const char *s, enum iam_cfn_render_mode mode);

/* The first token of s, by pointers into s: its stack key and its text.
 * False when s has no token. */
bool iam_cfn_first_token(const char *s, const char **key, size_t *keylen,
			 const char **text, size_t *textlen);

#endif /* IAM_CFN_H */
