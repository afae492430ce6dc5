/* Unit tests: core/awsconfig (the AWS config and credentials files, read
 * as Python's configparser and botocore read them). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/awsconfig.h"

static struct iam_ini *parse(const char *text)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_ini *ini = iam_ini_parse("cfg", text, strlen(text), &err);

	assert_non_null(ini);
	return ini;
}

static const struct iam_ini_section *sec(const struct iam_ini *ini, const char *name)
{
	for (size_t i = 0; i < ini->nsections; i++)
		if (strcmp(ini->sections[i]->name, name) == 0)
			return ini->sections[i];
	return NULL;
}

static const char *val(const struct iam_ini *ini, const char *s, const char *k)
{
	const struct iam_ini_key *key = iam_ini_get(ini, sec(ini, s), k);

	return key ? key->value : NULL;
}

static void test_comments_and_delimiters(void **state)
{
	struct iam_ini *ini = parse("# comment\n; also\n[a]\nx = 1 # kept\n"
				    "  # indented comment\ny: 2\nz=a=b\nw  =  spaced  \n  more\n");

	(void)state;
	assert_int_equal(ini->state, IAM_INI_OK);
	assert_string_equal(val(ini, "a", "x"), "1 # kept");
	assert_string_equal(val(ini, "a", "y"), "2");
	assert_true(iam_ini_get(ini, sec(ini, "a"), "y")->colon);
	assert_string_equal(val(ini, "a", "z"), "a=b");
	assert_string_equal(val(ini, "a", "w"), "spaced\nmore");  /* indented: continues */
	assert_int_equal(iam_ini_get(ini, sec(ini, "a"), "w")->line, 8);
	iam_ini_free(ini);
}

static void test_keys_are_lowercased(void **state)
{
	struct iam_ini *ini = parse("[Sec]\nRole_ARN = x\n");

	(void)state;
	assert_null(sec(ini, "sec"));           /* section names keep their case */
	assert_string_equal(val(ini, "Sec", "role_arn"), "x");
	assert_true(iam_ini_get(ini, sec(ini, "Sec"), "role_arn")->folded);
	iam_ini_free(ini);
}

static void test_continuation_and_blank_lines(void **state)
{
	struct iam_ini *ini = parse("[a]\nx = one\n  two\n\n   three\ny = z\n\n\n");
	const struct iam_ini_key *k;

	(void)state;
	k = iam_ini_get(ini, sec(ini, "a"), "x");
	assert_string_equal(k->value, "one\ntwo\n\nthree");
	assert_int_equal(k->nlines, 4);
	assert_string_equal(val(ini, "a", "y"), "z");   /* trailing blanks stripped */
	iam_ini_free(ini);
}

static void test_nested_block(void **state)
{
	struct iam_ini *ini = parse("[a]\ns3 =\n  addressing_style = path\n"
				    "  Max_Concurrent = 20\nregion = r\n");
	const struct iam_ini_key *k = iam_ini_get(ini, sec(ini, "a"), "s3");

	(void)state;
	assert_true(k->nested);
	assert_int_equal(k->nsubs, 2);
	assert_string_equal(k->subs[0].name, "addressing_style");
	assert_string_equal(k->subs[1].name, "Max_Concurrent");  /* not lowercased */
	assert_string_equal(k->subs[1].value, "20");
	assert_int_equal(k->subs[1].line, 4);
	assert_string_equal(val(ini, "a", "region"), "r");
	iam_ini_free(ini);
}

static void test_errors_of_the_file(void **state)
{
	static const struct { const char *text; int line; } bad[] = {
		{ "[a]\n[b]\n[a]\n", 3 },               /* duplicate section */
		{ "[a]\nx = 1\nX = 2\n", 3 },           /* duplicate key, any case */
		{ "x = 1\n[a]\n", 1 },                  /* before any section */
		{ "[a]\nno delimiter\n", 2 },
		{ "[a]\ns3 =\n  nothing here\n", 3 },   /* nested, no '=' */
		{ "[a]\nx = \xff\n", 2 },               /* not UTF-8 */
		{ "\xef\xbb\xbf[a]\n", 1 },             /* a BOM is text to Python */
		{ "[a]\n= value\n", 2 },                /* no name */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct iam_ini *ini = parse(bad[i].text);

		assert_int_equal(ini->state, IAM_INI_BAD);
		assert_true(ini->nproblems >= 1);
		assert_int_equal(ini->problems[0].line, bad[i].line);
		iam_ini_free(ini);
	}
}

static void test_section_headers(void **state)
{
	struct iam_ini *ini = parse("[a] trailing\nx = 1\n[b]c]\ny = 2\n[DEFAULT]\nz = 3\n"
				    "[DEFAULT]\nw = 4\n");

	(void)state;
	assert_int_equal(ini->state, IAM_INI_OK);  /* [DEFAULT] twice is allowed */
	assert_string_equal(val(ini, "a", "x"), "1");
	assert_string_equal(val(ini, "b]c", "y"), "2");
	assert_int_equal(ini->nsections, 2);
	assert_string_equal(val(ini, "a", "z"), "3");     /* from [DEFAULT] */
	assert_string_equal(val(ini, "b]c", "w"), "4");
	iam_ini_free(ini);
}

