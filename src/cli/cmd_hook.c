/* cli/cmd_hook.c - iamgate hook: a git pre-push hook that lints what a push
 * changes. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "cli/msg.h"

struct hook_opts {
	const char *fail_on, *hooks_dir;
	bool force;
};

#define O(f) offsetof(struct hook_opts, f)

static const struct cmd_option hook_options[] = {
	CMD_CHOICE(0, "fail-on", "SEVERITY", O(fail_on), cmd_severities,
		   "passed to iamgate lint (default: error)"),
	CMD_STRING(0, "hooks-dir", "DIR", O(hooks_dir),
		   "install into DIR (default: the repository's\n"
		   "hooks directory, as git rev-parse tells)"),
	CMD_FLAG(0, "force", O(force), "replace a pre-push hook iamgate did not write"),
	CMD_HELP_OPTION,
	CMD_END,
};

static const struct cmd_command hook_command = {
	.name = "hook",
	.usage =
		"iamgate hook install [options]\n"
		"iamgate hook print [options]",
	.about =
		"install writes a git pre-push hook that runs `iamgate lint` on the\n"
		"policy and template files (.json, .template) that the commits being\n"
		"pushed add or change; a finding at or above --fail-on stops the push\n"
		"(git push's no-verify option skips the hook).  When the repository has\n"
		"an amplify/ directory and .iamgate.json an \"amplify\" section, the hook\n"
		"also runs `iamgate amplify check` with the settings of that section.\n"
		"print writes the hook to standard output instead.\n",
	.options = hook_options,
	.footer =
		"exit status: 0 installed, 2 usage error, 3 not in a git repository or\n"
		"a hook iamgate did not write is in the way, 4 the hook cannot be written.\n",
};

void cmd_hook_usage(FILE *f)
{
	cmd_help(&hook_command, f);
}

#define HOOK_MARK "# iamgate pre-push hook"

/* s in single quotes for sh ('\'' for each quote). */
static void print_sh_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

/* The hook.  self: the absolute path of the iamgate that writes it (the
 * hook runs that one, found later from any directory), or NULL for
 * "iamgate" on PATH. */
static void print_hook(FILE *f, const char *fail_on, const char *self)
{
	fputs("#!/bin/sh\n", f);
	fputs(HOOK_MARK " (written by `iamgate hook install`; rewrite it with\n", f);
	fputs("# `iamgate hook install --force`).  Runs the iamgate that wrote it, else\n"
	      "# iamgate on PATH; set IAMGATE to choose another.\n", f);
	fputs("written_by=", f);
	print_sh_quoted(f, self ? self : "iamgate");
	fputs("\n[ -x \"$written_by\" ] || written_by=iamgate\n", f);
	fprintf(f,
		"# Lints the policy and template files\n"
		"# that the pushed commits add or change, as they are in the working tree;\n"
		"# a finding at or above --fail-on %s stops the push.  Suppress\n"
		"# findings in .iamgate.json; skip the hook with git push --no-verify.\n"
		"IAMGATE=\"${IAMGATE:-$written_by}\"\n"
		"command -v \"$IAMGATE\" >/dev/null 2>&1 || {\n"
		"\techo \"pre-push: $IAMGATE not found: not linting\" >&2\n"
		"\texit 0\n"
		"}\n"
		"zero=$(git hash-object --stdin </dev/null | tr '0-9a-f' '0')\n"
		"list=$(mktemp) || exit 1\n"
		"trap 'rm -f \"$list\"' EXIT\n"
		"while read -r local_ref local_sha remote_ref remote_sha; do\n"
		"\t[ \"$local_sha\" = \"$zero\" ] && continue  # a deleted ref\n"
		"\tif [ \"$remote_sha\" = \"$zero\" ]; then\n"
		"\t\t# a new branch: the commits no remote has yet\n"
		"\t\tgit log -z --name-only --diff-filter=ACMR --pretty=format: \\\n"
		"\t\t\t\"$local_sha\" --not --remotes\n"
		"\telse\n"
		"\t\tgit diff -z --name-only --diff-filter=ACMR \"$remote_sha\" \"$local_sha\"\n"
		"\tfi\n"
		"done >>\"$list\"\n"
		"# the names NUL-separated (-z), so that names git would quote (non-ASCII,\n"
		"# tabs, quotes) are linted too; iamgate passes over the ones that are gone\n"
		"# or of another kind\n"
		"rc=0\n"
		"if [ -s \"$list\" ]; then\n"
		"\tsort -z -u \"$list\" | \"$IAMGATE\" lint --only-policies --fail-on %s --files0-from -\n"
		"\trc=$?\n"
		"\t[ $rc -eq 1 ] && echo \"pre-push: iamgate lint found problems (git push --no-verify skips this check)\" >&2\n"
		"fi\n"
		"# An Amplify project: gate the deploy too, with the deployer policies and\n"
		"# boundaries named in the \"amplify\" section of .iamgate.json.\n"
		"if [ $rc -eq 0 ] && [ -d amplify ] && [ -f .iamgate.json ] &&\n"
		"   grep -q '\"amplify\"' .iamgate.json; then\n"
		"\t\"$IAMGATE\" amplify check --config .iamgate.json\n"
		"\trc=$?\n"
		"\t[ $rc -eq 1 ] && echo \"pre-push: iamgate amplify check: the deploy would fail or a role would lose actions (git push --no-verify skips this check)\" >&2\n"
		"fi\n"
		"exit $rc\n",
		fail_on, fail_on);
}

