/* lint/arn.c - ARN templates as PCRE2 patterns (see lint/arn.h). */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/catalog.h"
#include "core/buf.h"
#include "lint/arn.h"

enum field_kind { F_EMPTY, F_PLACEHOLDER, F_LITERAL };

struct arec {
	const char *arn;         /* the template (borrowed from the catalog) */
	const char *service;     /* catalog service prefix */
	const char *type;        /* resource type name */
	struct iam_arn_parts t;  /* the template's fields */
	uint8_t region, account; /* enum field_kind */
	size_t lit;              /* literal prefix of the resource part */
	unsigned uses;           /* JIT-compiled at the JIT_AFTER-th use */
	bool tried;              /* compilation attempted */
	pcre2_code *re;          /* NULL: not compiled (or failed) */
};

/* A classification remembered by ARN text. */
struct cached {
	char *arn;
	struct iam_arn_verdict v;
};

struct iam_arn_index {
	const struct iam_catalog *cat;
	struct arec *recs;
	size_t n;
	uint32_t *by_svc;        /* recs sorted by ARN service field */
	uint32_t *hash;          /* template pointer -> rec index + 1 */
	size_t hcap;
	pcre2_match_data *md;
	char *subj;              /* scratch: the subject being matched */
	size_t subj_cap;
	const char *subj_of;     /* the field the scratch holds */
	size_t subj_of_len, subj_len;
	bool subj_wild;
	struct cached *cache;    /* open addressing, by ARN text */
	size_t ncache, capcache;
};

int iam_arn_split(const char *s, struct iam_arn_parts *p)
{
	const char *start = s;
	int k = 0;

	memset(p, 0, sizeof(*p));
	for (const char *q = s;; q++) {
		if (*q == ':' && k < 5) {
			p->f[k] = start;
			p->len[k] = (size_t)(q - start);
			k++;
			start = q + 1;
		} else if (*q == '\0') {
			p->f[k] = start;
			p->len[k] = (size_t)(q - start);
			k++;
			break;
		}
	}
	p->nfields = k;
	return k;
}

static bool is_placeholder(const char *f, size_t len)
{
	return len > 3 && f[0] == '$' && f[1] == '{' && f[len - 1] == '}' &&
	       !memchr(f + 2, '}', len - 3);
}

static enum field_kind kind_of(const char *f, size_t len)
{
	if (!len)
		return F_EMPTY;
	return is_placeholder(f, len) ? F_PLACEHOLDER : F_LITERAL;
}

static int svc_cmp(const struct arec *a, const char *svc, size_t len)
{
	size_t m = a->t.len[2] < len ? a->t.len[2] : len;
	int c = memcmp(a->t.f[2], svc, m);

	if (c)
		return c;
	return a->t.len[2] < len ? -1 : a->t.len[2] > len;
}

static _Thread_local struct iam_arn_index *sort_ctx;  /* for qsort */

static int by_svc_order(const void *pa, const void *pb)
{
	const struct arec *a = &sort_ctx->recs[*(const uint32_t *)pa];
	const struct arec *b = &sort_ctx->recs[*(const uint32_t *)pb];
	int c = svc_cmp(a, b->t.f[2], b->t.len[2]);

	if (c)
		return c;
	return (*(const uint32_t *)pa > *(const uint32_t *)pb) -
	       (*(const uint32_t *)pa < *(const uint32_t *)pb);
}

static size_t ptr_hash(const void *p, size_t cap)
{
	uintptr_t x = (uintptr_t)p;

	x ^= x >> 17;
	x *= (uintptr_t)0x9E3779B97F4A7C15ull;
	x ^= x >> 29;
	return (size_t)x & (cap - 1);
}

struct iam_arn_index *iam_arn_index_new(const struct iam_catalog *cat)
{
	struct iam_arn_index *ix = calloc(1, sizeof(*ix));
	size_t total = 0, nsvc = iam_catalog_nservices(cat);
	struct iam_cat_service s;
	struct iam_cat_resource r;

