/* test_cond.c - condition operators: names, value parsing, evaluation. */
#include "config.h"

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/cond.h"
#include "core/context.h"

#define VALS(...) ((const char *const[]){ __VA_ARGS__ })
#define NV(...) (sizeof(VALS(__VA_ARGS__)) / sizeof(const char *))

/* ------------------------------------------------------------------ */
/* Helpers */

/* Fill c as the policy parser does: operator split, strings owned,
 * values' text set, the rest zeroed. */
static void build(struct iam_condition *c, const char *op, const char *key,
		  const char *const *vals, size_t n)
{
	const char *why = NULL;

	memset(c, 0, sizeof(*c));
	assert_int_equal(iam_cond_parse_opname(op, &c->op, &why), 0);
	c->opname = strdup(op);
	c->key = strdup(key);
	c->path = strdup("/Statement/0/Condition/x/y");
	c->values = calloc(n ? n : 1, sizeof(*c->values));
	assert_non_null(c->opname);
	assert_non_null(c->key);
	assert_non_null(c->path);
	assert_non_null(c->values);
	c->nvalues = n;
	for (size_t i = 0; i < n; i++) {
		c->values[i].text = strdup(vals[i]);
		assert_non_null(c->values[i].text);
	}
}

/* Compile (must succeed), evaluate once, release. */
static bool ev(const char *op, const char *key, const struct iam_context *ctx,
	       bool vars, const char *const *vals, size_t n)
{
	struct iam_condition c;
	size_t bad = 12345;
	char why[256] = "";
	bool r;

	build(&c, op, key, vals, n);
	if (iam_condition_compile(&c, vars, &bad, why, sizeof(why)) != 0) {
		iam_condition_release(&c);
		fail_msg("compile %s failed at value %zu: %s", op, bad, why);
	}
	r = iam_condition_eval(&c, ctx);
	iam_condition_release(&c);
	return r;
}

#define EVAL(op, key, ctx, ...) \
	ev(op, key, ctx, true, VALS(__VA_ARGS__), NV(__VA_ARGS__))
#define EVAL_NOVARS(op, key, ctx, ...) \
	ev(op, key, ctx, false, VALS(__VA_ARGS__), NV(__VA_ARGS__))

/* Compile expecting failure; returns the bad index, fills why. */
static size_t bad_index(const char *op, bool vars, const char *const *vals,
			size_t n, char *why, size_t whylen)
{
	struct iam_condition c;
	size_t bad = 12345;
	int rc;

	build(&c, op, "k", vals, n);
	why[0] = '\0';
	rc = iam_condition_compile(&c, vars, &bad, why, whylen);
	iam_condition_release(&c);
	assert_int_equal(rc, -1);
	assert_true(why[0] != '\0');
	return bad;
}

#define BAD(op, ...)                                                 \
	bad_index(op, true, VALS(__VA_ARGS__), NV(__VA_ARGS__), why, \
		  sizeof(why))

/* Is the single value v rejected by op? */
static bool rejects(const char *op, const char *v)
{
	char why[256];

	return bad_index(op, true, &v, 1, why, sizeof(why)) == 0;
}

/* Does op accept the single value v? */
static bool accepts(const char *op, const char *v)
{
	struct iam_condition c;
	size_t bad;
	char why[256];
	int rc;

	build(&c, op, "k", &v, 1);
	rc = iam_condition_compile(&c, true, &bad, why, sizeof(why));
	iam_condition_release(&c);
	return rc == 0;
}

static void add(struct iam_context *ctx, const char *key, const char *value)
{
	assert_int_equal(iam_context_add(ctx, key, value), 0);
}

#define LIST(ctx, key, ...)                                                \
	assert_int_equal(iam_context_set_list(ctx, key, VALS(__VA_ARGS__), \
					      NV(__VA_ARGS__)),            \
			 0)

static void empty_list(struct iam_context *ctx, const char *key)
{
	assert_int_equal(iam_context_set_list(ctx, key, NULL, 0), 0);
}

/* A context holding one single-valued key. */
static struct iam_context one(const char *key, const char *value)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	add(&ctx, key, value);
	return ctx;
}

static double date(const char *s)
{
	double t = -1e300;

	if (iam_parse_date(s, &t) != 0)
		fail_msg("'%s' did not parse as a date", s);
	return t;
}

static bool date_rejected(const char *s)
{
	double t = 42.0;

	return iam_parse_date(s, &t) == -1 && t == 42.0;
}

static double number(const char *s)
{
	double v = -1e300;

	if (iam_parse_number(s, &v) != 0)
		fail_msg("'%s' did not parse as a number", s);
	return v;
}

/* ------------------------------------------------------------------ */
/* Operator names */

static void test_opname_all_operators_round_trip(void **state)
{
	(void)state;
	for (int op = 0; op < IAM_OP__COUNT; op++) {
		struct iam_cond_opname n;
		const char *name = iam_cond_op_name((enum iam_cond_op)op);

		assert_non_null(name);
		assert_int_equal(iam_cond_parse_opname(name, &n, NULL), 0);
		assert_int_equal(n.op, op);
		assert_int_equal(n.set, IAM_SET_NONE);
		assert_false(n.if_exists);
	}
	assert_null(iam_cond_op_name(IAM_OP__COUNT));
}

static void test_opname_aws_spellings(void **state)
{
	static const struct {
		const char *name;
		enum iam_cond_op op;
	} t[] = {
		{ "StringEqualsIgnoreCase", IAM_OP_STRING_EQUALS_IGNORE_CASE },
		{ "StringNotEqualsIgnoreCase",
		  IAM_OP_STRING_NOT_EQUALS_IGNORE_CASE },
		{ "NumericLessThanEquals", IAM_OP_NUMERIC_LESS_THAN_EQUALS },
		{ "NumericGreaterThanEquals",
		  IAM_OP_NUMERIC_GREATER_THAN_EQUALS },
		{ "DateGreaterThanEquals", IAM_OP_DATE_GREATER_THAN_EQUALS },
		{ "DateLessThanEquals", IAM_OP_DATE_LESS_THAN_EQUALS },
		{ "BinaryEquals", IAM_OP_BINARY_EQUALS },
		{ "IpAddress", IAM_OP_IP_ADDRESS },
		{ "NotIpAddress", IAM_OP_NOT_IP_ADDRESS },
		{ "ArnEquals", IAM_OP_ARN_EQUALS },
		{ "ArnLike", IAM_OP_ARN_LIKE },
		{ "ArnNotEquals", IAM_OP_ARN_NOT_EQUALS },
		{ "ArnNotLike", IAM_OP_ARN_NOT_LIKE },
		{ "Null", IAM_OP_NULL },
		{ "Bool", IAM_OP_BOOL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct iam_cond_opname n;

		assert_int_equal(iam_cond_parse_opname(t[i].name, &n, NULL), 0);
		assert_int_equal(n.op, t[i].op);
	}
}

static void test_opname_qualifiers_and_if_exists(void **state)
{
	struct iam_cond_opname n;

	(void)state;
	assert_int_equal(iam_cond_parse_opname(
				 "ForAllValues:StringLikeIfExists", &n, NULL),
			 0);
	assert_int_equal(n.op, IAM_OP_STRING_LIKE);
	assert_int_equal(n.set, IAM_SET_FOR_ALL_VALUES);
	assert_true(n.if_exists);

	assert_int_equal(
		iam_cond_parse_opname("ForAnyValue:ArnNotLike", &n, NULL), 0);
	assert_int_equal(n.op, IAM_OP_ARN_NOT_LIKE);
	assert_int_equal(n.set, IAM_SET_FOR_ANY_VALUE);
	assert_false(n.if_exists);

	assert_int_equal(
		iam_cond_parse_opname("NotIpAddressIfExists", &n, NULL), 0);
	assert_int_equal(n.op, IAM_OP_NOT_IP_ADDRESS);
	assert_int_equal(n.set, IAM_SET_NONE);
	assert_true(n.if_exists);

	assert_int_equal(iam_cond_parse_opname("BoolIfExists", &n, NULL), 0);
	assert_int_equal(n.op, IAM_OP_BOOL);
	assert_true(n.if_exists);
}

static void test_opname_is_case_sensitive(void **state)
{
	struct iam_cond_opname n;
	const char *why = NULL;

	(void)state;
	assert_int_equal(iam_cond_parse_opname("stringequals", &n, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, "case-sensitive"));
	why = NULL;
	assert_int_equal(
		iam_cond_parse_opname("StringEqualsIgnorecase", &n, &why), -1);
	assert_non_null(strstr(why, "case-sensitive"));
	assert_int_equal(iam_cond_parse_opname("forallvalues:StringEquals", &n,
					       NULL),
			 -1);
	assert_int_equal(
		iam_cond_parse_opname("StringEqualsifexists", &n, NULL), -1);
	assert_int_equal(iam_cond_parse_opname("IPAddress", &n, NULL), -1);
}

static void test_opname_null_if_exists_rejected(void **state)
{
	struct iam_cond_opname n;
	const char *why = NULL;

	(void)state;
	assert_int_equal(iam_cond_parse_opname("NullIfExists", &n, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, "IfExists"));
	why = NULL;
	assert_int_equal(iam_cond_parse_opname("ForAnyValue:NullIfExists", &n,
					       &why),
			 -1);
	assert_non_null(strstr(why, "IfExists"));
	/* plain Null is fine */
	assert_int_equal(iam_cond_parse_opname("Null", &n, NULL), 0);
	assert_int_equal(n.op, IAM_OP_NULL);
}

static void test_opname_unknown_rejected(void **state)
{
	static const char *const bad[] = {
		"",
		"StringEqual",
		"StringEqualsX",
		"IfExists",
		"ForAllValues:",
		"ForAnyValue:IfExists",
		"StringEqualsIfExistsIfExists",
		"ForAllValues:ForAnyValue:StringEquals",
		"NumericEqual",
		"DateAfter",
		"Boolean",
		"ArnMatches",
		"IpAddressIfExist",
		" StringEquals",
		"StringEquals ",
	};
	struct iam_cond_opname n;
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		if (iam_cond_parse_opname(bad[i], &n, &why) != -1)
			fail_msg("'%s' was accepted", bad[i]);
		assert_non_null(why);
	}
	why = NULL;
	assert_int_equal(iam_cond_parse_opname("ForAllValue:StringEquals", &n,
					       &why),
			 -1);
	assert_non_null(strstr(why, "ForAllValues:"));
	assert_int_equal(iam_cond_parse_opname(NULL, &n, NULL), -1);
}

/* The operator table against the AWS operator reference
 * (iam-semantics.md section 4), written out independently of it. */
