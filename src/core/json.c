/* core/json.c - loading JSON with jansson, and positions from the text. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "core/json_impl.h"

struct scanner {
	const char *base, *s, *end;
	uint32_t line, col;
	struct iam_jindex *ix;
	bool fail;
};

static void adv(struct scanner *sc)
{
	unsigned char c = (unsigned char)*sc->s++;

	if (c == '\n') {
		sc->line++;
		sc->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		sc->col++;  /* columns count characters, not bytes */
	}
}

/* A byte that ends a bare value (number, true, false, null).  Not strchr:
 * it would match the NUL terminator. */
static bool ends_scalar(char c)
{
	return c == ',' || c == ']' || c == '}' || c == ':' || c == ' ' ||
	       c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

static void skip_ws(struct scanner *sc)
{
	while (sc->s < sc->end && (*sc->s == ' ' || *sc->s == '\t' ||
				   *sc->s == '\n' || *sc->s == '\r'))
		adv(sc);
}

static int32_t new_node(struct scanner *sc)
{
	struct iam_jindex *ix = sc->ix;

	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 64;
		struct jnode *v;

		if (cap > INT32_MAX) {
			sc->fail = true;
			return -1;
		}
		v = realloc(ix->v, cap * sizeof(*v));
		if (!v) {
			sc->fail = true;
			return -1;
		}
		ix->v = v;
		ix->cap = cap;
	}
	ix->v[ix->n] = (struct jnode){ (uint32_t)(sc->s - sc->base), sc->line,
				       sc->col, 0, 0, -1, -1 };
	return (int32_t)ix->n++;
}

/* Skip a string starting at '"'; leaves s after the closing quote. */
static void skip_string(struct scanner *sc)
{
	adv(sc);
	while (sc->s < sc->end && *sc->s != '"') {
		if (*sc->s == '\\' && sc->s + 1 < sc->end)
			adv(sc);
		adv(sc);
	}
	if (sc->s < sc->end)
		adv(sc);
}

/* Skip the value at sc->s without indexing it. */
static void skip_value(struct scanner *sc, int depth)
{
	skip_ws(sc);
	if (sc->s >= sc->end || depth > 4096)
		return;
	if (*sc->s == '"') {
		skip_string(sc);
	} else if (*sc->s == '{' || *sc->s == '[') {
		char close = *sc->s == '{' ? '}' : ']';

		adv(sc);
		for (;;) {
			skip_ws(sc);
			if (sc->s >= sc->end)
				return;
			if (*sc->s == close) {
				adv(sc);
				return;
			}
			if (*sc->s == ',' || *sc->s == ':') {
				adv(sc);
				continue;
			}
			skip_value(sc, depth + 1);  /* always advances */
		}
	} else {
		do
			adv(sc);  /* at least one byte: always progress */
		while (sc->s < sc->end && !ends_scalar(*sc->s));
	}
}

/* Scan the value at sc->s into node.  Iterative over siblings, recursive
 * over depth; jansson has already bounded the depth (2048). */
static void scan_value(struct scanner *sc, int32_t node, int depth)
{
	char close;
	int32_t prev = -1;

	if (depth > 4096) {
		sc->fail = true;
		return;
	}
	skip_ws(sc);
	if (sc->s >= sc->end)
		return;
	if (*sc->s == '"') {
		skip_string(sc);
		return;
	}
	if (*sc->s != '{' && *sc->s != '[') {
		do
			adv(sc);  /* at least one byte: always progress */
		while (sc->s < sc->end && !ends_scalar(*sc->s));
		return;
	}
	close = *sc->s == '{' ? '}' : ']';
	adv(sc);
	for (;;) {
		uint32_t koff = 0, klen = 0, line, col;
		int32_t child;

		skip_ws(sc);
		if (sc->s < sc->end && *sc->s == ',') {
			adv(sc);
			skip_ws(sc);
		}
		if (sc->s >= sc->end || sc->fail)
			return;
		if (*sc->s == close) {
			adv(sc);
			return;
		}
		line = sc->line;
		col = sc->col;
		if (close == '}') {
			const char *k = sc->s + 1;

			skip_string(sc);
			koff = (uint32_t)(k - sc->base);
			klen = (uint32_t)(sc->s - 1 - k);
			skip_ws(sc);
			if (sc->s < sc->end && *sc->s == ':')
				adv(sc);
			skip_ws(sc);
		}
		child = new_node(sc);
		if (child < 0)
			return;
		if (close == '}') {
			sc->ix->v[child].line = line;
			sc->ix->v[child].col = col;
		}
		sc->ix->v[child].key_off = koff;
		sc->ix->v[child].key_len = klen;
		if (prev < 0)
			sc->ix->v[node].first_child = child;
		else
			sc->ix->v[prev].next = child;
		prev = child;
		scan_value(sc, child, depth + 1);
	}
}

