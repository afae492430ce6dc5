/* cli/live_env.c - the live session opened on the environment's keys
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN; region
 * AWS_REGION, else AWS_DEFAULT_REGION), for `account fetch`.
 *
 * Owned by the live work, and interim: the profile chains' credentials
 * (live/creds.h, cmd_live_open on a chain) replace this file.  Until then
 * a profile, or the AWS CLI's files, is refused with why, never ignored.
 * The keys are copied into the session's credentials, wiped when closed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/live.h"
#include "cli/msg.h"
#include "core/error.h"
#include "live/creds.h"
#include "live/live.h"

static void verbose_line(void *arg, const char *line)
{
	(void)arg;
	iam_out(stderr, "iamgate: %s\n", line);
}

static int copy_env(char **dst, const char *name)
{
	const char *v = getenv(name);

	*dst = v && *v ? strdup(v) : NULL;
	return !v || !*v || *dst ? 0 : -1;
}

static int refuse(const char *cmd, const char *what)
{
	iam_msg_usage(cmd, "%s: this build takes the credentials from AWS_ACCESS_KEY_ID and "
		      "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) only", what);
	return IAM_EXIT_USAGE;
}

int cmd_live_open(const char *cmd, const char *profile, const struct cmd_live_opts *o,
		  struct cmd_live *out)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_live_opts lo = { .no_cache = o->no_cache, .mfa_code = o->mfa_code };
	struct iam_creds *c;
	const char *region;

	memset(out, 0, sizeof *out);
	if (profile || getenv("AWS_PROFILE"))
		return refuse(cmd, "a profile");
	if (o->config_file || o->credentials_file)
		return refuse(cmd, "the AWS CLI's files");
	if (!getenv("AWS_ACCESS_KEY_ID") || !getenv("AWS_SECRET_ACCESS_KEY")) {
		iam_msg_error("no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
		return IAM_EXIT_INVALID;
	}
	iam_profile_env_from_environ(&out->env);
	lo.env = &out->env;
	if (o->verbose)
		lo.verbose = verbose_line;
	if (!(out->lc = calloc(1, sizeof *out->lc)) || !(out->L = iam_live_new(&lo, &err)))
		goto fail;
	c = &out->lc->creds;
	if (copy_env(&c->access_key_id, "AWS_ACCESS_KEY_ID") < 0 ||
	    copy_env(&c->secret_access_key, "AWS_SECRET_ACCESS_KEY") < 0 ||
	    copy_env(&c->session_token, "AWS_SESSION_TOKEN") < 0)
		goto fail;
	c->source = "environment";
	region = getenv("AWS_REGION");
	out->lc->region = region && *region ? region : getenv("AWS_DEFAULT_REGION");
	return 0;
fail:
	if (err.code)
		iam_msg_failure(&err);
	else
		iam_msg_error("out of memory");
	cmd_live_close(out);
	return err.code ? iam_exit_for(&err) : IAM_EXIT_INTERNAL;
}

void cmd_live_close(struct cmd_live *lv)
{
	if (lv->lc) {
		iam_creds_clear(&lv->lc->creds);
		free(lv->lc);
	}
	iam_live_free(lv->L);
	memset(lv, 0, sizeof *lv);
}
