/* Unit tests: cmd_parse and cmd_help, the commands' option layer. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/msg.h"
#include "cli/options.h"

struct sub_opts {
	const char *name;
	bool deep;
};

struct t_opts {
	bool quiet, all, list;
	const char *file, *format, *at;
	const char **tags;
	size_t ntags;
	unsigned jobs;
	int calls;
	struct sub_opts sub;
};

#define O(f) offsetof(struct t_opts, f)

static const char *const formats[] = { "text", "json", "sarif", NULL };

/* -k KEY=VALUE: 0, -1 after a message for "KEY" without "=", -2 for "oom" */
static int key_value(const char *cmd, char *arg, void *field)
{
	if (strcmp(arg, "oom") == 0)
		return -2;
	if (!strchr(arg, '=')) {
		iam_msg_usage(cmd, "--key takes KEY=VALUE, not '%s'", arg);
		return -1;
	}
	(*(int *)field)++;
	return 0;
}

static const struct cmd_option sub_options[] = {
	CMD_HEADING("sub:"),
	CMD_STRING('n', "name", "NAME", offsetof(struct sub_opts, name), "a name"),
	CMD_FLAG(0, "deep", offsetof(struct sub_opts, deep), "go deep"),
	CMD_END,
};

static const struct cmd_option t_options[] = {
	CMD_INCLUDE(sub_options, O(sub)),
	CMD_HEADING("other:"),
	CMD_FLAG('q', "quiet", O(quiet), "say nothing"),
	CMD_FLAG('a', "all", O(all), "all of them"),
	{ .kind = CMD_OPT_FLAG, .long_name = "list-all", .off = O(list),
	  .flags = CMD_OPT_STOP, .help = "list, and stop" },
	{ .kind = CMD_OPT_STRING, .short_name = 'f', .long_name = "file", .arg = "FILE",
	  .help = "the file", .off = O(file), .flags = CMD_OPT_ONCE,
	  .why = "one file is enough" },
	CMD_STRING(0, "at", "TIME", O(at), "when"),
	CMD_CHOICE(0, "format", "text|json|sarif", O(format), formats,
		   "an output format that is long enough\nto take two lines"),
	CMD_LIST('t', "tag", "TAG", O(tags), O(ntags), "a tag (repeatable)"),
	CMD_NUMBER('j', "jobs", "N", O(jobs), 1, 64, "threads"),
	CMD_CALLBACK('k', "key", "KEY=VALUE", O(calls), key_value, "a key"),
	CMD_HELP_OPTION,
	CMD_END,
};

static const struct cmd_command t_command = {
	.name = "frob",
	.usage = "iamgate frob FILE...\niamgate frob --list-all",
	.about = "Frob files.\n",
	.options = t_options,
	.footer = "exit status: 0 frobbed.\n",
};

/* ---- running cmd_parse with stderr and stdout captured ---- */

struct run {
	int rc, nargs;
	char *argv[16];
	char err[1024], out[4096];
};

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Parse the NULL-terminated arguments (after argv[0] "frob") into o. */
static void parse(const struct cmd_command *cmd, void *o, struct run *r, ...)
{
	FILE *err = tmpfile(), *out = tmpfile();
	int saved_err, saved_out, argc = 0;
	va_list ap;
	const char *a;

	assert_non_null(err);
	assert_non_null(out);
	memset(r, 0, sizeof(*r));
	r->argv[argc++] = (char *)"frob";
	va_start(ap, r);
	while ((a = va_arg(ap, const char *)) != NULL && argc < 15)
		r->argv[argc++] = (char *)a;
	va_end(ap);
	fflush(stderr);
	fflush(stdout);
	saved_err = dup(2);
	saved_out = dup(1);
	dup2(fileno(err), 2);
	dup2(fileno(out), 1);
	r->rc = cmd_parse(cmd, argc, r->argv, o, &r->nargs);
	fflush(stderr);
	fflush(stdout);
	dup2(saved_err, 2);
	dup2(saved_out, 1);
	close(saved_err);
	close(saved_out);
	slurp(err, r->err, sizeof(r->err));
	slurp(out, r->out, sizeof(r->out));
}

#define PARSE(o, r, ...) parse(&t_command, (o), (r), __VA_ARGS__, (const char *)NULL)

