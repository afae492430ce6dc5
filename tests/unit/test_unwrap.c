/* Unit tests: core/unwrap (AWS CLI and API output around a policy) and the
 * loader's byte-order mark and UTF-16 handling. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/json.h"
#include "core/unwrap.h"

#define POLICY "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"
/* the same, as the text of a JSON string, and URL-encoded */
#define POLICY_STR "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"*\\\"}]}"
#define POLICY_URL "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"

static void load(struct iam_json_doc *doc, const char *text)
{
	struct iam_error err = IAM_ERROR_INIT;

	assert_int_equal(iam_json_load_buffer(doc, "t.json", text, strlen(text),
					      &err), 0);
}

/* Unwrap text and check that the result is the test policy. */
static void expect_unwrapped(const char *text, const char *wrapper,
			     const char *pointer, bool in_string,
			     enum iam_policy_type type)
{
	struct iam_json_doc doc;
	struct iam_unwrapped u;
	struct iam_error err = IAM_ERROR_INIT;
	json_t *want = json_loads(POLICY, 0, NULL);

	load(&doc, text);
	assert_int_equal(iam_unwrap(&doc, NULL, NULL, &u, &err), 0);
	assert_string_equal(u.wrapper, wrapper);
	assert_string_equal(u.pointer, pointer);
	assert_int_equal(u.in_string, in_string);
	assert_int_equal(u.type, type);
	assert_true(json_equal(u.node, want));
	if (in_string) {
		int line, col;

		assert_ptr_equal(u.doc, &u.inner);
		assert_string_equal(u.base, "");
		/* every element of the string's policy is at the member */
		iam_json_locate(u.doc, "/Statement/0/Action", &line, &col);
		assert_int_equal(line, 2);
		assert_int_equal(col, 3);
	} else {
		assert_ptr_equal(u.doc, &doc);
		assert_string_equal(u.base, pointer);
	}
	json_decref(want);
	iam_unwrapped_release(&u);
	iam_json_doc_release(&doc);
}

static void test_object_wrappers(void **state)
{
	(void)state;
	expect_unwrapped("{\"PolicyVersion\":{\"Document\":" POLICY ",\"VersionId\":\"v1\","
			 "\"IsDefaultVersion\":true,\"CreateDate\":\"2024-01-01T00:00:00Z\"}}",
			 "aws iam get-policy-version output", "/PolicyVersion/Document",
			 false, IAM_POLICY_AUTO);
	expect_unwrapped("{\"RoleName\":\"r\",\"PolicyName\":\"p\",\"PolicyDocument\":" POLICY "}",
			 "aws iam get-role-policy output", "/PolicyDocument", false,
			 IAM_POLICY_AUTO);
	expect_unwrapped("{\"UserName\":\"u\",\"PolicyName\":\"p\",\"PolicyDocument\":" POLICY "}",
			 "aws iam get-user-policy output", "/PolicyDocument", false,
			 IAM_POLICY_AUTO);
	expect_unwrapped("{\"GroupName\":\"g\",\"PolicyName\":\"p\",\"PolicyDocument\":" POLICY "}",
			 "aws iam get-group-policy output", "/PolicyDocument", false,
			 IAM_POLICY_AUTO);
	expect_unwrapped("{\"Role\":{\"RoleName\":\"r\",\"Arn\":\"arn:aws:iam::111122223333:role/r\","
			 "\"AssumeRolePolicyDocument\":" POLICY "}}",
			 "aws iam get-role output", "/Role/AssumeRolePolicyDocument",
			 false, IAM_POLICY_TRUST);
}

static void test_string_wrappers(void **state)
{
	(void)state;
	expect_unwrapped("{\n  \"Policy\": \"" POLICY_STR "\"\n}",
			 "aws s3api get-bucket-policy or kms get-key-policy output",
			 "/Policy", true, IAM_POLICY_AUTO);
	expect_unwrapped("{\n  \"Policy\": \"" POLICY_STR "\",\n  \"PolicyName\": \"default\"\n}",
			 "aws kms get-key-policy output", "/Policy", true, IAM_POLICY_AUTO);
	expect_unwrapped("{\n  \"Policy\": \"" POLICY_STR "\",\n  \"RevisionId\": \"x\"\n}",
			 "aws lambda get-policy output", "/Policy", true, IAM_POLICY_AUTO);
	expect_unwrapped("{\"Attributes\":\n {\"Policy\": \"" POLICY_STR "\", \"QueueArn\": \"q\"}}",
			 "aws sqs get-queue-attributes or sns get-topic-attributes output",
			 "/Attributes/Policy", true, IAM_POLICY_AUTO);
	expect_unwrapped("{\"ARN\":\"a\",\"Name\":\"n\",\n  \"ResourcePolicy\": \"" POLICY_STR "\"}",
			 "aws secretsmanager get-resource-policy output", "/ResourcePolicy",
			 true, IAM_POLICY_AUTO);
	expect_unwrapped("{\"registryId\":\"1\",\"repositoryName\":\"r\",\n  \"policyText\": \"" POLICY_STR "\"}",
			 "aws ecr get-repository-policy output", "/policyText", true,
			 IAM_POLICY_AUTO);
	expect_unwrapped("{\"Policy\":{\"PolicySummary\":{\"Id\":\"p-1\"},\n  \"Content\": \"" POLICY_STR "\"}}",
			 "aws organizations describe-policy output", "/Policy/Content",
			 true, IAM_POLICY_AUTO);
}

