/* core/awsconfig.c - the AWS shared config and credentials files, read as
 * Python's configparser and botocore read them (core/awsconfig.h).
 *
 * Part of the engine, owned by the profile work.  Written from the
 * behaviour of configparser.RawConfigParser (Python 3.11, strict mode) and
 * botocore's configloader; no code is taken from either.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/awsconfig.h"
#include "core/buf.h"

/* ---- a string index: (tag, name) -> int, open addressing ---- */

struct slot {
	const char *name;
	uint32_t tag;
	int val;
};

struct strmap {
	struct slot *v;
	size_t n, cap;
};

static uint32_t hash(uint32_t tag, const char *s)
{
	uint32_t h = 2166136261u ^ tag;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int map_grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct slot *v = calloc(cap, sizeof(*v));

	if (!v)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->v[i].name)
			continue;
		j = hash(m->v[i].tag, m->v[i].name) & (cap - 1);
		while (v[j].name)
			j = (j + 1) & (cap - 1);
		v[j] = m->v[i];
	}
	free(m->v);
	m->v = v;
	m->cap = cap;
	return 0;
}

/* The value for (tag, name), or -1. */
static int map_get(const struct strmap *m, uint32_t tag, const char *name)
{
	size_t j;

	if (!m || !m->cap)
		return -1;
	j = hash(tag, name) & (m->cap - 1);
	for (; m->v[j].name; j = (j + 1) & (m->cap - 1))
		if (m->v[j].tag == tag && strcmp(m->v[j].name, name) == 0)
			return m->v[j].val;
	return -1;
}

/* Set (tag, name) to val (name is borrowed).  0, or -1 out of memory. */
static int map_put(struct strmap *m, uint32_t tag, const char *name, int val)
{
	size_t j;

	if ((m->n + 1) * 2 > m->cap && map_grow(m) < 0)
		return -1;
	j = hash(tag, name) & (m->cap - 1);
	for (; m->v[j].name; j = (j + 1) & (m->cap - 1))
		if (m->v[j].tag == tag && strcmp(m->v[j].name, name) == 0) {
			m->v[j].val = val;
			return 0;
		}
	m->v[j] = (struct slot){ name, tag, val };
	m->n++;
	return 0;
}

static void map_free(struct strmap *m)
{
	if (m) {
		free(m->v);
		free(m);
	}
}

/* ---- Python's whitespace, in UTF-8 ---- */

/* The length of the whitespace character (str.isspace) at p, or 0. */
static size_t ws_len(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t left = (size_t)(end - p);

	if (!left)
		return 0;
	if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r') || (u[0] >= 0x1c && u[0] <= 0x1f))
		return 1;
	if (left >= 2 && u[0] == 0xc2 && (u[1] == 0x85 || u[1] == 0xa0))
		return 2;
	if (left < 3)
		return 0;
	if (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80)            /* U+1680 */
		return 3;
	if (u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] <= 0x8a || u[2] == 0xa8 || u[2] == 0xa9 || u[2] == 0xaf))
		return 3;                                             /* U+2000.. */
	if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f)            /* U+205F */
		return 3;
	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)            /* U+3000 */
		return 3;
	return 0;
}

/* The length of the whitespace character that ends at end, or 0. */
static size_t ws_len_back(const char *start, const char *end)
{
	for (size_t n = 1; n <= 3 && (size_t)(end - start) >= n; n++)
		if (ws_len(end - n, end) == n)
			return n;
	return 0;
}

static void strip(const char **s, const char **e)
{
	size_t n;

	while (*s < *e && (n = ws_len(*s, *e)) > 0)
		*s += n;
	while (*e > *s && (n = ws_len_back(*s, *e)) > 0)
		*e -= n;
}

/* ---- the parser ---- */

struct parser {
	struct iam_ini *ini;
	struct strmap *index;        /* tag 0: sections; tag i+1: keys of section i */
	struct iam_ini_section *sec; /* the current section, or NULL */
	uint32_t sectag;
	long key;                    /* the current key's index in sec, or -1 */
	int indent;                  /* configparser's indent_level */
	struct iam_buf val;          /* the current key's value, joined */
	int *vlines;                 /* the line of each line of the value */
	size_t nvlines, vcap;
	bool nomem;
};

