/* Unit tests: iam_lint (the checks, each with its code and JSON Pointer),
 * iam_lint_arn (ARN templates as PCRE2 patterns), iam_lint_config
 * (suppressions, the skip set), iam_lint_skip (what a walk passes over),
 * iam_sarif. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/catalog.h"
#include "core/cfn.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/authz.h"
#include "core/policy.h"
#include "lint/lint.h"
#include "lint/arn.h"
#include "core/configfile.h"
#include "core/rules.h"
#include "core/sarif.h"
#include "lint/skip.h"

static struct iam_lint *L;

struct linted {
	struct iam_diags d;
};

static void lint_as(struct linted *r, const char *text, enum iam_policy_type t)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;

	memset(r, 0, sizeof(*r));
	assert_int_equal(iam_json_load_buffer(&doc, "p.json", text, strlen(text), &err), 0);
	assert_int_equal(iam_lint_doc(L, &doc, t, &r->d, &err), 0);
	iam_json_doc_release(&doc);
}

static void done(struct linted *r)
{
	iam_diags_release(&r->d);
}

/* The finding of code at path (path NULL: anywhere), or NULL. */
static const struct iam_diag *find(const struct linted *r, const char *code,
				   const char *path)
{
	for (size_t i = 0; i < r->d.n; i++)
		if (strcmp(r->d.v[i].code, code) == 0 &&
		    (!path || strcmp(r->d.v[i].path, path) == 0))
			return &r->d.v[i];
	return NULL;
}

static size_t count(const struct linted *r, const char *code)
{
	size_t n = 0;

	for (size_t i = 0; i < r->d.n; i++)
		n += strcmp(r->d.v[i].code, code) == 0;
	return n;
}

#define STMT(s) "{\"Version\":\"2012-10-17\",\"Statement\":[" s "]}"

static void expect(const char *text, enum iam_policy_type t, const char *code,
		   const char *path)
{
	struct linted r;

	lint_as(&r, text, t);
	if (!find(&r, code, path)) {
		for (size_t i = 0; i < r.d.n; i++)
			print_message("  got %s at %s: %s\n", r.d.v[i].code,
				      r.d.v[i].path, r.d.v[i].message);
		fail_msg("expected %s at %s", code, path ? path : "(anywhere)");
	}
	done(&r);
}

static void expect_none(const char *text, enum iam_policy_type t,
			const char *code)
{
	struct linted r;

	lint_as(&r, text, t);
	if (find(&r, code, NULL))
		fail_msg("did not expect %s: %s", code, find(&r, code, NULL)->message);
	done(&r);
}

/* ---- the rule table ---- */

static void test_rules_sorted_and_findable(void **state)
{
	size_t n;
	const struct iam_rule *r = iam_lint_rules(&n);

	(void)state;
	assert_true(n > 100);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(r[i - 1].code, r[i].code) < 0);
	for (size_t i = 0; i < n; i++)
		assert_ptr_equal(iam_lint_rule_find(r[i].code), &r[i]);
	assert_null(iam_lint_rule_find("NO_SUCH_CODE"));
	assert_int_equal(iam_lint_rule_find("PASS_ROLE_WITH_STAR_IN_RESOURCE")->sev,
			 IAM_SEV_SECURITY_WARNING);
	assert_false(iam_lint_rule_find("ACTION_RESOURCE_MISMATCH")->aa);
}

/* ---- actions ---- */

static void test_invalid_action_suggests(void **state)
{
	struct linted r;
	const struct iam_diag *d;

	(void)state;
	lint_as(&r, STMT("{\"Sid\":\"S1\",\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:GetObjekt\"],\"Resource\":\"*\"}"),
		IAM_POLICY_IDENTITY);
	d = find(&r, "INVALID_ACTION", "/Statement/0/Action/1");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "did you mean 's3:GetObject'"));
	assert_string_equal(d->sid, "S1");
	assert_int_equal(d->stmt, 0);
	assert_int_equal(d->line, 1);
	assert_int_equal(d->sev, IAM_SEV_ERROR);
	done(&r);
}

static void test_invalid_service_and_pattern(void **state)
{
	(void)state;
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"s3x:GetObject\",\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "INVALID_SERVICE_IN_ACTION", "/Statement/0/Action");
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:Get*Objekt\",\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "INVALID_ACTION", "/Statement/0/Action");
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"s*:GetObject\",\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "WILDCARD_IN_SERVICE_NAME", "/Statement/0/Action");
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":[\"S3:getobject\",\"ec2:Describe*\"],\"Resource\":\"*\"}"),
		    IAM_POLICY_IDENTITY, "INVALID_ACTION");
}

static void test_redundant_actions_grouped(void **state)
{
	struct linted r;
	const struct iam_diag *d;

	(void)state;
	/* as SupportUser: the covering pattern first, then what it covers */
	lint_as(&r, STMT("{\"Effect\":\"Allow\",\"Action\":[\"iam:GetUser\",\"ec2:Describe*\",\"ec2:DescribeHosts\",\"ec2:describeTags\",\"iam:GetRole\",\"iam:GetRole\"],\"Resource\":\"*\"}"),
		IAM_POLICY_IDENTITY);
	assert_int_equal(count(&r, "REDUNDANT_ACTION"), 2);
	d = find(&r, "REDUNDANT_ACTION", "/Statement/0/Action/1");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "3 actions overlap"));
	assert_non_null(find(&r, "REDUNDANT_ACTION", "/Statement/0/Action/4"));
	done(&r);
	/* a pattern that covers other actions too is not redundant */
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:*CredentialReport\"],\"Resource\":\"*\"}"),
		    IAM_POLICY_IDENTITY, "REDUNDANT_ACTION");
}

/* ---- resources and ARNs ---- */

static void test_redundant_resources(void **state)
{
	(void)state;
	/* a bucket pattern covers its objects: '*' matches '/' */
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::deeplens*/*\",\"arn:aws:s3:::deeplens*\"]}"),
	       IAM_POLICY_IDENTITY, "REDUNDANT_RESOURCE", "/Statement/0/Resource/0");
	/* a field-final '*' crosses ':' */
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":[\"arn:aws:logs:*:*:log-group:/aws/lambda/X*\",\"arn:aws:logs:*:*:/aws/lambda/X*\"]}"),
	       IAM_POLICY_IDENTITY, "REDUNDANT_RESOURCE", "/Statement/0/Resource/0");
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::a\",\"arn:aws:s3:::a/*\"]}"),
		    IAM_POLICY_IDENTITY, "REDUNDANT_RESOURCE");
}

static void test_arn_format(void **state)
{
	(void)state;
#define RES(r) STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"" r "\"}")
	expect(RES("bucket/key"), IAM_POLICY_IDENTITY, "INVALID_ARN_PREFIX", "/Statement/0/Resource");
	expect(RES("arn:aws:s3:::"), IAM_POLICY_IDENTITY, "INVALID_ARN_RESOURCE", "/Statement/0/Resource");
	expect(RES("arn:aws:s3"), IAM_POLICY_IDENTITY, "MISSING_ARN_FIELD", "/Statement/0/Resource");
	expect(RES("arn:aws-moon:s3:::b"), IAM_POLICY_IDENTITY, "INVALID_PARTITION", NULL);
	expect(RES("arn:aws:s3:us-east-1::b/k"), IAM_POLICY_IDENTITY, "ARN_REGION_NOT_ALLOWED", NULL);
	expect(RES("arn:aws:s3::111122223333:b/k"), IAM_POLICY_IDENTITY, "ARN_ACCOUNT_NOT_ALLOWED", NULL);
	expect(RES("arn:aws:S3:::b"), IAM_POLICY_IDENTITY, "INVALID_ARN_SERVICE_CASE", NULL);
	expect(RES("arn:aws:elastic-inference:us-east-1:111122223333:x"), IAM_POLICY_IDENTITY, "INVALID_SERVICE", NULL);
	expect(RES("arn:aws:nosuchsvc:us-east-1:111122223333:x"), IAM_POLICY_IDENTITY, "INVALID_SERVICE", NULL);
	expect(RES("arn:aws:*code*::111122223333:*"), IAM_POLICY_IDENTITY, "WILDCARD_IN_SERVICE_NAME", NULL);
	expect(RES("arn:aws:dynamodb:us-east-1:12345:table/t"), IAM_POLICY_IDENTITY, "INVALID_ARN_ACCOUNT", NULL);
	expect(RES("arn:aws:dynamodb:us-east-1::table/t"), IAM_POLICY_IDENTITY, "MISSING_ARN_ACCOUNT", NULL);
	expect(RES("arn:aws:dynamodb::111122223333:table/t"), IAM_POLICY_IDENTITY, "MISSING_ARN_REGION", NULL);
	expect(RES("arn:aws:dynamodb:us-east:111122223333:table/t"), IAM_POLICY_IDENTITY, "INVALID_ARN_REGION", NULL);
	/* AWS-owned resources have no account; "aws" is an account */
	expect_none(RES("arn:aws:ssm:us-east-1::document/AWS-RunShellScript"), IAM_POLICY_IDENTITY, "MISSING_ARN_ACCOUNT");
	expect_none(RES("arn:aws:iam::aws:policy/ReadOnlyAccess"), IAM_POLICY_IDENTITY, "INVALID_ARN_ACCOUNT");
	expect_none(RES("arn:aws:ec2:*::image/ami-*"), IAM_POLICY_IDENTITY, "INVALID_ARN_RESOURCE");
	expect_none(RES("arn:${aws:partition}:s3:::b/${aws:username}/*"), IAM_POLICY_IDENTITY, "INVALID_ARN_RESOURCE");
#undef RES
}