static void test_operator_table_matches_aws(void **state)
{
	static const struct {
		const char *name;
		enum iam_cond_family family;
		enum iam_cond_cmp cmp;
		bool negated, variables, if_exists;
	} aws[] = {
		{ "StringEquals", IAM_COND_STRING, IAM_CMP_EQ, false, true, true },
		{ "StringNotEquals", IAM_COND_STRING, IAM_CMP_EQ, true, true, true },
		{ "StringEqualsIgnoreCase", IAM_COND_STRING, IAM_CMP_EQ_FOLD, false, true, true },
		{ "StringNotEqualsIgnoreCase", IAM_COND_STRING, IAM_CMP_EQ_FOLD, true, true, true },
		{ "StringLike", IAM_COND_STRING, IAM_CMP_LIKE, false, true, true },
		{ "StringNotLike", IAM_COND_STRING, IAM_CMP_LIKE, true, true, true },
		{ "NumericEquals", IAM_COND_NUMERIC, IAM_CMP_EQ, false, false, true },
		{ "NumericNotEquals", IAM_COND_NUMERIC, IAM_CMP_EQ, true, false, true },
		{ "NumericLessThan", IAM_COND_NUMERIC, IAM_CMP_LT, false, false, true },
		{ "NumericLessThanEquals", IAM_COND_NUMERIC, IAM_CMP_LE, false, false, true },
		{ "NumericGreaterThan", IAM_COND_NUMERIC, IAM_CMP_GT, false, false, true },
		{ "NumericGreaterThanEquals", IAM_COND_NUMERIC, IAM_CMP_GE, false, false, true },
		{ "DateEquals", IAM_COND_DATE, IAM_CMP_EQ, false, false, true },
		{ "DateNotEquals", IAM_COND_DATE, IAM_CMP_EQ, true, false, true },
		{ "DateLessThan", IAM_COND_DATE, IAM_CMP_LT, false, false, true },
		{ "DateLessThanEquals", IAM_COND_DATE, IAM_CMP_LE, false, false, true },
		{ "DateGreaterThan", IAM_COND_DATE, IAM_CMP_GT, false, false, true },
		{ "DateGreaterThanEquals", IAM_COND_DATE, IAM_CMP_GE, false, false, true },
		/* variables in Bool: the operator reference (doc/semantics.md) */
		{ "Bool", IAM_COND_BOOL, IAM_CMP_EQ, false, true, true },
		{ "BinaryEquals", IAM_COND_BINARY, IAM_CMP_EQ, false, false, true },
		{ "IpAddress", IAM_COND_IP, IAM_CMP_IN, false, false, true },
		{ "NotIpAddress", IAM_COND_IP, IAM_CMP_IN, true, false, true },
		/* ArnEquals is ArnLike: wildcards in both */
		{ "ArnEquals", IAM_COND_ARN, IAM_CMP_LIKE, false, true, true },
		{ "ArnLike", IAM_COND_ARN, IAM_CMP_LIKE, false, true, true },
		{ "ArnNotEquals", IAM_COND_ARN, IAM_CMP_LIKE, true, true, true },
		{ "ArnNotLike", IAM_COND_ARN, IAM_CMP_LIKE, true, true, true },
		/* no variables, no IfExists: it tests presence itself */
		{ "Null", IAM_COND_NULL, IAM_CMP_EQ, false, false, false },
	};
	size_t n = sizeof(aws) / sizeof(aws[0]);

	(void)state;
	assert_int_equal(IAM_OP__COUNT, n);
	assert_null(iam_cond_op_info(IAM_OP__COUNT));
	for (int op = 0; op < IAM_OP__COUNT; op++) {
		const struct iam_cond_opinfo *o = iam_cond_op_info((enum iam_cond_op)op);
		struct iam_cond_opname parsed;
		char ifexists[64];
		size_t k;

		assert_non_null(o);
		assert_non_null(o->name);
		for (k = 0; k < n && strcmp(aws[k].name, o->name) != 0; k++)
			;
		if (k == n)
			fail_msg("%s is not an AWS operator", o->name);
		if (o->family != aws[k].family || o->cmp != aws[k].cmp ||
		    o->negated != aws[k].negated ||
		    o->variables != aws[k].variables ||
		    o->if_exists != aws[k].if_exists)
			fail_msg("the row of %s does not match AWS", o->name);
		/* rows are unique, and what parsing the name says agrees */
		for (int other = 0; other < op; other++)
			assert_string_not_equal(
				iam_cond_op_info((enum iam_cond_op)other)->name,
				o->name);
		assert_int_equal(iam_cond_parse_opname(o->name, &parsed, NULL), 0);
		assert_int_equal(parsed.op, op);
		snprintf(ifexists, sizeof(ifexists), "%sIfExists", o->name);
		assert_int_equal(iam_cond_parse_opname(ifexists, &parsed, NULL) == 0,
				 aws[k].if_exists);
		/* the naming rules AWS follows */
		assert_int_equal(o->negated, strstr(o->name, "Not") != NULL);
	}
	/* a few facts by name, as a reader would check them */
	assert_true(iam_cond_op_info(IAM_OP_STRING_NOT_EQUALS)->negated);
	assert_true(iam_cond_op_info(IAM_OP_ARN_LIKE)->variables);
	assert_false(iam_cond_op_info(IAM_OP_NUMERIC_EQUALS)->variables);
	assert_false(iam_cond_op_info(IAM_OP_NULL)->if_exists);
	assert_int_equal(iam_cond_op_info(IAM_OP_ARN_EQUALS)->cmp, IAM_CMP_LIKE);
}

/* ------------------------------------------------------------------ */
/* String operators */

static void test_string_equals(void **state)
{
	struct iam_context ctx = one("aws:username", "alice");

	(void)state;
	assert_true(EVAL("StringEquals", "aws:username", &ctx, "alice"));
	assert_false(EVAL("StringEquals", "aws:username", &ctx, "Alice"));
	assert_false(EVAL("StringEquals", "aws:username", &ctx, "alic"));
	assert_false(EVAL("StringEquals", "aws:username", &ctx, "alice "));
	assert_false(EVAL("StringEquals", "aws:username", &ctx, "al*"));
	/* values for one key OR */
	assert_true(EVAL("StringEquals", "aws:username", &ctx, "bob", "alice"));
	assert_false(
		EVAL("StringEquals", "aws:username", &ctx, "bob", "carol"));
	iam_context_release(&ctx);
}

static void test_string_not_equals(void **state)
{
	struct iam_context ctx = one("aws:username", "alice");

	(void)state;
	assert_true(EVAL("StringNotEquals", "aws:username", &ctx, "bob"));
	assert_false(EVAL("StringNotEquals", "aws:username", &ctx, "alice"));
	assert_true(EVAL("StringNotEquals", "aws:username", &ctx, "ALICE"));
	/* several values: the request value must match none (AND) */
	assert_true(
		EVAL("StringNotEquals", "aws:username", &ctx, "bob", "carol"));
	assert_false(
		EVAL("StringNotEquals", "aws:username", &ctx, "bob", "alice"));
	iam_context_release(&ctx);
}

static void test_string_equals_ignore_case(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "k", "AlIcE");
	add(&ctx, "latin", "\303\211COLE"); /* ÉCOLE */
	add(&ctx, "times", "a\303\227b"); /* a×b */
	assert_true(EVAL("StringEqualsIgnoreCase", "k", &ctx, "alice"));
	assert_true(EVAL("StringEqualsIgnoreCase", "k", &ctx, "ALICE"));
	assert_false(EVAL("StringEqualsIgnoreCase", "k", &ctx, "alicia"));
	assert_false(EVAL("StringEqualsIgnoreCase", "k", &ctx, "alic"));
	assert_false(EVAL("StringEqualsIgnoreCase", "k", &ctx, "alice2"));
	assert_true(EVAL("StringEqualsIgnoreCase", "k", &ctx, "bob", "aLiCe"));
	/* Latin-1 letters fold too: école */
	assert_true(
		EVAL("StringEqualsIgnoreCase", "latin", &ctx, "\303\251cole"));
	/* U+00D7 (×) is not a letter: it never equals U+00F7 (÷) */
	assert_false(
		EVAL("StringEqualsIgnoreCase", "times", &ctx, "a\303\267b"));
	assert_true(
		EVAL("StringEqualsIgnoreCase", "times", &ctx, "A\303\227B"));
	iam_context_release(&ctx);
}

static void test_string_not_equals_ignore_case(void **state)
{
	struct iam_context ctx = one("k", "Prod");

	(void)state;
	assert_false(EVAL("StringNotEqualsIgnoreCase", "k", &ctx, "PROD"));
	assert_true(EVAL("StringNotEqualsIgnoreCase", "k", &ctx, "dev"));
	assert_true(
		EVAL("StringNotEqualsIgnoreCase", "k", &ctx, "dev", "test"));
	assert_false(
		EVAL("StringNotEqualsIgnoreCase", "k", &ctx, "dev", "prod"));
	iam_context_release(&ctx);
}

static void test_string_like(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "s3:prefix", "home/alice/docs");
	add(&ctx, "arnish", "arn:aws:iam::111122223333:role/a");
	assert_true(EVAL("StringLike", "s3:prefix", &ctx, "home/*"));
	assert_true(EVAL("StringLike", "s3:prefix", &ctx, "home/alice/docs"));
	assert_true(EVAL("StringLike", "s3:prefix", &ctx, "*"));
	assert_true(EVAL("StringLike", "s3:prefix", &ctx, "home/?lice/*"));
	assert_true(EVAL("StringLike", "s3:prefix", &ctx, "*/docs"));
	assert_false(EVAL("StringLike", "s3:prefix", &ctx, "Home/*"));
	assert_false(EVAL("StringLike", "s3:prefix", &ctx, "home/?/docs"));
	assert_false(EVAL("StringLike", "s3:prefix", &ctx, "home/alice"));
	assert_true(EVAL("StringLike", "s3:prefix", &ctx, "x*", "*docs"));
	/* StringLike is not field by field: '*' crosses ':' */
	assert_true(EVAL("StringLike", "arnish", &ctx, "arn:*/a"));
	iam_context_release(&ctx);
}

