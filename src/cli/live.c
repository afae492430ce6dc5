/* cli/live.c - the live commands' session (cli/live.h): the AWS CLI's
 * files, the profile's chain and its credentials, and the terminal the
 * MFA code is asked on.
 *
 * Owned by the cli.  The MFA code is read with echo off and never shown.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/live.h"
#include "cli/msg.h"
#include "core/awsconfig.h"
#include "core/error.h"
#include "core/profile.h"
#include "live/creds.h"
#include "live/live.h"

static void say_verbose(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "iamgate: ");
	iam_out(stderr, "%s\n", line);
}

static void say_warning(void *arg, const char *text)
{
	(void)arg;
	iam_msg_warn("%s", text);
}

/* The AWS CLI's prompt on the terminal, echo off. */
static int ask_mfa(void *arg, const char *serial, char *buf, size_t n)
{
	struct termios old, quiet;
	char prompt[600];
	ssize_t k;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	(void)arg;
	if (fd < 0 || !isatty(fd) || tcgetattr(fd, &old) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(prompt, sizeof prompt, "Enter MFA code for %s: ", serial);
	if (write(fd, prompt, strlen(prompt)) < 0)
		goto fail;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	k = read(fd, buf, n - 1);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0 || k <= 0)
		goto fail;
	buf[k] = 0;
	buf[strcspn(buf, "\r\n")] = 0;
	close(fd);
	return 0;
fail:
	close(fd);
	return -1;
}

static void print_diags(const struct iam_chain *ch)
{
	for (size_t i = 0; i < ch->ndiags; i++) {
		const struct iam_pdiag *d = &ch->diags[i];

		if (d->sev != IAM_PDIAG_ERROR)
			continue;
		if (d->file && d->line)
			iam_msg_error("%s:%d: %s: %s", d->file, d->line, d->code, d->text);
		else
			iam_msg_error("%s: %s", d->code, d->text);
	}
}

static int chain(const char *profile, const struct cmd_live_opts *o, struct cmd_live *lv)
{
	struct iam_error err = IAM_ERROR_INIT;

	iam_profile_env_from_environ(&lv->env);
	if (o->config_file)
		lv->env.config_file = o->config_file;
	if (o->credentials_file)
		lv->env.credentials_file = o->credentials_file;
	lv->env.profile = profile;
	if (!(lv->cfg = iam_profile_load(&lv->env, &err)) ||
	    !(lv->chain = iam_profile_resolve(lv->cfg, NULL, &lv->env, &err))) {
		iam_msg_failure(&err);
		return iam_exit_for(&err);
	}
	if (!lv->chain->found) {
		iam_msg_error("the config profile (%s) could not be found", lv->chain->profile);
		return IAM_EXIT_INVALID;
	}
	if (lv->chain->nerrors) {
		print_diags(lv->chain);
		iam_msg_error("profile %s cannot be used (iamgate profile %s shows its chain)",
			      lv->chain->profile, lv->chain->profile);
		return IAM_EXIT_INVALID;
	}
	return IAM_EXIT_OK;
}

int cmd_live_open(const char *cmd, const char *profile, const struct cmd_live_opts *o,
		  struct cmd_live *out)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_live_opts lo = { 0 };
	const char *code = o->mfa_code ? o->mfa_code : getenv("IAMGATE_MFA_CODE");
	int rc;

	(void)cmd;
	memset(out, 0, sizeof *out);
	if ((rc = chain(profile, o, out)) != IAM_EXIT_OK)
		return rc;
	lo.cfg = out->cfg;
	lo.env = &out->env;
	lo.profile = out->chain->profile;
	lo.verbose = o->verbose ? say_verbose : NULL;
	lo.warn = say_warning;
	lo.mfa_code = code && *code ? code : NULL;
	lo.mfa_prompt = ask_mfa;
	lo.no_cache = o->no_cache;
	if (!(out->L = iam_live_new(&lo, &err)) ||
	    iam_live_resolve(out->L, out->chain, &out->lc, &err) < 0) {
		iam_msg_failure(&err);
		return iam_exit_for(&err);
	}
	return IAM_EXIT_OK;
}

void cmd_live_close(struct cmd_live *lv)
{
	iam_live_chain_free(lv->lc);
	iam_live_free(lv->L);
	iam_chain_free(lv->chain);
	iam_awsconfig_free(lv->cfg);
	memset(lv, 0, sizeof *lv);
}
