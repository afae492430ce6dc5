/* core/policy.h - the typed, normalized policy tree and its parser.
 *
 * iam_policy_parse() checks a jansson document against the grammar of its
 * policy type (iam-semantics.md section 1), reports every problem it finds
 * as a finding with file, line, column and JSON Pointer, and compiles what
 * is valid: single strings become one-element lists, globs are compiled,
 * condition values pre-parsed.  No json_t is referenced afterwards.
 *
 * Every element knows where it came from: statements, patterns, principal
 * entries and conditions carry their JSON Pointer, line and column (the
 * positions are skipped with IAM_PARSE_NO_LOCATIONS).
 *
 * Ownership: a struct iam_policy owns everything below it, all in one
 * arena (core/arena.h); free it with iam_policy_free().  A compiled policy
 * is immutable and may be shared by any number of evaluations, on any
 * number of threads.
 */
#ifndef IAM_POLICY_H
#define IAM_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/cond.h"

struct iam_arena;
struct iam_diags;
struct iam_error;
struct iam_glob;
struct iam_json_doc;
struct iam_tmpl;

enum iam_policy_type {
	IAM_POLICY_AUTO,      /* guess: Principal present => resource or trust */
	IAM_POLICY_IDENTITY,
	IAM_POLICY_BOUNDARY,
	IAM_POLICY_SESSION,
	IAM_POLICY_RESOURCE,
	IAM_POLICY_TRUST,
	IAM_POLICY_SCP,
	IAM_POLICY_RCP,
};

enum iam_effect { IAM_EFFECT_ALLOW, IAM_EFFECT_DENY };

enum iam_version {
	IAM_VERSION_NONE,     /* absent: 2008-10-17 applies */
	IAM_VERSION_2008,
	IAM_VERSION_2012,
};

/* An Action or Resource entry. */
struct iam_pattern {
	char *text;
	struct iam_glob *glob;   /* NULL when tmpl is set */
	struct iam_tmpl *tmpl;   /* policy variables: expanded per request */
	char *path;              /* JSON Pointer: /Statement/0/Action/2 */
	int line, column;        /* 0 with IAM_PARSE_NO_LOCATIONS */
	bool unknown;            /* IAM_PARSE_TEMPLATE: text holds an unknown
				  * template value (core/cfn.h) */
};

enum iam_principal_kind {
	IAM_PRINCIPAL_AWS,
	IAM_PRINCIPAL_SERVICE,
	IAM_PRINCIPAL_FEDERATED,
	IAM_PRINCIPAL_CANONICAL_USER,
};

/* One principal of Principal or NotPrincipal, in document order.  A
 * partial policy (IAM_PARSE_PARTIAL) also keeps the entries that did not
 * compile, for inspection: any string Principal (not only "*"), the strings
 * under a key that is no principal type (bad_key: kind means nothing), and
 * the strings of a list that holds something else too. */
struct iam_principal_entry {
	enum iam_principal_kind kind;
	bool bad_key;
	bool unknown;            /* as in struct iam_pattern */
	char *value;             /* "*", an account ID, an ARN, a service name */
	char *path;              /* /Statement/0/Principal/AWS/1 */
	int line, column;        /* 0 with IAM_PARSE_NO_LOCATIONS */
};

struct iam_statement {
	/* what a decision reads, first */
	enum iam_effect effect;
	bool not_action;
	bool has_resource;       /* Resource or NotResource present */
	bool not_resource;
	bool has_principal;      /* Principal or NotPrincipal present */
	bool not_principal;
	struct iam_pattern *actions;
	size_t nactions;
	struct iam_pattern *resources;
	size_t nresources;
	struct iam_condition *conds;
	size_t nconds;
	struct iam_principal_entry *principals;
	size_t nprincipals;

	char *sid;               /* NULL when absent */
	size_t index;            /* position in Statement */
	char *path;              /* its JSON Pointer: /Statement/0 */
	int line, column;        /* of the statement object */

	/* what a partial policy says about elements that did not compile */
	bool object;             /* the statement is an object (else empty) */
	bool effect_valid;       /* Effect is "Allow" or "Deny" */
	bool has_condition;      /* Condition present, whatever it holds */
	bool principal_listed;   /* Principal (NotPrincipal when there is no
				  * Principal) is a string or an object:
				  * principals lists what it names, even when
				  * has_principal is false (both elements) */
	char *canonical;         /* IAM_PARSE_CANONICAL, in a policy of two
				  * statements or more: the statement as
				  * canonical text, but for the value of its
				  * Sid (whether it has one counts): equal
				  * texts, equal JSON (as json_equal says) */
};

