/* Unit tests: the findings list (core/diag.h): further places, and that
 * they stay with their finding when findings are moved, dropped or
 * popped (run under ASan, a place freed twice or leaked fails). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/diag.h"

static void add(struct iam_diags *d, enum iam_severity sev, const char *path,
		int line, const char *msg)
{
	assert_int_equal(iam_diags_add(d, sev, "REDUNDANT_ACTION", "p.json", path,
				       line, 5, NULL, 0, "%s", msg), 0);
}

static void assert_loc(const struct iam_diag *g, size_t i, const char *path,
		       int line, int column)
{
	assert_true(i < g->nlocs);
	assert_string_equal(g->locs[i].path, path);
	assert_int_equal(g->locs[i].line, line);
	assert_int_equal(g->locs[i].column, column);
}

static void test_add_location(void **state)
{
	struct iam_diags d = IAM_DIAGS_INIT;

	(void)state;
	/* nothing to add to */
	assert_int_equal(iam_diags_add_location(&d, "/Statement/0/Action/1", 3, 9), -1);
	assert_int_equal(iam_diags_add_location(NULL, "/x", 1, 1), -1);
	assert_false(d.nomem);
	add(&d, IAM_SEV_SUGGESTION, "/Statement/0/Action/0", 3, "first");
	assert_null(d.v[0].locs);
	assert_int_equal(d.v[0].nlocs, 0);
	add(&d, IAM_SEV_SUGGESTION, "/Statement/1/Action/0", 7, "second");
	/* to the last finding, in order */
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Action/4", 8, 9), 0);
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Action/2", 7, 30), 0);
	/* its own place and a place it has are not added again */
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Action/0", 7, 5), 0);
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Action/4", 8, 9), 0);
	assert_int_equal(iam_diags_add_location(&d, NULL, 1, 1), -1);
	/* a place without a position keeps 0 */
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Resource", 0, 0), 0);
	assert_int_equal(d.v[0].nlocs, 0);
	assert_int_equal(d.v[1].nlocs, 3);
	assert_loc(&d.v[1], 0, "/Statement/1/Action/4", 8, 9);
	assert_loc(&d.v[1], 1, "/Statement/1/Action/2", 7, 30);
	assert_loc(&d.v[1], 2, "/Statement/1/Resource", 0, 0);
	assert_false(d.nomem);
	iam_diags_release(&d);
	assert_int_equal(d.n, 0);
	assert_null(d.v);
}

static void test_pop_and_reuse(void **state)
{
	struct iam_diags d = IAM_DIAGS_INIT;

	(void)state;
	add(&d, IAM_SEV_ERROR, "/Statement/0", 1, "kept");
	add(&d, IAM_SEV_ERROR, "/Statement/1", 2, "popped");
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Resource", 3, 1), 0);
	iam_diags_pop(&d);  /* frees its place */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.nerrors, 1);
	/* the next place goes to the finding that is last now */
	assert_int_equal(iam_diags_add_location(&d, "/Statement/0/Action", 1, 20), 0);
	assert_loc(&d.v[0], 0, "/Statement/0/Action", 1, 20);
	iam_diags_release(&d);
	/* released, then reused */
	add(&d, IAM_SEV_WARNING, "/Statement/2", 4, "again");
	assert_int_equal(iam_diags_add_location(&d, "/Statement/2/Action", 4, 9), 0);
	assert_int_equal(d.v[0].nlocs, 1);
	iam_diags_release(&d);
}

/* Drop the findings whose message starts with 'x'. */
static bool drop_x(void *ctx, const struct iam_diag *g)
{
	(*(int *)ctx)++;
	return g->message[0] == 'x';
}

static void test_drop_keeps_places(void **state)
{
	struct iam_diags d = IAM_DIAGS_INIT;
	int calls = 0;
	const char *keep1;

	(void)state;
	add(&d, IAM_SEV_ERROR, "/Statement/0/Action/0", 1, "x dropped");
	assert_int_equal(iam_diags_add_location(&d, "/Statement/0/Action/3", 1, 40), 0);
	add(&d, IAM_SEV_WARNING, "/Statement/1/Action/0", 2, "kept one");
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Action/1", 2, 30), 0);
	assert_int_equal(iam_diags_add_location(&d, "/Statement/1/Resource", 3, 7), 0);
	keep1 = d.v[1].locs[0].path;
	add(&d, IAM_SEV_ERROR, "/Statement/2/Action/0", 4, "x dropped too");
	assert_int_equal(iam_diags_add_location(&d, "/Statement/2/Resource/0", 5, 7), 0);
	add(&d, IAM_SEV_SUGGESTION, "/Statement/3/Resource/0", 6, "kept two");
	assert_int_equal(iam_diags_drop(&d, drop_x, &calls), 2);
	assert_int_equal(calls, 4);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.nerrors, 0);
	assert_string_equal(d.v[0].message, "kept one");
	assert_int_equal(d.v[0].nlocs, 2);
	assert_ptr_equal(d.v[0].locs[0].path, keep1);  /* moved, not copied */
	assert_loc(&d.v[0], 0, "/Statement/1/Action/1", 2, 30);
	assert_loc(&d.v[0], 1, "/Statement/1/Resource", 3, 7);
	assert_string_equal(d.v[1].message, "kept two");
	assert_int_equal(d.v[1].nlocs, 0);
	assert_null(d.v[1].locs);
	iam_diags_release(&d);
}

static void test_take(void **state)
{
	struct iam_diags to = IAM_DIAGS_INIT, from = IAM_DIAGS_INIT, none = IAM_DIAGS_INIT;
	const char *path;

	(void)state;
	add(&to, IAM_SEV_WARNING, "/Statement/0", 1, "already");
	for (int i = 0; i < 20; i++) {  /* more than to has room for */
		char p[64];

		snprintf(p, sizeof(p), "/Statement/%d/Action/0", i);
		add(&from, i % 2 ? IAM_SEV_ERROR : IAM_SEV_SUGGESTION, p, i + 1, "moved");
		snprintf(p, sizeof(p), "/Statement/%d/Resource", i);
		assert_int_equal(iam_diags_add_location(&from, p, i + 2, 3), 0);
	}
	assert_int_equal(iam_diags_set_props(&from, json_pack("{s:s}", "k", "v")), 0);
	path = from.v[7].locs[0].path;
	assert_int_equal(iam_diags_take(&to, &from), 0);
	assert_int_equal(from.n, 0);
	assert_int_equal(from.nerrors, 0);
	assert_null(from.v);
	assert_int_equal(to.n, 21);
	assert_int_equal(to.nerrors, 10);
	assert_string_equal(to.v[0].message, "already");
	assert_ptr_equal(to.v[8].locs[0].path, path);
	assert_loc(&to.v[8], 0, "/Statement/7/Resource", 9, 3);
	assert_loc(&to.v[20], 0, "/Statement/19/Resource", 21, 3);
	assert_string_equal(json_string_value(json_object_get(to.v[20].props, "k")), "v");
	/* an empty list moves nothing */
	assert_int_equal(iam_diags_take(&to, &none), 0);
	assert_int_equal(to.n, 21);
	/* from is reusable */
	add(&from, IAM_SEV_ERROR, "/Statement/0", 1, "new");
	assert_int_equal(from.nerrors, 1);
	iam_diags_release(&from);
	iam_diags_release(&to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_location),
		cmocka_unit_test(test_pop_and_reuse),
		cmocka_unit_test(test_drop_keeps_places),
		cmocka_unit_test(test_take),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
