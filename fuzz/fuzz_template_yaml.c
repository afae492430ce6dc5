/* fuzz_template_yaml.c - libFuzzer target: YAML templates (core/yaml.c)
 * and the template reader on them (core/cfn.c).
 *
 * The input is a YAML CloudFormation template.  It is read both ways the
 * commands read one: whole, as lint does (iam_yaml_load_buffer(), then
 * iam_cfn_from_doc()), and pruned, as amplify check does
 * (iam_cfn_load_buffer()).  Of the whole tree every element must be found
 * by its JSON Pointer in the index (the index and the tree are built
 * together), at a line and column inside the text; every policy the
 * resources carry is copied unresolved and located; every resource's
 * properties and every condition are evaluated on the pruned stack.  A
 * failed read must say why, with a place in the text.  abort() makes a
 * broken invariant a finding; leaks and sanitizer reports are findings.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_template_yaml; run: FUZZ_TARGETS=fuzz_template_yaml
 * fuzz/run.sh SECONDS (see fuzz/README.md).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/cfn.h"
#include "core/error.h"
#include "core/json.h"
#include "core/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Elements checked per input: a wide object makes each look-up linear. */
#define MAX_CHECKED 4000

struct walk {
	struct iam_json_doc *doc;
	int lines;               /* of the text */
	size_t checked;
};

static void check_at(struct walk *w, const char *ptr)
{
	int line = 0, col = 0;

	if (iam_json_locate(w->doc, ptr, &line, &col) < 0)
		abort();  /* an element of the tree the index does not have */
	if (line < 1 || col < 1 || line > w->lines)
		abort();
}

/* Every element of v (at ptr) is located. */
static void walk_tree(struct walk *w, json_t *v, char *ptr, size_t size, int depth)
{
	size_t n = strlen(ptr), i;
	const char *k;
	json_t *c;

	if (w->checked++ >= MAX_CHECKED || depth > IAM_YAML_MAX_DEPTH + 2)
		return;
	check_at(w, ptr);
	if (json_is_object(v)) {
		json_object_foreach(v, k, c) {
			/* the locator reads 511 bytes of a key */
			if (strlen(k) < 500 && iam_jptr_push(ptr, size, k) == 0)
				walk_tree(w, c, ptr, size, depth + 1);
			ptr[n] = '\0';
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, c) {
			if (iam_jptr_push_index(ptr, size, i) == 0)
				walk_tree(w, c, ptr, size, depth + 1);
			ptr[n] = '\0';
		}
	}
}

static int no_unknown(void *ctx, const char *pointer)
{
	struct walk *w = ctx;

	check_at(w, pointer);
	return 0;
}

static int each_policy(void *ctx, const struct iam_cfn_policy *p)
{
	struct walk *w = ctx;
	json_t *copy;

	check_at(w, p->pointer);
	if (!p->logical_id || !p->resource_type || !p->property || !p->document)
		abort();
	copy = iam_cfn_unresolved(p->document, "k", p->pointer, no_unknown, w);
	json_decref(copy);
	return 0;
}

/* A failed read says why, and where (inside the text, or nowhere). */
static void check_error(const struct iam_error *err, int lines)
{
	if (err->code == IAM_OK || !err->text[0])
		abort();
	if ((err->code == IAM_ERR_YAML || err->code == IAM_ERR_JSON) &&
	    (err->line < 1 || err->column < 1 || err->line > lines))
		abort();
}

/* The pruned stack: values, conditions, positions. */
static void read_pruned(const uint8_t *data, size_t size, int lines)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s = iam_cfn_load_buffer((const char *)data, size,
						      "fuzz.yaml", "k", &err);
	const char *id;
	json_t *res, *v;

	if (!s) {
		check_error(&err, lines);
		return;
	}
	iam_cfn_set_pseudo(s, "us-east-1", "111122223333", "aws", "st");
	json_object_foreach(s->resources, id, res) {
		int line, col;

		if (iam_cfn_position(s, id, &line, &col) &&
		    (line < 1 || col < 1 || line > lines))
			abort();
		v = iam_cfn_eval(s, json_object_get(res, "Properties"));
		json_decref(v);
		(void)iam_cfn_resource_exists(s, id);
	}
	json_object_foreach(json_object_get(s->root, "Conditions"), id, v)
		(void)iam_cfn_condition(s, id);
	iam_cfn_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s;
	struct walk w = { &doc, 1, 0 };
	char ptr[IAM_CFN_POINTER_MAX] = "";

	/* libyaml's line breaks: LF, CR, NEL, LS and PS (an upper bound) */
	for (size_t i = 0; i < size; i++)
		w.lines += data[i] == '\n' || data[i] == '\r' ||
			   (data[i] == 0x85 && i && data[i - 1] == 0xC2) ||
			   ((data[i] == 0xA8 || data[i] == 0xA9) && i > 1 &&
			    data[i - 1] == 0x80 && data[i - 2] == 0xE2);
	if (iam_yaml_load_buffer(&doc, "fuzz.yaml", (const char *)data, size, &err) < 0) {
		check_error(&err, w.lines);
		if (doc.root)
			abort();  /* a refused document leaves no tree */
		iam_json_doc_release(&doc);
		read_pruned(data, size, w.lines);
		return 0;
	}
	walk_tree(&w, doc.root, ptr, sizeof(ptr), 0);
	iam_error_clear(&err);
	s = iam_cfn_from_doc(&doc, NULL, &err);
	if (s) {
		iam_cfn_each_policy(s, each_policy, &w);
		iam_cfn_free(s);
	}
	/* positions survive the tree, as lint reports after dropping it */
	iam_json_doc_drop_tree(&doc);
	check_at(&w, "");
	iam_json_doc_release(&doc);
	read_pruned(data, size, w.lines);
	return 0;
}
