/* core/yaml.c - YAML templates read with libyaml into JSON documents.
 *
 * One pass over libyaml's events builds the json_t tree and, beside it,
 * the position index (core/json_impl.h) in pre-order, as core/json.c
 * would from JSON text: a container is attached to its parent, and its
 * index node linked, when it starts.  An anchor is kept when its node
 * ends (so an alias never names a node that holds it: no cycle); an
 * alias shares the anchored value and its index nodes' children, and
 * counts for every value it stands for, against IAM_YAML_MAX_ALIASED.
 * Ownership: the reader owns its frames and anchors until it ends; the
 * document then owns the tree and the index.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <yaml.h>

#include "core/error.h"
#include "core/json.h"
#include "core/json_impl.h"
#include "core/yaml.h"

/* A container being read. */
struct frame {
	json_t *v;               /* the object or array (borrowed: attached) */
	int32_t node;            /* the index node v's children hang from */
	int32_t elem;            /* the element's node (a tag's wrapper) */
	int32_t last;            /* the last child linked, -1: none */
	char *key;               /* a mapping: the key waiting for its value */
	uint32_t kline, kcol;
	char *anchor;            /* kept when the container ends */
	json_t *whole;           /* what the anchor names (v, or its wrapper) */
	uint64_t weight0;        /* r->weight when it started */
	bool map;
};

struct anchor {
	json_t *v;
	int32_t elem;
	uint64_t weight;         /* the values it stands for */
};

struct reader {
	yaml_parser_t parser;
	const char *source;
	struct iam_error *err;
	struct iam_jindex *ix;
	struct frame st[IAM_YAML_MAX_DEPTH];
	int depth;
	json_t *names;           /* anchor name -> index into av */
	struct anchor *av;
	size_t nav, capav;
	uint64_t weight;         /* values so far, an alias's as many as it stands for */
	uint64_t aliased;        /* values aliases stood for */
	size_t last_line;        /* of the text, 0-based, as libyaml counts */
	size_t last_cols;        /* the characters on it */
	json_t *root;
	bool failed;
};

bool iam_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcasecmp(name + n - 4, ".yml") == 0);
}

bool iam_yaml_sniff(const char *text, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		char c = text[i];

		if (c == '#') {
			while (i < len && text[i] != '\n')
				i++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			i++;
		} else {
			return c != '{' && c != '[';
		}
	}
	return false;  /* nothing but blanks: JSON's reader says so */
}

/* ---- errors ---- */

