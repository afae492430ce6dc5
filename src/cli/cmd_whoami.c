/* cli/cmd_whoami.c - iamgate whoami: who the profile's chain acts as,
 * from STS itself (GetCallerIdentity with the chain's final keys), and
 * how each hop got its credentials.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "cli/live.h"
#include "cli/msg.h"
#include "core/error.h"
#include "core/json.h"
#include "core/profile.h"
#include "live/creds.h"
#include "live/endpoint.h"
#include "live/sts.h"

struct whoami_opts {
	const char *profile, *format;
	bool quiet;
	struct cmd_live_opts lo;
};

#define O(f) offsetof(struct whoami_opts, f)
static const struct cmd_option whoami_options[] = {
	CMD_STRING(0, "profile", "NAME", O(profile),
		   "the AWS CLI profile (default: AWS_PROFILE, else\n"
		   "AWS_DEFAULT_PROFILE, else default)"),
	CMD_AWS_FILE_OPTIONS(O(lo.config_file), O(lo.credentials_file)),
	CMD_LIVE_OPTIONS(O(lo)),
	CMD_CHOICE(0, "format", "text|json", O(format), cmd_formats_text_json,
		   "output format (default: text; json: as aws sts\n"
		   "get-caller-identity prints it, with the hops)"),
	CMD_FLAG('q', "quiet", O(quiet), "print nothing; the exit status tells"),
	CMD_HELP_OPTION,
	CMD_END,
};
#undef O

static const struct cmd_command whoami_command = {
	.name = "whoami",
	.usage = "iamgate whoami [--profile NAME] [options]",
	.about = "Fetch the profile's credentials along its chain, as the AWS CLI does, and\n"
		 "ask STS who they are (sts:GetCallerIdentity).  No secret is shown.\n",
	.options = whoami_options,
	.footer = "exit status: 0 done, 1 AWS refused a call, 2 usage error, 3 a profile that\n"
		  "cannot be used, 4 AWS could not be reached.\n",
};

void cmd_whoami_usage(FILE *f)
{
	cmd_help(&whoami_command, f);
}

static void when(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *hop_name(const struct iam_live_step *s)
{
	return s->hop->profile ? s->hop->profile : iam_hop_kind_name(s->hop->kind);
}

static void text(const struct cmd_live *lv, const struct iam_caller_identity *id)
{
	char t[32];

	iam_out(stdout, "Account  %s\nArn      %s\nUserId   %s\n", id->account, id->arn,
		id->user_id);
	for (size_t i = 0; i < lv->lc->nsteps; i++) {
		const struct iam_live_step *s = &lv->lc->steps[i];

		iam_out(stdout, "  hop %zu  %s  %s  %s", i + 1, hop_name(s),
			iam_hop_kind_name(s->hop->kind), s->how ? s->how : "");
		if (s->cache_file)
			iam_out(stdout, " (%s)", s->cache_file);
		if (s->expiration) {
			when(s->expiration, t, sizeof t);
			iam_out(stdout, " until %s", t);
		}
		iam_out(stdout, "\n");
	}
}

static void json(const struct cmd_live *lv, const struct iam_caller_identity *id)
{
	json_t *o = json_object(), *hops = json_array();
	char t[32];

	json_object_set_new(o, "UserId", iam_json_text(id->user_id));
	json_object_set_new(o, "Account", iam_json_text(id->account));
	json_object_set_new(o, "Arn", iam_json_text(id->arn));
	for (size_t i = 0; i < lv->lc->nsteps; i++) {
		const struct iam_live_step *s = &lv->lc->steps[i];
		json_t *h = json_object();

		json_object_set_new(h, "hop", json_integer((json_int_t)i + 1));
		json_object_set_new(h, "profile", s->hop->profile ? iam_json_text(s->hop->profile)
								  : json_null());
		json_object_set_new(h, "kind", iam_json_text(iam_hop_kind_name(s->hop->kind)));
		json_object_set_new(h, "how", iam_json_text(s->how ? s->how : ""));
		json_object_set_new(h, "cacheFile", s->cache_file ? iam_json_text(s->cache_file)
								  : json_null());
		json_object_set_new(h, "principal", s->arn ? iam_json_text(s->arn) : json_null());
		if (s->expiration)
			when(s->expiration, t, sizeof t);
		json_object_set_new(h, "expiration", s->expiration ? iam_json_text(t) : json_null());
		json_array_append_new(hops, h);
	}
	json_object_set_new(o, "hops", hops);
	json_dumpf(o, stdout, JSON_INDENT(4) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(o);
}

int cmd_whoami(int argc, char **argv)
{
	struct whoami_opts o = { .format = "text" };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_caller_identity id;
	struct iam_endpoint ep;
	struct cmd_live lv = { 0 };
	int nargs, rc = cmd_parse(&whoami_command, argc, argv, &o, &nargs);

	if (rc != CMD_CONTINUE)
		return rc;
	if (nargs) {
		iam_msg_usage("whoami", "whoami takes no arguments (the profile: --profile NAME)");
		return IAM_EXIT_USAGE;
	}
	rc = cmd_live_open("whoami", o.profile, &o.lo, &lv);
	if (rc != IAM_EXIT_OK)
		goto out;
	if (iam_endpoint_resolve(lv.L, IAM_SVC_STS, lv.chain->profile, lv.lc->region, &ep,
				 &err) < 0 ||
	    iam_sts_get_caller_identity(lv.L, &ep, &lv.lc->creds, &id, &err) < 0) {
		iam_msg_failure(&err);
		rc = iam_exit_for(&err);
		goto out;
	}
	if (!o.quiet) {
		if (strcmp(o.format, "json") == 0)
			json(&lv, &id);
		else
			text(&lv, &id);
	}
	rc = IAM_EXIT_OK;
out:
	cmd_live_close(&lv);
	return rc;
}