static void test_string_not_like(void **state)
{
	struct iam_context ctx = one("s3:prefix", "home/alice/docs");

	(void)state;
	assert_false(EVAL("StringNotLike", "s3:prefix", &ctx, "home/*"));
	assert_true(EVAL("StringNotLike", "s3:prefix", &ctx, "tmp/*"));
	assert_true(EVAL("StringNotLike", "s3:prefix", &ctx, "tmp/*", "var/*"));
	assert_false(
		EVAL("StringNotLike", "s3:prefix", &ctx, "tmp/*", "*docs"));
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* Numeric */

static void test_parse_number_accepts_integers_and_decimals(void **state)
{
	(void)state;
	assert_true(number("0") == 0.0);
	assert_true(number("42") == 42.0);
	assert_true(number("-1") == -1.0);
	assert_true(number("+2") == 2.0);
	assert_true(number("1.5") == 1.5);
	assert_true(number("-0.25") == -0.25);
	assert_true(number("0.1") == 0.1);
	assert_true(number("007") == 7.0);
	assert_true(number("1.50") == 1.5);
	assert_true(number("3600") == 3600.0);
	assert_true(number("123456789012345") == 123456789012345.0);
	assert_true(number("0.000123") == 0.000123);
	assert_true(number("99999999999999999999") == 1e20);
}

static void test_parse_number_rejects_garbage(void **state)
{
	static const char *const bad[] = {
		"",    "1e",  "1e3",   "abc",	"0x10",	    ".5", "5.",
		"-",   "+",   "--1",   "+-1",	" 1",	    "1 ", "1,5",
		"inf", "nan", "1.2.3", "1_000", "${aws:x}",
	};
	double v = 7.0;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (iam_parse_number(bad[i], &v) != -1)
			fail_msg("'%s' was accepted", bad[i]);
	}
	assert_true(v == 7.0);
	assert_int_equal(iam_parse_number(NULL, &v), -1);
	{
		/* too large for a double */
		char big[402];

		memset(big, '9', 401);
		big[401] = '\0';
		assert_int_equal(iam_parse_number(big, &v), -1);
		assert_true(v == 7.0);
		big[1] = '.';
		assert_int_equal(iam_parse_number(big, &v), 0);
		assert_true(v > 9.99 && v <= 10.0);
	}
}

static void test_numeric_operators(void **state)
{
	struct iam_context ctx = one("aws:MultiFactorAuthAge", "3600");
	const char *k = "aws:MultiFactorAuthAge";

	(void)state;
	assert_true(EVAL("NumericEquals", k, &ctx, "3600"));
	assert_false(EVAL("NumericEquals", k, &ctx, "3601"));
	assert_true(EVAL("NumericNotEquals", k, &ctx, "3601"));
	assert_false(EVAL("NumericNotEquals", k, &ctx, "3600"));

	assert_true(EVAL("NumericLessThan", k, &ctx, "3601"));
	assert_false(EVAL("NumericLessThan", k, &ctx, "3600"));
	assert_false(EVAL("NumericLessThan", k, &ctx, "100"));

	assert_true(EVAL("NumericLessThanEquals", k, &ctx, "3600"));
	assert_true(EVAL("NumericLessThanEquals", k, &ctx, "3601"));
	assert_false(EVAL("NumericLessThanEquals", k, &ctx, "3599"));

	assert_true(EVAL("NumericGreaterThan", k, &ctx, "3599"));
	assert_false(EVAL("NumericGreaterThan", k, &ctx, "3600"));
	assert_false(EVAL("NumericGreaterThan", k, &ctx, "5000"));

	assert_true(EVAL("NumericGreaterThanEquals", k, &ctx, "3600"));
	assert_true(EVAL("NumericGreaterThanEquals", k, &ctx, "-1"));
	assert_false(EVAL("NumericGreaterThanEquals", k, &ctx, "3600.5"));

	/* OR over values; negated AND */
	assert_true(EVAL("NumericEquals", k, &ctx, "1", "3600"));
	assert_false(EVAL("NumericNotEquals", k, &ctx, "1", "3600"));
	assert_true(EVAL("NumericNotEquals", k, &ctx, "1", "2"));
	iam_context_release(&ctx);
}

static void test_numeric_decimals(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "n", "1.50");
	add(&ctx, "neg", "-2");
	add(&ctx, "plus", "+7");
	assert_true(EVAL("NumericEquals", "n", &ctx, "1.5"));
	assert_true(EVAL("NumericLessThan", "n", &ctx, "1.51"));
	assert_true(EVAL("NumericGreaterThan", "n", &ctx, "1.49"));
	assert_true(EVAL("NumericLessThan", "neg", &ctx, "-1.5"));
	assert_true(EVAL("NumericEquals", "neg", &ctx, "-2.0"));
	assert_true(EVAL("NumericEquals", "plus", &ctx, "7"));
	iam_context_release(&ctx);
}

/* Numbers are compared exactly as the decimals written, not as doubles:
 * 9007199254740993 and 9007199254740992 are one double. */
static void test_numeric_exact(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "big", "9007199254740993");
	add(&ctx, "tiny", "0.10000000000000001");
	add(&ctx, "zero", "-0.000");
	add(&ctx, "padded", "0010.2500");
	assert_false(EVAL("NumericEquals", "big", &ctx, "9007199254740992"));
	assert_true(EVAL("NumericEquals", "big", &ctx, "9007199254740993"));
	assert_true(EVAL("NumericGreaterThan", "big", &ctx, "9007199254740992"));
	assert_true(EVAL("NumericNotEquals", "tiny", &ctx, "0.1"));
	assert_true(EVAL("NumericGreaterThan", "tiny", &ctx, "0.1"));
	assert_true(EVAL("NumericEquals", "zero", &ctx, "0"));
	assert_true(EVAL("NumericEquals", "zero", &ctx, "+0.0"));
	assert_true(EVAL("NumericEquals", "padded", &ctx, "10.25"));
	assert_true(EVAL("NumericLessThan", "padded", &ctx, "10.251"));
	assert_true(EVAL("NumericGreaterThan", "padded", &ctx, "-11"));
	assert_true(EVAL("NumericLessThan", "zero", &ctx, "0.0000000000000000000000001"));
	iam_context_release(&ctx);
}

static void test_numeric_bad_policy_values_rejected(void **state)
{
	char why[256];

	(void)state;
	assert_true(rejects("NumericEquals", "1e"));
	assert_true(rejects("NumericEquals", "abc"));
	assert_true(rejects("NumericLessThan", ""));
	assert_true(rejects("NumericGreaterThan", "0x10"));
	assert_true(rejects("NumericNotEquals", "1e3"));
	/* no variables in Numeric: the text stays literal and is no number */
	assert_true(rejects("NumericEquals", "${aws:MultiFactorAuthAge}"));
	assert_int_equal(BAD("NumericLessThanEquals", "1", "2.5", "x", "y"), 2);
	assert_non_null(strstr(why, "'x'"));
	assert_true(accepts("NumericEquals", "-1"));
	assert_true(accepts("NumericEquals", "+2"));
}

