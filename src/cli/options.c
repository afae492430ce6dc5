/* cli/options.c - the commands' options: one table each, one parser. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli/msg.h"
#include "cli/options.h"
#include "core/json.h"

#define HELP_COLUMN 30   /* where an option's help text starts */

/* The options of a table with its included ones, in table order, each with
 * the offset of its values and whether it was given. */
struct flat {
	const struct cmd_option *o;
	size_t base;
	unsigned seen;
};

struct parser {
	const struct cmd_command *cmd;
	char *opts;
	struct flat *v;
	size_t n;
	int argc;
	char **argv;
	int i;          /* the argument being read */
};

/* what reading one argument did, besides CMD_CONTINUE and exit statuses */
#define STOPPED (-2)

static size_t count_options(const struct cmd_option *t)
{
	size_t n = 0;

	for (; t->kind != CMD_OPT_END; t++)
		if (t->kind == CMD_OPT_INCLUDE)
			n += count_options(t->sub);
		else if (t->kind != CMD_OPT_HEADING)
			n++;
	return n;
}

static void flatten(const struct cmd_option *t, size_t base, struct flat *v,
		    size_t *n)
{
	for (; t->kind != CMD_OPT_END; t++) {
		if (t->kind == CMD_OPT_INCLUDE)
			flatten(t->sub, base + t->off, v, n);
		else if (t->kind != CMD_OPT_HEADING)
			v[(*n)++] = (struct flat){ t, base, 0 };
	}
}

static bool takes_value(const struct cmd_option *o)
{
	return o->kind != CMD_OPT_FLAG && o->kind != CMD_OPT_HELP;
}

/* The option's name in a message about its value: "--long", else "-x". */
static const char *value_name(const struct cmd_option *o, char *buf, size_t size)
{
	if (o->long_name)
		snprintf(buf, size, "--%s", o->long_name);
	else
		snprintf(buf, size, "-%c", o->short_name);
	return buf;
}

/* A file name may hold any bytes; every other value is text. */
static bool names_file(const struct cmd_option *o)
{
	return o->arg && (strstr(o->arg, "FILE") || strstr(o->arg, "DIR"));
}

static int nomem(void)
{
	iam_msg_error("out of memory");
	return IAM_EXIT_INTERNAL;
}

static int number(struct parser *P, const struct cmd_option *o, const char *name,
		  const char *value, unsigned *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (*value == '\0' || *end || errno || n < (long)o->min || n > (long)o->max) {
		iam_msg_usage(P->cmd->name, "%s must be a number from %u to %u, not '%s'",
			      name, o->min, o->max, value);
		return IAM_EXIT_USAGE;
	}
	*out = (unsigned)n;
	return CMD_CONTINUE;
}

/* Store option f's value (NULL for a flag). */
static int take(struct parser *P, struct flat *f, char *value)
{
	const struct cmd_option *o = f->o;
	char *field = P->opts + f->base + o->off;
	char name[128];

	value_name(o, name, sizeof(name));
	if ((o->flags & CMD_OPT_ONCE) && f->seen) {
		iam_msg_usage(P->cmd->name, "%s%s%s given twice", o->why ? o->why : "",
			      o->why ? ": " : "", name);
		return IAM_EXIT_USAGE;
	}
	f->seen++;
	if (value && !names_file(o) && !iam_utf8_valid(value)) {
		iam_msg_usage(P->cmd->name, "%s: '%s' is not valid UTF-8", name, value);
		return IAM_EXIT_USAGE;
	}
	switch (o->kind) {
	case CMD_OPT_FLAG:
		*(bool *)field = true;
		return o->flags & CMD_OPT_STOP ? STOPPED : CMD_CONTINUE;
	case CMD_OPT_STRING:
		*(const char **)field = value;
		return CMD_CONTINUE;
	case CMD_OPT_LIST:
		if (cmd_push((const char ***)field,
			     (size_t *)(P->opts + f->base + o->off_n), value) < 0)
			return nomem();
		return CMD_CONTINUE;
	case CMD_OPT_CHOICE:
		if (!cmd_choice(P->cmd->name, name, value, o->choices))
			return IAM_EXIT_USAGE;
		*(const char **)field = value;
		return CMD_CONTINUE;
	case CMD_OPT_NUMBER:
		return number(P, o, name, value, (unsigned *)field);
	case CMD_OPT_CALLBACK:
		switch (o->cb(P->cmd->name, value, field)) {
		case 0:
			return CMD_CONTINUE;
		case -1:
			return IAM_EXIT_USAGE;
		default:
			return nomem();
		}
	case CMD_OPT_HELP:
		if (P->cmd->print_help)
			P->cmd->print_help(stdout);
		else
			cmd_help(P->cmd, stdout);
		return IAM_EXIT_OK;
	case CMD_OPT_END:
	case CMD_OPT_HEADING:
	case CMD_OPT_INCLUDE:
		break;
	}
	return CMD_CONTINUE;
}

