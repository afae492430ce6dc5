/* Unit tests: the account fetch's pure parts: an IAM answer's XML read
 * into the JSON the AWS CLI prints (tests/unit/data/live/gaad-page.xml, a
 * GetAccountAuthorizationDetails page in IAM's form; gaad-page.json, what
 * botocore's parser and the AWS CLI's document decoding make of it), the
 * documents decoded, a document that is not JSON named by its entity, and
 * the strict URL decoding. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/error.h"
#include "live/fetch_impl.h"
#include "live/xml.h"

static char *slurp(const char *rel, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096], *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s", top && *top ? top : ".", rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The page's Result element as JSON, documents still encoded. */
static json_t *page_json(const char *xml, size_t len)
{
	struct iam_error err = IAM_ERROR_INIT;
	xmlDoc *doc = iam_xml_parse("gaad-page.xml", xml, len, &err);
	json_t *j;

	assert_non_null(doc);
	j = iam_xml_json(iam_xml_child(xmlDocGetRootElement(doc),
				       "GetAccountAuthorizationDetailsResult"));
	xmlFreeDoc(doc);
	assert_non_null(j);
	return j;
}

static void test_page(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	size_t len, jlen;
	char *xml = slurp("tests/unit/data/live/gaad-page.xml", &len);
	char *want_text = slurp("tests/unit/data/live/gaad-page.json", &jlen);
	json_t *want = json_loads(want_text, 0, NULL), *got = page_json(xml, len);

	(void)state;
	assert_non_null(want);
	assert_true(json_is_string(json_object_get(
		json_array_get(json_object_get(got, "RoleDetailList"), 0),
		"AssumeRolePolicyDocument")));
	assert_int_equal(iam_docs_decode(got, "iam:GetAccountAuthorizationDetails", "test", &err), 0);
	if (!json_equal(got, want)) {
		char *s = json_dumps(got, JSON_INDENT(2));

		fail_msg("the page's JSON differs from botocore's:\n%s", s);
	}
	json_decref(got);
	json_decref(want);
	free(xml);
	free(want_text);
}

/* The converted page (without IsTruncated and Marker) loads as a
 * snapshot, carol's inline policy and the role's trust policy compiled. */
static void test_page_loads(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	size_t len;
	char *xml = slurp("tests/unit/data/live/gaad-page.xml", &len), *text;
	json_t *got = page_json(xml, len);
	struct iam_accounts *A = iam_accounts_new();
	const struct iam_entity *e;

	(void)state;
	assert_int_equal(iam_docs_decode(got, "iam:x", "test", &err), 0);
	json_object_del(got, "IsTruncated");
	json_object_del(got, "Marker");
	text = json_dumps(got, JSON_INDENT(4));
	if (iam_accounts_load_buffer(A, "fetched", text, strlen(text), &err) < 0 ||
	    iam_accounts_finish(A, &err) < 0)
		fail_msg("%s:%d: %s", err.source, err.line, err.text);
	e = iam_accounts_find(A, "arn:aws:iam::111122223333:user/carol");
	assert_non_null(e);
	assert_int_equal(e->ninline, 1);
	assert_int_equal(e->ngroups, 1);
	assert_non_null(e->boundary);
	e = iam_accounts_find(A, "arn:aws:iam::111122223333:role/worker");
	assert_non_null(e);
	assert_non_null(e->trust);
	iam_accounts_free(A);
	free(text);
	json_decref(got);
	free(xml);
}

static void test_bad_document(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	json_t *v = json_pack("{s[{ss s[{ss ss}]}]}", "UserDetailList", "Arn",
			      "arn:aws:iam::1:user/dave", "UserPolicyList", "PolicyName", "p1",
			      "PolicyDocument", "%7Bnot%20json");

	(void)state;
	assert_int_equal(iam_docs_decode(v, "iam:GetAccountAuthorizationDetails", "x", &err), -1);
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_non_null(strstr(err.text, "iam:GetAccountAuthorizationDetails"));
	assert_non_null(strstr(err.text, "policy p1 of arn:aws:iam::1:user/dave"));
	json_decref(v);

	err = (struct iam_error)IAM_ERROR_INIT;
	v = json_pack("{ss ss}", "Arn", "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument",
		      "%7B%ZZ%7D");
	assert_int_equal(iam_docs_decode(v, "iam:GetRole", "x", &err), -1);
	assert_non_null(strstr(err.text, "AssumeRolePolicyDocument of arn:aws:iam::1:role/r"));
	assert_non_null(strstr(err.text, "not URL-encoded"));
	json_decref(v);

	err = (struct iam_error)IAM_ERROR_INIT;
	v = json_pack("{ss ss}", "Arn", "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument",
		      "%5B1%5D");
	assert_int_equal(iam_docs_decode(v, "iam:GetRole", "x", &err), -1);
	assert_non_null(strstr(err.text, "not a JSON object"));
	json_decref(v);
}

static void test_url_decode(void **state)
{
	char *s;

	(void)state;
	s = iam_url_decode("a%20b%2Fc+d%7e");
	assert_string_equal(s, "a b/c+d~");
	free(s);
	assert_null(iam_url_decode("%2"));
	assert_null(iam_url_decode("%G0"));
	assert_null(iam_url_decode("a%00b"));
	s = iam_url_decode("");
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_page_loads),
		cmocka_unit_test(test_bad_document),
		cmocka_unit_test(test_url_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