static void test_numeric_unreadable_request_matches_nothing(void **state)
{
	struct iam_context ctx = one("n", "ten");

	(void)state;
	assert_false(EVAL("NumericEquals", "n", &ctx, "10"));
	assert_false(EVAL("NumericLessThan", "n", &ctx, "10"));
	assert_false(EVAL("NumericGreaterThanEquals", "n", &ctx, "-100"));
	assert_true(EVAL("NumericNotEquals", "n", &ctx, "10"));
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* Dates */

static void test_parse_date_iso_forms(void **state)
{
	(void)state;
	assert_true(date("2020") == 1577836800.0);
	assert_true(date("2020-02") == 1580515200.0);
	assert_true(date("2020-02-29") == 1582934400.0);
	assert_true(date("2020-02-29T12:30Z") == 1582979400.0);
	assert_true(date("2020-02-29T12:30:15Z") == 1582979415.0);
	assert_true(date("2020-02-29T12:30:15.25Z") == 1582979415.25);
	assert_true(date("2020-02-29T12:30:15.5Z") == 1582979415.5);
	assert_true(date("1970-01-01T00:00:00Z") == 0.0);
	assert_true(date("1969-12-31T23:59:59Z") == -1.0);
	assert_true(date("2000-03-01") == 951868800.0);
	assert_true(date("9999-12-31T23:59:59Z") == 253402300799.0);
	assert_true(date("0000-01-01") == -62167219200.0);
}

static void test_parse_date_timezone_offsets(void **state)
{
	(void)state;
	assert_true(date("2020-02-29T12:30:15+02:00") == 1582979415.0 - 7200);
	assert_true(date("2020-02-29T12:30:15-05:30") == 1582979415.0 + 19800);
	assert_true(date("2020-02-29T12:30+00:00") == 1582979400.0);
	assert_true(date("2020-02-29T12:30:15.75-00:15") ==
		    1582979415.75 + 900);
	/* an offset can move the date across midnight and years */
	assert_true(date("2020-01-01T01:00:00+02:00") ==
		    date("2019-12-31T23:00:00Z"));
}

static void test_parse_date_epoch_seconds(void **state)
{
	(void)state;
	assert_true(date("1582934400") == 1582934400.0);
	assert_true(date("1582934400.5") == 1582934400.5);
	assert_true(date("0") == 0.0);
	assert_true(date("86400") == 86400.0);
	/* exactly four digits is a year, not epoch seconds */
	assert_true(date("1970") == 0.0);
	assert_true(date("2020") == 1577836800.0);
	assert_true(date("2020.0") == 2020.0);
	assert_true(date("12345") == 12345.0);
	assert_true(date("20") == 20.0);
	/* ISO basic format is not in the profile: digits are epoch seconds */
	assert_true(date("20200101") == 20200101.0);
}

static void test_parse_date_rejects_bad_dates(void **state)
{
	static const char *const bad[] = {
		"",
		"abc",
		"2020-",
		"2020-1",
		"2020-13",
		"2020-00",
		"2020-01-1",
		"2020-01-32",
		"2020-02-30",
		"2019-02-29",
		"1900-02-29",
		"2020-04-31",
		"2020-01-01T",
		"2020-01-01T10Z",
		"2020-01-01T24:00Z",
		"2020-01-01T10:60Z",
		"2020-01-01T10:00:60Z",
		"2020-01-01T10:00",
		"2020-01-01T10:00:00",
		"2020-01-01t10:00:00Z",
		"2020-01-01T10:00:00z",
		"2020-01-01 10:00:00Z",
		"2020-01-01T10:00:00.Z",
		"2020-01-01T10:00.5Z",
		"2020-01-01T10:00:00+0200",
		"2020-01-01T10:00:00+02",
		"2020-01-01T10:00:00+24:00",
		"2020-01-01T10:00:00+02:60",
		"2020-01-01T10:00:00Z ",
		" 2020",
		"2020-01-01Z",
		"-1",
		"+5",
		"1.2.3",
		".",
		"1.",
		"1e9",
		"2020/01/01",
		"2020-01-01T10:00:00ZZ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!date_rejected(bad[i]))
			fail_msg("'%s' was accepted", bad[i]);
	assert_true(date_rejected("2000-02-30"));
	assert_false(date_rejected("2000-02-29"));
	assert_int_equal(iam_parse_date(NULL, &(double){ 0 }), -1);
}

static void test_date_operators(void **state)
{
	struct iam_context ctx = one("aws:CurrentTime", "2024-06-15T12:00:00Z");
	const char *k = "aws:CurrentTime";

	(void)state;
	assert_true(EVAL("DateEquals", k, &ctx, "2024-06-15T12:00:00Z"));
	assert_false(EVAL("DateEquals", k, &ctx, "2024-06-15"));
	assert_true(EVAL("DateNotEquals", k, &ctx, "2024-06-15"));
	assert_false(EVAL("DateNotEquals", k, &ctx, "2024-06-15T12:00Z"));

	assert_true(EVAL("DateLessThan", k, &ctx, "2025"));
	assert_false(EVAL("DateLessThan", k, &ctx, "2024-06-15T12:00:00Z"));
	assert_false(EVAL("DateLessThan", k, &ctx, "2024-06"));

	assert_true(
		EVAL("DateLessThanEquals", k, &ctx, "2024-06-15T12:00:00Z"));
	assert_false(
		EVAL("DateLessThanEquals", k, &ctx, "2024-06-15T11:59:59Z"));

	assert_true(EVAL("DateGreaterThan", k, &ctx, "2024-06-15T11:59:59Z"));
	assert_false(EVAL("DateGreaterThan", k, &ctx, "2024-06-15T12:00:00Z"));

	assert_true(
		EVAL("DateGreaterThanEquals", k, &ctx, "2024-06-15T12:00Z"));
	assert_false(EVAL("DateGreaterThanEquals", k, &ctx, "2024-06-16"));

	/* several values OR; negated AND */
	assert_true(EVAL("DateEquals", k, &ctx, "2023", "2024-06-15T12:00Z"));
	assert_false(
		EVAL("DateNotEquals", k, &ctx, "2023", "2024-06-15T12:00Z"));
	iam_context_release(&ctx);
}

static void test_date_epoch_and_iso_compare_across_forms(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "aws:EpochTime", "1718452800"); /* 2024-06-15T12:00:00Z */
	add(&ctx, "iso", "2024-06-15T14:00:00+02:00");
	assert_true(EVAL("DateEquals", "aws:EpochTime", &ctx,
			 "2024-06-15T12:00:00Z"));
	assert_true(EVAL("DateLessThan", "aws:EpochTime", &ctx,
			 "2024-06-15T12:00:01Z"));
	assert_true(EVAL("DateEquals", "iso", &ctx, "1718452800"));
	assert_true(EVAL("DateGreaterThan", "iso", &ctx, "1718452799.5"));
	/* the same instant in another zone */
	assert_true(
		EVAL("DateEquals", "iso", &ctx, "2024-06-15T07:30:00-04:30"));
	/* aws:EpochTime is also usable with Numeric operators */
	assert_true(EVAL("NumericGreaterThan", "aws:EpochTime", &ctx,
			 "1700000000"));
	iam_context_release(&ctx);
}

static void test_date_fractional_seconds(void **state)
{
	struct iam_context ctx = one("t", "2024-01-01T00:00:00.250Z");

	(void)state;
	assert_true(EVAL("DateGreaterThan", "t", &ctx, "2024-01-01T00:00:00Z"));
	assert_true(EVAL("DateLessThan", "t", &ctx, "2024-01-01T00:00:00.3Z"));
	assert_true(EVAL("DateEquals", "t", &ctx, "2024-01-01T00:00:00.25Z"));
	assert_true(EVAL("DateEquals", "t", &ctx, "1704067200.25"));
	iam_context_release(&ctx);
}

static void test_date_bad_values_and_unreadable_request(void **state)
{
	struct iam_context ctx = one("t", "yesterday");
	char why[256];

	(void)state;
	assert_true(rejects("DateEquals", "2024-02-30"));
	assert_true(rejects("DateLessThan", "2024-01-01T10:00:00"));
	assert_true(rejects("DateLessThan", "${aws:CurrentTime}"));
	assert_int_equal(BAD("DateGreaterThan", "2024", "soon"), 1);
	assert_non_null(strstr(why, "'soon'"));
	assert_false(EVAL("DateLessThan", "t", &ctx, "2100"));
	assert_false(EVAL("DateGreaterThan", "t", &ctx, "1900"));
	assert_true(EVAL("DateNotEquals", "t", &ctx, "2024"));
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* Bool */

static void test_bool(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *k = "aws:SecureTransport";

	(void)state;
	add(&ctx, k, "true");
	add(&ctx, "upper", "TRUE");
	add(&ctx, "f", "false");
	add(&ctx, "junk", "yes");
	assert_true(EVAL("Bool", k, &ctx, "true"));
	assert_false(EVAL("Bool", k, &ctx, "false"));
	assert_true(EVAL("Bool", k, &ctx, "True"));
	assert_true(EVAL("Bool", "upper", &ctx, "true"));
	assert_true(EVAL("Bool", "f", &ctx, "false"));
	assert_true(EVAL("Bool", "f", &ctx, "FALSE"));
	assert_false(EVAL("Bool", "f", &ctx, "true"));
	/* a request value that is no boolean matches neither */
	assert_false(EVAL("Bool", "junk", &ctx, "true"));
	assert_false(EVAL("Bool", "junk", &ctx, "false"));
	iam_context_release(&ctx);
}

static void test_bool_bad_policy_values_rejected(void **state)
{
	(void)state;
	assert_true(rejects("Bool", "yes"));
	assert_true(rejects("Bool", "1"));
	assert_true(rejects("Bool", ""));
	assert_true(rejects("Bool", "truee"));
	assert_true(rejects("Bool", " true"));
	assert_true(accepts("Bool", "FaLsE"));
}

static void test_bool_absent_key_and_if_exists(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *k = "aws:MultiFactorAuthPresent";

	(void)state;
	/* absent with access keys: Deny + Bool false does not fire */
	assert_false(EVAL("Bool", k, &ctx, "false"));
	assert_false(EVAL("Bool", k, &ctx, "true"));
	assert_true(EVAL("BoolIfExists", k, &ctx, "false"));
	add(&ctx, k, "true");
	assert_false(EVAL("BoolIfExists", k, &ctx, "false"));
	assert_true(EVAL("BoolIfExists", k, &ctx, "true"));
	iam_context_release(&ctx);
}

static void test_bool_takes_variables(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "aws:SecureTransport", "true");
	add(&ctx, "aws:PrincipalTag/secure", "TRUE");
	add(&ctx, "aws:PrincipalTag/bogus", "maybe");
	assert_true(EVAL("Bool", "aws:SecureTransport", &ctx,
			 "${aws:PrincipalTag/secure}"));
	assert_false(EVAL("Bool", "aws:SecureTransport", &ctx,
			  "${aws:PrincipalTag/bogus}"));
	assert_false(EVAL("Bool", "aws:SecureTransport", &ctx,
			  "${aws:PrincipalTag/absent}"));
	assert_true(EVAL("Bool", "aws:SecureTransport", &ctx,
			 "${aws:PrincipalTag/absent, 'true'}"));
	/* under 2008-10-17 the text is literal, and no boolean */
	{
		const char *v = "${aws:PrincipalTag/secure}";
		char why[256];

		assert_int_equal(
			bad_index("Bool", false, &v, 1, why, sizeof(why)), 0);
	}
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* BinaryEquals */

static void test_binary_equals(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "b", "QmluYXJ5"); /* "Binary" */
	add(&ctx, "one", "YQ=="); /* "a" */
	add(&ctx, "one_nopad", "YQ"); /* "a", no padding */
	add(&ctx, "two", "YWI="); /* "ab" */
	add(&ctx, "bytes", "AP8Q"); /* 00 ff 10 */
	add(&ctx, "junk", "not base64!");
	add(&ctx, "empty", "");
	assert_true(EVAL("BinaryEquals", "b", &ctx, "QmluYXJ5"));
	assert_false(EVAL("BinaryEquals", "b", &ctx, "QmluYXJ6"));
	assert_false(EVAL("BinaryEquals", "b", &ctx, "QmluYXI="));
	assert_true(EVAL("BinaryEquals", "b", &ctx, "YQ==", "QmluYXJ5"));
	assert_true(EVAL("BinaryEquals", "one", &ctx, "YQ=="));
	assert_true(EVAL("BinaryEquals", "one", &ctx, "YQ"));
	assert_true(EVAL("BinaryEquals", "one_nopad", &ctx, "YQ=="));
	assert_false(EVAL("BinaryEquals", "one", &ctx, "YWI="));
	assert_true(EVAL("BinaryEquals", "two", &ctx, "YWI"));
	assert_false(EVAL("BinaryEquals", "two", &ctx, "YQ=="));
	assert_true(EVAL("BinaryEquals", "bytes", &ctx, "AP8Q"));
	assert_false(EVAL("BinaryEquals", "bytes", &ctx, "AP8R"));
	/* base64 is case-sensitive */
	assert_false(EVAL("BinaryEquals", "bytes", &ctx, "ap8q"));
	/* a request value that is not base64 matches nothing */
	assert_false(EVAL("BinaryEquals", "junk", &ctx, "bm90IGJhc2U2NCE="));
	assert_true(EVAL("BinaryEquals", "empty", &ctx, ""));
	assert_false(EVAL("BinaryEquals", "empty", &ctx, "YQ=="));
	iam_context_release(&ctx);
}

static void test_binary_bad_policy_values_rejected(void **state)
{
	char why[256];

	(void)state;
	assert_true(rejects("BinaryEquals", "Q"));
	assert_true(rejects("BinaryEquals", "QQ="));
	assert_true(rejects("BinaryEquals", "QQ==="));
	assert_true(rejects("BinaryEquals", "Q==="));
	assert_true(rejects("BinaryEquals", "YW I="));
	assert_true(rejects("BinaryEquals", "YW-_"));
	assert_true(rejects("BinaryEquals", "=YWI"));
	assert_true(rejects("BinaryEquals", "YQ==YQ=="));
	assert_true(accepts("BinaryEquals", ""));
	assert_true(accepts("BinaryEquals", "YWJj"));
	assert_int_equal(BAD("BinaryEquals", "YQ==", "%%%"), 1);
	assert_non_null(strstr(why, "base64"));
}

/* ------------------------------------------------------------------ */
/* IP addresses */

static void test_parse_cidr(void **state)
{
	uint8_t a[16], fam, pfx;
	static const uint8_t v4[4] = { 203, 0, 113, 7 };

	(void)state;
	assert_int_equal(iam_parse_cidr("203.0.113.7", a, &fam, &pfx), 0);
	assert_int_equal(fam, 4);
	assert_int_equal(pfx, 32);
	assert_memory_equal(a, v4, 4);
	assert_int_equal(iam_parse_cidr("2001:db8::1", a, &fam, &pfx), 0);
	assert_int_equal(fam, 6);
	assert_int_equal(pfx, 128);
	assert_int_equal(a[0], 0x20);
	assert_int_equal(a[1], 0x01);
	assert_int_equal(a[15], 0x01);
	assert_int_equal(iam_parse_cidr("0.0.0.0/0", a, &fam, &pfx), 0);
	assert_int_equal(pfx, 0);
	assert_int_equal(iam_parse_cidr("10.0.0.0/32", a, &fam, &pfx), 0);
	assert_int_equal(pfx, 32);
	assert_int_equal(iam_parse_cidr("::/0", a, &fam, &pfx), 0);
	assert_int_equal(fam, 6);
	assert_int_equal(pfx, 0);
	assert_int_equal(iam_parse_cidr("2001:db8::/128", a, &fam, &pfx), 0);
	assert_int_equal(pfx, 128);
	assert_int_equal(iam_parse_cidr("::ffff:10.0.0.1/96", a, &fam, &pfx),
			 0);
	assert_int_equal(fam, 6);
	assert_int_equal(pfx, 96);
}

static void test_parse_cidr_rejects(void **state)
{
	static const char *const bad[] = {
		"",
		"/24",
		"10.0.0.0/",
		"10.0.0.0/33",
		"10.0.0.0/-1",
		"10.0.0.0/+8",
		"10.0.0.0/8/8",
		"10.0.0.0/ 8",
		"10.0.0.0/0x8",
		"::/129",
		"::/1280",
		"256.0.0.1",
		"10.0.0",
		"10.0.0.0.0",
		" 10.0.0.1",
		"10.0.0.1 ",
		"host.example.com",
		"2001:db8:::1",
		"fe80::1%eth0",
		"10.0.0.1/32a",
		"1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb:cccc:dddd:eeee",
	};
	uint8_t a[16], fam, pfx;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (iam_parse_cidr(bad[i], a, &fam, &pfx) != -1)
			fail_msg("'%s' was accepted", bad[i]);
}

static void test_ip_address_ipv4(void **state)
{
	struct iam_context ctx = one("aws:SourceIp", "203.0.113.77");
	const char *k = "aws:SourceIp";

	(void)state;
	assert_true(EVAL("IpAddress", k, &ctx, "203.0.113.0/24"));
	assert_false(EVAL("IpAddress", k, &ctx, "203.0.114.0/24"));
	assert_true(EVAL("IpAddress", k, &ctx, "203.0.113.77"));
	assert_true(EVAL("IpAddress", k, &ctx, "203.0.113.77/32"));
	assert_false(EVAL("IpAddress", k, &ctx, "203.0.113.78"));
	assert_true(EVAL("IpAddress", k, &ctx, "0.0.0.0/0"));
	/* 77 = 0b01001101: inside /25 .0, outside /26 .0 (0-63) */
	assert_true(EVAL("IpAddress", k, &ctx, "203.0.113.0/25"));
	assert_false(EVAL("IpAddress", k, &ctx, "203.0.113.0/26"));
	assert_true(EVAL("IpAddress", k, &ctx, "203.0.113.64/26"));
	/* host bits in the policy CIDR are ignored */
	assert_true(EVAL("IpAddress", k, &ctx, "203.0.113.1/24"));
	/* OR over values */
	assert_true(EVAL("IpAddress", k, &ctx, "10.0.0.0/8", "203.0.0.0/16"));
	assert_false(
		EVAL("IpAddress", k, &ctx, "10.0.0.0/8", "192.168.0.0/16"));
	/* families never match across */
	assert_false(EVAL("IpAddress", k, &ctx, "::/0"));
	assert_false(EVAL("IpAddress", k, &ctx, "::ffff:203.0.113.77"));
	iam_context_release(&ctx);
}

static void test_ip_address_ipv6(void **state)
{
	struct iam_context ctx = one("aws:SourceIp", "2001:db8:abcd:12::1");
	const char *k = "aws:SourceIp";

	(void)state;
	assert_true(EVAL("IpAddress", k, &ctx, "2001:db8::/32"));
	assert_false(EVAL("IpAddress", k, &ctx, "2001:db9::/32"));
	assert_true(EVAL("IpAddress", k, &ctx, "2001:db8:abcd:12::/64"));
	assert_false(EVAL("IpAddress", k, &ctx, "2001:db8:abcd:13::/64"));
	assert_true(EVAL("IpAddress", k, &ctx, "2001:db8:abcd:12::1"));
	assert_true(
		EVAL("IpAddress", k, &ctx, "2001:0db8:abcd:0012:0:0:0:1/128"));
	assert_false(EVAL("IpAddress", k, &ctx, "2001:db8:abcd:12::2"));
	assert_true(EVAL("IpAddress", k, &ctx, "::/0"));
	assert_false(EVAL("IpAddress", k, &ctx, "0.0.0.0/0"));
	/* 0xabcd = 1010 1011 1100 1101: /35 keeps 101, /36 would need 1010 */
	assert_true(EVAL("IpAddress", k, &ctx, "2001:db8:a000::/35"));
	assert_true(EVAL("IpAddress", k, &ctx, "2001:db8:a000::/36"));
	assert_false(EVAL("IpAddress", k, &ctx, "2001:db8:b000::/36"));
	assert_true(EVAL("IpAddress", k, &ctx, "2001:db8:abcc::/47"));
	assert_false(EVAL("IpAddress", k, &ctx, "2001:db8:abcc::/48"));
	iam_context_release(&ctx);
}

static void test_not_ip_address(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *k = "aws:SourceIp";

	(void)state;
	/* absent (e.g. through a VPC endpoint): negated operators are true */
	assert_true(EVAL("NotIpAddress", k, &ctx, "192.0.2.0/24"));
	assert_false(EVAL("IpAddress", k, &ctx, "192.0.2.0/24"));
	add(&ctx, k, "192.0.2.10");
	add(&ctx, "cidr", "192.0.2.10/32");
	add(&ctx, "junk", "not-an-ip");
	assert_false(EVAL("NotIpAddress", k, &ctx, "192.0.2.0/24"));
	assert_true(EVAL("NotIpAddress", k, &ctx, "198.51.100.0/24"));
	/* several values: in none of them */
	assert_true(
		EVAL("NotIpAddress", k, &ctx, "198.51.100.0/24", "10.0.0.0/8"));
	assert_false(EVAL("NotIpAddress", k, &ctx, "198.51.100.0/24",
			  "192.0.2.0/28"));
	/* request values that are no address match nothing */
	assert_true(EVAL("NotIpAddress", "junk", &ctx, "0.0.0.0/0"));
	assert_false(EVAL("IpAddress", "junk", &ctx, "0.0.0.0/0"));
	assert_true(EVAL("NotIpAddress", "cidr", &ctx, "0.0.0.0/0"));
	assert_false(EVAL("IpAddress", "cidr", &ctx, "192.0.2.10/32"));
	iam_context_release(&ctx);
}

static void test_ip_bad_policy_values_rejected(void **state)
{
	char why[256];

	(void)state;
	assert_true(rejects("IpAddress", "10.0.0.0/33"));
	assert_true(rejects("IpAddress", "::/129"));
	assert_true(rejects("NotIpAddress", "10.0.0.0/"));
	assert_true(rejects("NotIpAddress", "example.com"));
	assert_true(rejects("IpAddress", "${aws:SourceIp}"));
	assert_true(accepts("IpAddress", "0.0.0.0/0"));
	assert_true(accepts("IpAddress", "::/0"));
	assert_int_equal(BAD("IpAddress", "10.0.0.0/8", "::1", "300.1.1.1"), 2);
	assert_non_null(strstr(why, "300.1.1.1"));
}

/* ------------------------------------------------------------------ */
/* ARN operators */

static void test_arn_like_matches_field_by_field(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *k = "aws:SourceArn";

	(void)state;
	add(&ctx, k, "arn:aws:iam::111122223333:role/app/deploy");
	add(&ctx, "long", "arn:aws:extra:iam::111122223333:role/x");
	add(&ctx, "colon", "arn:aws:s3:::bucket/a:b");
	assert_true(EVAL("ArnLike", k, &ctx, "arn:aws:iam::*:role/*"));
	assert_true(EVAL("ArnLike", k, &ctx,
			 "arn:aws:iam::111122223333:role/app/*"));
	assert_true(
		EVAL("ArnLike", k, &ctx, "arn:aws:iam::????????????:role/*"));
	assert_false(EVAL("ArnLike", k, &ctx, "arn:aws:iam::*:user/*"));
	assert_false(
		EVAL("ArnLike", k, &ctx, "arn:aws:iam::444455556666:role/*"));
	/* '*' in the partition field cannot swallow "aws:extra" */
	assert_false(EVAL("ArnLike", "long", &ctx,
			  "arn:*:iam::111122223333:role/x"));
	assert_true(EVAL("StringLike", "long", &ctx,
			 "arn:*:iam::111122223333:role/x"));
	/* a field-final '*' does not cross ':' either (unlike Resource) */
	assert_false(EVAL("ArnLike", k, &ctx, "arn:aws:iam::*"));
	/* '?' never matches ':' */
	assert_false(EVAL("ArnLike", k, &ctx,
			  "arn:aws:iam:?:111122223333:role/app/deploy"));
	/* in the resource field '*' matches ':' */
	assert_true(EVAL("ArnLike", "colon", &ctx, "arn:aws:s3:::bucket/*"));
	/* the service field may hold a wildcard in conditions */
	assert_true(EVAL("ArnLike", k, &ctx,
			 "arn:aws:i*::111122223333:role/app/deploy"));
	/* case-sensitive */
	assert_false(
		EVAL("ArnLike", k, &ctx, "arn:aws:iam::111122223333:Role/*"));
	/* OR over values */
	assert_true(EVAL("ArnLike", k, &ctx, "arn:aws:s3:::*",
			 "arn:aws:iam::*:role/*"));
	iam_context_release(&ctx);
}

static void test_arn_equals_accepts_wildcards(void **state)
{
	struct iam_context ctx = one(
		"aws:PrincipalArn", "arn:aws:iam::111122223333:role/admin-ops");
	const char *k = "aws:PrincipalArn";

	(void)state;
	assert_true(EVAL("ArnEquals", k, &ctx,
			 "arn:aws:iam::111122223333:role/admin-ops"));
	assert_true(EVAL("ArnEquals", k, &ctx, "arn:aws:iam::*:role/admin-*"));
	assert_true(EVAL("ArnEquals", k, &ctx,
			 "arn:aws:iam::111122223333:role/admin-op?"));
	assert_false(EVAL("ArnEquals", k, &ctx, "arn:aws:iam::*:role/dev-*"));
	/* ArnEquals and ArnLike agree on the same inputs */
	assert_int_equal(EVAL("ArnEquals", k, &ctx, "arn:*:iam::*:role/*"),
			 EVAL("ArnLike", k, &ctx, "arn:*:iam::*:role/*"));
	assert_true(EVAL("ArnLike", k, &ctx, "arn:*:iam::*:role/*"));
	iam_context_release(&ctx);
}

static void test_arn_not_like_and_not_equals(void **state)
{
	struct iam_context ctx = one(
		"aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic");
	const char *k = "aws:SourceArn";

	(void)state;
	assert_false(
		EVAL("ArnNotLike", k, &ctx, "arn:aws:sns:*:111122223333:*"));
	assert_true(
		EVAL("ArnNotLike", k, &ctx, "arn:aws:sns:*:444455556666:*"));
	assert_false(
		EVAL("ArnNotEquals", k, &ctx, "arn:aws:sns:us-east-1:*:topic"));
	assert_true(
		EVAL("ArnNotEquals", k, &ctx, "arn:aws:sns:eu-west-1:*:topic"));
	/* several values: matches none of them */
	assert_true(EVAL("ArnNotLike", k, &ctx, "arn:aws:s3:::*",
			 "arn:aws:sqs:*:*:*"));
	assert_false(EVAL("ArnNotLike", k, &ctx, "arn:aws:s3:::*",
			  "arn:aws:sns:*:*:*"));
	iam_context_release(&ctx);
}

/* iam-semantics.md section 10: the oracle lets a non-ARN value through
 * ArnNotLike; AWS reads it as no ARN at all, so the Deny fires. */
static void test_arn_non_arn_request_matches_nothing(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "k", "not-an-arn");
	add(&ctx, "short", "arn:aws:s3");
	assert_true(EVAL("ArnNotLike", "k", &ctx, "arn:aws:iam::*:role/*"));
	assert_false(EVAL("ArnLike", "k", &ctx, "arn:aws:iam::*:role/*"));
	assert_false(EVAL("ArnLike", "k", &ctx, "*"));
	assert_true(EVAL("ArnNotLike", "k", &ctx, "*"));
	assert_true(EVAL("ArnNotEquals", "k", &ctx, "*"));
	assert_false(EVAL("ArnEquals", "short", &ctx, "arn:aws:s3*"));
	/* StringLike has no such rule */
	assert_true(EVAL("StringLike", "k", &ctx, "*"));
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* Absent keys and IfExists */

/* One valid policy value per operator, to drive every operator. */
static const char *sample_value(enum iam_cond_op op)
{
	switch (op) {
	case IAM_OP_NUMERIC_EQUALS:
	case IAM_OP_NUMERIC_NOT_EQUALS:
	case IAM_OP_NUMERIC_LESS_THAN:
	case IAM_OP_NUMERIC_LESS_THAN_EQUALS:
	case IAM_OP_NUMERIC_GREATER_THAN:
	case IAM_OP_NUMERIC_GREATER_THAN_EQUALS:
		return "5";
	case IAM_OP_DATE_EQUALS:
	case IAM_OP_DATE_NOT_EQUALS:
	case IAM_OP_DATE_LESS_THAN:
	case IAM_OP_DATE_LESS_THAN_EQUALS:
	case IAM_OP_DATE_GREATER_THAN:
	case IAM_OP_DATE_GREATER_THAN_EQUALS:
		return "2024-01-01T00:00:00Z";
	case IAM_OP_BOOL:
	case IAM_OP_NULL:
		return "true";
	case IAM_OP_BINARY_EQUALS:
		return "YQ==";
	case IAM_OP_IP_ADDRESS:
	case IAM_OP_NOT_IP_ADDRESS:
		return "10.0.0.0/8";
	case IAM_OP_ARN_EQUALS:
	case IAM_OP_ARN_LIKE:
	case IAM_OP_ARN_NOT_EQUALS:
	case IAM_OP_ARN_NOT_LIKE:
		return "arn:aws:s3:::*";
	default:
		return "x";
	}
}

static void test_absent_key_positive_false_negated_true(void **state)
{
	struct iam_context ctx = one("other", "x");

	(void)state;
	for (int op = 0; op < IAM_OP__COUNT; op++) {
		const char *name = iam_cond_op_name((enum iam_cond_op)op);
		const char *v = sample_value((enum iam_cond_op)op);
		bool neg = iam_cond_op_info((enum iam_cond_op)op)->negated;

		if (op == IAM_OP_NULL)
			continue;
		if (ev(name, "absent:key", &ctx, true, &v, 1) != neg)
			fail_msg("%s on an absent key", name);
		/* also with an empty context */
		if (ev(name, "absent:key", NULL, true, &v, 1) != neg)
			fail_msg("%s on a NULL context", name);
	}
	iam_context_release(&ctx);
}

static void test_if_exists_absent_key_is_true(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	for (int op = 0; op < IAM_OP__COUNT; op++) {
		char name[64];
		const char *v = sample_value((enum iam_cond_op)op);

		if (op == IAM_OP_NULL)
			continue;
		snprintf(name, sizeof(name), "%sIfExists",
			 iam_cond_op_name((enum iam_cond_op)op));
		if (!ev(name, "absent:key", &ctx, true, &v, 1))
			fail_msg("%s on an absent key", name);
		snprintf(name, sizeof(name), "ForAnyValue:%sIfExists",
			 iam_cond_op_name((enum iam_cond_op)op));
		if (!ev(name, "absent:key", &ctx, true, &v, 1))
			fail_msg("%s on an absent key", name);
	}
}

static void test_if_exists_present_key_evaluates_normally(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "ec2:InstanceType", "m5.large");
	add(&ctx, "aws:SourceIp", "10.1.2.3");
	assert_true(
		EVAL("StringLikeIfExists", "ec2:InstanceType", &ctx, "m5.*"));
	assert_false(
		EVAL("StringLikeIfExists", "ec2:InstanceType", &ctx, "t3.*"));
	assert_false(EVAL("StringNotLikeIfExists", "ec2:InstanceType", &ctx,
			  "m5.*"));
	assert_true(EVAL("NotIpAddressIfExists", "aws:SourceIp", &ctx,
			 "192.168.0.0/16"));
	assert_false(EVAL("IpAddressIfExists", "aws:SourceIp", &ctx,
			  "192.168.0.0/16"));
	iam_context_release(&ctx);
}