/* "option '--re' is ambiguous (--resource-policy, --resource-account)" */
static int ambiguous(struct parser *P, const char *name, size_t len)
{
	char list[512] = "";
	size_t used = 0;

	for (size_t i = 0; i < P->n; i++) {
		const char *l = P->v[i].o->long_name;
		int w;

		if (!l || strncmp(l, name, len) != 0)
			continue;
		w = snprintf(list + used, sizeof(list) - used, "%s--%s",
			     used ? ", " : "", l);
		if (w < 0 || (size_t)w >= sizeof(list) - used)
			break;
		used += (size_t)w;
	}
	iam_msg_usage(P->cmd->name, "option '--%.*s' is ambiguous (%s)", (int)len,
		      name, list);
	return IAM_EXIT_USAGE;
}

/* --name, --name=value, --name value, --abbreviation... */
static int long_option(struct parser *P)
{
	char *arg = P->argv[P->i], *name = arg + 2, *value = NULL;
	size_t len = strcspn(name, "="), hits = 0;
	struct flat *f = NULL;

	if (name[len] == '=')
		value = name + len + 1;
	for (size_t i = 0; i < P->n && len; i++) {
		const char *l = P->v[i].o->long_name;

		if (!l || strncmp(l, name, len) != 0)
			continue;
		if (l[len] == '\0') {   /* the exact name wins */
			f = &P->v[i];
			hits = 1;
			break;
		}
		f = &P->v[i];
		hits++;
	}
	if (hits == 0) {
		if (len == 0)
			iam_msg_usage(P->cmd->name, "unknown option '%s'", arg);
		else
			iam_msg_usage(P->cmd->name, "unknown option '--%.*s'", (int)len, name);
		return IAM_EXIT_USAGE;
	}
	if (hits > 1)
		return ambiguous(P, name, len);
	if (!takes_value(f->o) && value) {
		iam_msg_usage(P->cmd->name, "option '--%s' takes no value", f->o->long_name);
		return IAM_EXIT_USAGE;
	}
	if (takes_value(f->o) && !value) {
		if (P->i + 1 >= P->argc) {
			iam_msg_usage(P->cmd->name, "option '--%s' needs a value",
				      f->o->long_name);
			return IAM_EXIT_USAGE;
		}
		value = P->argv[++P->i];
	}
	return take(P, f, value);
}

/* -x, -xVALUE, -x VALUE, -abc */
static int short_options(struct parser *P)
{
	char *arg = P->argv[P->i];

	for (size_t j = 1; arg[j]; j++) {
		struct flat *f = NULL;
		char *value = NULL;
		int rc;

		for (size_t i = 0; i < P->n && !f; i++)
			if (P->v[i].o->short_name == arg[j])
				f = &P->v[i];
		if (!f) {
			iam_msg_usage(P->cmd->name, "unknown option '-%c'", arg[j]);
			return IAM_EXIT_USAGE;
		}
		if (takes_value(f->o)) {
			if (arg[j + 1]) {
				value = arg + j + 1;
			} else if (P->i + 1 < P->argc) {
				value = P->argv[++P->i];
			} else {
				iam_msg_usage(P->cmd->name, "option '-%c' needs a value", arg[j]);
				return IAM_EXIT_USAGE;
			}
			return take(P, f, value);
		}
		rc = take(P, f, NULL);
		if (rc != CMD_CONTINUE)
			return rc;
	}
	return CMD_CONTINUE;
}

