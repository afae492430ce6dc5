/* core/catalog.c - the AWS action catalog: loading and lookups.
 *
 * The layout is in core/catalog_impl.h.  The embedded catalog's arrays are
 * generated (src/embedded_catalog.c, which also defines
 * iam_catalog_default()); a catalog file is loaded here into the same
 * arrays, and everything below the loader serves both.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/catalog.h"
#include "core/catalog_impl.h"
#include "core/error.h"
#include "core/glob.h"
#include "core/json.h"

/* Names longer than this are refused by the loader (the longest in the
 * AWS data are under 100 bytes); expand builds "prefix:Name" in a buffer
 * of twice this. */
#define NAME_MAX_LEN 256

/* ---- ASCII case-insensitive comparison ---- */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compare a[0..alen) with the NUL-terminated b. */
static int ci_cmp_n(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen && b[i]; i++) {
		int x = lower((unsigned char)a[i]), y = lower((unsigned char)b[i]);

		if (x != y)
			return x - y;
	}
	if (i < alen)
		return 1;
	return b[i] ? -1 : 0;
}

static int ci_cmp(const char *a, const char *b)
{
	return ci_cmp_n(a, strlen(a), b);
}

static bool ci_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return false;
	return true;
}

/* ---- views ---- */

static const char *str(const struct iam_catalog *cat, uint32_t off)
{
	return cat->pool + off;
}

static void fill_service(const struct iam_catalog *cat, uint32_t i,
			 struct iam_cat_service *out)
{
	const struct iam_catalog_svc *s = &cat->svcs[i];

	out->cat = cat;
	out->prefix = str(cat, s->prefix);
	out->name = str(cat, s->name);
	out->nactions = s->naction;
	out->nresource_types = s->nrtype;
	out->nkeys = s->nkey;
	out->id = i;
}

static void fill_action(const struct iam_catalog *cat, uint32_t i,
			struct iam_cat_action *out)
{
	const struct iam_catalog_act *a = &cat->acts[i];

	out->cat = cat;
	out->service = str(cat, cat->svcs[a->svc].prefix);
	out->name = str(cat, a->name);
	out->access = (enum iam_access)a->access;
	out->nresources = a->nres;
	out->nkeys = a->nkeys;
	out->id = i;
	out->priv_res = a->res;
	out->priv_keys = a->keys;
}

static void fill_rtype(const struct iam_catalog *cat, uint32_t i,
		       struct iam_cat_resource *out)
{
	const struct iam_catalog_rtype *t = &cat->rtypes[i];

	out->cat = cat;
	out->type = str(cat, t->name);
	out->arn = str(cat, t->arn);
	out->required = false;
	out->nkeys = t->nkeys;
	out->priv_keys = t->keys;
}

static void fill_key(const struct iam_catalog *cat,
		     const struct iam_catalog_key *k, struct iam_cat_key *out)
{
	out->name = str(cat, k->name);
	out->type = (enum iam_key_type)(k->type & 0x0f);
	out->multivalued = k->type & IAM_CATALOG_KEY_ARRAY;
	out->global = k->type & IAM_CATALOG_KEY_GLOBAL;
	out->is_template = k->type & IAM_CATALOG_KEY_TEMPLATE;
}

/* ---- lookups ---- */

const char *iam_catalog_package(const struct iam_catalog *cat)
{
	return str(cat, cat->package);
}

const char *iam_catalog_version(const struct iam_catalog *cat)
{
	return str(cat, cat->version);
}

size_t iam_catalog_nservices(const struct iam_catalog *cat)
{
	return cat->nsvcs;
}

size_t iam_catalog_nactions(const struct iam_catalog *cat)
{
	return cat->nacts;
}

size_t iam_catalog_nkeys(const struct iam_catalog *cat)
{
	return cat->nkeys;
}

