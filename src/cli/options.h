/* cli/options.h - the commands' options: one table each, one parser.
 *
 * In the spirit of git's parse-options.  A command describes its options
 * once, in a static table of struct cmd_option; cmd_parse() reads argv by
 * it, stores each value at its offset in the command's own options struct,
 * and says every option error itself, always in the same words:
 *
 *   unknown option '--frobnicate'         unknown option '-x'
 *   option '--co' is ambiguous (--color, --config)
 *   option '--quiet' takes no value       option '--catalog' needs a value
 *   --format must be text or json, not 'yaml'
 *   --jobs must be a number from 1 to 64, not '0'
 *   a role or user has one permissions boundary: --boundary given twice
 *
 * each followed by "try 'iamgate CMD --help'" (exit status 2).  An option
 * is named as it was given, abbreviations written out; a value's message
 * names the option by its long name.  cmd_help() writes --help from the
 * same table.
 *
 * The command line, as getopt_long read it:
 *   -x VALUE, -xVALUE, -abc (flags bundled; the last may take a value),
 *   --long VALUE, --long=VALUE, --lo (any unambiguous abbreviation; an
 *   exact name wins over the longer names it starts), options and operands
 *   in any order, "-" an operand, "--" ends the options.
 *
 * Using it, for a command "frob" with an options struct:
 *
 *   struct frob_opts { bool quiet; const char *format; const char **tags;
 *                      size_t ntags; struct cmd_policy_opts pol; };
 *   #define O(f) offsetof(struct frob_opts, f)
 *   static const struct cmd_option frob_options[] = {
 *           CMD_INCLUDE(cmd_policy_options, O(pol)),  (cli/cmds.h)
 *           CMD_HEADING("output:"),
 *           CMD_CHOICE(0, "format", "text|json", O(format), cmd_formats_text_json,
 *                      "output format (default: text)"),
 *           CMD_LIST('t', "tag", "TAG", O(tags), O(ntags), "a tag (repeatable)"),
 *           CMD_FLAG('q', "quiet", O(quiet), "print nothing; the exit status tells"),
 *           CMD_HELP_OPTION,
 *           CMD_END,
 *   };
 *   static const struct cmd_command frob_command = {
 *           .name = "frob", .usage = "iamgate frob FILE... [options]",
 *           .about = "Frob files.\n", .options = frob_options,
 *           .footer = "exit status: 0 frobbed, 2 usage error.\n",
 *   };
 *
 *   int cmd_frob(int argc, char **argv)
 *   {
 *           struct frob_opts o = { .format = "text" };   (defaults first)
 *           int nargs, rc = cmd_parse(&frob_command, argc, argv, &o, &nargs);
 *
 *           if (rc != CMD_CONTINUE)
 *                   goto out;        (rc: 0 after --help, 2, or 4)
 *           ... argv[0] .. argv[nargs - 1] are the operands ...
 *   out:
 *           free(o.tags);            (the LIST arrays are the caller's)
 *           return rc;
 *   }
 *
 * A command with subcommands (amplify check, amplify actions) parses the
 * arguments after the subcommand's word with the subcommand's table; .name
 * stays the command's ("amplify"), as the "try" line names it, and
 * .print_help can print the one help of the command (which may itself be
 * cmd_help of a command made for showing, its footer NULL, and more
 * lines after it).  Checks that need several options or the operands (--config
 * and --no-config, --batch without ACTION) stay in the command, after
 * cmd_parse, as their messages do.
 */
#ifndef CMD_OPTIONS_H
#define CMD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cmd_opt_kind {
	CMD_OPT_END,        /* ends a table */
	CMD_OPT_HEADING,    /* --help only: .help on a line of its own */
	CMD_OPT_INCLUDE,    /* the options of table .sub, their values at .off
			     * plus their own offsets */
	CMD_OPT_FLAG,       /* bool, set to true; takes no value */
	CMD_OPT_STRING,     /* const char *, borrowed from argv; the last wins */
	CMD_OPT_LIST,       /* repeatable: const char ** at .off (the caller
			     * frees the array), its size_t count at .off_n */
	CMD_OPT_CHOICE,     /* const char *, one of .choices */
	CMD_OPT_NUMBER,     /* unsigned, from .min to .max (strtol's syntax) */
	CMD_OPT_CALLBACK,   /* .cb(command name, value, the field at .off) */
	CMD_OPT_HELP,       /* print the command's help to stdout (.print_help,
			     * else cmd_help()): exit status 0 */
};

/* .flags */
#define CMD_OPT_ONCE 1u     /* a second one is an error ("[.why: ]--x given
			     * twice") */
#define CMD_OPT_STOP 2u     /* a FLAG that ends the options: the arguments
			     * after it are operands, unread (--list-rules) */