static void test_arn_index_classifies(void **state)
{
	struct iam_arn_index *ix = iam_arn_index_new(iam_catalog_default());
	struct iam_arn_parts p;
	struct iam_arn_verdict v;
	struct iam_cat_action a;
	struct iam_cat_resource r;
	bool ci;

	(void)state;
	assert_non_null(ix);
	assert_true(iam_arn_service_known(ix, "s3", 2, &ci));
	assert_false(iam_arn_service_known(ix, "S3", 2, &ci));
	assert_true(ci);
	assert_int_equal(iam_arn_split("arn:aws:s3:::b/k:x", &p), 6);
	assert_int_equal(p.len[5], 5);
	assert_int_equal(iam_arn_classify(ix, &p, &v), 0);
	assert_true(v.exact);
	assert_true(v.region_empty);
	assert_true(v.account_empty);
	/* cached: the same answer again */
	assert_int_equal(iam_arn_classify(ix, &p, &v), 0);
	assert_true(v.exact);
	/* s3:GetObject takes objects: a bucket ARN is none, a prefix glob
	 * of an object ARN can be one (partial matching) */
	assert_true(iam_catalog_find_action(iam_catalog_default(), "s3:GetObject", &a));
	for (size_t i = 0; i < a.nresources; i++) {
		assert_true(iam_catalog_action_resource(&a, i, &r));
		if (strcmp(r.type, "object") != 0)
			continue;
		iam_arn_split("arn:aws:s3:::bucket", &p);
		assert_int_equal(iam_arn_match_type(ix, &p, &r), IAM_ARN_NO);
		iam_arn_split("arn:aws:s3:::buck*", &p);
		assert_int_equal(iam_arn_match_type(ix, &p, &r), IAM_ARN_YES);
		iam_arn_split("arn:aws:s3:::bucket/reports/*", &p);
		assert_int_equal(iam_arn_match_type(ix, &p, &r), IAM_ARN_YES);
		iam_arn_split("arn:aws:s3:us-east-1::bucket/k", &p);
		assert_int_equal(iam_arn_match_type(ix, &p, &r), IAM_ARN_NO);
	}
	iam_arn_index_free(ix);
}

static void test_action_resource_mismatch(void **state)
{
	(void)state;
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::reports\"}"),
	       IAM_POLICY_IDENTITY, "ACTION_RESOURCE_MISMATCH", "/Statement/0/Action/1");
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::reports/*\"}"),
		    IAM_POLICY_IDENTITY, "ACTION_RESOURCE_MISMATCH");
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}"),
		    IAM_POLICY_IDENTITY, "ACTION_RESOURCE_MISMATCH");
}

/* ---- iam:PassRole, iam:CreateServiceLinkedRole ---- */

static void test_pass_role(void **state)
{
	(void)state;
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"iam:PassRole\"],\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_STAR_IN_RESOURCE", "/Statement/0/Action/1");
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", "/Statement/0/Action");
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"arn:aws:iam::*:role/*\"}"),
	       IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_STAR_IN_RESOURCE", NULL);
	expect(STMT("{\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", "/Statement/0/NotAction");
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"NotResource\":\"arn:aws:iam::*:role/admin\"}"),
	       IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_NOT_RESOURCE", NULL);
	/* narrowed to a service (IfExists too: the key is always there) */
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\",\"Condition\":{\"StringEqualsIfExists\":{\"iam:PassedToService\":\"ec2.amazonaws.com\"}}}"),
		    IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_STAR_IN_RESOURCE");
	/* a named role prefix, a Deny, or a resource policy: no finding */
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"arn:aws:iam::*:role/ecs-*\"}"),
		    IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_STAR_IN_RESOURCE");
	expect_none(STMT("{\"Effect\":\"Deny\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}"),
		    IAM_POLICY_IDENTITY, "PASS_ROLE_WITH_STAR_IN_RESOURCE");
}

static void test_create_slr(void **state)
{
	(void)state;
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:CreateServiceLinkedRole\",\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "CREATE_SLR_WITH_STAR_IN_RESOURCE", "/Statement/0/Action");
	/* a value that starts with a wildcard names no service */
	expect(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:CreateServiceLinkedRole\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"iam:AWSServiceName\":\"*a4b.amazonaws.com\"}}}"),
	       IAM_POLICY_IDENTITY, "CREATE_SLR_WITH_STAR_IN_RESOURCE", NULL);
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:CreateServiceLinkedRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"iam:AWSServiceName\":\"spot.amazonaws.com\"}}}"),
		    IAM_POLICY_IDENTITY, "CREATE_SLR_WITH_STAR_IN_RESOURCE");
}

/* ---- conditions ---- */

static void test_condition_types(void **state)
{
	(void)state;
#define COND(c) STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":" c "}")
	expect(COND("{\"StringEquals\":{\"aws:ViaAWSService\":\"true\"}}"), IAM_POLICY_IDENTITY,
	       "TYPE_MISMATCH", "/Statement/0/Condition/StringEquals/aws:ViaAWSService");
	expect(COND("{\"StringNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:root\"}}"), IAM_POLICY_IDENTITY,
	       "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS", NULL);
	expect(COND("{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}"), IAM_POLICY_IDENTITY, "MISSING_QUALIFIER", NULL);
	expect(COND("{\"ForAllValues:StringEquals\":{\"aws:PrincipalArn\":\"a\"}}"), IAM_POLICY_IDENTITY,
	       "FORALLVALUES_WITH_SINGLE_VALUED_KEY", NULL);
	expect(COND("{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}"), IAM_POLICY_IDENTITY,
	       "TYPE_MISMATCH_BOOLEAN", "/Statement/0/Condition/Bool/aws:SecureTransport");
	expect(COND("{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"soon\"}}"), IAM_POLICY_IDENTITY,
	       "TYPE_MISMATCH_NUMBER", NULL);
	expect(COND("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"tomorrow\"}}"), IAM_POLICY_IDENTITY,
	       "TYPE_MISMATCH_DATE", NULL);
	expect(COND("{\"IpAddress\":{\"aws:SourceIp\":\"300.1.1.1\"}}"), IAM_POLICY_IDENTITY,
	       "TYPE_MISMATCH_IP_RANGE", NULL);
	expect(COND("{\"Bool\":{\"aws:SecureTransport\":[\"true\",\"false\"]}}"), IAM_POLICY_IDENTITY,
	       "INVALID_CONDITION_MULTIPLE_BOOLEAN", NULL);
	expect(COND("{\"StringEquals\":{\"aws:PrincipalTag/team\":[\"a\",1]}}"), IAM_POLICY_IDENTITY,
	       "INVALID_CONDITION_DATA_TYPE", NULL);
	expect(COND("{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"true\"}}"), IAM_POLICY_IDENTITY,
	       "NULL_WITH_QUALIFIER", NULL);
	expect(COND("{\"NullIfExists\":{\"aws:TagKeys\":\"true\"}}"), IAM_POLICY_IDENTITY,
	       "NULL_WITH_IF_EXISTS", NULL);
	expect_none(COND("{\"ArnLike\":{\"kms:EncryptionContext:aws:s3:arn\":\"arn:aws:s3:::b\"}}"), IAM_POLICY_IDENTITY,
		    "TYPE_MISMATCH");
	expect_none(COND("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"a\"}}"), IAM_POLICY_IDENTITY,
		    "MISSING_QUALIFIER");
}

