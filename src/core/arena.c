/* core/arena.c - bump allocation in growing blocks. */
#include "config.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

/* The first block fits a request's strings or a small policy (a bigger
 * first block wastes its tail: with 1 KiB, the 6,904 resident lines of the
 * generated mix took 20% more memory); each next one doubles, up to
 * BLOCK_MAX.  An object
 * larger than about half the current block gets a block of its own, so
 * that the current block's tail is not wasted. */
#define BLOCK_MIN 256
#define BLOCK_MAX (64 * 1024)
#define ALIGN alignof(max_align_t)

struct block {
	struct block *next;
	size_t size;             /* of data[] */
	alignas(max_align_t) unsigned char data[];
};

struct cleanup {
	struct cleanup *next;
	void (*fn)(void *);
	void *p;
};

struct iam_arena {
	struct block *head;      /* the current block first */
	size_t used;             /* bytes of head->data in use */
	size_t next_size;        /* data size of the next block */
	size_t footprint;
	struct cleanup *cleanups;
};

struct iam_arena *iam_arena_new(void)
{
	struct iam_arena *a = calloc(1, sizeof(*a));

	if (a)
		a->next_size = BLOCK_MIN - sizeof(struct block);
	return a;
}

void iam_arena_free(struct iam_arena *a)
{
	if (!a)
		return;
	for (struct cleanup *c = a->cleanups; c; c = c->next)
		c->fn(c->p);
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

static struct block *new_block(struct iam_arena *a, size_t size)
{
	struct block *b;

	if (size > SIZE_MAX - sizeof(*b))
		return NULL;
	b = malloc(sizeof(*b) + size);
	if (!b)
		return NULL;
	b->size = size;
	a->footprint += sizeof(*b) + size;
	return b;
}

/* n bytes at the given alignment (a power of two, at most ALIGN). */
static void *take(struct iam_arena *a, size_t n, size_t align)
{
	struct block *b = a->head;
	size_t at;

	if (b) {
		at = (a->used + align - 1) & ~(align - 1);
		if (at <= b->size && n <= b->size - at) {
			a->used = at + n;
			return b->data + at;
		}
	}
	if (n > a->next_size / 4) {
		/* a big object: its own block, behind the current one, which
		 * keeps filling */
		b = new_block(a, n ? n : 1);
		if (!b)
			return NULL;
		if (a->head) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = NULL;
			a->head = b;
			a->used = b->size;
		}
		return b->data;
	}
	b = new_block(a, a->next_size);
	if (!b)
		return NULL;
	b->next = a->head;
	a->head = b;
	a->used = n;
	if (a->next_size < BLOCK_MAX)
		a->next_size = a->next_size * 2 + sizeof(struct block);
	return b->data;
}

void *iam_arena_alloc(struct iam_arena *a, size_t n)
{
	void *p;

	if (!a)
		return calloc(1, n ? n : 1);
	p = take(a, n, ALIGN);
	if (p)
		memset(p, 0, n);
	return p;
}

void *iam_arena_calloc(struct iam_arena *a, size_t n, size_t size)
{
	if (!n)
		n = 1;
	if (size && n > SIZE_MAX / size)
		return NULL;
	return iam_arena_alloc(a, n * size);
}

char *iam_arena_strndup(struct iam_arena *a, const char *s, size_t n)
{
	char *r;

	if (n == SIZE_MAX)
		return NULL;
	r = a ? take(a, n + 1, 1) : malloc(n + 1);
	if (!r)
		return NULL;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *iam_arena_strdup(struct iam_arena *a, const char *s)
{
	return iam_arena_strndup(a, s, strlen(s));
}

void iam_arena_release(struct iam_arena *a, void *p)
{
	if (!a)
		free(p);
}

int iam_arena_defer(struct iam_arena *a, void (*fn)(void *), void *p)
{
	struct cleanup *c;

	if (!a)
		return -1;
	c = take(a, sizeof(*c), alignof(struct cleanup));
	if (!c)
		return -1;
	c->fn = fn;
	c->p = p;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}

size_t iam_arena_footprint(const struct iam_arena *a)
{
	return a ? a->footprint : 0;
}
