/* fuzz_awsini.c - libFuzzer target: the AWS config and credentials files.
 *
 * The input is a config file, then, after the first two NUL bytes (when
 * there are any), a credentials file.  Both are parsed as the AWS CLI
 * parses them (core/awsconfig.h), the files are checked
 * (iam_profile_check_files), and every profile is resolved
 * (iam_profile_resolve), as `iamgate profile --all` does; each chain is
 * walked and released.  Nothing may crash, leak or trip a sanitizer,
 * whatever the bytes; every position must lie inside the file.
 *
 * Build: CC=clang ./configure --enable-fuzzing --enable-sanitizers && make
 * fuzz/fuzz_awsini; run: fuzz/run.sh SECONDS (see fuzz/README.md).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/awsconfig.h"
#include "core/error.h"
#include "core/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk_val(const struct iam_awsval *v, int nlines)
{
	if (!v->value)
		return 0;
	if (v->file && (v->line < 1 || v->line > nlines))
		abort();
	return strlen(v->value);
}

static size_t walk(const struct iam_awsconfig *cfg, const struct iam_chain *ch)
{
	int nl = cfg->config->nlines > cfg->credentials->nlines ? cfg->config->nlines :
		 cfg->credentials->nlines;
	size_t sum = 0;

	for (size_t i = 0; i < ch->nhops; i++) {
		const struct iam_hop *h = &ch->hops[i];

		sum += strlen(iam_hop_kind_name(h->kind));
		sum += walk_val(&h->role_arn, nl) + walk_val(&h->external_id, nl) +
		       walk_val(&h->mfa_serial, nl) + walk_val(&h->region, nl) +
		       walk_val(&h->sso_start_url, nl) + walk_val(&h->source_profile, nl);
		if (h->session_name)
			sum += strlen(h->session_name);
		if (h->principal)
			sum += strlen(h->principal);
	}
	if (ch->nhops > IAM_PROFILE_MAX_ROLES + 1)
		abort();
	for (size_t i = 0; i < ch->ndiags; i++) {
		if (!ch->diags[i].text || !ch->diags[i].code || ch->diags[i].line < 0 ||
		    ch->diags[i].line > nl)
			abort();
		sum += strlen(ch->diags[i].text);
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *sep = NULL;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_profile_env env;
	struct iam_awsconfig *cfg;
	struct iam_ini *a, *b;
	struct iam_chain *ch;
	size_t alen = size;
	volatile size_t sum = 0;

	for (size_t i = 0; i + 1 < size; i++)
		if (data[i] == 0 && data[i + 1] == 0) {
			sep = text + i;
			alen = i;
			break;
		}
	a = iam_ini_parse("config", text, alen, &err);
	b = sep ? iam_ini_parse("credentials", sep + 2, size - alen - 2, &err)
		: iam_ini_parse("credentials", "", 0, &err);
	if (!a || !b) {
		iam_ini_free(a);
		iam_ini_free(b);
		return 0;
	}
	cfg = iam_awsconfig_new(a, b, &err);
	if (!cfg)
		return 0;
	memset(&env, 0, sizeof(env));
	env.imds_disabled = true;
	ch = iam_profile_check_files(cfg, &env, &err);
	if (ch) {
		sum += walk(cfg, ch);
		iam_chain_free(ch);
	}
	for (size_t i = 0; i < cfg->nprofiles && i < 256; i++) {
		ch = iam_profile_resolve(cfg, cfg->profiles[i].name, &env, &err);
		if (!ch)
			continue;
		sum += walk(cfg, ch);
		iam_chain_free(ch);
	}
	ch = iam_profile_resolve(cfg, NULL, &env, &err);
	if (ch) {
		sum += walk(cfg, ch);
		iam_chain_free(ch);
	}
	iam_awsconfig_free(cfg);
	(void)sum;
	return 0;
}
