/* cli/cmd_account.c - iamgate account fetch: the account a profile's
 * chain acts in, read from IAM into the snapshot --account reads (the
 * JSON `aws iam get-account-authorization-details` prints, each user's
 * access key IDs added), and with --org-output its organization levels
 * into the file --org reads.
 *
 * Owned by the live work.  The live layer fetches (live/fetch.h); this
 * file writes the files and says how far it got.  No secret is ever
 * written: the snapshot holds key IDs and status only.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "cli/live.h"
#include "cli/msg.h"
#include "core/error.h"
#include "live/creds.h"
#include "live/endpoint.h"
#include "live/fetch.h"
#include "live/sts.h"

struct fetch_opts {
	const char *profile, *output, *org_output;
	unsigned page_size;
	bool quiet;
	struct cmd_live_opts live;
};

#define O(f) offsetof(struct fetch_opts, f)

static const struct cmd_option fetch_options[] = {
	CMD_STRING(0, "profile", "NAME", O(profile),
		   "the AWS CLI profile whose chain gives the\n"
		   "credentials (default: AWS_PROFILE, else\n"
		   "AWS_DEFAULT_PROFILE, else default)"),
	CMD_STRING('o', "output", "FILE", O(output),
		   "write the snapshot to FILE (default, and -:\n"
		   "standard output)"),
	CMD_STRING(0, "org-output", "FILE", O(org_output),
		   "also write the account's organization levels\n"
		   "(SCPs, RCPs; the --org file) to FILE"),
	CMD_NUMBER(0, "page-size", "N", O(page_size), 1, 1000,
		   "ask IAM for N entities a page (1-1000; default:\n"
		   "1000, the most IAM gives)"),
	CMD_FLAG('q', "quiet", O(quiet), "no progress and no summary on standard error"),
	CMD_LIVE_OPTIONS(O(live)),
	CMD_AWS_FILE_OPTIONS(O(live.config_file), O(live.credentials_file)),
	CMD_HELP_OPTION,
	CMD_END,
};
#undef O

static const struct cmd_command fetch_command = {
	.name = "account",
	.usage = "iamgate account fetch [options]",
	.about =
		"Read the account the profile's chain acts in from IAM into a snapshot:\n"
		"GetAccountAuthorizationDetails, every page, then ListAccessKeys for each\n"
		"user (key IDs and status, never a secret), written as the AWS CLI prints\n"
		"aws iam get-account-authorization-details, for --account.  The calls need\n"
		"iam:GetAccountAuthorizationDetails and iam:ListAccessKeys; --org-output\n"
		"needs the organizations:List* and Describe* of the management account or\n"
		"a delegated administrator.  A progress line is shown while a terminal\n"
		"watches standard error.\n",
	.options = fetch_options,
	.footer =
		"exit status: 0 fetched, 1 AWS refused a call (or --org-output's levels\n"
		"could not be read), 2 usage error, 3 a broken profile or answer, 4 the\n"
		"network or a file could not be written.\n",
};

void cmd_account_usage(FILE *f)
{
	cmd_help(&fetch_command, f);
}

/* ---- progress, on a terminal only ---- */

struct progress {
	bool on, shown;
	struct iam_fetch_progress last;
};

static void on_progress(const struct iam_fetch_progress *p, void *arg)
{
	struct progress *pg = arg;

	pg->last = *p;
	if (!pg->on)
		return;
	fprintf(stderr, "\r\033[Kfetching: %zu page%s, %zu users, %zu groups, %zu roles, "
		"%zu policies", p->pages, p->pages == 1 ? "" : "s", p->users, p->groups,
		p->roles, p->policies);
	if (p->keys_done)
		fprintf(stderr, "; access keys of %zu/%zu users", p->keys_done, p->users);
	fflush(stderr);
	pg->shown = true;
}

static void progress_clear(struct progress *pg)
{
	if (pg->shown)
		fputs("\r\033[K", stderr);
	fflush(stderr);
	pg->shown = false;
}

/* ---- writing ---- */

/* text into file: a new file beside it, renamed over it; "-" or NULL:
 * standard output.  0, or the exit status after saying why. */
static int write_out(const char *file, const char *text)
{
	size_t n = strlen(text), len;
	char *tmp;
	int fd;
	FILE *f;

	if (!file || strcmp(file, "-") == 0)
		return fwrite(text, 1, n, stdout) == n ? 0 : IAM_EXIT_INTERNAL;
	len = strlen(file) + 16;
	if (!(tmp = malloc(len))) {
		iam_msg_error("out of memory");
		return IAM_EXIT_INTERNAL;
	}
	snprintf(tmp, len, "%s.tmp.XXXXXX", file);
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		iam_msg_error("cannot write '%s': %s", file, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return IAM_EXIT_INTERNAL;
	}
	if (fwrite(text, 1, n, f) != n || fflush(f) != 0 || fsync(fd) < 0) {
		iam_msg_error("cannot write '%s': %s", file, strerror(errno));
		fclose(f);
		unlink(tmp);
		free(tmp);
		return IAM_EXIT_INTERNAL;
	}
	if (fclose(f) != 0 || rename(tmp, file) < 0) {
		iam_msg_error("cannot write '%s': %s", file, strerror(errno));
		unlink(tmp);
		free(tmp);
		return IAM_EXIT_INTERNAL;
	}
	free(tmp);
	return 0;
}