static void test_condition_keys(void **state)
{
	(void)state;
	expect(COND("{\"StringEquals\":{\"aws:NoSuchKey\":\"a\"}}"), IAM_POLICY_IDENTITY,
	       "INVALID_GLOBAL_CONDITION_KEY", NULL);
	expect(COND("{\"StringEquals\":{\"aws:ResourceTag\":\"a\"}}"), IAM_POLICY_IDENTITY,
	       "MISSING_TAG_KEY_IN_CONDITION", NULL);
	expect(COND("{\"ArnEquals\":{\"aws:ARN\":\"arn:aws:iam::111122223333:root\"}}"), IAM_POLICY_IDENTITY,
	       "UNSUPPORTED_GLOBAL_CONDITION_KEY", NULL);
	expect(COND("{\"StringEquals\":{\"s3:NoSuchKey\":\"a\"}}"), IAM_POLICY_IDENTITY,
	       "INVALID_SERVICE_CONDITION_KEY", NULL);
	expect(COND("{\"StringEquals\":{\"nosvc:key\":\"a\"}}"), IAM_POLICY_IDENTITY, "INVALID_SERVICE", NULL);
	expect(COND("{\"StringEquals\":{\"nokey\":\"a\"}}"), IAM_POLICY_IDENTITY,
	       "INVALID_CONDITION_KEY_FORMAT", NULL);
	expect_none(COND("{\"StringEquals\":{\"accounts.google.com:aud\":\"a\",\"ec2:ResourceTag/env\":\"prod\"}}"),
		    IAM_POLICY_IDENTITY, "INVALID_SERVICE");
	expect_none(COND("{\"StringEquals\":{\"catalog:ChangeType\":\"CreateOffer\"}}"), IAM_POLICY_IDENTITY,
		    "INVALID_SERVICE");
}

static void test_condition_values(void **state)
{
	struct linted r;

	(void)state;
	/* AA points at the first value when the values are an array */
	expect(COND("{\"StringLike\":{\"aws:ResourceTag/x\":[\"*\"]}}"), IAM_POLICY_IDENTITY,
	       "EQUIVALENT_TO_NULL_FALSE", "/Statement/0/Condition/StringLike/aws:ResourceTag~1x/0");
	expect(COND("{\"StringLike\":{\"aws:ResourceTag/x\":\"*\"}}"), IAM_POLICY_IDENTITY,
	       "EQUIVALENT_TO_NULL_FALSE", "/Statement/0/Condition/StringLike/aws:ResourceTag~1x");
	expect(COND("{\"StringEquals\":{\"aws:PrincipalTag/job\":\"admin-*\"}}"), IAM_POLICY_IDENTITY,
	       "WILDCARD_WITHOUT_LIKE_OPERATOR", NULL);
	expect_none(COND("{\"StringEquals\":{\"aws:PrincipalTag/job\":\"${aws:username}\"}}"), IAM_POLICY_IDENTITY,
		    "WILDCARD_WITHOUT_LIKE_OPERATOR");
	expect(COND("{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":[\"2700\",\"3600\"]}}"), IAM_POLICY_IDENTITY,
	       "REDUNDANT_CONDITION_VALUE_NUM", NULL);
	expect(COND("{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.1.0/24\"]}}"), IAM_POLICY_IDENTITY,
	       "PRIVATE_IP_ADDRESS", NULL);
	expect(COND("{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\"]}}"), IAM_POLICY_IDENTITY,
	       "PRIVATE_NOT_IP_ADDRESS", NULL);
	expect(COND("{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"203.0.113.0/24\"]}}"), IAM_POLICY_IDENTITY,
	       "PRIVATE_IP_ADDRESS_SUBSET", NULL);
	expect(COND("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.7/24\"}}"), IAM_POLICY_IDENTITY,
	       "IMPROVE_IP_RANGE", NULL);
	lint_as(&r, COND("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.7/24\"}}"), IAM_POLICY_IDENTITY);
	assert_non_null(strstr(find(&r, "IMPROVE_IP_RANGE", NULL)->message, "203.0.113.0/24"));
	done(&r);
	expect(COND("{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-123\"}}"), IAM_POLICY_IDENTITY, "INVALID_VPC_FORMAT", NULL);
	expect(COND("{\"StringEquals\":{\"aws:SourceVpce\":\"vpc-12345678\"}}"), IAM_POLICY_IDENTITY, "INVALID_VPCE_FORMAT", NULL);
	expect_none(COND("{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1a2b3c4d\"}}"), IAM_POLICY_IDENTITY, "INVALID_VPCE_FORMAT");
	expect(COND("{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east\"}}"), IAM_POLICY_IDENTITY, "INVALID_REGION", NULL);
	expect(COND("{\"ForAnyValue:StringEquals\":{\"aws:CalledVia\":\"application-signals.cloudwatch.amazonaws.com\"}}"),
	       IAM_POLICY_IDENTITY, "INVALID_SERVICE_PRINCIPAL_FORMAT", NULL);
	expect(COND("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"1767225600\"}}"), IAM_POLICY_IDENTITY,
	       "INVALID_DATE_VALUE", NULL);
	expect(COND("{\"IpAddress\":{\"aws:VpcSourceIp\":\"10.0.0.0/16\"}}"), IAM_POLICY_IDENTITY,
	       "MISSING_PAIRED_CONDITION_KEYS", NULL);
	expect(COND("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[]}}"), IAM_POLICY_IDENTITY,
	       "EMPTY_ARRAY_CONDITION_FORALLVALUES", NULL);
#undef COND
}

static void test_variables(void **state)
{
	(void)state;
#define RES(r) STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"" r "\"}")
	expect(RES("arn:aws:s3:::b/${}"), IAM_POLICY_IDENTITY, "EMPTY_VARIABLE", NULL);
	expect(RES("arn:aws:s3:::b/${aws:username"), IAM_POLICY_IDENTITY, "MISSING_BRACE_IN_VARIABLE", NULL);
	expect(RES("arn:aws:s3:::b/${aws: username}"), IAM_POLICY_IDENTITY, "UNSUPPORTED_SPACE_IN_VARIABLE", NULL);
	expect(RES("arn:aws:s3:::b/${aws:username, x}"), IAM_POLICY_IDENTITY, "MISSING_QUOTE_IN_VARIABLE", NULL);
	expect("{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}]}",
	       IAM_POLICY_IDENTITY, "VARIABLE_UNSUPPORTED_IN_VERSION", NULL);
#undef RES
}

static void test_tag_keys(void **state)
{
	struct linted r;

	(void)state;
	/* app-integrations:ListDataIntegrationAssociations takes no tag key */
	lint_as(&r, STMT("{\"Effect\":\"Allow\",\"Action\":[\"ec2:StartInstances\",\"app-integrations:ListDataIntegrationAssociations\"],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"a\"}}}"),
		IAM_POLICY_IDENTITY);
	assert_non_null(find(&r, "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", "/Statement/0/Action/1"));
	assert_int_equal(count(&r, "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"), 1);
	done(&r);
	expect(STMT("{\"Effect\":\"Deny\",\"Action\":\"app-integrations:ListDataIntegrationAssociations\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"a\"}}}"),
	       IAM_POLICY_IDENTITY, "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", NULL);
	expect(STMT("{\"Effect\":\"Deny\",\"NotAction\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"a\"}}}"),
	       IAM_POLICY_IDENTITY, "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", NULL);
	/* Null on the key: not reported */
	expect_none(STMT("{\"Effect\":\"Allow\",\"Action\":\"kms:ListKeys\",\"Resource\":\"*\",\"Condition\":{\"Null\":{\"aws:ResourceTag/team\":\"false\"}}}"),
		    IAM_POLICY_IDENTITY, "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE");
}

/* The finding's words on an unsupported tag key agree with the engine:
 * with the key absent (the action never has it), the statement applies
 * exactly when the finding says "unconditionally". */
static void test_unsupported_tag_key_agrees_with_engine(void **state)
{
	static const char *const ops[] = {
		"StringEquals", "StringNotEquals", "StringEqualsIfExists",
		"StringNotEqualsIfExists", "StringLike", "StringNotLike",
	};
	static const char *const effects[] = { "Allow", "Deny" };
	(void)state;

	for (size_t e = 0; e < 2; e++)
		for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
			char text[512];
			struct linted r;
			const struct iam_diag *d;
			struct iam_json_doc doc = IAM_JSON_DOC_INIT;
			struct iam_error err = IAM_ERROR_INIT;
			struct iam_policy *p, *all;
			struct iam_policy_set set = { 0 };
			struct iam_request req = { "arn:aws:iam::111122223333:user/u",
				"app-integrations:ListDataIntegrationAssociations", "*",
				NULL, NULL, NULL };
			struct iam_result res;
			bool applies, says;
			static const char allow_all[] =
				"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

			snprintf(text, sizeof(text),
				 "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"%s\","
				 "\"Action\":\"app-integrations:ListDataIntegrationAssociations\","
				 "\"Resource\":\"*\",\"Condition\":{\"%s\":{\"aws:ResourceTag/team\":\"a\"}}}]}",
				 effects[e], ops[o]);
			lint_as(&r, text, IAM_POLICY_IDENTITY);
			d = find(&r, e ? "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
				       : "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", NULL);
			if (!d)
				fail_msg("%s %s: no finding", effects[e], ops[o]);
			says = strstr(d->message, "unconditionally") != NULL;
			assert_true(strstr(d->message, "1 action of service") &&
				    strstr(d->message, "does not support"));

			assert_int_equal(iam_json_load_buffer(&doc, "p.json", text, strlen(text), &err), 0);
			p = iam_policy_parse(&doc, NULL, "", IAM_POLICY_IDENTITY, 0, NULL, &err);
			iam_json_doc_release(&doc);
			assert_int_equal(iam_json_load_buffer(&doc, "a.json", allow_all, strlen(allow_all), &err), 0);
			all = iam_policy_parse(&doc, NULL, "", IAM_POLICY_IDENTITY, 0, NULL, &err);
			iam_json_doc_release(&doc);
			assert_non_null(p);
			assert_non_null(all);
			assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_IDENTITY, p, &err), 0);
			if (e)  /* a Deny needs an Allow beside it to show */
				assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_IDENTITY, all, &err), 0);
			assert_int_equal(iam_authorize(&set, &req, 0, &res, &err), 0);
			applies = e ? res.decision == IAM_DECISION_EXPLICIT_DENY
				    : res.decision == IAM_DECISION_ALLOWED;
			if (applies != says)
				fail_msg("%s %s: the engine %s the statement, the finding says '%s'",
					 effects[e], ops[o], applies ? "applies" : "does not apply",
					 d->message);
			iam_result_release(&res);
			iam_policy_set_release(&set);
			iam_policy_free(p);
			iam_policy_free(all);
			done(&r);
		}
}