	if (!ix)
		return NULL;
	ix->cat = cat;
	for (size_t i = 0; i < nsvc; i++)
		if (iam_catalog_service_at(cat, i, &s))
			total += s.nresource_types;
	ix->recs = calloc(total ? total : 1, sizeof(*ix->recs));
	ix->by_svc = calloc(total ? total : 1, sizeof(*ix->by_svc));
	ix->hcap = 64;
	while (ix->hcap < total * 2)
		ix->hcap *= 2;
	ix->hash = calloc(ix->hcap, sizeof(*ix->hash));
	ix->md = pcre2_match_data_create(1, NULL);
	if (!ix->recs || !ix->by_svc || !ix->hash || !ix->md)
		goto fail;
	for (size_t i = 0; i < nsvc; i++) {
		if (!iam_catalog_service_at(cat, i, &s))
			continue;
		for (size_t k = 0; k < s.nresource_types; k++) {
			struct arec *a;
			size_t h;

			if (!iam_catalog_service_resource_type(&s, k, &r) ||
			    !r.arn || strncmp(r.arn, "arn:", 4) != 0)
				continue;
			a = &ix->recs[ix->n];
			a->arn = r.arn;
			a->service = s.prefix;
			a->type = r.type;
			if (iam_arn_split(r.arn, &a->t) < 6 || !a->t.len[2] ||
			    kind_of(a->t.f[2], a->t.len[2]) != F_LITERAL)
				continue;
			a->lit = 0;
			while (a->lit < a->t.len[5] && a->t.f[5][a->lit] != '$')
				a->lit++;
			a->region = (uint8_t)kind_of(a->t.f[3], a->t.len[3]);
			a->account = (uint8_t)kind_of(a->t.f[4], a->t.len[4]);
			ix->by_svc[ix->n] = (uint32_t)ix->n;
			for (h = ptr_hash(r.arn, ix->hcap); ix->hash[h];
			     h = (h + 1) & (ix->hcap - 1))
				if (ix->recs[ix->hash[h] - 1].arn == r.arn)
					break;
			if (!ix->hash[h])
				ix->hash[h] = (uint32_t)ix->n + 1;
			ix->n++;
		}
	}
	sort_ctx = ix;
	qsort(ix->by_svc, ix->n, sizeof(*ix->by_svc), by_svc_order);
	sort_ctx = NULL;
	return ix;
fail:
	iam_arn_index_free(ix);
	return NULL;
}

void iam_arn_index_free(struct iam_arn_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->n; i++)
		pcre2_code_free(ix->recs[i].re);
	for (size_t i = 0; i < ix->capcache; i++)
		free(ix->cache[i].arn);
	free(ix->cache);
	pcre2_match_data_free(ix->md);
	free(ix->recs);
	free(ix->by_svc);
	free(ix->hash);
	free(ix->subj);
	free(ix);
}


static void sb_char_escaped(struct iam_buf *b, char c, bool in_class)
{
	char e[2] = { '\\', c };
	bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		     (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;

	if (alnum || (!in_class && (c == '-' || c == '/' || c == ':' ||
				    c == '_' || c == '=' || c == '@' ||
				    c == ',' || c == '!' || c == '%' ||
				    c == '&' || c == '~' || c == ' ' ||
				    c == '<' || c == '>' || c == '\'' ||
				    c == '"' || c == ';' || c == '#')))
		iam_buf_add(b, &c, 1);
	else
		iam_buf_add(b, e, 2);
}

/* The resource part of a template as an anchored pattern. */
static char *resource_pattern(const char *res, size_t len)
{
	struct iam_buf b = { NULL, 0, 0, false };
	size_t i = 0;

	iam_buf_add(&b, "(?s)", 4);
	while (i < len) {
		if (res[i] == '$' && i + 1 < len && res[i + 1] == '{') {
			const char *close = memchr(res + i, '}', len - i);
			size_t next;

			if (!close) {
				sb_char_escaped(&b, res[i++], false);
				continue;
			}
			next = (size_t)(close - res) + 1;
			if (next >= len || (res[next] == '$' && next + 1 < len &&
					    res[next + 1] == '{')) {
				iam_buf_add(&b, ".+", 2);
			} else {
				iam_buf_add(&b, "[^", 2);
				sb_char_escaped(&b, res[next], true);
				iam_buf_add(&b, "]+", 2);
			}
			i = next;
			continue;
		}
		sb_char_escaped(&b, res[i++], false);
	}
	iam_buf_add(&b, "\\z", 2);
	return iam_buf_take(&b);
}

static pcre2_code *rec_regex(struct arec *a)
{
	char *pat;
	int errcode;
	PCRE2_SIZE erroff;

	if (a->tried)
		return a->re;
	a->tried = true;
	pat = resource_pattern(a->t.f[5], a->t.len[5]);
	if (!pat)
		return NULL;
	a->re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
			      PCRE2_ANCHORED, &errcode, &erroff, NULL);
	free(pat);
	return a->re;
}

