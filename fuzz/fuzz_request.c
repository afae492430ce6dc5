/* fuzz_request.c - libFuzzer target: one `evaluate --batch` request line.
 *
 * The input is one line of a request file (product.md, "The request
 * file").  It is parsed with a fresh batch (relative policy paths resolve
 * against the working directory), and a line that parses is decided with
 * IAM_AUTHZ_EXPLAIN, as `evaluate --batch --explain` does, and again
 * without it (the answer must be the same); the result is walked and
 * everything released.  Nothing may crash, leak or trip a
 * sanitizer, whatever the bytes.
 *
 * A line may name a policy file; "-" would read standard input, so the
 * target reads it from /dev/null.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_request; run: fuzz/run.sh SECONDS (see fuzz/README.md).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/authz.h"
#include "core/error.h"
#include "core/policy.h"
#include "core/request.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "r", stdin))
		abort();
	return 0;
}

/* Touch everything a result points to; a decision must be one of the
 * three, and each matched statement must belong to its policy. */
static size_t walk_result(const struct iam_result *res)
{
	size_t sum = strlen(iam_decision_name(res->decision)) +
		     strlen(iam_layer_name(res->decided_by));
	char label[64];

	if (res->decision != IAM_DECISION_ALLOWED &&
	    res->decision != IAM_DECISION_IMPLICIT_DENY &&
	    res->decision != IAM_DECISION_EXPLICIT_DENY)
		abort();
	if (res->reason)
		sum += strlen(res->reason);
	for (int l = 0; l < IAM_LAYER__COUNT; l++) {
		const struct iam_layer_result *lr = &res->layers[l];

		for (size_t i = 0; i < lr->nmatched; i++) {
			const struct iam_stmt_ref *r = &lr->matched[i];

			if (r->stmt < r->policy->stmts ||
			    r->stmt >= r->policy->stmts + r->policy->nstmts)
				abort();
			sum += strlen(iam_statement_label(r->stmt, label,
							  sizeof(label)));
			sum += strlen(r->policy->name);
		}
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iam_batch *b = iam_batch_new(NULL);
	struct iam_batch_item it;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_request req;
	struct iam_result res, plain;
	volatile size_t sink = 0;
	unsigned pflags = (size & 1u) ? IAM_PARSE_NO_LOCATIONS : 0;

	if (!b)
		return 0;
	if (iam_batch_parse_line(b, (const char *)data, size, 1, pflags, &it,
				 &err) < 0) {
		/* a rejected line says why */
		if (err.code == IAM_OK || !err.text[0])
			abort();
		sink += strlen(err.text) + strlen(err.path);
		iam_batch_item_release(&it);
		iam_batch_free(b);
		return 0;
	}
	iam_batch_item_request(&it, &req);
	if (iam_authorize(&it.set, &req, IAM_AUTHZ_EXPLAIN, &res, &err) == 0) {
		sink += walk_result(&res);
		/* explaining must not change the answer */
		if (iam_authorize(&it.set, &req, 0, &plain, &err) == 0) {
			if (plain.decision != res.decision ||
			    plain.decided_by != res.decided_by)
				abort();
			iam_result_release(&plain);
		}
		iam_result_release(&res);
	}
	(void)sink;
	iam_batch_item_release(&it);
	iam_batch_free(b);
	return 0;
}