static void test_key_lookup_is_case_insensitive(void **state)
{
	struct iam_context ctx = one("aws:PrincipalTag/Team", "blue");
	struct iam_condition c;
	size_t bad;
	char why[64];

	(void)state;
	assert_true(
		EVAL("StringEquals", "AWS:principaltag/TEAM", &ctx, "blue"));
	assert_true(
		EVAL("StringEquals", "aws:PrincipalTag/team", &ctx, "blue"));
	/* compile fills key_lc when the caller did not */
	build(&c, "StringEquals", "AWS:PrincipalTag/Team", VALS("blue"), 1);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_string_equal(c.key_lc, "aws:principaltag/team");
	iam_condition_release(&c);
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* ForAnyValue / ForAllValues */

static void test_for_any_value_positive(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *op = "ForAnyValue:StringEquals";

	(void)state;
	assert_false(EVAL(op, "aws:TagKeys", &ctx, "env")); /* absent */
	assert_true(EVAL("ForAnyValue:StringEqualsIfExists", "aws:TagKeys",
			 &ctx, "env"));
	empty_list(&ctx, "aws:TagKeys");
	assert_false(EVAL(op, "aws:TagKeys", &ctx, "env")); /* empty */
	/* IfExists does not rescue an empty (present) set */
	assert_false(EVAL("ForAnyValue:StringEqualsIfExists", "aws:TagKeys",
			  &ctx, "env"));
	LIST(&ctx, "aws:TagKeys", "env");
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "env"));
	assert_false(EVAL(op, "aws:TagKeys", &ctx, "team"));
	LIST(&ctx, "aws:TagKeys", "cost", "env", "owner");
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "env"));
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "x", "owner"));
	assert_false(EVAL(op, "aws:TagKeys", &ctx, "x", "y"));
	iam_context_release(&ctx);
}