/* ---- principals, trust and resource policies ---- */

static void test_trust_policy(void **state)
{
	(void)state;
#define TRUST(s) STMT(s)
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}"),
	       IAM_POLICY_TRUST, "MISSING_GITHUB_REPO_CONDITION_KEY", "/Statement/0/Principal/Federated");
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:org/*\"}}}"),
	       IAM_POLICY_TRUST, "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", NULL);
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"accounts.google.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}"),
	       IAM_POLICY_TRUST, "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", NULL);
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/corp\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}"),
	       IAM_POLICY_TRUST, "MISMATCHED_ACTION_FOR_PRINCIPAL", "/Statement/0/Action");
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"rolesanywhere.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"),
	       IAM_POLICY_TRUST, "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", NULL);
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:RequestTag/team\":\"a\"}}}"),
	       IAM_POLICY_TRUST, "MISSING_ACTION_FOR_CONDITION_KEY", NULL);
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"sts:AssumeRole\",\"s3:GetObject\"]}"),
	       IAM_POLICY_TRUST, "UNSUPPORTED_ACTION_IN_POLICY", "/Statement/0/Action/1");
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:role/R\",\"arn:aws:sts::111122223333:assumed-role/R/s\"]},\"Action\":\"sts:AssumeRole\"}"),
	       IAM_POLICY_TRUST, "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", "/Statement/0/Principal/AWS/1");
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"AROAEXAMPLEEXAMPLE123\"},\"Action\":\"sts:AssumeRole\"}"),
	       IAM_POLICY_TRUST, "INVALID_ROLE_REFERENCE", NULL);
	expect(TRUST("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"https://x\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}"),
	       IAM_POLICY_TRUST, "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", NULL);
#undef TRUST
}

static void test_resource_policy(void **state)
{
	(void)state;
	expect(STMT("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}"),
	       IAM_POLICY_RESOURCE, "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", "/Statement/0/Principal/Service");
	expect(STMT("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}}"),
	       IAM_POLICY_RESOURCE, "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", NULL);
	expect(STMT("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}}"),
	       IAM_POLICY_RESOURCE, "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", NULL);
	expect_none(STMT("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:111122223333:t\"}}}"),
		    IAM_POLICY_RESOURCE, "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL");
	expect(STMT("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
	       IAM_POLICY_RESOURCE, "ALLOW_WITH_NOT_PRINCIPAL", "/Statement/0/NotPrincipal");
	expect(STMT("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"accounts.google.com\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
	       IAM_POLICY_RESOURCE, "FEDERATED_PRINCIPAL_NOT_SUPPORTED", NULL);
	expect(STMT("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"EC2.amazonaws.com\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
	       IAM_POLICY_RESOURCE, "INVALID_SERVICE_PRINCIPAL_FORMAT", NULL);
	expect(STMT("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
	       IAM_POLICY_IDENTITY, "UNSUPPORTED_PRINCIPAL", "/Statement/0/Principal");
}

/* ---- policy level ---- */