struct cmd_option {
	enum cmd_opt_kind kind;
	int short_name;               /* 'p', or 0 */
	const char *long_name;        /* "policy" (without "--"), or NULL */
	const char *arg;              /* the value's name in --help: "FILE" */
	const char *help;             /* --help text; '\n' starts a line of
				       * its own, under the first */
	size_t off;                   /* where the value goes (offsetof) */
	size_t off_n;                 /* CMD_OPT_LIST: its count */
	unsigned flags;
	const char *why;              /* CMD_OPT_ONCE: why not twice, or NULL */
	const char *const *choices;   /* CMD_OPT_CHOICE, NULL-terminated */
	unsigned min, max;            /* CMD_OPT_NUMBER */
	/* CMD_OPT_CALLBACK: 0; -1 after its own usage message (through
	 * iam_msg_usage, for command cmd); -2 when out of memory */
	int (*cb)(const char *cmd, char *value, void *field);
	const struct cmd_option *sub; /* CMD_OPT_INCLUDE */
};

#define CMD_END { .kind = CMD_OPT_END }
#define CMD_HEADING(text) { .kind = CMD_OPT_HEADING, .help = (text) }
#define CMD_INCLUDE(table, off_) { .kind = CMD_OPT_INCLUDE, .sub = (table), .off = (off_) }
#define CMD_FLAG(s, l, off_, h) \
	{ .kind = CMD_OPT_FLAG, .short_name = (s), .long_name = (l), .help = (h), .off = (off_) }
#define CMD_STRING(s, l, a, off_, h) \
	{ .kind = CMD_OPT_STRING, .short_name = (s), .long_name = (l), .arg = (a), \
	  .help = (h), .off = (off_) }
#define CMD_LIST(s, l, a, off_, offn, h) \
	{ .kind = CMD_OPT_LIST, .short_name = (s), .long_name = (l), .arg = (a), \
	  .help = (h), .off = (off_), .off_n = (offn) }
#define CMD_CHOICE(s, l, a, off_, ch, h) \
	{ .kind = CMD_OPT_CHOICE, .short_name = (s), .long_name = (l), .arg = (a), \
	  .help = (h), .off = (off_), .choices = (ch) }
#define CMD_NUMBER(s, l, a, off_, lo, hi, h) \
	{ .kind = CMD_OPT_NUMBER, .short_name = (s), .long_name = (l), .arg = (a), \
	  .help = (h), .off = (off_), .min = (lo), .max = (hi) }
#define CMD_CALLBACK(s, l, a, off_, fn, h) \
	{ .kind = CMD_OPT_CALLBACK, .short_name = (s), .long_name = (l), .arg = (a), \
	  .help = (h), .off = (off_), .cb = (fn) }
#define CMD_HELP_OPTION \
	{ .kind = CMD_OPT_HELP, .short_name = 'h', .long_name = "help", \
	  .help = "show this help" }

/* .flags of a command */
#define CMD_STOP_AT_OPERAND 1u  /* the first operand ends the options (the
				 * dispatcher: what follows is a command's) */
#define CMD_OPERANDS_TEXT 2u    /* the operands are text (actions, ARNs),
				 * not file names: they must be UTF-8 */
/* Every option value must be valid UTF-8 too, unless the option's .arg
 * names a FILE or DIR (a file name may hold any bytes); else it is a usage
 * error: "--region: 'us\xff' is not valid UTF-8". */

/* A command's help and options:
 *
 *   usage: USAGE LINE 1
 *          USAGE LINE 2
 *
 *   ABOUT
 *
 *   OPTIONS (headings, then "  -x, --long ARG   help" lines, the help
 *            from column 30)
 *
 *   FOOTER
 */
struct cmd_command {
	const char *name;               /* "lint": "try 'iamgate lint --help'";
					 * NULL: "try 'iamgate --help'" */
	const char *usage;              /* '\n'-separated lines, no "usage: "
					 * (NULL: none) */
	const char *about;              /* ends with '\n', or NULL */
	const struct cmd_option *options;
	const char *footer;             /* ends with '\n', or NULL */
	unsigned flags;
	/* When set, what --help prints instead of cmd_help's text: for a
	 * help that shows more than the table (amplify's list names), or
	 * one help for subcommands with tables of their own. */
	void (*print_help)(FILE *f);
};

/* cmd_parse's "no reason to stop: go on" (an exit status is >= 0) */
#define CMD_CONTINUE (-1)

/* Read the options of argv[1..argc) (argv[0] is the command's name) into
 * opts by cmd's table, in order, each as it comes.  Returns CMD_CONTINUE,
 * the operands then in argv[0..*nargs) in their order and argv[*nargs]
 * NULL (argv's pointers are moved; the strings stay, and the values point
 * into them: argv must have its argv[argc] slot, as main's has); or the exit
 * status to return with, what is to be said said: 0 after --help, 2 after
 * an option error, 4 when out of memory. */
int cmd_parse(const struct cmd_command *cmd, int argc, char **argv, void *opts,
	      int *nargs);

/* Write cmd's --help, generated from its table, to f (.print_help is not
 * used: it may call this). */
void cmd_help(const struct cmd_command *cmd, FILE *f);

/* Is `value` one of `choices`?  If not: the usage message "OPT must be a,
 * b or c, not 'VALUE'" for command `cmd`, and false (exit 2). */
bool cmd_choice(const char *cmd, const char *opt, const char *value,
		const char *const *choices);

/* Append v to the growing list *list of *n (a repeatable option's
 * values; the strings are borrowed).  0, or -1 when out of memory. */
int cmd_push(const char ***list, size_t *n, const char *v);

#endif /* CMD_OPTIONS_H */