static void test_for_all_values_positive(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *op = "ForAllValues:StringEquals";

	(void)state;
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "env", "owner")); /* absent */
	empty_list(&ctx, "aws:TagKeys");
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "env", "owner")); /* empty */
	LIST(&ctx, "aws:TagKeys", "env");
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "env", "owner"));
	assert_false(EVAL(op, "aws:TagKeys", &ctx, "owner"));
	LIST(&ctx, "aws:TagKeys", "owner", "env");
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "env", "owner"));
	assert_true(EVAL(op, "aws:TagKeys", &ctx, "env", "owner", "cost"));
	LIST(&ctx, "aws:TagKeys", "owner", "env", "secret");
	assert_false(EVAL(op, "aws:TagKeys", &ctx, "env", "owner"));
	assert_true(EVAL("ForAllValues:StringLike", "aws:TagKeys", &ctx, "env",
			 "owner", "s*"));
	iam_context_release(&ctx);
}

static void test_for_any_value_negated(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *op = "ForAnyValue:StringNotEquals";

	(void)state;
	assert_false(EVAL(op, "k", &ctx, "a")); /* absent */
	empty_list(&ctx, "k");
	assert_false(EVAL(op, "k", &ctx, "a")); /* empty */
	LIST(&ctx, "k", "a");
	assert_false(EVAL(op, "k", &ctx, "a"));
	assert_true(EVAL(op, "k", &ctx, "b"));
	LIST(&ctx, "k", "a", "b");
	/* some value matches no policy value */
	assert_true(EVAL(op, "k", &ctx, "a"));
	assert_false(EVAL(op, "k", &ctx, "a", "b"));
	assert_true(EVAL(op, "k", &ctx, "a", "c"));
	iam_context_release(&ctx);
}

static void test_for_all_values_negated(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *op = "ForAllValues:StringNotLike";

	(void)state;
	assert_true(EVAL(op, "k", &ctx, "secret*")); /* absent */
	empty_list(&ctx, "k");
	assert_true(EVAL(op, "k", &ctx, "secret*")); /* empty */
	LIST(&ctx, "k", "public", "team");
	/* no value matches any policy value */
	assert_true(EVAL(op, "k", &ctx, "secret*"));
	assert_true(EVAL(op, "k", &ctx, "secret*", "private*"));
	assert_false(EVAL(op, "k", &ctx, "secret*", "te*"));
	LIST(&ctx, "k", "public", "secret-x");
	assert_false(EVAL(op, "k", &ctx, "secret*"));
	iam_context_release(&ctx);
}

