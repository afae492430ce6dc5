/* core/cond.h - condition operators (iam-semantics.md section 4).
 *
 * A condition is one (operator, key, values) triple of a statement's
 * Condition block.  Values are parsed and checked once, when the policy is
 * compiled (numbers, dates, CIDRs, base64, globs); evaluation only compares.
 *
 * Evaluation rules (request value set V, policy values P):
 *  - key absent, no set qualifier: positive operators false, negated true;
 *    with ...IfExists: true.  Null: `true` means absent, `false` present.
 *  - single-valued key, no qualifier: positive = some p matches v;
 *    negated = no p matches v (values for one key OR; negated ones AND).
 *  - multivalued key without a qualifier: as ForAnyValue for positive and
 *    ForAllValues for negated operators [decision, see doc/semantics.md].
 *  - ForAnyValue: some v has a matching p (negated: some v has no matching
 *    p); V absent or empty: false (IfExists: absent is true).
 *  - ForAllValues: every v has a matching p (negated: no v has one);
 *    V absent or empty: true.
 *  - a value that cannot be read for the operator (a request value that is
 *    not a number for Numeric*, say) matches no p.
 *  - a policy value holding a policy variable whose key is absent matches
 *    nothing.
 */
#ifndef IAM_COND_H
#define IAM_COND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct iam_arena;
struct iam_context;
struct iam_glob;
struct iam_tmpl;

enum iam_cond_op {
	IAM_OP_STRING_EQUALS,
	IAM_OP_STRING_NOT_EQUALS,
	IAM_OP_STRING_EQUALS_IGNORE_CASE,
	IAM_OP_STRING_NOT_EQUALS_IGNORE_CASE,
	IAM_OP_STRING_LIKE,
	IAM_OP_STRING_NOT_LIKE,
	IAM_OP_NUMERIC_EQUALS,
	IAM_OP_NUMERIC_NOT_EQUALS,
	IAM_OP_NUMERIC_LESS_THAN,
	IAM_OP_NUMERIC_LESS_THAN_EQUALS,
	IAM_OP_NUMERIC_GREATER_THAN,
	IAM_OP_NUMERIC_GREATER_THAN_EQUALS,
	IAM_OP_DATE_EQUALS,
	IAM_OP_DATE_NOT_EQUALS,
	IAM_OP_DATE_LESS_THAN,
	IAM_OP_DATE_LESS_THAN_EQUALS,
	IAM_OP_DATE_GREATER_THAN,
	IAM_OP_DATE_GREATER_THAN_EQUALS,
	IAM_OP_BOOL,
	IAM_OP_BINARY_EQUALS,
	IAM_OP_IP_ADDRESS,
	IAM_OP_NOT_IP_ADDRESS,
	IAM_OP_ARN_EQUALS,
	IAM_OP_ARN_LIKE,
	IAM_OP_ARN_NOT_EQUALS,
	IAM_OP_ARN_NOT_LIKE,
	IAM_OP_NULL,
	IAM_OP__COUNT
};

enum iam_cond_set {
	IAM_SET_NONE,
	IAM_SET_FOR_ALL_VALUES,
	IAM_SET_FOR_ANY_VALUE,
};

/* The parts of an operator name such as "ForAnyValue:StringLikeIfExists". */
struct iam_cond_opname {
	enum iam_cond_op op;
	enum iam_cond_set set;
	bool if_exists;
};

/* Split an operator name (case-sensitive, as AWS spells them).  Returns 0,
 * or -1 for an unknown operator (also for NullIfExists, which AWS rejects:
 * *why then says so). why may be NULL. */
int iam_cond_parse_opname(const char *name, struct iam_cond_opname *out,
			  const char **why);

/* What kind of value an operator reads and compares. */
enum iam_cond_family {
	IAM_COND_STRING,
	IAM_COND_NUMERIC,
	IAM_COND_DATE,
	IAM_COND_BOOL,
	IAM_COND_BINARY,
	IAM_COND_IP,
	IAM_COND_ARN,
	IAM_COND_NULL,
};

/* How a request value is compared with a policy value: the positive
 * relation (a negated operator holds when it holds for no value). */