void iam_jindex_free(struct iam_jindex *ix)
{
	if (!ix)
		return;
	free(ix->v);
	free(ix->keys);
	free(ix);
}

struct iam_jindex *iam_jindex_new(void)
{
	struct iam_jindex *ix = calloc(1, sizeof(*ix));

	if (!ix)
		return NULL;
	for (size_t i = 0; i < sizeof(ix->cache) / sizeof(ix->cache[0]); i++)
		ix->cache[i].parent = -1;
	return ix;
}

static int build_index(struct iam_json_doc *doc)
{
	struct scanner sc = { doc->text, doc->text, doc->text + doc->len, 1, 1,
			      NULL, false };
	int32_t root;

	sc.ix = calloc(1, sizeof(*sc.ix));
	if (!sc.ix)
		return -1;
	for (size_t i = 0; i < sizeof(sc.ix->cache) / sizeof(sc.ix->cache[0]); i++)
		sc.ix->cache[i].parent = -1;
	skip_ws(&sc);
	root = new_node(&sc);
	if (root >= 0)
		scan_value(&sc, root, 0);
	if (sc.fail) {
		free(sc.ix->v);
		free(sc.ix);
		return -1;
	}
	doc->index = sc.ix;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static unsigned read_u4(const char *p)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		int h = hexval(p[i]);

		if (h < 0)
			return 0xFFFFFFFFu;
		v = v * 16 + (unsigned)h;
	}
	return v;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Does the raw (escaped) key equal tok[0..toklen)? */
static bool key_equals(const char *raw, size_t rawlen, const char *tok,
		       size_t toklen)
{
	size_t i = 0, j = 0;

	while (i < rawlen) {
		char buf[8];
		size_t n = 1;

		if (raw[i] != '\\') {
			buf[0] = raw[i++];
		} else if (i + 1 < rawlen) {
			char e = raw[i + 1];

			i += 2;
			switch (e) {
			case 'b': buf[0] = '\b'; break;
			case 'f': buf[0] = '\f'; break;
			case 'n': buf[0] = '\n'; break;
			case 'r': buf[0] = '\r'; break;
			case 't': buf[0] = '\t'; break;
			case 'u': {
				unsigned cp = i + 4 <= rawlen ? read_u4(raw + i) : 0xFFFFFFFFu;

				if (cp == 0xFFFFFFFFu)
					return false;
				i += 4;
				if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= rawlen &&
				    raw[i] == '\\' && raw[i + 1] == 'u') {
					unsigned lo = read_u4(raw + i + 2);

					if (lo >= 0xDC00 && lo < 0xE000) {
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						i += 6;
					}
				}
				n = put_utf8(buf, cp);
				break;
			}
			default:
				buf[0] = e;
				break;
			}
		} else {
			return false;
		}
		if (j + n > toklen || memcmp(tok + j, buf, n) != 0)
			return false;
		j += n;
	}
	return j == toklen;
}

/* Child `index` of an array node, using the sequential-access cache. */
static int32_t array_child(struct iam_jindex *ix, int32_t parent, size_t index)
{
	const unsigned nslots = sizeof(ix->cache) / sizeof(ix->cache[0]);
	unsigned slot = nslots;
	int32_t c;
	size_t k;

	for (unsigned i = 0; i < nslots; i++)
		if (ix->cache[i].parent == parent && ix->cache[i].used)
			slot = i;
	if (slot < nslots && ix->cache[slot].index <= index) {
		c = ix->cache[slot].node;
		k = ix->cache[slot].index;
	} else {
		c = ix->v[parent].first_child;
		k = 0;
	}
	for (; c >= 0 && k < index; k++)
		c = ix->v[c].next;
	if (c >= 0) {
		if (slot == nslots) {
			slot = 0;
			for (unsigned i = 1; i < nslots; i++)
				if (ix->cache[i].used < ix->cache[slot].used)
					slot = i;
		}
		ix->cache[slot].used = ++ix->clock ? ix->clock : (ix->clock = 1);
		ix->cache[slot].parent = parent;
		ix->cache[slot].node = c;
		ix->cache[slot].index = index;
	}
	return c;
}

