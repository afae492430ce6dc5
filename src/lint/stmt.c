/* lint/stmt.c - lint: a statement's actions, resources and principals.
 *
 * Actions are looked up in the catalog (a pattern is expanded to the set
 * of actions it covers); resources are split into their fields and
 * classified by the catalog's ARN templates (lint/arn.c).  On top of
 * those come the checks that look at the statement as a whole: redundant
 * entries, iam:PassRole and iam:CreateServiceLinkedRole on wildcard
 * resources, tag condition keys that the listed actions do not support,
 * actions whose resource types no Resource can be, principals, and the
 * trust-policy and legacy-SCP rules.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/cond.h"
#include "core/error.h"
#include "core/glob.h"
#include "lint/lint.h"
#include "lint/arn.h"
#include "lint/lint_impl.h"

/* ---- small helpers ---- */

static bool has_wildcard(const char *s)
{
	return strpbrk(s, "*?") != NULL;
}

static bool is_iam_type(enum iam_policy_type t)
{
	return t == IAM_POLICY_IDENTITY || t == IAM_POLICY_BOUNDARY ||
	       t == IAM_POLICY_SESSION;
}

/* A case-insensitive '*' / '?' match of a short pattern (an action). */
static bool wild_ci(const char *p, const char *s)
{
	const char *star = NULL, *mark = NULL;

	while (*s) {
		if (*p == '?' || (*p && (*p | 32) == (*s | 32) &&
				  ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
					   ? true : *p == *s))) {
			p++;
			s++;
		} else if (*p == '*') {
			star = p++;
			mark = s;
		} else if (star) {
			p = star + 1;
			s = ++mark;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

/* Does an Action entry cover the action?  (The parser may have left the
 * glob uncompiled: IAM_PARSE_NO_GLOBS.) */
static bool action_matches(const struct iam_pattern *pt, const char *action)
{
	if (!pt->text)
		return false;
	if (pt->glob)
		return iam_glob_match(pt->glob, action, strlen(action));
	return wild_ci(pt->text, action);
}

/* Does a Resource entry match the ARN (IAM's resource semantics)? */
static bool resource_matches(const struct iam_pattern *pt, const char *arn)
{
	if (pt->glob)
		return iam_glob_match(pt->glob, arn, strlen(arn));
	if (!pt->text || pt->tmpl)
		return false;
	return iam_glob_match_once(pt->text, arn, IAM_GLOB_RESOURCE) == 1;
}

/* Has the statement a (compiled) condition on key (case-insensitive)?
 * Returns it, or NULL. */
static const struct iam_condition *cond_on(const struct iam_statement *st,
					   const char *key)
{
	for (size_t i = 0; i < st->nconds; i++)
		if (strcasecmp(st->conds[i].key, key) == 0)
			return &st->conds[i];
	return NULL;
}

/* ---- actions ---- */

struct aent {
	const char *text;
	const struct iam_glob *glob;     /* patterns only (borrowed) */
	bool literal, all, svc_wild, unknown;
	bool valid;              /* service exists */
	int svc;                 /* service id, -1 when not known */
	const uint32_t *ids;     /* catalog actions covered (borrowed) */
	size_t nids;
};

/* What an Action entry is, looked up once per text and linter. */
enum astatus { A_OK, A_NO_SERVICE, A_NO_ACTION, A_NO_MATCH, A_SVC_WILD };

struct lint_action {
	char *text;                  /* NULL: free slot */
	size_t hash;                 /* of text: compared before the text */
	enum astatus status;
	int svc;                     /* service id, -1 when not known */
	const char *prefix;          /* the service prefix, as documented */
	const char *near;            /* "did you mean" (A_NO_ACTION) */
	uint32_t *ids;               /* catalog actions covered */
	size_t nids, capids;
	struct iam_glob *glob;       /* patterns: compiled once */
};

static int collect(void *ctx, const struct iam_cat_action *a)
{
	struct lint_action *e = ctx;

	if (e->nids == e->capids) {
		size_t cap = e->capids ? e->capids * 2 : 8;
		uint32_t *v = realloc(e->ids, cap * sizeof(*v));

		if (!v)
			return 1;
		e->ids = v;
		e->capids = cap;
	}
	e->ids[e->nids++] = a->id;
	return 0;
}

void lint_action_cache_free(struct iam_lint *L)
{
	for (size_t i = 0; i < L->capacache; i++) {
		free(L->acache[i].text);
		free(L->acache[i].ids);
		iam_glob_free(L->acache[i].glob);
	}
	free(L->acache);
	L->acache = NULL;
	L->nacache = L->capacache = 0;
}

static size_t text_hash(const char *text)
{
	size_t h = 5381;

	for (const char *p = text; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h;
}

static struct lint_action *acache_slot(struct iam_lint *L, const char *text,
				       size_t hash)
{
	size_t i;

	for (i = hash & (L->capacache - 1); L->acache[i].text;
	     i = (i + 1) & (L->capacache - 1))
		if (L->acache[i].hash == hash && strcmp(L->acache[i].text, text) == 0)
			break;
	return &L->acache[i];
}

static const char *nearest_action(const struct iam_cat_service *s,
				  const char *name);

/* Look an action entry ("svc:Name", "svc:Get*") up: from the cache, else
 * in the catalog.  NULL when out of memory. */
static struct lint_action *resolve_action(struct lint_ctx *lc, const char *a)
{
	struct iam_lint *L = lc->L;
	struct lint_action *e;
	struct iam_cat_service s;
	struct iam_cat_action ca;
	struct iam_error err = IAM_ERROR_INIT;
	const char *colon = strchr(a, ':');
	char svc[128];
	size_t slen = (size_t)(colon - a), hash = text_hash(a);

	if ((L->nacache + 1) * 2 > L->capacache) {
		size_t cap = L->capacache ? L->capacache * 2 : 1024, oldcap = L->capacache;
		struct lint_action *old = L->acache, *nc = calloc(cap, sizeof(*nc));

		if (!nc)
			return NULL;
		L->acache = nc;
		L->capacache = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].text)
				*acache_slot(L, old[i].text, old[i].hash) = old[i];
		free(old);
	}
	e = acache_slot(L, a, hash);
	if (e->text)
		return e;
	memset(e, 0, sizeof(*e));
	e->svc = -1;
	e->hash = hash;
	e->text = strdup(a);
	if (!e->text)
		return NULL;
	L->nacache++;
	if (has_wildcard(a)) {
		e->glob = iam_glob_new(a, strlen(a), IAM_GLOB_ICASE);
		if (!e->glob)
			return NULL;
	}
	if (strcspn(a, "*?") < slen) {
		e->status = A_SVC_WILD;
		return e;
	}
	if (slen >= sizeof(svc))
		slen = sizeof(svc) - 1;
	memcpy(svc, a, slen);
	svc[slen] = '\0';
	if (!iam_catalog_find_service(lc->cat, svc, &s)) {
		e->status = A_NO_SERVICE;
		return e;
	}
	e->svc = (int)s.id;
	e->prefix = s.prefix;
	if (!has_wildcard(a)) {
		if (iam_catalog_find_action(lc->cat, a, &ca)) {
			if (collect(e, &ca))
				return NULL;
		} else {
			e->status = A_NO_ACTION;
			e->near = nearest_action(&s, colon + 1);
		}
		return e;
	}
	if (iam_catalog_expand(lc->cat, a, collect, e, &err) < 0)
		return NULL;
	if (!e->nids)
		e->status = A_NO_MATCH;
	return e;
}

/* Edit distance, for "did you mean" (short names only). */
static size_t distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), prev[64], cur[64];

	if (n >= 63 || m >= 63)
		return 99;
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t sub = prev[j - 1] + ((a[i - 1] | 32) != (b[j - 1] | 32));
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (m + 1) * sizeof(*prev));
	}
	return prev[m];
}

