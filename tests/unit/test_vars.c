/* Unit tests: iam_vars (policy variables) and iam_context. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/context.h"
#include "core/vars.h"

static char *expand(const char *s, struct iam_context *ctx, bool esc,
		    enum iam_subst want)
{
	struct iam_tmpl *t = NULL;
	char why[128], *out = NULL;

	assert_int_equal(iam_tmpl_parse(s, &t, why, sizeof(why)), 0);
	assert_non_null(t);
	assert_int_equal(iam_tmpl_expand(t, ctx, esc, &out), want);
	iam_tmpl_free(t);
	return out;
}

static void test_no_variables_no_template(void **state)
{
	struct iam_tmpl *t = (struct iam_tmpl *)1;
	char why[64];
	(void)state;
	assert_int_equal(iam_tmpl_parse("arn:aws:s3:::b/$x/*", &t, why, sizeof(why)), 0);
	assert_null(t);
}

static void test_substitution_case_insensitive_name(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	char *s;
	(void)state;
	iam_context_add(&ctx, "aws:username", "alice");
	s = expand("home/${AWS:UserName}/*", &ctx, false, IAM_SUBST_OK);
	assert_string_equal(s, "home/alice/*");
	free(s);
	iam_context_release(&ctx);
}

static void test_absent_key_and_default(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	char *s;
	(void)state;
	assert_null(expand("x/${aws:PrincipalTag/team}", &ctx, false, IAM_SUBST_ABSENT));
	s = expand("x/${aws:PrincipalTag/team, 'company-wide'}", &ctx, false, IAM_SUBST_OK);
	assert_string_equal(s, "x/company-wide");
	free(s);
	iam_context_add(&ctx, "aws:PrincipalTag/Team", "red");
	s = expand("x/${aws:principaltag/team, 'company-wide'}", &ctx, false, IAM_SUBST_OK);
	assert_string_equal(s, "x/red");
	free(s);
	iam_context_release(&ctx);
}

static void test_multivalued_key_is_not_a_variable(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const char *vals[] = { "a" };
	(void)state;
	iam_context_set_list(&ctx, "aws:TagKeys", vals, 1);
	assert_null(expand("${aws:TagKeys}", &ctx, false, IAM_SUBST_ABSENT));
	iam_context_release(&ctx);
}

static void test_escapes_and_glob_escaping(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	char *s;
	(void)state;
	iam_context_add(&ctx, "aws:username", "a*b");
	s = expand("p/${*}/${?}/${$}/${aws:username}/*", &ctx, false, IAM_SUBST_OK);
	assert_string_equal(s, "p/*/?/$/a*b/*");
	free(s);
	s = expand("p/${*}/${aws:username}/*", &ctx, true, IAM_SUBST_OK);
	assert_string_equal(s, "p/\\*/a\\*b/*");
	free(s);
	iam_context_release(&ctx);
}

static void test_syntax_errors(void **state)
{
	struct iam_tmpl *t;
	char why[128];
	(void)state;
	assert_int_equal(iam_tmpl_parse("a/${aws:username", &t, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "closing"));
	assert_int_equal(iam_tmpl_parse("a/${}", &t, why, sizeof(why)), -1);
	assert_int_equal(iam_tmpl_parse("a/${aws:user name}", &t, why, sizeof(why)), -1);
	assert_int_equal(iam_tmpl_parse("a/${k, unquoted}", &t, why, sizeof(why)), -1);
}

static void test_context_repeat_makes_multivalued(void **state)
{
	struct iam_context ctx = IAM_CONTEXT_INIT;
	const struct iam_ctx_entry *e;
	(void)state;
	iam_context_add(&ctx, "aws:TagKeys", "a");
	e = iam_context_find(&ctx, "AWS:TAGKEYS");
	assert_non_null(e);
	assert_false(e->multi);
	iam_context_add(&ctx, "aws:tagkeys", "b");
	e = iam_context_get(&ctx, "aws:tagkeys");
	assert_true(e->multi);
	assert_int_equal(e->n, 2);
	iam_context_default(&ctx, "aws:TagKeys", "c");
	assert_int_equal(iam_context_get(&ctx, "aws:tagkeys")->n, 2);
	iam_context_set_list(&ctx, "aws:TagKeys", NULL, 0);
	e = iam_context_get(&ctx, "aws:tagkeys");
	assert_true(e->multi);
	assert_int_equal(e->n, 0);
	iam_context_remove(&ctx, "aws:TagKeys");
	assert_null(iam_context_get(&ctx, "aws:tagkeys"));
	iam_context_release(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_variables_no_template),
		cmocka_unit_test(test_substitution_case_insensitive_name),
		cmocka_unit_test(test_absent_key_and_default),
		cmocka_unit_test(test_multivalued_key_is_not_a_variable),
		cmocka_unit_test(test_escapes_and_glob_escaping),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_context_repeat_makes_multivalued),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
