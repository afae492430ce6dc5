/* core/cfn.c - CloudFormation intrinsics, resolved before deploy.
 *
 * Values are jansson trees.  An evaluation builds a new tree; parameter
 * values are stored evaluated, so a Ref is a reference count.  Unknown
 * pieces are tokens inside strings (core/cfn.h); every operation keeps them
 * intact: Fn::Join concatenates them, Fn::Split never splits inside one,
 * Fn::Select on an unknown list is unknown.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/cfn.h"
#include "core/error.h"
#include "core/json.h"

#define MAX_DEPTH 64
/* Evaluations one stack may spend: far above what a real template needs,
 * far below what values that name each other in a doubling chain ask for
 * (2^n for n resources).  Past it every value is unknown. */
#define MAX_STEPS 10000ul

/* ---- a growing string ---- */


/* ---- tokens ---- */

json_t *iam_cfn_unknown_new(const char *key, const char *text)
{
	struct iam_buf b = { 0 };
	char c[2] = { 0, 0 };
	json_t *j;
	char *s;

	c[0] = IAM_CFN_UNKNOWN_START;
	iam_buf_adds(&b, c);
	iam_buf_adds(&b, key ? key : "");
	c[0] = IAM_CFN_KEY_SEP;
	iam_buf_adds(&b, c);
	/* the text may not hold the token's own delimiters */
	for (const char *p = text; *p; p++) {
		char ch = *p;

		if (ch == IAM_CFN_UNKNOWN_START || ch == IAM_CFN_UNKNOWN_END ||
		    ch == IAM_CFN_KEY_SEP)
			ch = '?';
		iam_buf_add(&b, &ch, 1);
	}
	c[0] = IAM_CFN_UNKNOWN_END;
	iam_buf_adds(&b, c);
	s = iam_buf_take(&b);
	if (!s)
		return NULL;
	j = json_string(s);
	free(s);
	return j;
}

bool iam_cfn_has_unknown(const char *s)
{
	return s && strchr(s, IAM_CFN_UNKNOWN_START) != NULL;
}

bool iam_cfn_first_token(const char *s, const char **key, size_t *keylen,
			 const char **text, size_t *textlen)
{
	const char *a = s ? strchr(s, IAM_CFN_UNKNOWN_START) : NULL;
	const char *sep, *end;

	if (!a)
		return false;
	end = strchr(a, IAM_CFN_UNKNOWN_END);
	if (!end)
		return false;
	sep = memchr(a, IAM_CFN_KEY_SEP, (size_t)(end - a));
	if (!sep)
		sep = a;
	*key = a + 1;
	*keylen = sep > a ? (size_t)(sep - a - 1) : 0;
	*text = sep + 1;
	*textlen = (size_t)(end - sep - 1);
	return true;
}

char *iam_cfn_render(const char *s, enum iam_cfn_render_mode mode)
{
	struct iam_buf b = { 0 };

	iam_buf_adds(&b, "");
	while (*s) {
		const char *a = strchr(s, IAM_CFN_UNKNOWN_START), *end, *sep;

		if (!a) {
			iam_buf_adds(&b, s);
			break;
		}
		iam_buf_add(&b, s, (size_t)(a - s));
		end = strchr(a, IAM_CFN_UNKNOWN_END);
		if (!end)
			end = a + strlen(a);
		if (mode == IAM_CFN_RENDER_STAR) {
			/* "**" says no more than "*" */
			if (!(b.n && b.p[b.n - 1] == '*') && !(*end && end[1] == '*'))
				iam_buf_adds(&b, "*");
		} else {
			sep = memchr(a, IAM_CFN_KEY_SEP, (size_t)(end - a));
			sep = sep ? sep + 1 : a + 1;
			iam_buf_adds(&b, "${");
			iam_buf_add(&b, sep, (size_t)(end - sep));
			iam_buf_adds(&b, "}");
		}
		s = *end ? end + 1 : end;
	}
	return iam_buf_take(&b);
}

/* ---- the stack ---- */

static json_t *unknownf(struct iam_cfn_stack *s, const char *key,
			const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static json_t *unknownf(struct iam_cfn_stack *s, const char *key,
			const char *fmt, ...)
{
	char text[512];
	va_list ap;
	json_t *j;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	j = iam_cfn_unknown_new(key ? key : s->key, text);
	if (!j)
		s->nomem = true;
	return j;
}

static void note(struct iam_cfn_stack *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct iam_cfn_stack *s, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	size_t i;
	json_t *v;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	json_array_foreach(s->notes, i, v)
		if (strcmp(json_string_value(v), text) == 0)
			return;
	if (json_array_append_new(s->notes, json_string(text)) < 0)
		s->nomem = true;
}

static char *xstrdup_or_null(const char *s, bool *fail)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*fail = true;
	return d;
}

int iam_cfn_set_pseudo(struct iam_cfn_stack *s, const char *region,
		       const char *account, const char *partition,
		       const char *stack_name)
{
	bool fail = false;

	free(s->region);
	free(s->account);
	free(s->partition);
	free(s->stack_name);
	s->region = xstrdup_or_null(region, &fail);
	s->account = xstrdup_or_null(account, &fail);
	s->partition = xstrdup_or_null(partition, &fail);
	s->stack_name = xstrdup_or_null(stack_name, &fail);
	return fail ? -1 : 0;
}

static bool is_list_type(const char *type)
{
	return type && (strcmp(type, "CommaDelimitedList") == 0 ||
			strncmp(type, "List<", 5) == 0);
}

/* Split text at delim, never inside a token; trim blanks when asked (list
 * parameters).  A new array, or NULL when out of memory. */
static json_t *split_string(const char *text, const char *delim, bool trim)
{
	json_t *out = json_array();
	size_t dl = strlen(delim);
	struct iam_buf b = { 0 };
	const char *p = text;

	if (!out)
		return NULL;
	iam_buf_adds(&b, "");
	for (;;) {
		bool at_end = *p == '\0';

		if (at_end || (dl && strncmp(p, delim, dl) == 0)) {
			char *piece = iam_buf_take(&b);
			char *a = piece, *e;

			if (!piece) {
				json_decref(out);
				return NULL;
			}
			if (trim) {
				while (*a == ' ' || *a == '\t')
					a++;
				e = a + strlen(a);
				while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
					*--e = '\0';
			}
			if (json_array_append_new(out, json_string(a)) < 0) {
				free(piece);
				json_decref(out);
				return NULL;
			}
			free(piece);
			if (at_end)
				break;
			p += dl;
			iam_buf_adds(&b, "");
			continue;
		}
		if (*p == IAM_CFN_UNKNOWN_START) {
			const char *end = strchr(p, IAM_CFN_UNKNOWN_END);
			size_t n = end ? (size_t)(end - p + 1) : strlen(p);

			iam_buf_add(&b, p, n);
			p += n;
			continue;
		}
		iam_buf_add(&b, p, 1);
		p++;
	}
	return out;
}

int iam_cfn_set_param(struct iam_cfn_stack *s, const char *name, json_t *v)
{
	json_t *decl = json_object_get(json_object_get(s->root, "Parameters"),
				       name);
	const char *type = json_string_value(json_object_get(decl, "Type"));

	if (!v)
		return 0;
	json_object_clear(s->conds);  /* conditions may read it */
	if (json_is_string(v) && is_list_type(type)) {
		json_t *list = split_string(json_string_value(v), ",", true);

		if (!list)
			return -1;
		return json_object_set_new(s->params, name, list);
	}
	return json_object_set(s->params, name, v);
}

/* ---- reading a template: a scan keeps what matters, jansson parses it ---- */

struct scan {
	const char *p, *end;
	int line;
	const char *line_start;
	bool fail;
};

static void sc_ws(struct scan *sc)
{
	const char *p = sc->p, *end = sc->end;

	while (p < end) {
		char c = *p;

		if (c == ' ') {
			/* indentation: eight blanks at a time */
			uint64_t w;

			p++;
			while (end - p >= 8) {
				memcpy(&w, p, 8);
				if (w != 0x2020202020202020ull)
					break;
				p += 8;
			}
		} else if (c == '\t' || c == '\r') {
			p++;
		} else if (c == '\n') {
			sc->line++;
			sc->line_start = ++p;
		} else {
			break;
		}
	}
	sc->p = p;
}