static const char *nearest_action(const struct iam_cat_service *s,
				  const char *name)
{
	struct iam_cat_action a;
	const char *best = NULL;
	size_t bestd = 3;

	for (size_t i = 0; i < s->nactions; i++) {
		size_t d;

		if (!iam_catalog_service_action(s, i, &a))
			continue;
		d = distance(name, a.name);
		if (d < bestd) {
			bestd = d;
			best = a.name;
		}
	}
	return best;
}

/* Read, look up and check every Action / NotAction entry. */
static struct aent *load_actions(struct lint_ctx *lc,
				 const struct iam_statement *st, bool legacy_scp)
{
	struct aent *e = calloc(st->nactions ? st->nactions : 1, sizeof(*e));

	if (!e) {
		lc->nomem = true;
		return NULL;
	}
	for (size_t k = 0; k < st->nactions; k++) {
		const char *a = st->actions[k].text, *colon;
		const char *p = st->actions[k].path;
		struct lint_action *la;

		e[k].text = a;
		e[k].svc = -1;
		e[k].literal = a && !has_wildcard(a);
		if (!a || st->actions[k].unknown) {
			e[k].unknown = true;
			continue;
		}
		if (strcmp(a, "*") == 0) {
			e[k].all = e[k].valid = true;
			continue;
		}
		colon = strchr(a, ':');
		if (!colon || colon == a || !colon[1])
			continue;  /* the parser reported it */
		la = resolve_action(lc, a);
		if (!la) {
			lc->nomem = true;
			continue;
		}
		e[k].glob = la->glob;
		e[k].svc = la->svc;
		e[k].ids = la->ids;
		e[k].nids = la->nids;
		if (legacy_scp && strcspn(a, "*?") < strlen(a) &&
		    (strchr(a, '?') || strchr(a, '*') != a + strlen(a) - 1))
			lint_add(lc, "SCP_SYNTAX_ERROR_ACTION_WILDCARD", p,
				 "'%s': the legacy SCP grammar takes a '*' only at the end of an action",
				 a);
		switch (la->status) {
		case A_SVC_WILD:
			e[k].svc_wild = true;
			lint_add(lc, "WILDCARD_IN_SERVICE_NAME", p,
				 "'%s' has a wildcard in its service prefix: it may also match services added later",
				 a);
			break;
		case A_NO_SERVICE:
			lint_add(lc, "INVALID_SERVICE_IN_ACTION", p,
				 "the service '%.*s' of action '%s' does not exist",
				 (int)(colon - a), a, a);
			break;
		case A_NO_ACTION:
			e[k].valid = true;
			if (la->near)
				lint_add(lc, "INVALID_ACTION", p,
					 "'%s' is not an action of service '%s': did you mean '%s:%s'?",
					 a, la->prefix, la->prefix, la->near);
			else
				lint_add(lc, "INVALID_ACTION", p,
					 "'%s' is not an action of service '%s'",
					 a, la->prefix);
			break;
		case A_NO_MATCH:
			e[k].valid = true;
			lint_add(lc, "INVALID_ACTION", p,
				 "'%s' matches no action of service '%s'", a,
				 la->prefix);
			break;
		case A_OK:
			e[k].valid = true;
			break;
		}
	}
	return e;
}

static void free_actions(struct aent *e, size_t n)
{
	if (!e)
		return;
	(void)n;
	free(e);
}

static bool subset(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t j = 0;

	for (size_t i = 0; i < na; i++) {
		while (j < nb && b[j] < a[i])
			j++;
		if (j == nb || b[j] != a[i])
			return false;
	}
	return true;
}

/* Does entry j cover everything entry i covers? */
static bool action_covers(const struct aent *e, size_t j, size_t i)
{
	const struct aent *a = &e[i], *b = &e[j];

	if (a->unknown || b->unknown || !a->text || !b->text)
		return false;
	if (b->all)
		return true;
	if (a->all)
		return false;
	if (b->svc_wild)
		return a->literal && b->glob &&
		       iam_glob_match(b->glob, a->text, strlen(a->text));
	if (a->literal && b->literal)
		return strcasecmp(a->text, b->text) == 0;
	if (a->svc != b->svc || a->svc_wild)
		return a->svc == -1 && b->svc == -1 && a->literal &&
		       strcasecmp(a->text, b->text) == 0;
	if (a->literal)
		return b->glob && iam_glob_match(b->glob, a->text, strlen(a->text));
	if (b->literal)
		return strcasecmp(a->text, b->text) == 0;
	if (!a->nids)
		return strcasecmp(a->text, b->text) == 0;
	return subset(a->ids, a->nids, b->ids, b->nids);
}

/* ---- redundant entries (actions or resources) ---- */

typedef bool (*covers_fn)(const void *ctx, size_t j, size_t i);

/* Entries are compared only within their bucket (bucket[i]; -1: compared
 * with every entry, e.g. "*"). */
struct rorder {
	const int *bucket;
	const char *const *text;
	const bool *literal;
	const uint32_t *key;     /* literals: equal keys are equal entries;
				  * 0: compare the text */
	bool icase;
};

static _Thread_local const struct rorder *order_ctx;  /* for qsort */

/* By bucket, literals before patterns, literals by text, then index. */
static int by_bucket(const void *a, const void *b)
{
	const struct rorder *o = order_ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c;

	if (o->bucket[x] != o->bucket[y])
		return o->bucket[x] < o->bucket[y] ? -1 : 1;
	if (o->literal[x] != o->literal[y])
		return o->literal[x] ? -1 : 1;
	if (o->literal[x]) {
		if (o->key && o->key[x] != o->key[y])
			return o->key[x] < o->key[y] ? -1 : 1;
		if (!o->key || !o->key[x]) {
			c = o->icase ? strcasecmp(o->text[x], o->text[y])
				     : strcmp(o->text[x], o->text[y]);
			if (c)
				return c;
		}
	}
	return (x > y) - (x < y);
}

/* Entries are compared only within their bucket (bucket[i]; -1: compared
 * with every entry, e.g. "*").  A literal entry (no wildcard) is covered
 * by an equal literal or by a pattern; a pattern only by a pattern. */
static bool same_literal(const struct rorder *o, size_t a, size_t b)
{
	if (o->key && (o->key[a] || o->key[b]))
		return o->key[a] == o->key[b];
	return (o->icase ? strcasecmp(o->text[a], o->text[b])
			 : strcmp(o->text[a], o->text[b])) == 0;
}

/* The findings of redundancy(): cov[i] is the entry that covers entry i
 * (-1: none).  Entries with the same root (the coverer nothing covers) are
 * one group, one finding: at the group's first entry, with every other
 * entry of the group as a further place, in document order (as Access
 * Analyzer lists them). */
static void redundancy_groups(struct lint_ctx *lc, size_t n, const long *cov,
			      const char *code, const struct iam_pattern *pats,
			      const char *const *text, const char *what)
{
	size_t *cnt = calloc(n, 4 * sizeof(*cnt)), *first, *longest, *root;

	if (!cnt) {
		lc->nomem = true;
		return;
	}
	first = cnt + n;
	longest = cnt + 2 * n;
	root = cnt + 3 * n;    /* n: covered by nothing */
	for (size_t i = 0; i < n; i++) {
		long k = cov[i];
		size_t steps = 0, r;

		root[i] = n;
		while (k >= 0 && cov[k] >= 0 && steps++ < n)
			k = cov[k];
		if (k < 0)
			continue;
		r = root[i] = (size_t)k;
		if (!cnt[r]++) {
			first[r] = i < r ? i : r;
			longest[r] = i;
		} else {
			if (i < first[r])
				first[r] = i;
			if (strlen(text[i]) > strlen(text[longest[r]]))
				longest[r] = i;
		}
	}
	for (size_t r = 0; r < n; r++) {
		if (!cnt[r])
			continue;
		if (!lint_add(lc, code, pats[first[r]].path,
			      "%zu %s overlap: '%s' already covers '%s'%s: remove the redundant ones",
			      cnt[r] + 1, what, text[r], text[longest[r]],
			      cnt[r] > 1 ? " and others" : ""))
			continue;
		for (size_t i = first[r] + 1; i < n; i++)
			if (i == r || root[i] == r)
				lint_also(lc, pats[i].path);
	}
	free(cnt);
}