static int fail_at(struct reader *r, yaml_mark_t m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(struct reader *r, yaml_mark_t m, const char *fmt, ...)
{
	char text[400];
	va_list ap;

	if (r->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	r->failed = true;
	if (m.line > r->last_line) {
		/* at the end of a text whose last line has no break */
		m.line = r->last_line;
		m.column = r->last_cols;
	}
	iam_error_set(r->err, IAM_ERR_YAML, "", "%s", text);
	iam_error_locate(r->err, r->source, (int)m.line + 1, (int)m.column + 1);
	return -1;
}

static int nomem(struct reader *r)
{
	r->failed = true;
	return iam_error_set(r->err, IAM_ERR_NOMEM, NULL, "out of memory");
}

/* The byte at a 0-based line and column (in characters) of text. */
static unsigned char char_at(const char *text, size_t len, size_t line,
			     size_t col)
{
	size_t i = 0;

	for (size_t l = 0; l < line && i < len; i++)
		if (text[i] == '\n')
			l++;
	for (size_t c = 0; i < len && text[i] != '\n'; i++) {
		if (((unsigned char)text[i] & 0xC0) == 0x80)
			continue;
		if (c++ == col)
			return (unsigned char)text[i];
	}
	return 0;
}

/* libyaml's word for a syntax error, and its place. */
static int syntax_error(struct reader *r, const struct iam_json_doc *doc)
{
	yaml_parser_t *p = &r->parser;

	if (p->error == YAML_MEMORY_ERROR)
		return nomem(r);
	if (char_at(doc->text, doc->len, p->problem_mark.line,
		    p->problem_mark.column) == '\t')
		return fail_at(r, p->problem_mark,
			       "a tab character where YAML wants spaces (%s)",
			       p->problem ? p->problem : "syntax error");
	if (p->context)
		return fail_at(r, p->problem_mark, "%s %s", p->problem ? p->problem
								   : "syntax error",
			       p->context);
	return fail_at(r, p->problem_mark, "%s", p->problem ? p->problem : "syntax error");
}

/* ---- the index ---- */

static int32_t new_node(struct reader *r, yaml_mark_t m, const char *key,
			size_t keylen)
{
	struct iam_jindex *ix = r->ix;

	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 256;
		struct jnode *v = cap > INT32_MAX ? NULL : realloc(ix->v, cap * sizeof(*v));

		if (!v)
			return nomem(r);
		ix->v = v;
		ix->cap = cap;
	}
	if (m.line > r->last_line) {
		/* an empty value at the end: libyaml places it on a line
		 * after the last one */
		m.line = r->last_line;
		m.column = 0;
	}
	ix->v[ix->n] = (struct jnode){ 0, (uint32_t)m.line + 1, (uint32_t)m.column + 1,
				       0, 0, -1, -1 };
	if (key) {
		/* keys from offset 1: a member's key_off is never 0, even the
		 * first one's, even an empty one's */
		if (!ix->keys_len)
			ix->keys_len = 1;
		if (ix->keys_len + keylen + 1 > ix->keys_cap) {
			size_t cap = ix->keys_cap ? ix->keys_cap : 4096;
			char *k;

			while (cap < ix->keys_len + keylen + 1)
				cap *= 2;
			if (cap > UINT32_MAX || !(k = realloc(ix->keys, cap)))
				return nomem(r);
			ix->keys = k;
			ix->keys_cap = cap;
		}
		memcpy(ix->keys + ix->keys_len, key, keylen);
		ix->v[ix->n].key_off = (uint32_t)ix->keys_len;
		ix->v[ix->n].key_len = (uint32_t)keylen;
		ix->keys_len += keylen;
	}
	return (int32_t)ix->n++;
}

static void link_node(struct reader *r, int32_t parent, int32_t *last,
		      int32_t child)
{
	if (*last < 0)
		r->ix->v[parent].first_child = child;
	else
		r->ix->v[*last].next = child;
	*last = child;
}

/* ---- values ---- */

/* Is s[0..n) one of the words? */
static bool word_in(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && memcmp(s, *words, n) == 0)
			return true;
	return false;
}

