/* Unit tests: iam_policy (grammar, every problem with its place). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/cfn.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"

struct parsed {
	struct iam_policy *pol;
	struct iam_diags diags;
	struct iam_error err;
};

static void parse(struct parsed *p, const char *text, enum iam_policy_type t)
{
	struct iam_json_doc doc;

	memset(p, 0, sizeof(*p));
	iam_error_clear(&p->err);
	assert_int_equal(iam_json_load_buffer(&doc, "p.json", text, strlen(text), &p->err), 0);
	p->pol = iam_policy_parse(&doc, NULL, "", t, 0, &p->diags, &p->err);
	iam_json_doc_release(&doc);
}

static void done(struct parsed *p)
{
	iam_policy_free(p->pol);
	iam_diags_release(&p->diags);
}

static const struct iam_diag *find(const struct parsed *p, const char *code)
{
	for (size_t i = 0; i < p->diags.n; i++)
		if (strcmp(p->diags.v[i].code, code) == 0)
			return &p->diags.v[i];
	return NULL;
}

static void test_normalizes_single_strings(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"A\",\"Effect\":\"Allow\","
		  "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}", IAM_POLICY_IDENTITY);
	assert_non_null(p.pol);
	assert_int_equal(p.diags.n, 0);
	assert_int_equal(p.pol->version, IAM_VERSION_2012);
	assert_int_equal(p.pol->nstmts, 1);
	assert_string_equal(p.pol->stmts[0].sid, "A");
	assert_int_equal(p.pol->stmts[0].nactions, 1);
	assert_int_equal(p.pol->stmts[0].nresources, 1);
	assert_int_equal(p.pol->stmts[0].line, 1);
	done(&p);
}

static void test_reports_every_problem_with_place(void **state)
{
	struct parsed p;
	const struct iam_diag *d;
	(void)state;
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[\n"
		  " {\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},\n"
		  " {\"Effect\":\"Allow\",\"Resource\":\"*\",\"Bogus\":1},\n"
		  " {\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotAction\":\"x:y\",\"Resource\":\"*\",\n"
		  "  \"Condition\":{\"StringEqualz\":{\"aws:username\":\"a\"}}}]}",
	      IAM_POLICY_IDENTITY);
	assert_null(p.pol);
	d = find(&p, "INVALID_EFFECT");
	assert_non_null(d);
	assert_string_equal(d->path, "/Statement/0/Effect");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 3);
	assert_non_null(find(&p, "MISSING_ACTION"));
	d = find(&p, "INVALID_POLICY_ELEMENT");
	assert_non_null(d);
	assert_string_equal(d->path, "/Statement/1/Bogus");
	assert_int_equal(d->line, 3);
	assert_non_null(find(&p, "UNSUPPORTED_ELEMENT_COMBINATION"));
	d = find(&p, "INVALID_CONDITION_OPERATOR");
	assert_non_null(d);
	assert_string_equal(d->path, "/Statement/2/Condition/StringEqualz");
	assert_int_equal(d->line, 5);
	assert_int_equal(p.diags.nerrors, 5);
	/* the error record is the first problem, with its place */
	assert_int_equal(p.err.code, IAM_ERR_SCHEMA);
	assert_string_equal(p.err.path, "/Statement/0/Effect");
	assert_int_equal(p.err.line, 2);
	done(&p);
}

static void test_principal_rules_per_type(void **state)
{
	struct parsed p;
	const char *doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
			  "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
	(void)state;
	parse(&p, doc, IAM_POLICY_IDENTITY);
	assert_null(p.pol);
	assert_non_null(find(&p, "INVALID_POLICY_ELEMENT"));
	done(&p);
	parse(&p, doc, IAM_POLICY_RESOURCE);
	assert_non_null(p.pol);
	assert_int_equal(p.pol->stmts[0].nprincipals, 1);
	assert_int_equal(p.pol->stmts[0].principals[0].kind, IAM_PRINCIPAL_AWS);
	done(&p);
	parse(&p, doc, IAM_POLICY_SCP);
	assert_non_null(find(&p, "SCP_SYNTAX_ERROR_PRINCIPAL"));
	done(&p);
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
		  "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", IAM_POLICY_RESOURCE);
	assert_non_null(find(&p, "MISSING_PRINCIPAL"));
	done(&p);
}