static void redundancy(struct lint_ctx *lc, size_t n, const int *bucket,
		       const bool *literal, const uint32_t *key, bool icase,
		       covers_fn covers, const void *ctx, const char *code,
		       const struct iam_pattern *pats,
		       const char *const *text, const char *what)
{
	struct rorder o = { bucket, text, literal, key, icase };
	long *cov;
	size_t *ord, nglobal = 0;

	if (n < 2)
		return;
	cov = malloc(n * sizeof(*cov));
	ord = malloc(n * sizeof(*ord));
	if (!cov || !ord) {
		free(cov);
		free(ord);
		lc->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		ord[i] = i;
	order_ctx = &o;
	qsort(ord, n, sizeof(*ord), by_bucket);
	order_ctx = NULL;
	while (nglobal < n && bucket[ord[nglobal]] == -1)
		nglobal++;
	for (size_t oi = 0; oi < n; oi++) {
		size_t i = ord[oi], lo = oi, hi = oi, pat;

		cov[i] = -1;
		if (bucket[i] == -1) {
			for (size_t j = 0; j < n && cov[i] < 0; j++)
				if (j != i && covers(ctx, j, i) &&
				    !(j > i && covers(ctx, i, j)))
					cov[i] = (long)j;
			continue;
		}
		while (lo > nglobal && bucket[ord[lo - 1]] == bucket[i])
			lo--;
		while (hi + 1 < n && bucket[ord[hi + 1]] == bucket[i])
			hi++;
		pat = lo;
		while (pat <= hi && literal[ord[pat]])
			pat++;
		if (literal[i]) {
			/* an equal literal before it (sorted: it is adjacent) */
			if (oi > lo && literal[ord[oi - 1]] &&
			    same_literal(&o, ord[oi - 1], i)) {
				size_t f = oi - 1;

				while (f > lo && literal[ord[f - 1]] &&
				       same_literal(&o, ord[f - 1], i))
					f--;
				cov[i] = (long)ord[f];
				continue;
			}
		}
		/* candidates: the global entries, then the bucket's patterns */
		for (size_t oj = 0; oj < nglobal && cov[i] < 0; oj++) {
			size_t j = ord[oj];

			if (covers(ctx, j, i) && !(j > i && covers(ctx, i, j)))
				cov[i] = (long)j;
		}
		for (size_t oj = pat; oj <= hi && cov[i] < 0; oj++) {
			size_t j = ord[oj];

			if (j != i && covers(ctx, j, i) &&
			    !(j > i && covers(ctx, i, j)))
				cov[i] = (long)j;
		}
	}
	redundancy_groups(lc, n, cov, code, pats, text, what);
	free(ord);
	free(cov);
}

static bool action_covers_cb(const void *ctx, size_t j, size_t i)
{
	return action_covers(ctx, j, i);
}

static void redundant_actions(struct lint_ctx *lc,
			      const struct iam_statement *st,
			      const struct aent *e)
{
	const char **text;
	int *bucket;
	bool *literal;
	uint32_t *key;

	if (st->nactions < 2)
		return;
	text = calloc(st->nactions, sizeof(*text));
	bucket = calloc(st->nactions, sizeof(*bucket));
	literal = calloc(st->nactions, sizeof(*literal));
	key = calloc(st->nactions, sizeof(*key));
	if (!text || !bucket || !literal || !key) {
		lc->nomem = true;
		goto out;
	}
	for (size_t i = 0; i < st->nactions; i++) {
		text[i] = e[i].text ? e[i].text : "";
		literal[i] = e[i].literal && !e[i].unknown;
		key[i] = literal[i] && e[i].nids == 1 ? e[i].ids[0] + 1 : 0;
		bucket[i] = e[i].all || e[i].svc_wild ? -1 : e[i].svc;
		if (bucket[i] == -1 && !e[i].all && !e[i].svc_wild)
			bucket[i] = -2;  /* unknown service: among themselves */
	}
	redundancy(lc, st->nactions, bucket, literal, key, true, action_covers_cb,
		   e, "REDUNDANT_ACTION", st->actions, text, "actions");
out:
	free(text);
	free(bucket);
	free(literal);
	free(key);
}

/* ---- resources ---- */

/* Does resource pattern q cover resource pattern p (every ARN p matches,
 * q matches)?  Sound, not complete: p's wildcards must be absorbed by
 * q's.  In the first five fields a '*' crosses ':' only when it ends its
 * field, '?' never does. */
struct rtok {
	char c;
	bool colon;              /* for '*' and '?': may stand for ':' */
};

static size_t rtokens(const char *s, struct rtok *t, size_t max)
{
	size_t n = 0;
	int field = 0;

	for (const char *q = s; *q && n < max; q++) {
		t[n].c = *q;
		t[n].colon = false;
		if (*q == '*')
			t[n].colon = field >= 5 || q[1] == ':' || q[1] == '\0';
		else if (*q == '?')
			t[n].colon = field >= 5;
		if (*q == ':' && field < 5)
			field++;
		n++;
	}
	return n;
}

static bool covers_dp(const struct rtok *q, size_t m, const struct rtok *p,
		      size_t n, size_t qi, size_t pi, unsigned char *memo)
{
	unsigned char *cell = &memo[qi * (n + 1) + pi];
	bool r;

	if (*cell)
		return *cell == 2;
	if (qi == m) {
		r = pi == n;
	} else if (q[qi].c == '*') {
		r = covers_dp(q, m, p, n, qi + 1, pi, memo);
		if (!r && pi < n) {
			bool ok = p[pi].c == '*' || p[pi].c == '?'
					  ? !p[pi].colon || q[qi].colon
					  : p[pi].c != ':' || q[qi].colon;

			r = ok && covers_dp(q, m, p, n, qi, pi + 1, memo);
		}
	} else if (pi == n) {
		r = false;
	} else if (q[qi].c == '?') {
		r = p[pi].c != '*' &&
		    (p[pi].c == '?' ? !p[pi].colon || q[qi].colon
				    : p[pi].c != ':' || q[qi].colon) &&
		    covers_dp(q, m, p, n, qi + 1, pi + 1, memo);
	} else {
		r = p[pi].c == q[qi].c && covers_dp(q, m, p, n, qi + 1, pi + 1, memo);
	}
	*cell = r ? 2 : 1;
	return r;
}

static bool pattern_covers(const char *q, const char *p)
{
	struct rtok qt[256], pt[256];
	size_t ql = strlen(q), pl = strlen(p), m, n, qs = ql;
	unsigned char stack[4096], *memo = stack;
	bool r;

	if (ql > 255 || pl > 255)
		return false;
	/* "prefix*" with the '*' in the resource part covers whatever
	 * starts with the prefix (the caller checked that p does) */
	if (strcspn(q, "*?") == ql - 1 && q[ql - 1] == '*') {
		int colons = 0;

		for (const char *c = q; *c; c++)
			colons += *c == ':';
		if (colons >= 5)
			return strncmp(p, q, ql - 1) == 0;
	}
	/* q's literal runs must appear in p's text, in order (instantiate
	 * p's wildcards with a character q has not: q must still match) */
	{
		const char *qp = q, *pp = p;

		while (*qp) {
			size_t run;
			const char *hit;
			char seg[256];

			while (*qp == '*' || *qp == '?')
				qp++;
			run = strcspn(qp, "*?");
			if (!run)
				break;
			memcpy(seg, qp, run);
			seg[run] = '\0';
			hit = strstr(pp, seg);
			if (!hit)
				return false;
			pp = hit + run;
			qp += run;
		}
	}
	/* q's literal suffix must end p, as literal text */
	while (qs > 0 && q[qs - 1] != '*' && q[qs - 1] != '?')
		qs--;
	if (ql - qs > pl || strcmp(p + pl - (ql - qs), q + qs) != 0 ||
	    strcspn(p + pl - (ql - qs), "*?") < ql - qs)
		return false;
	m = rtokens(q, qt, 256);
	n = rtokens(p, pt, 256);
	if ((m + 1) * (n + 1) > sizeof(stack)) {
		memo = calloc((m + 1) * (n + 1), 1);
		if (!memo)
			return false;
	} else {
		memset(stack, 0, (m + 1) * (n + 1));
	}
	r = covers_dp(qt, m, pt, n, 0, 0, memo);
	if (memo != stack)
		free(memo);
	return r;
}

struct rent {
	const char *text;
	const struct iam_glob *glob;     /* patterns only */
	struct iam_glob *own;
	bool unknown, star, vars;
	size_t prefix;           /* length before the first wildcard */
};

static bool resource_covers(const void *ctx, size_t j, size_t i)
{
	const struct rent *e = ctx, *a = &e[i], *b = &e[j];

	if (a->unknown || b->unknown)
		return false;
	if (b->star)
		return true;
	if (a->star)
		return false;
	if (a->vars || b->vars)
		return strcmp(a->text, b->text) == 0;
	if (strncmp(a->text, b->text, b->prefix) != 0)
		return false;
	if (!has_wildcard(a->text)) {
		if (!has_wildcard(b->text))
			return strcmp(a->text, b->text) == 0;
		if (!b->glob) {
			/* compiled on first need (the array is ours) */
			struct rent *mb = (struct rent *)b;

			mb->glob = mb->own = iam_glob_new(b->text, strlen(b->text),
							  IAM_GLOB_RESOURCE);
			if (!b->glob)
				return false;
		}
		return iam_glob_match(b->glob, a->text, strlen(a->text));
	}
	return pattern_covers(b->text, a->text);
}

/* The ARN service field of a resource, as a bucket number (a hash). */
static int arn_bucket(const char *s)
{
	struct iam_arn_parts p;
	unsigned h = 5381;

	if (strcmp(s, "*") == 0 || iam_arn_split(s, &p) < 3 ||
	    strcspn(p.f[2], "*?") < p.len[2])
		return -1;
	for (size_t i = 0; i < p.len[2]; i++)
		h = h * 33 + (unsigned char)p.f[2][i];
	return (int)(h & 0x3fffffff);
}

static void redundant_resources(struct lint_ctx *lc,
				const struct iam_statement *st)
{
	size_t n = st->nresources;
	struct rent *e;
	const char **text;
	int *bucket;
	bool *literal;

	if (n < 2)
		return;
	e = calloc(n, sizeof(*e));
	text = calloc(n, sizeof(*text));
	bucket = calloc(n, sizeof(*bucket));
	literal = calloc(n, sizeof(*literal));
	if (!e || !text || !bucket || !literal) {
		lc->nomem = true;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *t = st->resources[i].text ? st->resources[i].text : "";

		e[i].text = text[i] = t;
		e[i].glob = st->resources[i].glob;
		e[i].unknown = st->resources[i].unknown;
		e[i].star = strcmp(t, "*") == 0;
		e[i].vars = strstr(t, "${") != NULL;
		e[i].prefix = strcspn(t, "*?");
		bucket[i] = arn_bucket(t);
		literal[i] = !e[i].unknown && !e[i].star && !has_wildcard(t);
	}
	redundancy(lc, n, bucket, literal, NULL, false, resource_covers, e,
		   "REDUNDANT_RESOURCE", st->resources, text, "resources");
out:
	for (size_t i = 0; e && i < n; i++)
		iam_glob_free(e[i].own);
	free(e);
	free(text);
	free(bucket);
	free(literal);
}

static bool wild_or_var(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '*' || s[i] == '?' || (s[i] == '$' && i + 1 < n &&
						   s[i + 1] == '{'))
			return true;
	return false;
}