/* The repository's hooks directory (new string), or NULL. */
static char *git_hooks_dir(void)
{
	FILE *p = popen("git rev-parse --git-path hooks 2>/dev/null", "r");
	char buf[PATH_MAX];
	size_t n;

	if (!p)
		return NULL;
	if (!fgets(buf, sizeof(buf), p) || ferror(p)) {
		pclose(p);
		return NULL;
	}
	if (pclose(p) != 0)
		return NULL;
	n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return n ? strdup(buf) : NULL;
}

int cmd_hook(int argc, char **argv)
{
	struct hook_opts o = { .fail_on = "error" };
	const char *verb, *self;
	char *dir = NULL, path[PATH_MAX + 16], tmp[PATH_MAX + 32], selfbuf[PATH_MAX];
	bool replaced_link = false;
	struct stat sb;
	int nargs, rc, fd = -1;
	FILE *f;

	rc = cmd_parse(&hook_command, argc, argv, &o, &nargs);
	if (rc != CMD_CONTINUE)
		return rc;
	if (nargs != 1) {
		iam_msg_usage("hook", "give one of: install, print");
		return IAM_EXIT_USAGE;
	}
	verb = argv[0];
	if (strcmp(verb, "print") == 0) {
		print_hook(stdout, o.fail_on, realpath("/proc/self/exe", selfbuf));
		return IAM_EXIT_OK;  /* a write error: main says it, exit 4 */
	}
	if (strcmp(verb, "install") != 0) {
		iam_msg_usage("hook", "'%s' is not a hook command: use install or print", verb);
		return IAM_EXIT_USAGE;
	}
	dir = o.hooks_dir ? strdup(o.hooks_dir) : git_hooks_dir();
	if (!dir) {
		iam_msg_error("not in a git repository (give --hooks-dir DIR)");
		return IAM_EXIT_INVALID;
	}
	snprintf(path, sizeof(path), "%s/pre-push", dir);
	self = realpath("/proc/self/exe", selfbuf);
	if (!self)
		iam_msg_warn("cannot tell this binary's path: the hook runs iamgate from PATH");
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			/* never written through: a link in a versioned hooks
			 * folder could point anywhere */
			if (!o.force) {
				iam_msg_error("'%s' is a symbolic link: iamgate does not write through it (--force replaces the link itself)",
					      path);
				rc = IAM_EXIT_INVALID;
				goto out;
			}
			replaced_link = true;
		} else if (!S_ISREG(sb.st_mode)) {
			iam_msg_error("'%s' is not a regular file", path);
			rc = IAM_EXIT_INVALID;
			goto out;
		} else if ((f = fopen(path, "r"))) {
			char head[256] = "";
			bool ours;

			ours = fgets(head, sizeof(head), f) && fgets(head, sizeof(head), f) &&
			       strncmp(head, HOOK_MARK, strlen(HOOK_MARK)) == 0;
			if (ferror(f)) {
				iam_msg_error("'%s': cannot read: %s", path, strerror(errno));
				fclose(f);
				rc = IAM_EXIT_INVALID;
				goto out;
			}
			fclose(f);
			if (!ours && !o.force) {
				iam_msg_error("'%s' exists and iamgate did not write it: use --force to replace it",
					      path);
				rc = IAM_EXIT_INVALID;
				goto out;
			}
		}
	}
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		iam_msg_error("cannot create '%s': %s", dir, strerror(errno));
		rc = IAM_EXIT_INTERNAL;
		goto out;
	}
	/* a new file beside it, then renamed over it: the rename replaces a
	 * link, never its target, and nothing is made outside dir */
	snprintf(tmp, sizeof(tmp), "%s/.pre-push.XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		iam_msg_error("cannot write in '%s': %s", dir, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		rc = IAM_EXIT_INTERNAL;
		goto out;
	}
	print_hook(f, o.fail_on, self);
	if (fchmod(fd, 0755) < 0 || fclose(f) != 0 || rename(tmp, path) < 0) {
		iam_msg_error("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		rc = IAM_EXIT_INTERNAL;
		goto out;
	}
	if (replaced_link)
		iam_out(stdout, "replaced the symbolic link %s with the hook (its target is untouched)\n", path);
	iam_out(stdout, "installed %s\n", path);
	rc = IAM_EXIT_OK;
out:
	free(dir);
	return rc;
}
