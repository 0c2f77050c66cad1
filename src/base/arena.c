/* arena.c: chunked region allocator behind arena.h. */
#include "base/arena.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	size_t last;          /* offset of the newest allocation (arena_grow in place) */
	_Alignas(max_align_t) unsigned char data[];
};

enum { CHUNK = 16 * 1024 };

void arena_init(struct arena *a) { arena_init_capped(a, 0); }

void arena_init_capped(struct arena *a, size_t max)
{
	a->head = NULL;
	a->total = 0;
	a->max = max;
	a->failed = 0;
}

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
	a->failed = 0;
}

int arena_failed(const struct arena *a) { return a->failed; }

static void *refuse(struct arena *a)
{
	a->failed = 1;
	return NULL;
}

/* n rounded up to the alignment, or 0 when that overflows. */
static size_t aligned(size_t n)
{
	const size_t align = _Alignof(max_align_t);
	if (n == 0)
		return align;
	if (n > SIZE_MAX - align)
		return 0;
	return (n + align - 1) / align * align;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = aligned(n);
	if (!n)
		return refuse(a);
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK ? n : CHUNK;
		if (size > SIZE_MAX - sizeof *c)
			return refuse(a);
		size_t take = sizeof *c + size;
		if (a->max && (take > a->max || a->total > a->max - take))
			return refuse(a);
		c = malloc(take);
		if (!c)
			return refuse(a);
		a->total += take;
		c->size = size;
		c->used = 0;
		c->last = 0;
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
	c->last = c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!s || n == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
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
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *arena_grow(struct arena *a, void *p, size_t old_n, size_t new_n)
{
	/* The newest allocation of the head chunk grows where it stands when
	 * the chunk has room: a value that grows piece by piece then costs
	 * its final size, not the sum of all its sizes. */
	struct arena_chunk *c = a->head;
	if (p && c && (unsigned char *)p == c->data + c->last && new_n >= old_n) {
		size_t n = aligned(new_n);
		if (n && n <= c->size - c->last) {
			memset((unsigned char *)p + old_n, 0, n - old_n);
			c->used = c->last + n;
			return p;
		}
	}
	void *q = arena_alloc(a, new_n);
	if (!q)
		return NULL;
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
	if (ncap < *cap || (elem && ncap > SIZE_MAX / elem))
		return refuse(a);
	void *q = arena_grow(a, arr, len * elem, ncap * elem);
	if (!q)
		return NULL;
	*cap = ncap;
	return q;
}

void *arena_push_(struct arena *a, void **arrp, size_t *len, size_t *cap, size_t elem)
{
	void *q = arena_grow_array(a, *arrp, *len, cap, elem);
	if (!q)
		return NULL;
	*arrp = q;
	unsigned char *e = (unsigned char *)q + *len * elem;
	memset(e, 0, elem);
	(*len)++;
	return e;
}
