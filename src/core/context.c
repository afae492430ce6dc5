#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/context.h"

char *iam_strdup_lower(struct iam_arena *a, const char *s)
{
	char *r = iam_arena_strdup(a, s);

	for (size_t i = 0; r && r[i]; i++)
		if (r[i] >= 'A' && r[i] <= 'Z')
			r[i] = (char)(r[i] + 32);
	return r;
}

static bool key_eq_lc(const char *key_lc, const char *key)
{
	for (;; key_lc++, key++) {
		char c = *key;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != *key_lc)
			return false;
		if (!c)
			return true;
	}
}

/* FNV-1a of the key, lower-cased on the way (ASCII). */
static size_t key_hash(const char *key)
{
	uint64_t h = 1469598103934665603ull;

	for (; *key; key++) {
		unsigned char c = (unsigned char)*key;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = (h ^ c) * 1099511628211ull;
	}
	return (size_t)h;
}

/* Below this many keys a lookup is a scan; above, the index. */
#define INDEX_FROM 16

/* The entry for key (lower-case when lc), by the index or a scan. */
static const struct iam_ctx_entry *lookup(const struct iam_context *ctx,
					  const char *key, bool lc)
{
	if (!ctx)
		return NULL;
	if (!ctx->slots) {
		for (size_t i = 0; i < ctx->n; i++)
			if (lc ? strcmp(ctx->v[i].key_lc, key) == 0
			       : key_eq_lc(ctx->v[i].key_lc, key))
				return &ctx->v[i];
		return NULL;
	}
	for (size_t h = key_hash(key) & (ctx->nslots - 1);; h = (h + 1) & (ctx->nslots - 1)) {
		size_t s = ctx->slots[h];
		const struct iam_ctx_entry *e;

		if (!s)
			return NULL;
		e = &ctx->v[s - 1];
		if (lc ? strcmp(e->key_lc, key) == 0 : key_eq_lc(e->key_lc, key))
			return e;
	}
}

const struct iam_ctx_entry *iam_context_get(const struct iam_context *ctx,
					    const char *key_lc)
{
	return lookup(ctx, key_lc, true);
}

const struct iam_ctx_entry *iam_context_find(const struct iam_context *ctx,
					     const char *key)
{
	return lookup(ctx, key, false);
}

static void index_put(struct iam_context *ctx, size_t i)
{
	size_t h = key_hash(ctx->v[i].key_lc) & (ctx->nslots - 1);

	while (ctx->slots[h])
		h = (h + 1) & (ctx->nslots - 1);
	ctx->slots[h] = i + 1;
}

/* (Re)build the index for n entries, at most half full; without memory
 * the context goes on without one (lookups scan).  Small contexts have
 * none. */
static void index_rebuild(struct iam_context *ctx)
{
	size_t want = 64;

	free(ctx->slots);
	ctx->slots = NULL;
	ctx->nslots = 0;
	if (ctx->n < INDEX_FROM)
		return;
	while (want < ctx->n * 2)
		want *= 2;
	ctx->slots = calloc(want, sizeof(*ctx->slots));
	if (!ctx->slots)
		return;
	ctx->nslots = want;
	for (size_t i = 0; i < ctx->n; i++)
		index_put(ctx, i);
}

/* Entry n - 1 was just added. */
static void index_added(struct iam_context *ctx)
{
	if (ctx->slots && ctx->n * 2 <= ctx->nslots)
		index_put(ctx, ctx->n - 1);
	else if (ctx->n >= INDEX_FROM)
		index_rebuild(ctx);
}

static void entry_clear_values(struct iam_ctx_entry *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->values[i]);
	free(e->values);
	e->values = NULL;
	e->n = 0;
}

static void entry_free(struct iam_ctx_entry *e)
{
	entry_clear_values(e);
	free(e->key);
	free(e->key_lc);
}