static void problem(struct parser *P, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct parser *P, int line, const char *fmt, ...)
{
	struct iam_ini *ini = P->ini;
	char text[512];
	va_list ap;

	if (ini->nproblems == ini->pcap) {
		size_t cap = ini->pcap ? ini->pcap * 2 : 8;
		void *v = realloc(ini->problems, cap * sizeof(*ini->problems));

		if (!v) {
			P->nomem = true;
			return;
		}
		ini->problems = v;
		ini->pcap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ini->problems[ini->nproblems].line = line;
	ini->problems[ini->nproblems].text = iam_arena_strdup(ini->arena, text);
	if (!ini->problems[ini->nproblems].text) {
		P->nomem = true;
		return;
	}
	ini->nproblems++;
	ini->state = IAM_INI_BAD;
}

static int vline(struct parser *P, int line)
{
	if (P->nvlines == P->vcap) {
		size_t cap = P->vcap ? P->vcap * 2 : 16;
		int *v = realloc(P->vlines, cap * sizeof(*v));

		if (!v)
			return -1;
		P->vlines = v;
		P->vcap = cap;
	}
	P->vlines[P->nvlines++] = line;
	return 0;
}

/* The nested keys of a value that starts on the next line. */
static void parse_nested(struct parser *P, struct iam_ini_key *k)
{
	const char *s = k->value, *nl;
	size_t i = 0, n = 0;

	for (const char *c = s; *c; c++)
		n += *c == '\n';
	k->subs = iam_arena_calloc(P->ini->arena, n + 1, sizeof(*k->subs));
	if (!k->subs) {
		P->nomem = true;
		return;
	}
	for (; *s; s = *nl ? nl + 1 : nl, i++) {
		const char *b = s, *e, *eq, *kb, *ke, *vb, *ve;
		int line = i < P->nvlines ? P->vlines[i] : k->line;

		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		e = nl;
		strip(&b, &e);
		if (b == e)
			continue;
		eq = memchr(b, '=', (size_t)(e - b));
		if (!eq) {
			problem(P, line, "a line of the nested block of '%s' has no '=' "
				"(botocore cannot parse it)", k->name);
			continue;
		}
		kb = b, ke = eq, vb = eq + 1, ve = e;
		strip(&kb, &ke);
		strip(&vb, &ve);
		k->subs[k->nsubs].name = iam_arena_strndup(P->ini->arena, kb, (size_t)(ke - kb));
		k->subs[k->nsubs].value = iam_arena_strndup(P->ini->arena, vb, (size_t)(ve - vb));
		k->subs[k->nsubs].line = line;
		if (!k->subs[k->nsubs].name || !k->subs[k->nsubs].value) {
			P->nomem = true;
			return;
		}
		k->nsubs++;
	}
}

/* The current key is complete: join its value as configparser does. */
static void finish_key(struct parser *P)
{
	struct iam_ini_key *k;
	const char *s, *e;

	if (!P->sec || P->key < 0) {
		iam_buf_release(&P->val);
		P->nvlines = 0;
		return;
	}
	k = &P->sec->keys[P->key];
	s = P->val.p ? P->val.p : "";
	e = s + P->val.n;
	while (e > s && ws_len_back(s, e))
		e -= ws_len_back(s, e);
	k->value = iam_arena_strndup(P->ini->arena, s, (size_t)(e - s));
	if (!k->value)
		P->nomem = true;
	k->nlines = P->nvlines ? P->vlines[P->nvlines - 1] - k->line + 1 : 1;
	if (k->value && k->value[0] == '\n') {
		k->nested = true;
		parse_nested(P, k);
	}
	iam_buf_release(&P->val);
	P->nvlines = 0;
	P->key = -1;
}

static struct iam_ini_section *new_section(struct parser *P, const char *name,
					   size_t n, int line)
{
	struct iam_ini_section *s = iam_arena_alloc(P->ini->arena, sizeof(*s));

	if (!s || !(s->name = iam_arena_strndup(P->ini->arena, name, n))) {
		P->nomem = true;
		return NULL;
	}
	s->line = line;
	return s;
}

static int add_section(struct parser *P, struct iam_ini_section *s)
{
	struct iam_ini *ini = P->ini;

	if (ini->nsections == ini->cap) {
		size_t cap = ini->cap ? ini->cap * 2 : 16;
		void *v = realloc(ini->sections, cap * sizeof(*ini->sections));

		if (!v)
			return -1;
		ini->sections = v;
		ini->cap = cap;
	}
	ini->sections[ini->nsections] = s;
	return map_put(P->index, 0, s->name, (int)ini->nsections++);
}

static void section_line(struct parser *P, const char *b, const char *e, int line)
{
	const char *close = e - 1;
	size_t n = (size_t)(close - b - 1);
	char *name;
	int at;

	finish_key(P);
	name = iam_arena_strndup(P->ini->arena, b + 1, n);
	if (!name) {
		P->nomem = true;
		return;
	}
	P->key = -1;
	at = map_get(P->index, 0, name);
	if (at >= 0) {
		problem(P, line, "section [%s] appears twice in the file "
			"(configparser's DuplicateSectionError)", name);
		P->sec = P->ini->sections[at];
		P->sectag = (uint32_t)at + 1;
		return;
	}
	if (strcmp(name, "DEFAULT") == 0) {
		if (!P->ini->defaults)
			P->ini->defaults = new_section(P, name, n, line);
		P->sec = P->ini->defaults;
		P->sectag = UINT32_MAX;
		return;
	}
	P->sec = new_section(P, name, n, line);
	if (!P->sec)
		return;
	if (add_section(P, P->sec) < 0) {
		P->nomem = true;
		P->sec = NULL;
		return;
	}
	P->sectag = (uint32_t)P->ini->nsections;
}

static void key_line(struct parser *P, const char *b, const char *e, int line)
{
	struct iam_ini_section *s = P->sec;
	const char *d = b, *ne, *vb;
	struct iam_ini_key *k;
	bool folded = false;
	char *name;

	while (d < e && *d != '=' && *d != ':')
		d++;
	if (d == e) {
		problem(P, line, "not a 'key = value' line (configparser's ParsingError)");
		return;
	}
	ne = d;
	vb = d + 1;
	strip(&b, &ne);
	strip(&vb, &e);
	name = iam_arena_strndup(P->ini->arena, b, (size_t)(ne - b));
	if (!name) {
		P->nomem = true;
		return;
	}
	for (char *c = name; *c; c++)
		if (*c >= 'A' && *c <= 'Z') {
			*c = (char)(*c - 'A' + 'a');
			folded = true;
		}
	if (!*name)
		problem(P, line, "a key with no name(configparser's ParsingError)");
	if (s->nkeys == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		void *v = realloc(s->keys, cap * sizeof(*s->keys));

		if (!v) {
			P->nomem = true;
			return;
		}
		s->keys = v;
		s->cap = cap;
	}
	if (map_get(P->index, P->sectag, name) >= 0)
		problem(P, line, "key '%s' appears twice in its section "
			"(configparser's DuplicateOptionError)", name);
	else if (map_put(P->index, P->sectag, name, (int)s->nkeys) < 0) {
		P->nomem = true;
		return;
	}
	k = &s->keys[s->nkeys];
	memset(k, 0, sizeof(*k));
	k->name = name;
	k->line = line;
	k->folded = folded;
	k->colon = *d == ':';
	P->key = (long)s->nkeys++;
	iam_buf_add(&P->val, vb, (size_t)(e - vb));
	if (vline(P, line) < 0)
		P->nomem = true;
}

/* One line (without its end), as configparser's _read loop sees it. */
static void parse_line(struct parser *P, const char *l, const char *le, int line)
{
	const char *b = l, *e = le, *c;
	int indent = 0;
	size_t n;

	strip(&b, &e);
	if (b < e && (*b == '#' || *b == ';'))
		return;                         /* a comment: not even a blank */
	if (b == e) {
		if (P->sec && P->key >= 0) {
			iam_buf_addc(&P->val, '\n');
			if (vline(P, line) < 0)
				P->nomem = true;
		}
		return;
	}
	for (c = l; c < b && (n = ws_len(c, b)) > 0; c += n)
		indent++;
	if (P->sec && P->key >= 0 && indent > P->indent) {
		iam_buf_addc(&P->val, '\n');
		iam_buf_add(&P->val, b, (size_t)(e - b));
		if (vline(P, line) < 0)
			P->nomem = true;
		return;
	}
	P->indent = indent;
	if (*b == '[') {
		const char *close = e;

		while (close > b + 1 && close[-1] != ']')
			close--;
		if (close > b + 2) {            /* "[" .+ "]", the last ']' */
			section_line(P, b, close, line);
			return;
		}
	}
	if (!P->sec) {
		if (line == 1 && le - l >= 3 && memcmp(l, "\xef\xbb\xbf", 3) == 0)
			problem(P, line, "a byte-order mark before the first section: "
				"Python reads it as text (MissingSectionHeaderError)");
		else
			problem(P, line, "a line before the first [section] "
				"(configparser's MissingSectionHeaderError)");
		return;
	}
	finish_key(P);
	key_line(P, b, e, line);
}

/* The offset of the first byte that is not UTF-8 (or a NUL), or len. */
static size_t utf8_bad(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		uint32_t cp;

		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return i;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

static int line_at(const char *text, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= off || text[i + 1] != '\n')))
			line++;
	return line;
}