/* A string: its raw contents (escapes as written). */
static bool sc_string(struct scan *sc, const char **start, size_t *len)
{
	const char *q;

	if (sc->p >= sc->end || *sc->p != '"') {
		sc->fail = true;
		return false;
	}
	q = sc->p + 1;
	for (;;) {
		const char *hit = memchr(q, '"', (size_t)(sc->end - q));
		const char *b;
		size_t nb = 0;

		if (!hit) {
			sc->fail = true;
			return false;
		}
		for (b = hit; b > q && b[-1] == '\\'; b--)
			nb++;
		if (nb % 2 == 0) {
			*start = sc->p + 1;
			*len = (size_t)(hit - sc->p - 1);
			sc->p = hit + 1;
			return true;
		}
		q = hit + 1;
	}
}

/* A literal: true, false, null or a number by JSON's grammar. */
static void sc_literal(struct scan *sc)
{
	const char *p = sc->p, *e = sc->end;

	if (e - p >= 4 && (memcmp(p, "true", 4) == 0 || memcmp(p, "null", 4) == 0)) {
		sc->p += 4;
		return;
	}
	if (e - p >= 5 && memcmp(p, "false", 5) == 0) {
		sc->p += 5;
		return;
	}
	if (p < e && *p == '-')
		p++;
	if (p >= e || *p < '0' || *p > '9') {
		sc->fail = true;
		return;
	}
	if (*p == '0' && p + 1 < e && p[1] >= '0' && p[1] <= '9') {
		sc->fail = true;
		return;
	}
	while (p < e && *p >= '0' && *p <= '9')
		p++;
	if (p < e && *p == '.') {
		p++;
		if (p >= e || *p < '0' || *p > '9') {
			sc->fail = true;
			return;
		}
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p >= e || *p < '0' || *p > '9') {
			sc->fail = true;
			return;
		}
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	sc->p = p;
}

/* Skip any value, checking the grammar (so that a syntax error in a part
 * that is never parsed still stops the command, as CloudFormation
 * would). */
static void sc_value_depth(struct scan *sc, int depth)
{
	const char *s;
	size_t n;

	sc_ws(sc);
	if (sc->p >= sc->end || depth > 2048) {
		sc->fail = true;
		return;
	}
	switch (*sc->p) {
	case '"':
		sc_string(sc, &s, &n);
		return;
	case '{':
		sc->p++;
		sc_ws(sc);
		if (sc->p < sc->end && *sc->p == '}') {
			sc->p++;
			return;
		}
		for (;;) {
			sc_ws(sc);
			if (!sc_string(sc, &s, &n))
				return;
			sc_ws(sc);
			if (sc->p >= sc->end || *sc->p != ':') {
				sc->fail = true;
				return;
			}
			sc->p++;
			sc_value_depth(sc, depth + 1);
			if (sc->fail)
				return;
			sc_ws(sc);
			if (sc->p < sc->end && *sc->p == ',') {
				sc->p++;
				continue;
			}
			if (sc->p < sc->end && *sc->p == '}') {
				sc->p++;
				return;
			}
			sc->fail = true;
			return;
		}
	case '[':
		sc->p++;
		sc_ws(sc);
		if (sc->p < sc->end && *sc->p == ']') {
			sc->p++;
			return;
		}
		for (;;) {
			sc_value_depth(sc, depth + 1);
			if (sc->fail)
				return;
			sc_ws(sc);
			if (sc->p < sc->end && *sc->p == ',') {
				sc->p++;
				continue;
			}
			if (sc->p < sc->end && *sc->p == ']') {
				sc->p++;
				return;
			}
			sc->fail = true;
			return;
		}
	default:
		sc_literal(sc);
		return;
	}
}

static void sc_value(struct scan *sc)
{
	sc_value_depth(sc, 0);
}

static bool raw_is(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Is a resource of this type worth parsing?  0: no; 1: whole; or the
 * property that names it (only its name, Type and Condition are kept). */
static const char *kept_type(const char *t, size_t n, bool *keep)
{
	/* the types whose name or ARN a policy may take by Ref or
	 * Fn::GetAtt (arn_forms below), kept by their name alone */
	static const char *const named[][2] = {
		{ "AWS::S3::Bucket", "BucketName" },
		{ "AWS::DynamoDB::Table", "TableName" },
		{ "AWS::Lambda::Function", "FunctionName" },
		{ "AWS::SNS::Topic", "TopicName" },
		{ "AWS::SQS::Queue", "QueueName" },
		{ "AWS::Logs::LogGroup", "LogGroupName" },
		{ "AWS::Kinesis::Stream", "Name" },
		{ "AWS::Cognito::UserPool", "UserPoolName" },
		{ "AWS::Cognito::IdentityPool", "IdentityPoolName" },
		{ "AWS::AppSync::GraphQLApi", "Name" },
		{ NULL, NULL },
	};

	*keep = true;
	if ((n > 10 && memcmp(t, "AWS::IAM::", 10) == 0) ||
	    raw_is(t, n, "AWS::CloudFormation::Stack"))
		return NULL;
	for (size_t i = 0; named[i][0]; i++)
		if (raw_is(t, n, named[i][0]))
			return named[i][1];
	*keep = false;
	return NULL;
}

/* Look at the resource object at sc (which is left where it was): should
 * it be kept, whole or by its name only? */
static bool resource_kept(const struct scan *at, const char **name_prop)
{
	struct scan sc = *at;
	const char *k, *v;
	size_t kn, vn;
	bool keep;

	*name_prop = NULL;
	sc_ws(&sc);
	if (sc.p >= sc.end || *sc.p != '{')
		return true;
	sc.p++;
	for (;;) {
		sc_ws(&sc);
		if (sc.p < sc.end && *sc.p == '}')
			return true;  /* no Type: the parser will say */
		if (!sc_string(&sc, &k, &kn))
			return true;
		sc_ws(&sc);
		if (sc.p >= sc.end || *sc.p != ':')
			return true;
		sc.p++;
		sc_ws(&sc);
		if (raw_is(k, kn, "Type")) {
			if (sc.p < sc.end && *sc.p == '"' && sc_string(&sc, &v, &vn)) {
				*name_prop = kept_type(v, vn, &keep);
				return keep;
			}
			return true;
		}
		sc_value(&sc);
		if (sc.fail)
			return true;
		sc_ws(&sc);
		if (sc.p < sc.end && *sc.p == ',')
			sc.p++;
	}
}

static bool literal_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+';
}

/* Copy JSON text without the blanks between tokens (jansson-like readers
 * go a byte at a time: pretty-printed templates are half indentation). */
static void sb_raw(struct iam_buf *b, const char *from, const char *to)
{
	const char *run = from, *p = from;

	while (p < to) {
		char c = *p;

		if (c == '"') {
			/* a string: verbatim to its closing quote */
			const char *q = p + 1;

			for (;;) {
				const char *hit = memchr(q, '"', (size_t)(to - q));
				const char *bs = hit;

				if (!hit) {
					p = to;
					break;
				}
				while (bs > q && bs[-1] == '\\')
					bs--;
				if ((hit - bs) % 2 == 0) {
					p = hit + 1;
					break;
				}
				q = hit + 1;
			}
			continue;
		}
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			const char *before = p;

			iam_buf_add(b, run, (size_t)(p - run));
			while (p < to && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
				p++;
			/* never join two tokens into one ("1 2") */
			if (before > from && p < to && literal_char(before[-1]) &&
			    literal_char(*p))
				iam_buf_adds(b, " ");
			run = p;
			continue;
		}
		p++;
	}
	iam_buf_add(b, run, (size_t)(to - run));
}

/* Copy the resource object at sc keeping Type, Condition and the one
 * name property; sc is moved past it.  False on a syntax surprise. */
