/* fuzz_policy.c - libFuzzer target: the policy parser and JSON positions.
 *
 * The input is a policy document.  It is loaded as JSON and, when it
 * loads, parsed as every policy type (AUTO first, then each concrete type),
 * with and without statement positions, collecting every finding.  Then
 * the tree is dropped and every finding, and every statement's label, is
 * located in the text again, as lint does.  Nothing may crash, leak or
 * trip a sanitizer, whatever the bytes.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_policy; run: fuzz/run.sh SECONDS (see fuzz/README.md).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const enum iam_policy_type types[] = {
	IAM_POLICY_AUTO,
	IAM_POLICY_IDENTITY,
	IAM_POLICY_BOUNDARY,
	IAM_POLICY_SESSION,
	IAM_POLICY_RESOURCE,
	IAM_POLICY_TRUST,
	IAM_POLICY_SCP,
	IAM_POLICY_RCP,
};

#define NTYPES (sizeof(types) / sizeof(types[0]))

/* Locate a pointer after the tree is gone; a position must be inside the
 * text (abort() makes a broken invariant a finding). */
static size_t locate(struct iam_json_doc *doc, const char *ptr)
{
	int line = 0, column = 0;
	size_t start = 0, len = 0;
	size_t sum = 0;

	if (iam_json_locate(doc, ptr, &line, &column) == 0) {
		if (line < 1 || column < 1)
			abort();
		sum += (size_t)line + (size_t)column;
	}
	if (iam_json_span(doc, ptr, &start, &len) == 0) {
		if (start > doc->len || len > doc->len - start)
			abort();
		sum += start + len;
	}
	return sum;
}

/* Touch every field of a compiled policy, so that an uninitialized or
 * dangling one shows up under the sanitizers. */
static size_t walk_policy(const struct iam_policy *pol)
{
	size_t sum = 0;
	char label[64];

	sum += (size_t)pol->type + (size_t)pol->version + pol->size_chars;
	for (size_t i = 0; i < pol->nstmts; i++) {
		const struct iam_statement *s = &pol->stmts[i];

		sum += strlen(iam_statement_label(s, label, sizeof(label)));
		sum += (size_t)s->line + (size_t)s->column + s->index;
		for (size_t k = 0; k < s->nprincipals; k++)
			sum += strlen(s->principals[k].value);
		for (size_t k = 0; k < s->nactions; k++)
			sum += strlen(s->actions[k].text);
		for (size_t k = 0; k < s->nresources; k++)
			sum += strlen(s->resources[k].text);
		sum += s->nconds;
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_diags diags = IAM_DIAGS_INIT;
	volatile size_t sink = 0;
	unsigned bit = size ? data[0] & 1u : 0;

	if (iam_json_load_buffer(&doc, "fuzz.json", (const char *)data, size,
				 &err) < 0) {
		iam_json_doc_release(&doc);
		return 0;
	}
	sink += (size_t)iam_policy_guess_type(doc.root);
	sink += strlen(iam_json_type_name(doc.root));

	for (size_t t = 0; t < NTYPES; t++) {
		/* alternate the flags between types; the first byte picks
		 * which types get positions */
		unsigned flags = ((t & 1u) ^ bit) ? IAM_PARSE_NO_LOCATIONS : 0;
		struct iam_policy *pol;

		iam_error_clear(&err);
		pol = iam_policy_parse(&doc, NULL, "", types[t], flags, &diags,
				       &err);
		if (pol) {
			sink += walk_policy(pol);
			if (iam_policy_set_name(pol, "fuzz") == 0)
				sink += strlen(pol->name);
			iam_policy_free(pol);
		} else {
			/* a failed parse says why, with a place */
			sink += strlen(err.text) + strlen(err.path) +
				(size_t)err.code;
		}
	}

	/* positions must survive the tree (lint reports after dropping it) */
	iam_json_doc_drop_tree(&doc);
	for (size_t i = 0; i < diags.n; i++) {
		const struct iam_diag *d = &diags.v[i];

		sink += locate(&doc, d->path);
		sink += strlen(d->message) + strlen(d->code) +
			strlen(iam_severity_code(d->sev));
	}
	sink += locate(&doc, "");
	for (size_t i = 0; i < 4; i++) {
		char ptr[64] = "/Statement";

		if (iam_jptr_push_index(ptr, sizeof(ptr), i) == 0)
			sink += locate(&doc, ptr);
	}
	(void)sink;
	iam_diags_release(&diags);
	iam_json_doc_release(&doc);
	return 0;
}