static void test_redundant_statement_and_size(void **state)
{
	char *big;
	size_t n = 0;

	(void)state;
	expect(STMT("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"},"
		    "{\"Sid\":\"B\",\"Resource\":\"*\",\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\"}"),
	       IAM_POLICY_IDENTITY, "REDUNDANT_STATEMENT", "/Statement/1");
	/* 10,240 characters without white space: the identity quota */
	big = malloc(20000);
	assert_non_null(big);
	n += (size_t)snprintf(big, 20000, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[");
	for (int i = 0; i < 800; i++)
		n += (size_t)snprintf(big + n, 20000 - n, "%s\"s3:GetObject\"", i ? ", " : "");
	snprintf(big + n, 20000 - n, "],\"Resource\":\"*\"}]}");
	expect(big, IAM_POLICY_IDENTITY, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "");
	expect(big, IAM_POLICY_SCP, "POLICY_SIZE_EXCEEDS_SCP_QUOTA", "");
	free(big);
	expect("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
	       IAM_POLICY_IDENTITY, "MISSING_VERSION", "");
}

static void test_legacy_scp(void **state)
{
	struct iam_lint *legacy = iam_lint_new(NULL, IAM_LINT_LEGACY_SCP), *save = L;
	struct linted r;
	const char *scp = STMT("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"arn:aws:s3:::*\"},"
			       "{\"Effect\":\"Deny\",\"Action\":\"ec2:*Instances\",\"NotResource\":\"arn:aws:s3:::b\"}");

	(void)state;
	assert_non_null(legacy);
	lint_as(&r, scp, IAM_POLICY_SCP);
	assert_null(find(&r, "SCP_SYNTAX_ERROR_ALLOW_NOTACTION", NULL));
	done(&r);
	L = legacy;
	lint_as(&r, scp, IAM_POLICY_SCP);
	assert_non_null(find(&r, "SCP_SYNTAX_ERROR_ALLOW_NOTACTION", "/Statement/0/NotAction"));
	assert_non_null(find(&r, "SCP_SYNTAX_ERROR_ALLOW_RESOURCE", "/Statement/0/Resource"));
	assert_non_null(find(&r, "SCP_SYNTAX_ERROR_ACTION_WILDCARD", "/Statement/1/Action"));
	assert_non_null(find(&r, "SCP_SYNTAX_ERROR_NOTRESOURCE", "/Statement/1/NotResource"));
	done(&r);
	L = save;
	iam_lint_free(legacy);
}

static void test_grammar_errors_do_not_stop_checks(void **state)
{
	struct linted r;

	(void)state;
	lint_as(&r, STMT("{\"Effect\":\"allow\",\"Action\":\"s3:GetObjekt\",\"Resource\":\"*\"},"
			 "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\",\"Condtion\":{}}"),
		IAM_POLICY_IDENTITY);
	assert_non_null(find(&r, "INVALID_EFFECT", "/Statement/0/Effect"));
	assert_non_null(find(&r, "INVALID_ACTION", "/Statement/0/Action"));
	assert_non_null(find(&r, "INVALID_POLICY_ELEMENT", "/Statement/1/Condtion"));
	assert_non_null(find(&r, "PASS_ROLE_WITH_STAR_IN_RESOURCE", "/Statement/1/Action"));
	done(&r);
}

/* ---- templates ---- */

static void test_template(void **state)
{
	struct linted r;

	(void)state;
	lint_as(&r,
		"{\"Resources\":{"
		"\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{"
		"\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"s3:GetObject\"]}]},"
		"\"Policies\":[{\"PolicyName\":\"p\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":["
		"{\"Effect\":\"Allow\",\"Action\":\"s3:GetObjekt\",\"Resource\":{\"Fn::Sub\":\"arn:aws:s3:::${B}/*\"}},"
		"{\"Effect\":\"Allow\",\"Action\":{\"Ref\":\"Actions\"},\"Resource\":\"*\"},"
		"{\"Fn::If\":[\"C\",{\"Effect\":\"Allow\",\"Action\":\"bad:Action\",\"Resource\":\"*\"},{\"Ref\":\"AWS::NoValue\"}]}]}}]}},"
		"\"Q\":{\"Type\":\"AWS::SQS::QueuePolicy\",\"Properties\":{\"Queues\":[{\"Ref\":\"X\"}],\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":{\"Fn::GetAtt\":[\"R\",\"Arn\"]}},\"Action\":[\"sqs:SendMessage\",\"s3:GetObject\"],\"Resource\":{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}}]}}}"
		"}}",
		IAM_POLICY_AUTO);
	assert_non_null(find(&r, "UNSUPPORTED_ACTION_IN_POLICY",
			     "/Resources/R/Properties/AssumeRolePolicyDocument/Statement/0/Action/1"));
	assert_non_null(find(&r, "INVALID_ACTION",
			     "/Resources/R/Properties/Policies/0/PolicyDocument/Statement/0/Action"));
	assert_non_null(find(&r, "UNSUPPORTED_ACTION_IN_POLICY",
			     "/Resources/Q/Properties/PolicyDocument/Statement/0/Action/1"));
	/* intrinsics are unknown values, never errors */
	assert_int_equal(count(&r, "DATA_TYPE_MISMATCH"), 0);
	assert_int_equal(count(&r, "INVALID_SERVICE_IN_ACTION"), 0);
	assert_int_equal(count(&r, "INVALID_PRINCIPAL_FORMAT"), 0);
	assert_int_equal(count(&r, "INVALID_ARN_PREFIX"), 0);
	assert_int_equal(r.d.n, 3);
	done(&r);
}

/* Two unknown values are never equal: statements that differ only in
 * which intrinsic names the resource are not redundant; the same
 * intrinsic twice is. */
#define ROLE_POLICY(stmts) \
	"{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Policy\",\"Properties\":{" \
	"\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[" stmts "]}}}}}"
#define GET_ROLE(res) \
	"{\"Effect\":\"Allow\",\"Action\":[\"iam:UpdateAssumeRolePolicy\",\"iam:GetRole\"]," \
	"\"Resource\":" res "}"

static void test_template_unknowns_not_equal(void **state)
{
	struct linted r;

	(void)state;
	lint_as(&r, ROLE_POLICY(GET_ROLE("{\"Fn::GetAtt\":[\"AuthRole\",\"Arn\"]}") ","
				GET_ROLE("{\"Fn::GetAtt\":[\"UnauthRole\",\"Arn\"]}")),
		IAM_POLICY_AUTO);
	assert_int_equal(count(&r, "REDUNDANT_STATEMENT"), 0);
	done(&r);
	/* the same Ref twice is the same value, written with the keys of the
	 * statement in another order */
	expect(ROLE_POLICY(GET_ROLE("{\"Ref\":\"authRoleArn\"}") ","
			   "{\"Resource\":{\"Ref\":\"authRoleArn\"},\"Effect\":\"Allow\","
			   "\"Action\":[\"iam:UpdateAssumeRolePolicy\",\"iam:GetRole\"]}"),
	       IAM_POLICY_AUTO, "REDUNDANT_STATEMENT",
	       "/Resources/R/Properties/PolicyDocument/Statement/1");
	/* equal intrinsics whose objects list keys in another order */
	expect(ROLE_POLICY(GET_ROLE("{\"Fn::Sub\":[\"arn:${A}\",{\"A\":\"x\",\"B\":\"y\"}]}") ","
			   GET_ROLE("{\"Fn::Sub\":[\"arn:${A}\",{\"B\":\"y\",\"A\":\"x\"}]}")),
	       IAM_POLICY_AUTO, "REDUNDANT_STATEMENT",
	       "/Resources/R/Properties/PolicyDocument/Statement/1");
	/* a Ref and a GetAtt of the same name are different values; so are
	 * unknown conditions */
	expect_none(ROLE_POLICY(GET_ROLE("{\"Ref\":\"AuthRole\"}") ","
				GET_ROLE("{\"Fn::GetAtt\":[\"AuthRole\",\"Arn\"]}")),
		    IAM_POLICY_AUTO, "REDUNDANT_STATEMENT");
	expect_none(ROLE_POLICY("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
				"\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":{\"Ref\":\"A\"}}}},"
				"{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
				"\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":{\"Ref\":\"B\"}}}}"),
		    IAM_POLICY_AUTO, "REDUNDANT_STATEMENT");
}

/* The template reader as lint uses it: the document already read, every
 * resource kept, every intrinsic an unknown value flagged on its
 * element, positions for any element. */
static const char getatt_template[] =
	"{\"Resources\": {\n"
	" \"P\": {\"Type\": \"AWS::IAM::Policy\", \"Properties\": {\"PolicyDocument\": {\n"
	"  \"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n"
	"   \"Action\": \"s3:GetObject\",\n"
	"   \"Resource\": {\"Fn::GetAtt\": [\"Bucket\", \"Arn\"]}}]}}},\n"
	" \"B\": {\"Type\": \"AWS::S3::BucketPolicy\", \"Properties\": {\"PolicyDocument\": {\n"
	"  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*\",\n"
	"   \"Resource\": \"*\"}]}}},\n"
	" \"Q\": {\"Type\": \"AWS::SQS::QueuePolicy\", \"Properties\": {\"PolicyDocument\": \"{}\"}},\n"
	" \"W\": {\"Type\": \"AWS::IAM::ManagedPolicy\", \"Properties\": {\"PolicyDocument\":\n"
	"   {\"Fn::If\": [\"C\", {\"Statement\": []}, {\"Ref\": \"AWS::NoValue\"}]}}}}}";

struct seen {
	struct iam_cfn_policy p[4];
	size_t n;
};

static int collect_policy(void *ctx, const struct iam_cfn_policy *p)
{
	struct seen *s = ctx;

	if (s->n < 4)
		s->p[s->n] = *p;
	s->n++;
	return 0;
}

static int note_unknown(void *ctx, const char *pointer)
{
	iam_strlcpy_tail(ctx, pointer, IAM_CFN_POINTER_MAX);
	return 0;
}

static void test_template_reader_unknown_values(void **state)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s;
	struct iam_policy *pol;
	struct seen seen = { .n = 0 };
	char unknown[IAM_CFN_POINTER_MAX] = "";
	json_t *copy;
	int line, col;
	struct linted r;

	(void)state;
	assert_int_equal(iam_json_load_buffer(&doc, "t.json", getatt_template,
					      strlen(getatt_template), &err), 0);
	s = iam_cfn_from_doc(&doc, NULL, &err);
	assert_non_null(s);
	assert_int_equal(iam_cfn_each_policy(s, collect_policy, &seen), 0);
	/* the bucket policy is kept; a document in a string is not read; a
	 * document that is an intrinsic is (as a whole unknown) */
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.p[2].pointer, "/Resources/W/Properties/PolicyDocument");
	assert_string_equal(seen.p[0].pointer, "/Resources/P/Properties/PolicyDocument");
	assert_int_equal(seen.p[0].type, IAM_POLICY_IDENTITY);
	assert_string_equal(seen.p[1].resource_type, "AWS::S3::BucketPolicy");
	assert_int_equal(seen.p[1].type, IAM_POLICY_RESOURCE);
	assert_true(iam_cfn_locate(s, "/Resources/P/Properties/PolicyDocument/Statement/0/Resource",
				   &line, &col));
	assert_int_equal(line, 5);
	assert_int_equal(col, 4);

	/* every intrinsic unknown: the Resource pattern is flagged */
	copy = iam_cfn_unresolved(seen.p[0].document, NULL, seen.p[0].pointer,
				  note_unknown, unknown);
	assert_non_null(copy);
	assert_string_equal(unknown,
			    "/Resources/P/Properties/PolicyDocument/Statement/0/Resource");
	pol = iam_policy_parse(&doc, copy, seen.p[0].pointer, seen.p[0].type,
			       IAM_PARSE_PARTIAL | IAM_PARSE_TEMPLATE, NULL, &err);
	json_decref(copy);
	assert_non_null(pol);
	assert_true(pol->stmts[0].resources[0].unknown);
	assert_false(pol->stmts[0].actions[0].unknown);
	assert_string_equal(pol->stmts[0].resources[0].path, unknown);
	assert_int_equal(pol->stmts[0].resources[0].line, 5);
	iam_policy_free(pol);
	iam_cfn_free(s);

	/* and lint reports nothing there, nor in the unknown document */
	lint_as(&r, getatt_template, IAM_POLICY_AUTO);
	for (size_t i = 0; i < r.d.n; i++) {
		assert_null(strstr(r.d.v[i].path, "/Resources/P/"));
		assert_null(strstr(r.d.v[i].path, "/Resources/W/"));
	}
	done(&r);
	iam_json_doc_release(&doc);
}

static void test_classify(void **state)
{
	json_t *v;

	(void)state;
	v = json_loads("{\"Statement\":[]}", 0, NULL);
	assert_int_equal(iam_lint_classify(v), IAM_LINT_KIND_POLICY);
	json_decref(v);
	v = json_loads("{\"Resources\":{}}", 0, NULL);
	assert_int_equal(iam_lint_classify(v), IAM_LINT_KIND_TEMPLATE);
	json_decref(v);
	v = json_loads("{\"PolicyVersion\":{\"Document\":{}}}", 0, NULL);
	assert_int_equal(iam_lint_classify(v), IAM_LINT_KIND_WRAPPED);
	json_decref(v);
	v = json_loads("{\"name\":\"x\"}", 0, NULL);
	assert_int_equal(iam_lint_classify(v), IAM_LINT_KIND_OTHER);
	json_decref(v);
}

/* ---- suppressions ---- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const struct iam_rule other_rules[] = {
	{ "OTHER_CODE", IAM_SEV_ERROR, "a code of another pass", false, NULL, NULL },
};
static const struct iam_rules other_pass = { "other", other_rules, 1 };

static void test_config_suppressions(void **state)
{
	char dir[] = "/tmp/iamgate-lint-XXXXXX", cfg[128], old[4096];
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_config *c;
	const struct iam_rules *tables[2] = { iam_lint_rule_table(), &other_pass };
	struct iam_diags ds = IAM_DIAGS_INIT;
	char *found;
	struct iam_diag d = { IAM_SEV_ERROR, "INVALID_ACTION", "roles/ci.json", "/Statement/2/Action",
			      1, 1, "PassAny", 2, "m", NULL, NULL, 0 };

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_non_null(getcwd(old, sizeof(old)));
	snprintf(cfg, sizeof(cfg), "%s/.iamgate.json", dir);
	write_file(cfg, "{\"suppress\":[{\"code\":\"REDUNDANT_ACTION\"},"
			"{\"file\":\"roles/*.json\",\"sid\":\"PassAny\",\"code\":[\"INVALID_ACTION\"]},"
			"{\"file\":\"legacy.json\",\"statement\":1,\"reason\":\"old\"}]}");
	assert_int_equal(chdir(dir), 0);
	found = iam_config_find(".");
	assert_non_null(found);
	c = iam_config_load(found, tables, 1, &err);
	assert_non_null(c);
	assert_string_equal(iam_config_file(c), found);
	free(found);
	assert_true(json_is_array(iam_config_section(c, "suppress")));
	assert_null(iam_config_section(c, "amplify"));
	assert_true(iam_config_suppresses(c, &d));
	d.sid = "Other";
	assert_false(iam_config_suppresses(c, &d));
	d.code = "REDUNDANT_ACTION";
	assert_true(iam_config_suppresses(c, &d));
	d.code = "INVALID_ACTION";
	d.source = "./sub/../legacy.json";
	d.stmt = 1;
	assert_true(iam_config_suppresses(c, &d));
	d.stmt = 0;
	assert_false(iam_config_suppresses(c, &d));
	/* as a filter: the suppressed go, the rest keep their order */
	iam_diags_add(&ds, IAM_SEV_ERROR, "INVALID_ACTION", "a.json", "", 1, 1, NULL, 0, "one");
	iam_diags_add(&ds, IAM_SEV_WARNING, "REDUNDANT_ACTION", "a.json", "", 2, 1, NULL, 0, "two");
	iam_diags_add(&ds, IAM_SEV_ERROR, "INVALID_ACTION", "legacy.json", "", 3, 1, NULL, 1, "three");
	iam_diags_add(&ds, IAM_SEV_ERROR, "INVALID_ACTION", "b.json", "", 4, 1, NULL, 0, "four");
	assert_int_equal(iam_diags_set_props(&ds, json_pack("{s:s}", "k", "v")), 0);
	assert_int_equal(iam_diags_drop(&ds, iam_config_suppressed, c), 2);
	assert_int_equal(ds.n, 2);
	assert_int_equal(ds.nerrors, 2);
	assert_string_equal(ds.v[0].message, "one");
	assert_string_equal(ds.v[1].message, "four");
	assert_string_equal(json_string_value(json_object_get(ds.v[1].props, "k")), "v");
	iam_diags_release(&ds);
	iam_config_free(c);
	/* a code of another pass: only when its table is given */
	write_file(cfg, "{\"suppress\":[{\"code\":\"OTHER_CODE\"}], \"amplify\": {}}");
	iam_error_clear(&err);
	assert_null(iam_config_load(cfg, tables, 1, &err));
	assert_non_null(strstr(err.text, "not a code of iamgate lint "));
	c = iam_config_load(cfg, tables, 2, &err);
	assert_non_null(c);
	assert_true(json_is_object(iam_config_section(c, "amplify")));
	iam_config_free(c);
	/* a section the file cannot have */
	write_file(cfg, "{\"suppres\": []}");
	iam_error_clear(&err);
	assert_null(iam_config_load(cfg, tables, 2, &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_int_equal(err.line, 1);
	/* errors name the bad entry */
	write_file(cfg, "{\"suppress\":[{\"code\":\"NOPE\"}]}");
	iam_error_clear(&err);
	assert_null(iam_config_load(cfg, tables, 1, &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.path, "/suppress/0/code");
	write_file(cfg, "{\"suppress\":[{\"reason\":\"nothing\"}]}");
	iam_error_clear(&err);
	assert_null(iam_config_load(cfg, tables, 1, &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_int_equal(chdir(old), 0);
	unlink(cfg);
	rmdir(dir);
}

/* ---- findings with further places ---- */

/* The finding of code at path has exactly the further places given
 * (NULL-terminated), in that order. */
static void expect_places(const char *text, const char *code, const char *path,
			  const char *const *places)
{
	struct linted r;
	const struct iam_diag *d;
	size_t n = 0;

	lint_as(&r, text, IAM_POLICY_IDENTITY);
	d = find(&r, code, path);
	if (!d) {
		for (size_t i = 0; i < r.d.n; i++)
			print_message("  got %s at %s\n", r.d.v[i].code, r.d.v[i].path);
		fail_msg("expected %s at %s", code, path);
	}
	while (places[n])
		n++;
	for (size_t i = 0; d->nlocs != n && i < d->nlocs; i++)
		print_message("  place %s %d:%d\n", d->locs[i].path, d->locs[i].line,
			      d->locs[i].column);
	assert_int_equal(d->nlocs, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(d->locs[i].path, places[i]);
		assert_int_equal(d->locs[i].line, 1);  /* one-line documents */
		assert_true(d->locs[i].column > d->column);
	}
	done(&r);
}

static void test_places_redundant(void **state)
{
	static const char *const actions[] = { "/Statement/0/Action/1", "/Statement/0/Action/2",
					       "/Statement/0/Action/4", NULL };
	static const char *const res_a[] = { "/Statement/0/Resource/3", NULL };
	static const char *const res_b[] = { "/Statement/0/Resource/2", NULL };

	(void)state;
	/* a chain (s3:Get* is covered by s3:*) is one group, at its first entry */
	expect_places(STMT("{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"s3:Get*\",\"s3:GetObject\","
			   "\"ec2:DescribeInstances\",\"s3:GetObjectAcl\"],\"Resource\":\"*\"}"),
		      "REDUNDANT_ACTION", "/Statement/0/Action/0", actions);
	/* two groups, two findings, each with its own entries */
	expect_places(STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":["
			   "\"arn:aws:s3:::a/*\",\"arn:aws:s3:::b/*\",\"arn:aws:s3:::b/x\",\"arn:aws:s3:::a/y\"]}"),
		      "REDUNDANT_RESOURCE", "/Statement/0/Resource/0", res_a);
	expect_places(STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":["
			   "\"arn:aws:s3:::a/*\",\"arn:aws:s3:::b/*\",\"arn:aws:s3:::b/x\",\"arn:aws:s3:::a/y\"]}"),
		      "REDUNDANT_RESOURCE", "/Statement/0/Resource/1", res_b);
}

static void test_places_sensitive(void **state)
{
	static const char *const star[] = { "/Statement/0/Resource/1", NULL };
	static const char *const one[] = { "/Statement/0/Resource", NULL };
	static const char *const notres[] = { "/Statement/0/NotResource", NULL };

	(void)state;
	/* the Action entry, then the Resource entry that is broad */
	expect_places(STMT("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"iam:PassRole\"],"
			   "\"Resource\":[\"arn:aws:s3:::b/*\",\"*\"]}"),
		      "PASS_ROLE_WITH_STAR_IN_RESOURCE", "/Statement/0/Action/1", star);
	/* single strings: the elements themselves */
	expect_places(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}"),
		      "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", "/Statement/0/Action", one);
	expect_places(STMT("{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\","
			   "\"NotResource\":\"arn:aws:iam::111122223333:role/admin\"}"),
		      "PASS_ROLE_WITH_NOT_RESOURCE", "/Statement/0/Action", notres);
}

static void test_places_tag_key(void **state)
{
	static const char *const places[] = {
		"/Statement/0/Action/3",
		"/Statement/0/Condition/StringEquals/aws:ResourceTag~1team", NULL
	};

	(void)state;
	/* every action of the service that does not support the key (not the
	 * one that does, not another service's), then the key */
	expect_places(STMT("{\"Effect\":\"Allow\",\"Action\":[\"logs:PutResourcePolicy\","
			   "\"logs:CreateLogStream\",\"ec2:StartInstances\",\"logs:DescribeLogGroups\"],"
			   "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"ops\"}}}"),
		      "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", "/Statement/0/Action/0",
		      places);
}

/* Sorting moves each finding's places with it; findings of one code at
 * one place are ordered by their further places. */
static void test_sort_keeps_places(void **state)
{
	struct iam_diags d = IAM_DIAGS_INIT;

	(void)state;
	iam_diags_add(&d, IAM_SEV_SUGGESTION, "REDUNDANT_ACTION", "b.json", "/Statement/0/Action/0",
		      3, 5, NULL, 0, "later file");
	iam_diags_add_location(&d, "/Statement/0/Action/2", 3, 20);
	iam_diags_add(&d, IAM_SEV_SUGGESTION, "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
		      "a.json", "/Statement/0/Action/0", 3, 5, NULL, 0, "key z");
	iam_diags_add_location(&d, "/Statement/0/Condition/StringEquals/aws:ResourceTag~1z", 9, 1);
	iam_diags_add(&d, IAM_SEV_SUGGESTION, "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
		      "a.json", "/Statement/0/Action/0", 3, 5, NULL, 0, "key a");
	iam_diags_add_location(&d, "/Statement/0/Condition/StringEquals/aws:ResourceTag~1a", 8, 1);
	iam_diags_add(&d, IAM_SEV_ERROR, "INVALID_ACTION", "a.json", "/Statement/0/Action/1",
		      1, 9, NULL, 0, "first");
	assert_false(d.nomem);
	iam_lint_sort(&d);
	assert_string_equal(d.v[0].message, "first");
	assert_int_equal(d.v[0].nlocs, 0);
	assert_string_equal(d.v[1].message, "key a");
	assert_int_equal(d.v[1].nlocs, 1);
	assert_int_equal(d.v[1].locs[0].line, 8);
	assert_string_equal(d.v[2].message, "key z");
	assert_string_equal(d.v[2].locs[0].path,
			    "/Statement/0/Condition/StringEquals/aws:ResourceTag~1z");
	assert_string_equal(d.v[3].message, "later file");
	assert_string_equal(d.v[3].locs[0].path, "/Statement/0/Action/2");
	iam_diags_release(&d);
}

static void test_sarif_related_locations(void **state)
{
	struct iam_diags d = IAM_DIAGS_INIT;
	json_t *log, *res, *rel, *loc;

	(void)state;
	iam_diags_add(&d, IAM_SEV_SECURITY_WARNING, "PASS_ROLE_WITH_STAR_IN_RESOURCE", "r.json",
		      "/Statement/1/Action/0", 13, 18, "Deploy", 1, "m");
	iam_diags_add_location(&d, "/Statement/1/Resource", 14, 7);
	iam_diags_add_location(&d, "/Statement/1/Condition", 0, 0);
	iam_diags_add(&d, IAM_SEV_ERROR, "INVALID_ACTION", "r.json", "/Statement/0/Action/0",
		      7, 18, NULL, 0, "one place");
	log = iam_sarif_log(iam_lint_rule_table(), d.v, d.n, "1.2.3");
	assert_non_null(log);
	res = json_array_get(json_object_get(json_array_get(json_object_get(log, "runs"), 0),
					     "results"), 0);
	/* the primary place alone in locations */
	assert_int_equal(json_array_size(json_object_get(res, "locations")), 1);
	rel = json_object_get(res, "relatedLocations");
	assert_int_equal(json_array_size(rel), 2);
	loc = json_array_get(rel, 0);
	assert_int_equal(json_integer_value(json_object_get(loc, "id")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(
				 loc, "physicalLocation"), "region"), "startLine")), 14);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
				    loc, "physicalLocation"), "artifactLocation"), "uri")), "r.json");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(loc, "logicalLocations"), 0), "fullyQualifiedName")),
			    "/Statement/1/Resource");
	/* without a position: no region, still its pointer */
	loc = json_array_get(rel, 1);
	assert_int_equal(json_integer_value(json_object_get(loc, "id")), 2);
	assert_null(json_object_get(json_object_get(loc, "physicalLocation"), "region"));
	assert_non_null(json_object_get(loc, "logicalLocations"));
	/* a finding with one place has no relatedLocations */
	res = json_array_get(json_object_get(json_array_get(json_object_get(log, "runs"), 0),
					     "results"), 1);
	assert_null(json_object_get(res, "relatedLocations"));
	json_decref(log);
	iam_diags_release(&d);
}