static void test_set_qualifier_on_single_valued_key(void **state)
{
	struct iam_context ctx = one("k", "a");

	(void)state;
	/* a single value is a one-element set */
	assert_true(EVAL("ForAnyValue:StringEquals", "k", &ctx, "a", "b"));
	assert_false(EVAL("ForAnyValue:StringEquals", "k", &ctx, "b"));
	assert_true(EVAL("ForAllValues:StringEquals", "k", &ctx, "a", "b"));
	assert_false(EVAL("ForAllValues:StringEquals", "k", &ctx, "b"));
	assert_false(EVAL("ForAnyValue:StringNotEquals", "k", &ctx, "a"));
	assert_true(EVAL("ForAnyValue:StringNotEquals", "k", &ctx, "b"));
	assert_false(EVAL("ForAllValues:StringNotEquals", "k", &ctx, "a"));
	assert_true(EVAL("ForAllValues:StringNotEquals", "k", &ctx, "b"));
	iam_context_release(&ctx);
}

static void test_multivalued_key_without_qualifier(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	/* repeated -c KEY=V: the second add makes the key multivalued */
	add(&ctx, "k", "a");
	add(&ctx, "k", "b");
	/* positive: as ForAnyValue */
	assert_true(EVAL("StringEquals", "k", &ctx, "b"));
	assert_false(EVAL("StringEquals", "k", &ctx, "c"));
	/* negated: as ForAllValues (no value matches) */
	assert_true(EVAL("StringNotEquals", "k", &ctx, "c"));
	assert_false(EVAL("StringNotEquals", "k", &ctx, "b"));
	empty_list(&ctx, "e");
	assert_false(EVAL("StringEquals", "e", &ctx, "a"));
	assert_true(EVAL("StringNotEquals", "e", &ctx, "a"));
	assert_false(EVAL("StringEqualsIfExists", "e", &ctx, "a"));
	iam_context_release(&ctx);
}

static void test_set_qualifiers_with_other_operators(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	LIST(&ctx, "ips", "10.0.0.1", "10.0.0.2");
	LIST(&ctx, "nums", "1", "2", "x");
	LIST(&ctx, "arns", "arn:aws:iam::111122223333:role/a", "bogus");
	assert_true(EVAL("ForAllValues:IpAddress", "ips", &ctx, "10.0.0.0/24"));
	assert_false(EVAL("ForAllValues:IpAddress", "ips", &ctx, "10.0.0.1"));
	assert_true(EVAL("ForAnyValue:IpAddress", "ips", &ctx, "10.0.0.2"));
	/* an unreadable member matches nothing */
	assert_false(EVAL("ForAllValues:NumericLessThan", "nums", &ctx, "10"));
	assert_true(EVAL("ForAnyValue:NumericLessThan", "nums", &ctx, "2"));
	assert_true(
		EVAL("ForAnyValue:NumericNotEquals", "nums", &ctx, "1", "2"));
	assert_true(EVAL("ForAnyValue:ArnLike", "arns", &ctx,
			 "arn:aws:iam::*:role/*"));
	assert_false(EVAL("ForAllValues:ArnLike", "arns", &ctx,
			  "arn:aws:iam::*:role/*"));
	assert_true(EVAL("ForAnyValue:ArnNotLike", "arns", &ctx,
			 "arn:aws:iam::*:role/*"));
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* Null */

static void test_null_checks_presence(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *k = "aws:TokenIssueTime";

	(void)state;
	assert_true(EVAL("Null", k, &ctx, "true"));
	assert_false(EVAL("Null", k, &ctx, "false"));
	assert_true(EVAL("Null", k, &ctx, "TRUE"));
	add(&ctx, k, "2024-01-01T00:00:00Z");
	assert_false(EVAL("Null", k, &ctx, "true"));
	assert_true(EVAL("Null", k, &ctx, "false"));
	/* both values: OR, always true */
	assert_true(EVAL("Null", k, &ctx, "true", "false"));
	assert_true(EVAL("Null", "absent", &ctx, "true", "false"));
	/* the key's value does not matter, not even an empty string */
	add(&ctx, "blank", "");
	assert_true(EVAL("Null", "blank", &ctx, "false"));
	iam_context_release(&ctx);
}

static void test_null_empty_multivalued_key_is_present(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	empty_list(&ctx, "aws:TagKeys");
	assert_false(EVAL("Null", "aws:TagKeys", &ctx, "true"));
	assert_true(EVAL("Null", "aws:TagKeys", &ctx, "false"));
	/* a set qualifier does not change what Null tests */
	assert_true(EVAL("ForAllValues:Null", "aws:TagKeys", &ctx, "false"));
	assert_true(EVAL("ForAnyValue:Null", "absent", &ctx, "true"));
	iam_context_release(&ctx);
}

static void test_null_bad_values_rejected(void **state)
{
	char why[256];

	(void)state;
	assert_true(rejects("Null", "yes"));
	assert_true(rejects("Null", ""));
	/* Null takes no variables */
	assert_true(rejects("Null", "${aws:username}"));
	assert_int_equal(BAD("Null", "true", "false", "absent"), 2);
	assert_non_null(strstr(why, "'absent'"));
}

/* ------------------------------------------------------------------ */
/* Policy variables */

static void test_variable_with_present_key(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "aws:username", "alice");
	add(&ctx, "s3:prefix", "home/alice/");
	add(&ctx, "owner", "alice");
	assert_true(EVAL("StringEquals", "owner", &ctx, "${aws:username}"));
	assert_true(EVAL("StringEquals", "owner", &ctx, "${AWS:UserName}"));
	assert_true(EVAL("StringEquals", "s3:prefix", &ctx,
			 "home/${aws:username}/"));
	assert_true(EVAL("StringLike", "s3:prefix", &ctx,
			 "home/${aws:username}/*"));
	assert_false(
		EVAL("StringLike", "s3:prefix", &ctx, "home/${aws:userid}/*"));
	assert_false(EVAL("StringNotEquals", "owner", &ctx, "${aws:username}"));
	assert_true(
		EVAL("StringEquals", "owner", &ctx, "bob", "${aws:username}"));
	iam_context_release(&ctx);
}

static void test_variable_with_absent_key_matches_nothing(void **state)
{
	struct iam_context ctx = one("owner", "alice");

	(void)state;
	assert_false(EVAL("StringEquals", "owner", &ctx, "${aws:username}"));
	assert_false(EVAL("StringLike", "owner", &ctx, "${aws:username}*"));
	assert_false(EVAL("ArnLike", "owner", &ctx, "${aws:PrincipalArn}"));
	/* negated: the value matches nothing, so the condition is true */
	assert_true(EVAL("StringNotEquals", "owner", &ctx, "${aws:username}"));
	assert_true(EVAL("StringNotLike", "owner", &ctx, "${aws:username}*"));
	/* other values still count */
	assert_true(EVAL("StringEquals", "owner", &ctx, "${aws:username}",
			 "alice"));
	assert_false(EVAL("StringNotEquals", "owner", &ctx, "${aws:username}",
			  "alice"));
	iam_context_release(&ctx);
}

static void test_variable_default_value(void **state)
{
	struct iam_context ctx = one("team", "company-wide");

	(void)state;
	assert_true(EVAL("StringEquals", "team", &ctx,
			 "${aws:PrincipalTag/team, 'company-wide'}"));
	add(&ctx, "aws:PrincipalTag/team", "blue");
	assert_false(EVAL("StringEquals", "team", &ctx,
			  "${aws:PrincipalTag/team, 'company-wide'}"));
	iam_context_release(&ctx);
}

static void test_variable_multivalued_key_is_not_substituted(void **state)
{
	struct iam_context ctx = one("k", "a");

	(void)state;
	LIST(&ctx, "list", "a");
	assert_false(EVAL("StringEquals", "k", &ctx, "${list}"));
	assert_true(EVAL("StringNotEquals", "k", &ctx, "${list}"));
	iam_context_release(&ctx);
}

static void test_variable_values_are_literal_in_like(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "aws:username", "a*");
	add(&ctx, "p1", "home/abc/x");
	add(&ctx, "p2", "home/a*/x");
	add(&ctx, "star", "*");
	add(&ctx, "other", "z");
	add(&ctx, "dollar", "a$b");
	/* a substituted '*' is a literal star, the template's own is not */
	assert_false(EVAL("StringLike", "p1", &ctx, "home/${aws:username}/*"));
	assert_true(EVAL("StringLike", "p2", &ctx, "home/${aws:username}/*"));
	/* ${*} is a literal '*' */
	assert_true(EVAL("StringLike", "star", &ctx, "${*}"));
	assert_false(EVAL("StringLike", "other", &ctx, "${*}"));
	assert_true(EVAL("StringEquals", "star", &ctx, "${*}"));
	assert_true(EVAL("StringEquals", "dollar", &ctx, "a${$}b"));
	iam_context_release(&ctx);
}

static void test_variable_in_arn_and_ignore_case(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "aws:PrincipalAccount", "111122223333");
	add(&ctx, "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t");
	add(&ctx, "aws:username", "Alice");
	add(&ctx, "owner", "ALICE");
	assert_true(EVAL("ArnLike", "aws:SourceArn", &ctx,
			 "arn:aws:sns:*:${aws:PrincipalAccount}:*"));
	assert_true(EVAL("ArnEquals", "aws:SourceArn", &ctx,
			 "arn:aws:sns:us-east-1:${aws:PrincipalAccount}:t"));
	assert_false(EVAL("ArnNotLike", "aws:SourceArn", &ctx,
			  "arn:aws:sns:*:${aws:PrincipalAccount}:*"));
	assert_true(EVAL("ArnNotLike", "aws:SourceArn", &ctx,
			 "arn:aws:sqs:*:${aws:PrincipalAccount}:*"));
	assert_true(EVAL("StringEqualsIgnoreCase", "owner", &ctx,
			 "${aws:username}"));
	assert_false(EVAL("StringNotEqualsIgnoreCase", "owner", &ctx,
			  "${aws:username}"));
	iam_context_release(&ctx);
}

static void test_variables_literal_without_version_2012(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "aws:username", "alice");
	add(&ctx, "owner", "alice");
	add(&ctx, "lit", "${aws:username}");
	assert_false(
		EVAL_NOVARS("StringEquals", "owner", &ctx, "${aws:username}"));
	assert_true(
		EVAL_NOVARS("StringEquals", "lit", &ctx, "${aws:username}"));
	assert_true(EVAL_NOVARS("StringLike", "lit", &ctx, "${aws:*}"));
	/* an unclosed brace is fine as literal text */
	assert_true(EVAL_NOVARS("StringNotEquals", "owner", &ctx, "${oops"));
	iam_context_release(&ctx);
}

static void test_variable_syntax_error_is_a_bad_value(void **state)
{
	char why[256];

	(void)state;
	assert_int_equal(BAD("StringEquals", "ok", "${aws:username"), 1);
	assert_int_equal(BAD("StringLike", "${}", "x"), 0);
	assert_int_equal(BAD("ArnLike", "arn:aws:s3:::a", "arn:aws:s3:::b",
			     "arn:aws:s3:::${aws:username, default}"),
			 2);
	assert_true(why[0] != '\0');
}

