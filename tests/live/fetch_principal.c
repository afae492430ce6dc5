/* tests/live/fetch_principal.c - a driver for check-live-fetch.sh: the
 * principals named on the command line (then the policies after --policy)
 * fetched with the environment's keys (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN; AWS_ENDPOINT_URL says where)
 * into one snapshot fragment (live/fetch.h), printed on standard output.
 * Exit 0; 1 when a principal or policy does not exist (NoSuchEntity);
 * 2 on another error, said on standard error.  Only keys from the
 * environment: the profile chains are the cli's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/profile.h"
#include "live/fetch.h"
#include "live/live.h"

static int fetch_all(struct iam_live *L, const struct iam_creds *c, struct iam_fetched *F,
		     int argc, char **argv)
{
	bool policies = false;
	int missing = 0;

	for (int i = 1; i < argc; i++) {
		struct iam_error err = IAM_ERROR_INIT;
		int rc;

		if (strcmp(argv[i], "--policy") == 0) {
			policies = true;
			continue;
		}
		rc = policies ? iam_fetch_policy(L, c, F, argv[i], &err)
			      : iam_fetch_principal(L, c, F, argv[i], &err);
		if (rc < 0) {
			fprintf(stderr, "fetch_principal: %s: %s\n", argv[i], err.text);
			return 2;
		}
		if (rc > 0) {
			fprintf(stderr, "fetch_principal: %s: no such entity\n", argv[i]);
			missing = 1;
		}
	}
	return missing;
}

int main(int argc, char **argv)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_profile_env env;
	struct iam_live_opts o = { 0 };
	struct iam_creds c = { 0 };
	struct iam_live *L;
	struct iam_fetched *F;
	char *text;
	int rc;

	iam_profile_env_from_environ(&env);
	o.env = &env;
	c.access_key_id = getenv("AWS_ACCESS_KEY_ID");
	c.secret_access_key = getenv("AWS_SECRET_ACCESS_KEY");
	c.session_token = getenv("AWS_SESSION_TOKEN");
	if (!c.access_key_id || !c.secret_access_key) {
		fputs("fetch_principal: no keys in the environment\n", stderr);
		return 2;
	}
	if (!(L = iam_live_new(&o, &err)) || !(F = iam_fetched_new(getenv("AWS_REGION")))) {
		fprintf(stderr, "fetch_principal: %s\n", err.text[0] ? err.text : "out of memory");
		iam_live_free(L);
		return 2;
	}
	rc = fetch_all(L, &c, F, argc, argv);
	if (rc != 2 && (text = json_dumps(iam_fetched_json(F), JSON_INDENT(4)))) {
		puts(text);
		free(text);
	}
	iam_fetched_free(F);
	iam_live_free(L);
	return rc;
}
