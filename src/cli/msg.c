/* cli/msg.c - the one place text for a person is written: messages,
 * findings, and iam_out(), which escapes what came from outside.
 *
 * Owns nothing: every function writes and returns.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "core/context.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "cli/msg.h"

const char iam_sgr_reset[] = "\033[0m";
const char iam_sgr_red[] = "\033[1;31m";
const char iam_sgr_green[] = "\033[32m";
const char iam_sgr_bold_green[] = "\033[1;32m";
const char iam_sgr_cyan[] = "\033[1;36m";
const char iam_sgr_magenta[] = "\033[1;35m";
const char iam_sgr_yellow[] = "\033[1;33m";

static bool own_colour(const char *s)
{
	return s == iam_sgr_reset || s == iam_sgr_red || s == iam_sgr_green ||
	       s == iam_sgr_bold_green || s == iam_sgr_yellow ||
	       s == iam_sgr_cyan || s == iam_sgr_magenta;
}

/* The code points that are shown as \uNNNN: C1 controls, and those that
 * reorder or split what a terminal shows (bidi controls, separators). */
static bool hidden_cp(unsigned long cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Escape len bytes of s into out (4 * len + 1 bytes, at least: \uNNNN is
 * six bytes for a code point of two or three); returns the length. */
static size_t vis_escape(const char *s, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	unsigned long cp;

	while (len) {
		size_t k = *p >= 0x20 && *p < 0x7f ? 1 : iam_utf8_next(p, len, &cp);

		if (k == 1 && (*p < 0x20 || *p == 0x7f))
			k = 0;
		if (k == 0) {
			o += (size_t)snprintf(out + o, 5, "\\x%02x", *p);
			k = 1;
		} else if (k > 1 && hidden_cp(cp)) {
			o += (size_t)snprintf(out + o, 7, "\\u%04lx", cp);
		} else {
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
		len -= k;
	}
	out[o] = '\0';
	return o;
}

long iam_vis_write(FILE *f, const char *s, size_t len)
{
	char stack[1024], *buf = stack;
	size_t n;

	if (len == SIZE_MAX)
		len = strlen(s);
	if (len > (sizeof(stack) - 1) / 6) {
		buf = malloc(len * 6 + 1);
		if (!buf)
			return -1;
	}
	n = vis_escape(s, len, buf);
	if (fwrite(buf, 1, n, f) != n)
		n = SIZE_MAX;
	if (buf != stack)
		free(buf);
	return n == SIZE_MAX ? -1 : (long)n;
}

/* One %s: precision in bytes of the value, width on what is shown. */
static int out_string(FILE *f, const char *v, bool left, int width, int prec)
{
	size_t len;
	long n;
	int pad;

	if (!v)
		v = "(null)";
	len = prec >= 0 ? strnlen(v, (size_t)prec) : strlen(v);
	if (own_colour(v))
		n = fwrite(v, 1, len, f) == len ? (long)len : -1;
	else if (!left && width > 0) {
		char stack[1024], *buf = len < sizeof(stack) / 6 ? stack : malloc(len * 6 + 1);

		if (!buf)
			return -1;
		n = (long)vis_escape(v, len, buf);
		n = fprintf(f, "%*s", width, buf);
		if (buf != stack)
			free(buf);
		return (int)n;
	} else
		n = iam_vis_write(f, v, len);
	if (n < 0)
		return -1;
	for (pad = (int)n; left && pad < width; pad++)
		if (fputc(' ', f) == EOF)
			return -1;
	return pad > n ? pad : (int)n;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* Any other conversion, as printf does it: spec is "%...c" with at most
 * two '*' (given in star[0..nstar-1]) and len its length modifier. */
static int out_other(FILE *f, const char *spec, const int *star, int nstar,
		     const char *len, char conv, va_list *ap)
{
#define OUT(T) do {							\
		T v_ = va_arg(*ap, T);					\
		return nstar == 0 ? fprintf(f, spec, v_)		\
		     : nstar == 1 ? fprintf(f, spec, star[0], v_)	\
				  : fprintf(f, spec, star[0], star[1], v_); \
	} while (0)
	bool l = len[0] == 'l' && !len[1], ll = len[0] == 'l' && len[1] == 'l';

	switch (conv) {
	case 'd': case 'i':
		if (ll) OUT(long long);
		if (l) OUT(long);
		if (*len == 'z') OUT(ptrdiff_t);
		if (*len == 'j') OUT(intmax_t);
		if (*len == 't') OUT(ptrdiff_t);
		OUT(int);
	case 'u': case 'x': case 'X': case 'o': case 'c':
		if (ll) OUT(unsigned long long);
		if (l) OUT(unsigned long);
		if (*len == 'z') OUT(size_t);
		if (*len == 'j') OUT(uintmax_t);
		if (*len == 't') OUT(size_t);
		OUT(unsigned);
	case 'f': case 'F': case 'g': case 'G': case 'e': case 'E': case 'a': case 'A':
		if (*len == 'L') OUT(long double);
		OUT(double);
	case 'p':
		OUT(void *);
	default:
		abort();	/* %n, or a conversion this does not know */
	}
#undef OUT
}
#pragma GCC diagnostic pop

/* Read one conversion at fmt (after its '%') and write it. */
static int out_conv(FILE *f, const char **fmtp, va_list *ap)
{
	const char *fmt = *fmtp, *start = fmt - 1;
	char spec[32], len[3] = "";
	int star[2], nstar = 0, width = 0, prec = -1;
	bool left = false;
	size_t n;

	while (*fmt && strchr("-+ #0'", *fmt))
		left |= *fmt++ == '-';
	if (*fmt == '*') {
		fmt++;
		width = star[nstar++] = va_arg(*ap, int);
		if (width < 0)
			left = true, width = -width;
	}
	while (*fmt >= '0' && *fmt <= '9')
		width = width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		prec = 0;
		if (*++fmt == '*') {
			fmt++;
			prec = star[nstar++] = va_arg(*ap, int);
		}
		while (*fmt >= '0' && *fmt <= '9')
			prec = prec * 10 + (*fmt++ - '0');
	}
	for (n = 0; n < 2 && strchr("hlLzjt", *fmt) && *fmt; n++)
		len[n] = *fmt++;
	*fmtp = fmt + 1;
	if (*fmt == 's')
		return out_string(f, va_arg(*ap, const char *), left, width, prec);
	n = (size_t)(fmt + 1 - start);
	if (n >= sizeof(spec))
		abort();
	memcpy(spec, start, n);
	spec[n] = '\0';
	return out_other(f, spec, star, nstar, len, *fmt, ap);
}

int iam_vout(FILE *f, const char *fmt, va_list ap)
{
	va_list aq;
	int total = 0, r = 0;

	va_copy(aq, ap);
	while (*fmt && r >= 0) {
		size_t lit = strcspn(fmt, "%");

		if (lit) {
			r = fwrite(fmt, 1, lit, f) == lit ? (int)lit : -1;
			fmt += lit;
		} else if (fmt[1] == '%') {
			r = fputc('%', f) == EOF ? -1 : 1;
			fmt += 2;
		} else {
			fmt++;
			r = out_conv(f, &fmt, &aq);
		}
		total += r > 0 ? r : 0;
	}
	va_end(aq);
	return r < 0 ? -1 : total;
}

int iam_out(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = iam_vout(f, fmt, ap);
	va_end(ap);
	return r;
}

static void vmsg(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	fputs("iamgate: ", stderr);
	if (kind)
		fprintf(stderr, "%s: ", kind);
	iam_vout(stderr, fmt, ap);
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
		off = iam_sgr_reset;
		on = d->sev == IAM_SEV_ERROR ? iam_sgr_red
		     : d->sev == IAM_SEV_SUGGESTION ? iam_sgr_cyan
						     : iam_sgr_magenta;
	}
	iam_out(f, "%s", d->source ? d->source : "<input>");
	if (d->line > 0)
		fprintf(f, ":%d:%d", d->line, d->column);
	iam_out(f, ": %s%s%s: %s: %s", on, iam_severity_name(d->sev), off,
		d->code, d->message);
	if (d->path && *d->path)
		iam_out(f, " (at %s)", d->path);
	fputc('\n', f);
}

void iam_msg_failure(const struct iam_error *err)
{
	fputs("iamgate: ", stderr);
	if (err->source[0]) {
		iam_vis_write(stderr, err->source, SIZE_MAX);
		if (err->line > 0)
			fprintf(stderr, ":%d:%d", err->line, err->column);
		fputs(": ", stderr);
	}
	if (err->code == IAM_ERR_JSON)
		fputs("error: JSON_SYNTAX_ERROR: ", stderr);
	else if (err->code == IAM_ERR_YAML)
		fputs("error: YAML_SYNTAX_ERROR: ", stderr);
	if (err->path[0])
		iam_out(stderr, "%s: ", err->path);
	iam_out(stderr, "%s\n", err->text[0] ? err->text : iam_strerror(err->code));
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
	case IAM_ERR_YAML:
	case IAM_ERR_SCHEMA:
	case IAM_ERR_LIMIT:
		return IAM_EXIT_INVALID;
	case IAM_ERR_AWS:       /* refused: like a denied request */
		return IAM_EXIT_DENIED;
	case IAM_ERR_NET:       /* a system error: the network */
		return IAM_EXIT_INTERNAL;
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