static void test_many_values_with_variables(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;

	(void)state;
	add(&ctx, "v", "ten");
	add(&ctx, "k", "ten");
	/* more values than the on-stack expansion buffer holds */
	assert_true(EVAL("StringEquals", "k", &ctx, "${a}", "${b}", "${c}",
			 "${d}", "${e}", "${f}", "${g}", "${h}", "${i}", "${v}",
			 "x"));
	assert_false(EVAL("StringEquals", "k", &ctx, "${a}", "${b}", "${c}",
			  "${d}", "${e}", "${f}", "${g}", "${h}", "${i}", "x"));
	assert_true(EVAL("StringNotLike", "k", &ctx, "${a}", "${b}", "${c}",
			 "${d}", "${e}", "${f}", "${g}", "${h}", "${i}", "x*"));
	iam_context_release(&ctx);
}

/* ------------------------------------------------------------------ */
/* Compile and release */

static void test_compile_reports_first_bad_index(void **state)
{
	char why[256];

	(void)state;
	assert_int_equal(BAD("NumericEquals", "x"), 0);
	assert_int_equal(BAD("NumericEquals", "1", "2", "x", "y"), 2);
	assert_non_null(strstr(why, "'x'"));
	assert_int_equal(BAD("DateEquals", "2024", "2024-01", "2024-13"), 2);
	assert_int_equal(BAD("IpAddress", "10.0.0.0/8", "10.0.0.0/40"), 1);
	assert_int_equal(BAD("Bool", "true", "false", "nope"), 2);
}

static void test_release_partial_and_zeroed_conditions(void **state)
{
	struct iam_condition c;
	size_t bad;
	char why[128];

	(void)state;
	/* zeroed: nothing to free */
	memset(&c, 0, sizeof(c));
	iam_condition_release(&c);
	assert_null(c.values);
	iam_condition_release(NULL);

	/* compile stopped at value 1; values 0 and 2 hold allocations or not */
	build(&c, "BinaryEquals", "k", VALS("YQ==", "!!", "YWI="), 3);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), -1);
	assert_int_equal(bad, 1);
	iam_condition_release(&c);
	assert_null(c.values);
	assert_null(c.key);
	assert_int_equal(c.nvalues, 0);

	build(&c, "StringLike", "k", VALS("a*", "${x}", "${"), 3);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), -1);
	assert_int_equal(bad, 2);
	iam_condition_release(&c);

	build(&c, "StringEqualsIgnoreCase", "k", VALS("A", "${x}"), 2);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_string_equal(c.values[0].u.folded, "a");
	assert_null(c.values[1].u.folded);
	assert_non_null(c.values[1].tmpl);
	iam_condition_release(&c);
}

static void test_compile_preparses_values(void **state)
{
	struct iam_condition c;
	size_t bad;
	char why[128];

	(void)state;
	build(&c, "NumericLessThan", "k", VALS("2.5"), 1);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_true(c.values[0].u.num == 2.5);
	iam_condition_release(&c);

	build(&c, "DateLessThan", "k", VALS("1970-01-02"), 1);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_true(c.values[0].u.time == 86400.0);
	iam_condition_release(&c);

	build(&c, "BinaryEquals", "k", VALS("AP8Q"), 1);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_int_equal(c.values[0].u.bin.len, 3);
	assert_memory_equal(c.values[0].u.bin.bytes, "\x00\xff\x10", 3);
	iam_condition_release(&c);

	build(&c, "IpAddress", "k", VALS("10.1.0.0/16"), 1);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_int_equal(c.values[0].u.cidr.family, 4);
	assert_int_equal(c.values[0].u.cidr.prefix, 16);
	assert_int_equal(c.values[0].u.cidr.addr[1], 1);
	iam_condition_release(&c);

	build(&c, "StringLike", "k", VALS("a*", "${aws:username}"), 2);
	assert_int_equal(
		iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_non_null(c.values[0].u.glob);
	assert_null(c.values[0].tmpl);
	assert_non_null(c.values[1].tmpl);
	iam_condition_release(&c);

	/* without variables the template is not parsed */
	build(&c, "StringLike", "k", VALS("${aws:username}"), 1);
	assert_int_equal(
		iam_condition_compile(&c, false, &bad, why, sizeof(why)), 0);
	assert_null(c.values[0].tmpl);
	assert_non_null(c.values[0].u.glob);
	iam_condition_release(&c);
}

static void test_no_policy_values(void **state)
{
	struct iam_context ctx = one("k", "a");

	(void)state;
	/* no p can match: positive false, negated true */
	assert_false(ev("StringEquals", "k", &ctx, true, NULL, 0));
	assert_true(ev("StringNotEquals", "k", &ctx, true, NULL, 0));
	iam_context_release(&ctx);
}

/* A context of many keys is indexed: every key is found by either case,
 * a repeated key is one multivalued entry, and a removed key is gone
 * while the others stay found. */
static void test_context_many_keys_indexed(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	char key[32], lc[32];

	(void)state;
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "aws:PrincipalTag/Key%d", i);
		assert_int_equal(iam_context_add(&ctx, key, "v"), 0);
	}
	assert_int_equal(iam_context_add(&ctx, "AWS:principaltag/KEY17", "w"), 0);
	assert_int_equal(ctx.n, 5000);
	assert_non_null(ctx.slots);
	for (int i = 0; i < 5000; i++) {
		const struct iam_ctx_entry *e;

		snprintf(key, sizeof(key), "AWS:PrincipalTag/KEY%d", i);
		snprintf(lc, sizeof(lc), "aws:principaltag/key%d", i);
		e = iam_context_find(&ctx, key);
		assert_non_null(e);
		assert_ptr_equal(e, iam_context_get(&ctx, lc));
		assert_int_equal(e->n, i == 17 ? 2 : 1);
	}
	assert_null(iam_context_find(&ctx, "aws:PrincipalTag/Key5000"));
	iam_context_remove(&ctx, "aws:principaltag/key0");
	assert_null(iam_context_find(&ctx, "aws:PrincipalTag/Key0"));
	assert_non_null(iam_context_find(&ctx, "aws:PrincipalTag/Key4999"));
	assert_int_equal(ctx.n, 4999);
	iam_context_release(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opname_all_operators_round_trip),
		cmocka_unit_test(test_opname_aws_spellings),
		cmocka_unit_test(test_opname_qualifiers_and_if_exists),
		cmocka_unit_test(test_opname_is_case_sensitive),
		cmocka_unit_test(test_opname_null_if_exists_rejected),
		cmocka_unit_test(test_opname_unknown_rejected),
		cmocka_unit_test(test_operator_table_matches_aws),
		cmocka_unit_test(test_string_equals),
		cmocka_unit_test(test_string_not_equals),
		cmocka_unit_test(test_string_equals_ignore_case),
		cmocka_unit_test(test_string_not_equals_ignore_case),
		cmocka_unit_test(test_string_like),
		cmocka_unit_test(test_string_not_like),
		cmocka_unit_test(
			test_parse_number_accepts_integers_and_decimals),
		cmocka_unit_test(test_parse_number_rejects_garbage),
		cmocka_unit_test(test_numeric_operators),
		cmocka_unit_test(test_numeric_decimals),
		cmocka_unit_test(test_numeric_exact),
		cmocka_unit_test(test_numeric_bad_policy_values_rejected),
		cmocka_unit_test(
			test_numeric_unreadable_request_matches_nothing),
		cmocka_unit_test(test_parse_date_iso_forms),
		cmocka_unit_test(test_parse_date_timezone_offsets),
		cmocka_unit_test(test_parse_date_epoch_seconds),
		cmocka_unit_test(test_parse_date_rejects_bad_dates),
		cmocka_unit_test(test_date_operators),
		cmocka_unit_test(test_date_epoch_and_iso_compare_across_forms),
		cmocka_unit_test(test_date_fractional_seconds),
		cmocka_unit_test(test_date_bad_values_and_unreadable_request),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_bool_bad_policy_values_rejected),
		cmocka_unit_test(test_bool_absent_key_and_if_exists),
		cmocka_unit_test(test_bool_takes_variables),
		cmocka_unit_test(test_binary_equals),
		cmocka_unit_test(test_binary_bad_policy_values_rejected),
		cmocka_unit_test(test_parse_cidr),
		cmocka_unit_test(test_parse_cidr_rejects),
		cmocka_unit_test(test_ip_address_ipv4),
		cmocka_unit_test(test_ip_address_ipv6),
		cmocka_unit_test(test_not_ip_address),
		cmocka_unit_test(test_ip_bad_policy_values_rejected),
		cmocka_unit_test(test_arn_like_matches_field_by_field),
		cmocka_unit_test(test_arn_equals_accepts_wildcards),
		cmocka_unit_test(test_arn_not_like_and_not_equals),
		cmocka_unit_test(test_arn_non_arn_request_matches_nothing),
		cmocka_unit_test(test_absent_key_positive_false_negated_true),
		cmocka_unit_test(test_if_exists_absent_key_is_true),
		cmocka_unit_test(test_if_exists_present_key_evaluates_normally),
		cmocka_unit_test(test_key_lookup_is_case_insensitive),
		cmocka_unit_test(test_for_any_value_positive),
		cmocka_unit_test(test_for_all_values_positive),
		cmocka_unit_test(test_for_any_value_negated),
		cmocka_unit_test(test_for_all_values_negated),
		cmocka_unit_test(test_set_qualifier_on_single_valued_key),
		cmocka_unit_test(test_multivalued_key_without_qualifier),
		cmocka_unit_test(test_set_qualifiers_with_other_operators),
		cmocka_unit_test(test_null_checks_presence),
		cmocka_unit_test(test_null_empty_multivalued_key_is_present),
		cmocka_unit_test(test_null_bad_values_rejected),
		cmocka_unit_test(test_variable_with_present_key),
		cmocka_unit_test(test_variable_with_absent_key_matches_nothing),
		cmocka_unit_test(test_variable_default_value),
		cmocka_unit_test(
			test_variable_multivalued_key_is_not_substituted),
		cmocka_unit_test(test_variable_values_are_literal_in_like),
		cmocka_unit_test(test_variable_in_arn_and_ignore_case),
		cmocka_unit_test(test_variables_literal_without_version_2012),
		cmocka_unit_test(test_variable_syntax_error_is_a_bad_value),
		cmocka_unit_test(test_many_values_with_variables),
		cmocka_unit_test(test_compile_reports_first_bad_index),
		cmocka_unit_test(test_release_partial_and_zeroed_conditions),
		cmocka_unit_test(test_compile_preparses_values),
		cmocka_unit_test(test_no_policy_values),
		cmocka_unit_test(test_context_many_keys_indexed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
