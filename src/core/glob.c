/* core/glob.c - IAM wildcards as a bit-parallel automaton (Shift-And).
 *
 * A pattern becomes tokens: literal bytes, '?' (one byte), '*' (a run), and
 * the ARN variants that may not match ':'.  State bit i means "the first i
 * tokens have matched"; each text byte updates all states at once:
 *
 *	D' = ((D & accept[c]) << 1) | (D & loop[c]);  D' |= (D' & star) << 1
 *
 * where c is the byte's class.  Runs of '*' are merged at compile time, so
 * one epsilon step suffices.  Bytes that appear in no literal share class 0,
 * so the tables stay small.  Cost: O(len * ceil((m+1)/64)), no backtracking.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/glob.h"

enum tok_kind {
	TOK_LIT,
	TOK_ANY1,     /* '?' */
	TOK_ANY1_NC,  /* '?' that may not match ':' */
	TOK_STAR,     /* '*' */
	TOK_STAR_NC,  /* '*' that may not match ':' */
};

struct tok {
	uint8_t kind;
	uint8_t ch;
};

/* Every pattern is literal prefix, middle, literal suffix.  The prefix
 * and suffix are compared directly; the middle is nothing (G_LITERAL), a
 * lone '*' (G_PRESUF: "s3:Get*", "s3:*Object"), short segments between
 * '*'s that may cross ':' (G_SEGS: "s3:*Object*", "arn:aws:logs:*:*:
 * log-group:*", "s3:?ListBucket"), or else runs the automaton (G_NFA) over
 * the text between them.
 *
 * G_SEGS finds each segment at its leftmost place after the previous one:
 * with '*'s that match anything that is exact (an earlier place leaves
 * more text to the rest), and no text byte is searched for two segments.
 * A plain segment (case-sensitive, no '?') is searched with memmem, which
 * is linear in glibc; another one byte by byte, so it may be at most
 * SEG_SHORT bytes long: at most SEG_SHORT comparisons per text byte.
 * Either way linear, like the automaton, and it reads only the pattern's
 * own bytes, which lie right after the glob (the automaton's tables are
 * apart and larger).  A segment is stored as its length, whether memmem
 * may search it, and its bytes, '?' as 0 (no text byte is NUL); a 0
 * length ends the list. */
enum glob_kind { G_LITERAL, G_PRESUF, G_ANY, G_SEGS, G_NFA };

#define SEG_SHORT 8     /* longest segment searched byte by byte */
#define SEG_MAX 255     /* longest segment (its length is one byte) */

/* The automaton, for patterns that need one (allocated apart, so that
 * literal patterns stay a few dozen bytes: the compiled policies of a
 * large batch must fit in cache). */
struct nfa {
	size_t ntok, nwords, nclass;
	uint64_t *accept;  /* nclass * nwords */
	uint64_t *loop;    /* nclass * nwords */
	uint64_t *star;    /* nwords */
	uint16_t cls[256]; /* byte -> class */
};

struct iam_glob {
	/* what every match reads first, then the literal bytes follow */
	uint8_t kind;      /* enum glob_kind */
	uint8_t flags;
	bool in_arena;     /* freed with its arena, not by iam_glob_free */
	bool rest_star;    /* covers_service: the rest is a field-initial '*' */
	bool head_star;    /* G_SEGS: the middle starts with '*' */
	bool tail_star;    /* G_SEGS: the middle ends with '*' */
	size_t litlen;     /* prefix length */
	size_t suflen;     /* suffix length; the suffix is at lit + litlen */
	struct nfa *nfa;   /* G_NFA only */
	/* covers_service: the service field */
	char *service;
	size_t servicelen;
	char lit[];        /* the literal prefix and suffix (folded with ICASE),
			    * then G_SEGS's segments */
};