/* Find or create the entry for key; NULL when out of memory. */
static struct iam_ctx_entry *entry_get(struct iam_context *ctx, const char *key,
				       bool *created)
{
	struct iam_ctx_entry *e = (struct iam_ctx_entry *)iam_context_find(ctx, key);

	*created = false;
	if (e)
		return e;
	if (ctx->n == ctx->cap) {
		size_t cap = ctx->cap ? ctx->cap * 2 : 8;
		struct iam_ctx_entry *v = realloc(ctx->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		ctx->v = v;
		ctx->cap = cap;
	}
	e = &ctx->v[ctx->n];
	memset(e, 0, sizeof(*e));
	e->key = strdup(key);
	e->key_lc = iam_strdup_lower(NULL, key);
	if (!e->key || !e->key_lc) {
		entry_free(e);
		return NULL;
	}
	ctx->n++;
	index_added(ctx);
	*created = true;
	return e;
}

static int entry_append(struct iam_ctx_entry *e, const char *value)
{
	char **v = realloc(e->values, (e->n + 1) * sizeof(*v));
	char *s;

	if (!v)
		return -1;
	e->values = v;
	s = strdup(value);
	if (!s)
		return -1;
	e->values[e->n++] = s;
	return 0;
}

int iam_context_add(struct iam_context *ctx, const char *key, const char *value)
{
	bool created;
	struct iam_ctx_entry *e = entry_get(ctx, key, &created);

	if (!e)
		return -1;
	if (!created)
		e->multi = true;
	return entry_append(e, value);
}

int iam_context_set_list(struct iam_context *ctx, const char *key,
			 const char *const *values, size_t n)
{
	bool created;
	struct iam_ctx_entry *e = entry_get(ctx, key, &created);

	if (!e)
		return -1;
	entry_clear_values(e);
	e->multi = true;
	for (size_t i = 0; i < n; i++)
		if (entry_append(e, values[i]) < 0)
			return -1;
	return 0;
}

int iam_context_default(struct iam_context *ctx, const char *key,
			const char *value)
{
	if (iam_context_find(ctx, key))
		return 0;
	return iam_context_add(ctx, key, value);
}

int iam_context_merge(struct iam_context *dst, const struct iam_context *src)
{
	for (size_t i = 0; src && i < src->n; i++) {
		const struct iam_ctx_entry *e = &src->v[i];

		if (iam_context_find(dst, e->key))
			continue;
		if (e->multi) {
			if (iam_context_set_list(dst, e->key, (const char *const *)e->values,
						 e->n) < 0)
				return -1;
		} else if (e->n && iam_context_add(dst, e->key, e->values[0]) < 0) {
			return -1;
		}
	}
	return 0;
}

void iam_context_remove(struct iam_context *ctx, const char *key)
{
	struct iam_ctx_entry *e = (struct iam_ctx_entry *)iam_context_find(ctx, key);

	if (!e)
		return;
	entry_free(e);
	memmove(e, e + 1, (size_t)(ctx->v + ctx->n - (e + 1)) * sizeof(*e));
	ctx->n--;
	index_rebuild(ctx);
}

void iam_context_release(struct iam_context *ctx)
{
	if (!ctx)
		return;
	for (size_t i = 0; i < ctx->n; i++)
		entry_free(&ctx->v[i]);
	free(ctx->v);
	free(ctx->slots);
	ctx->v = NULL;
	ctx->slots = NULL;
	ctx->n = ctx->cap = ctx->nslots = 0;
}

static int scalar_text(json_t *v, char *buf, size_t len)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return -2;  /* use the string itself */
	case JSON_INTEGER:
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 0;
	case JSON_REAL:
		snprintf(buf, len, "%.17g", json_real_value(v));
		return 0;
	case JSON_TRUE:
		snprintf(buf, len, "true");
		return 0;
	case JSON_FALSE:
		snprintf(buf, len, "false");
		return 0;
	default:
		return -1;
	}
}

int iam_context_add_json(struct iam_context *ctx, const char *key, json_t *v,
			 const char **why)
{
	char buf[64];
	int r;

	*why = NULL;
	if (json_is_array(v)) {
		size_t n = json_array_size(v);
		const char **vals = calloc(n ? n : 1, sizeof(*vals));
		char (*tmp)[64] = calloc(n ? n : 1, sizeof(*tmp));
		int rc = 0;

		if (!vals || !tmp) {
			free(vals);
			free(tmp);
			*why = "out of memory";
			return -1;
		}
		for (size_t i = 0; i < n && rc == 0; i++) {
			json_t *e = json_array_get(v, i);

			r = scalar_text(e, tmp[i], sizeof(tmp[i]));
			if (r == -1) {
				*why = "context values must be strings, numbers or booleans";
				rc = -1;
			}
			vals[i] = r == -2 ? json_string_value(e) : tmp[i];
		}
		if (rc == 0 && iam_context_set_list(ctx, key, vals, n) < 0) {
			*why = "out of memory";
			rc = -1;
		}
		free(vals);
		free(tmp);
		return rc;
	}
	r = scalar_text(v, buf, sizeof(buf));
	if (r == -1) {
		*why = "context values must be strings, numbers, booleans or arrays of them";
		return -1;
	}
	if (iam_context_add(ctx, key, r == -2 ? json_string_value(v) : buf) < 0) {
		*why = "out of memory";
		return -1;
	}
	return 0;
}

/* y-m-d from days since 1970-01-01 (proleptic Gregorian; H. Hinnant). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

int iam_context_set_time(struct iam_context *ctx, double t)
{
	int64_t secs, days, rem, y;
	unsigned m, d;
	char iso[64], epoch[32];

	/* checked before the cast: a double out of int64_t's range is
	 * undefined behaviour there */
	if (!(t >= IAM_TIME_MIN && t <= IAM_TIME_MAX))
		return -1;
	secs = (int64_t)t;
	days = secs / 86400;
	rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	snprintf(iso, sizeof(iso), "%04" PRId64 "-%02u-%02uT%02u:%02u:%02uZ", y, m,
		 d, (unsigned)(rem / 3600), (unsigned)(rem / 60 % 60),
		 (unsigned)(rem % 60));
	snprintf(epoch, sizeof(epoch), "%" PRId64, secs);
	if (iam_context_default(ctx, "aws:CurrentTime", iso) < 0 ||
	    iam_context_default(ctx, "aws:EpochTime", epoch) < 0)
		return -1;
	return 0;
}