/* JIT compilation costs about as much as a few hundred interpreted matches
 * of a short ARN: a pattern is JIT-compiled once it has been used often. */
#define JIT_AFTER 32

/* Linters in several threads (cmd_lint -j) each have their own patterns,
 * but the JIT's executable-memory allocator is process-wide: one JIT
 * compilation at a time. */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

static void count_use(struct arec *a)
{
	if (a->re && ++a->uses == JIT_AFTER) {
		pthread_mutex_lock(&jit_lock);
		(void)pcre2_jit_compile(a->re, PCRE2_JIT_COMPLETE |
						       PCRE2_JIT_PARTIAL_HARD);
		pthread_mutex_unlock(&jit_lock);
	}
}

/* Copy a policy ARN field into the scratch buffer with every policy
 * variable taken as '*'.  Sets *wild when it holds '*' or '?'. */
static const char *subject(struct iam_arn_index *ix, const char *f,
			   size_t len, size_t *outlen, bool *wild)
{
	size_t o = 0;

	if (ix->subj_of == f && ix->subj_of_len == len && ix->subj) {
		*outlen = ix->subj_len;
		*wild = ix->subj_wild;
		return ix->subj;
	}
	ix->subj_of = NULL;
	if (len + 1 > ix->subj_cap) {
		char *s = realloc(ix->subj, len + 1);

		if (!s)
			return NULL;
		ix->subj = s;
		ix->subj_cap = len + 1;
	}
	*wild = false;
	for (size_t i = 0; i < len; i++) {
		if (f[i] == '$' && i + 1 < len && f[i + 1] == '{') {
			const char *close = memchr(f + i, '}', len - i);

			if (close) {
				ix->subj[o++] = '*';
				*wild = true;
				i = (size_t)(close - f);
				continue;
			}
		}
		if (f[i] == '*' || f[i] == '?')
			*wild = true;
		ix->subj[o++] = f[i];
	}
	ix->subj[o] = '\0';
	*outlen = o;
	ix->subj_of = f;
	ix->subj_of_len = len;
	ix->subj_len = o;
	ix->subj_wild = *wild;
	return ix->subj;
}

/* A plain glob ('*', '?') over a field; fields never hold ':'. */
static bool glob_field(const char *p, size_t plen, const char *s, size_t slen)
{
	size_t pi = 0, si = 0, star = (size_t)-1, mark = 0;

	while (si < slen) {
		if (pi < plen && (p[pi] == '?' || p[pi] == s[si])) {
			pi++;
			si++;
		} else if (pi < plen && p[pi] == '*') {
			star = pi++;
			mark = si;
		} else if (star != (size_t)-1) {
			pi = star + 1;
			si = ++mark;
		} else {
			return false;
		}
	}
	while (pi < plen && p[pi] == '*')
		pi++;
	return pi == plen;
}

static bool has_wild(const char *f, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (f[i] == '*' || f[i] == '?' ||
		    (f[i] == '$' && i + 1 < len && f[i + 1] == '{'))
			return true;
	return false;
}

/* Can policy field pf be template field tf? */
static enum iam_arn_tri field_match(const char *pf, size_t plen,
				    const char *tf, size_t tlen)
{
	enum field_kind k = kind_of(tf, tlen);

	if (has_wild(pf, plen)) {
		if (k == F_LITERAL && !strchr("*?$", pf[0]) &&
		    !glob_field(pf, plen, tf, tlen))
			return IAM_ARN_MAYBE;
		return IAM_ARN_YES;
	}
	switch (k) {
	case F_EMPTY:
		return plen ? IAM_ARN_NO : IAM_ARN_YES;
	case F_PLACEHOLDER:
		return plen ? IAM_ARN_YES : IAM_ARN_NO;
	case F_LITERAL:
		return plen == tlen && memcmp(pf, tf, plen) == 0 ? IAM_ARN_YES
								 : IAM_ARN_NO;
	}
	return IAM_ARN_MAYBE;
}

static enum iam_arn_tri min_tri(enum iam_arn_tri a, enum iam_arn_tri b)
{
	return a < b ? a : b;
}