static unsigned char fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Tokenize; returns the number of tokens (toks has room for len). */
static size_t tokenize(const char *pat, size_t len, unsigned flags,
		       struct tok *toks)
{
	bool arn = (flags & (IAM_GLOB_RESOURCE | IAM_GLOB_ARNCOND)) &&
		   len >= 4 && memcmp(pat, "arn:", 4) == 0;
	int field = 0;
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)pat[i];
		bool escaped = false;
		struct tok t;

		if ((flags & IAM_GLOB_ESCAPED) && c == '\\' && i + 1 < len) {
			c = (unsigned char)pat[++i];
			escaped = true;
		}
		if (escaped || (c != '*' && c != '?')) {
			t.kind = TOK_LIT;
			t.ch = (flags & IAM_GLOB_ICASE) ? fold(c) : c;
			if (arn && c == ':' && !escaped && field < 5)
				field++;
		} else if (arn && field < 5) {
			if (field == 2 && (flags & IAM_GLOB_RESOURCE)) {
				/* no wildcard in the service field */
				t.kind = TOK_LIT;
				t.ch = c;
			} else if (c == '?') {
				t.kind = TOK_ANY1_NC;
			} else if ((flags & IAM_GLOB_RESOURCE) &&
				   (i + 1 == len || pat[i + 1] == ':')) {
				t.kind = TOK_STAR;  /* field-final: may cross ':' */
			} else {
				t.kind = TOK_STAR_NC;
			}
		} else {
			t.kind = c == '?' ? TOK_ANY1 : TOK_STAR;
		}
		t.ch = t.kind == TOK_LIT ? t.ch : 0;
		/* merge runs of stars: a crossing star absorbs a non-crossing one */
		if (n && (t.kind == TOK_STAR || t.kind == TOK_STAR_NC) &&
		    (toks[n - 1].kind == TOK_STAR ||
		     toks[n - 1].kind == TOK_STAR_NC)) {
			if (t.kind == TOK_STAR)
				toks[n - 1].kind = TOK_STAR;
			continue;
		}
		toks[n++] = t;
	}
	return n;
}

/* Record the service field and whether the pattern ends in a field-initial
 * crossing '*' after it, for iam_glob_covers_service(). */
static int note_service(struct iam_arena *a, struct iam_glob *g,
			const char *pat, size_t len)
{
	const char *end = pat + len, *svc, *q;

	if (len == 1 && pat[0] == '*') {
		g->rest_star = true;
		return 0;
	}
	if (len < 4 || memcmp(pat, "arn:", 4) != 0)
		return 0;
	q = memchr(pat + 4, ':', len - 4);  /* end of partition */
	if (!q)
		return 0;
	svc = q + 1;
	q = memchr(svc, ':', (size_t)(end - svc));
	if (!q)
		return 0;
	g->service = iam_arena_strndup(a, svc, (size_t)(q - svc));
	if (!g->service)
		return -1;
	g->servicelen = (size_t)(q - svc);
	/* the rest stands for everything when it ends in a field-initial '*' */
	g->rest_star = len >= 2 && end[-1] == '*' && end[-2] == ':';
	return 0;
}

static void set_bit(uint64_t *row, size_t bit)
{
	row[bit / 64] |= (uint64_t)1 << (bit % 64);
}