/* ---- SARIF ---- */

/* ---- Amplify: custom-policies.json, the files a walk skips ---- */

static void lint_list(struct linted *r, const char *text, int want)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;

	memset(r, 0, sizeof(*r));
	assert_int_equal(iam_json_load_buffer(&doc, "custom-policies.json", text,
					      strlen(text), &err), 0);
	assert_int_equal(iam_lint_statement_list(L, &doc, &r->d, &err), want);
	iam_json_doc_release(&doc);
}

static void test_amplify_custom_policies(void **state)
{
	struct linted r;
	const struct iam_diag *d;

	(void)state;
	/* the placeholder the CLI writes, and an empty list: no policy */
	lint_list(&r, "[\n  {\n    \"Action\": [],\n    \"Resource\": []\n  }\n]\n", 1);
	assert_int_equal(r.d.n, 0);
	done(&r);
	lint_list(&r, "[]", 1);
	done(&r);
	/* statements: no Effect is Allow, ${env} and objects are unknown,
	 * findings where they are in the file */
	lint_list(&r, "[\n"
		      "  {\"Action\": [\"s3:GetObject\"],\n"
		      "   \"Resource\": [\"arn:aws:s3:::b-${env}/*\", {\"Fn::GetAtt\": [\"T\", \"Arn\"]}]},\n"
		      "  {\"Effect\": \"Deny\", \"Action\": [\"s3:GetObjekt\"],\n"
		      "   \"Resource\": [\"arn:aws:s3:::b/*\"]}\n"
		      "]\n", 0);
	assert_int_equal(count(&r, "MISSING_EFFECT"), 0);
	assert_int_equal(count(&r, "INVALID_VARIABLE"), 0);
	assert_int_equal(count(&r, "MISSING_VERSION"), 0);
	d = find(&r, "INVALID_ACTION", "/1/Action/0");
	if (!d)
		d = find(&r, "INVALID_ACTION", "/1/Action");
	assert_non_null(d);
	assert_int_equal(d->line, 4);
	assert_string_equal(d->source, "custom-policies.json");
	assert_int_equal(r.d.n, 1);
	done(&r);
	/* a statement that is not an object: at its own pointer */
	lint_list(&r, "[{\"Action\": [\"s3:GetObject\"], \"Resource\": [\"*\"]}, 3]", 0);
	d = find(&r, "DATA_TYPE_MISMATCH", NULL);
	assert_non_null(d);
	assert_string_equal(d->path, "/1");
	done(&r);
}