static void test_trust_policy_rules(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
		  "\"Principal\":{\"AWS\":\"arn:aws:iam::1:role/*\"},\"Action\":\"sts:AssumeRole\","
		  "\"Resource\":\"*\"}]}", IAM_POLICY_TRUST);
	assert_non_null(find(&p, "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"));
	assert_non_null(find(&p, "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"));
	done(&p);
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
		  "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
	      IAM_POLICY_AUTO);
	assert_non_null(p.pol);
	assert_int_equal(p.pol->type, IAM_POLICY_TRUST);
	done(&p);
}

static void test_version_rules(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::${aws:username}\"}]}",
	      IAM_POLICY_IDENTITY);
	assert_non_null(p.pol);
	assert_int_equal(p.pol->version, IAM_VERSION_NONE);
	assert_non_null(find(&p, "MISSING_VERSION"));
	/* no Version: ${...} is plain text, so no template */
	assert_null(p.pol->stmts[0].resources[0].tmpl);
	assert_non_null(p.pol->stmts[0].resources[0].glob);
	done(&p);
	parse(&p, "{\"Version\":\"2012-10-18\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
	      IAM_POLICY_IDENTITY);
	assert_non_null(find(&p, "INVALID_VERSION"));
	done(&p);
}

static void test_variables_only_after_fifth_colon(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
		  "\"Resource\":[\"arn:aws:s3:::b/${aws:username}/*\",\"arn:aws:${aws:username}:::x\"]}]}",
	      IAM_POLICY_IDENTITY);
	assert_null(p.pol);
	assert_string_equal(find(&p, "VARIABLE_UNSUPPORTED_IN_ELEMENT")->path, "/Statement/0/Resource/1");
	done(&p);
}

static void test_variables_where_not_allowed(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
		  "\"Principal\":{\"AWS\":\"arn:aws:iam::1:user/${aws:username}\"},\"Resource\":\"*\","
		  "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"${aws:username}\"},"
		  "\"StringEquals\":{\"s3:prefix\":\"home/${aws:username}\"}}}]}", IAM_POLICY_RESOURCE);
	assert_null(p.pol);
	assert_string_equal(find(&p, "VARIABLE_UNSUPPORTED_IN_ELEMENT")->path, "/Statement/0/Principal/AWS");
	assert_string_equal(find(&p, "INVALID_VARIABLE_FOR_OPERATOR")->path,
			    "/Statement/0/Condition/NumericLessThan/s3:max-keys");
	assert_int_equal(p.diags.nerrors, 2);  /* StringEquals takes them */
	done(&p);
}

static void test_condition_shapes(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
		  "\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":10},"
		  "\"Bool\":{\"aws:SecureTransport\":true},\"StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}}]}",
	      IAM_POLICY_IDENTITY);
	assert_non_null(p.pol);
	assert_int_equal(p.pol->stmts[0].nconds, 3);
	assert_string_equal(p.pol->stmts[0].conds[0].values[0].text, "10");
	assert_string_equal(p.pol->stmts[0].conds[1].values[0].text, "true");
	assert_int_equal(p.pol->stmts[0].conds[2].nvalues, 2);
	done(&p);
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
		  "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":[{\"a\":1}]},"
		  "\"NullIfExists\":{\"aws:username\":\"true\"}}}]}",
	      IAM_POLICY_IDENTITY);
	assert_null(p.pol);
	assert_string_equal(find(&p, "DATA_TYPE_MISMATCH")->path, "/Statement/0/Condition/StringEquals/aws:username/0");
	assert_non_null(find(&p, "NULL_WITH_IF_EXISTS"));
	done(&p);
}

static void test_sids(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
		  "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
		  "{\"Sid\":\"has space\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
	      IAM_POLICY_IDENTITY);
	assert_null(p.pol);
	assert_string_equal(find(&p, "UNIQUE_SIDS_REQUIRED")->path, "/Statement/1/Sid");
	assert_string_equal(find(&p, "UNSUPPORTED_SID")->path, "/Statement/2/Sid");
	done(&p);
}

static struct iam_policy *parse_flags(const char *text, enum iam_policy_type t,
				      unsigned flags)
{
	struct iam_json_doc doc;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *pol;

	assert_int_equal(iam_json_load_buffer(&doc, "p.json", text, strlen(text), &err), 0);
	pol = iam_policy_parse(&doc, NULL, "", t, flags, NULL, &err);
	iam_json_doc_release(&doc);
	assert_non_null(pol);
	return pol;
}

/* Every pattern and principal entry carries its pointer, line and column,
 * as statements and conditions do. */