static int build_nfa(struct iam_arena *a, struct nfa *g, unsigned flags,
		     const struct tok *toks, size_t n)
{
	uint16_t colon_cls = 0;
	size_t nc = 1;

	memset(g->cls, 0, sizeof(g->cls));
	/* classes: one per distinct literal byte (both cases with ICASE), one
	 * for ':' when a token treats it specially, 0 for all other bytes */
	for (size_t i = 0; i < n; i++) {
		if (toks[i].kind == TOK_ANY1_NC || toks[i].kind == TOK_STAR_NC) {
			if (!g->cls[':'])
				g->cls[':'] = (uint16_t)nc++;
			colon_cls = g->cls[':'];
		}
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = toks[i].ch;

		if (toks[i].kind != TOK_LIT || g->cls[c])
			continue;
		g->cls[c] = (uint16_t)nc;
		if ((flags & IAM_GLOB_ICASE) && c >= 'a' && c <= 'z')
			g->cls[c - 32] = (uint16_t)nc;
		nc++;
	}
	g->ntok = n;
	g->nclass = nc;
	g->nwords = (n + 1 + 63) / 64;
	g->accept = iam_arena_calloc(a, nc * g->nwords, sizeof(uint64_t));
	g->loop = iam_arena_calloc(a, nc * g->nwords, sizeof(uint64_t));
	g->star = iam_arena_calloc(a, g->nwords, sizeof(uint64_t));
	if (!g->accept || !g->loop || !g->star)
		return -1;
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < nc; c++) {
			uint64_t *acc = g->accept + c * g->nwords;
			uint64_t *lp = g->loop + c * g->nwords;
			bool colon = colon_cls && c == colon_cls;

			switch ((enum tok_kind)toks[i].kind) {
			case TOK_LIT:
				if (g->cls[toks[i].ch] == c)
					set_bit(acc, i);
				break;
			case TOK_ANY1:
				set_bit(acc, i);
				break;
			case TOK_ANY1_NC:
				if (!colon)
					set_bit(acc, i);
				break;
			case TOK_STAR:
				set_bit(lp, i);
				break;
			case TOK_STAR_NC:
				if (!colon)
					set_bit(lp, i);
				break;
			}
		}
		if (toks[i].kind == TOK_STAR || toks[i].kind == TOK_STAR_NC)
			set_bit(g->star, i);
	}
	return 0;
}

/* The bytes G_SEGS needs for the middle toks[0..n), or 0 when it does not
 * fit it (a wildcard that may not cross ':', a segment too long). */
static size_t segs_size(const struct tok *t, size_t n, unsigned flags)
{
	size_t seg = 0, total = 1;  /* the 0 that ends the list */
	bool plain = !(flags & IAM_GLOB_ICASE);

	for (size_t i = 0; i <= n; i++) {
		if (i == n || t[i].kind == TOK_STAR) {
			if (seg > (plain ? SEG_MAX : SEG_SHORT))
				return 0;
			total += seg ? seg + 2 : 0;
			seg = 0;
			plain = !(flags & IAM_GLOB_ICASE);
			continue;
		}
		if (t[i].kind == TOK_STAR_NC || t[i].kind == TOK_ANY1_NC)
			return 0;
		if (t[i].kind == TOK_ANY1)
			plain = false;
		seg++;
	}
	return total;
}

static void segs_build(struct iam_glob *g, const struct tok *t, size_t n)
{
	unsigned char *out = (unsigned char *)g->lit + g->litlen + g->suflen;
	unsigned char *len = NULL;

	g->head_star = t[0].kind == TOK_STAR;
	g->tail_star = t[n - 1].kind == TOK_STAR;
	for (size_t i = 0; i < n; i++) {
		if (t[i].kind == TOK_STAR) {
			len = NULL;
			continue;
		}
		if (!len) {
			len = out;
			out += 2;
			len[0] = 0;
			len[1] = !(g->flags & IAM_GLOB_ICASE);  /* memmem */
		}
		len[0]++;
		if (t[i].kind != TOK_LIT)
			len[1] = 0;
		*out++ = t[i].kind == TOK_LIT ? t[i].ch : 0;
	}
	*out = 0;
}

struct iam_glob *iam_glob_new(const char *pat, size_t len, unsigned flags)
{
	return iam_glob_new_in(NULL, pat, len, flags);
}