/* The node at a JSON Pointer, or -1 (then *nearest is the deepest
 * ancestor found). */
static int32_t find_node(struct iam_json_doc *doc, const char *pointer,
			 int32_t *nearest);

int iam_json_locate(struct iam_json_doc *doc, const char *pointer, int *line,
		    int *column)
{
	int32_t nearest = -1, node;

	*line = 0;
	*column = 0;
	node = find_node(doc, pointer, &nearest);
	if (doc && doc->at_line > 0) {
		*line = doc->at_line;
		*column = doc->at_column;
	} else if (nearest >= 0) {
		*line = (int)doc->index->v[nearest].line;
		*column = (int)doc->index->v[nearest].col;
	}
	return node >= 0 ? 0 : -1;
}

int iam_json_span(struct iam_json_doc *doc, const char *pointer, size_t *start,
		  size_t *len)
{
	int32_t nearest, node = find_node(doc, pointer, &nearest);
	struct scanner sc;

	if (node < 0 || doc->index->keys)
		return -1;  /* no JSON text: a YAML document's index */
	sc = (struct scanner){ doc->text, doc->text + doc->index->v[node].off,
			       doc->text + doc->len, 1, 1, NULL, false };
	skip_value(&sc, 0);
	*start = doc->index->v[node].off;
	*len = (size_t)(sc.s - sc.base) - *start;
	return 0;
}

static int32_t find_node(struct iam_json_doc *doc, const char *pointer,
			 int32_t *nearest)
{
	struct iam_jindex *ix;
	int32_t node = 0;
	const char *p = pointer;
	char tok[512];

	*nearest = -1;
	if (!doc || !doc->text)
		return -1;
	if (!doc->index && build_index(doc) < 0)
		return -1;
	ix = doc->index;
	if (!ix->n)
		return -1;
	while (*p == '/') {
		size_t tl = 0;
		int32_t c;
		bool numeric = true;
		size_t index = 0;

		*nearest = node;
		p++;
		while (*p && *p != '/') {
			char ch = *p++;

			if (ch == '~' && (*p == '0' || *p == '1'))
				ch = *p++ == '0' ? '~' : '/';
			if (tl + 1 < sizeof(tok))
				tok[tl++] = ch;
			if (ch < '0' || ch > '9')
				numeric = false;
			else
				index = index * 10 + (size_t)(ch - '0');
		}
		tok[tl] = '\0';
		c = ix->v[node].first_child;
		if (c >= 0 && ix->v[c].key_len == 0 && ix->v[c].key_off == 0) {
			/* an array (members always have a key offset > 0) */
			c = numeric && tl ? array_child(ix, node, index) : -1;
		} else {
			for (; c >= 0; c = ix->v[c].next)
				if (ix->keys ? ix->v[c].key_len == tl &&
					       memcmp(ix->keys + ix->v[c].key_off, tok, tl) == 0
					     : key_equals(doc->text + ix->v[c].key_off,
							  ix->v[c].key_len, tok, tl))
					break;
		}
		if (c < 0)
			return -1;
		node = c;
	}
	*nearest = node;
	return node;
}

/* jansson places a syntax error after the token it names ("... near
 * 'x'"); point at the token's first character instead, as the grammar
 * findings do. */