/* Can the resource part of p be one of a's? */
static enum iam_arn_tri resource_match(struct iam_arn_index *ix,
				       struct arec *a,
				       const struct iam_arn_parts *p)
{
	pcre2_code *re;
	size_t len, k;
	bool wild;
	const char *s;
	int rc;

	s = subject(ix, p->f[5], p->len[5], &len, &wild);
	if (!s)
		return IAM_ARN_MAYBE;
	/* the literal prefixes must agree (no regex needed to say no) */
	for (k = 0; k < a->lit && k < len && s[k] != '*' && s[k] != '?'; k++)
		if (s[k] != a->t.f[5][k])
			return IAM_ARN_NO;
	if (k == len && k < a->lit)
		return IAM_ARN_NO;  /* the ARN ends inside the literal */
	re = rec_regex(a);
	if (!re)
		return IAM_ARN_MAYBE;
	count_use(a);
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, ix->md, NULL);
	if (rc >= 0)
		return IAM_ARN_YES;
	if (!wild)
		return IAM_ARN_NO;
	for (k = len; k > 0 && s[k - 1] == '*'; k--)
		;
	if (k < len) {
		if (k == 0)
			return IAM_ARN_YES;
		rc = pcre2_match(re, (PCRE2_SPTR)s, k, 0, PCRE2_PARTIAL_HARD,
				 ix->md, NULL);
		if (rc >= 0 || rc == PCRE2_ERROR_PARTIAL)
			return IAM_ARN_YES;
	}
	for (k = 0; k < len; k++)
		if (s[k] == '*' || s[k] == '?')
			break;
	/* a wildcard in the middle may stand for literal parts */
	return k < len && (k + 1 < len || s[k] == '?') ? IAM_ARN_MAYBE
						       : IAM_ARN_NO;
}

/* Fields 1-4 of p against a's template, then the resource part.  A
 * region or account field ending in '*' may also swallow colons (IAM's
 * field-final wildcard), so the resource part is then only a "maybe". */
static enum iam_arn_tri rec_match(struct iam_arn_index *ix, struct arec *a,
				  const struct iam_arn_parts *p)
{
	enum iam_arn_tri t = IAM_ARN_YES, r;
	bool crossing = false;

	if (p->nfields < 6)
		return IAM_ARN_NO;
	for (int f = 1; f <= 4 && t != IAM_ARN_NO; f++) {
		if (f == 2 && !has_wild(p->f[2], p->len[2]) &&
		    (p->len[2] != a->t.len[2] ||
		     memcmp(p->f[2], a->t.f[2], p->len[2]) != 0))
			return IAM_ARN_NO;
		if (f == 4 && !p->len[4] && a->account == F_PLACEHOLDER)
			t = min_tri(t, IAM_ARN_MAYBE);  /* AWS-owned: no account */
		else
			t = min_tri(t, field_match(p->f[f], p->len[f], a->t.f[f],
						   a->t.len[f]));
		if (f >= 3 && p->len[f] && p->f[f][p->len[f] - 1] == '*')
			crossing = true;
	}
	if (t == IAM_ARN_NO)
		return t;
	r = resource_match(ix, a, p);
	if (r == IAM_ARN_NO && crossing)
		r = IAM_ARN_MAYBE;
	return min_tri(t, r);
}

static size_t lower_bound(struct iam_arn_index *ix, const char *svc,
			  size_t len)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (svc_cmp(&ix->recs[ix->by_svc[mid]], svc, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Services AWS has retired whose ARNs the catalog still mentions as a
 * resource type of another service (ec2's "elastic-inference"): Access
 * Analyzer reports them as services that do not exist. */
static const char *const retired[] = { "elastic-inference", NULL };

bool iam_arn_service_known(struct iam_arn_index *ix, const char *svc,
			   size_t len, bool *ci)
{
	size_t i = lower_bound(ix, svc, len);
	struct iam_cat_service s;
	char buf[128];

	*ci = false;
	for (size_t k = 0; retired[k]; k++)
		if (strlen(retired[k]) == len && memcmp(retired[k], svc, len) == 0)
			return false;
	if (i < ix->n && svc_cmp(&ix->recs[ix->by_svc[i]], svc, len) == 0)
		return true;
	if (len < sizeof(buf)) {
		memcpy(buf, svc, len);
		buf[len] = '\0';
		if (iam_catalog_find_service(ix->cat, buf, &s)) {
			if (strcmp(s.prefix, buf) == 0)
				return true;
			*ci = true;
			return false;
		}
	}
	for (size_t k = 0; k < ix->n; k++) {
		const struct arec *a = &ix->recs[k];

		if (a->t.len[2] == len && strncasecmp(a->t.f[2], svc, len) == 0) {
			*ci = true;
			break;
		}
	}
	return false;
}

static size_t str_hash(const char *s, size_t cap)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h & (cap - 1);
}

static struct cached *cache_slot(struct iam_arn_index *ix, const char *arn)
{
	size_t h;

	if (!ix->capcache)
		return NULL;
	for (h = str_hash(arn, ix->capcache); ix->cache[h].arn;
	     h = (h + 1) & (ix->capcache - 1))
		if (strcmp(ix->cache[h].arn, arn) == 0)
			break;
	return &ix->cache[h];
}

static void cache_put(struct iam_arn_index *ix, const char *arn,
		      const struct iam_arn_verdict *v)
{
	struct cached *c;

	if ((ix->ncache + 1) * 2 > ix->capcache) {
		size_t cap = ix->capcache ? ix->capcache * 2 : 1024;
		struct cached *old = ix->cache, *nc = calloc(cap, sizeof(*nc));
		size_t oldcap = ix->capcache;

		if (!nc)
			return;
		ix->cache = nc;
		ix->capcache = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].arn)
				*cache_slot(ix, old[i].arn) = old[i];
		free(old);
	}
	c = cache_slot(ix, arn);
	if (c->arn)
		return;
	c->arn = strdup(arn);
	if (!c->arn)
		return;
	c->v = *v;
	ix->ncache++;
}