static const char *const partitions[] = {
	"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
	"aws-iso-f", "aws-eusc", NULL
};

/* The service a resource policy attached to a CloudFormation resource
 * governs, or NULL when any. */
static const char *attached_service(const char *type)
{
	static const struct {
		const char *type, *svc;
	} m[] = {
		{ "AWS::S3::BucketPolicy", "s3" },
		{ "AWS::S3::AccessPoint", "s3" },
		{ "AWS::SQS::QueuePolicy", "sqs" },
		{ "AWS::SNS::TopicPolicy", "sns" },
		{ "AWS::KMS::Key", "kms" },
		{ "AWS::SecretsManager::ResourcePolicy", "secretsmanager" },
		{ "AWS::ECR::Repository", "ecr" },
		{ "AWS::EFS::FileSystem", "elasticfilesystem" },
		{ "AWS::Backup::BackupVault", "backup" },
		{ "AWS::OpenSearchService::Domain", "es" },
		{ "AWS::Elasticsearch::Domain", "es" },
		{ "AWS::IAM::Role", "sts" },
	};

	for (size_t i = 0; type && i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(m[i].type, type) == 0)
			return m[i].svc;
	return NULL;
}

/* ARNs of resources that AWS owns have no account: SSM documents and
 * public parameters ("document/AWS-RunShellScript",
 * "parameter/aws/service/..."), AWS-named views and the like. */
static bool aws_owned(const struct iam_arn_parts *p)
{
	const char *r = p->f[5], *slash = memchr(r, '/', p->len[5]);
	size_t n;

	if (!slash)
		return false;
	slash++;
	n = p->len[5] - (size_t)(slash - r);
	return (n >= 3 && strncasecmp(slash, "aws", 3) == 0) ||
	       (n >= 6 && strncmp(slash, "Amazon", 6) == 0);
}

