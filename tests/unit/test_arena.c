/* Unit tests: iam_arena (the allocator compiled policies live in), and
 * globs, conditions and templates built in one. */
#include "config.h"

#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/cond.h"
#include "core/context.h"
#include "core/glob.h"
#include "core/vars.h"

static void test_alloc_zeroed_aligned_distinct(void **state)
{
	struct iam_arena *a = iam_arena_new();
	unsigned char *p[200];
	(void)state;
	assert_non_null(a);
	assert_int_equal(iam_arena_footprint(a), 0); /* nothing taken yet */
	for (size_t i = 0; i < 200; i++) {
		size_t n = 1 + i % 37;

		p[i] = iam_arena_alloc(a, n);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % alignof(max_align_t), 0);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(p[i][k], 0);
		memset(p[i], (int)i, n);
	}
	/* no object overlaps another: each still holds its own byte */
	for (size_t i = 0; i < 200; i++)
		for (size_t k = 0; k < 1 + i % 37; k++)
			assert_int_equal(p[i][k], (unsigned char)i);
	assert_true(iam_arena_footprint(a) >= 200 * 16);
	iam_arena_free(a);
}

static void test_consecutive_objects_are_adjacent(void **state)
{
	struct iam_arena *a = iam_arena_new();
	char *x, *y;
	(void)state;
	/* the point of the arena: small objects built one after another lie
	 * side by side, not wherever malloc finds room */
	x = iam_arena_alloc(a, 24);
	y = iam_arena_alloc(a, 40);
	assert_true(y > x && y - x < 64);
	iam_arena_free(a);
}

static void test_big_object_gets_its_own_block(void **state)
{
	struct iam_arena *a = iam_arena_new();
	char *small1, *big, *small2;
	(void)state;
	small1 = iam_arena_alloc(a, 16);
	big = iam_arena_alloc(a, 1 << 20);
	assert_non_null(big);
	memset(big, 'x', 1 << 20);
	small2 = iam_arena_alloc(a, 16);
	/* the current block keeps filling after a big object */
	assert_true(small2 > small1 && small2 - small1 < 64);
	assert_true(iam_arena_footprint(a) >= (1 << 20));
	iam_arena_free(a);
}

static void test_strings(void **state)
{
	struct iam_arena *a = iam_arena_new();
	char *s, *t, *h;
	(void)state;
	s = iam_arena_strdup(a, "s3:GetObject");
	t = iam_arena_strndup(a, "arn:aws:s3:::bucket/key", 13);
	assert_string_equal(s, "s3:GetObject");
	assert_string_equal(t, "arn:aws:s3:::");
	/* strings are packed without alignment padding */
	assert_ptr_equal(t, s + strlen(s) + 1);
	assert_string_equal(iam_strdup_lower(a, "AWS:PrincipalTag/Team"),
			    "aws:principaltag/team");
	/* NULL arena: the heap, which the caller frees */
	h = iam_arena_strdup(NULL, "heap");
	assert_string_equal(h, "heap");
	iam_arena_release(NULL, h);
	iam_arena_release(a, s);  /* no-op: freed with the arena */
	iam_arena_free(a);
}

static void test_calloc_overflow(void **state)
{
	struct iam_arena *a = iam_arena_new();
	(void)state;
	assert_null(iam_arena_calloc(a, SIZE_MAX / 2, 4));
	assert_non_null(iam_arena_calloc(a, 0, 8)); /* at least one element */
	iam_arena_free(a);
}

static int calls;
static void count_call(void *p)
{
	calls += *(int *)p;
}

static void test_deferred_cleanups_run_once(void **state)
{
	struct iam_arena *a = iam_arena_new();
	int one = 1, ten = 10;
	(void)state;
	calls = 0;
	assert_int_equal(iam_arena_defer(a, count_call, &one), 0);
	assert_int_equal(iam_arena_defer(a, count_call, &ten), 0);
	assert_int_equal(calls, 0);
	iam_arena_free(a);
	assert_int_equal(calls, 11);
	/* without an arena there is nothing to defer to */
	assert_int_equal(iam_arena_defer(NULL, count_call, &one), -1);
	iam_arena_free(NULL);
}

static void test_glob_in_arena(void **state)
{
	struct iam_arena *a = iam_arena_new();
	struct iam_glob *g, *h;
	(void)state;
	g = iam_glob_new_in(a, "arn:aws:s3:::*a*b?c*", 20, IAM_GLOB_RESOURCE);
	h = iam_glob_new_in(a, "S3:Get*", 7, IAM_GLOB_ICASE);
	assert_non_null(g);
	assert_non_null(h);
	assert_true(iam_glob_match(g, "arn:aws:s3:::xxaxxbxcx", 22));
	assert_false(iam_glob_match(g, "arn:aws:s3:::xxaxxbcx", 21));
	assert_true(iam_glob_match(h, "s3:getobject", 12));
	assert_true(iam_glob_covers_service(iam_glob_new_in(a, "arn:aws:s3:::*", 14,
							    IAM_GLOB_RESOURCE),
					    "s3", 2));
	iam_glob_free(g);  /* a no-op for a glob in an arena */
	assert_true(iam_glob_match(g, "arn:aws:s3:::abxc", 17));
	iam_arena_free(a); /* frees them (ASan/valgrind would see a leak) */
}

static void test_condition_in_arena(void **state)
{
	struct iam_arena *a = iam_arena_new();
	struct iam_context ctx = IAM_CONTEXT_INIT;
	struct iam_condition c;
	char why[128];
	size_t bad;
	(void)state;
	memset(&c, 0, sizeof(c));
	c.arena = a;
	assert_int_equal(iam_cond_parse_opname("StringLike", &c.op, NULL), 0);
	c.key = iam_arena_strdup(a, "aws:PrincipalTag/Team");
	c.nvalues = 2;
	c.values = iam_arena_calloc(a, 2, sizeof(*c.values));
	c.values[0].text = iam_arena_strdup(a, "red-*");
	c.values[1].text = iam_arena_strdup(a, "${aws:username}-team");
	assert_int_equal(iam_condition_compile(&c, true, &bad, why, sizeof(why)), 0);
	assert_string_equal(c.key_lc, "aws:principaltag/team");
	assert_non_null(c.values[1].tmpl);  /* freed by the arena's cleanup */
	iam_context_add(&ctx, "aws:PrincipalTag/team", "blue-team");
	iam_context_add(&ctx, "aws:username", "blue");
	assert_true(iam_condition_eval(&c, &ctx));
	iam_context_release(&ctx);
	iam_context_add(&ctx, "aws:PrincipalTag/team", "green");
	assert_false(iam_condition_eval(&c, &ctx));
	iam_context_release(&ctx);
	iam_condition_release(&c);  /* forgets, frees nothing */
	assert_null(c.values);
	iam_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_zeroed_aligned_distinct),
		cmocka_unit_test(test_consecutive_objects_are_adjacent),
		cmocka_unit_test(test_big_object_gets_its_own_block),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_calloc_overflow),
		cmocka_unit_test(test_deferred_cleanups_run_once),
		cmocka_unit_test(test_glob_in_arena),
		cmocka_unit_test(test_condition_in_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
