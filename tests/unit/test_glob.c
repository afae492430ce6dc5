/* Unit tests: iam_glob (wildcard matching). */
#include "config.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/glob.h"

static int m(const char *pat, const char *s, unsigned flags)
{
	int r = iam_glob_match_once(pat, s, flags);

	assert_true(r >= 0);
	return r;
}

static void test_literal_and_star(void **state)
{
	(void)state;
	assert_true(m("s3:GetObject", "s3:GetObject", 0));
	assert_false(m("s3:GetObject", "s3:GetObjects", 0));
	assert_true(m("s3:Get*", "s3:Get", 0));
	assert_true(m("s3:Get*", "s3:GetObjectAcl", 0));
	assert_false(m("s3:Get*", "s3:PutObject", 0));
	assert_true(m("*", "", 0));
	assert_true(m("*", "anything:at/all", 0));
	assert_true(m("", "", 0));
	assert_false(m("", "x", 0));
}

static void test_question_mark_is_one_char(void **state)
{
	(void)state;
	assert_true(m("s3:?etObject", "s3:GetObject", 0));
	assert_false(m("s3:?etObject", "s3:etObject", 0));
	assert_false(m("s3:??etObject", "s3:GetObject", 0));
	assert_true(m("a?c*", "abcdef", 0));
}

static void test_actions_case_insensitive(void **state)
{
	(void)state;
	assert_true(m("S3:getobject", "s3:GetObject", IAM_GLOB_ICASE));
	assert_true(m("s3:get*", "S3:GETOBJECT", IAM_GLOB_ICASE));
	assert_true(m("iam:*Role*", "IAM:PassROLE", IAM_GLOB_ICASE));
	assert_false(m("S3:getobject", "s3:GetObject", 0));
}

static void test_middle_stars(void **state)
{
	(void)state;
	assert_true(m("a*b*c", "abc", 0));
	assert_true(m("a*b*c", "aXXbYYc", 0));
	assert_false(m("a*b*c", "aXXbYY", 0));
	assert_true(m("*Object*", "s3:GetObjectAcl", 0));
	assert_true(m("**a", "xa", 0));
}