static void check_resource(struct lint_ctx *lc, const struct iam_pattern *pt,
			   bool not_resource)
{
	const char *r = pt->text, *p = pt->path;
	struct iam_arn_index *ix;
	struct iam_arn_parts parts;
	struct iam_arn_verdict v;
	const char *asvc;
	bool ci;
	int nf;

	if (!r || pt->unknown || strcmp(r, "*") == 0)
		return;
	if (lc->version != IAM_VERSION_2012 && strstr(r, "${"))
		lint_add(lc, "VARIABLE_UNSUPPORTED_IN_VERSION", p,
			 "'%s' holds a policy variable but the policy's Version is not 2012-10-17: it is plain text",
			 r);
	if (strncmp(r, "arn:", 4) != 0) {
		lint_add(lc, "INVALID_ARN_PREFIX", p,
			 "'%s' is not '*' and does not start with 'arn:'", r);
		return;
	}
	nf = iam_arn_split(r, &parts);
	if (nf < 6) {
		lint_add(lc, "MISSING_ARN_FIELD", p,
			 "'%s' has %d fields: an ARN is arn:partition:service:region:account:resource",
			 r, nf);
		return;
	}
	if (parts.len[1] && !wild_or_var(parts.f[1], parts.len[1])) {
		size_t i;

		for (i = 0; partitions[i]; i++)
			if (strlen(partitions[i]) == parts.len[1] &&
			    memcmp(partitions[i], parts.f[1], parts.len[1]) == 0)
				break;
		if (!partitions[i])
			lint_add(lc, "INVALID_PARTITION", p,
				 "'%.*s' in '%s' is not a partition: use aws, aws-cn, aws-us-gov, ...",
				 (int)parts.len[1], parts.f[1], r);
	}
	if (wild_or_var(parts.f[2], parts.len[2])) {
		lint_add(lc, "WILDCARD_IN_SERVICE_NAME", p,
			 "'%s' has a wildcard in its service field: it may match other services",
			 r);
		return;
	}
	if (lc->site && lc->site->attached_to && !not_resource) {
		const char *want = attached_service(lc->site->attached_to);

		if (want && strcmp(want, "sts") != 0 &&
		    (strlen(want) != parts.len[2] ||
		     memcmp(want, parts.f[2], parts.len[2]) != 0))
			lint_add(lc, "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", p,
				 "'%s' is not a resource of '%s': a policy attached to %s governs only its own service",
				 r, want, lc->site->attached_to);
	}
	ix = lint_arn(lc);
	if (!ix)
		return;
	asvc = parts.f[2];
	if (!iam_arn_service_known(ix, asvc, parts.len[2], &ci)) {
		if (ci)
			lint_add(lc, "INVALID_ARN_SERVICE_CASE", p,
				 "the service '%.*s' in '%s' must be written in lowercase",
				 (int)parts.len[2], asvc, r);
		else
			lint_add(lc, "INVALID_SERVICE", p,
				 "the service '%.*s' of resource '%s' does not exist",
				 (int)parts.len[2], asvc, r);
		return;
	}
	if (iam_arn_classify(ix, &parts, &v) < 0) {
		lc->nomem = true;
		return;
	}
	if (!v.ntypes)
		return;  /* a service whose ARNs the catalog does not describe */
	if (!v.ncand) {
		lint_add(lc, "INVALID_ARN_RESOURCE", p,
			 "the resource part '%.*s' of '%s' matches no resource type of '%.*s'",
			 (int)parts.len[5], parts.f[5], r, (int)parts.len[2], asvc);
		return;
	}
	if (!v.exact)
		return;  /* only "maybe": judge the fields on certain matches */
	if (!parts.len[3]) {
		if (v.region_required)
			lint_add(lc, "MISSING_ARN_REGION", p,
				 "'%s' has no Region, but %s ARNs of service '%.*s' have one: give a Region or '*'",
				 r, v.type, (int)parts.len[2], asvc);
	} else if (!wild_or_var(parts.f[3], parts.len[3])) {
		if (v.region_empty)
			lint_add(lc, "ARN_REGION_NOT_ALLOWED", p,
				 "'%s' has a Region, but the ARNs of service '%.*s' have none: leave the field empty",
				 r, (int)parts.len[2], asvc);
		else if (!lint_region_like(parts.f[3], parts.len[3]))
			lint_add(lc, "INVALID_ARN_REGION", p,
				 "'%.*s' in '%s' is not a Region", (int)parts.len[3],
				 parts.f[3], r);
	}
	if (!parts.len[4]) {
		if (v.account_required && parts.len[3] &&
		    !wild_or_var(parts.f[3], parts.len[3]) && !aws_owned(&parts))
			lint_add(lc, "MISSING_ARN_ACCOUNT", p,
				 "'%s' has no account ID, but %s ARNs of service '%.*s' have one: give the account or '*'",
				 r, v.type, (int)parts.len[2], asvc);
	} else if (!wild_or_var(parts.f[4], parts.len[4])) {
		bool digits = parts.len[4] == 12;

		for (size_t i = 0; digits && i < 12; i++)
			digits = parts.f[4][i] >= '0' && parts.f[4][i] <= '9';
		if (v.account_empty)
			lint_add(lc, "ARN_ACCOUNT_NOT_ALLOWED", p,
				 "'%s' has an account ID, but the ARNs of service '%.*s' have none: leave the field empty",
				 r, (int)parts.len[2], asvc);
		else if (!digits && !(parts.len[4] == 3 &&
				      memcmp(parts.f[4], "aws", 3) == 0) &&
			 !(v.account_literal &&
				      strncmp(v.account_literal, parts.f[4],
					      parts.len[4]) == 0 &&
				      v.account_literal[parts.len[4]] == ':'))
			lint_add(lc, "INVALID_ARN_ACCOUNT", p,
				 "'%.*s' in '%s' is not a 12-digit account ID",
				 (int)parts.len[4], parts.f[4], r);
	}
}

/* ---- iam:PassRole and iam:CreateServiceLinkedRole ---- */

struct sensitive {
	const char *action;      /* "iam:PassRole" */
	const char *prefix;      /* "PASS_ROLE" */
	const char *key;         /* the condition key that narrows it */
	const char *probe[2];    /* ARNs any broad resource matches */
	const char *what;
};

static const struct sensitive pass_role = {
	"iam:PassRole", "PASS_ROLE", "iam:PassedToService",
	{ "arn:aws:iam::111122223333:role/zq7-unrelated-role",
	  "arn:aws:iam::111122223333:role/service-role/zq7/other" },
	"pass any role to any service"
};

static const struct sensitive create_slr = {
	"iam:CreateServiceLinkedRole", "CREATE_SLR", "iam:AWSServiceName",
	{ "arn:aws:iam::111122223333:role/aws-service-role/zq7.amazonaws.com/AWSServiceRoleForZq7",
	  "arn:aws:iam::111122223333:role/aws-service-role/qq9.amazonaws.com/AWSServiceRoleForQq9" },
	"create service-linked roles for any service"
};

/* A condition that narrows the action: the key with an operator that is
 * not negated, and no value that starts with a wildcard ("*a4b.amazonaws.com"
 * names no service; "ec2.amazonaws.com*" does).  IfExists does not widen
 * it: IAM always puts iam:PassedToService and iam:AWSServiceName in the
 * request context of these two actions. */
static bool narrowed(const struct iam_statement *st, const char *key)
{
	for (size_t i = 0; i < st->nconds; i++) {
		const struct iam_condition *c = &st->conds[i];
		bool wild = false;

		if (strcasecmp(c->key, key) != 0 || iam_cond_op_info(c->op.op)->negated ||
		    c->op.op == IAM_OP_NULL)
			continue;
		for (size_t k = 0; k < c->nvalues; k++)
			if (c->values[k].text && (c->values[k].text[0] == '*' ||
						  c->values[k].text[0] == '?'))
				wild = true;
		if (!wild)
			return true;
	}
	return false;
}

static void sensitive_action(struct lint_ctx *lc, const struct sensitive *S,
			     const struct iam_statement *st)
{
	char ap[LINT_PATH_MAX], rp[LINT_PATH_MAX], code[96];
	const char *star_action = NULL;
	bool exact = false, covered = false, broad = false;

	if (!st->nactions || !st->has_resource || !st->nresources)
		return;
	if (st->not_action) {
		for (size_t k = 0; k < st->nactions; k++)
			if (st->actions[k].unknown ||
			    action_matches(&st->actions[k], S->action))
				return;
		lint_elem_path(ap, st->path, "NotAction");
		covered = true;
	} else {
		for (size_t k = 0; k < st->nactions && !exact; k++) {
			const char *t = st->actions[k].text;

			if (!action_matches(&st->actions[k], S->action))
				continue;
			if (!has_wildcard(t)) {
				exact = true;
				iam_strlcpy_tail(ap, st->actions[k].path, sizeof(ap));
			} else if (!star_action) {
				star_action = t;
				iam_strlcpy_tail(ap, st->actions[k].path, sizeof(ap));
			}
			covered = true;
		}
	}
	if (!covered || narrowed(st, S->key))
		return;
	if (st->not_resource) {
		for (size_t k = 0; k < st->nresources; k++) {
			const struct iam_pattern *r = &st->resources[k];

			if (r->unknown || resource_matches(r, S->probe[0]))
				return;
		}
		lint_elem_path(rp, st->path, "NotResource");
		broad = true;
	} else {
		for (size_t k = 0; k < st->nresources && !broad; k++) {
			const struct iam_pattern *r = &st->resources[k];

			if (!r->text || r->unknown)
				continue;
			if (strcmp(r->text, "*") == 0 ||
			    (resource_matches(r, S->probe[0]) &&
			     resource_matches(r, S->probe[1]))) {
				broad = true;
				iam_strlcpy_tail(rp, r->path, sizeof(rp));
			}
		}
	}
	if (!broad)
		return;
	if (st->not_action && st->not_resource)
		snprintf(code, sizeof(code), "%s_WITH_NOT_ACTION_AND_NOT_RESOURCE", S->prefix);
	else if (st->not_action)
		snprintf(code, sizeof(code), "%s_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", S->prefix);
	else if (st->not_resource)
		snprintf(code, sizeof(code), exact ? "%s_WITH_NOT_RESOURCE"
						   : "%s_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
			 S->prefix);
	else
		snprintf(code, sizeof(code), exact ? "%s_WITH_STAR_IN_RESOURCE"
						   : "%s_WITH_STAR_IN_ACTION_AND_RESOURCE",
			 S->prefix);
	{
		char what[160];

		if (st->not_action)
			snprintf(what, sizeof(what),
				 "NotAction (which leaves %s allowed)", S->action);
		else if (exact)
			snprintf(what, sizeof(what), "'%s'", S->action);
		else
			snprintf(what, sizeof(what), "'%s' (which covers %s)",
				 star_action ? star_action : "*", S->action);
		/* the action entry, then the resource entry (Access Analyzer's
		 * two places) */
		if (lint_add(lc, code, ap,
			     "%s on %s lets the principal %s: list the resource ARNs or add an %s condition",
			     what, st->not_resource ? "NotResource" : "a wildcard resource",
			     S->what, S->key))
			lint_also(lc, rp);
	}
}