int cmd_parse(const struct cmd_command *cmd, int argc, char **argv, void *opts,
	      int *nargs)
{
	struct parser P = { cmd, opts, NULL, 0, argc, argv, 1 };
	bool operands_only = false;
	int w = 0, rc = CMD_CONTINUE;

	P.v = calloc(count_options(cmd->options) + 1, sizeof(*P.v));
	if (!P.v)
		return nomem();
	flatten(cmd->options, 0, P.v, &P.n);
	for (; P.i < argc; P.i++) {
		char *a = argv[P.i];

		if (operands_only || a[0] != '-' || a[1] == '\0') {
			if ((cmd->flags & CMD_OPERANDS_TEXT) && !iam_utf8_valid(a)) {
				iam_msg_usage(cmd->name, "'%s' is not valid UTF-8", a);
				rc = IAM_EXIT_USAGE;
				break;
			}
			argv[w++] = a;   /* w < P.i: that argument was read */
			if (cmd->flags & CMD_STOP_AT_OPERAND)
				operands_only = true;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			operands_only = true;
			continue;
		}
		rc = a[1] == '-' ? long_option(&P) : short_options(&P);
		if (rc == STOPPED)
			operands_only = true;
		else if (rc != CMD_CONTINUE)
			break;
		rc = CMD_CONTINUE;
	}
	free(P.v);
	argv[w] = NULL;   /* as argv[argc] was */
	*nargs = w;
	return rc;
}

/* ---- --help ---- */

static void help_option(const struct cmd_option *o, FILE *f)
{
	char spec[256];
	int n;

	if (o->short_name && o->long_name)
		n = snprintf(spec, sizeof(spec), "  -%c, --%s", o->short_name, o->long_name);
	else if (o->long_name)
		n = snprintf(spec, sizeof(spec), "      --%s", o->long_name);
	else
		n = snprintf(spec, sizeof(spec), "  -%c", o->short_name);
	if (n >= 0 && o->arg && (size_t)n < sizeof(spec))
		n += snprintf(spec + n, sizeof(spec) - (size_t)n, " %s", o->arg);
	fputs(spec, f);
	if (!o->help) {
		fputc('\n', f);
		return;
	}
	/* the help from HELP_COLUMN, or two spaces after a longer option */
	fprintf(f, "%*s", n < HELP_COLUMN ? HELP_COLUMN - n : 2, "");
	for (const char *p = o->help; *p;) {
		size_t len = strcspn(p, "\n");

		if (p != o->help)
			fprintf(f, "%*s", HELP_COLUMN, "");
		fprintf(f, "%.*s\n", (int)len, p);
		p += len;
		if (*p)
			p++;
	}
}

static void help_options(const struct cmd_option *t, FILE *f)
{
	for (; t->kind != CMD_OPT_END; t++) {
		if (t->kind == CMD_OPT_HEADING)
			fprintf(f, "%s\n", t->help);
		else if (t->kind == CMD_OPT_INCLUDE)
			help_options(t->sub, f);
		else
			help_option(t, f);
	}
}

void cmd_help(const struct cmd_command *cmd, FILE *f)
{
	const char *p = cmd->usage ? cmd->usage : "";

	for (bool first = true; *p; first = false) {
		size_t len = strcspn(p, "\n");

		fprintf(f, "%s%.*s\n", first ? "usage: " : "       ", (int)len, p);
		p += len;
		if (*p)
			p++;
	}
	if (cmd->about)
		fprintf(f, "\n%s", cmd->about);
	fputc('\n', f);
	help_options(cmd->options, f);
	if (cmd->footer)
		fprintf(f, "\n%s", cmd->footer);
}

/* ---- shared with the commands that read their own options ---- */

int cmd_push(const char ***list, size_t *n, const char *v)
{
	const char **l = realloc(*list, (*n + 1) * sizeof(*l));

	if (!l)
		return -1;
	l[(*n)++] = v;
	*list = l;
	return 0;
}

bool cmd_choice(const char *cmd, const char *opt, const char *value,
		const char *const *choices)
{
	char list[256] = "";
	size_t n = 0, len = 0;

	for (size_t i = 0; choices[i]; i++)
		if (strcmp(choices[i], value) == 0)
			return true;
	while (choices[n])
		n++;
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(list + len, sizeof(list) - len, "%s%s",
				 i == 0 ? "" : i + 1 == n ? " or " : ", ", choices[i]);

		if (w < 0 || (size_t)w >= sizeof(list) - len)
			break;
		len += (size_t)w;
	}
	iam_msg_usage(cmd, "%s must be %s, not '%s'", opt, list, value);
	return false;
}