static int classify(struct iam_arn_index *ix, const struct iam_arn_parts *p,
		    struct iam_arn_verdict *v);

int iam_arn_classify(struct iam_arn_index *ix, const struct iam_arn_parts *p,
		     struct iam_arn_verdict *v)
{
	struct cached *c;

	/* p->f[0] is the start of the whole ARN */
	c = cache_slot(ix, p->f[0]);
	if (c && c->arn) {
		*v = c->v;
		return 0;
	}
	ix->subj_of = NULL;
	if (classify(ix, p, v) < 0)
		return -1;
	cache_put(ix, p->f[0], v);
	return 0;
}

static int classify(struct iam_arn_index *ix, const struct iam_arn_parts *p,
		    struct iam_arn_verdict *v)
{
	size_t i = lower_bound(ix, p->f[2], p->len[2]);

	memset(v, 0, sizeof(*v));
	v->region_empty = v->region_required = true;
	v->account_empty = v->account_required = true;
	for (; i < ix->n; i++) {
		struct arec *a = &ix->recs[ix->by_svc[i]];
		struct iam_arn_parts q = *p;
		enum iam_arn_tri t;

		if (svc_cmp(a, p->f[2], p->len[2]) != 0)
			break;
		v->ntypes++;
		/* the fields are judged by the caller: match the resource
		 * part with the template's own region and account */
		q.f[3] = a->t.f[3];
		q.len[3] = a->t.len[3];
		q.f[4] = a->t.f[4];
		q.len[4] = a->t.len[4];
		q.f[1] = "aws";
		q.len[1] = 3;
		t = rec_match(ix, a, &q);
		if (t == IAM_ARN_NO && p->nfields == 6 &&
		    ((p->len[3] && p->f[3][p->len[3] - 1] == '*') ||
		     (p->len[4] && p->f[4][p->len[4] - 1] == '*')))
			t = IAM_ARN_MAYBE;
		if (t == IAM_ARN_NO)
			continue;
		if (!v->ncand++) {
			v->type = a->type;
			v->service = a->service;
		}
		if (t != IAM_ARN_YES)
			continue;  /* the fields are judged on certain matches */
		if (!v->exact) {
			v->exact = true;
			v->type = a->type;
			v->service = a->service;
		}
		if (a->region != F_EMPTY)
			v->region_empty = false;
		if (a->region != F_PLACEHOLDER)
			v->region_required = false;
		if (a->account != F_EMPTY)
			v->account_empty = false;
		if (a->account != F_PLACEHOLDER)
			v->account_required = false;
		if (a->account == F_LITERAL && !v->account_literal)
			v->account_literal = a->t.f[4];
	}
	if (!v->exact) {
		v->region_empty = v->region_required = false;
		v->account_empty = v->account_required = false;
	}
	return 0;
}

enum iam_arn_tri iam_arn_match_type(struct iam_arn_index *ix,
				    const struct iam_arn_parts *p,
				    const struct iam_cat_resource *r)
{
	size_t h;

	ix->subj_of = NULL;
	if (!r->arn)
		return IAM_ARN_MAYBE;
	for (h = ptr_hash(r->arn, ix->hcap); ix->hash[h];
	     h = (h + 1) & (ix->hcap - 1)) {
		struct arec *a = &ix->recs[ix->hash[h] - 1];

		if (a->arn == r->arn)
			return rec_match(ix, a, p);
	}
	return IAM_ARN_MAYBE;
}
