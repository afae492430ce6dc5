/* fuzz_lint.c - libFuzzer target: lint one document, every rule.
 *
 * The input is one document as `iamgate lint` reads a file: a policy, a
 * wrapped policy (AWS CLI output) or a CloudFormation template in JSON.
 * When it loads it is linted with the built-in catalog, every rule on
 * (lint has no rule switched off before the CLI filters), as a policy of
 * the type the first byte picks, with the legacy-SCP grammar when its
 * second bit is set.  Every finding must name a code, a message and a
 * place inside the text; the findings are sorted as lint sorts them.
 * Nothing may crash, leak or trip a sanitizer, whatever the bytes.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_lint; run: fuzz/run.sh SECONDS (see fuzz/README.md).  The
 * ordinary build links it with fuzz/replay.c as fuzz/replay_lint, which
 * `make check` runs over fuzz/corpus/fuzz_lint/ and fuzz/crashes/.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"
#include "lint/lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const enum iam_policy_type types[] = {
	IAM_POLICY_AUTO,     IAM_POLICY_IDENTITY, IAM_POLICY_BOUNDARY,
	IAM_POLICY_SESSION,  IAM_POLICY_RESOURCE, IAM_POLICY_TRUST,
	IAM_POLICY_SCP,      IAM_POLICY_RCP,
};

#define NTYPES (sizeof(types) / sizeof(types[0]))

static size_t check_diag(struct iam_json_doc *doc, const struct iam_diag *d)
{
	size_t sum = 0;
	int line = 0, column = 0;

	if (!d->code || !*d->code || !d->message)
		abort();
	if (d->line < 0 || d->column < 0)
		abort();
	if (d->path && iam_json_locate(doc, d->path, &line, &column) == 0 &&
	    (line < 1 || column < 1))
		abort();
	sum += strlen(d->code) + strlen(d->message) + (size_t)line;
	if (d->path)
		sum += strlen(d->path);
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_diags diags = IAM_DIAGS_INIT;
	struct iam_lint *L;
	volatile size_t sink = 0;
	unsigned pick = size ? data[0] : 0;
	unsigned flags = (pick & 0x10u) ? IAM_LINT_LEGACY_SCP : 0;

	if (iam_json_load_buffer(&doc, "fuzz.json", (const char *)data, size,
				 &err) < 0) {
		if (!err.text[0] && err.code != IAM_ERR_NOMEM)
			abort();	/* a rejected document says why */
		iam_json_doc_release(&doc);
		return 0;
	}
	L = iam_lint_new(NULL, flags);
	if (!L)
		abort();
	sink += (size_t)iam_lint_classify(doc.root);
	if (iam_lint_doc(L, &doc, types[pick % NTYPES], &diags, &err) < 0 &&
	    err.code != IAM_ERR_NOMEM)
		abort();	/* lint fails only when out of memory */
	iam_lint_sort(&diags);
	iam_json_doc_drop_tree(&doc);
	for (size_t i = 0; i < diags.n; i++)
		sink += check_diag(&doc, &diags.v[i]);
	(void)sink;
	iam_diags_release(&diags);
	iam_lint_free(L);
	iam_json_doc_release(&doc);
	return 0;
}