/* ---- tag condition keys the actions do not support ---- */

/* What a condition on a key that is never present does to an Allow or a
 * Deny, in the words of a finding. */
static const char *unsupported_key_effect(const struct iam_condition *cd, bool allow)
{
	if (iam_condition_eval(cd, NULL))
		return allow ? "with the key absent the condition holds, so this statement allows them unconditionally; move them to a statement without the condition"
			     : "with the key absent the condition holds, so this statement denies them unconditionally; move them to a statement without the condition if that is not meant";
	return allow ? "this statement never allows them; move them to a statement without it"
		     : "this statement never denies them; move them to a statement without it";
}

/* Does k name one of the global tag keys?  Access Analyzer counts an
 * action as supporting tag-based control when it takes any of them. */
static bool key_in(const char *tmpl, const char *k)
{
	(void)tmpl;
	return k && (strcasecmp(k, "aws:ResourceTag/${TagKey}") == 0 ||
		     strcasecmp(k, "aws:RequestTag/${TagKey}") == 0 ||
		     strcasecmp(k, "aws:TagKeys") == 0);
}

static bool action_supports(const struct iam_catalog *cat, uint32_t id,
			    const char *tmpl)
{
	struct iam_cat_action a;
	struct iam_cat_service s;

	if (!iam_catalog_action_at(cat, id, &a))
		return true;
	for (size_t i = 0; i < a.nkeys; i++)
		if (key_in(tmpl, iam_catalog_action_key(&a, i)))
			return true;
	if (!iam_catalog_find_service(cat, a.service, &s))
		return true;
	for (size_t i = 0; i < a.nresources; i++) {
		struct iam_cat_resource r, t;

		if (!iam_catalog_action_resource(&a, i, &r))
			continue;
		for (size_t k = 0; k < r.nkeys; k++)
			if (key_in(tmpl, iam_catalog_resource_key(&r, k)))
				return true;
		if (!iam_catalog_find_resource_type(&s, r.type, &t))
			continue;
		for (size_t k = 0; k < t.nkeys; k++)
			if (key_in(tmpl, iam_catalog_resource_key(&t, k)))
				return true;
	}
	return false;
}

/* Does no action of the entry support the tag key? */
static bool tag_unsupported(struct lint_ctx *lc, const struct aent *ej,
			    const char *tmpl)
{
	for (size_t i = 0; i < ej->nids; i++)
		if (action_supports(lc->cat, ej->ids[i], tmpl))
			return false;
	return true;
}

/* The action entries of the service of entry k (its first) that do not
 * support the tag key of condition cd: one finding, at the first of them,
 * with the others and the condition key as further places (Access
 * Analyzer's). */
static void tag_key_service(struct lint_ctx *lc, const struct iam_statement *st,
			    const struct aent *e, const struct iam_condition *cd,
			    const char *tmpl, size_t k, bool allow)
{
	size_t count = 0, first = k;
	const char *svc = NULL;
	bool *bad = calloc(st->nactions, sizeof(*bad));
	struct iam_cat_service s;

	if (!bad) {
		lc->nomem = true;
		return;
	}
	for (size_t j = k; j < st->nactions; j++) {
		if (e[j].svc != e[k].svc || !e[j].nids || e[j].all ||
		    !tag_unsupported(lc, &e[j], tmpl))
			continue;
		bad[j] = true;
		if (!count++)
			first = j;
	}
	if (count && iam_catalog_service_at(lc->cat, (size_t)e[k].svc, &s))
		svc = s.prefix;
	/* For these actions the key is never in the request: what the
	 * condition does then is what the engine decides with the key absent
	 * (a negated or ...IfExists operator holds, so the statement applies
	 * to them unconditionally). */
	if (count &&
	    lint_add(lc, allow ? "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
			       : "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
		     st->actions[first].path,
		     "%zu action%s of service '%s' (first '%s') %s not support the condition key '%s': %s",
		     count, count == 1 ? "" : "s", svc ? svc : "?",
		     e[first].text, count == 1 ? "does" : "do", cd->key,
		     unsupported_key_effect(cd, allow))) {
		for (size_t j = first + 1; j < st->nactions; j++)
			if (bad[j])
				lint_also(lc, st->actions[j].path);
		lint_also(lc, cd->path);
	}
	free(bad);
}

static void tag_keys(struct lint_ctx *lc, const struct iam_statement *st,
		     const struct aent *e, bool allow)
{

	for (size_t c = 0; c < st->nconds; c++) {
		const struct iam_condition *cd = &st->conds[c];
		const char *tmpl;
		bool dup = false;

		/* aws:ResourceTag only, as Access Analyzer: aws:RequestTag and
		 * aws:TagKeys are absent from requests that create or tag
		 * nothing, which is what the Condition is for */
		if (strncmp(cd->key_lc, "aws:resourcetag/", 16) == 0 &&
		    cd->op.op != IAM_OP_NULL)
			tmpl = "aws:ResourceTag/${TagKey}";
		else
			continue;
		for (size_t k = 0; k < c; k++)
			if (strcmp(st->conds[k].key_lc, cd->key_lc) == 0)
				dup = true;
		if (dup)
			continue;
		if (st->not_action) {
			lint_add(lc, allow ? "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
					   : "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
				 cd->path,
				 allow ? "with NotAction, the condition key '%s' lets this statement allow only the actions that support it: list the actions instead"
				       : "with NotAction, the condition key '%s' keeps this statement from denying the actions that do not support it: list the actions instead",
				 cd->key);
			continue;
		}
		/* per service: the entries none of whose actions support it */
		for (size_t k = 0; k < st->nactions; k++) {
			bool seen = false;

			if (e[k].all || e[k].unknown || e[k].svc < 0 || !e[k].nids)
				continue;
			for (size_t j = 0; j < k; j++)
				if (e[j].svc == e[k].svc && e[j].nids && !e[j].all)
					seen = true;
			if (!seen)  /* else the service was done */
				tag_key_service(lc, st, e, cd, tmpl, k, allow);
		}
	}
}

/* ---- actions whose resource types no Resource can be ---- */

static void resource_mismatch(struct lint_ctx *lc,
			      const struct iam_statement *st,
			      const struct aent *e)
{
	struct iam_arn_parts *parts;
	struct iam_arn_index *ix;

	if (st->not_action || st->not_resource || !st->nresources)
		return;
	for (size_t k = 0; k < st->nresources; k++) {
		const char *r = st->resources[k].text;

		if (!r || st->resources[k].unknown || strncmp(r, "arn:", 4) != 0 ||
		    strchr(r, '*') == r)
			return;  /* "*", unknown, or reported elsewhere */
	}
	ix = lint_arn(lc);
	if (!ix)
		return;
	parts = calloc(st->nresources, sizeof(*parts));
	if (!parts) {
		lc->nomem = true;
		return;
	}
	for (size_t k = 0; k < st->nresources; k++)
		if (iam_arn_split(st->resources[k].text, &parts[k]) < 6 ||
		    wild_or_var(parts[k].f[2], parts[k].len[2]))
			goto out;
	for (size_t k = 0; k < st->nactions; k++) {
		struct iam_cat_action a;
		struct iam_cat_resource r;
		bool ok = false;

		if (!e[k].literal || e[k].nids != 1 ||
		    !iam_catalog_action_at(lc->cat, e[k].ids[0], &a))
			continue;
		if (!a.nresources)
			continue;  /* takes "*": judged by IAM, not by its ARN */
		for (size_t i = 0; i < a.nresources && !ok; i++) {
			if (!iam_catalog_action_resource(&a, i, &r))
				continue;
			for (size_t j = 0; j < st->nresources && !ok; j++)
				ok = iam_arn_match_type(ix, &parts[j], &r) != IAM_ARN_NO;
		}
		if (ok || !iam_catalog_action_resource(&a, 0, &r))
			continue;
		lint_add(lc, "ACTION_RESOURCE_MISMATCH", st->actions[k].path,
			 "no Resource of the statement can be a resource of '%s:%s' (%s: %s%s): the statement never grants it",
			 a.service, a.name, r.type, r.arn,
			 a.nresources > 1 ? ", ..." : "");
	}
out:
	free(parts);
}