static void test_skip_files(void **state)
{
	char dir[] = "/tmp/iamgate-skip-XXXXXX", p[512];

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_true(iam_lint_amplify_data("amplify/backend/tags.json"));
	assert_true(iam_lint_amplify_data("x/amplify/backend/api/a/cli-inputs.json"));
	assert_false(iam_lint_amplify_data("config/tags.json"));
	assert_false(iam_lint_amplify_data("amplify/backend/function/f/role.json"));
	assert_true(iam_lint_amplify_custom_policies("amplify/backend/function/f/custom-policies.json"));
	assert_int_equal(iam_lint_skip_copy("amplify/#current-cloud-backend/tags.json", 0,
					    IAM_LINT_SKIP_SETTABLE),
			 IAM_LINT_SKIP_CURRENT_CLOUD);
	/* below the part that was named only */
	assert_int_equal(iam_lint_skip_copy("amplify/#current-cloud-backend/tags.json", 30,
					    IAM_LINT_SKIP_SETTABLE),
			 IAM_LINT_SKIP_NONE);
	assert_int_equal(iam_lint_skip_copy("amplify/#current-cloud-backend/tags.json", 0,
					    IAM_LINT_SKIP_SETTABLE & ~IAM_LINT_SKIP_COPIES),
			 IAM_LINT_SKIP_NONE);
	/* a build copy is one when its resource folder has the template */
	snprintf(p, sizeof(p), "%s/backend/awscloudformation/build/function/f/t.json", dir);
	assert_int_equal(iam_lint_skip_copy(p, 0, IAM_LINT_SKIP_SETTABLE), IAM_LINT_SKIP_NONE);
	snprintf(p, sizeof(p), "mkdir -p %s/backend/function/f && echo {} >%s/backend/function/f/t.json",
		 dir, dir);
	assert_int_equal(system(p), 0);
	snprintf(p, sizeof(p), "%s/backend/awscloudformation/build/function/f/t.json", dir);
	assert_int_equal(iam_lint_skip_copy(p, 0, IAM_LINT_SKIP_SETTABLE), IAM_LINT_SKIP_BUILD_COPY);
	snprintf(p, sizeof(p), "%s/xbackend/awscloudformation/build/function/f/t.json", dir);
	assert_int_equal(iam_lint_skip_copy(p, 0, IAM_LINT_SKIP_SETTABLE), IAM_LINT_SKIP_NONE);
	assert_true(iam_lint_yaml_name("auth/a-cloudformation-template.yml"));
	assert_true(iam_lint_yaml_name("t.yaml"));
	assert_false(iam_lint_yaml_name("t.json"));
	assert_int_equal(iam_lint_skip_parse("amplify-data"), IAM_LINT_SKIP_AMPLIFY_DATA);
	assert_int_equal(iam_lint_skip_parse("not-a-policy"), IAM_LINT_SKIP_NONE);
	assert_string_equal(iam_lint_skip_name(IAM_LINT_SKIP_BUILD_COPY), "amplify-build-copies");
	snprintf(p, sizeof(p), "rm -rf %s", dir);
	assert_int_equal(system(p), 0);
}