static void test_line_ends(void **state)
{
	struct iam_ini *ini = parse("[a]\r\nx = 1\r\ny = 2\rz = 3");

	(void)state;
	assert_string_equal(val(ini, "a", "x"), "1");
	assert_string_equal(val(ini, "a", "y"), "2");
	assert_int_equal(iam_ini_get(ini, sec(ini, "a"), "z")->line, 4);
	iam_ini_free(ini);
}

static void test_shlex(void **state)
{
	struct iam_arena *a = iam_arena_new();
	char *w[3];

	(void)state;
	assert_int_equal(iam_shlex_split(a, "profile  dev", w, 3), 2);
	assert_string_equal(w[1], "dev");
	assert_int_equal(iam_shlex_split(a, "profile \"my team\"", w, 3), 2);
	assert_string_equal(w[1], "my team");
	assert_int_equal(iam_shlex_split(a, "profile dev\\.team", w, 3), 2);
	assert_string_equal(w[1], "dev.team");
	assert_int_equal(iam_shlex_split(a, "profile 'a\\b'", w, 3), 2);
	assert_string_equal(w[1], "a\\b");
	assert_int_equal(iam_shlex_split(a, "profile a b c d", w, 3), 5);
	assert_int_equal(iam_shlex_split(a, "profile \"open", w, 3), -1);
	assert_int_equal(iam_shlex_split(a, "profile x\\", w, 3), -1);
	assert_int_equal(iam_shlex_split(a, "profile \"\"", w, 3), 2);
	assert_string_equal(w[1], "");
	iam_arena_free(a);
}

static struct iam_awsconfig *both(const char *cfg, const char *cred)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_ini *a = iam_ini_parse("config", cfg, strlen(cfg), &err);
	struct iam_ini *b = iam_ini_parse("credentials", cred, strlen(cred), &err);
	struct iam_awsconfig *c = iam_awsconfig_new(a, b, &err);

	assert_non_null(c);
	return c;
}

static void test_profile_map(void **state)
{
	struct iam_awsconfig *c = both(
		"[default]\nregion = a\n[profile default]\nregion = b\n[profilex y]\n"
		"[profile a b c]\n[foo]\n[sso-session s]\nsso_region = r\n[services dev]\n"
		"[profile \"my team\"]\n[plugins]\n",
		"[profile z]\nk = v\n[default]\nregion = creds\n[only]\n");
	const struct iam_awsprofile *p;
	struct iam_awsval v;

	(void)state;
	p = iam_awsconfig_profile(c, "default");
	assert_non_null(p);
	iam_awsprofile_get_in(c, p, false, "region", &v);
	assert_string_equal(v.value, "b");              /* the later section, whole */
	iam_awsprofile_get(c, p, "region", &v);
	assert_string_equal(v.value, "creds");          /* credentials over config */
	assert_string_equal(v.file, "credentials");
	assert_int_equal(v.line, 4);
	assert_int_equal(c->secs[0].kind, IAM_AWSSEC_REPLACED);
	assert_non_null(iam_awsconfig_profile(c, "y"));
	assert_null(iam_awsconfig_profile(c, "a b c"));
	assert_int_equal(c->secs[3].kind, IAM_AWSSEC_DROPPED);
	assert_null(iam_awsconfig_profile(c, "foo"));
	assert_int_equal(c->secs[4].kind, IAM_AWSSEC_OTHER);
	assert_non_null(iam_awsconfig_sso(c, "s"));
	assert_int_equal(c->secs[6].kind, IAM_AWSSEC_SERVICES);
	assert_non_null(iam_awsconfig_profile(c, "my team"));
	assert_int_equal(c->secs[8].kind, IAM_AWSSEC_KNOWN);
	assert_non_null(iam_awsconfig_profile(c, "profile z"));   /* literal there */
	assert_null(iam_awsconfig_profile(c, "z"));
	/* the AWS CLI's list order: the config file's, then the credentials' */
	assert_int_equal(c->nprofiles, 5);
	assert_string_equal(c->profiles[0].name, "default");
	assert_string_equal(c->profiles[1].name, "y");
	assert_string_equal(c->profiles[2].name, "my team");
	assert_string_equal(c->profiles[3].name, "profile z");
	assert_string_equal(c->profiles[4].name, "only");
	iam_awsconfig_free(c);
}

static void test_many_sections_are_indexed(void **state)
{
	size_t n = 50000, len = 0;
	char *text = malloc(n * 40);
	struct iam_ini *ini;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, 40, "[profile p%zu]\nregion = r\n", i);
	ini = iam_ini_parse("big", text, len, &(struct iam_error)IAM_ERROR_INIT);
	assert_non_null(ini);
	assert_int_equal(ini->state, IAM_INI_OK);
	assert_int_equal(ini->nsections, n);
	iam_ini_free(ini);
	free(text);
}

static void test_secret_keys(void **state)
{
	(void)state;
	assert_true(iam_awskey_is_secret("aws_secret_access_key"));
	assert_true(iam_awskey_is_secret("aws_session_token"));
	assert_true(iam_awskey_is_secret("aws_security_token"));
	assert_false(iam_awskey_is_secret("aws_access_key_id"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comments_and_delimiters),
		cmocka_unit_test(test_keys_are_lowercased),
		cmocka_unit_test(test_continuation_and_blank_lines),
		cmocka_unit_test(test_nested_block),
		cmocka_unit_test(test_errors_of_the_file),
		cmocka_unit_test(test_section_headers),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_shlex),
		cmocka_unit_test(test_profile_map),
		cmocka_unit_test(test_many_sections_are_indexed),
		cmocka_unit_test(test_secret_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
