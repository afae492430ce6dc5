/* fuzz_template.c - libFuzzer target: the CloudFormation template reader.
 *
 * The input is a template in JSON.  It is loaded with iam_cfn_load_buffer()
 * (the pruning scan amplify check uses), with pseudo parameters set or not
 * as the first byte says.  Every resource that was kept is evaluated:
 * whether it exists (its Condition), its logical ID as a Ref, and its
 * Properties; every policy document iam_cfn_each_policy() finds is
 * evaluated, rendered and parsed as a policy of its type, and its pointer
 * located in the text.  Evaluation must stay within its budget (a template
 * whose values name each other many times over stops with a note, never
 * loops or runs out of stack).  Nothing may crash, leak or trip a
 * sanitizer, whatever the bytes.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_template; run: fuzz/run.sh SECONDS (see fuzz/README.md).  The
 * ordinary build links it with fuzz/replay.c as fuzz/replay_template.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/cfn.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk a value the evaluation returned; render every string. */
static size_t walk(json_t *v, int depth)
{
	size_t sum = 0, i;
	const char *k;
	json_t *e;
	char *r;

	if (!v || depth > 64)
		return 0;
	switch (json_typeof(v)) {
	case JSON_STRING:
		r = iam_cfn_render(json_string_value(v), IAM_CFN_RENDER_DISPLAY);
		sum += r ? strlen(r) : 0;
		free(r);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, e)
			sum += walk(e, depth + 1);
		break;
	case JSON_OBJECT:
		json_object_foreach(v, k, e)
			sum += strlen(k) + walk(e, depth + 1);
		break;
	default:
		break;
	}
	return sum;
}

/* Evaluate a policy document, then parse it as the reader would. */
static int each_policy(void *ctx, const struct iam_cfn_policy *p)
{
	struct iam_cfn_stack *s = ctx;
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_diags diags = IAM_DIAGS_INIT;
	struct iam_policy *pol;
	volatile size_t sink = 0;
	int line = 0, column = 0;
	json_t *v;
	char *text;

	if (!p->logical_id || !p->document || !p->property)
		abort();
	if (iam_cfn_locate(s, p->pointer, &line, &column) && line < 1)
		abort();
	v = iam_cfn_eval(s, p->document);
	sink += walk(v, 0);
	text = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
	json_decref(v);
	if (text && iam_json_load_buffer(&doc, "policy.json", text,
					 strlen(text), &err) == 0) {
		pol = iam_policy_parse(&doc, NULL, "", p->type,
				       IAM_PARSE_TEMPLATE, &diags, &err);
		if (pol)
			sink += pol->nstmts;
		iam_policy_free(pol);
	}
	(void)sink;
	free(text);
	iam_diags_release(&diags);
	iam_json_doc_release(&doc);
	return 0;
}

static void each_resource(struct iam_cfn_stack *s)
{
	volatile size_t sink = 0;
	const char *id;
	json_t *r, *v, *ref;

	if (!s->resources || !json_is_object(s->resources))
		return;
	json_object_foreach(s->resources, id, r) {
		const char *type = NULL;

		sink += (size_t)(iam_cfn_resource_exists(s, id) + 1);
		if (iam_cfn_resource(s, id, &type) != (json_is_object(r) ? r : NULL))
			abort();
		ref = json_pack("{ss}", "Ref", id);
		v = ref ? iam_cfn_eval(s, ref) : NULL;
		sink += walk(v, 0);
		json_decref(v);
		json_decref(ref);
		v = json_is_object(r) ? iam_cfn_eval(s,
				json_object_get(r, "Properties")) : NULL;
		sink += walk(v, 0);
		json_decref(v);
	}
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s;

	s = iam_cfn_load_buffer((const char *)data, size, "fuzz.json", "root",
				&err);
	if (!s) {
		if (!err.text[0] && err.code != IAM_ERR_NOMEM)
			abort();	/* a rejected template says why */
		return 0;
	}
	if (size && (data[0] & 1u) &&
	    iam_cfn_set_pseudo(s, "us-east-1", "123456789012", "aws",
			       "fuzz") < 0)
		abort();
	each_resource(s);
	if (iam_cfn_each_policy(s, each_policy, s) != 0)
		abort();
	iam_cfn_free(s);
	return 0;
}