static void test_url_encoded(void **state)
{
	(void)state;
	expect_unwrapped("{\"PolicyVersion\":\n {\"Document\": \"" POLICY_URL "\"}}",
			 "aws iam get-policy-version output, URL-encoded",
			 "/PolicyVersion/Document", true, IAM_POLICY_AUTO);
	expect_unwrapped("{\"Role\":\n {\"AssumeRolePolicyDocument\": \"" POLICY_URL "\"}}",
			 "aws iam get-role output, URL-encoded",
			 "/Role/AssumeRolePolicyDocument", true, IAM_POLICY_TRUST);
}

/* Plain policies and other documents are never taken for wrappers. */
static void test_not_wrappers(void **state)
{
	static const char *const texts[] = {
		POLICY,
		/* a Statement beside a wrapper's member */
		"{\"Policy\":\"x\",\"Statement\":[]}",
		/* a member no output has */
		"{\"PolicyVersion\":{\"Document\":" POLICY "},\"Extra\":1}",
		/* PolicyDocument without the entity's name */
		"{\"PolicyName\":\"p\",\"PolicyDocument\":" POLICY "}",
		"{}",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct iam_json_doc doc;
		struct iam_unwrapped u;
		struct iam_error err = IAM_ERROR_INIT;

		load(&doc, texts[i]);
		assert_null(iam_unwrap_kind(doc.root));
		assert_int_equal(iam_unwrap(&doc, NULL, NULL, &u, &err), 0);
		assert_string_equal(u.wrapper, "");
		assert_ptr_equal(u.node, doc.root);
		assert_ptr_equal(u.doc, &doc);
		iam_unwrapped_release(&u);
		iam_json_doc_release(&doc);
	}
}

static void expect_error(const char *text, const char *path, int line, int col,
			 const char *msg_part)
{
	struct iam_json_doc doc;
	struct iam_unwrapped u;
	struct iam_error err = IAM_ERROR_INIT;

	load(&doc, text);
	assert_non_null(iam_unwrap_kind(doc.root));
	assert_int_equal(iam_unwrap(&doc, NULL, NULL, &u, &err), -1);
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.path, path);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
	if (!strstr(err.text, msg_part))
		fail_msg("'%s' does not say '%s'", err.text, msg_part);
	iam_unwrapped_release(&u);
	iam_json_doc_release(&doc);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_error("{\"PolicyVersion\":\n {\"VersionId\":\"v1\"}}", "/PolicyVersion/Document",
		     1, 2, "has no /PolicyVersion/Document");
	expect_error("{\"PolicyVersion\": 3}", "/PolicyVersion", 1, 2,
		     "must be an object, not number");
	expect_error("{\"RoleName\":\"r\",\"PolicyDocument\": [1]}", "/PolicyDocument",
		     1, 17, "must be the policy");
	expect_error("{\"Policy\": \"{\\\"Version\\\": \"}", "/Policy", 1, 2,
		     "is not JSON");
	expect_error("{\"Policy\": \"%7B%2\"}", "/Policy", 1, 2,
		     "'%' at character 4 is not followed by two hex digits");
	expect_error("{\"Policy\": {\"PolicySummary\": {}}}", "/Policy/Content", 1, 2,
		     "has no /Policy/Content");
}

static void test_string_document(void **state)
{
	(void)state;
	expect_unwrapped("\n  \"" POLICY_STR "\"", "a JSON string", "", true,
			 IAM_POLICY_AUTO);
}

static void test_bom_skipped(void **state)
{
	struct iam_json_doc doc;
	int line, col;

	(void)state;
	load(&doc, "\xEF\xBB\xBF{\n \"Version\": \"2012-10-17\"}");
	assert_true(doc.bom);
	assert_int_equal(doc.text[0], '{');
	assert_int_equal(iam_json_locate(&doc, "/Version", &line, &col), 0);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	iam_json_doc_release(&doc);
	load(&doc, "{}");
	assert_false(doc.bom);
	iam_json_doc_release(&doc);
}

static void test_utf16_refused(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *order;
	} cases[] = {
		{ "\xFF\xFE{\0}\0", 6, "little-endian" },
		{ "\xFE\xFF\0{\0}", 6, "big-endian" },
		{ "{\0}\0", 4, "little-endian" },
		{ "\0{\0}", 4, "big-endian" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iam_json_doc doc;
		struct iam_error err = IAM_ERROR_INIT;
		char want[96];

		assert_int_equal(iam_json_load_buffer(&doc, "w.json", cases[i].bytes,
						      cases[i].len, &err), -1);
		assert_int_equal(err.code, IAM_ERR_JSON);
		snprintf(want, sizeof(want), "the file is UTF-16 (%s): save it as UTF-8",
			 cases[i].order);
		assert_string_equal(err.text, want);
		iam_json_doc_release(&doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_object_wrappers),
		cmocka_unit_test(test_string_wrappers),
		cmocka_unit_test(test_url_encoded),
		cmocka_unit_test(test_not_wrappers),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_string_document),
		cmocka_unit_test(test_bom_skipped),
		cmocka_unit_test(test_utf16_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