struct iam_glob *iam_glob_new_in(struct iam_arena *a, const char *pat,
				 size_t len, unsigned flags)
{
	struct iam_glob *g = NULL;
	struct tok *toks;
	size_t n, nwild = 0, pre = 0, suf = 0, segs = 0;

	toks = malloc((len ? len : 1) * sizeof(*toks));
	if (!toks)
		return NULL;
	n = tokenize(pat, len, flags, toks);
	for (size_t i = 0; i < n; i++)
		if (toks[i].kind != TOK_LIT)
			nwild++;
	while (pre < n && toks[pre].kind == TOK_LIT)
		pre++;
	while (suf < n - pre && toks[n - 1 - suf].kind == TOK_LIT)
		suf++;
	if (nwild && !(flags & IAM_GLOB_NFA))
		segs = segs_size(toks + pre, n - pre - suf, flags);
	g = iam_arena_alloc(a, sizeof(*g) + pre + suf + 1 + segs);
	if (!g)
		goto fail;
	g->flags = (uint8_t)flags;
	g->in_arena = a != NULL;
	if ((flags & IAM_GLOB_RESOURCE) && note_service(a, g, pat, len) < 0)
		goto fail;
	g->litlen = pre;
	g->suflen = suf;
	for (size_t i = 0; i < pre; i++)
		g->lit[i] = (char)toks[i].ch;
	for (size_t i = 0; i < suf; i++)
		g->lit[pre + i] = (char)toks[n - suf + i].ch;
	if (nwild == 0) {
		g->kind = G_LITERAL;
	} else if (n - pre - suf == 1 && toks[pre].kind == TOK_STAR) {
		g->kind = pre + suf ? G_PRESUF : G_ANY;
	} else if (segs) {
		g->kind = G_SEGS;
		segs_build(g, toks + pre, n - pre - suf);
	} else {
		g->kind = G_NFA;
		g->nfa = iam_arena_alloc(a, sizeof(*g->nfa));
		if (!g->nfa ||
		    build_nfa(a, g->nfa, flags, toks + pre, n - pre - suf) < 0)
			goto fail;
	}
	free(toks);
	return g;
fail:
	free(toks);
	iam_glob_free(g);
	return NULL;
}

static bool bytes_eq(const struct iam_glob *g, const char *lit, const char *s,
		     size_t n)
{
	if (!(g->flags & IAM_GLOB_ICASE))
		return memcmp(lit, s, n) == 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)lit[i] != fold((unsigned char)s[i]))
			return false;
	return true;
}

/* The text is long enough, starts with the prefix and ends with the suffix. */
static bool ends_match(const struct iam_glob *g, const char *s, size_t len)
{
	return len >= g->litlen + g->suflen &&
	       bytes_eq(g, g->lit, s, g->litlen) &&
	       bytes_eq(g, g->lit + g->litlen, s + len - g->suflen, g->suflen);
}

/* One step for words > 1: shift left across words. */
static bool nfa_match_wide(const struct nfa *g, const char *s, size_t len,
			   uint64_t *d)
{
	size_t W = g->nwords, last = g->ntok;

	memset(d, 0, W * sizeof(*d));
	d[0] = 1;
	for (size_t w = 0, carry = 0; w < W; w++) {
		uint64_t e = d[w] & g->star[w];
		uint64_t nc = e >> 63;

		d[w] |= (e << 1) | carry;
		carry = nc;
	}
	for (size_t k = 0; k < len; k++) {
		size_t c = g->cls[(unsigned char)s[k]];
		const uint64_t *acc = g->accept + c * W;
		const uint64_t *lp = g->loop + c * W;
		uint64_t carry = 0, any = 0;

		for (size_t w = 0; w < W; w++) {
			uint64_t a = d[w] & acc[w];
			uint64_t nd = (a << 1) | carry | (d[w] & lp[w]);

			carry = a >> 63;
			d[w] = nd;
		}
		carry = 0;
		for (size_t w = 0; w < W; w++) {
			uint64_t e = d[w] & g->star[w];
			uint64_t nc = e >> 63;

			d[w] |= (e << 1) | carry;
			carry = nc;
			any |= d[w];
		}
		if (!any)
			return false;
	}
	return (d[last / 64] >> (last % 64)) & 1;
}