static bool all_digits(const char *s, const char *end)
{
	if (s >= end)
		return false;
	for (; s < end; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* A plain scalar's value: null, a boolean, a number or a string. */
static json_t *plain_value(const char *s, size_t n)
{
	static const char *const nulls[] = { "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", "yes", "Yes",
					     "YES", "on", "On", "ON", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", "no", "No",
					      "NO", "off", "Off", "OFF", NULL };
	const char *p = s, *end = s + n, *dot;

	if (!n || word_in(s, n, nulls))
		return json_null();
	if (word_in(s, n, trues))
		return json_true();
	if (word_in(s, n, falses))
		return json_false();
	if (*p == '-' || *p == '+')
		p++;
	if (all_digits(p, end) && (*p != '0' || end - p == 1)) {
		long long v;

		errno = 0;
		v = strtoll(s, NULL, 10);
		if (errno == 0)
			return json_integer((json_int_t)v);
	}
	dot = memchr(p, '.', (size_t)(end - p));
	if (dot && (dot > p ? all_digits(p, dot) && (*p != '0' || dot - p == 1) : true)) {
		const char *q = dot + 1, *e = q;

		while (e < end && *e >= '0' && *e <= '9')
			e++;
		if (e < end && (*e == 'e' || *e == 'E')) {
			const char *x = e + 1;

			if (x < end && (*x == '-' || *x == '+'))
				x++;
			e = all_digits(x, end) ? end : e;
		}
		if (e == end && (dot > p || e > q))
			return json_real(strtod(s, NULL));
	}
	return json_stringn(s, n);
}

/* The short forms of the intrinsic functions, and their long keys. */
static const char *intrinsic_key(const char *tag)
{
	static const char *const fns[][2] = {
		{ "!Ref", "Ref" }, { "!Condition", "Condition" },
		{ "!Base64", "Fn::Base64" }, { "!Cidr", "Fn::Cidr" },
		{ "!FindInMap", "Fn::FindInMap" }, { "!GetAZs", "Fn::GetAZs" },
		{ "!GetAtt", "Fn::GetAtt" }, { "!ImportValue", "Fn::ImportValue" },
		{ "!If", "Fn::If" }, { "!Join", "Fn::Join" },
		{ "!Select", "Fn::Select" }, { "!Split", "Fn::Split" },
		{ "!Sub", "Fn::Sub" }, { "!Transform", "Fn::Transform" },
		{ "!Equals", "Fn::Equals" }, { "!Not", "Fn::Not" },
		{ "!And", "Fn::And" }, { "!Or", "Fn::Or" },
		{ "!Length", "Fn::Length" }, { "!ToJsonString", "Fn::ToJsonString" },
	};

	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (strcmp(tag, fns[i][0]) == 0)
			return fns[i][1];
	return NULL;
}

enum tag_kind { TAG_NONE, TAG_STR, TAG_CORE, TAG_FN, TAG_BAD };

static enum tag_kind tag_kind(const yaml_char_t *t, const char **fn)
{
	const char *tag = (const char *)t;
	static const char *const core[] = { "null", "bool", "int", "float", "map",
					    "seq", NULL };
	const char *y = "tag:yaml.org,2002:";

	*fn = NULL;
	if (!tag)
		return TAG_NONE;
	if (strcmp(tag, "!") == 0)
		return TAG_STR;
	if (strncmp(tag, y, strlen(y)) == 0) {
		tag += strlen(y);
		if (strcmp(tag, "str") == 0)
			return TAG_STR;
		return word_in(tag, strlen(tag), core) ? TAG_CORE : TAG_BAD;
	}
	*fn = intrinsic_key(tag);
	return *fn ? TAG_FN : TAG_BAD;
}

/* Attach v (a new reference, taken) where the stack stands: the root, an
 * array's next element or the value of the pending key; its index node
 * (at m, or at the key) is *elem.  0 or -1. */
static int attach(struct reader *r, json_t *v, yaml_mark_t m, int32_t *elem)
{
	struct frame *f = r->depth ? &r->st[r->depth - 1] : NULL;
	int32_t n;

	if (!v)
		return nomem(r);
	if (f && f->map) {
		yaml_mark_t km = { 0, f->kline - 1, f->kcol - 1 };

		n = new_node(r, km, f->key, strlen(f->key));
	} else {
		n = new_node(r, m, NULL, 0);
	}
	if (n < 0) {
		json_decref(v);
		return -1;
	}
	if (!f) {
		r->root = v;
	} else if (f->map) {
		int rc = json_object_set_new(f->v, f->key, v);  /* takes v */

		free(f->key);
		f->key = NULL;
		if (rc < 0)
			return nomem(r);
	} else if (json_array_append_new(f->v, v) < 0) {
		return nomem(r);
	}
	if (f)
		link_node(r, f->node, &f->last, n);
	*elem = n;
	r->weight++;
	return 0;
}

/* Attach v, wrapped in {fn: v} when fn is set.  *whole is what was
 * attached (borrowed), *elem its node, *inner the node v's children hang
 * from. */
static int attach_tagged(struct reader *r, json_t *v, const char *fn,
			 yaml_mark_t m, json_t **whole, int32_t *elem,
			 int32_t *inner)
{
	json_t *w;
	int32_t last = -1;

	if (!fn) {
		if (attach(r, v, m, elem) < 0)
			return -1;
		*whole = v;
		*inner = *elem;
		return 0;
	}
	w = json_object();
	if (!w || json_object_set_new(w, fn, v) < 0) {
		json_decref(w);
		return nomem(r);
	}
	if (attach(r, w, m, elem) < 0)
		return -1;
	*whole = w;
	*inner = new_node(r, m, fn, strlen(fn));
	if (*inner < 0)
		return -1;
	link_node(r, *elem, &last, *inner);
	return 0;
}

/* ---- anchors and aliases ---- */

/* Keep an anchor (v: a new reference, taken). */
static int keep_anchor(struct reader *r, const char *name, json_t *v,
		       int32_t elem, uint64_t weight)
{
	if (!v)
		return nomem(r);
	if (r->nav == r->capav) {
		size_t cap = r->capav ? r->capav * 2 : 16;
		struct anchor *a = realloc(r->av, cap * sizeof(*a));

		if (!a) {
			json_decref(v);
			return nomem(r);
		}
		r->av = a;
		r->capav = cap;
	}
	r->av[r->nav++] = (struct anchor){ v, elem, weight };
	if (json_object_set_new(r->names, name, json_integer((json_int_t)r->nav - 1)) < 0)
		return nomem(r);
	return 0;
}

static const struct anchor *find_anchor(struct reader *r, const char *name)
{
	json_t *i = json_object_get(r->names, name);

	return i ? &r->av[json_integer_value(i)] : NULL;
}

static int on_alias(struct reader *r, const yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	const struct anchor *a = find_anchor(r, name);
	struct frame *f = r->depth ? &r->st[r->depth - 1] : NULL;
	int32_t elem;

	if (!a)
		return fail_at(r, e->start_mark, "the alias *%s names no anchor before it", name);
	r->aliased += a->weight;
	if (r->aliased > IAM_YAML_MAX_ALIASED)
		return fail_at(r, e->start_mark,
			       "aliases stand for more than %u values: refused (a billion-laughs document?)",
			       IAM_YAML_MAX_ALIASED);
	if (f && f->map && !f->key) {
		if (!json_is_string(a->v))
			return fail_at(r, e->start_mark,
				       "the alias *%s is a key but names no string", name);
		if (json_object_get(f->v, json_string_value(a->v)))
			return fail_at(r, e->start_mark, "duplicate key '%s'",
				       json_string_value(a->v));
		f->key = strdup(json_string_value(a->v));
		f->kline = (uint32_t)e->start_mark.line + 1;
		f->kcol = (uint32_t)e->start_mark.column + 1;
		return f->key ? 0 : nomem(r);
	}
	if (attach(r, json_incref(a->v), e->start_mark, &elem) < 0)
		return -1;
	if (a->elem >= 0)
		r->ix->v[elem].first_child = r->ix->v[a->elem].first_child;
	r->weight += a->weight - 1;
	return 0;
}

/* ---- scalars and containers ---- */

/* A scalar as a mapping's key. */
static int scalar_key(struct reader *r, struct frame *f, const yaml_event_t *e)
{
	const char *s = (const char *)e->data.scalar.value;
	const char *fn;

	if (tag_kind(e->data.scalar.tag, &fn) == TAG_FN)
		return fail_at(r, e->start_mark, "a key cannot be %s",
			       (const char *)e->data.scalar.tag);
	if (json_object_get(f->v, s))
		return fail_at(r, e->start_mark, "duplicate key '%s'", s);
	f->key = strdup(s);
	if (!f->key)
		return nomem(r);
	f->kline = (uint32_t)e->start_mark.line + 1;
	f->kcol = (uint32_t)e->start_mark.column + 1;
	if (e->data.scalar.anchor)
		return keep_anchor(r, (const char *)e->data.scalar.anchor,
				   json_string(s), -1, 1);
	return 0;
}

/* !GetAtt A.B: ["A", "B"], split at the first dot. */
static json_t *getatt_list(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);

	if (!dot)
		return json_pack("[s#]", s, n);
	return json_pack("[s#s#]", s, (size_t)(dot - s), dot + 1,
			 (size_t)(n - (size_t)(dot - s) - 1));
}

static size_t utf8_chars(const char *s, const char *end)
{
	size_t n = 0;

	for (; s < end; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The index nodes of !GetAtt A.B's list, under inner.  A plain scalar on
 * one line ends at e's end mark: the resource is located where it
 * starts, the attribute after the dot; any other at the tag. */
static int getatt_nodes(struct reader *r, int32_t inner, const yaml_event_t *e)
{
	const char *s = (const char *)e->data.scalar.value;
	size_t n = e->data.scalar.length, len = utf8_chars(s, s + n);
	const char *dot = memchr(s, '.', n);
	yaml_mark_t m = e->start_mark, end = e->end_mark;
	int32_t last = -1, c;
	bool exact = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		     end.line == m.line && end.column >= len && !memchr(s, '\n', n);

	if (exact)
		m.column = end.column - len;
	c = new_node(r, m, NULL, 0);
	if (c < 0)
		return -1;
	link_node(r, inner, &last, c);
	if (!dot)
		return 0;
	if (exact)
		m.column += utf8_chars(s, dot + 1);
	c = new_node(r, m, NULL, 0);
	if (c < 0)
		return -1;
	link_node(r, inner, &last, c);
	return 0;
}

static int on_scalar(struct reader *r, const yaml_event_t *e)
{
	const char *s = (const char *)e->data.scalar.value;
	size_t n = e->data.scalar.length;
	struct frame *f = r->depth ? &r->st[r->depth - 1] : NULL;
	enum tag_kind k;
	const char *fn;
	int32_t elem, inner;
	json_t *v, *whole;
	uint64_t w0 = r->weight;

	if (memchr(s, '\0', n))
		return fail_at(r, e->start_mark, "a NUL character in a scalar");
	k = tag_kind(e->data.scalar.tag, &fn);
	if (k == TAG_BAD)
		return fail_at(r, e->start_mark, "the tag %s is not one CloudFormation reads",
			       (const char *)e->data.scalar.tag);
	if (f && f->map && !f->key)
		return scalar_key(r, f, e);
	if (k == TAG_FN && strcmp(fn, "Fn::GetAtt") == 0)
		v = getatt_list(s, n);
	else if (k == TAG_CORE ||
		 (k == TAG_NONE && e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE))
		v = plain_value(s, n);
	else
		v = json_stringn(s, n);
	if (!v)
		return fail_at(r, e->start_mark, "a scalar that is not UTF-8");
	if (attach_tagged(r, v, fn, e->start_mark, &whole, &elem, &inner) < 0)
		return -1;
	if (fn && strcmp(fn, "Fn::GetAtt") == 0 && getatt_nodes(r, inner, e) < 0)
		return -1;
	if (e->data.scalar.anchor)
		return keep_anchor(r, (const char *)e->data.scalar.anchor,
				   json_incref(whole), elem, r->weight - w0);
	return 0;
}

static int on_start(struct reader *r, const yaml_event_t *e, bool map)
{
	const yaml_char_t *tag = map ? e->data.mapping_start.tag : e->data.sequence_start.tag;
	const yaml_char_t *anchor = map ? e->data.mapping_start.anchor
					: e->data.sequence_start.anchor;
	struct frame *parent = r->depth ? &r->st[r->depth - 1] : NULL, *f;
	json_t *v, *whole;
	const char *fn;
	int32_t elem, inner;
	uint64_t w0 = r->weight;

	if (parent && parent->map && !parent->key)
		return fail_at(r, e->start_mark, "a key must be a scalar, not a %s",
			       map ? "mapping" : "sequence");
	if (r->depth == IAM_YAML_MAX_DEPTH)
		return fail_at(r, e->start_mark, "nested deeper than %d", IAM_YAML_MAX_DEPTH);
	if (tag_kind(tag, &fn) == TAG_BAD)
		return fail_at(r, e->start_mark, "the tag %s is not one CloudFormation reads",
			       (const char *)tag);
	v = map ? json_object() : json_array();
	if (attach_tagged(r, v, fn, e->start_mark, &whole, &elem, &inner) < 0)
		return -1;
	f = &r->st[r->depth++];
	*f = (struct frame){ v, inner, elem, -1, NULL, 0, 0, NULL, whole, w0, map };
	if (anchor) {
		f->anchor = strdup((const char *)anchor);
		if (!f->anchor)
			return nomem(r);
	}
	return 0;
}

static int on_end(struct reader *r)
{
	struct frame *f = &r->st[--r->depth];
	int rc = 0;

	if (f->anchor)
		rc = keep_anchor(r, f->anchor, json_incref(f->whole), f->elem,
				 r->weight - f->weight0);
	free(f->anchor);
	free(f->key);
	return rc;
}

/* ---- the stream ---- */

/* One event.  *done once the stream ends.  0 or -1. */
static int on_event(struct reader *r, const yaml_event_t *e, int *docs,
		    bool *done)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1)
			return fail_at(r, e->start_mark,
				       "a second YAML document: a template is one document");
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(r, e);
	case YAML_ALIAS_EVENT:
		return on_alias(r, e);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(r, e, false);
	case YAML_MAPPING_START_EVENT:
		return on_start(r, e, true);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_end(r);
	case YAML_STREAM_END_EVENT:
		*done = true;
		return 0;
	default:
		return 0;
	}
}