static void test_elements_know_their_place(void **state)
{
	static const char text[] =
		"{\"Version\": \"2012-10-17\", \"Statement\": [\n"
		"  {\"Effect\": \"Allow\",\n"
		"   \"Principal\": {\"AWS\": [\"111122223333\",\n"
		"                         \"arn:aws:iam::111122223333:root\"],\n"
		"                 \"Service\": \"s3.amazonaws.com\"},\n"
		"   \"Action\": [\"s3:GetObject\",\n"
		"              \"s3:PutObject\"],\n"
		"   \"Resource\": \"arn:aws:s3:::b/*\",\n"
		"   \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": [\"1\", 2]}}}]}";
	struct iam_policy *pol = parse_flags(text, IAM_POLICY_RESOURCE, 0);
	const struct iam_statement *st = &pol->stmts[0];

	(void)state;
	assert_string_equal(st->path, "/Statement/0");
	assert_int_equal(st->line, 2);
	assert_int_equal(st->column, 3);
	assert_int_equal(st->nactions, 2);
	assert_string_equal(st->actions[0].path, "/Statement/0/Action/0");
	assert_int_equal(st->actions[0].line, 6);
	assert_int_equal(st->actions[0].column, 15);
	assert_string_equal(st->actions[1].path, "/Statement/0/Action/1");
	assert_int_equal(st->actions[1].line, 7);
	assert_int_equal(st->actions[1].column, 15);
	/* a single string: the element itself */
	assert_string_equal(st->resources[0].path, "/Statement/0/Resource");
	assert_int_equal(st->resources[0].line, 8);
	assert_int_equal(st->resources[0].column, 4);
	assert_int_equal(st->nprincipals, 3);
	assert_int_equal(st->principals[0].kind, IAM_PRINCIPAL_AWS);
	assert_string_equal(st->principals[0].path, "/Statement/0/Principal/AWS/0");
	assert_int_equal(st->principals[0].line, 3);
	assert_int_equal(st->principals[0].column, 26);
	assert_string_equal(st->principals[1].path, "/Statement/0/Principal/AWS/1");
	assert_int_equal(st->principals[1].line, 4);
	assert_int_equal(st->principals[1].column, 26);
	assert_int_equal(st->principals[2].kind, IAM_PRINCIPAL_SERVICE);
	assert_string_equal(st->principals[2].value, "s3.amazonaws.com");
	assert_string_equal(st->principals[2].path, "/Statement/0/Principal/Service");
	assert_int_equal(st->principals[2].line, 5);
	assert_int_equal(st->principals[2].column, 18);
	for (size_t i = 0; i < st->nprincipals; i++)
		assert_false(st->principals[i].bad_key || st->principals[i].unknown);
	assert_true(st->object && st->effect_valid && st->has_condition &&
		    st->principal_listed);
	/* the values of a condition: an array, a string and a number */
	assert_int_equal(st->nconds, 1);
	assert_true(st->conds[0].list);
	assert_true(st->conds[0].values[0].quoted);
	assert_false(st->conds[0].values[1].quoted);
	assert_null(st->canonical);
	iam_policy_free(pol);

	/* without locations the pointers stay */
	pol = parse_flags(text, IAM_POLICY_RESOURCE, IAM_PARSE_NO_LOCATIONS);
	st = &pol->stmts[0];
	assert_string_equal(st->actions[1].path, "/Statement/0/Action/1");
	assert_int_equal(st->actions[1].line, 0);
	assert_string_equal(st->principals[1].path, "/Statement/0/Principal/AWS/1");
	assert_int_equal(st->principals[1].line, 0);
	iam_policy_free(pol);
}

/* A partial policy keeps the principals that did not compile, where they
 * stand, and says which elements were unreadable. */
static void test_partial_policy_keeps_what_it_read(void **state)
{
	struct iam_policy *pol = parse_flags(
		"{\"Version\":\"2012-10-17\",\"Statement\":["
		"{\"Effect\":\"Allow\",\"Principal\":\"AROAEXAMPLEEXAMPLE1\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
		"{\"Effect\":\"allow\",\"Principal\":{\"Foo\":\"x\",\"AWS\":[\"123456789012\",5]},"
		"\"Action\":\"s3:*\",\"Resource\":\"*\"},"
		"{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"a.amazonaws.com\"},"
		"\"NotPrincipal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
		"{\"Effect\":\"Deny\",\"Principal\":[\"*\"],\"Action\":\"s3:*\",\"Resource\":\"*\"},"
		"\"not a statement\"]}",
		IAM_POLICY_RESOURCE, IAM_PARSE_PARTIAL);
	const struct iam_statement *st = pol->stmts;

	(void)state;
	assert_int_equal(pol->nstmts, 5);
	/* a string that is not '*' */
	assert_int_equal(st[0].nprincipals, 1);
	assert_string_equal(st[0].principals[0].value, "AROAEXAMPLEEXAMPLE1");
	assert_string_equal(st[0].principals[0].path, "/Statement/0/Principal");
	/* a key that is no principal type; a list with a number */
	assert_false(st[1].effect_valid);
	assert_int_equal(st[1].nprincipals, 2);
	assert_true(st[1].principals[0].bad_key);
	assert_string_equal(st[1].principals[0].path, "/Statement/1/Principal/Foo");
	assert_false(st[1].principals[1].bad_key);
	assert_int_equal(st[1].principals[1].kind, IAM_PRINCIPAL_AWS);
	assert_string_equal(st[1].principals[1].path, "/Statement/1/Principal/AWS/0");
	/* Principal and NotPrincipal: the Principal is read, for inspection */
	assert_false(st[2].has_principal);
	assert_true(st[2].principal_listed);
	assert_int_equal(st[2].nprincipals, 1);
	assert_int_equal(st[2].principals[0].kind, IAM_PRINCIPAL_SERVICE);
	/* an array: nothing listed */
	assert_false(st[3].principal_listed);
	assert_int_equal(st[3].nprincipals, 0);
	assert_false(st[3].has_condition);
	assert_false(st[4].object);
	assert_string_equal(st[4].path, "/Statement/4");
	iam_policy_free(pol);
}

/* Equal canonical texts exactly when the statements but the values of
 * their Sids are equal JSON. */
static void test_canonical_statements(void **state)
{
	struct iam_policy *pol = parse_flags(
		"{\"Version\":\"2012-10-17\",\"Statement\":["
		"{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\","
		"\"Condition\":{\"NumericEquals\":{\"s3:max-keys\":1}}},"
		"{\"Resource\":\"*\",\"Effect\":\"Allow\",\"Sid\":\"B\","
		"\"Condition\":{\"NumericEquals\":{\"s3:max-keys\":1}},\"Action\":\"s3:Get*\"},"
		"{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\"],\"Resource\":\"*\","
		"\"Condition\":{\"NumericEquals\":{\"s3:max-keys\":1}}},"
		"{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\","
		"\"Condition\":{\"NumericEquals\":{\"s3:max-keys\":1.0}}},"
		"{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\","
		"\"Condition\":{\"NumericEquals\":{\"s3:max-keys\":1}}}]}",
		IAM_POLICY_IDENTITY, IAM_PARSE_CANONICAL);
	const struct iam_statement *st = pol->stmts;

	(void)state;
	for (size_t i = 0; i < 5; i++)
		assert_non_null(st[i].canonical);
	assert_string_equal(st[0].canonical, st[1].canonical);  /* order, Sid */
	assert_string_not_equal(st[0].canonical, st[4].canonical);  /* no Sid */
	assert_string_not_equal(st[4].canonical, st[2].canonical);  /* a list */
	assert_string_not_equal(st[4].canonical, st[3].canonical);  /* 1.0 */
	iam_policy_free(pol);
}

/* IAM_PARSE_TEMPLATE: a string that holds an unknown value (core/cfn.h)
 * is flagged; without the flag the same bytes are text. */
static void test_unknown_values_flagged_in_templates(void **state)
{
	static const char text[] =
		"{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
		"\"Principal\":{\"AWS\":\"\\u0001\\u0003Fn::GetAtt\\u0002\"},"
		"\"Action\":[\"s3:GetObject\",\"\\u0001\\u0003Ref\\u0002\"],"
		"\"Resource\":\"arn:aws:s3:::\\u0001k\\u0003Ref Bucket\\u0002/*\","
		"\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"\\u0001\\u0003Ref\\u0002\"}}}}";
	struct iam_policy *pol = parse_flags(text, IAM_POLICY_RESOURCE,
					     IAM_PARSE_PARTIAL | IAM_PARSE_TEMPLATE);
	const struct iam_statement *st = pol->stmts;

	(void)state;
	assert_false(st->actions[0].unknown);
	assert_true(st->actions[1].unknown);
	assert_true(st->resources[0].unknown);
	assert_true(st->principals[0].unknown);
	assert_true(st->conds[0].values[0].unknown);
	iam_policy_free(pol);
	pol = parse_flags(text, IAM_POLICY_RESOURCE, IAM_PARSE_PARTIAL);
	assert_false(pol->stmts->actions[1].unknown);
	assert_false(pol->stmts->resources[0].unknown);
	assert_false(pol->stmts->principals[0].unknown);
	iam_policy_free(pol);
}

static int count_policy(void *ctx, const struct iam_cfn_policy *p)
{
	(void)p;
	++*(size_t *)ctx;
	return 0;
}

/* The template reader as `amplify check` uses it: a file loaded (pruned),
 * a document evaluated, Fn::GetAtt an unknown token, flagged on the
 * Resource pattern as lint's reading flags it (test_lint.c). */
static void test_template_reader_as_amplify_reads(void **state)
{
	static const char text[] =
		"{\"Resources\": {\n"
		" \"P\": {\"Type\": \"AWS::IAM::Policy\", \"Properties\": {\"PolicyDocument\": {\n"
		"  \"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n"
		"   \"Action\": \"s3:GetObject\",\n"
		"   \"Resource\": {\"Fn::GetAtt\": [\"Bucket\", \"Arn\"]}}]}}},\n"
		" \"B\": {\"Type\": \"AWS::S3::BucketPolicy\", \"Properties\": {\"PolicyDocument\": {}}}}}";
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s = iam_cfn_load_buffer(text, strlen(text), "t.json",
						      "root", &err);
	struct iam_policy *pol;
	json_t *res, *doc;
	size_t npol = 0;
	int line, col;

	(void)state;
	assert_non_null(s);
	/* loaded: IAM resources only, positions for any element still */
	assert_int_equal(iam_cfn_each_policy(s, count_policy, &npol), 0);
	assert_int_equal(npol, 1);
	assert_true(iam_cfn_position(s, "P", &line, &col));
	assert_int_equal(line, 2);
	assert_true(iam_cfn_locate(s, "/Resources/P/Properties/PolicyDocument/Statement/0/Resource",
				   &line, &col));
	assert_int_equal(line, 5);
	assert_int_equal(col, 4);
	res = iam_cfn_resource(s, "P", NULL);
	assert_non_null(res);
	doc = iam_cfn_eval(s, json_object_get(json_object_get(res, "Properties"),
					      "PolicyDocument"));
	assert_non_null(doc);
	pol = iam_policy_parse(NULL, doc, "", IAM_POLICY_IDENTITY,
			       IAM_PARSE_PARTIAL | IAM_PARSE_TEMPLATE, NULL, &err);
	json_decref(doc);
	assert_non_null(pol);
	assert_true(iam_cfn_has_unknown(pol->stmts[0].resources[0].text));
	assert_true(pol->stmts[0].resources[0].unknown);
	assert_false(pol->stmts[0].actions[0].unknown);
	assert_string_equal(pol->stmts[0].resources[0].path, "/Statement/0/Resource");
	iam_policy_free(pol);
	iam_cfn_free(s);
}

static void test_type_names_round_trip(void **state)
{
	enum iam_policy_type t;
	(void)state;
	assert_int_equal(iam_policy_type_parse("boundary", &t), 0);
	assert_int_equal(t, IAM_POLICY_BOUNDARY);
	assert_string_equal(iam_policy_type_name(IAM_POLICY_RCP), "rcp");
	assert_int_equal(iam_policy_type_parse("nope", &t), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalizes_single_strings),
		cmocka_unit_test(test_reports_every_problem_with_place),
		cmocka_unit_test(test_principal_rules_per_type),
		cmocka_unit_test(test_trust_policy_rules),
		cmocka_unit_test(test_version_rules),
		cmocka_unit_test(test_variables_only_after_fifth_colon),
		cmocka_unit_test(test_variables_where_not_allowed),
		cmocka_unit_test(test_condition_shapes),
		cmocka_unit_test(test_sids),
		cmocka_unit_test(test_elements_know_their_place),
		cmocka_unit_test(test_partial_policy_keeps_what_it_read),
		cmocka_unit_test(test_canonical_statements),
		cmocka_unit_test(test_unknown_values_flagged_in_templates),
		cmocka_unit_test(test_template_reader_as_amplify_reads),
		cmocka_unit_test(test_type_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
