/* core/vars.c - policy variable templates. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/context.h"
#include "core/vars.h"

enum seg_kind { SEG_TEXT, SEG_CHAR, SEG_VAR };

struct seg {
	enum seg_kind kind;
	char *text;     /* SEG_TEXT: the text; SEG_VAR: the key, lower-case */
	char ch;        /* SEG_CHAR: '*', '?' or '$' */
	char *dflt;     /* SEG_VAR: the default value, or NULL */
};

struct iam_tmpl {
	struct seg *segs;
	size_t nsegs;
	size_t nvars;
};

static int push_seg(struct iam_tmpl *t, struct seg s)
{
	struct seg *v = realloc(t->segs, (t->nsegs + 1) * sizeof(*v));

	if (!v)
		return -1;
	t->segs = v;
	t->segs[t->nsegs++] = s;
	return 0;
}

static char *dup_n(const char *s, size_t n)
{
	char *r = malloc(n + 1);

	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

/* Parse one `${...}` starting at s (pointing at '$').  On success stores
 * the segment and sets *end past the '}'. */
static int parse_var(const char *s, struct seg *out, const char **end,
		     char *why, size_t whylen)
{
	const char *p = s + 2, *close = strchr(p, '}');
	const char *name_end;

	memset(out, 0, sizeof(*out));
	if (!close) {
		snprintf(why, whylen, "variable '%.40s' has no closing '}'", s);
		return -1;
	}
	if (close - p == 1 && (*p == '*' || *p == '?' || *p == '$')) {
		out->kind = SEG_CHAR;
		out->ch = *p;
		*end = close + 1;
		return 0;
	}
	name_end = p;
	while (name_end < close && *name_end != ',')
		name_end++;
	if (name_end == p) {
		snprintf(why, whylen, "empty variable '${}'");
		return -1;
	}
	for (const char *q = p; q < name_end; q++) {
		if (*q == ' ' || *q == '\t') {
			snprintf(why, whylen,
				 "variable '%.*s' has a space in its name",
				 (int)(close - s + 1), s);
			return -1;
		}
		if (*q == '$' || *q == '{') {
			snprintf(why, whylen, "variable '%.*s' is not closed before '%c'",
				 (int)(close - s + 1), s, *q);
			return -1;
		}
	}
	out->kind = SEG_VAR;
	out->text = dup_n(p, (size_t)(name_end - p));
	if (!out->text)
		goto nomem;
	for (char *q = out->text; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q + 32);
	if (name_end < close) {
		/* ", 'default'" */
		const char *q = name_end + 1, *qe;

		while (*q == ' ')
			q++;
		if (*q != '\'' || !(qe = memchr(q + 1, '\'', (size_t)(close - q - 1)))) {
			snprintf(why, whylen,
				 "default value of variable '%.*s' must be in single quotes",
				 (int)(close - s + 1), s);
			free(out->text);
			out->text = NULL;
			return -1;
		}
		for (const char *r = qe + 1; r < close; r++) {
			if (*r != ' ') {
				snprintf(why, whylen,
					 "unexpected text after the default of variable '%.*s'",
					 (int)(close - s + 1), s);
				free(out->text);
				out->text = NULL;
				return -1;
			}
		}
		out->dflt = dup_n(q + 1, (size_t)(qe - q - 1));
		if (!out->dflt)
			goto nomem;
	}
	*end = close + 1;
	return 0;
nomem:
	free(out->text);
	out->text = NULL;
	snprintf(why, whylen, "out of memory");
	return -1;
}

int iam_tmpl_parse(const char *s, struct iam_tmpl **out, char *why,
		   size_t whylen)
{
	struct iam_tmpl *t;
	const char *p = s, *lit = s;

	*out = NULL;
	if (!strstr(s, "${"))
		return 0;
	t = calloc(1, sizeof(*t));
	if (!t)
		goto nomem;
	while (*p) {
		struct seg sg;
		const char *end;

		if (p[0] != '$' || p[1] != '{') {
			p++;
			continue;
		}
		if (p > lit) {
			struct seg txt = { SEG_TEXT, dup_n(lit, (size_t)(p - lit)), 0, NULL };

			if (!txt.text || push_seg(t, txt) < 0) {
				free(txt.text);
				goto nomem;
			}
		}
		if (parse_var(p, &sg, &end, why, whylen) < 0) {
			iam_tmpl_free(t);
			return -1;
		}
		if (push_seg(t, sg) < 0) {
			free(sg.text);
			free(sg.dflt);
			goto nomem;
		}
		if (sg.kind == SEG_VAR)
			t->nvars++;
		p = lit = end;
	}
	if (p > lit) {
		struct seg txt = { SEG_TEXT, dup_n(lit, (size_t)(p - lit)), 0, NULL };

		if (!txt.text || push_seg(t, txt) < 0) {
			free(txt.text);
			goto nomem;
		}
	}
	*out = t;
	return 0;
nomem:
	iam_tmpl_free(t);
	snprintf(why, whylen, "out of memory");
	return -1;
}

static void tmpl_free(void *t)
{
	iam_tmpl_free(t);
}

int iam_tmpl_parse_in(struct iam_arena *a, const char *s,
		      struct iam_tmpl **out, char *why, size_t whylen)
{
	if (iam_tmpl_parse(s, out, why, whylen) < 0)
		return -1;
	if (a && *out && iam_arena_defer(a, tmpl_free, *out) < 0) {
		iam_tmpl_free(*out);
		*out = NULL;
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	return 0;
}

/* Append s; with esc, make every byte literal for IAM_GLOB_ESCAPED. */
static void sb_puts(struct iam_buf *b, const char *s, bool esc)
{
	for (; *s; s++) {
		if (esc && (*s == '*' || *s == '?' || *s == '\\'))
			iam_buf_addc(b, '\\');
		iam_buf_addc(b, *s);
	}
}

enum iam_subst iam_tmpl_expand(const struct iam_tmpl *t,
			       const struct iam_context *ctx,
			       bool escape_wildcards, char **out)
{
	struct iam_buf b = IAM_BUF_INIT;

	*out = NULL;
	for (size_t i = 0; i < t->nsegs; i++) {
		const struct seg *sg = &t->segs[i];
		const struct iam_ctx_entry *e;

		switch (sg->kind) {
		case SEG_TEXT:
			/* the template's own wildcards stay wildcards; only a
			 * backslash needs protecting from the escaped form */
			for (const char *s = sg->text; *s; s++) {
				if (escape_wildcards && *s == '\\')
					iam_buf_addc(&b, '\\');
				iam_buf_addc(&b, *s);
			}
			break;
		case SEG_CHAR:
			if (escape_wildcards && sg->ch != '$')
				iam_buf_addc(&b, '\\');
			iam_buf_addc(&b, sg->ch);
			break;
		case SEG_VAR:
			e = iam_context_get(ctx, sg->text);
			if (e && !e->multi && e->n == 1) {
				sb_puts(&b, e->values[0], escape_wildcards);
			} else if (sg->dflt) {
				sb_puts(&b, sg->dflt, escape_wildcards);
			} else {
				iam_buf_release(&b);
				return IAM_SUBST_ABSENT;
			}
			break;
		}
	}
	*out = iam_buf_take(&b);
	return *out ? IAM_SUBST_OK : IAM_SUBST_NOMEM;
}

size_t iam_tmpl_nvars(const struct iam_tmpl *t)
{
	return t ? t->nvars : 0;
}

const char *iam_tmpl_var(const struct iam_tmpl *t, size_t i)
{
	for (size_t k = 0; k < t->nsegs; k++)
		if (t->segs[k].kind == SEG_VAR && i-- == 0)
			return t->segs[k].text;
	return NULL;
}

void iam_tmpl_free(struct iam_tmpl *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nsegs; i++) {
		free(t->segs[i].text);
		free(t->segs[i].dflt);
	}
	free(t->segs);
	free(t);
}