enum iam_cond_cmp {
	IAM_CMP_EQ,              /* equal text, number, date, boolean or bytes;
				  * Null: the key's presence */
	IAM_CMP_EQ_FOLD,         /* equal ignoring case */
	IAM_CMP_LIKE,            /* wildcards: StringLike; Arn* field by field */
	IAM_CMP_LT,              /* request value < policy value */
	IAM_CMP_LE,
	IAM_CMP_GT,
	IAM_CMP_GE,
	IAM_CMP_IN,              /* inside the policy's CIDR block */
};

/* One row of the operator table: everything iamgate knows about an
 * operator.  Adding an operator is one enum constant above and one row in
 * core/cond.c; parsing, compiling, evaluation and lint read the row. */
struct iam_cond_opinfo {
	const char *name;        /* as AWS spells it: "StringNotLike" */
	enum iam_cond_family family;
	enum iam_cond_cmp cmp;
	bool negated;            /* Not...: true when no policy value matches */
	bool variables;          /* values may hold policy variables: String*,
				  * Arn*, Bool (see doc/semantics.md) */
	bool if_exists;          /* ...IfExists is allowed (all but Null) */
};

/* The row of op (static), or NULL for a value outside the enum. */
const struct iam_cond_opinfo *iam_cond_op_info(enum iam_cond_op op);

/* Its name: "StringEquals", ... (static), or NULL. */
const char *iam_cond_op_name(enum iam_cond_op op);

/* One policy value, pre-parsed for its operator. */
struct iam_cond_value {
	char *text;              /* as written (numbers/booleans as JSON text) */
	bool quoted;             /* written as a JSON string */
	bool unknown;            /* as in struct iam_pattern (core/policy.h) */
	struct iam_tmpl *tmpl;   /* non-NULL when text holds variables */
	union {
		struct iam_glob *glob;   /* StringLike, Arn* (no variables) */
		char *folded;            /* StringEqualsIgnoreCase: lower-case */
		double num;              /* Numeric* */
		double time;             /* Date*: seconds since the epoch, UTC */
		bool boolean;            /* Bool */
		struct {
			uint8_t *bytes;
			size_t len;
		} bin;                   /* BinaryEquals: decoded base64 */
		struct {
			uint8_t addr[16];
			uint8_t family;  /* 4 or 6 */
			uint8_t prefix;  /* bits */
		} cidr;                  /* IpAddress */
	} u;
};

struct iam_condition {
	struct iam_cond_opname op;
	char *opname;            /* as written */
	char *key;               /* as written */
	char *key_lc;            /* lower-cased, for lookup */
	struct iam_cond_value *values;
	size_t nvalues;
	bool list;               /* the values were written as an array: value
				  * i is at path/i (else at path) */
	char *path;              /* JSON Pointer of the key: /Statement/0/Condition/Op/key */
	int line, column;
	struct iam_arena *arena; /* where the strings, values and what compile
				  * adds live (NULL: the heap) */
};

/* Compile the values of c (c->op, c->values[i].text, nvalues and arena
 * set by the caller; the rest zeroed).  vars: the policy's Version allows
 * variables.
 * Returns 0; or -1 with *bad set to the index of the first value that is
 * not valid for the operator (and why filled), or *bad = (size_t)-1 when
 * out of memory. */
int iam_condition_compile(struct iam_condition *c, bool vars, size_t *bad,
			  char *why, size_t whylen);

/* Does the condition hold for this request context? */
bool iam_condition_eval(const struct iam_condition *c,
			const struct iam_context *ctx);

/* Free what compile allocated, and the strings (unless they are in an
 * arena: then only forget them); c itself is not freed. */
void iam_condition_release(struct iam_condition *c);

/* Parsers shared with lint and the CLI.  Each returns 0 or -1. */
int iam_parse_date(const char *s, double *epoch_seconds);   /* ISO 8601 profile or epoch seconds */
int iam_parse_number(const char *s, double *out);           /* integer or decimal */
int iam_parse_cidr(const char *s, uint8_t addr[16], uint8_t *family,
		   uint8_t *prefix);                        /* bare address = /32 or /128 */

#endif /* IAM_COND_H */
