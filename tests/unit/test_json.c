/* Unit tests: iam_json (loading, positions, JSON Pointers). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/json.h"

static const char doc_text[] =
	"{\n"
	"  \"Version\": \"2012-10-17\",\n"
	"  \"Statement\": [\n"
	"    {\"Effect\": \"Allow\", \"Action\": [\"s3:Get*\", \"s3:List*\"]},\n"
	"    {\n"
	"      \"Effect\": \"Deny\",\n"
	"      \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/a~b\": \"x\"}}\n"
	"    }\n"
	"  ],\n"
	"  \"k\\u00e9y\": 1\n"
	"}\n";

static void load(struct iam_json_doc *doc)
{
	struct iam_error err = IAM_ERROR_INIT;

	assert_int_equal(iam_json_load_buffer(doc, "t.json", doc_text,
					      strlen(doc_text), &err), 0);
}

static void expect_at(struct iam_json_doc *doc, const char *ptr, int line, int col)
{
	int l, c;

	assert_int_equal(iam_json_locate(doc, ptr, &l, &c), 0);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
}

static void test_locate_members_and_elements(void **state)
{
	struct iam_json_doc doc;
	(void)state;
	load(&doc);
	expect_at(&doc, "", 1, 1);
	expect_at(&doc, "/Version", 2, 3);
	expect_at(&doc, "/Statement", 3, 3);
	expect_at(&doc, "/Statement/0", 4, 5);
	expect_at(&doc, "/Statement/0/Action", 4, 25);
	expect_at(&doc, "/Statement/0/Action/1", 4, 47);
	expect_at(&doc, "/Statement/1", 5, 5);
	expect_at(&doc, "/Statement/1/Effect", 6, 7);
	iam_json_doc_release(&doc);
}

static void test_locate_escaped_pointer_and_key(void **state)
{
	struct iam_json_doc doc;
	(void)state;
	load(&doc);
	/* '/' in a key is ~1 and '~' is ~0 in a JSON Pointer */
	expect_at(&doc, "/Statement/1/Condition/StringEquals/aws:PrincipalTag~1a~0b", 7, 38);
	/* keys with \u escapes compare decoded */
	expect_at(&doc, "/k\xc3\xa9y", 10, 3);
	iam_json_doc_release(&doc);
}

static void test_locate_missing_gives_nearest(void **state)
{
	struct iam_json_doc doc;
	int l, c;
	(void)state;
	load(&doc);
	assert_int_equal(iam_json_locate(&doc, "/Statement/7", &l, &c), -1);
	assert_int_equal(l, 3);
	assert_int_equal(iam_json_locate(&doc, "/Nope", &l, &c), -1);
	iam_json_doc_release(&doc);
}

static void test_syntax_error_has_position(void **state)
{
	struct iam_json_doc doc;
	struct iam_error err = IAM_ERROR_INIT;
	(void)state;
	assert_int_equal(iam_json_load_buffer(&doc, "bad.json", "{\n \"a\": [1,\n}", 13, &err), -1);
	assert_int_equal(err.code, IAM_ERR_JSON);
	assert_string_equal(err.source, "bad.json");
	assert_int_equal(err.line, 3);
	iam_json_doc_release(&doc);
}

static void test_duplicate_keys_rejected(void **state)
{
	struct iam_json_doc doc;
	struct iam_error err = IAM_ERROR_INIT;
	const char *t = "{\"a\": 1, \"a\": 2}";
	(void)state;
	assert_int_equal(iam_json_load_buffer(&doc, "d.json", t, strlen(t), &err), -1);
	assert_int_equal(err.code, IAM_ERR_JSON);
	assert_non_null(strstr(err.text, "duplicate"));
	iam_json_doc_release(&doc);
}

static void test_missing_file(void **state)
{
	struct iam_json_doc doc;
	struct iam_error err = IAM_ERROR_INIT;
	(void)state;
	assert_int_equal(iam_json_load_file(&doc, "/nonexistent/x.json", &err), -1);
	assert_int_equal(err.code, IAM_ERR_IO);
	assert_string_equal(err.source, "/nonexistent/x.json");
	iam_json_doc_release(&doc);
}

static void test_jptr_push_escapes(void **state)
{
	char buf[64] = "/Condition";
	(void)state;
	assert_int_equal(iam_jptr_push(buf, sizeof(buf), "a/b~c"), 0);
	assert_string_equal(buf, "/Condition/a~1b~0c");
	assert_int_equal(iam_jptr_push_index(buf, sizeof(buf), 12), 0);
	assert_string_equal(buf, "/Condition/a~1b~0c/12");
	assert_int_equal(iam_jptr_push(buf, 24, "toolongtoken"), -1);
}

static void test_first_error_wins(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	(void)state;
	assert_int_equal(iam_error_set(&err, IAM_ERR_SCHEMA, "/a", "first %d", 1), -1);
	iam_error_set(&err, IAM_ERR_IO, "/b", "second");
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.text, "first 1");
	assert_string_equal(err.path, "/a");
	assert_int_equal(iam_error_set(NULL, IAM_ERR_IO, NULL, "x"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locate_members_and_elements),
		cmocka_unit_test(test_locate_escaped_pointer_and_key),
		cmocka_unit_test(test_locate_missing_gives_nearest),
		cmocka_unit_test(test_syntax_error_has_position),
		cmocka_unit_test(test_duplicate_keys_rejected),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_jptr_push_escapes),
		cmocka_unit_test(test_first_error_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