struct iam_policy {
	char *source;            /* file name, "<stdin>", or "line N" */
	char *name;              /* display name: file name or given name */
	char *base;              /* JSON Pointer of the document in its file */
	char *wrapper;           /* NULL, or the AWS CLI or API output the
				  * policy was unwrapped from (core/unwrap.h) */
	char *label;             /* NULL, or the policy's name in its
				  * account (core/account.h) */
	char *arn;               /* NULL, or its ARN (a managed policy), or
				  * "inline in " the ARN of its holder */
	enum iam_policy_type type;
	enum iam_version version;
	char *id;
	struct iam_statement *stmts;
	size_t nstmts;
	size_t size_chars;       /* characters as AWS counts them: without
				  * white space (IAM), with it (SCP, RCP);
				  * 0 for resource policies (not counted) */
	struct iam_arena *arena; /* holds the policy and all it owns */
};

/* Parse flags. */
enum {
	IAM_PARSE_NO_LOCATIONS = 1u << 0,  /* skip statement positions (faster) */
	IAM_PARSE_RESOURCE_SIDE = 1u << 1, /* with IAM_POLICY_AUTO: a resource
					    * or trust policy, never identity */
	IAM_PARSE_PARTIAL = 1u << 2,       /* return what compiled even when the
					    * document has errors (lint) */
	IAM_PARSE_NO_GLOBS = 1u << 3,      /* leave Action and Resource globs
					    * uncompiled (NULL): for inspection */
	IAM_PARSE_ERRORS_ONLY = 1u << 4,   /* report error-level problems only
					    * (evaluation: warnings go unseen,
					    * and locating them costs time) */
	IAM_PARSE_TEMPLATE = 1u << 5,      /* the document comes from a
					    * template: strings may hold
					    * unknown values (core/cfn.h),
					    * flagged on the elements */
	IAM_PARSE_CANONICAL = 1u << 6,     /* keep each statement's canonical
					    * text (lint compares statements) */
};

/* Parse and compile the policy document at `node` of `doc` (node == NULL:
 * the document root), whose JSON Pointer within doc is `base` ("" for the
 * root).  Every problem is appended to diags (which may be NULL).  Returns a
 * new policy, or NULL when the document has an error-level problem (err
 * then describes the first, with its position) or memory ran out.  With
 * IAM_PARSE_PARTIAL a document with errors still gives a policy (NULL only
 * when it is not an object or memory ran out): what did not compile is left
 * out (an element with a problem is empty, a condition key with a problem
 * is dropped), so it must never be evaluated, only inspected. */
struct iam_policy *iam_policy_parse(struct iam_json_doc *doc, json_t *node,
				    const char *base,
				    enum iam_policy_type type, unsigned flags,
				    struct iam_diags *diags,
				    struct iam_error *err);

/* Read, parse and compile a policy file ("-" is standard input).  The
 * policy may be wrapped in AWS CLI or API output (core/unwrap.h): it is
 * unwrapped, p->wrapper says from what, and a wrapper implying a type (a
 * trust policy) gives it when type is IAM_POLICY_AUTO.  A wrapper without
 * its policy is a WRAPPED_POLICY_INVALID finding. */
struct iam_policy *iam_policy_load(const char *file, enum iam_policy_type type,
				   unsigned flags, struct iam_diags *diags,
				   struct iam_error *err);

void iam_policy_free(struct iam_policy *p);

/* The type a document looks like: trust when every statement names a
 * principal, none a resource, and every action is an STS one; resource when
 * some statement names a principal; identity otherwise. */
enum iam_policy_type iam_policy_guess_type(json_t *root);

/* Replace the display name (copied).  Returns 0, or -1 when out of memory. */
int iam_policy_set_name(struct iam_policy *p, const char *name);

/* Name the policy as its account does: label and arn (copied; either may
 * be NULL).  Returns 0, or -1 when out of memory. */
int iam_policy_set_origin(struct iam_policy *p, const char *label,
			  const char *arn);

const char *iam_policy_type_name(enum iam_policy_type t);  /* "identity", ... */
/* Returns 0 and sets *t, or -1 for an unknown name. */
int iam_policy_type_parse(const char *name, enum iam_policy_type *t);

/* Statement display label: its Sid, or "#N" (1-based index) into buf. */
const char *iam_statement_label(const struct iam_statement *s, char *buf,
				size_t buflen);

#endif /* IAM_POLICY_H */