static bool copy_named(struct iam_buf *out, struct scan *sc, const char *prop)
{
	const char *k, *kstart;
	size_t kn;
	bool first = true;

	sc_ws(sc);
	if (sc->p >= sc->end || *sc->p != '{')
		return false;
	sc->p++;
	iam_buf_adds(out, "{");
	for (;;) {
		sc_ws(sc);
		if (sc->p < sc->end && *sc->p == '}') {
			sc->p++;
			break;
		}
		kstart = sc->p;
		if (!sc_string(sc, &k, &kn))
			return false;
		sc_ws(sc);
		if (sc->p >= sc->end || *sc->p != ':')
			return false;
		sc->p++;
		sc_ws(sc);
		if (raw_is(k, kn, "Properties") && sc->p < sc->end && *sc->p == '{') {
			bool pfirst = true;

			if (!first)
				iam_buf_adds(out, ",");
			first = false;
			iam_buf_adds(out, "\"Properties\":{");
			sc->p++;
			for (;;) {
				const char *pk, *pstart;
				size_t pn;

				sc_ws(sc);
				if (sc->p < sc->end && *sc->p == '}') {
					sc->p++;
					break;
				}
				pstart = sc->p;
				if (!sc_string(sc, &pk, &pn))
					return false;
				sc_ws(sc);
				if (sc->p >= sc->end || *sc->p != ':')
					return false;
				sc->p++;
				sc_value(sc);
				if (sc->fail)
					return false;
				if (raw_is(pk, pn, prop)) {
					if (!pfirst)
						iam_buf_adds(out, ",");
					pfirst = false;
					sb_raw(out, pstart, sc->p);
				}
				sc_ws(sc);
				if (sc->p < sc->end && *sc->p == ',')
					sc->p++;
			}
			iam_buf_adds(out, "}");
		} else {
			sc_value(sc);
			if (sc->fail)
				return false;
			if (raw_is(k, kn, "Type") || raw_is(k, kn, "Condition")) {
				if (!first)
					iam_buf_adds(out, ",");
				first = false;
				sb_raw(out, kstart, sc->p);
			}
		}
		sc_ws(sc);
		if (sc->p < sc->end && *sc->p == ',')
			sc->p++;
	}
	iam_buf_adds(out, "}");
	return true;
}

/* The text of the template with the resources nobody reads left out, and
 * the position of every resource kept.  False when the text is not a
 * JSON object as expected (the caller then parses it whole, for jansson's
 * message). */
static bool prune(const char *text, size_t len, struct iam_buf *out, json_t *pos,
		  size_t *nkept)
{
	struct scan sc = { text, text + len, 1, text, false };
	bool first = true, resources = false;

	if (len > 2 && (unsigned char)text[0] == 0xEF)
		return false;  /* a BOM: leave it to jansson */
	sc_ws(&sc);
	if (sc.p >= sc.end || *sc.p != '{')
		return false;
	sc.p++;
	iam_buf_adds(out, "{");
	for (;;) {
		const char *kstart = NULL, *k;
		size_t kn;

		sc_ws(&sc);
		if (sc.p < sc.end && *sc.p == '}') {
			sc.p++;
			break;
		}
		kstart = sc.p;
		if (!sc_string(&sc, &k, &kn))
			return false;
		sc_ws(&sc);
		if (sc.p >= sc.end || *sc.p != ':')
			return false;
		sc.p++;
		sc_ws(&sc);
		if (!first)
			iam_buf_adds(out, ",");
		first = false;
		if (raw_is(k, kn, "Resources") && sc.p < sc.end && *sc.p == '{') {
			bool rfirst = true;

			resources = true;
			iam_buf_adds(out, "\"Resources\":{");
			sc.p++;
			for (;;) {
				const char *rstart, *lid, *name_prop;
				size_t ln;
				int line, col = 1;
				bool keep;

				sc_ws(&sc);
				if (sc.p < sc.end && *sc.p == '}') {
					sc.p++;
					break;
				}
				rstart = sc.p;
				line = sc.line;
				for (const char *c = sc.line_start; c < rstart; c++)
					if (((unsigned char)*c & 0xC0) != 0x80)
						col++;
				if (!sc_string(&sc, &lid, &ln))
					return false;
				sc_ws(&sc);
				if (sc.p >= sc.end || *sc.p != ':')
					return false;
				sc.p++;
				keep = resource_kept(&sc, &name_prop);
				if (keep) {
					char id[512];

					if (!rfirst)
						iam_buf_adds(out, ",");
					rfirst = false;
					(*nkept)++;
					if (name_prop) {
						sb_raw(out, rstart, lid + ln + 1);
						iam_buf_adds(out, ":");
						if (!copy_named(out, &sc, name_prop))
							return false;
					} else {
						sc_value(&sc);
						if (sc.fail)
							return false;
						sb_raw(out, rstart, sc.p);
					}
					if (ln < sizeof(id) && !memchr(lid, '\\', ln)) {
						memcpy(id, lid, ln);
						id[ln] = '\0';
						json_object_set_new(pos, id, json_pack("[ii]", line, col));
					}
				} else {
					sc_value(&sc);
					if (sc.fail)
						return false;
				}
				sc_ws(&sc);
				if (sc.p < sc.end && *sc.p == ',')
					sc.p++;
				else if (!(sc.p < sc.end && *sc.p == '}'))
					return false;
			}
			iam_buf_adds(out, "}");
		} else {
			sc_value(&sc);
			if (sc.fail)
				return false;
			sb_raw(out, kstart, sc.p);
		}
		sc_ws(&sc);
		if (sc.p < sc.end && *sc.p == ',')
			sc.p++;
		else if (!(sc.p < sc.end && *sc.p == '}'))
			return false;
	}
	sc_ws(&sc);
	iam_buf_adds(out, "}");
	/* no Resources: not a template (the full parse says so) */
	return resources && sc.p == sc.end && !out->fail;
}

/* A new stack with its key and display name, nothing read yet. */
static struct iam_cfn_stack *stack_new(const char *display, const char *key)
{
	struct iam_cfn_stack *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->key = strdup(key ? key : "");
	s->file = strdup(display ? display : "<template>");
	s->params = json_object();
	s->conds = json_object();
	s->notes = json_array();
	s->positions = json_object();
	if (!s->key || !s->file || !s->params || !s->conds || !s->notes ||
	    !s->positions) {
		iam_cfn_free(s);
		return NULL;
	}
	return s;
}

/* With s->root read: find Resources and give the declared parameters
 * their Defaults.  0, or -1 with err set. */
static int stack_finish(struct iam_cfn_stack *s, struct iam_error *err)
{
	const char *name;
	json_t *decl;

	s->resources = json_object_get(s->root, "Resources");
	if (!json_is_object(s->root) || !json_is_object(s->resources)) {
		iam_error_set(err, IAM_ERR_SCHEMA, "",
			      "not a CloudFormation template: no Resources object");
		iam_error_locate(err, s->file, 1, 1);
		return -1;
	}
	/* declared parameters: a Default is a value; no Default, or
	 * Amplify's placeholder (a Default equal to the parameter's name),
	 * is unknown (ref() makes the token when asked) */
	json_object_foreach(json_object_get(s->root, "Parameters"), name, decl) {
		json_t *def = json_object_get(decl, "Default");

		if (def && !(json_is_string(def) &&
			     strcmp(json_string_value(def), name) == 0) &&
		    iam_cfn_set_param(s, name, def) < 0) {
			iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			return -1;
		}
	}
	return 0;
}

/* Load from text (NUL-terminated, len bytes), which the stack takes
 * over: it is kept for positions. */
static struct iam_cfn_stack *load_owned(char *text, size_t len,
					const char *display, const char *key,
					struct iam_error *err)
{
	struct iam_cfn_stack *s = stack_new(display, key);
	struct iam_buf pruned = { 0 };
	size_t nkept = 0;

	if (!s) {
		free(text);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	s->own.text = text;
	s->own.len = len;
	s->doc = &s->own;
	if (len > IAM_JSON_MAX_BYTES) {
		iam_error_set(err, IAM_ERR_LIMIT, NULL,
			      "file is over the limit of %u bytes", IAM_JSON_MAX_BYTES);
		iam_error_locate(err, s->file, 0, 0);
		goto fail;
	}
	if (prune(text, len, &pruned, s->positions, &nkept)) {
		/* nothing an analysis reads: no need to parse the rest */
		if (!nkept)
			s->root = json_pack("{s{}}", "Resources");
		else
			s->root = json_loadb(pruned.p, pruned.n,
					     JSON_REJECT_DUPLICATES, NULL);
	}
	free(pruned.p);
	if (pruned.fail)
		goto nomem;
	if (!s->root) {
		/* not what the scan expects, or not JSON: the whole text,
		 * for jansson's word and place */
		struct iam_json_doc doc = IAM_JSON_DOC_INIT;

		json_object_clear(s->positions);
		if (iam_json_load_buffer(&doc, s->file, text, len, err) < 0) {
			iam_json_doc_release(&doc);
			goto fail;
		}
		s->root = json_incref(doc.root);
		iam_json_doc_release(&doc);
	}
	if (stack_finish(s, err) < 0)
		goto fail;
	return s;
nomem:
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
fail:
	iam_cfn_free(s);
	return NULL;
}

struct iam_cfn_stack *iam_cfn_load_buffer(const char *text, size_t len,
					  const char *display, const char *key,
					  struct iam_error *err)
{
	char *copy = malloc(len + 1);

