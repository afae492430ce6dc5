/* cli/main.c - iamgate: dispatch to a subcommand. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "cli/msg.h"

struct cmd_struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	void (*usage)(FILE *f);
	const char *summary;
};

static const struct cmd_struct commands[] = {
	{ "account", cmd_account, cmd_account_usage,
	  "fetch the account from IAM into a snapshot (and its SCP/RCP levels)" },
	{ "amplify", cmd_amplify, cmd_amplify_usage,
	  "gate an Amplify deploy: required actions and role boundaries" },
	{ "assume", cmd_assume, cmd_assume_usage,
	  "decide every hop of a profile's role chain, then a request as its session" },
	{ "evaluate", cmd_evaluate, cmd_evaluate_usage,
	  "decide one request, or many with --batch" },
	{ "expand", cmd_expand, cmd_expand_usage,
	  "list the actions that action patterns cover" },
	{ "hook", cmd_hook, cmd_hook_usage,
	  "install a git pre-push hook that lints what a push changes" },
	{ "lint", cmd_lint, cmd_lint_usage,
	  "check policies offline as IAM Access Analyzer does" },
	{ "profile", cmd_profile, cmd_profile_usage,
	  "resolve an AWS CLI profile's credential chain, or lint them all" },
	{ "whoami", cmd_whoami, cmd_whoami_usage,
	  "who a profile's chain acts as, asked of STS (GetCallerIdentity)" },
};

static void usage(FILE *f)
{
	fputs("usage: iamgate COMMAND [ARGS]\n"
	      "       iamgate --version | --help | help COMMAND\n"
	      "\n"
	      "Analyze AWS IAM policies offline: decide requests exactly as AWS does.\n"
	      "\n"
	      "commands:\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "exit status: 0 allowed / passed, 1 denied / failed, 2 usage error,\n"
	      "3 invalid input, 4 internal error.  See iamgate(1).\n", f);
}

static const struct cmd_struct *find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* iamgate's own options, before the command */
struct main_opts {
	bool help, version;
};

static const struct cmd_option main_options[] = {
	{ .kind = CMD_OPT_FLAG, .short_name = 'h', .long_name = "help",
	  .off = offsetof(struct main_opts, help), .flags = CMD_OPT_STOP },
	{ .kind = CMD_OPT_FLAG, .long_name = "version",
	  .off = offsetof(struct main_opts, version), .flags = CMD_OPT_STOP },
	CMD_END,
};

/* for cmd_parse only: its --help is usage(), said by main() */
static const struct cmd_command main_command = {
	.options = main_options,
	.flags = CMD_STOP_AT_OPERAND,
};

/* Whatever a command printed must have reached standard output: a full
 * disk, a closed pipe or /dev/full is exit 4 with a message, never a
 * silent exit 0.  rc is the command's own exit status. */
static int finish(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int e = errno;

		iam_msg_error("cannot write standard output: %s", strerror(e ? e : EIO));
		return IAM_EXIT_INTERNAL;
	}
	return rc;
}

static int run(int argc, char **argv);

/* A standard descriptor that was closed (<&-, >&-) is held by /dev/null
 * opened the wrong way round: reading standard input then fails with
 * EBADF as on a closed descriptor (and says so), writing standard output
 * fails as well (exit 4), and no file iamgate opens can take descriptor
 * 0, 1 or 2 and be read or written by mistake as standard input or
 * output. */
static void hold_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (got != fd && got >= 0)
			close(got);
	}
}

int main(int argc, char **argv)
{
	hold_std_fds();
	return finish(run(argc, argv));
}

static int run(int argc, char **argv)
{
	const struct cmd_struct *c;
	struct main_opts o = { false, false };
	const char *first = argc > 1 ? argv[1] : NULL;
	int nargs, rc;

	if (argc < 2) {
		usage(stderr);
		return IAM_EXIT_USAGE;
	}
	rc = cmd_parse(&main_command, argc, argv, &o, &nargs);
	if (rc != CMD_CONTINUE)
		return rc;
	if (o.help || o.version) {
		if (nargs > 0) {
			iam_msg_usage(NULL, "'%s' takes no arguments", first);
			return IAM_EXIT_USAGE;
		}
		if (o.version)
			printf("iamgate %s\n", PACKAGE_VERSION);
		else
			usage(stdout);
		return IAM_EXIT_OK;
	}
	if (nargs == 0) {
		usage(stderr);
		return IAM_EXIT_USAGE;
	}
	if (strcmp(argv[0], "help") == 0) {
		if (nargs < 2) {
			usage(stdout);
			return IAM_EXIT_OK;
		}
		if (nargs > 2) {
			iam_msg_usage(NULL, "'help' takes one command");
			return IAM_EXIT_USAGE;
		}
		c = find(argv[1]);
		if (!c) {
			iam_msg_usage(NULL, "'%s' is not an iamgate command", argv[1]);
			return IAM_EXIT_USAGE;
		}
		c->usage(stdout);
		return IAM_EXIT_OK;
	}
	c = find(argv[0]);
	if (!c) {
		iam_msg_usage(NULL, "'%s' is not an iamgate command", argv[0]);
		return IAM_EXIT_USAGE;
	}
	return c->fn(nargs, argv);
}