/* Binary search of the service whose prefix is p[0..len). */
static bool service_index(const struct iam_catalog *cat, const char *p,
			  size_t len, uint32_t *idx)
{
	uint32_t lo = 0, hi = cat->nsvcs;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = ci_cmp_n(p, len, str(cat, cat->svcs[mid].prefix));

		if (c == 0) {
			*idx = mid;
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* Binary search of action name n[0..len) within service s. */
static bool action_index(const struct iam_catalog *cat, uint32_t s,
			 const char *n, size_t len, uint32_t *idx)
{
	uint32_t lo = cat->svcs[s].action, hi = lo + cat->svcs[s].naction;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = ci_cmp_n(n, len, str(cat, cat->acts[mid].name));

		if (c == 0) {
			*idx = mid;
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

bool iam_catalog_find_service(const struct iam_catalog *cat,
			      const char *prefix, struct iam_cat_service *out)
{
	uint32_t i;

	if (!service_index(cat, prefix, strlen(prefix), &i))
		return false;
	fill_service(cat, i, out);
	return true;
}

bool iam_catalog_service_at(const struct iam_catalog *cat, size_t i,
			    struct iam_cat_service *out)
{
	if (i >= cat->nsvcs)
		return false;
	fill_service(cat, (uint32_t)i, out);
	return true;
}

bool iam_catalog_find_action(const struct iam_catalog *cat,
			     const char *action, struct iam_cat_action *out)
{
	const char *colon = strchr(action, ':');
	uint32_t s, a;

	if (!colon)
		return false;
	if (!service_index(cat, action, (size_t)(colon - action), &s))
		return false;
	if (!action_index(cat, s, colon + 1, strlen(colon + 1), &a))
		return false;
	fill_action(cat, a, out);
	return true;
}

bool iam_catalog_action_at(const struct iam_catalog *cat, size_t id,
			   struct iam_cat_action *out)
{
	if (id >= cat->nacts)
		return false;
	fill_action(cat, (uint32_t)id, out);
	return true;
}

bool iam_catalog_service_action(const struct iam_cat_service *s, size_t i,
				struct iam_cat_action *out)
{
	if (i >= s->nactions)
		return false;
	fill_action(s->cat, s->cat->svcs[s->id].action + (uint32_t)i, out);
	return true;
}

bool iam_catalog_action_resource(const struct iam_cat_action *a, size_t i,
				 struct iam_cat_resource *out)
{
	const struct iam_catalog_res *r;

	if (i >= a->nresources)
		return false;
	r = &a->cat->res[a->priv_res + i];
	fill_rtype(a->cat, r->rtype, out);
	out->required = r->required;
	out->nkeys = r->nkeys;
	out->priv_keys = r->keys;
	return true;
}

const char *iam_catalog_action_key(const struct iam_cat_action *a, size_t i)
{
	if (i >= a->nkeys)
		return NULL;
	return str(a->cat, a->cat->refs[a->priv_keys + i]);
}

bool iam_catalog_find_resource_type(const struct iam_cat_service *s,
				    const char *type,
				    struct iam_cat_resource *out)
{
	const struct iam_catalog *cat = s->cat;
	uint32_t lo = cat->svcs[s->id].rtype, hi = lo + cat->svcs[s->id].nrtype;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = ci_cmp(type, str(cat, cat->rtypes[mid].name));

		if (c == 0) {
			fill_rtype(cat, mid, out);
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

bool iam_catalog_service_resource_type(const struct iam_cat_service *s,
				       size_t i, struct iam_cat_resource *out)
{
	if (i >= s->nresource_types)
		return false;
	fill_rtype(s->cat, s->cat->svcs[s->id].rtype + (uint32_t)i, out);
	return true;
}

const char *iam_catalog_resource_key(const struct iam_cat_resource *r,
				     size_t i)
{
	if (i >= r->nkeys)
		return NULL;
	return str(r->cat, r->cat->refs[r->priv_keys + i]);
}

bool iam_catalog_service_key(const struct iam_cat_service *s, size_t i,
			     struct iam_cat_key *out)
{
	if (i >= s->nkeys)
		return false;
	fill_key(s->cat, &s->cat->skeys[s->cat->svcs[s->id].key + i], out);
	return true;
}

/* The length of a placeholder ("${TagKey}", "<key>") starting at t, or 0. */
static size_t placeholder(const char *t)
{
	const char *e;

	if (t[0] == '$' && t[1] == '{') {
		e = strchr(t + 2, '}');
		return e ? (size_t)(e - t) + 1 : 0;
	}
	if (t[0] == '<') {
		e = strchr(t + 1, '>');
		return e && e > t + 1 ? (size_t)(e - t) + 1 : 0;
	}
	return 0;
}

/* Does key s match template t, each placeholder standing for one or more
 * characters (case-insensitive)?  Linear: a placeholder takes its one
 * character, then the literal run after it is found at its leftmost
 * place (leftmost is never worse, the placeholders after it absorbing any
 * rest), and a final literal run must end s. */
static bool tmpl_match(const char *t, const char *s)
{
	size_t slen = strlen(s), pos = 0;
	bool after_ph = false;

	while (*t) {
		size_t n = placeholder(t);
		bool last;

		if (n) {
			if (++pos > slen)
				return false;
			after_ph = true;
			t += n;
			continue;
		}
		n = 0;
		while (t[n] && !placeholder(t + n))
			n++;
		last = t[n] == '\0';
		if (slen - pos < n)
			return false;
		if (!after_ph) {
			if (!ci_eq(s + pos, t, n))
				return false;
			pos += n;
		} else if (last) {
			if (!ci_eq(s + slen - n, t, n))
				return false;
			pos = slen;
		} else {
			size_t i = pos;

			while (i + n <= slen && !ci_eq(s + i, t, n))
				i++;
			if (i + n > slen)
				return false;
			pos = i + n;
		}
		after_ph = false;
		t += n;
	}
	return after_ph || pos == slen;
}

bool iam_catalog_find_key(const struct iam_catalog *cat, const char *key,
			  struct iam_cat_key *out)
{
	uint32_t lo = 0, hi = cat->nkeys;
	const struct iam_catalog_key *found = NULL;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = ci_cmp(key, str(cat, cat->keys[mid].name));

		if (c == 0) {
			fill_key(cat, &cat->keys[mid], out);
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (uint32_t i = 0; i < cat->ntmpls; i++) {
		const struct iam_catalog_key *k = &cat->keys[cat->tmpls[i]];

		if (!tmpl_match(str(cat, k->name), key))
			continue;
		if (k->type & IAM_CATALOG_KEY_GLOBAL) {
			found = k;
			break;
		}
		if (!found)
			found = k;
	}
	if (!found)
		return false;
	fill_key(cat, found, out);
	return true;
}

/* ---- expand ---- */

struct expander {
	const struct iam_catalog *cat;
	int (*fn)(void *ctx, const struct iam_cat_action *a);
	void *ctx;
	int n;
	bool stop;
};

static void emit(struct expander *x, uint32_t a)
{
	struct iam_cat_action view;

	fill_action(x->cat, a, &view);
	x->n++;
	if (x->fn(x->ctx, &view) != 0)
		x->stop = true;
}

/* The actions of service s whose names match ga (text act[0..len) when
 * the pattern is literal). */
static void expand_service(struct expander *x, uint32_t s,
			   const struct iam_glob *ga, const char *act,
			   size_t len)
{
	const struct iam_catalog *cat = x->cat;
	uint32_t a, end;

	if (iam_glob_is_literal(ga)) {
		if (action_index(cat, s, act, len, &a))
			emit(x, a);
		return;
	}
	end = cat->svcs[s].action + cat->svcs[s].naction;
	for (a = cat->svcs[s].action; a < end && !x->stop; a++) {
		const char *name = str(cat, cat->acts[a].name);

		if (iam_glob_match(ga, name, strlen(name)))
			emit(x, a);
	}
}

int iam_catalog_expand(const struct iam_catalog *cat, const char *pattern,
		       int (*fn)(void *ctx, const struct iam_cat_action *a),
		       void *ctx, struct iam_error *err)
{
	struct expander x = { cat, fn, ctx, 0, false };
	const char *colon = strchr(pattern, ':');
	struct iam_glob *gs = NULL, *ga = NULL;
	int rc = -1;

	if (colon && !strchr(colon + 1, ':')) {
		/* One ':' in the pattern must meet the one ':' of
		 * "prefix:Name" ('?' or '*' taking it would leave the
		 * pattern's own ':' nothing to match), so the two halves are
		 * matched apart, and a literal half is a binary search. */
		size_t slen = (size_t)(colon - pattern);
		uint32_t s;

		gs = iam_glob_new(pattern, slen, IAM_GLOB_ICASE);
		ga = iam_glob_new(colon + 1, strlen(colon + 1), IAM_GLOB_ICASE);
		if (!gs || !ga)
			goto nomem;
		if (iam_glob_is_literal(gs)) {
			if (service_index(cat, pattern, slen, &s))
				expand_service(&x, s, ga, colon + 1,
					       strlen(colon + 1));
		} else {
			for (s = 0; s < cat->nsvcs && !x.stop; s++) {
				const char *p = str(cat, cat->svcs[s].prefix);

				if (iam_glob_match(gs, p, strlen(p)))
					expand_service(&x, s, ga, colon + 1,
						       strlen(colon + 1));
			}
		}
	} else {
		/* "*", or a pattern without exactly one ':': match whole
		 * "prefix:Name" strings. */
		char buf[2 * NAME_MAX_LEN + 2];

		ga = iam_glob_new(pattern, strlen(pattern), IAM_GLOB_ICASE);
		if (!ga)
			goto nomem;
		for (uint32_t a = 0; a < cat->nacts && !x.stop; a++) {
			int n;

			if (iam_glob_is_any(ga)) {
				emit(&x, a);
				continue;
			}
			n = snprintf(buf, sizeof(buf), "%s:%s",
					 str(cat, cat->svcs[cat->acts[a].svc].prefix),
					 str(cat, cat->acts[a].name));

			if (n > 0 && (size_t)n < sizeof(buf) &&
			    iam_glob_match(ga, buf, (size_t)n))
				emit(&x, a);
		}
	}
	rc = x.n;
	goto out;
nomem:
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
out:
	iam_glob_free(gs);
	iam_glob_free(ga);
	return rc;
}

/* ---- names ---- */

static const char *const access_names[] = {
	[IAM_ACCESS_LIST] = "List",
	[IAM_ACCESS_READ] = "Read",
	[IAM_ACCESS_WRITE] = "Write",
	[IAM_ACCESS_PERMISSIONS] = "Permissions management",
	[IAM_ACCESS_TAGGING] = "Tagging",
};

static const char *const type_names[2][7] = {
	{ "String", "ARN", "Bool", "Numeric", "Date", "IPAddress", "Binary" },
	{ "ArrayOfString", "ArrayOfARN", "ArrayOfBool", "ArrayOfNumeric",
	  "ArrayOfDate", "ArrayOfIPAddress", "ArrayOfBinary" },
};

#define NACCESS (sizeof(access_names) / sizeof(access_names[0]))
#define NTYPES (sizeof(type_names[0]) / sizeof(type_names[0][0]))

const char *iam_access_name(enum iam_access access)
{
	return (size_t)access < NACCESS ? access_names[access] : "?";
}

const char *iam_key_type_name(enum iam_key_type type, bool multivalued)
{
	return (size_t)type < NTYPES ? type_names[multivalued][type] : "?";
}

/* ---- loading a catalog file ---- */

struct member {
	const char *key;
	json_t *val;
};

struct tmpkey {
	const char *name;  /* into the final pool, for sorting */
	uint32_t off;
	uint8_t type;
	uint32_t seq;      /* insertion order: globals first */
};

struct builder {
	struct iam_json_doc doc;
	struct iam_error *err;
	char *pool;
	size_t plen, pcap;
	uint32_t *hash;    /* open addressing: pool offsets, 0 = empty */
	size_t hcap, hn;
	struct iam_catalog_svc *svcs;
	struct iam_catalog_act *acts;
	struct iam_catalog_res *res;
	struct iam_catalog_rtype *rtypes;
	struct iam_catalog_key *skeys;
	struct tmpkey *tkeys;
	uint32_t *refs;
	size_t nsvcs, nacts, nres, nrtypes, nskeys, ntkeys, nrefs;
	size_t csvcs, cacts, cres, crtypes, cskeys, ctkeys, crefs;
	uint32_t package, version;
};

static int nomem(struct builder *b)
{
	return iam_error_set(b->err, IAM_ERR_NOMEM, NULL, "out of memory");
}

static int bad(struct builder *b, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A schema error at a JSON Pointer, with its line and column. */
static int bad(struct builder *b, const char *path, const char *fmt, ...)
{
	char msg[400];
	int line = 0, col = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	iam_json_locate(&b->doc, path, &line, &col);
	iam_error_set(b->err, IAM_ERR_SCHEMA, path, "%s", msg);
	iam_error_locate(b->err, b->doc.source, line, col);
	return -1;
}

/* Make room for need elements in the array whose pointer is at parr
 * (capacity *cap, elements of size bytes).  Returns 0, or -1 with the
 * error set (the array is then unchanged).  The pointer is read and
 * written through memcpy so that one function serves every array type. */
static int grow(struct builder *b, void *parr, size_t *cap, size_t need,
		size_t size)
{
	size_t nc = *cap ? *cap : 16;
	void *v, *nv;

	if (need <= *cap)
		return 0;
	while (nc < need)
		nc *= 2;
	memcpy(&v, parr, sizeof(v));
	nv = realloc(v, nc * size);
	if (!nv)
		return nomem(b);
	memcpy(parr, &nv, sizeof(nv));
	*cap = nc;
	return 0;
}

#define GROW(b, arr, n) grow((b), &(b)->arr, &(b)->c##arr, (n), sizeof(*(b)->arr))

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The pool offset of s, added when new.  0 is "" (and an error when
 * *failed is set: out of memory). */
static uint32_t intern(struct builder *b, const char *s, bool *failed)
{
	size_t len = strlen(s), i;
	uint32_t off;

	if (!len)
		return 0;
	if (b->hn * 2 >= b->hcap) {
		size_t nc = b->hcap ? b->hcap * 2 : 4096;
		uint32_t *nh = calloc(nc, sizeof(*nh));

		if (!nh)
			goto fail;
		for (i = 0; i < b->hcap; i++) {
			size_t j;

			if (!b->hash[i])
				continue;
			j = hash_str(b->pool + b->hash[i]) & (nc - 1);
			while (nh[j])
				j = (j + 1) & (nc - 1);
			nh[j] = b->hash[i];
		}
		free(b->hash);
		b->hash = nh;
		b->hcap = nc;
	}
	i = hash_str(s) & (b->hcap - 1);
	while (b->hash[i]) {
		if (strcmp(b->pool + b->hash[i], s) == 0)
			return b->hash[i];
		i = (i + 1) & (b->hcap - 1);
	}
	if (b->plen + len + 1 > b->pcap) {
		size_t nc = b->pcap ? b->pcap : 65536;
		char *np;

		while (nc < b->plen + len + 1)
			nc *= 2;
		np = realloc(b->pool, nc);
		if (!np)
			goto fail;
		b->pool = np;
		b->pcap = nc;
	}
	off = (uint32_t)b->plen;
	memcpy(b->pool + b->plen, s, len + 1);
	b->plen += len + 1;
	b->hash[i] = off;
	b->hn++;
	return off;
fail:
	*failed = true;
	nomem(b);
	return 0;
}

static void path_join(char *out, size_t size, const char *base,
		      const char *tok)
{
	iam_strlcpy_tail(out, base, size);
	if (iam_jptr_push(out, size, tok) < 0)
		iam_strlcpy_tail(out, base, size);
}

static void path_index(char *out, size_t size, const char *base, size_t i)
{
	iam_strlcpy_tail(out, base, size);
	if (iam_jptr_push_index(out, size, i) < 0)
		iam_strlcpy_tail(out, base, size);
}

static int member_order(const void *pa, const void *pb)
{
	const struct member *a = pa, *b = pb;
	int c = ci_cmp(a->key, b->key);

	return c ? c : strcmp(a->key, b->key);
}

/* The members of object o sorted case-insensitively; two names equal but
 * for case are an error.  Returns a new array (free it), or NULL with the
 * error set; *n is the count (the array may be NULL when it is 0). */
static int sorted_members(struct builder *b, json_t *o, const char *path,
			  const char *what, struct member **out, size_t *n)
{
	size_t i = 0, count = json_object_size(o);
	struct member *m;
	const char *key;
	json_t *val;
	char p[256];

	*out = NULL;
	*n = 0;
	if (!count)
		return 0;
	m = malloc(count * sizeof(*m));
	if (!m)
		return nomem(b);
	json_object_foreach(o, key, val) {
		m[i].key = key;
		m[i].val = val;
		i++;
	}
	qsort(m, count, sizeof(*m), member_order);
	for (i = 1; i < count; i++) {
		if (ci_cmp(m[i - 1].key, m[i].key) == 0) {
			path_join(p, sizeof(p), path, m[i].key);
			bad(b, p, "%s '%s' is given twice ('%s')", what,
			    m[i].key, m[i - 1].key);
			free(m);
			return -1;
		}
	}
	*out = m;
	*n = count;
	return 0;
}

/* Members of o other than those listed are errors; so is a missing
 * required one (names prefixed with '!' in the list). */
static int check_members(struct builder *b, json_t *o, const char *path,
			 const char *const *allowed)
{
	const char *key;
	json_t *val;
	char p[256];

	if (!json_is_object(o))
		return bad(b, path, "expected an object, not %s",
			   iam_json_type_name(o));
	json_object_foreach(o, key, val) {
		size_t i;

		for (i = 0; allowed[i]; i++) {
			const char *a = allowed[i] + (allowed[i][0] == '!');

			if (strcmp(a, key) == 0)
				break;
		}
		if (!allowed[i]) {
			path_join(p, sizeof(p), path, key);
			return bad(b, p, "unknown member '%s'", key);
		}
	}
	for (size_t i = 0; allowed[i]; i++) {
		if (allowed[i][0] == '!' && !json_object_get(o, allowed[i] + 1))
			return bad(b, path, "member '%s' is missing",
				   allowed[i] + 1);
	}
	return 0;
}

/* A name: a non-empty string of printable ASCII (space included) of at
 * most NAME_MAX_LEN bytes, without the characters in `forbidden`. */
static int check_name(struct builder *b, const char *path, const char *what,
		      const char *s, const char *forbidden)
{
	size_t len = strlen(s);

	if (!len)
		return bad(b, path, "%s is empty", what);
	if (len > NAME_MAX_LEN)
		return bad(b, path, "%s '%.40s...' is over %d bytes", what, s,
			   NAME_MAX_LEN);
	for (const char *c = s; *c; c++) {
		if ((unsigned char)*c < ' ' || (unsigned char)*c >= 0x7f ||
		    strchr(forbidden, *c))
			return bad(b, path, "%s '%s' has the character '%c'",
				   what, s, *c >= ' ' && *c < 0x7f ? *c : '?');
	}
	return 0;
}

static int key_type(const char *s)
{
	bool array = strncmp(s, "ArrayOf", 7) == 0;

	if (array)
		s += 7;
	for (size_t t = 0; t < NTYPES; t++)
		if (strcmp(s, type_names[0][t]) == 0)
			return (int)t | (array ? (int)IAM_CATALOG_KEY_ARRAY : 0);
	return -1;
}

static bool has_placeholder(const char *s)
{
	for (; *s; s++)
		if (placeholder(s))
			return true;
	return false;
}

/* Parse a condition key object member (name -> type) into *name and
 * *type (with the template flag). */
static int key_entry(struct builder *b, const char *path, const char *name,
		     json_t *v, uint32_t *off, uint8_t *type)
{
	char p[256];
	bool failed = false;
	int t;

	path_join(p, sizeof(p), path, name);
	if (check_name(b, p, "condition key", name, " ") < 0)
		return -1;
	if (!strchr(name, ':'))
		return bad(b, p, "condition key '%s' has no ':'", name);
	if (!json_is_string(v))
		return bad(b, p, "the type of '%s' must be a string, not %s",
			   name, iam_json_type_name(v));
	t = key_type(json_string_value(v));
	if (t < 0)
		return bad(b, p, "'%s' is not a condition key type",
			   json_string_value(v));
	if (has_placeholder(name))
		t |= IAM_CATALOG_KEY_TEMPLATE;
	*off = intern(b, name, &failed);
	*type = (uint8_t)t;
	return failed ? -1 : 0;
}

static int add_tkey(struct builder *b, uint32_t off, uint8_t type)
{
	if (GROW(b, tkeys, b->ntkeys + 1) < 0)
		return -1;
	b->tkeys[b->ntkeys].name = NULL;
	b->tkeys[b->ntkeys].off = off;
	b->tkeys[b->ntkeys].type = type;
	b->tkeys[b->ntkeys].seq = (uint32_t)b->ntkeys;
	b->ntkeys++;
	return 0;
}

/* An optional array of condition key names into refs[]. */
static int key_list(struct builder *b, json_t *parent, const char *path,
		    uint32_t *first, uint16_t *count)
{
	json_t *a = json_object_get(parent, "conditionKeys"), *v;
	char p[256], q[256];
	bool failed = false;
	size_t i;

	*first = (uint32_t)b->nrefs;
	*count = 0;
	if (!a)
		return 0;
	path_join(p, sizeof(p), path, "conditionKeys");
	if (!json_is_array(a))
		return bad(b, p, "expected an array, not %s",
			   iam_json_type_name(a));
	if (json_array_size(a) > UINT16_MAX)
		return bad(b, p, "too many condition keys");
	json_array_foreach(a, i, v) {
		path_index(q, sizeof(q), p, i);
		if (!json_is_string(v))
			return bad(b, q, "a condition key must be a string, not %s",
				   iam_json_type_name(v));
		if (check_name(b, q, "condition key", json_string_value(v), " ") < 0)
			return -1;
		if (GROW(b, refs, b->nrefs + 1) < 0)
			return -1;
		b->refs[b->nrefs++] = intern(b, json_string_value(v), &failed);
		if (failed)
			return -1;
	}
	*count = (uint16_t)json_array_size(a);
	return 0;
}

static const char *const service_members[] = {
	"!name", "!actions", "resourceTypes", "conditionKeys", NULL
};
static const char *const action_members[] = {
	"!access", "resources", "conditionKeys", NULL
};
static const char *const resource_members[] = {
	"!type", "!required", "conditionKeys", NULL
};
static const char *const rtype_members[] = { "!arn", "conditionKeys", NULL };

static int load_action(struct builder *b, const struct member *m,
		       const char *path, uint32_t svc)
{
	const struct iam_catalog_svc *s = &b->svcs[svc];
	struct iam_catalog_act act = { 0 };
	json_t *access, *resources, *r;
	char p[256], q[256], x[256];
	bool failed = false;
	size_t i, ai;

	path_join(p, sizeof(p), path, m->key);
	if (check_name(b, p, "action name", m->key, " :*?") < 0 ||
	    check_members(b, m->val, p, action_members) < 0)
		return -1;
	access = json_object_get(m->val, "access");
	for (ai = 0; ai < NACCESS; ai++)
		if (json_is_string(access) &&
		    strcmp(json_string_value(access), access_names[ai]) == 0)
			break;
	if (ai == NACCESS) {
		path_join(q, sizeof(q), p, "access");
		if (!json_is_string(access))
			return bad(b, q, "access must be a string, not %s",
				   iam_json_type_name(access));
		return bad(b, q, "access '%s' is not List, Read, Write, Permissions management or Tagging",
			   json_string_value(access));
	}
	act.name = intern(b, m->key, &failed);
	if (failed)
		return -1;
	act.access = (uint8_t)ai;
	act.svc = (uint16_t)svc;
	act.res = (uint32_t)b->nres;
	resources = json_object_get(m->val, "resources");
	if (resources) {
		path_join(q, sizeof(q), p, "resources");
		if (!json_is_array(resources))
			return bad(b, q, "expected an array, not %s",
				   iam_json_type_name(resources));
		if (json_array_size(resources) > UINT16_MAX)
			return bad(b, q, "too many resource types");
		json_array_foreach(resources, i, r) {
			struct iam_catalog_res row = { 0 };
			json_t *type, *req;
			uint32_t t;

			path_index(x, sizeof(x), q, i);
			if (check_members(b, r, x, resource_members) < 0)
				return -1;
			type = json_object_get(r, "type");
			req = json_object_get(r, "required");
			if (!json_is_string(type) || !json_is_boolean(req))
				return bad(b, x, "type must be a string and required a boolean");
			for (t = s->rtype; t < s->rtype + s->nrtype; t++)
				if (ci_cmp(json_string_value(type),
					   b->pool + b->rtypes[t].name) == 0)
					break;
			if (t == s->rtype + s->nrtype)
				return bad(b, x, "resource type '%s' is not one of service '%s'",
					   json_string_value(type),
					   b->pool + s->prefix);
			row.rtype = t;
			row.required = json_is_true(req);
			if (key_list(b, r, x, &row.keys, &row.nkeys) < 0)
				return -1;
			if (GROW(b, res, b->nres + 1) < 0)
				return -1;
			b->res[b->nres++] = row;
		}
		act.nres = (uint16_t)json_array_size(resources);
	}
	if (key_list(b, m->val, p, &act.keys, &act.nkeys) < 0)
		return -1;
	if (GROW(b, acts, b->nacts + 1) < 0)
		return -1;
	b->acts[b->nacts++] = act;
	return 0;
}

static int load_service(struct builder *b, const struct member *m)
{
	struct iam_catalog_svc svc = { 0 };
	struct member *mm = NULL;
	size_t n = 0, i;
	json_t *name, *o;
	char p[256], q[256], x[256];
	bool failed = false;
	int rc = -1;

	path_join(p, sizeof(p), "/services", m->key);
	if (check_name(b, p, "service prefix", m->key, " :*?") < 0 ||
	    check_members(b, m->val, p, service_members) < 0)
		return -1;
	if (b->nsvcs >= UINT16_MAX)
		return bad(b, p, "too many services");
	name = json_object_get(m->val, "name");
	if (!json_is_string(name)) {
		path_join(q, sizeof(q), p, "name");
		return bad(b, q, "name must be a string");
	}
	svc.prefix = intern(b, m->key, &failed);
	svc.name = intern(b, json_string_value(name), &failed);
	if (failed)
		return -1;

	/* condition keys */
	svc.key = (uint32_t)b->nskeys;
	path_join(q, sizeof(q), p, "conditionKeys");
	o = json_object_get(m->val, "conditionKeys");
	if (o && !json_is_object(o))
		return bad(b, q, "expected an object, not %s",
			   iam_json_type_name(o));
	if (o && sorted_members(b, o, q, "condition key", &mm, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct iam_catalog_key k;

		if (key_entry(b, q, mm[i].key, mm[i].val, &k.name, &k.type) < 0 ||
		    GROW(b, skeys, b->nskeys + 1) < 0 ||
		    add_tkey(b, k.name, k.type) < 0)
			goto out;
		b->skeys[b->nskeys++] = k;
	}
	svc.nkey = (uint32_t)n;
	free(mm);
	mm = NULL;

	/* resource types */
	svc.rtype = (uint32_t)b->nrtypes;
	path_join(q, sizeof(q), p, "resourceTypes");
	o = json_object_get(m->val, "resourceTypes");
	if (o && !json_is_object(o))
		return bad(b, q, "expected an object, not %s",
			   iam_json_type_name(o));
	n = 0;
	if (o && sorted_members(b, o, q, "resource type", &mm, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct iam_catalog_rtype t = { 0 };
		json_t *arn;

		path_join(x, sizeof(x), q, mm[i].key);
		if (check_name(b, x, "resource type", mm[i].key, "") < 0 ||
		    check_members(b, mm[i].val, x, rtype_members) < 0)
			goto out;
		arn = json_object_get(mm[i].val, "arn");
		if (!json_is_string(arn)) {
			char y[256];

			path_join(y, sizeof(y), x, "arn");
			bad(b, y, "arn must be a string");
			goto out;
		}
		t.name = intern(b, mm[i].key, &failed);
		t.arn = intern(b, json_string_value(arn), &failed);
		if (failed || key_list(b, mm[i].val, x, &t.keys, &t.nkeys) < 0 ||
		    GROW(b, rtypes, b->nrtypes + 1) < 0)
			goto out;
		b->rtypes[b->nrtypes++] = t;
	}
	svc.nrtype = (uint32_t)n;
	free(mm);
	mm = NULL;

	/* actions (after the resource types they name) */
	if (GROW(b, svcs, b->nsvcs + 1) < 0)
		goto out;
	svc.action = (uint32_t)b->nacts;
	b->svcs[b->nsvcs] = svc;
	path_join(q, sizeof(q), p, "actions");
	o = json_object_get(m->val, "actions");
	if (!json_is_object(o)) {
		bad(b, q, "expected an object, not %s", iam_json_type_name(o));
		goto out;
	}
	n = 0;
	if (sorted_members(b, o, q, "action", &mm, &n) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (load_action(b, &mm[i], q, (uint32_t)b->nsvcs) < 0)
			goto out;
	b->svcs[b->nsvcs].naction = (uint32_t)n;
	b->nsvcs++;
	rc = 0;
out:
	free(mm);
	return rc;
}

static int tkey_order(const void *pa, const void *pb)
{
	const struct tmpkey *a = pa, *b = pb;
	int c = ci_cmp(a->name, b->name);

	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *const root_members[] = {
	"!format", "!source", "!globalConditionKeys", "!services", NULL
};
static const char *const source_members[] = {
	"!package", "!version", "updatedAt", NULL
};

/* Everything but the final key index, from the parsed document. */
static int build(struct builder *b)
{
	json_t *root = b->doc.root, *src, *o, *v;
	struct member *mm = NULL;
	size_t n = 0, i;
	bool failed = false;
	int rc = -1;

	if (check_members(b, root, "", root_members) < 0)
		return -1;
	v = json_object_get(root, "format");
	if (!json_is_integer(v) || json_integer_value(v) != IAM_CATALOG_FORMAT)
		return bad(b, "/format", "this iamgate reads catalog format %d",
			   IAM_CATALOG_FORMAT);
	src = json_object_get(root, "source");
	if (check_members(b, src, "/source", source_members) < 0)
		return -1;
	if (!json_is_string(json_object_get(src, "package")) ||
	    !json_is_string(json_object_get(src, "version")))
		return bad(b, "/source", "package and version must be strings");
	v = json_object_get(src, "updatedAt");
	if (v && !json_is_string(v) && !json_is_null(v))
		return bad(b, "/source/updatedAt", "expected a string or null");
	b->package = intern(b, json_string_value(json_object_get(src, "package")), &failed);
	b->version = intern(b, json_string_value(json_object_get(src, "version")), &failed);
	if (failed)
		return -1;

	o = json_object_get(root, "globalConditionKeys");
	if (!json_is_object(o))
		return bad(b, "/globalConditionKeys", "expected an object, not %s",
			   iam_json_type_name(o));
	if (sorted_members(b, o, "/globalConditionKeys", "condition key", &mm, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		uint32_t off;
		uint8_t type;

		if (key_entry(b, "/globalConditionKeys", mm[i].key, mm[i].val,
			      &off, &type) < 0 ||
		    add_tkey(b, off, type | IAM_CATALOG_KEY_GLOBAL) < 0)
			goto out;
	}
	free(mm);
	mm = NULL;

	o = json_object_get(root, "services");
	if (!json_is_object(o))
		return bad(b, "/services", "expected an object, not %s",
			   iam_json_type_name(o));
	if (sorted_members(b, o, "/services", "service", &mm, &n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (load_service(b, &mm[i]) < 0)
			goto out;
	rc = 0;
out:
	free(mm);
	return rc;
}

/* The key index: every distinct key, global ones winning over service
 * ones and earlier services over later ones. */
static int index_keys(struct builder *b, struct iam_catalog *cat)
{
	struct iam_catalog_key *keys;
	uint32_t *tmpls;
	size_t n = 0, nt = 0;

	for (size_t i = 0; i < b->ntkeys; i++)
		b->tkeys[i].name = b->pool + b->tkeys[i].off;
	if (b->ntkeys)
		qsort(b->tkeys, b->ntkeys, sizeof(*b->tkeys), tkey_order);
	keys = malloc((b->ntkeys ? b->ntkeys : 1) * sizeof(*keys));
	tmpls = malloc((b->ntkeys ? b->ntkeys : 1) * sizeof(*tmpls));
	if (!keys || !tmpls) {
		free(keys);
		free(tmpls);
		return nomem(b);
	}
	for (size_t i = 0; i < b->ntkeys; i++) {
		if (n && ci_cmp(b->pool + keys[n - 1].name, b->tkeys[i].name) == 0)
			continue;
		keys[n].name = b->tkeys[i].off;
		keys[n].type = b->tkeys[i].type;
		if (keys[n].type & IAM_CATALOG_KEY_TEMPLATE)
			tmpls[nt++] = (uint32_t)n;
		n++;
	}
	cat->keys = keys;
	cat->nkeys = (uint32_t)n;
	cat->tmpls = tmpls;
	cat->ntmpls = (uint32_t)nt;
	return 0;
}

static void builder_release(struct builder *b)
{
	iam_json_doc_release(&b->doc);
	free(b->pool);
	free(b->hash);
	free(b->svcs);
	free(b->acts);
	free(b->res);
	free(b->rtypes);
	free(b->skeys);
	free(b->tkeys);
	free(b->refs);
}

struct iam_catalog *iam_catalog_load(const char *file, struct iam_error *err)
{
	struct builder b = { 0 };
	struct iam_catalog *cat = NULL;
	char *pool_tmp;

	b.err = err;
	if (iam_json_load_file(&b.doc, file, err) < 0)
		goto fail;
	b.pcap = 65536;
	b.pool = malloc(b.pcap);
	if (!b.pool) {
		nomem(&b);
		goto fail;
	}
	b.pool[0] = '\0';
	b.plen = 1;
	if (build(&b) < 0)
		goto fail;
	if (b.plen > UINT32_MAX || b.nacts > UINT32_MAX) {
		iam_error_set(err, IAM_ERR_LIMIT, NULL, "catalog too large");
		iam_error_locate(err, b.doc.source, 0, 0);
		goto fail;
	}
	cat = calloc(1, sizeof(*cat));
	if (!cat) {
		nomem(&b);
		goto fail;
	}
	if (index_keys(&b, cat) < 0)
		goto fail;
	pool_tmp = realloc(b.pool, b.plen);  /* shrink; keep on failure */
	if (pool_tmp)
		b.pool = pool_tmp;
	cat->owned = true;
	cat->pool = b.pool;
	cat->pool_len = (uint32_t)b.plen;
	cat->package = b.package;
	cat->version = b.version;
	cat->svcs = b.svcs;
	cat->nsvcs = (uint32_t)b.nsvcs;
	cat->acts = b.acts;
	cat->nacts = (uint32_t)b.nacts;
	cat->res = b.res;
	cat->nres = (uint32_t)b.nres;
	cat->rtypes = b.rtypes;
	cat->nrtypes = (uint32_t)b.nrtypes;
	cat->skeys = b.skeys;
	cat->nskeys = (uint32_t)b.nskeys;
	cat->refs = b.refs;
	cat->nrefs = (uint32_t)b.nrefs;
	b.pool = NULL;
	b.svcs = NULL;
	b.acts = NULL;
	b.res = NULL;
	b.rtypes = NULL;
	b.skeys = NULL;
	b.refs = NULL;
	builder_release(&b);
	return cat;
fail:
	if (cat) {
		free((void *)cat->keys);
		free((void *)cat->tmpls);
		free(cat);
	}
	builder_release(&b);
	return NULL;
}

void iam_catalog_free(struct iam_catalog *cat)
{
	if (!cat || !cat->owned)
		return;
	free((void *)cat->pool);
	free((void *)cat->svcs);
	free((void *)cat->acts);
	free((void *)cat->res);
	free((void *)cat->rtypes);
	free((void *)cat->skeys);
	free((void *)cat->keys);
	free((void *)cat->tmpls);
	free((void *)cat->refs);
	free(cat);
}