/* The usage error for frob: msg, then the try line; exit 2. */
static void assert_usage(const struct run *r, const char *msg)
{
	char want[512];

	snprintf(want, sizeof(want), "iamgate: %s\ntry 'iamgate frob --help'\n", msg);
	assert_int_equal(r->rc, IAM_EXIT_USAGE);
	assert_string_equal(r->err, want);
}

/* ---- the command line ---- */

static void test_short_and_long_forms(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "-q", "-fone", "--at=noon", "--format", "json", "-j", "3",
	      "-n", "x", "--deep");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_int_equal(r.nargs, 0);
	assert_true(o.quiet);
	assert_string_equal(o.file, "one");
	assert_string_equal(o.at, "noon");
	assert_string_equal(o.format, "json");
	assert_int_equal(o.jobs, 3);
	/* an included table's values land in its own struct */
	assert_string_equal(o.sub.name, "x");
	assert_true(o.sub.deep);
	assert_string_equal(r.err, "");
}

static void test_bundled_flags_and_value(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "-qafx");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.quiet);
	assert_true(o.all);
	assert_string_equal(o.file, "x");
	memset(&o, 0, sizeof(o));
	PARSE(&o, &r, "-qf", "y");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.quiet);
	assert_string_equal(o.file, "y");
}

static void test_value_taken_as_is(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	/* the next argument is the value, even when it looks like an option */
	PARSE(&o, &r, "--at", "--quiet", "-f", "-q", "--format=text");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_string_equal(o.at, "--quiet");
	assert_string_equal(o.file, "-q");
	assert_false(o.quiet);
	memset(&o, 0, sizeof(o));
	PARSE(&o, &r, "--at=", "--at=a=b");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_string_equal(o.at, "a=b");   /* the last one wins */
}

static void test_operands_in_order(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "a", "-q", "-", "b", "--", "-a", "--at", "c");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.quiet);
	assert_false(o.all);   /* after "--": an operand */
	assert_null(o.at);
	assert_int_equal(r.nargs, 6);
	assert_string_equal(r.argv[0], "a");
	assert_string_equal(r.argv[1], "-");
	assert_string_equal(r.argv[2], "b");
	assert_string_equal(r.argv[3], "-a");
	assert_string_equal(r.argv[4], "--at");
	assert_string_equal(r.argv[5], "c");
	assert_null(r.argv[6]);   /* ends as argv does */
}

static void test_abbreviations(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "--qu", "--form=sarif", "--ta", "t1");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.quiet);
	assert_string_equal(o.format, "sarif");
	assert_int_equal(o.ntags, 1);
	free(o.tags);
	/* whole names, and "--list", which starts only list-all */
	memset(&o, 0, sizeof(o));
	PARSE(&o, &r, "--all", "--list");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.all);
	assert_true(o.list);
}

static void test_exact_name_wins(void **state)
{
	struct l_opts { bool list, list_rules; } o = { 0 };
	static const struct cmd_option opts[] = {
		CMD_FLAG(0, "list-rules", offsetof(struct l_opts, list_rules), "rules"),
		CMD_FLAG(0, "list", offsetof(struct l_opts, list), "list"),
		CMD_END,
	};
	static const struct cmd_command cmd = { .name = "frob", .usage = "x", .options = opts };
	struct run r;
	(void)state;
	parse(&cmd, &o, &r, "--list", (const char *)NULL);
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.list);
	assert_false(o.list_rules);
	parse(&cmd, &o, &r, "--li", (const char *)NULL);
	assert_usage(&r, "option '--li' is ambiguous (--list-rules, --list)");
}

static void test_list_repeats(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "-t", "a", "--tag=b", "-tc", "x", "--tag", "d");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_int_equal(o.ntags, 4);
	assert_string_equal(o.tags[0], "a");
	assert_string_equal(o.tags[1], "b");
	assert_string_equal(o.tags[2], "c");
	assert_string_equal(o.tags[3], "d");
	assert_int_equal(r.nargs, 1);
	free(o.tags);
}

static void test_stop_flag(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	/* what follows is not read: no error for --frob */
	PARSE(&o, &r, "-q", "--list-all", "--frob", "x");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.list);
	assert_int_equal(r.nargs, 2);
	assert_string_equal(r.argv[0], "--frob");
	assert_string_equal(r.argv[1], "x");
	/* an error before it is one */
	memset(&o, 0, sizeof(o));
	PARSE(&o, &r, "--frob", "--list-all");
	assert_usage(&r, "unknown option '--frob'");
}

