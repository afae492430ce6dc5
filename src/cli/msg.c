#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "core/context.h"
#include "core/diag.h"
#include "core/error.h"
#include "cli/msg.h"

static void vmsg(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	fputs("iamgate: ", stderr);
	if (kind)
		fprintf(stderr, "%s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void iam_msg_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
}

void iam_msg_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning", fmt, ap);
	va_end(ap);
}

void iam_msg_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	fprintf(stderr, "try 'iamgate %s%s--help'\n", cmd ? cmd : "",
		cmd ? " " : "");
}

void iam_msg_diag(FILE *f, const struct iam_diag *d, bool color)
{
	const char *on = "", *off = "";

	if (color) {
		off = "\033[0m";
		on = d->sev == IAM_SEV_ERROR ? "\033[1;31m"
		     : d->sev == IAM_SEV_SUGGESTION ? "\033[1;36m"
						     : "\033[1;35m";
	}
	fprintf(f, "%s", d->source ? d->source : "<input>");
	if (d->line > 0)
		fprintf(f, ":%d:%d", d->line, d->column);
	fprintf(f, ": %s%s%s: %s: %s", on, iam_severity_name(d->sev), off,
		d->code, d->message);
	if (d->path && *d->path)
		fprintf(f, " (at %s)", d->path);
	fputc('\n', f);
}

void iam_msg_failure(const struct iam_error *err)
{
	fputs("iamgate: ", stderr);
	if (err->source[0]) {
		fputs(err->source, stderr);
		if (err->line > 0)
			fprintf(stderr, ":%d:%d", err->line, err->column);
		fputs(": ", stderr);
	}
	if (err->code == IAM_ERR_JSON)
		fputs("error: JSON_SYNTAX_ERROR: ", stderr);
	if (err->path[0])
		fprintf(stderr, "%s: ", err->path);
	fprintf(stderr, "%s\n", err->text[0] ? err->text : iam_strerror(err->code));
}

int iam_exit_for(const struct iam_error *err)
{
	switch (err->code) {
	case IAM_ERR_NOMEM:
		return IAM_EXIT_INTERNAL;
	case IAM_ERR_USAGE:
		return IAM_EXIT_USAGE;
	case IAM_ERR_IO:
	case IAM_ERR_JSON:
	case IAM_ERR_SCHEMA:
	case IAM_ERR_LIMIT:
		return IAM_EXIT_INVALID;
	case IAM_OK:
	case IAM_ERR_LAST:
		break;
	}
	return IAM_EXIT_INTERNAL;
}

bool iam_use_color(const char *mode, FILE *f)
{
	const char *nc;

	if (mode && strcmp(mode, "always") == 0)
		return true;
	if (mode && strcmp(mode, "never") == 0)
		return false;
	nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	/* a terminal that says it cannot do escapes */
	nc = getenv("TERM");
	if (nc && strcmp(nc, "dumb") == 0)
		return false;
	return isatty(fileno(f));
}

/* KEY=VALUE splits at the first '='.  A key that holds '=' (a tag key may)
 * is written in double quotes, "KEY"=VALUE: no key can hold a '"'. */
int cmd_context_arg(const char *cmd, char *arg, struct iam_context *ctx)
{
	char *key = arg, *eq, *close = NULL;
	int r;

	if (*arg == '"') {
		key = arg + 1;
		close = strchr(key, '"');
		eq = close && close[1] == '=' ? close + 1 : NULL;
	} else {
		eq = strchr(arg, '=');
	}
	if (!eq || eq == key || (close && close == key)) {
		iam_msg_usage(cmd, "--context takes KEY=VALUE (\"KEY\"=VALUE for a key with '='), not '%s'",
			      arg);
		return -1;
	}
	if (close)
		*close = '\0';
	*eq = '\0';
	r = iam_context_add(ctx, key, eq + 1) < 0 ? -2 : 0;
	*eq = '=';
	if (close)
		*close = '"';
	return r;
}

const char *const cmd_formats_text_json[] = { "text", "json", NULL };
const char *const cmd_formats_sarif[] = { "text", "json", "sarif", NULL };
const char *const cmd_colors[] = { "auto", "always", "never", NULL };
const char *const cmd_severities[] = { "error", "security-warning", "warning",
				       "suggestion", "none", NULL };

int cmd_severity_index(const char *s)
{
	for (int i = 0; cmd_severities[i]; i++)
		if (strcmp(s, cmd_severities[i]) == 0)
			return i;
	return 0;
}