/* ---- principals ---- */

/* Is the entry of this kind?  (One under a key that is no principal type
 * is of none.) */
static bool kind_is(const struct iam_principal_entry *p,
		    enum iam_principal_kind k)
{
	return !p->bad_key && p->kind == k;
}

static bool service_principal_ok(const char *s)
{
	static const char *const suffix[] = { ".amazonaws.com", ".amazon.com",
					      ".amazonaws.com.cn", NULL };
	size_t n = strlen(s);

	for (const char *q = s; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		      *q == '-' || *q == '.'))
			return false;
	for (size_t i = 0; suffix[i]; i++) {
		size_t m = strlen(suffix[i]);

		if (n > m && strcmp(s + n - m, suffix[i]) == 0)
			return true;
	}
	return false;
}

static bool is_saml(const char *v)
{
	return strncmp(v, "arn:", 4) == 0 && strstr(v, ":saml-provider/");
}

/* The host/path an OIDC principal's condition keys start with, or NULL. */
static const char *oidc_provider(const char *v)
{
	const char *p;

	if (is_saml(v))
		return NULL;
	if (strncmp(v, "arn:", 4) == 0)
		return (p = strstr(v, ":oidc-provider/")) ? p + 15 : NULL;
	return v;
}

static bool actions_cover(const struct iam_statement *st, const char *action)
{
	if (st->not_action) {
		for (size_t k = 0; k < st->nactions; k++)
			if (action_matches(&st->actions[k], action))
				return false;
		return true;
	}
	for (size_t k = 0; k < st->nactions; k++)
		if (action_matches(&st->actions[k], action))
			return true;
	return false;
}

static bool any_unknown_action(const struct iam_statement *st)
{
	for (size_t k = 0; k < st->nactions; k++)
		if (st->actions[k].unknown)
			return true;
	return false;
}

static void principals(struct lint_ctx *lc, const struct iam_statement *st,
		       int effect)
{
	const struct iam_principal_entry *p = st->principals;
	size_t n = st->nprincipals;
	bool trust = lc->type == IAM_POLICY_TRUST;
	bool all_service = n > 0, any_service = false;
	char ep[LINT_PATH_MAX];

	if (!st->principal_listed)
		return;
	lint_elem_path(ep, st->path, st->not_principal ? "NotPrincipal" : "Principal");
	if (effect == 1 && st->not_principal)
		lint_add(lc, "ALLOW_WITH_NOT_PRINCIPAL", ep,
			 "Allow with NotPrincipal allows everyone who is not listed, anonymous users included: list the principals in Principal");
	for (size_t i = 0; i < n; i++) {
		const char *v = p[i].value;

		if (p[i].unknown) {
			all_service = false;
			continue;
		}
		if (kind_is(&p[i], IAM_PRINCIPAL_SERVICE)) {
			any_service = true;
			if (strcmp(v, "*") != 0 && !service_principal_ok(v))
				lint_add(lc, "INVALID_SERVICE_PRINCIPAL_FORMAT", p[i].path,
					 "'%s' is not a service principal: use service.amazonaws.com in lowercase",
					 v);
		} else {
			all_service = false;
		}
		if (kind_is(&p[i], IAM_PRINCIPAL_FEDERATED)) {
			if (!trust)
				lint_add(lc, "FEDERATED_PRINCIPAL_NOT_SUPPORTED", p[i].path,
					 "a %s policy cannot name the federated principal '%s': only role trust policies can",
					 iam_policy_type_name(lc->type), v);
			else if (strncmp(v, "arn:", 4) == 0
					 ? !strstr(v, ":saml-provider/") &&
						   !strstr(v, ":oidc-provider/")
					 : (!strchr(v, '.') || strchr(v, '/') ||
					    strchr(v, ':') || strchr(v, '*')))
				lint_add(lc, "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
					 p[i].path,
					 "'%s' is neither a domain name (accounts.google.com) nor a SAML or OIDC provider ARN",
					 v);
		}
		if (kind_is(&p[i], IAM_PRINCIPAL_AWS) && strstr(v, ":assumed-role/")) {
			/* arn:aws:sts::ACCOUNT:assumed-role/R/S next to role/R */
			const char *ar = strstr(v, ":assumed-role/") + 14;
			const char *slash = strchr(ar, '/');
			const char *acct_end = strstr(v, ":assumed-role/");
			const char *acct = acct_end;

			while (acct > v && acct[-1] != ':')
				acct--;
			for (size_t k = 0; slash && k < n; k++) {
				const char *w = p[k].value, *wr;

				if (k == i || !kind_is(&p[k], IAM_PRINCIPAL_AWS) ||
				    !(wr = strstr(w, ":role/")))
					continue;
				wr += 6;
				if (strlen(wr) == (size_t)(slash - ar) &&
				    strncmp(wr, ar, (size_t)(slash - ar)) == 0 &&
				    strstr(w, ":iam::") &&
				    strncmp(strstr(w, ":iam::") + 6, acct,
					    (size_t)(acct_end - acct)) == 0) {
					lint_add(lc, "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
						 p[i].path,
						 "the assumed-role principal '%s' is redundant with its role '%s': remove it",
						 v, w);
					break;
				}
			}
		}
	}
	if (effect == 1 && any_service && lc->type == IAM_POLICY_RESOURCE &&
	    !st->not_principal) {
		static const char *const source[] = {
			"aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID",
			"aws:SourceOrgPaths", "aws:SourceOwner", NULL
		};
		bool restricted = false;

		for (size_t i = 0; source[i]; i++)
			if (cond_on(st, source[i]))
				restricted = true;
		for (size_t i = 0; !restricted && i < n; i++) {
			if (!kind_is(&p[i], IAM_PRINCIPAL_SERVICE))
				continue;
			if (st->nconds)
				lint_add(lc, "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
					 p[i].path,
					 "to restrict '%s' acting on your behalf, use aws:SourceArn or aws:SourceAccount rather than '%s'",
					 p[i].value, st->conds[0].key);
			else
				lint_add(lc, "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
					 p[i].path,
					 "'%s' is allowed for any source: add an aws:SourceArn or aws:SourceAccount condition (confused deputy)",
					 p[i].value);
			break;
		}
	}
	if (all_service && n) {
		static const char *const principal_keys[] = {
			"aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
			"aws:PrincipalAccount", "aws:PrincipalArn",
			"aws:username", NULL
		};

		for (size_t c = 0; c < st->nconds; c++) {
			const struct iam_condition *cd = &st->conds[c];
			bool bad = strncmp(cd->key_lc, "aws:principaltag/", 17) == 0;

			for (size_t i = 0; !bad && principal_keys[i]; i++)
				bad = strcasecmp(cd->key, principal_keys[i]) == 0;
			if (bad && cd->op.op != IAM_OP_NULL)
				lint_add(lc, "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
					 cd->path,
					 "requests of a service principal carry no '%s': the condition never holds for '%s'",
					 cd->key, p[0].value);
		}
	}
	if (trust && effect == 1 && !any_unknown_action(st)) {
		bool fed = false, saml = false, oidc = false, other = false;

		for (size_t i = 0; i < n; i++) {
			if (p[i].unknown)
				continue;
			if (kind_is(&p[i], IAM_PRINCIPAL_FEDERATED)) {
				fed = true;
				if (is_saml(p[i].value))
					saml = true;
				else
					oidc = true;
			} else {
				other = true;
			}
			if (kind_is(&p[i], IAM_PRINCIPAL_SERVICE) &&
			    strcmp(p[i].value, "rolesanywhere.amazonaws.com") == 0 &&
			    (!actions_cover(st, "sts:AssumeRole") ||
			     !actions_cover(st, "sts:SetSourceIdentity") ||
			     !actions_cover(st, "sts:TagSession")))
				lint_add(lc, "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
					 p[i].path,
					 "rolesanywhere.amazonaws.com needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession: add the missing ones");
			if (kind_is(&p[i], IAM_PRINCIPAL_FEDERATED) &&
			    oidc_provider(p[i].value)) {
				const char *prov = oidc_provider(p[i].value);
				size_t pl = strlen(prov);
				bool keyed = false, gh = strcmp(prov, "token.actions.githubusercontent.com") == 0;
				const struct iam_condition *sub = NULL;

				for (size_t c = 0; c < st->nconds; c++) {
					const char *k = st->conds[c].key;

					if (strncasecmp(k, prov, pl) == 0 && k[pl] == ':') {
						keyed = true;
						if (strcasecmp(k + pl + 1, "sub") == 0)
							sub = &st->conds[c];
					}
				}
				if (gh && !sub)
					lint_add(lc, "MISSING_GITHUB_REPO_CONDITION_KEY",
						 p[i].path,
						 "any GitHub repository can assume this role: add a token.actions.githubusercontent.com:sub condition naming the repository and branch");
				else if (!keyed)
					lint_add(lc, "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
						 p[i].path,
						 "the OIDC principal '%s' has no condition on its keys ('%s:aud', '%s:sub'): anyone with a token from that provider can assume the role",
						 p[i].value, prov, prov);
				for (size_t k = 0; gh && sub && k < sub->nvalues; k++)
					if (sub->values[k].text &&
					    has_wildcard(sub->values[k].text))
						lint_add(lc, "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
							 sub->path,
							 "'%s' lets more repositories or branches assume the role than intended: name the repository and branch",
							 sub->values[k].text);
			}
		}
		for (size_t k = 0; k < st->nactions && !st->not_action; k++) {
			const char *a = st->actions[k].text;
			const char *why = NULL;

			if (!a || has_wildcard(a))
				continue;
			if (strcasecmp(a, "sts:AssumeRoleWithSAML") == 0 && (!saml || other || oidc))
				why = "a SAML provider (Federated: arn:aws:iam::ACCOUNT:saml-provider/NAME)";
			else if (strcasecmp(a, "sts:AssumeRoleWithWebIdentity") == 0 &&
				 (!oidc || other || saml))
				why = "an OIDC provider (Federated)";
			else if (strcasecmp(a, "sts:AssumeRole") == 0 && fed && !other)
				why = "an AWS or Service principal (federated users use AssumeRoleWithSAML or AssumeRoleWithWebIdentity)";
			if (!why)
				continue;
			lint_add(lc, "MISMATCHED_ACTION_FOR_PRINCIPAL", st->actions[k].path,
				 "'%s' does not fit the principals of this statement: it needs %s",
				 a, why);
		}
		for (size_t c = 0; c < st->nconds; c++) {
			const struct iam_condition *cd = &st->conds[c];
			const char *need = NULL;

			if (strncmp(cd->key_lc, "aws:requesttag/", 15) == 0 ||
			    strcmp(cd->key_lc, "aws:tagkeys") == 0 ||
			    strcmp(cd->key_lc, "sts:transitivetagkeys") == 0)
				need = "sts:TagSession";
			else if (strcmp(cd->key_lc, "sts:sourceidentity") == 0)
				need = "sts:SetSourceIdentity";
			if (need && !actions_cover(st, need))
				lint_add(lc, "MISSING_ACTION_FOR_CONDITION_KEY", cd->path,
					 "'%s' is set only by %s: add %s to the actions",
					 cd->key, need, need);
		}
	}
}