static void token_start(const struct iam_json_doc *doc, const json_error_t *je,
			int *line, int *col)
{
	const char *near = strstr(je->text, "near '"), *end;
	size_t toklen, pos = (size_t)je->position;
	int l = 1, c = 1;

	if (!near || !(end = strrchr(near + 6, '\'')) || end == near + 6)
		return;
	toklen = (size_t)(end - (near + 6));
	if (toklen > pos || pos > doc->len ||
	    memcmp(doc->text + pos - toklen, near + 6, toklen) != 0)
		return;
	for (size_t i = 0; i < pos - toklen; i++) {
		unsigned char ch = (unsigned char)doc->text[i];

		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Is the text UTF-16?  By its byte-order mark, or by the NUL bytes that
 * ASCII characters have in it (JSON starts with one): "little-endian",
 * "big-endian", or NULL. */
static const char *utf16(const struct iam_json_doc *doc)
{
	const unsigned char *t = (const unsigned char *)doc->text;

	if (doc->len < 2)
		return NULL;
	if (t[0] == 0xFF && t[1] == 0xFE)
		return "little-endian";
	if (t[0] == 0xFE && t[1] == 0xFF)
		return "big-endian";
	/* without a mark, a NUL in every other byte of the first two
	 * characters; a lone NUL is no encoding, just a bad byte */
	if (doc->len < 4)
		return NULL;
	if (t[0] && !t[1] && t[2] && !t[3])
		return "little-endian";
	if (!t[0] && t[1] && !t[2] && t[3])
		return "big-endian";
	return NULL;
}

/* jansson's words for a syntax error without the bytes it quotes ("near
 * 'AKIA...'"): any file can be handed to a command by mistake, a
 * credentials file or /etc/shadow among them, and its bytes must not be
 * echoed.  The position says where; the words say what was expected.
 * Returns buf. */
static const char *syntax_words(const char *text, char *buf, size_t size)
{
	const char *near = strstr(text, " near '");
	size_t n = near ? (size_t)(near - text) : strlen(text);

	if (n >= size)
		n = size - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	return buf;
}

int iam_json_parse_text(struct iam_json_doc *doc, struct iam_error *err)
{
	const char *nul, *wide = utf16(doc);
	json_error_t je;

	if (wide) {
		iam_error_set(err, IAM_ERR_JSON, "",
			      "the file is UTF-16 (%s): save it as UTF-8", wide);
		iam_error_locate(err, doc->source, 1, 1);
		return -1;
	}
	if (doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0) {
		/* a byte-order mark: not part of the document */
		memmove(doc->text, doc->text + 3, doc->len - 3 + 1);
		doc->len -= 3;
		doc->bom = true;
	}
	nul = memchr(doc->text, '\0', doc->len);
	if (nul) {
		int line = 1, col = 1;

		for (const char *p = doc->text; p < nul; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if ((*p & 0xC0) != 0x80) {
				col++;
			}
		}
		iam_error_set(err, IAM_ERR_JSON, "", "NUL byte in the document");
		iam_error_locate(err, doc->source, line, col);
		return -1;
	}

	doc->root = json_loadb(doc->text, doc->len,
			       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!doc->root) {
		int line = je.line > 0 ? je.line : 1, col = je.column > 0 ? je.column : 1;
		char words[JSON_ERROR_TEXT_LENGTH];

		token_start(doc, &je, &line, &col);
		iam_error_set(err, IAM_ERR_JSON, "", "%s",
			      syntax_words(je.text, words, sizeof(words)));
		iam_error_locate(err, doc->source, line, col);
		return -1;
	}
	return 0;
}

int iam_json_load_buffer(struct iam_json_doc *doc, const char *source,
			 const char *buf, size_t len, struct iam_error *err)
{
	return iam_json_load_buffer_max(doc, source, buf, len, IAM_JSON_MAX_BYTES, err);
}

int iam_json_load_buffer_max(struct iam_json_doc *doc, const char *source,
			     const char *buf, size_t len, size_t max,
			     struct iam_error *err)
{
	if (iam_json_take_text(doc, source, buf, len, max, err) < 0)
		return -1;
	return iam_json_parse_text(doc, err);
}

int iam_json_take_text(struct iam_json_doc *doc, const char *source,
		       const char *buf, size_t len, size_t max,
		       struct iam_error *err)
{
	*doc = (struct iam_json_doc)IAM_JSON_DOC_INIT;
	doc->source = strdup(source ? source : "<input>");
	if (!doc->source)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (len > max) {
		iam_error_set(err, IAM_ERR_LIMIT, NULL,
			      "document is %zu bytes, over the limit of %zu bytes",
			      len, max);
		iam_error_locate(err, doc->source, 0, 0);
		return -1;
	}
	doc->text = malloc(len + 1);
	if (!doc->text)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	memcpy(doc->text, buf, len);
	doc->text[len] = '\0';
	doc->len = len;
	return 0;
}

static int read_file_max(struct iam_json_doc *doc, const char *file, size_t max,
			 struct iam_error *err);

int iam_json_read_file(struct iam_json_doc *doc, const char *file,
		       struct iam_error *err)
{
	return read_file_max(doc, file, IAM_JSON_MAX_BYTES, err);
}

static int read_file_max(struct iam_json_doc *doc, const char *file, size_t max,
			 struct iam_error *err)
{
	bool is_stdin = strcmp(file, "-") == 0;
	FILE *f;
	size_t cap = 4096, n = 0;
	char *buf;

	*doc = (struct iam_json_doc)IAM_JSON_DOC_INIT;
	doc->source = strdup(is_stdin ? "<stdin>" : file);
	if (!doc->source)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	f = is_stdin ? stdin : fopen(file, "rb");
	if (!f) {
		iam_error_set(err, IAM_ERR_IO, NULL, "cannot open: %s",
			      strerror(errno));
		iam_error_locate(err, doc->source, 0, 0);
		return -1;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got;

		if (n + 1 >= cap) {
			char *nb;

			if (cap > max + 1)
				break;
			nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (!buf) {
		if (!is_stdin)
			fclose(f);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	if (ferror(f)) {
		int e = errno;

		free(buf);
		if (!is_stdin)
			fclose(f);
		iam_error_set(err, IAM_ERR_IO, NULL, "read error: %s", strerror(e));
		iam_error_locate(err, doc->source, 0, 0);
		return -1;
	}
	if (!is_stdin)
		fclose(f);
	if (n > max) {
		free(buf);
		iam_error_set(err, IAM_ERR_LIMIT, NULL,
			      "file is over the limit of %zu bytes", max);
		iam_error_locate(err, doc->source, 0, 0);
		return -1;
	}
	buf[n] = '\0';
	doc->text = buf;
	doc->len = n;
	return 0;
}

int iam_json_load_file(struct iam_json_doc *doc, const char *file,
		       struct iam_error *err)
{
	return iam_json_load_file_max(doc, file, IAM_JSON_MAX_BYTES, err);
}

int iam_json_load_file_max(struct iam_json_doc *doc, const char *file,
			   size_t max, struct iam_error *err)
{
	if (read_file_max(doc, file, max, err) < 0)
		return -1;
	return iam_json_parse_text(doc, err);
}

void iam_json_doc_drop_tree(struct iam_json_doc *doc)
{
	json_decref(doc->root);
	doc->root = NULL;
}

void iam_json_doc_release(struct iam_json_doc *doc)
{
	if (!doc)
		return;
	json_decref(doc->root);
	free(doc->text);
	free(doc->source);
	iam_jindex_free(doc->index);
	*doc = (struct iam_json_doc)IAM_JSON_DOC_INIT;
}

static int jptr_append(char *buf, size_t size, const char *tok, size_t len)
{
	size_t n = strlen(buf), need = 1;

	for (size_t i = 0; i < len; i++)
		need += (tok[i] == '~' || tok[i] == '/') ? 2 : 1;
	if (n + need + 1 > size)
		return -1;
	buf[n++] = '/';
	for (size_t i = 0; i < len; i++) {
		if (tok[i] == '~' || tok[i] == '/') {
			buf[n++] = '~';
			buf[n++] = tok[i] == '~' ? '0' : '1';
		} else {
			buf[n++] = tok[i];
		}
	}
	buf[n] = '\0';
	return 0;
}

int iam_jptr_push(char *buf, size_t size, const char *token)
{
	return jptr_append(buf, size, token, strlen(token));
}

int iam_jptr_push_index(char *buf, size_t size, size_t index)
{
	char num[32], *p = num + sizeof(num);

	/* decimal digits by hand: this runs for every list entry parsed */
	do {
		*--p = (char)('0' + index % 10);
		index /= 10;
	} while (index);
	return jptr_append(buf, size, p, (size_t)(num + sizeof(num) - p));
}

const char *iam_json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "object";
	case JSON_ARRAY:
		return "array";
	case JSON_STRING:
		return "string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "boolean";
	case JSON_NULL:
		return "null";
	}
	return "value";
}

/* ---- strings from outside ---- */

size_t iam_utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	static const unsigned long min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07u;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0u) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool iam_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	unsigned long cp;

	while (n) {
		size_t k = iam_utf8_next(p, n, &cp);

		if (!k)
			return false;
		p += k;
		n -= k;
	}
	return true;
}

json_t *iam_json_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, o = 0;
	unsigned long cp;
	char *buf;
	json_t *v;

	if (!s)
		return NULL;
	if (iam_utf8_valid(s))
		return json_string(s);
	n = strlen(s);
	buf = malloc(n * 4 + 1);
	if (!buf)
		return NULL;
	while (n) {
		size_t k = iam_utf8_next(p, n, &cp);

		if (k) {
			memcpy(buf + o, p, k);
			o += k;
		} else {
			k = 1;
			o += (size_t)snprintf(buf + o, 5, "\\x%02x", *p);
		}
		p += k;
		n -= k;
	}
	buf[o] = '\0';
	v = json_string(buf);
	free(buf);
	return v;
}
