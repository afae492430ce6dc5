/* fuzz_answer.c - libFuzzer target: what AWS answers.
 *
 * The input is an answer as the network delivers it: the query
 * protocol's XML (read by libxml2 into the AWS CLI's JSON, its URL-encoded
 * policy documents decoded, its error code read), or JSON (a cache file,
 * an Organizations answer).  Whatever the bytes, nothing may crash, leak
 * or trip a sanitizer, and a failure must say why.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_answer; run: FUZZ_TARGETS=fuzz_answer fuzz/run.sh SECONDS.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/error.h"
#include "live/fetch_impl.h"
#include "live/live.h"
#include "live/sts.h"
#include "live/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void xml(const char *text, size_t size)
{
	struct iam_error err = IAM_ERROR_INIT;
	xmlDoc *doc = iam_xml_parse("fuzz", text, size, &err);
	char code[96], msg[512], rid[96];
	json_t *j;

	if (!doc) {
		if (err.code == IAM_OK || !err.text[0])
			abort();   /* a failure must say why */
		return;
	}
	(void)iam_xml_error(doc, code, sizeof code, msg, sizeof msg, rid, sizeof rid);
	j = iam_xml_json(xmlDocGetRootElement(doc));
	if (j) {
		iam_error_clear(&err);
		if (iam_docs_decode(j, "iam:Fuzz", "fuzz", &err) < 0 && !err.text[0])
			abort();
		json_decref(j);
	}
	xmlFreeDoc(doc);
}

static void answer(const char *text, size_t size)
{
	struct iam_error err = IAM_ERROR_INIT;
	json_t *j = json_loadb(text, size, 0, NULL);
	struct iam_creds c;

	if (!j)
		return;
	if (iam_creds_from_answer(j, "fuzz", &c, &err) == 0)
		iam_creds_clear(&c);
	else if (!err.text[0])
		abort();
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	if (size && text[0] == '{')
		answer(text, size);
	else
		xml(text, size);
	return 0;
}