static void reader_release(struct reader *r)
{
	while (r->depth > 0) {
		struct frame *f = &r->st[--r->depth];

		free(f->anchor);
		free(f->key);
	}
	for (size_t i = 0; i < r->nav; i++)
		json_decref(r->av[i].v);
	free(r->av);
	json_decref(r->names);
	yaml_parser_delete(&r->parser);
}

/* The 0-based number of the last line of text, and the characters on
 * it: libyaml breaks lines at LF, CR, CR LF, NEL, LS and PS. */
static size_t last_line(const char *text, size_t len, size_t *cols)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t n = 0;

	*cols = 0;
	for (size_t i = 0; i < len; i++) {
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 == len || t[i + 1] != '\n')) ||
		    (t[i] == 0xC2 && i + 1 < len && t[i + 1] == 0x85) ||
		    (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80 &&
		     (t[i + 2] == 0xA8 || t[i + 2] == 0xA9))) {
			n++;
			*cols = 0;
		} else if ((t[i] & 0xC0) != 0x80 && t[i] != '\r') {
			(*cols)++;
		}
	}
	return n;
}

static int read_events(struct reader *r, struct iam_json_doc *doc)
{
	int docs = 0;
	bool done = false;

	while (!done && !r->failed) {
		yaml_event_t e;

		if (!yaml_parser_parse(&r->parser, &e))
			return syntax_error(r, doc);
		on_event(r, &e, &docs, &done);
		yaml_event_delete(&e);
	}
	if (r->failed)
		return -1;
	if (!r->root)
		return fail_at(r, (yaml_mark_t){ 0, 0, 0 }, "the file holds no YAML document");
	return 0;
}