static bool nfa_match(const struct nfa *g, const char *s, size_t len)
{
	if (g->nwords == 1) {
		uint64_t d = 1, star = g->star[0];
		uint64_t fin = (uint64_t)1 << g->ntok;

		d |= (d & star) << 1;
		for (size_t k = 0; k < len; k++) {
			size_t c = g->cls[(unsigned char)s[k]];

			d = ((d & g->accept[c]) << 1) | (d & g->loop[c]);
			d |= (d & star) << 1;
			if (!d)
				return false;
		}
		return (d & fin) != 0;
	} else {
		uint64_t stackbuf[64];
		uint64_t *d = g->nwords <= 64 ? stackbuf
					      : malloc(g->nwords * sizeof(*d));
		bool r;

		if (!d)
			return false;
		r = nfa_match_wide(g, s, len, d);
		if (d != stackbuf)
			free(d);
		return r;
	}
}

/* seg (n bytes, 0 = any byte) matches s[0..n). */
static bool seg_at(const unsigned char *seg, size_t n, const char *s,
		   bool icase)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (seg[i] && seg[i] != (icase ? fold(c) : c))
			return false;
	}
	return true;
}

/* The middle s[0..len) against the segments, each at its leftmost place. */
static bool segs_match(const struct iam_glob *g, const char *s, size_t len)
{
	const unsigned char *seg =
		(const unsigned char *)g->lit + g->litlen + g->suflen;
	bool icase = g->flags & IAM_GLOB_ICASE, first = true;
	size_t pos = 0;

	while (*seg) {
		size_t n = seg[0];
		bool plain = seg[1];
		bool last;

		seg += 2;
		last = seg[n] == 0;

		if (first && !g->head_star) {
			/* anchored at the start */
			if (n > len || !seg_at(seg, n, s, icase))
				return false;
			if (last && !g->tail_star)
				return n == len;
			pos = n;
		} else if (last && !g->tail_star) {
			/* anchored at the end, after the others */
			return len - pos >= n && seg_at(seg, n, s + len - n, icase);
		} else if (plain) {
			const char *at = memmem(s + pos, len - pos, seg, n);

			if (!at)
				return false;
			pos = (size_t)(at - s) + n;
		} else {
			size_t i = pos;

			while (i + n <= len && !seg_at(seg, n, s + i, icase))
				i++;
			if (i + n > len)
				return false;
			pos = i + n;
		}
		first = false;
		seg += n;
	}
	return true;  /* the last segment was followed by a '*' */
}

bool iam_glob_match(const struct iam_glob *g, const char *s, size_t len)
{
	switch ((enum glob_kind)g->kind) {
	case G_ANY:
		return true;
	case G_LITERAL:
		return len == g->litlen && bytes_eq(g, g->lit, s, len);
	case G_PRESUF:
		return ends_match(g, s, len);
	case G_SEGS:
		return ends_match(g, s, len) &&
		       segs_match(g, s + g->litlen, len - g->litlen - g->suflen);
	case G_NFA:
		return ends_match(g, s, len) &&
		       nfa_match(g->nfa, s + g->litlen, len - g->litlen - g->suflen);
	}
	return false;
}

bool iam_glob_is_literal(const struct iam_glob *g)
{
	return g->kind == G_LITERAL;
}

bool iam_glob_is_any(const struct iam_glob *g)
{
	return g->kind == G_ANY;
}

bool iam_glob_covers_service(const struct iam_glob *g, const char *service,
			     size_t service_len)
{
	if (g->kind == G_ANY)
		return true;
	if (!g->service || !g->rest_star || g->servicelen != service_len)
		return false;
	for (size_t i = 0; i < service_len; i++)
		if (fold((unsigned char)g->service[i]) !=
		    fold((unsigned char)service[i]))
			return false;
	return true;
}

int iam_glob_match_once(const char *pat, const char *s, unsigned flags)
{
	struct iam_glob *g = iam_glob_new(pat, strlen(pat), flags);
	int r;

	if (!g)
		return -1;
	r = iam_glob_match(g, s, strlen(s));
	iam_glob_free(g);
	return r;
}

void iam_glob_free(struct iam_glob *g)
{
	if (!g || g->in_arena)
		return;
	if (g->nfa) {
		free(g->nfa->accept);
		free(g->nfa->loop);
		free(g->nfa->star);
		free(g->nfa);
	}
	free(g->service);
	free(g);
}