	if (!copy) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	return load_owned(copy, len, display, key, err);
}

struct iam_cfn_stack *iam_cfn_from_doc(struct iam_json_doc *doc,
				       const char *key, struct iam_error *err)
{
	struct iam_cfn_stack *s = stack_new(doc->source, key);

	if (!s) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	s->doc = doc;
	s->root = json_incref(doc->root);
	if (stack_finish(s, err) < 0) {
		iam_cfn_free(s);
		return NULL;
	}
	return s;
}

bool iam_cfn_locate(struct iam_cfn_stack *s, const char *pointer, int *line,
		    int *column)
{
	return s->doc && iam_json_locate(s->doc, pointer, line, column) == 0;
}

struct iam_cfn_stack *iam_cfn_load(const char *file, const char *display,
				   const char *key, struct iam_error *err)
{
	struct iam_error e = IAM_ERROR_INIT;
	struct iam_cfn_stack *s;
	FILE *f = fopen(file, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f) {
		iam_error_set(err, IAM_ERR_IO, NULL, "cannot open: %s", strerror(errno));
		iam_error_locate(err, display ? display : file, 0, 0);
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n + 1 >= cap) {
			size_t nc = cap ? cap * 2 : 65536;
			char *nb;

			if (cap > IAM_JSON_MAX_BYTES + 1)
				break;
			nb = realloc(buf, nc);
			if (!nb) {
				free(buf);
				fclose(f);
				iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
				return NULL;
			}
			buf = nb;
			cap = nc;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int en = errno;

		fclose(f);
		free(buf);
		iam_error_set(err, IAM_ERR_IO, NULL, "read error: %s", strerror(en));
		iam_error_locate(err, display ? display : file, 0, 0);
		return NULL;
	}
	fclose(f);
	if (!buf) {
		buf = malloc(1);
		if (!buf) {
			iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			return NULL;
		}
	}
	buf[n] = '\0';
	s = load_owned(buf, n, display ? display : file, key, &e);
	if (!s && err)
		*err = e;
	return s;
}

bool iam_cfn_position(const struct iam_cfn_stack *s, const char *logical_id,
		      int *line, int *column)
{
	json_t *p = json_object_get(s->positions, logical_id);

	if (!json_is_array(p))
		return false;
	*line = (int)json_integer_value(json_array_get(p, 0));
	*column = (int)json_integer_value(json_array_get(p, 1));
	return true;
}

void iam_cfn_free(struct iam_cfn_stack *s)
{
	if (!s)
		return;
	json_decref(s->root);
	iam_json_doc_release(&s->own);
	json_decref(s->positions);
	json_decref(s->params);
	json_decref(s->conds);
	json_decref(s->notes);
	free(s->key);
	free(s->file);
	free(s->region);
	free(s->account);
	free(s->partition);
	free(s->stack_name);
	free(s);
}

json_t *iam_cfn_resource(const struct iam_cfn_stack *s, const char *logical_id,
			 const char **type)
{
	json_t *r = json_object_get(s->resources, logical_id);

	if (type)
		*type = json_string_value(json_object_get(r, "Type"));
	return json_is_object(r) ? r : NULL;
}

/* ---- the policies a template holds ---- */

static const struct spot {
	const char *type;        /* the resource type */
	const char *prop;        /* the property holding the document */
	enum iam_policy_type ptype;
	bool list;               /* Policies: [{PolicyDocument: ...}] */
} spots[] = {
	{ "AWS::IAM::Policy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::ManagedPolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::RolePolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::UserPolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::GroupPolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::Role", "AssumeRolePolicyDocument", IAM_POLICY_TRUST, false },
	{ "AWS::IAM::Role", "Policies", IAM_POLICY_IDENTITY, true },
	{ "AWS::IAM::User", "Policies", IAM_POLICY_IDENTITY, true },
	{ "AWS::IAM::Group", "Policies", IAM_POLICY_IDENTITY, true },
	{ "AWS::SSO::PermissionSet", "InlinePolicy", IAM_POLICY_IDENTITY, false },
	{ "AWS::S3::BucketPolicy", "PolicyDocument", IAM_POLICY_RESOURCE, false },
	{ "AWS::S3::AccessPoint", "Policy", IAM_POLICY_RESOURCE, false },
	{ "AWS::SQS::QueuePolicy", "PolicyDocument", IAM_POLICY_RESOURCE, false },
	{ "AWS::SNS::TopicPolicy", "PolicyDocument", IAM_POLICY_RESOURCE, false },
	{ "AWS::KMS::Key", "KeyPolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::ECR::Repository", "RepositoryPolicyText", IAM_POLICY_RESOURCE, false },
	{ "AWS::EFS::FileSystem", "FileSystemPolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::Backup::BackupVault", "AccessPolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::OpenSearchService::Domain", "AccessPolicies", IAM_POLICY_RESOURCE, false },
	{ "AWS::Elasticsearch::Domain", "AccessPolicies", IAM_POLICY_RESOURCE, false },
};

/* The policies of one spot of resource id. */
static int spot_policies(const char *id, json_t *props, const struct spot *sp,
			 int (*fn)(void *, const struct iam_cfn_policy *),
			 void *ctx)
{
	struct iam_cfn_policy p = { id, sp->type, sp->prop, sp->ptype, "", NULL };
	json_t *v = json_object_get(props, sp->prop);
	size_t plen;

	if (!v || iam_jptr_push(p.pointer, sizeof(p.pointer), "Resources") < 0 ||
	    iam_jptr_push(p.pointer, sizeof(p.pointer), id) < 0 ||
	    iam_jptr_push(p.pointer, sizeof(p.pointer), "Properties") < 0 ||
	    iam_jptr_push(p.pointer, sizeof(p.pointer), sp->prop) < 0)
		return 0;
	if (!sp->list) {
		p.document = v;
		return json_is_object(v) ? fn(ctx, &p) : 0;
	}
	plen = strlen(p.pointer);
	for (size_t k = 0; json_is_array(v) && k < json_array_size(v); k++) {
		json_t *e = json_array_get(v, k);
		int rc;

		p.pointer[plen] = '\0';
		p.document = json_object_get(e, "PolicyDocument");
		if (!json_is_object(p.document) ||
		    iam_jptr_push_index(p.pointer, sizeof(p.pointer), k) < 0 ||
		    iam_jptr_push(p.pointer, sizeof(p.pointer), "PolicyDocument") < 0)
			continue;
		if ((rc = fn(ctx, &p)) != 0)
			return rc;
	}
	return 0;
}

int iam_cfn_each_policy(const struct iam_cfn_stack *s,
			int (*fn)(void *ctx, const struct iam_cfn_policy *p),
			void *ctx)
{
	const char *id;
	json_t *r;

	json_object_foreach(s->resources, id, r) {
		const char *type = json_string_value(json_object_get(r, "Type"));
		json_t *props = json_object_get(r, "Properties");

		if (!type || !json_is_object(props))
			continue;
		for (size_t i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
			int rc;

			if (strcmp(spots[i].type, type) == 0 &&
			    (rc = spot_policies(id, props, &spots[i], fn, ctx)) != 0)
				return rc;
		}
	}
	return 0;
}

/* ---- a template unresolved: every intrinsic unknown ---- */

static bool is_intrinsic(json_t *v)
{
	const char *key;
	json_t *val;

	if (!json_is_object(v) || json_object_size(v) != 1)
		return false;
	json_object_foreach(v, key, val) {
		(void)val;
		return strcmp(key, "Ref") == 0 || strcmp(key, "Condition") == 0 ||
		       strncmp(key, "Fn::", 4) == 0;
	}
	return false;
}

struct met {
	char *text;
	size_t num;
};

struct unresolved {
	const char *key;
	int (*unknown)(void *ctx, const char *pointer);
	void *ctx;
	char path[IAM_CFN_POINTER_MAX];
	/* the intrinsics met, by their compact text (keys sorted): a hash
	 * table, each with its number in the order met */
	struct met *tab;
	size_t ntab, captab;
};

static size_t text_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Twice the slots; -1 out of memory. */
static int intrinsics_grow(struct unresolved *u)
{
	size_t cap = u->captab ? 2 * u->captab : 16;
	struct met *old = u->tab;
	size_t oldcap = u->captab;

	u->tab = calloc(cap, sizeof(*u->tab));
	if (!u->tab) {
		u->tab = old;
		return -1;
	}
	u->captab = cap;
	for (size_t i = 0; i < oldcap; i++) {
		char *t = old[i].text;
		size_t h;

		if (!t)
			continue;
		for (h = text_hash(t) & (cap - 1); u->tab[h].text; h = (h + 1) & (cap - 1))
			;
		u->tab[h] = old[i];
	}
	free(old);
	return 0;
}

/* The number of intrinsic v among those of this copy (1, 2, ... in the
 * order met): two that are equal (the same Ref twice) have the same
 * number, two that differ (GetAtt AuthRole.Arn, GetAtt UnauthRole.Arn)
 * do not.  0 when out of memory. */
static size_t intrinsic_number(struct unresolved *u, json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	size_t h, mask;

	if (!text || (2 * (u->ntab + 1) > u->captab && intrinsics_grow(u) < 0)) {
		free(text);
		return 0;
	}
	mask = u->captab - 1;
	for (h = text_hash(text) & mask; u->tab[h].text; h = (h + 1) & mask) {
		if (strcmp(u->tab[h].text, text) == 0) {
			free(text);
			return u->tab[h].num;
		}
	}
	u->tab[h].text = text;
	u->tab[h].num = ++u->ntab;
	return u->ntab;
}

static json_t *unresolved(struct unresolved *u, json_t *v)
{
	size_t plen = strlen(u->path);
	json_t *r = NULL;

	if (is_intrinsic(v)) {
		size_t num;
		char text[32];

		if (u->unknown && u->unknown(u->ctx, u->path) != 0)
			return NULL;
		num = intrinsic_number(u, v);
		if (!num)
			return NULL;
		snprintf(text, sizeof(text), "unknown#%zu", num);
		return iam_cfn_unknown_new(u->key, text);
	}
	if (json_is_object(v)) {
		const char *key;
		json_t *val;

		r = json_object();
		json_object_foreach(v, key, val) {
			json_t *c;

			if (!r || iam_jptr_push(u->path, sizeof(u->path), key) < 0)
				goto fail;
			c = unresolved(u, val);
			u->path[plen] = '\0';
			if (!c || json_object_set_new(r, key, c) < 0)
				goto fail;
		}
		return r;
	}
	if (json_is_array(v)) {
		r = json_array();
		for (size_t i = 0; r && i < json_array_size(v); i++) {
			json_t *c;

			if (iam_jptr_push_index(u->path, sizeof(u->path), i) < 0)
				goto fail;
			c = unresolved(u, json_array_get(v, i));
			u->path[plen] = '\0';
			if (!c || json_array_append_new(r, c) < 0)
				goto fail;
		}
		return r;
	}
	return json_incref(v);
fail:
	json_decref(r);
	return NULL;
}

json_t *iam_cfn_unresolved(json_t *v, const char *key, const char *base,
			   int (*unknown)(void *ctx, const char *pointer),
			   void *ctx)
{
	struct unresolved u = { key ? key : "", unknown, ctx, "", NULL, 0, 0 };
	json_t *r;

	iam_strlcpy_tail(u.path, base ? base : "", sizeof(u.path));
	r = unresolved(&u, v);
	for (size_t i = 0; i < u.captab; i++)
		free(u.tab[i].text);
	free(u.tab);
	return r;
}

/* ---- evaluation ---- */

static json_t *eval(struct iam_cfn_stack *s, json_t *v);
static json_t *getatt(struct iam_cfn_stack *s, json_t *arg);
static json_t *getatt_named(struct iam_cfn_stack *s, const char *name);
static enum iam_cfn_tri cond_expr(struct iam_cfn_stack *s, json_t *v);

/* Append a scalar's CloudFormation string form; false for lists/objects. */
static bool stringify(struct iam_buf *b, json_t *v)
{
	char num[64];

	switch (json_typeof(v)) {
	case JSON_STRING:
		iam_buf_add(b, json_string_value(v), json_string_length(v));
		return true;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		iam_buf_adds(b, num);
		return true;
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		iam_buf_adds(b, num);
		return true;
	case JSON_TRUE:
		iam_buf_adds(b, "true");
		return true;
	case JSON_FALSE:
		iam_buf_adds(b, "false");
		return true;
	default:
		return false;
	}
}

static json_t *take_string(struct iam_cfn_stack *s, struct iam_buf *b)
{
	char *p = iam_buf_take(b);
	json_t *j;

	if (!p) {
		s->nomem = true;
		return NULL;
	}
	j = json_string(p);
	free(p);
	if (!j)
		s->nomem = true;
	return j;
}

static json_t *pseudo(struct iam_cfn_stack *s, const char *name)
{
	const char *v = NULL;

	if (strcmp(name, "AWS::Region") == 0)
		v = s->region;
	else if (strcmp(name, "AWS::AccountId") == 0)
		v = s->account;
	else if (strcmp(name, "AWS::Partition") == 0)
		v = s->partition ? s->partition : "aws";
	else if (strcmp(name, "AWS::URLSuffix") == 0)
		v = "amazonaws.com";
	else if (strcmp(name, "AWS::StackName") == 0)
		v = s->stack_name;
	if (v)
		return json_string(v);
	/* region and account are the deployment's: the same in every stack */
	return unknownf(s, strcmp(name, "AWS::StackName") == 0 ||
			strcmp(name, "AWS::StackId") == 0 ? s->key : "pseudo",
			"%s", name);
}

/* The name property a resource's Ref returns, where the template sets it. */
static const char *name_property(const char *type)
{
	static const char *const map[][2] = {
		{ "AWS::IAM::Role", "RoleName" },
		{ "AWS::S3::Bucket", "BucketName" },
		{ "AWS::DynamoDB::Table", "TableName" },
		{ "AWS::Lambda::Function", "FunctionName" },
		{ "AWS::IAM::User", "UserName" },
		{ "AWS::IAM::Group", "GroupName" },
		{ "AWS::SQS::Queue", NULL },
		{ NULL, NULL },
	};

	for (size_t i = 0; type && map[i][0]; i++)
		if (strcmp(type, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* Whether name's Ref is being evaluated already (its name property names
 * itself, or names one that names it): a note says where and through what,
 * and the Ref is unknown, as AWS would refuse the template ("Circular
 * dependency between resources"). */
static bool in_cycle(struct iam_cfn_stack *s, const char *name)
{
	struct iam_buf path = { 0 };
	int i, from, line = 0, col = 0;

	for (from = 0; from < s->nresolving; from++)
		if (strcmp(s->resolving[from], name) == 0)
			break;
	if (from == s->nresolving)
		return false;
	for (i = from; i < s->nresolving; i++) {
		iam_buf_adds(&path, s->resolving[i]);
		iam_buf_adds(&path, " -> ");
	}
	iam_buf_adds(&path, name);
	iam_cfn_position(s, name, &line, &col);
	if (path.p)
		note(s, "line %d: %s refers to itself (%s): its name is unknown",
		     line, name, path.p);
	else
		s->nomem = true;
	free(path.p);
	return true;
}

/* The value of resource id's name property p, evaluated with id marked as
 * being resolved (a Ref to it inside is a cycle). */
static json_t *eval_named(struct iam_cfn_stack *s, const char *id, json_t *p)
{
	json_t *v;

	if (s->nresolving == (int)(sizeof(s->resolving) / sizeof(s->resolving[0])))
		return unknownf(s, NULL, "%s", id);
	s->resolving[s->nresolving++] = id;
	v = eval(s, p);
	s->nresolving--;
	return v;
}

/* The ARN a resource of the template has, by type: what Fn::GetAtt X.Arn
 * (or the attribute named) and, for a topic, Ref return.  %P partition,
 * %R region, %A account, %N the resource's name (its name property, else
 * unknown), %I its physical ID (unknown), %T a role's path. */
static const struct arn_form {
	const char *type, *attr;        /* attr NULL: Ref */
	const char *form, *name_prop;
} arn_forms[] = {
	{ "AWS::DynamoDB::Table", "Arn", "arn:%P:dynamodb:%R:%A:table/%N", "TableName" },
	{ "AWS::DynamoDB::Table", "StreamArn", "arn:%P:dynamodb:%R:%A:table/%N/stream/%I", "TableName" },
	{ "AWS::S3::Bucket", "Arn", "arn:%P:s3:::%N", "BucketName" },
	{ "AWS::Lambda::Function", "Arn", "arn:%P:lambda:%R:%A:function:%N", "FunctionName" },
	{ "AWS::IAM::Role", "Arn", "arn:%P:iam::%A:role%T%N", "RoleName" },
	{ "AWS::SNS::Topic", NULL, "arn:%P:sns:%R:%A:%N", "TopicName" },
	{ "AWS::SNS::Topic", "TopicArn", "arn:%P:sns:%R:%A:%N", "TopicName" },
	{ "AWS::SQS::Queue", "Arn", "arn:%P:sqs:%R:%A:%N", "QueueName" },
	{ "AWS::Logs::LogGroup", "Arn", "arn:%P:logs:%R:%A:log-group:%N:*", "LogGroupName" },
	{ "AWS::Kinesis::Stream", "Arn", "arn:%P:kinesis:%R:%A:stream/%N", "Name" },
	{ "AWS::Cognito::UserPool", "Arn", "arn:%P:cognito-idp:%R:%A:userpool/%I", NULL },
	{ "AWS::AppSync::GraphQLApi", "Arn", "arn:%P:appsync:%R:%A:apis/%I", NULL },
	{ NULL, NULL, NULL, NULL },
};

static const struct arn_form *arn_form(const char *type, const char *attr)
{
	for (const struct arn_form *f = arn_forms; type && f->type; f++)
		if (strcmp(f->type, type) == 0 &&
		    (attr ? f->attr && strcmp(f->attr, attr) == 0 : !f->attr))
			return f;
	return NULL;
}

/* Append v (a string, with its tokens) to b; an unknown for anything else. */
static void add_piece(struct iam_cfn_stack *s, struct iam_buf *b, json_t *v, const char *id)
{
	if (json_is_string(v)) {
		iam_buf_adds(b, json_string_value(v));
	} else {
		json_t *u = unknownf(s, NULL, "%s", id);

		if (u)
			iam_buf_adds(b, json_string_value(u));
		json_decref(u);
	}
}

/* The ARN of resource id (a resource of the template, of type) by form f,
 * with what the stack knows: a new string value with tokens. */
static json_t *arn_of(struct iam_cfn_stack *s, const char *id, json_t *res,
		      const struct arn_form *f)
{
	json_t *props = json_object_get(res, "Properties");
	struct iam_buf b = { 0 };

	iam_buf_adds(&b, "");
	for (const char *c = f->form; *c; c++) {
		json_t *v = NULL;
		char what[300];

		if (*c != '%') {
			iam_buf_addc(&b, *c);
			continue;
		}
		switch (*++c) {
		case 'P': v = pseudo(s, "AWS::Partition"); break;
		case 'R': v = pseudo(s, "AWS::Region"); break;
		case 'A': v = pseudo(s, "AWS::AccountId"); break;
		case 'N': {
			json_t *n = f->name_prop ? json_object_get(props, f->name_prop) : NULL;

			v = n && !in_cycle(s, id) ? eval_named(s, id, n) : NULL;
			break;
		}
		case 'T': {
			json_t *path = json_object_get(props, "Path");

			v = path ? eval(s, path) : json_string("/");
			break;
		}
		default:
			break;
		}
		snprintf(what, sizeof(what), "%s.%s", id, *c == 'I' ? "Id" : "Name");
		add_piece(s, &b, v, *c == 'N' || *c == 'I' ? what : id);
		json_decref(v);
	}
	return take_string(s, &b);
}

static json_t *ref(struct iam_cfn_stack *s, const char *name)
{
	json_t *v, *res;
	const char *type, *prop;
	const struct arn_form *f;

	if (strcmp(name, "AWS::NoValue") == 0)
		return NULL;
	if (strncmp(name, "AWS::", 5) == 0)
		return pseudo(s, name);
	v = json_object_get(s->params, name);
	if (v)
		return json_incref(v);
	if (json_object_get(json_object_get(s->root, "Parameters"), name))
		return unknownf(s, "param", "%s", name);
	res = iam_cfn_resource(s, name, &type);
	if (!res)
		return unknownf(s, NULL, "%s", name);
	if (in_cycle(s, name))
		return unknownf(s, NULL, "%s", name);
	prop = name_property(type);
	if (prop) {
		json_t *p = json_object_get(json_object_get(res, "Properties"), prop);

		if (p) {
			v = eval_named(s, name, p);
			if (json_is_string(v))
				return v;
			json_decref(v);
		}
	}
	f = arn_form(type, NULL);
	if (f)
		return arn_of(s, name, res, f);
	if (type && strcmp(type, "AWS::IAM::ManagedPolicy") == 0) {
		json_t *p = json_object_get(json_object_get(res, "Properties"),
					    "ManagedPolicyName");
		json_t *n = p ? eval(s, p) : NULL;
		json_t *path = json_object_get(json_object_get(res, "Properties"), "Path");
		json_t *pv = path ? eval(s, path) : NULL;

		if (json_is_string(n)) {
			struct iam_buf b = { 0 };
			json_t *a = pseudo(s, "AWS::AccountId");

			iam_buf_adds(&b, "arn:");
			iam_buf_adds(&b, s->partition ? s->partition : "aws");
			iam_buf_adds(&b, ":iam::");
			if (a)
				stringify(&b, a);
			iam_buf_adds(&b, ":policy");
			if (json_is_string(pv))
				iam_buf_adds(&b, json_string_value(pv));
			else
				iam_buf_adds(&b, "/");
			iam_buf_adds(&b, json_string_value(n));
			json_decref(a);
			json_decref(n);
			json_decref(pv);
			return take_string(s, &b);
		}
		json_decref(n);
		json_decref(pv);
	}
	return unknownf(s, NULL, "%s", name);
}

static json_t *fn_join(struct iam_cfn_stack *s, json_t *arg)
{
	json_t *list, *e;
	const char *delim;
	struct iam_buf b = { 0 };
	size_t i;

	if (!json_is_array(arg) || json_array_size(arg) != 2 ||
	    !json_is_string(json_array_get(arg, 0)))
		return unknownf(s, NULL, "Fn::Join");
	delim = json_string_value(json_array_get(arg, 0));
	list = eval(s, json_array_get(arg, 1));
	if (!json_is_array(list)) {
		json_decref(list);
		return s->nomem ? NULL : unknownf(s, NULL, "Fn::Join");
	}
	iam_buf_adds(&b, "");
	json_array_foreach(list, i, e) {
		if (i)
			iam_buf_adds(&b, delim);
		if (!stringify(&b, e)) {
			json_t *u = unknownf(s, NULL, "Fn::Join element");

			if (u)
				iam_buf_adds(&b, json_string_value(u));
			json_decref(u);
		}
	}
	json_decref(list);
	return take_string(s, &b);
}

static json_t *fn_split(struct iam_cfn_stack *s, json_t *arg)
{
	json_t *src, *out;

	if (!json_is_array(arg) || json_array_size(arg) != 2 ||
	    !json_is_string(json_array_get(arg, 0)))
		return unknownf(s, NULL, "Fn::Split");
	src = eval(s, json_array_get(arg, 1));
	if (!json_is_string(src)) {
		json_decref(src);
		return s->nomem ? NULL : unknownf(s, NULL, "Fn::Split");
	}
	/* a wholly unknown string is an unknown list */
	{
		const char *t = json_string_value(src);

		if (t[0] == IAM_CFN_UNKNOWN_START &&
		    strchr(t, IAM_CFN_UNKNOWN_END) == t + strlen(t) - 1)
			return src;
	}
	out = split_string(json_string_value(src),
			   json_string_value(json_array_get(arg, 0)), false);
	json_decref(src);
	if (!out)
		s->nomem = true;
	return out;
}

static json_t *fn_select(struct iam_cfn_stack *s, json_t *arg)
{
	json_t *iv, *list, *r;
	long long idx = -1;

	if (!json_is_array(arg) || json_array_size(arg) != 2)
		return unknownf(s, NULL, "Fn::Select");
	iv = eval(s, json_array_get(arg, 0));
	if (json_is_integer(iv)) {
		idx = json_integer_value(iv);
	} else if (json_is_string(iv)) {
		char *end;

		idx = strtoll(json_string_value(iv), &end, 10);
		if (*end || end == json_string_value(iv))
			idx = -1;
	}
	json_decref(iv);
	list = eval(s, json_array_get(arg, 1));
	if (json_is_array(list) && idx >= 0 &&
	    (size_t)idx < json_array_size(list)) {
		r = json_incref(json_array_get(list, (size_t)idx));
		json_decref(list);
		return r;
	}
	if (json_is_string(list) && iam_cfn_has_unknown(json_string_value(list))) {
		/* element idx of an unknown list: keep where it came from */
		const char *key, *text;
		size_t kl, tl;
		char k[256], t[400];

		if (iam_cfn_first_token(json_string_value(list), &key, &kl, &text, &tl) &&
		    kl < sizeof(k) && tl < sizeof(t)) {
			memcpy(k, key, kl);
			k[kl] = '\0';
			memcpy(t, text, tl);
			t[tl] = '\0';
			r = unknownf(s, k, "%s|Fn::Select %lld", t, idx);
		} else {
			r = unknownf(s, NULL, "Fn::Select %lld", idx);
		}
		json_decref(list);
		return r;
	}
	json_decref(list);
	return s->nomem ? NULL : unknownf(s, NULL, "Fn::Select %lld", idx);
}

static bool is_novalue(json_t *v)
{
	json_t *r = json_object_get(v, "Ref");

	return json_is_object(v) && json_object_size(v) == 1 && json_is_string(r) &&
	       strcmp(json_string_value(r), "AWS::NoValue") == 0;
}

static json_t *fn_if(struct iam_cfn_stack *s, json_t *arg)
{
	const char *name;
	json_t *a, *b;

	if (!json_is_array(arg) || json_array_size(arg) != 3 ||
	    !json_is_string(json_array_get(arg, 0)))
		return unknownf(s, NULL, "Fn::If");
	name = json_string_value(json_array_get(arg, 0));
	a = json_array_get(arg, 1);
	b = json_array_get(arg, 2);
	switch (iam_cfn_condition(s, name)) {
	case IAM_CFN_TRUE:
		return eval(s, a);
	case IAM_CFN_FALSE:
		return eval(s, b);
	case IAM_CFN_UNKNOWN:
		break;
	}
	if (is_novalue(a)) {
		note(s, "condition '%s' is unknown: Fn::If took its value, not AWS::NoValue", name);
		return eval(s, b);
	}
	note(s, "condition '%s' is unknown: Fn::If took its first value", name);
	return eval(s, a);
}

static json_t *fn_sub(struct iam_cfn_stack *s, json_t *arg)
{
	json_t *vars = NULL;
	const char *t;
	struct iam_buf b = { 0 };

	if (json_is_array(arg) && json_array_size(arg) == 2) {
		vars = json_array_get(arg, 1);
		arg = json_array_get(arg, 0);
	}
	if (!json_is_string(arg))
		return unknownf(s, NULL, "Fn::Sub");
	t = json_string_value(arg);
	iam_buf_adds(&b, "");
	while (*t) {
		const char *a = strstr(t, "${"), *end;
		char name[256];
		json_t *v;
		size_t n;

		if (!a) {
			iam_buf_adds(&b, t);
			break;
		}
		iam_buf_add(&b, t, (size_t)(a - t));
		if (a[2] == '!') {
			iam_buf_adds(&b, "${");
			t = a + 3;
			continue;
		}
		end = strchr(a, '}');
		if (!end) {
			iam_buf_adds(&b, a);
			break;
		}
		n = (size_t)(end - a - 2);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, a + 2, n);
		name[n] = '\0';
		t = end + 1;
		if (vars && json_object_get(vars, name))
			v = eval(s, json_object_get(vars, name));
		else if (strchr(name, '.') && strncmp(name, "AWS::", 5) != 0)
			v = getatt_named(s, name);  /* ${X.Attr}: Fn::GetAtt */
		else
			v = ref(s, name);
		if (!v && s->nomem)
			break;
		if (v && !stringify(&b, v)) {
			json_t *u = unknownf(s, NULL, "%s", name);

			if (u)
				iam_buf_adds(&b, json_string_value(u));
			json_decref(u);
		}
		json_decref(v);
	}
	return take_string(s, &b);
}

static json_t *fn_find_in_map(struct iam_cfn_stack *s, json_t *arg)
{
	json_t *k[3] = { NULL, NULL, NULL }, *v = NULL;

	if (!json_is_array(arg) || json_array_size(arg) != 3)
		return unknownf(s, NULL, "Fn::FindInMap");
	for (size_t i = 0; i < 3; i++)
		k[i] = eval(s, json_array_get(arg, i));
	if (json_is_string(k[0]) && json_is_string(k[1]) && json_is_string(k[2])) {
		v = json_object_get(json_object_get(s->root, "Mappings"),
				    json_string_value(k[0]));
		v = json_object_get(v, json_string_value(k[1]));
		v = json_object_get(v, json_string_value(k[2]));
	}
	v = v ? json_incref(v) : unknownf(s, NULL, "Fn::FindInMap");
	for (size_t i = 0; i < 3; i++)
		json_decref(k[i]);
	return v;
}

/* Fn::GetAtt [X, Attr] or "X.Attr": the ARN of a resource of the
 * template where its type has one (arn_forms), else unknown. */
static json_t *getatt(struct iam_cfn_stack *s, json_t *arg)
{
	char id[256], attr[256];
	const struct arn_form *f;
	const char *type;
	json_t *res;

	if (json_is_array(arg) && json_array_size(arg) == 2 &&
	    json_is_string(json_array_get(arg, 0)) && json_is_string(json_array_get(arg, 1))) {
		snprintf(id, sizeof(id), "%s", json_string_value(json_array_get(arg, 0)));
		snprintf(attr, sizeof(attr), "%s", json_string_value(json_array_get(arg, 1)));
	} else if (json_is_string(arg) && strchr(json_string_value(arg), '.')) {
		const char *a = json_string_value(arg), *dot = strchr(a, '.');

		snprintf(id, sizeof(id), "%.*s", (int)(dot - a), a);
		snprintf(attr, sizeof(attr), "%s", dot + 1);
	} else {
		return unknownf(s, NULL, "%s", json_is_string(arg) ? json_string_value(arg)
								: "Fn::GetAtt");
	}
	res = iam_cfn_resource(s, id, &type);
	f = res ? arn_form(type, attr) : NULL;
	if (f)
		return arn_of(s, id, res, f);
	return unknownf(s, NULL, "%s.%s", id, attr);
}

/* ${X.Attr} of a Fn::Sub. */
static json_t *getatt_named(struct iam_cfn_stack *s, const char *name)
{
	json_t *a = json_string(name), *v;

	v = a ? getatt(s, a) : unknownf(s, NULL, "%s", name);
	json_decref(a);
	return v;
}

static json_t *intrinsic(struct iam_cfn_stack *s, const char *fn, json_t *arg)
{
	if (strcmp(fn, "Ref") == 0)
		return json_is_string(arg) ? ref(s, json_string_value(arg))
					   : unknownf(s, NULL, "Ref");
	if (strcmp(fn, "Fn::GetAtt") == 0)
		return getatt(s, arg);
	if (strcmp(fn, "Fn::ImportValue") == 0) {
		json_t *n = eval(s, arg), *u;
		char *d = json_is_string(n)
				  ? iam_cfn_render(json_string_value(n), IAM_CFN_RENDER_DISPLAY)
				  : NULL;

		u = unknownf(s, "import", "Fn::ImportValue %s", d ? d : "?");
		free(d);
		json_decref(n);
		return u;
	}
	if (strcmp(fn, "Fn::Join") == 0)
		return fn_join(s, arg);
	if (strcmp(fn, "Fn::Split") == 0)
		return fn_split(s, arg);
	if (strcmp(fn, "Fn::Select") == 0)
		return fn_select(s, arg);
	if (strcmp(fn, "Fn::If") == 0)
		return fn_if(s, arg);
	if (strcmp(fn, "Fn::Sub") == 0)
		return fn_sub(s, arg);
	if (strcmp(fn, "Fn::FindInMap") == 0)
		return fn_find_in_map(s, arg);
	if (strcmp(fn, "Fn::Equals") == 0 || strcmp(fn, "Fn::Not") == 0 ||
	    strcmp(fn, "Fn::And") == 0 || strcmp(fn, "Fn::Or") == 0) {
		json_t *o = json_pack("{sO}", fn, arg);
		enum iam_cfn_tri t = o ? cond_expr(s, o) : IAM_CFN_UNKNOWN;

		json_decref(o);
		if (t != IAM_CFN_UNKNOWN)
			return json_boolean(t == IAM_CFN_TRUE);
	}
	return unknownf(s, NULL, "%s", fn);
}

static bool is_intrinsic_key(const char *k)
{
	return strcmp(k, "Ref") == 0 || strncmp(k, "Fn::", 4) == 0;
}

static json_t *eval(struct iam_cfn_stack *s, json_t *v)
{
	json_t *out = NULL;

	if (!v)
		return NULL;
	if (++s->depth > MAX_DEPTH) {
		out = unknownf(s, NULL, "nested too deep");
		goto done;
	}
	if (++s->steps > MAX_STEPS) {
		if (!s->over_budget) {
			s->over_budget = true;
			note(s, "its intrinsics grow past %lu evaluations (values that name others twice, and those the next twice): the values left are unknown",
			     MAX_STEPS);
		}
		out = unknownf(s, NULL, "over the evaluation budget");
		goto done;
	}
	switch (json_typeof(v)) {
	case JSON_ARRAY: {
		size_t i;
		json_t *e;

		out = json_array();
		if (!out) {
			s->nomem = true;
			goto done;
		}
		json_array_foreach(v, i, e) {
			json_t *r = eval(s, e);

			if (!r) {
				if (s->nomem)
					break;
				continue;  /* AWS::NoValue */
			}
			if (json_array_append_new(out, r) < 0)
				s->nomem = true;
		}
		break;
	}
	case JSON_OBJECT: {
		const char *k = NULL;
		json_t *e = NULL;

		if (json_object_size(v) == 1) {
			json_object_foreach(v, k, e)
				break;
			if (is_intrinsic_key(k)) {
				out = intrinsic(s, k, e);
				goto done;
			}
		}
		out = json_object();
		if (!out) {
			s->nomem = true;
			goto done;
		}
		json_object_foreach(v, k, e) {
			json_t *r = eval(s, e);

			if (!r) {
				if (s->nomem)
					break;
				continue;
			}
			if (json_object_set_new(out, k, r) < 0)
				s->nomem = true;
		}
		break;
	}
	default:
		out = json_incref(v);
		break;
	}
done:
	s->depth--;
	if (s->nomem) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *iam_cfn_eval(struct iam_cfn_stack *s, json_t *v)
{
	return eval(s, v);
}

/* ---- conditions ---- */

static enum iam_cfn_tri equals(struct iam_cfn_stack *s, json_t *arg)
{
	json_t *a, *b;
	struct iam_buf x = { 0 }, y = { 0 };
	enum iam_cfn_tri t = IAM_CFN_UNKNOWN;

	if (!json_is_array(arg) || json_array_size(arg) != 2)
		return IAM_CFN_UNKNOWN;
	a = eval(s, json_array_get(arg, 0));
	b = eval(s, json_array_get(arg, 1));
	iam_buf_adds(&x, "");
	iam_buf_adds(&y, "");
	if (a && b && stringify(&x, a) && stringify(&y, b) && !x.fail && !y.fail) {
		if (strcmp(x.p, y.p) == 0)
			t = IAM_CFN_TRUE;  /* equal, unknown pieces included */
		else if (!iam_cfn_has_unknown(x.p) && !iam_cfn_has_unknown(y.p))
			t = IAM_CFN_FALSE;
	}
	free(x.p);
	free(y.p);
	json_decref(a);
	json_decref(b);
	return t;
}

static enum iam_cfn_tri cond_expr(struct iam_cfn_stack *s, json_t *v)
{
	const char *k;
	json_t *arg;
	enum iam_cfn_tri t = IAM_CFN_UNKNOWN;

	if (json_is_true(v))
		return IAM_CFN_TRUE;
	if (json_is_false(v))
		return IAM_CFN_FALSE;
	if (!json_is_object(v) || json_object_size(v) != 1)
		return IAM_CFN_UNKNOWN;
	if (++s->depth > MAX_DEPTH) {
		s->depth--;
		return IAM_CFN_UNKNOWN;
	}
	json_object_foreach(v, k, arg)
		break;
	if (strcmp(k, "Fn::Equals") == 0) {
		t = equals(s, arg);
	} else if (strcmp(k, "Fn::Not") == 0) {
		if (json_is_array(arg) && json_array_size(arg) == 1) {
			t = cond_expr(s, json_array_get(arg, 0));
			if (t != IAM_CFN_UNKNOWN)
				t = t == IAM_CFN_TRUE ? IAM_CFN_FALSE : IAM_CFN_TRUE;
		}
	} else if (strcmp(k, "Fn::And") == 0 || strcmp(k, "Fn::Or") == 0) {
		bool and = k[4] == 'A';
		bool unknown = false;
		size_t i;
		json_t *e;

		t = and ? IAM_CFN_TRUE : IAM_CFN_FALSE;
		json_array_foreach(arg, i, e) {
			enum iam_cfn_tri c = cond_expr(s, e);

			if (c == IAM_CFN_UNKNOWN)
				unknown = true;
			else if (and && c == IAM_CFN_FALSE)
				t = IAM_CFN_FALSE;
			else if (!and && c == IAM_CFN_TRUE)
				t = IAM_CFN_TRUE;
		}
		if (unknown && t == (and ? IAM_CFN_TRUE : IAM_CFN_FALSE))
			t = IAM_CFN_UNKNOWN;
		if (!json_is_array(arg))
			t = IAM_CFN_UNKNOWN;
	} else if (strcmp(k, "Condition") == 0 && json_is_string(arg)) {
		t = iam_cfn_condition(s, json_string_value(arg));
	}
	s->depth--;
	return t;
}

enum iam_cfn_tri iam_cfn_condition(struct iam_cfn_stack *s, const char *name)
{
	json_t *c = json_object_get(s->conds, name), *def;
	enum iam_cfn_tri t;

	if (json_is_integer(c)) {
		/* in progress: a cycle, which AWS refuses; unknown here */
		char ptr[IAM_CFN_POINTER_MAX] = "/Conditions";
		int line = 0, col = 0;

		iam_jptr_push(ptr, sizeof(ptr), name);
		iam_cfn_locate(s, ptr, &line, &col);
		note(s, "line %d: condition '%s' refers to itself: it is unknown", line, name);
		return IAM_CFN_UNKNOWN;
	}
	if (c)
		return json_is_true(c) ? IAM_CFN_TRUE
		       : json_is_false(c) ? IAM_CFN_FALSE : IAM_CFN_UNKNOWN;
	def = json_object_get(json_object_get(s->root, "Conditions"), name);
	if (!def)
		return IAM_CFN_UNKNOWN;
	if (json_object_set_new(s->conds, name, json_integer(0)) < 0) {
		s->nomem = true;
		return IAM_CFN_UNKNOWN;
	}
	t = cond_expr(s, def);
	if (json_object_set_new(s->conds, name, t == IAM_CFN_UNKNOWN ? json_null()
						: json_boolean(t == IAM_CFN_TRUE)) < 0)
		s->nomem = true;
	return t;
}

enum iam_cfn_tri iam_cfn_resource_exists(struct iam_cfn_stack *s,
					 const char *logical_id)
{
	json_t *r = iam_cfn_resource(s, logical_id, NULL);
	json_t *c = json_object_get(r, "Condition");

	if (!r)
		return IAM_CFN_FALSE;
	if (!json_is_string(c))
		return IAM_CFN_TRUE;
	return iam_cfn_condition(s, json_string_value(c));
}
