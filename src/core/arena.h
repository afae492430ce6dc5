/* core/arena.h - memory that lives and dies together.
 *
 * A compiled policy keeps everything it owns in one arena: the statements,
 * their patterns and globs, the condition keys and values lie side by side
 * in a few blocks, so that deciding a request walks a handful of adjacent
 * cache lines instead of chasing pointers across the heap, and freeing a
 * policy is one call.  Objects that manage their own memory (a policy
 * variable template) are tied to an arena with iam_arena_defer().
 *
 * The functions that take an arena also take NULL, and then allocate on
 * the heap: a constructor such as iam_glob_new_in() serves both the
 * objects of a policy and one-off ones.  Memory from an arena is never
 * freed one object at a time; iam_arena_free() releases all of it.
 *
 * Not thread-safe: an arena belongs to whoever is building the object
 * that owns it (a compiled policy is immutable afterwards and may be
 * shared).
 */
#ifndef IAM_ARENA_H
#define IAM_ARENA_H

#include <stddef.h>

struct iam_arena;

/* A new, empty arena; NULL when out of memory.  No block is taken until
 * the first allocation. */
struct iam_arena *iam_arena_new(void);

/* Run the deferred cleanups (last registered first) and free every
 * block.  NULL is allowed. */
void iam_arena_free(struct iam_arena *a);

/* n zeroed bytes, aligned for any object; NULL when out of memory.  With
 * a == NULL: calloc(1, n). */
void *iam_arena_alloc(struct iam_arena *a, size_t n);

/* n * size zeroed bytes (at least one element), checking the product. */
void *iam_arena_calloc(struct iam_arena *a, size_t n, size_t size);

/* Copies of a string (s of n bytes, or NUL-terminated), NUL-terminated,
 * unaligned (strings pack tightly).  NULL when out of memory. */
char *iam_arena_strndup(struct iam_arena *a, const char *s, size_t n);
char *iam_arena_strdup(struct iam_arena *a, const char *s);

/* Free p if it came from the heap (a == NULL); nothing otherwise. */
void iam_arena_release(struct iam_arena *a, void *p);

/* Call fn(p) when the arena is freed.  Returns 0, or -1 when out of
 * memory (fn has then not been called: the caller still owns p).  With
 * a == NULL there is nothing to wait for: returns -1 as well. */
int iam_arena_defer(struct iam_arena *a, void (*fn)(void *), void *p);

/* Bytes taken from the heap for blocks (for tests and benchmarks). */
size_t iam_arena_footprint(const struct iam_arena *a);

#endif /* IAM_ARENA_H */