static void test_stop_at_operand(void **state)
{
	static const struct cmd_command cmd = { .usage = "x", .options = t_options,
						.flags = CMD_STOP_AT_OPERAND };
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	parse(&cmd, &o, &r, "-q", "lint", "--all", "-x", (const char *)NULL);
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.quiet);
	assert_false(o.all);
	assert_int_equal(r.nargs, 3);
	assert_string_equal(r.argv[0], "lint");
	assert_string_equal(r.argv[2], "-x");
	/* no command name: "try 'iamgate --help'" */
	parse(&cmd, &o, &r, "--frob", (const char *)NULL);
	assert_string_equal(r.err, "iamgate: unknown option '--frob'\ntry 'iamgate --help'\n");
}

/* ---- the errors, one wording each ---- */

static void test_unknown(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "--frobnicate");
	assert_usage(&r, "unknown option '--frobnicate'");
	PARSE(&o, &r, "--frobnicate=3");
	assert_usage(&r, "unknown option '--frobnicate'");
	PARSE(&o, &r, "-x");
	assert_usage(&r, "unknown option '-x'");
	/* in a bundle: the letter, wherever it is */
	PARSE(&o, &r, "-qx");
	assert_usage(&r, "unknown option '-x'");
	PARSE(&o, &r, "a", "-xq");
	assert_usage(&r, "unknown option '-x'");
	PARSE(&o, &r, "--=x");
	assert_usage(&r, "unknown option '--=x'");
}

static void test_ambiguous(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "--a", "x");
	assert_usage(&r, "option '--a' is ambiguous (--all, --at)");
	PARSE(&o, &r, "--a=x");
	assert_usage(&r, "option '--a' is ambiguous (--all, --at)");
	/* the included table's names count */
	PARSE(&o, &r, "--d");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_true(o.sub.deep);
}

static void test_takes_no_value(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "--quiet=1");
	assert_usage(&r, "option '--quiet' takes no value");
	/* named in full when abbreviated */
	PARSE(&o, &r, "--qui=");
	assert_usage(&r, "option '--quiet' takes no value");
	PARSE(&o, &r, "--help=yes");
	assert_usage(&r, "option '--help' takes no value");
	assert_string_equal(r.out, "");
}

static void test_needs_value(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "--file");
	assert_usage(&r, "option '--file' needs a value");
	PARSE(&o, &r, "--fi");
	assert_usage(&r, "option '--file' needs a value");
	PARSE(&o, &r, "-f");
	assert_usage(&r, "option '-f' needs a value");
	PARSE(&o, &r, "-qf");
	assert_usage(&r, "option '-f' needs a value");
}

static void test_choice(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "--format", "yaml");
	assert_usage(&r, "--format must be text, json or sarif, not 'yaml'");
	PARSE(&o, &r, "--format=");
	assert_usage(&r, "--format must be text, json or sarif, not ''");
	assert_null(o.format);
}

static void test_number(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "-j", "0");
	assert_usage(&r, "--jobs must be a number from 1 to 64, not '0'");
	PARSE(&o, &r, "-j65");
	assert_usage(&r, "--jobs must be a number from 1 to 64, not '65'");
	PARSE(&o, &r, "--jobs=3x");
	assert_usage(&r, "--jobs must be a number from 1 to 64, not '3x'");
	PARSE(&o, &r, "--jobs=");
	assert_usage(&r, "--jobs must be a number from 1 to 64, not ''");
	PARSE(&o, &r, "-j", "99999999999999999999999");
	assert_usage(&r, "--jobs must be a number from 1 to 64, not '99999999999999999999999'");
	PARSE(&o, &r, "-j64");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_int_equal(o.jobs, 64);
}

static void test_once(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "-f", "a", "--file=b");
	assert_usage(&r, "one file is enough: --file given twice");
	assert_string_equal(o.file, "a");
}

static void test_callback(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	PARSE(&o, &r, "-k", "a=1", "--key=b=2", "-kc=3");
	assert_int_equal(r.rc, CMD_CONTINUE);
	assert_int_equal(o.calls, 3);
	PARSE(&o, &r, "-k", "a");
	assert_usage(&r, "--key takes KEY=VALUE, not 'a'");
	PARSE(&o, &r, "--key", "oom");
	assert_int_equal(r.rc, IAM_EXIT_INTERNAL);
	assert_string_equal(r.err, "iamgate: out of memory\n");
}

