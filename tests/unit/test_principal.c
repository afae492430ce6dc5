/* Unit tests: principals taken apart (core/principal.h), copied, and the
 * context keys derived from them. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/authz.h"
#include "core/context.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"
#include "core/principal.h"

static void test_principal_parse(void **state)
{
	struct iam_principal p;
	(void)state;
	assert_int_equal(iam_principal_parse("arn:aws:sts::111122223333:assumed-role/Dev/alice", &p), 0);
	assert_int_equal(p.type, IAM_PT_ASSUMED_ROLE);
	assert_string_equal(iam_principal_partition(&p), "aws");
	assert_string_equal(iam_principal_account(&p), "111122223333");
	assert_int_equal(p.account.len, 12);
	assert_string_equal(iam_principal_name(&p), "Dev");
	assert_string_equal(iam_principal_session(&p), "alice");
	assert_string_equal(p.role_arn, "arn:aws:iam::111122223333:role/Dev");
	assert_int_equal(iam_principal_parse("arn:aws:iam::111122223333:user/path/bob", &p), 0);
	assert_int_equal(p.type, IAM_PT_USER);
	assert_string_equal(iam_principal_name(&p), "bob");
	assert_string_equal(iam_principal_session(&p), "");
	assert_int_equal(iam_principal_parse("111122223333", &p), 0);
	assert_int_equal(p.type, IAM_PT_ROOT);
	assert_string_equal(iam_principal_account(&p), "111122223333");
	assert_string_equal(iam_principal_partition(&p), "aws");
	assert_int_equal(p.partition.len, 3);
	assert_int_equal(iam_principal_parse("lambda.amazonaws.com", &p), 0);
	assert_int_equal(p.type, IAM_PT_SERVICE);
	assert_string_equal(p.arn, "lambda.amazonaws.com");
	assert_string_equal(iam_principal_account(&p), "");
	assert_int_equal(iam_principal_parse("cognito-identity.amazonaws.com", &p), 0);
	assert_int_equal(p.type, IAM_PT_FEDERATED);
	assert_int_equal(iam_principal_parse("arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX", &p), 0);
	assert_true(p.service_linked);
	assert_int_equal(iam_principal_parse("bob", &p), -1);
	assert_int_equal(iam_principal_parse("arn:aws:iam::notanaccount:user/x", &p), -1);
	assert_int_equal(iam_principal_parse(NULL, &p), 0);
	assert_int_equal(p.type, IAM_PT_NONE);
}

/* At most IAM_PRINCIPAL_MAX characters are taken apart. */
static void test_principal_longest(void **state)
{
	char s[IAM_PRINCIPAL_MAX + 2];
	struct iam_principal p;
	const char *prefix = "arn:aws:iam::111122223333:user/";
	size_t n = strlen(prefix);
	(void)state;
	memcpy(s, prefix, n);
	memset(s + n, 'u', sizeof(s) - n - 1);
	s[IAM_PRINCIPAL_MAX] = '\0';
	assert_int_equal(iam_principal_parse(s, &p), 0);
	assert_int_equal(p.name.len, IAM_PRINCIPAL_MAX - n);
	s[IAM_PRINCIPAL_MAX] = 'u';
	s[IAM_PRINCIPAL_MAX + 1] = '\0';
	assert_int_equal(iam_principal_parse(s, &p), -1);
}

/* A principal is a plain value: a copy reads the same after the original
 * is overwritten, and decides as the original. */
static void test_principal_copy(void **state)
{
	static const char *const text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Role\",\"Effect\":\"Allow\","
		"\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/Dev\"},"
		"\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}";
	const char *arn = "arn:aws:sts::111122223333:assumed-role/Dev/alice";
	struct iam_principal *orig = malloc(sizeof(*orig)), copy, *moved;
	struct iam_json_doc doc;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *rp;
	struct iam_policy_set set = { 0 };
	struct iam_request req = { arn, "s3:GetObject", "arn:aws:s3:::b/k", NULL, NULL, NULL };
	struct iam_result res;
	(void)state;
	assert_non_null(orig);
	assert_int_equal(iam_principal_parse(arn, orig), 0);
	copy = *orig;
	memset(orig, 0x5a, sizeof(*orig));
	free(orig);
	assert_int_equal(copy.type, IAM_PT_ASSUMED_ROLE);
	assert_string_equal(iam_principal_account(&copy), "111122223333");
	assert_string_equal(iam_principal_name(&copy), "Dev");
	assert_string_equal(iam_principal_session(&copy), "alice");
	/* moved by realloc, as an array of batch items may be */
	moved = malloc(sizeof(*moved));
	assert_non_null(moved);
	memcpy(moved, &copy, sizeof(copy));
	memset(&copy, 0, sizeof(copy));
	assert_string_equal(iam_principal_partition(moved), "aws");
	assert_string_equal(iam_principal_name(moved), "Dev");

	/* the moved principal, given as the parsed caller, is matched as the
	 * role behind the session (iam-semantics.md §3 row 2) */
	assert_int_equal(iam_json_load_buffer(&doc, "t", text, strlen(text), &err), 0);
	rp = iam_policy_parse(&doc, NULL, "", IAM_POLICY_RESOURCE, 0, NULL, &err);
	iam_json_doc_release(&doc);
	assert_non_null(rp);
	set.resource = rp;
	req.parsed = moved;
	assert_int_equal(iam_authorize(&set, &req, 0, &res, &err), 0);
	assert_int_equal(res.decision, IAM_DECISION_ALLOWED);
	assert_int_equal(res.decided_by, IAM_LAYER_RESOURCE);
	assert_string_equal(res.reason, "the resource-based policy allows the role");
	iam_policy_free(rp);
	free(moved);
}

static void test_derived_context(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	(void)state;
	iam_context_add(&ctx, "aws:PrincipalAccount", "999999999999");
	assert_int_equal(iam_context_derive(&ctx, "arn:aws:iam::111122223333:user/bob"), 0);
	assert_string_equal(iam_context_find(&ctx, "aws:username")->values[0], "bob");
	assert_string_equal(iam_context_find(&ctx, "aws:principaltype")->values[0], "User");
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalArn")->values[0], "arn:aws:iam::111122223333:user/bob");
	/* what the request supplies wins */
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalAccount")->values[0], "999999999999");
	iam_context_release(&ctx);
	assert_int_equal(iam_context_derive(&ctx, "arn:aws:sts::111122223333:assumed-role/Dev/s"), 0);
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalArn")->values[0], "arn:aws:iam::111122223333:role/Dev");
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalType")->values[0], "AssumedRole");
	assert_null(iam_context_find(&ctx, "aws:username"));
	iam_context_release(&ctx);
	/* a bare account ID: the root user of the aws partition */
	assert_int_equal(iam_context_derive(&ctx, "111122223333"), 0);
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalArn")->values[0], "arn:aws:iam::111122223333:root");
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalType")->values[0], "Account");
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalIsAWSService")->values[0], "false");
	iam_context_release(&ctx);
	assert_int_equal(iam_context_derive(&ctx, "s3.amazonaws.com"), 0);
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalServiceName")->values[0], "s3.amazonaws.com");
	assert_string_equal(iam_context_find(&ctx, "aws:PrincipalIsAWSService")->values[0], "true");
	assert_null(iam_context_find(&ctx, "aws:PrincipalType"));
	iam_context_release(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_principal_parse),
		cmocka_unit_test(test_principal_longest),
		cmocka_unit_test(test_principal_copy),
		cmocka_unit_test(test_derived_context),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