int iam_yaml_parse(struct iam_json_doc *doc, const char *source,
		   struct iam_error *err)
{
	struct reader *r = calloc(1, sizeof(*r));
	int rc;

	if (!r)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	r->source = source ? source : "<input>";
	r->err = err;
	if (doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0) {
		memmove(doc->text, doc->text + 3, doc->len - 3 + 1);
		doc->len -= 3;
		doc->bom = true;
	}
	r->last_line = last_line(doc->text, doc->len, &r->last_cols);
	r->ix = iam_jindex_new();
	r->names = json_object();
	if (!r->ix || !r->names || !yaml_parser_initialize(&r->parser)) {
		iam_jindex_free(r->ix);
		json_decref(r->names);
		free(r);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	yaml_parser_set_input_string(&r->parser, (const unsigned char *)doc->text,
				     doc->len);
	rc = read_events(r, doc);
	reader_release(r);
	if (rc < 0) {
		json_decref(r->root);
		iam_jindex_free(r->ix);
	} else {
		iam_jindex_free(doc->index);
		doc->index = r->ix;
		json_decref(doc->root);
		doc->root = r->root;
	}
	free(r);
	return rc;
}

int iam_yaml_load_file(struct iam_json_doc *doc, const char *file,
		       struct iam_error *err)
{
	if (iam_json_read_file(doc, file, err) < 0)
		return -1;
	return iam_yaml_parse(doc, doc->source, err);
}

int iam_yaml_load_buffer(struct iam_json_doc *doc, const char *source,
			 const char *buf, size_t len, struct iam_error *err)
{
	if (iam_json_take_text(doc, source, buf, len, IAM_JSON_MAX_BYTES, err) < 0)
		return -1;
	return iam_yaml_parse(doc, doc->source, err);
}

int iam_yaml_or_json_load_file(struct iam_json_doc *doc, const char *file,
			       bool *yaml, struct iam_error *err)
{
	size_t n = strlen(file);
	bool y = iam_yaml_name(file);

	if (yaml)
		*yaml = false;
	if (iam_json_read_file(doc, file, err) < 0)
		return -1;
	if (!y && n > 9 && strcasecmp(file + n - 9, ".template") == 0)
		y = iam_yaml_sniff(doc->text, doc->len);
	if (yaml)
		*yaml = y;
	return y ? iam_yaml_parse(doc, doc->source, err) : iam_json_parse_text(doc, err);
}