static void test_errors_stop_in_order(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	/* the first error is the one said; nothing after it is read */
	PARSE(&o, &r, "--format", "yaml", "-j", "0", "-q");
	assert_usage(&r, "--format must be text, json or sarif, not 'yaml'");
	assert_false(o.quiet);
}

/* ---- --help ---- */

static const char t_help[] =
	"usage: iamgate frob FILE...\n"
	"       iamgate frob --list-all\n"
	"\n"
	"Frob files.\n"
	"\n"
	"sub:\n"
	"  -n, --name NAME             a name\n"
	"      --deep                  go deep\n"
	"other:\n"
	"  -q, --quiet                 say nothing\n"
	"  -a, --all                   all of them\n"
	"      --list-all              list, and stop\n"
	"  -f, --file FILE             the file\n"
	"      --at TIME               when\n"
	"      --format text|json|sarif  an output format that is long enough\n"
	"                              to take two lines\n"
	"  -t, --tag TAG               a tag (repeatable)\n"
	"  -j, --jobs N                threads\n"
	"  -k, --key KEY=VALUE         a key\n"
	"  -h, --help                  show this help\n"
	"\n"
	"exit status: 0 frobbed.\n";

static void test_help_text(void **state)
{
	char buf[4096];
	FILE *f = tmpfile();
	(void)state;
	assert_non_null(f);
	cmd_help(&t_command, f);
	slurp(f, buf, sizeof(buf));
	assert_string_equal(buf, t_help);
}

static void test_help_column(void **state)
{
	/* 29 columns: one space; 30 and more: two */
	static const struct cmd_option opts[] = {
		CMD_STRING(0, "project-boundary", "FILE", 0, "one space"),
		CMD_STRING(0, "format", "text|json|sarif", 0, "two spaces"),
		CMD_FLAG('x', NULL, 0, "short only"),
		CMD_END,
	};
	static const struct cmd_command cmd = { .name = "frob", .usage = "x", .options = opts };
	char buf[1024];
	FILE *f = tmpfile();
	(void)state;
	assert_non_null(f);
	cmd_help(&cmd, f);
	slurp(f, buf, sizeof(buf));
	assert_string_equal(buf,
			    "usage: x\n"
			    "\n"
			    "      --project-boundary FILE one space\n"
			    "      --format text|json|sarif  two spaces\n"
			    "  -x                          short only\n");
}

static void test_help_option(void **state)
{
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	/* options before it are read; what follows is not */
	PARSE(&o, &r, "-q", "--help", "--frob");
	assert_int_equal(r.rc, IAM_EXIT_OK);
	assert_true(o.quiet);
	assert_string_equal(r.out, t_help);
	assert_string_equal(r.err, "");
	PARSE(&o, &r, "-qh");
	assert_int_equal(r.rc, IAM_EXIT_OK);
	assert_string_equal(r.out, t_help);
	PARSE(&o, &r, "--frob", "-h");
	assert_usage(&r, "unknown option '--frob'");
	assert_string_equal(r.out, "");
}

static void own_help(FILE *f)
{
	cmd_help(&t_command, f);
	fputs("\nlists: a b\n", f);
}

static void test_print_help(void **state)
{
	static const struct cmd_command cmd = { .name = "frob", .options = t_options,
						.print_help = own_help };
	char want[4096];
	struct t_opts o = { 0 };
	struct run r;
	(void)state;
	parse(&cmd, &o, &r, "--help", (const char *)NULL);
	assert_int_equal(r.rc, IAM_EXIT_OK);
	snprintf(want, sizeof(want), "%s\nlists: a b\n", t_help);
	assert_string_equal(r.out, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_and_long_forms),
		cmocka_unit_test(test_bundled_flags_and_value),
		cmocka_unit_test(test_value_taken_as_is),
		cmocka_unit_test(test_operands_in_order),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_exact_name_wins),
		cmocka_unit_test(test_list_repeats),
		cmocka_unit_test(test_stop_flag),
		cmocka_unit_test(test_stop_at_operand),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_takes_no_value),
		cmocka_unit_test(test_needs_value),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_once),
		cmocka_unit_test(test_callback),
		cmocka_unit_test(test_errors_stop_in_order),
		cmocka_unit_test(test_help_text),
		cmocka_unit_test(test_help_column),
		cmocka_unit_test(test_help_option),
		cmocka_unit_test(test_print_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
