/* arena.h: a region allocator. Everything allocated from an arena is freed
 * at once by arena_cleanup(). Used for request and extraction memory, so that
 * deep structures need no per-field free.
 *
 * An arena may have a byte cap (arena_init_capped): the server gives every
 * request one, so that no input can make one request take the machine's
 * memory. An allocation over the cap, or one malloc cannot satisfy, returns
 * NULL and marks the arena failed; the mark is sticky (arena_failed), so a
 * caller that only stops early, without passing an error up, still cannot
 * produce a whole-looking answer from a failed arena: the server answers
 * such a request with an error whatever the handler wrote. Nothing here
 * aborts. */
#ifndef PH_ARENA_H
#define PH_ARENA_H
#include <stddef.h>
#include <stdarg.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head; /* newest chunk first */
	size_t total;             /* bytes taken from malloc, chunk headers included */
	size_t max;               /* cap on total; 0: none */
	int failed;               /* 1: an allocation was refused (sticky) */
};

/* An empty arena without a cap. */
void arena_init(struct arena *a);
/* An empty arena that takes at most max bytes from malloc in all. */
void arena_init_capped(struct arena *a, size_t max);
/* Frees everything; the arena is empty (and no longer failed) after. */
void arena_cleanup(struct arena *a);
/* 1 once an allocation of this arena was refused. */
int arena_failed(const struct arena *a);
/* Zeroed memory of n bytes, aligned for any type; NULL (and the arena
 * marked failed) over the cap or when malloc fails. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies; NULL in gives NULL out, and NULL on failure as arena_alloc. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Grow a block: returns new memory of new_n bytes holding the old_n bytes
 * of p (extended in place when p is the newest allocation of its chunk and
 * the chunk has room; otherwise the old block is left in the arena). NULL
 * on failure, p untouched. */
void *arena_grow(struct arena *a, void *p, size_t old_n, size_t new_n);

/* Grow an arena array of len elements of elem bytes so that it holds one
 * more, doubling *cap; returns the (possibly moved) array, or NULL on
 * failure with the array and *cap untouched. Used by ARENA_PUSH. */
void *arena_grow_array(struct arena *a, void *arr, size_t len, size_t *cap,
                       size_t elem);
/* ARENA_PUSH's worker: grows *arrp as above and returns the new, zeroed
 * element (counting it in *len), or NULL with nothing changed. */
void *arena_push_(struct arena *a, void **arrp, size_t *len, size_t *cap, size_t elem);

/* Append one zeroed element to an arena array that has a count `len` (a
 * size_t) and a capacity `cap`; yields a pointer to the new element, or
 * NULL (nothing appended) when the arena refuses the memory. */
#define ARENA_PUSH(a, arr, len, cap) \
	((__typeof__(arr))arena_push_((a), (void **)&(arr), &(len), &(cap), sizeof *(arr)))

#endif
