/* arena.h: a region allocator. Everything allocated from an arena is freed
 * at once by arena_cleanup(). Used for request and extraction memory, so that
 * deep structures need no per-field free. Allocation failure aborts (out of
 * memory is the one condition we do not recover from). */
#ifndef PH_ARENA_H
#define PH_ARENA_H
#include <stddef.h>
#include <stdarg.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head; /* newest chunk first */
	size_t total;             /* bytes handed out, for diagnostics */
};

void arena_init(struct arena *a);
void arena_cleanup(struct arena *a);
/* Zeroed memory, aligned for any type. Never NULL. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies; NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Grow an array: returns new memory of new_n bytes holding the old_n bytes
 * of p. The old block is simply left in the arena. */
void *arena_grow(struct arena *a, void *p, size_t old_n, size_t new_n);

/* Grow an arena array of len elements of elem bytes to hold one more,
 * updating *cap; returns the (possibly moved) array. Used by ARENA_PUSH. */
void *arena_grow_array(struct arena *a, void *arr, size_t len, size_t *cap,
                       size_t elem);

/* Append one zeroed element to an arena array that has a count `len` and a
 * capacity `cap`; yields a pointer to the new element. */
#define ARENA_PUSH(a, arr, len, cap) \
	((arr) = arena_grow_array((a), (arr), (len), &(cap), sizeof *(arr)), \
	 &(arr)[(len)++])

#endif