/* ---- the statement ---- */

static const char *const trust_actions[] = {
	"sts:AssumeRole", "sts:AssumeRoleWithSAML",
	"sts:AssumeRoleWithWebIdentity", "sts:TagSession",
	"sts:SetSourceIdentity", "sts:SetContext", NULL
};

static void attached_actions(struct lint_ctx *lc,
			     const struct iam_statement *st,
			     const struct aent *e)
{
	const char *want = lc->site ? attached_service(lc->site->attached_to) : NULL;

	if (lc->type == IAM_POLICY_TRUST)
		want = "sts";
	if (!want || st->not_action)
		return;
	for (size_t k = 0; k < st->nactions; k++) {
		const char *a = e[k].text;
		bool ok = false;

		if (!a || e[k].unknown || e[k].all || e[k].svc_wild || !e[k].valid)
			continue;
		if (strcmp(want, "sts") == 0) {
			for (size_t i = 0; trust_actions[i] && !ok; i++)
				ok = action_matches(&st->actions[k], trust_actions[i]);
		} else {
			size_t n = strlen(want);

			ok = strncasecmp(a, want, n) == 0 && a[n] == ':';
		}
		if (ok)
			continue;
		lint_add(lc, "UNSUPPORTED_ACTION_IN_POLICY", st->actions[k].path,
			 "'%s' is not an action a %s can grant",
			 a, lc->type == IAM_POLICY_TRUST ? "role trust policy"
							 : "policy of this resource");
	}
}

void lint_statement(struct lint_ctx *lc, const struct iam_policy *pol,
		    const struct iam_statement *st)
{
	int effect = !st->effect_valid ? -1
		     : st->effect == IAM_EFFECT_ALLOW ? 1 : 0;
	bool legacy_scp = lc->type == IAM_POLICY_SCP &&
			  (lc->L->flags & IAM_LINT_LEGACY_SCP);
	struct aent *e;
	char p[LINT_PATH_MAX];

	(void)pol;
	e = load_actions(lc, st, legacy_scp);
	if (!e)
		return;
	redundant_actions(lc, st, e);
	for (size_t k = 0; k < st->nresources; k++)
		check_resource(lc, &st->resources[k], st->not_resource);
	redundant_resources(lc, st);
	if (effect == 1 && (is_iam_type(lc->type) || lc->type == IAM_POLICY_AUTO)) {
		sensitive_action(lc, &pass_role, st);
		sensitive_action(lc, &create_slr, st);
	}
	if (effect >= 0)
		tag_keys(lc, st, e, effect == 1);
	if (effect == 1 && lc->type != IAM_POLICY_TRUST)
		resource_mismatch(lc, st, e);
	if (lc->type == IAM_POLICY_RESOURCE || lc->type == IAM_POLICY_TRUST ||
	    lc->type == IAM_POLICY_RCP)
		principals(lc, st, effect);
	attached_actions(lc, st, e);
	if (legacy_scp && effect == 1) {
		if (st->has_condition) {
			lint_elem_path(p, st->path, "Condition");
			lint_add(lc, "SCP_SYNTAX_ERROR_ALLOW_CONDITION", p,
				 "the legacy SCP grammar has no Condition in an Allow statement: deny what the condition excludes instead");
		}
		if (st->not_action) {
			lint_elem_path(p, st->path, "NotAction");
			lint_add(lc, "SCP_SYNTAX_ERROR_ALLOW_NOTACTION", p,
				 "the legacy SCP grammar has no NotAction in an Allow statement: list the actions, or deny the others");
		}
		for (size_t k = 0; k < st->nresources && !st->not_resource; k++) {
			if (!st->resources[k].text ||
			    strcmp(st->resources[k].text, "*") == 0)
				continue;
			lint_add(lc, "SCP_SYNTAX_ERROR_ALLOW_RESOURCE",
				 st->resources[k].path,
				 "the legacy SCP grammar takes only \"Resource\": \"*\" in an Allow statement");
			break;
		}
	}
	if (legacy_scp && st->not_resource) {
		lint_elem_path(p, st->path, "NotResource");
		lint_add(lc, "SCP_SYNTAX_ERROR_NOTRESOURCE", p,
			 "the legacy SCP grammar has no NotResource: use Resource");
	}
	free_actions(e, st->nactions);
}