/* The JSON indented as the AWS CLI prints it, one final newline. */
static int write_json(const char *file, const json_t *j)
{
	char *text = json_dumps(j, JSON_INDENT(4)), *nl;
	size_t n;
	int rc;

	if (!text || !(nl = realloc(text, (n = strlen(text)) + 2))) {
		free(text);
		iam_msg_error("out of memory");
		return IAM_EXIT_INTERNAL;
	}
	memcpy(nl + n, "\n", 2);
	rc = write_out(file, nl);
	free(nl);
	return rc;
}

static int failed(const struct iam_error *err)
{
	iam_msg_failure(err);
	return iam_exit_for(err);
}

/* ---- the organization ---- */

static int fetch_org(const struct fetch_opts *o, struct cmd_live *lv)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_caller_identity id;
	struct iam_endpoint ep;
	char why[768];
	json_t *org;
	int rc;

	if (iam_endpoint_resolve(lv->L, IAM_SVC_STS, o->profile, lv->lc->region, &ep, &err) < 0 ||
	    iam_sts_get_caller_identity(lv->L, &ep, &lv->lc->creds, &id, &err) < 0)
		return failed(&err);
	rc = iam_fetch_org(lv->L, &lv->lc->creds, lv->lc->region, id.account, &org, why,
			   sizeof why, &err);
	if (rc < 0)
		return failed(&err);
	if (rc > 0) {
		iam_msg_error("cannot read the SCPs and RCPs of account %s: %s", id.account, why);
		return IAM_EXIT_DENIED;
	}
	if (*why && !o->quiet)
		iam_msg_warn("%s", why);
	rc = write_json(o->org_output, org);
	if (rc == 0 && !o->quiet)
		iam_out(stderr, "iamgate: account %s: %zu organization levels written to %s\n",
			id.account, json_array_size(json_object_get(json_object_get(org, "accounts"),
								     id.account)),
			o->org_output);
	json_decref(org);
	return rc;
}

/* ---- the command ---- */

static void summary(const struct fetch_opts *o, const struct iam_fetch_progress *p,
		    const json_t *snap)
{
	const json_t *users = json_object_get(snap, "UserDetailList"), *u;
	size_t keys = 0, i;

	json_array_foreach(users, i, u)
		keys += json_array_size(json_object_get(u, "AccessKeyMetadata"));
	iam_out(stderr, "iamgate: %zu users, %zu groups, %zu roles, %zu managed policies, "
		"%zu access keys (%zu pages) written to %s\n", p->users, p->groups, p->roles,
		p->policies, keys, p->pages,
		o->output && strcmp(o->output, "-") ? o->output : "standard output");
}

static int run_fetch(const struct fetch_opts *o, struct cmd_live *lv)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct progress pg = { .on = !o->quiet && isatty(STDERR_FILENO) };
	json_t *snap;
	int rc;

	rc = iam_fetch_account(lv->L, &lv->lc->creds, lv->lc->region, o->page_size,
			       on_progress, &pg, &snap, &err);
	progress_clear(&pg);
	if (rc < 0)
		return failed(&err);
	rc = write_json(o->output, snap);
	if (rc == 0 && !o->quiet)
		summary(o, &pg.last, snap);
	json_decref(snap);
	if (rc == 0 && o->org_output)
		rc = fetch_org(o, lv);
	return rc;
}

static int cmd_fetch(int argc, char **argv)
{
	struct fetch_opts o = { 0 };
	struct cmd_live lv;
	int nargs, rc = cmd_parse(&fetch_command, argc, argv, &o, &nargs);

	if (rc != CMD_CONTINUE)
		return rc;
	if (nargs) {
		iam_msg_usage("account", "account fetch takes no arguments");
		return IAM_EXIT_USAGE;
	}
	if (o.org_output && strcmp(o.output ? o.output : "-", o.org_output) == 0) {
		iam_msg_usage("account", "-o and --org-output name the same file");
		return IAM_EXIT_USAGE;
	}
	if ((rc = cmd_live_open("account", o.profile, &o.live, &lv)) != 0)
		return rc;
	rc = run_fetch(&o, &lv);
	cmd_live_close(&lv);
	return rc;
}

int cmd_account(int argc, char **argv)
{
	if (argc < 2) {
		iam_msg_usage("account", "give a subcommand: fetch");
		return IAM_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cmd_account_usage(stdout);
		return IAM_EXIT_OK;
	}
	if (strcmp(argv[1], "fetch") == 0)
		return cmd_fetch(argc - 1, argv + 1);
	iam_msg_usage("account", "'%s' is not an account subcommand (fetch)", argv[1]);
	return IAM_EXIT_USAGE;
}
