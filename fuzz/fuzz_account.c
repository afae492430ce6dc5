/* fuzz_account.c - libFuzzer target: the account snapshot loader.
 *
 * The input is an account snapshot (aws iam get-account-authorization-
 * details output).  It is loaded from the buffer, split in two pages at
 * the first byte's position when it is an array, linked, and every user
 * and role found is resolved against a request (sts:AssumeRole on the
 * same principal, so that trust policies are reached too).  Whatever the
 * bytes, nothing may crash, leak or trip a sanitizer, and a failure must
 * say why.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_account; run: FUZZ_TARGETS=fuzz_account fuzz/run.sh SECONDS.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/account.h"
#include "core/authz.h"
#include "core/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Resolve every principal the accounts hold, by the ARNs the input
 * names ("arn:" up to a quote). */
static size_t resolve_all(const struct iam_accounts *A, const char *text, size_t len)
{
	size_t sum = 0;

	for (const char *p = text; (p = memmem(p, len - (size_t)(p - text), "arn:", 4)); p++) {
		const char *q = memchr(p, '"', len - (size_t)(p - text));
		struct iam_policy_set set = { 0 };
		struct iam_gaps gaps = { 0 };
		struct iam_error err = IAM_ERROR_INIT;
		char arn[512];
		size_t n = q ? (size_t)(q - p) : 0;

		if (!n || n >= sizeof(arn))
			continue;
		memcpy(arn, p, n);
		arn[n] = '\0';
		if (iam_accounts_resolve(A, arn, "sts:AssumeRole", arn, true, true, &set,
					 &gaps, &err) >= 0) {
			sum += set.nidentity + set.nboundary + (set.resource != NULL);
			for (size_t i = 0; i < gaps.n; i++) {
				char buf[256];

				sum += strlen(iam_gap_text(gaps.v[i], buf, sizeof(buf)));
			}
		} else if (!err.text[0]) {
			abort();
		}
		iam_policy_set_release(&set);
		iam_gaps_release(&gaps);
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iam_accounts *A = iam_accounts_new();
	struct iam_error err = IAM_ERROR_INIT;
	volatile size_t sink = 0;
	int rc;

	if (!A)
		return 0;
	rc = iam_accounts_load_buffer(A, "fuzz.json", (const char *)data, size, &err);
	if (rc == 0)
		rc = iam_accounts_finish(A, &err);
	if (rc < 0) {
		/* a refused snapshot says why */
		if (err.code == IAM_OK || !err.text[0])
			abort();
		sink += strlen(err.path) + (size_t)err.line;
	} else {
		for (size_t i = 0; i < iam_accounts_count(A); i++)
			sink += strlen(iam_accounts_id(A, i));
		sink += iam_accounts_policy_count(A);
		sink += resolve_all(A, (const char *)data, size);
	}
	(void)sink;
	iam_accounts_free(A);
	return 0;
}