static void test_no_exponential_backtracking(void **state)
{
	/* a pattern that sends a backtracking matcher exponential; the
	 * answer must still be right (its time is measured in bench/) */
	char text[4097];
	(void)state;
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	assert_false(m("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text, 0));
	text[sizeof(text) - 2] = 'b';
	assert_true(m("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text, 0));
}

static void test_long_patterns_use_many_words(void **state)
{
	/* more than 64 tokens: the multi-word automaton */
	char pat[300], text[300];
	(void)state;
	for (int i = 0; i < 100; i++) {
		pat[2 * i] = 'x';
		pat[2 * i + 1] = '*';
	}
	pat[200] = 'y';
	pat[201] = '\0';
	memset(text, 'x', 250);
	text[250] = 'y';
	text[251] = '\0';
	assert_true(m(pat, text, 0));
	text[250] = 'z';
	assert_false(m(pat, text, 0));
	memset(text, 'x', 99);
	text[99] = 'y';
	text[100] = '\0';
	assert_false(m(pat, text, 0));  /* needs 100 x's */
}

static void test_resource_star_crosses_slash(void **state)
{
	(void)state;
	assert_true(m("arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b//test/x", IAM_GLOB_RESOURCE));
	assert_false(m("arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/test/x", IAM_GLOB_RESOURCE));
	assert_true(m("arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", IAM_GLOB_RESOURCE));
}

static void test_resource_case_sensitive(void **state)
{
	(void)state;
	assert_false(m("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/k", IAM_GLOB_RESOURCE));
	assert_true(m("arn:aws:iam::1:user/Bob", "arn:aws:iam::1:user/Bob", IAM_GLOB_RESOURCE));
	assert_false(m("arn:aws:iam::1:user/Bob", "arn:aws:iam::1:user/bob", IAM_GLOB_RESOURCE));
}

static void test_field_final_star_crosses_colon(void **state)
{
	(void)state;
	assert_true(m("arn:aws:ec2:us-east-1:*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", IAM_GLOB_RESOURCE));
	assert_true(m("arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", IAM_GLOB_RESOURCE));
	/* a '*' inside a field does not cross ':' */
	assert_false(m("arn:aws:ec2:us-*1:123:instance/x", "arn:aws:ec2:us-east-1:9:1:123:instance/x", IAM_GLOB_RESOURCE));
	assert_true(m("arn:aws:ec2:us-*-1:123:instance/x", "arn:aws:ec2:us-east-1:123:instance/x", IAM_GLOB_RESOURCE));
	/* '?' in a field never matches ':' */
	assert_false(m("arn:aws:ec2:us-east-1?123:instance/x", "arn:aws:ec2:us-east-1:123:instance/x", IAM_GLOB_RESOURCE));
	/* the resource field keeps its colons */
	assert_true(m("arn:aws:logs:us-east-1:1:log-group:g:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", IAM_GLOB_RESOURCE));
}

static void test_no_wildcard_in_service_field(void **state)
{
	(void)state;
	assert_false(m("arn:aws:s*:::b", "arn:aws:s3:::b", IAM_GLOB_RESOURCE));
	assert_false(m("arn:aws:*:::b", "arn:aws:s3:::b", IAM_GLOB_RESOURCE));
	assert_true(m("*", "arn:aws:s3:::b", IAM_GLOB_RESOURCE));
	/* Arn* conditions allow wildcards in every field */
	assert_true(m("arn:aws:s*:::b", "arn:aws:s3:::b", IAM_GLOB_ARNCOND));
}

static void test_arn_condition_fields_separate(void **state)
{
	(void)state;
	assert_false(m("arn:aws:iam::*", "arn:aws:iam::123:role/x", IAM_GLOB_ARNCOND));
	assert_true(m("arn:aws:iam::*:role/*", "arn:aws:iam::123:role/x", IAM_GLOB_ARNCOND));
	assert_false(m("arn:aws:iam::*:role/*", "arn:aws:iam::1:2:role/x", IAM_GLOB_ARNCOND));
	assert_true(m("arn:aws:sns:*:*:topic:*", "arn:aws:sns:us-east-1:1:topic:a:b", IAM_GLOB_ARNCOND));
}

static void test_escaped_literals(void **state)
{
	(void)state;
	assert_true(m("arn:aws:s3:::b/\\*", "arn:aws:s3:::b/*", IAM_GLOB_RESOURCE | IAM_GLOB_ESCAPED));
	assert_false(m("arn:aws:s3:::b/\\*", "arn:aws:s3:::b/x", IAM_GLOB_RESOURCE | IAM_GLOB_ESCAPED));
	assert_true(m("a\\?b*", "a?bcd", IAM_GLOB_ESCAPED));
	assert_true(m("a\\\\b", "a\\b", IAM_GLOB_ESCAPED));
	/* without the flag a backslash is an ordinary byte */
	assert_true(m("a\\*", "a\\xyz", 0));
}

static void test_covers_service(void **state)
{
	struct iam_glob *g;
	(void)state;
	g = iam_glob_new("arn:aws:s3:::*", 14, IAM_GLOB_RESOURCE);
	assert_non_null(g);
	assert_true(iam_glob_covers_service(g, "s3", 2));
	assert_true(iam_glob_covers_service(g, "S3", 2));
	assert_false(iam_glob_covers_service(g, "ec2", 3));
	iam_glob_free(g);
	g = iam_glob_new("arn:aws:s3:::bucket", 19, IAM_GLOB_RESOURCE);
	assert_false(iam_glob_covers_service(g, "s3", 2));
	iam_glob_free(g);
	g = iam_glob_new("*", 1, IAM_GLOB_RESOURCE);
	assert_true(iam_glob_covers_service(g, "ec2", 3));
	assert_true(iam_glob_is_any(g));
	iam_glob_free(g);
	iam_glob_free(NULL);
}

static void test_bytes_outside_pattern(void **state)
{
	(void)state;
	assert_true(m("a*z", "a\xff\x01\x80z", 0));
	assert_false(m("a?z", "a\xff\x01z", 0));
}

/* A plain backtracking matcher: the definition, for short inputs. */
static bool ref_match(const char *p, const char *s, bool icase)
{
	if (!*p)
		return !*s;
	if (*p == '*')
		return ref_match(p + 1, s, icase) || (*s && ref_match(p, s + 1, icase));
	if (!*s)
		return false;
	if (*p != '?' && (icase ? tolower((unsigned char)*p) != tolower((unsigned char)*s)
				: *p != *s))
		return false;
	return ref_match(p + 1, s + 1, icase);
}

static void random_text(char *out, size_t max, const char *alphabet)
{
	size_t n = (size_t)rand() % max, k = strlen(alphabet);

	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[(size_t)rand() % k];
	out[n] = '\0';
}

/* The short-segment matcher and the automaton agree with each other and,
 * outside ARN mode, with the definition, on many random cases. */
static void test_segments_agree_with_automaton(void **state)
{
	static const unsigned modes[] = { 0, IAM_GLOB_ICASE, IAM_GLOB_RESOURCE,
					  IAM_GLOB_ARNCOND };
	char pat[64], text[64];
	size_t segs_used = 0;
	(void)state;
	srand(20261122);
	for (int iter = 0; iter < 200000; iter++) {
		unsigned flags = modes[iter % 4];
		bool arn = flags & (IAM_GLOB_RESOURCE | IAM_GLOB_ARNCOND);
		size_t off = 0;
		struct iam_glob *g, *n;
		bool got, want;

		if (arn) {  /* "arn:" and then fields, so that ':' matters */
			strcpy(pat, "arn:");
			strcpy(text, "arn:");
			off = 4;
		}
		random_text(pat + off, 12, "ab:*?A");
		random_text(text + off, 14, "ab:A");
		g = iam_glob_new(pat, strlen(pat), flags);
		n = iam_glob_new(pat, strlen(pat), flags | IAM_GLOB_NFA);
		assert_non_null(g);
		assert_non_null(n);
		got = iam_glob_match(g, text, strlen(text));
		if (got != iam_glob_match(n, text, strlen(text)))
			fail_msg("'%s' against '%s' (flags %u): %d, automaton %d",
				 pat, text, flags, got, !got);
		if (!arn) {
			want = ref_match(pat, text, flags & IAM_GLOB_ICASE);
			if (got != want)
				fail_msg("'%s' against '%s' (flags %u): %d, want %d",
					 pat, text, flags, got, want);
		}
		segs_used += strchr(pat, '*') != NULL;
		iam_glob_free(g);
		iam_glob_free(n);
	}
	assert_true(segs_used > 100000);
}

/* Segments: anchored at either end, '?' inside them, case folding. */
static void test_segments(void **state)
{
	(void)state;
	assert_int_equal(m("s3:*Object*", "s3:GetObjectAcl", IAM_GLOB_ICASE), 1);
	assert_int_equal(m("s3:*Object*", "s3:getobject", IAM_GLOB_ICASE), 1);
	assert_int_equal(m("s3:*Object*", "s3:GetObjec", IAM_GLOB_ICASE), 0);
	assert_int_equal(m("s3:?ListBucket", "s3:xListBucket", IAM_GLOB_ICASE), 1);
	assert_int_equal(m("s3:?ListBucket", "s3:ListBucket", IAM_GLOB_ICASE), 0);
	assert_int_equal(m("a?c*x?z", "abcx1z", 0), 1);
	assert_int_equal(m("a?c*x?z", "abcxz", 0), 0);
	assert_int_equal(m("*ab*ab*", "abab", 0), 1);
	assert_int_equal(m("*ab*ab*", "aba", 0), 0);  /* no overlap */
	assert_int_equal(m("*ab*ab", "xabyab", 0), 1);
	assert_int_equal(m("*ab*ab", "xabab", 0), 1);
	assert_int_equal(m("*ab*ab", "xab", 0), 0);
	assert_int_equal(m("arn:aws:logs:*:*:log-group:/aws/lambda/*",
			   "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:*",
			   IAM_GLOB_RESOURCE), 1);
	assert_int_equal(m("arn:aws:logs:*:*:log-group:/aws/lambda/*",
			   "arn:aws:logs:us-east-1:111122223333:log-group:/aws/other",
			   IAM_GLOB_RESOURCE), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_and_star),
		cmocka_unit_test(test_question_mark_is_one_char),
		cmocka_unit_test(test_actions_case_insensitive),
		cmocka_unit_test(test_middle_stars),
		cmocka_unit_test(test_no_exponential_backtracking),
		cmocka_unit_test(test_long_patterns_use_many_words),
		cmocka_unit_test(test_resource_star_crosses_slash),
		cmocka_unit_test(test_resource_case_sensitive),
		cmocka_unit_test(test_field_final_star_crosses_colon),
		cmocka_unit_test(test_no_wildcard_in_service_field),
		cmocka_unit_test(test_arn_condition_fields_separate),
		cmocka_unit_test(test_escaped_literals),
		cmocka_unit_test(test_covers_service),
		cmocka_unit_test(test_bytes_outside_pattern),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_segments_agree_with_automaton),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
