#include "config.h"

#include <stdlib.h>
#include <string.h>

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

const struct iam_ctx_entry *iam_context_get(const struct iam_context *ctx,
					    const char *key_lc)
{
	if (!ctx)
		return NULL;
	for (size_t i = 0; i < ctx->n; i++)
		if (strcmp(ctx->v[i].key_lc, key_lc) == 0)
			return &ctx->v[i];
	return NULL;
}

const struct iam_ctx_entry *iam_context_find(const struct iam_context *ctx,
					     const char *key)
{
	if (!ctx)
		return NULL;
	for (size_t i = 0; i < ctx->n; i++)
		if (key_eq_lc(ctx->v[i].key_lc, key))
			return &ctx->v[i];
	return NULL;
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

void iam_context_remove(struct iam_context *ctx, const char *key)
{
	struct iam_ctx_entry *e = (struct iam_ctx_entry *)iam_context_find(ctx, key);

	if (!e)
		return;
	entry_free(e);
	memmove(e, e + 1, (size_t)(ctx->v + ctx->n - (e + 1)) * sizeof(*e));
	ctx->n--;
}

void iam_context_release(struct iam_context *ctx)
{
	if (!ctx)
		return;
	for (size_t i = 0; i < ctx->n; i++)
		entry_free(&ctx->v[i]);
	free(ctx->v);
	ctx->v = NULL;
	ctx->n = ctx->cap = 0;
}