static void check_text(struct parser *P, const char *text, size_t len)
{
	size_t bad = utf8_bad((const unsigned char *)text, len);
	char what[64];

	if (bad == len)
		return;
	if (text[bad] == '\0')
		snprintf(what, sizeof(what), "a NUL byte");
	else
		snprintf(what, sizeof(what), "byte 0x%02x, not UTF-8",
			 (unsigned char)text[bad]);
	problem(P, line_at(text, bad), "%s: the file is not text "
		"(Python cannot decode it: UnicodeDecodeError)", what);
}

struct iam_ini *iam_ini_parse(const char *path, const char *text, size_t len,
			      struct iam_error *err)
{
	struct parser P = { .key = -1 };
	struct iam_ini *ini = calloc(1, sizeof(*ini));
	size_t i = 0;
	int line = 0;

	if (!ini || !(ini->arena = iam_arena_new()) ||
	    !(ini->path = iam_arena_strdup(ini->arena, path)) ||
	    !(P.index = calloc(1, sizeof(*P.index)))) {
		iam_ini_free(ini);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	P.ini = ini;
	ini->index = P.index;
	check_text(&P, text, len);
	while (i < len && !P.nomem) {
		size_t j = i;

		while (j < len && text[j] != '\n' && text[j] != '\r')
			j++;
		parse_line(&P, text + i, text + j, ++line);
		if (j < len && text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
			j++;
		i = j + 1;
	}
	finish_key(&P);
	free(P.vlines);
	ini->nlines = line;
	if (P.nomem) {
		iam_ini_free(ini);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	return ini;
}

void iam_ini_free(struct iam_ini *ini)
{
	if (!ini)
		return;
	for (size_t i = 0; i < ini->nsections; i++)
		free(ini->sections[i]->keys);
	if (ini->defaults)
		free(ini->defaults->keys);
	free(ini->sections);
	free(ini->problems);
	map_free(ini->index);
	iam_arena_free(ini->arena);
	free(ini);
}

const struct iam_ini_key *iam_ini_get(const struct iam_ini *ini,
				      const struct iam_ini_section *sec,
				      const char *name)
{
	const struct iam_ini_section *in[2] = { sec, ini ? ini->defaults : NULL };

	if (!ini || !sec)
		return NULL;
	for (int j = 0; j < 2; j++) {
		const struct iam_ini_section *s = in[j];

		if (!s)
			continue;
		for (size_t i = 0; i < s->nkeys; i++)
			if (strcmp(s->keys[i].name, name) == 0)
				return &s->keys[i];
	}
	return NULL;
}

/* ---- reading a file ---- */

/* os.path.expandvars then os.path.expanduser. */
static char *expand_path(const char *path)
{
	struct iam_buf b = IAM_BUF_INIT, out = IAM_BUF_INIT;
	const char *p = path, *home;
	char *s;

	while (*p) {
		const char *q = p + 1, *ne;
		bool brace = *q == '{';
		char name[256];

		if (*p != '$') {
			iam_buf_addc(&b, *p++);
			continue;
		}
		if (brace)
			q++;
		for (ne = q; *ne == '_' || (*ne >= '0' && *ne <= '9') ||
		     ((*ne | 32) >= 'a' && (*ne | 32) <= 'z'); ne++)
			;
		if (ne == q || (size_t)(ne - q) >= sizeof(name) || (brace && *ne != '}') ||
		    (memcpy(name, q, (size_t)(ne - q)), name[ne - q] = '\0', !getenv(name))) {
			iam_buf_addc(&b, *p++);
			continue;
		}
		iam_buf_adds(&b, getenv(name));
		p = brace ? ne + 1 : ne;
	}
	s = iam_buf_take(&b);
	if (!s || s[0] != '~')
		return s;
	p = s + 1 + strcspn(s + 1, "/");
	if (p == s + 1) {
		home = getenv("HOME");
	} else {
		char user[256];
		struct passwd *pw;

		snprintf(user, sizeof(user), "%.*s", (int)(p - s - 1), s + 1);
		pw = getpwnam(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return s;
	iam_buf_adds(&out, home);
	iam_buf_adds(&out, p);
	free(s);
	return iam_buf_take(&out);
}

static struct iam_ini *empty(const char *path, enum iam_ini_state st, int e,
			     struct iam_error *err)
{
	struct iam_ini *ini = iam_ini_parse(path, "", 0, err);

	if (ini) {
		ini->state = st;
		ini->sys_errno = e;
	}
	return ini;
}

static char *read_all(int fd, size_t *len, int *e)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	while (buf) {
		ssize_t r;

		if (n == cap) {
			char *nb = cap > IAM_INI_MAX_BYTES ? NULL : realloc(buf, cap * 2);

			if (!nb) {
				*e = cap > IAM_INI_MAX_BYTES ? EFBIG : ENOMEM;
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*e = errno;
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (!buf)
		*e = ENOMEM;
	*len = n;
	return buf;
}

struct iam_ini *iam_ini_load(const char *path, struct iam_error *err)
{
	char *full = expand_path(path), *text;
	struct iam_ini *ini = NULL;
	struct stat st;
	size_t len = 0;
	int fd, e = 0;

	if (!full) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	if (stat(full, &st) < 0 || !S_ISREG(st.st_mode)) {
		ini = empty(full, IAM_INI_ABSENT, errno, err);
		goto out;
	}
	if ((size_t)st.st_size > IAM_INI_MAX_BYTES) {
		iam_error_set(err, IAM_ERR_LIMIT, NULL, "the file is over %zu MiB",
			      IAM_INI_MAX_BYTES >> 20);
		iam_error_locate(err, full, 0, 0);
		goto out;
	}
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ini = empty(full, IAM_INI_UNREADABLE, errno, err);
		goto out;
	}
	text = read_all(fd, &len, &e);
	close(fd);
	if (!text) {
		if (e == ENOMEM)
			iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		else if (e == EFBIG)
			iam_error_set(err, IAM_ERR_LIMIT, NULL, "the file is over %zu MiB",
				      IAM_INI_MAX_BYTES >> 20);
		else
			ini = empty(full, IAM_INI_UNREADABLE, e, err);
		iam_error_locate(err, full, 0, 0);
		goto out;
	}
	ini = iam_ini_parse(full, text, len, err);
	free(text);
out:
	free(full);
	return ini;
}

/* ---- shlex.split ---- */

static int shlex_word(struct iam_arena *a, char **words, int n, int max,
		      struct iam_buf *w)
{
	char *s;

	if (n < max) {
		s = iam_buf_take(w);
		words[n] = s ? iam_arena_strdup(a, s) : NULL;
		free(s);
		if (!words[n])
			return -2;
	}
	iam_buf_release(w);
	return 0;
}

int iam_shlex_split(struct iam_arena *a, const char *s, char **words, int max)
{
	struct iam_buf w = IAM_BUF_INIT;
	bool in = false;
	int n = 0;

	for (;;) {
		char c = *s;

		if (c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (in) {
				if (shlex_word(a, words, n, max, &w) < 0)
					return -2;
				n++;
				in = false;
			}
			if (!c)
				break;
			s++;
			continue;
		}
		in = true;
		if (c == '\\') {
			if (!s[1])
				goto bad;
			iam_buf_addc(&w, s[1]);
			s += 2;
		} else if (c == '\'' || c == '"') {
			for (s++; *s && *s != c; s++) {
				if (c == '"' && *s == '\\' && (s[1] == '\\' || s[1] == '"'))
					s++;
				iam_buf_addc(&w, *s);
			}
			if (!*s)
				goto bad;
			if (!w.p)
				iam_buf_add(&w, "", 0);
			s++;
		} else {
			iam_buf_addc(&w, c);
			s++;
		}
	}
	return n;
bad:
	iam_buf_release(&w);
	return -1;
}

/* ---- the two files together: botocore's build_profile_map ---- */

struct builder {
	struct iam_awsconfig *c;
	struct strmap *index;        /* tag 1: profiles, tag 2: sso-sessions */
	size_t pcap, scap;
};

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int put_profile(struct builder *B, const char *name,
		       const struct iam_ini_section *sec, bool cred, size_t from)
{
	struct iam_awsconfig *c = B->c;
	int at = map_get(B->index, 1, name);

	if (at >= 0) {
		struct iam_awsprofile *p = &c->profiles[at];

		if (cred) {
			p->cred = sec;
			return 0;
		}
		for (size_t i = 0; i < from; i++)
			if (c->secs[i].sec == p->cfg) {
				c->secs[i].kind = IAM_AWSSEC_REPLACED;
				c->secs[i].winner = sec;
			}
		p->cfg = sec;
		return 0;
	}
	if (c->nprofiles == B->pcap) {
		size_t cap = B->pcap ? B->pcap * 2 : 16;
		void *v = realloc(c->profiles, cap * sizeof(*c->profiles));

		if (!v)
			return -1;
		c->profiles = v;
		B->pcap = cap;
	}
	c->profiles[c->nprofiles] = (struct iam_awsprofile){ name, cred ? NULL : sec,
							      cred ? sec : NULL };
	return map_put(B->index, 1, name, (int)c->nprofiles++);
}

static int put_sso(struct builder *B, const char *name,
		   const struct iam_ini_section *sec, size_t from)
{
	struct iam_awsconfig *c = B->c;
	int at = map_get(B->index, 2, name);

	if (at >= 0) {
		for (size_t i = 0; i < from; i++)
			if (c->secs[i].sec == c->sso[at].sec) {
				c->secs[i].kind = IAM_AWSSEC_REPLACED;
				c->secs[i].winner = sec;
			}
		c->sso[at].sec = sec;
		return 0;
	}
	if (c->nsso == B->scap) {
		size_t cap = B->scap ? B->scap * 2 : 8;
		void *v = realloc(c->sso, cap * sizeof(*c->sso));

		if (!v)
			return -1;
		c->sso = v;
		B->scap = cap;
	}
	c->sso[c->nsso] = (struct iam_awssso){ name, sec };
	return map_put(B->index, 2, name, (int)c->nsso++);
}

/* What one section of the config file is. */
static int classify(struct builder *B, size_t i)
{
	struct iam_awssec *s = &B->c->secs[i];
	const char *name = s->sec->name;
	struct iam_arena *a = B->c->config->arena;
	char *w[3];
	int n;

	s->kind = IAM_AWSSEC_OTHER;
	if (starts(name, "profile") || starts(name, "sso-session") ||
	    starts(name, "services")) {
		bool prof = starts(name, "profile"), sso = !prof && starts(name, "sso-session");

		n = iam_shlex_split(a, name, w, 3);
		if (n == -2)
			return -1;
		if (!prof && !sso) {
			if (n == 2 && strcmp(w[0], "services") == 0)
				s->kind = IAM_AWSSEC_SERVICES, s->name = w[1];
			return 0;
		}
		if (n != 2) {
			s->kind = IAM_AWSSEC_DROPPED;
			return 0;
		}
		s->name = w[1];
		s->kind = prof ? IAM_AWSSEC_PROFILE : IAM_AWSSEC_SSO_SESSION;
		return prof ? put_profile(B, w[1], s->sec, false, i) : put_sso(B, w[1], s->sec, i);
	}
	if (strcmp(name, "default") == 0) {
		s->kind = IAM_AWSSEC_PROFILE;
		s->name = name;
		return put_profile(B, name, s->sec, false, i);
	}
	if (strcmp(name, "plugins") == 0 || strcmp(name, "preview") == 0)
		s->kind = IAM_AWSSEC_KNOWN;
	return 0;
}

struct iam_awsconfig *iam_awsconfig_new(struct iam_ini *config,
					struct iam_ini *credentials,
					struct iam_error *err)
{
	struct iam_awsconfig *c = calloc(1, sizeof(*c));
	struct builder B = { c, NULL, 0, 0 };

	if (!c || !config || !credentials)
		goto nomem;
	c->config = config;
	c->credentials = credentials;
	if (!(B.index = calloc(1, sizeof(*B.index))))
		goto nomem;
	c->index = B.index;
	c->secs = calloc(config->nsections + 1, sizeof(*c->secs));
	if (!c->secs)
		goto nomem;
	c->nsecs = config->nsections;
	for (size_t i = 0; i < config->nsections; i++) {
		c->secs[i].sec = config->sections[i];
		if (classify(&B, i) < 0)
			goto nomem;
	}
	for (size_t i = 0; i < credentials->nsections; i++)
		if (put_profile(&B, credentials->sections[i]->name,
				credentials->sections[i], true, 0) < 0)
			goto nomem;
	return c;
nomem:
	if (c) {
		c->config = config;
		c->credentials = credentials;
		iam_awsconfig_free(c);
	} else {
		iam_ini_free(config);
		iam_ini_free(credentials);
	}
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return NULL;
}

void iam_awsconfig_free(struct iam_awsconfig *c)
{
	if (!c)
		return;
	iam_ini_free(c->config);
	iam_ini_free(c->credentials);
	free(c->secs);
	free(c->profiles);
	free(c->sso);
	map_free(c->index);
	free(c);
}

const struct iam_awsprofile *iam_awsconfig_profile(const struct iam_awsconfig *c,
						   const char *name)
{
	int at = c ? map_get(c->index, 1, name) : -1;

	return at < 0 ? NULL : &c->profiles[at];
}

const struct iam_awssso *iam_awsconfig_sso(const struct iam_awsconfig *c,
					   const char *name)
{
	int at = c ? map_get(c->index, 2, name) : -1;

	return at < 0 ? NULL : &c->sso[at];
}

void iam_awsprofile_get_in(const struct iam_awsconfig *c, const struct iam_awsprofile *p,
			   bool cred, const char *key, struct iam_awsval *v)
{
	const struct iam_ini *ini = cred ? c->credentials : c->config;
	const struct iam_ini_key *k = iam_ini_get(ini, cred ? p->cred : p->cfg, key);

	memset(v, 0, sizeof(*v));
	if (!k)
		return;
	v->value = k->value;
	v->file = ini->path;
	v->line = k->line;
	v->key = k;
}

void iam_awsprofile_get(const struct iam_awsconfig *c, const struct iam_awsprofile *p,
			const char *key, struct iam_awsval *v)
{
	iam_awsprofile_get_in(c, p, true, key, v);
	if (!v->value)
		iam_awsprofile_get_in(c, p, false, key, v);
}

bool iam_awskey_is_secret(const char *key)
{
	return strcmp(key, "aws_secret_access_key") == 0 ||
	       strcmp(key, "aws_session_token") == 0 ||
	       strcmp(key, "aws_security_token") == 0;
}
