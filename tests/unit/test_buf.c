/* Unit tests: iam_buf, the growing string. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"

static void test_appends(void **state)
{
	struct iam_buf b = IAM_BUF_INIT;
	char *s;
	(void)state;
	iam_buf_adds(&b, "s3:");
	iam_buf_add(&b, "GetObjectXYZ", 9);
	iam_buf_addc(&b, '!');
	assert_int_equal(b.n, 13);
	s = iam_buf_take(&b);
	assert_string_equal(s, "s3:GetObject!");
	assert_null(b.p);  /* empty afterwards */
	free(s);
	s = iam_buf_take(&b);
	assert_string_equal(s, "");  /* nothing added: "" */
	free(s);
}

static void test_addf_short_and_long(void **state)
{
	struct iam_buf b = IAM_BUF_INIT;
	char big[1000];
	(void)state;
	iam_buf_addf(&b, "{\"line\":%ld,", 42L);
	/* longer than the formatting buffer on the stack */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	iam_buf_addf(&b, "\"m\":\"%s\"}", big);
	assert_false(b.fail);
	assert_int_equal(b.n, strlen("{\"line\":42,") + strlen("\"m\":\"\"}") + 999);
	assert_memory_equal(b.p, "{\"line\":42,\"m\":\"xxx", 19);
	assert_string_equal(b.p + b.n - 4, "xx\"}");
	iam_buf_release(&b);
	assert_null(b.p);
	assert_int_equal(b.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_addf_short_and_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