static void test_config_skip(void **state)
{
	char dir[] = "/tmp/iamgate-lint-XXXXXX", cfg[128];
	const struct iam_rules *tables[1] = { iam_lint_rule_table() };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_config *c;
	unsigned skip = 7;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cfg, sizeof(cfg), "%s/.iamgate.json", dir);
	/* no section, no config: the skip set is left as it is */
	assert_int_equal(iam_lint_skip_read(NULL, &skip, &err), 0);
	write_file(cfg, "{\"suppress\": []}");
	c = iam_config_load(cfg, tables, 1, &err);
	assert_non_null(c);
	assert_int_equal(iam_lint_skip_read(c, &skip, &err), 0);
	assert_int_equal(skip, 7);
	iam_config_free(c);
	write_file(cfg, "{\"skip\": [\"amplify-data\"]}");
	c = iam_config_load(cfg, tables, 1, &err);
	assert_non_null(c);
	assert_int_equal(iam_lint_skip_read(c, &skip, &err), 0);
	assert_int_equal(skip, 1u << IAM_LINT_SKIP_AMPLIFY_DATA);
	iam_config_free(c);
	write_file(cfg, "{\"skip\": []}");
	c = iam_config_load(cfg, tables, 1, &err);
	assert_int_equal(iam_lint_skip_read(c, &skip, &err), 0);
	assert_int_equal(skip, 0);
	iam_config_free(c);
	/* a name that is not settable, and a section that is no list: located */
	write_file(cfg, "{\"skip\": [\"amplify-data\",\n \"not-a-policy\"]}");
	c = iam_config_load(cfg, tables, 1, &err);
	assert_int_equal(iam_lint_skip_read(c, &skip, &err), -1);
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.path, "/skip/1");
	assert_int_equal(err.line, 2);
	iam_config_free(c);
	iam_error_clear(&err);
	write_file(cfg, "{\"skip\": \"amplify-data\"}");
	c = iam_config_load(cfg, tables, 1, &err);
	assert_int_equal(iam_lint_skip_read(c, &skip, &err), -1);
	assert_string_equal(err.path, "/skip");
	iam_config_free(c);
	unlink(cfg);
	rmdir(dir);
}

static void test_sarif_log(void **state)
{
	struct iam_diag d[2] = {
		{ IAM_SEV_SECURITY_WARNING, "PASS_ROLE_WITH_STAR_IN_RESOURCE", "dir/my role.json",
		  "/Statement/1/Action", 13, 18, "Deploy", 1, "m1", NULL, NULL, 0 },
		{ IAM_SEV_ERROR, "JSON_SYNTAX_ERROR", "bad.json", "", 0, 0, NULL, -1, "m2", NULL, NULL, 0 },
	};
	json_t *log = iam_sarif_log(iam_lint_rule_table(), d, 2, "1.2.3"), *run, *res, *rules, *rule;
	size_t ri;

	(void)state;
	assert_non_null(log);
	assert_string_equal(json_string_value(json_object_get(log, "version")), "2.1.0");
	run = json_array_get(json_object_get(log, "runs"), 0);
	rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	res = json_array_get(json_object_get(run, "results"), 0);
	assert_string_equal(json_string_value(json_object_get(res, "level")), "warning");
	ri = (size_t)json_integer_value(json_object_get(res, "ruleIndex"));
	rule = json_array_get(rules, ri);
	assert_string_equal(json_string_value(json_object_get(rule, "id")),
			    "PASS_ROLE_WITH_STAR_IN_RESOURCE");
	assert_string_equal(json_string_value(json_object_get(json_object_get(rule, "properties"),
							      "security-severity")), "7.5");
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
				    json_array_get(json_object_get(res, "locations"), 0),
				    "physicalLocation"), "artifactLocation"), "uri")),
			    "dir/my%20role.json");
	/* no line: no region (startLine must be at least 1) */
	res = json_array_get(json_object_get(run, "results"), 1);
	assert_null(json_object_get(json_object_get(json_array_get(json_object_get(res, "locations"), 0),
						    "physicalLocation"), "region"));
	json_decref(log);
}

static int setup(void **state)
{
	(void)state;
	L = iam_lint_new(NULL, 0);
	return L ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	iam_lint_free(L);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_sorted_and_findable),
		cmocka_unit_test(test_invalid_action_suggests),
		cmocka_unit_test(test_invalid_service_and_pattern),
		cmocka_unit_test(test_redundant_actions_grouped),
		cmocka_unit_test(test_redundant_resources),
		cmocka_unit_test(test_arn_format),
		cmocka_unit_test(test_arn_index_classifies),
		cmocka_unit_test(test_action_resource_mismatch),
		cmocka_unit_test(test_pass_role),
		cmocka_unit_test(test_create_slr),
		cmocka_unit_test(test_condition_types),
		cmocka_unit_test(test_condition_keys),
		cmocka_unit_test(test_condition_values),
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_tag_keys),
		cmocka_unit_test(test_unsupported_tag_key_agrees_with_engine),
		cmocka_unit_test(test_trust_policy),
		cmocka_unit_test(test_resource_policy),
		cmocka_unit_test(test_redundant_statement_and_size),
		cmocka_unit_test(test_legacy_scp),
		cmocka_unit_test(test_grammar_errors_do_not_stop_checks),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_template_unknowns_not_equal),
		cmocka_unit_test(test_template_reader_unknown_values),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_config_suppressions),
		cmocka_unit_test(test_amplify_custom_policies),
		cmocka_unit_test(test_skip_files),
		cmocka_unit_test(test_config_skip),
		cmocka_unit_test(test_places_redundant),
		cmocka_unit_test(test_places_sensitive),
		cmocka_unit_test(test_places_tag_key),
		cmocka_unit_test(test_sort_keeps_places),
		cmocka_unit_test(test_sarif_related_locations),
		cmocka_unit_test(test_sarif_log),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
