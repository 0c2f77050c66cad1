/* arena.c: chunked region allocator behind arena.h. */
#include "base/arena.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
};

enum { CHUNK = 16 * 1024 };

void arena_init(struct arena *a) { a->head = NULL; a->total = 0; }

void arena_cleanup(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK ? n : CHUNK;
		c = malloc(sizeof *c + size);
		if (!c) {
			fputs("phoihop: out of memory\n", stderr);
			abort();
		}
		c->size = size;
		c->used = 0;
		/* A big one-off block goes behind the head so the head keeps its room. */
		if (a->head && size > CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *arena_grow(struct arena *a, void *p, size_t old_n, size_t new_n)
{
	void *q = arena_alloc(a, new_n);
	if (p && old_n)
		memcpy(q, p, old_n < new_n ? old_n : new_n);
	return q;
}

void *arena_grow_array(struct arena *a, void *arr, size_t len, size_t *cap,
                       size_t elem)
{
	if (len < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *q = arena_grow(a, arr, len * elem, ncap * elem);
	*cap = ncap;
	return q;
}
