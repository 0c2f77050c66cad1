/* cache.c: the bounded, thread-safe cache of answers (see cache.h). The
 * entries are few (tens), so they sit in one array searched linearly;
 * recency is a counter stamped on each use. */
#include "web/cache.h"
#include "base/err.h"
#include "web/server.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;            /* NUL-terminated, owned */
	char *data;           /* the body, owned */
	size_t len;           /* bytes of data */
	size_t size;          /* bytes counted against the bound: key + data */
	unsigned long gen;    /* the data generation it was built at */
	unsigned long used;   /* clock of the last store or hit */
	char tag[CACHE_TAG_MAX]; /* kept with the body (its ETag) */
};

struct cache {
	pthread_mutex_t lock;
	struct entry *e;      /* e[0..n) in use */
	size_t n, max_entries;
	size_t bytes, max_bytes;
	unsigned long clock;
	unsigned long newest; /* the newest generation seen in a get or put */
	unsigned long hits, misses, evictions;
};

struct cache *cache_new(size_t max_entries, size_t max_bytes)
{
	if (!max_entries || !max_bytes)
		return NULL;
	struct cache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->e = calloc(max_entries, sizeof *c->e);
	if (!c->e || pthread_mutex_init(&c->lock, NULL)) {
		free(c->e);
		free(c);
		return NULL;
	}
	c->max_entries = max_entries;
	c->max_bytes = max_bytes;
	return c;
}

/* Remove entry i (the last one takes its place). Lock held. */
static void drop(struct cache *c, size_t i)
{
	c->bytes -= c->e[i].size;
	free(c->e[i].key);
	free(c->e[i].data);
	c->e[i] = c->e[--c->n];
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	while (c->n)
		drop(c, 0);
	pthread_mutex_destroy(&c->lock);
	free(c->e);
	free(c);
}

/* The index of key's entry, or -1. Lock held. */
static long find(const struct cache *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->e[i].key, key))
			return (long)i;
	return -1;
}

int cache_get(struct cache *c, const char *key, unsigned long gen, struct buf *out,
              char tag[CACHE_TAG_MAX])
{
	int hit = 0;
	pthread_mutex_lock(&c->lock);
	if (gen > c->newest)
		c->newest = gen;
	long i = find(c, key);
	if (i >= 0 && c->e[i].gen != gen) {
		/* Older: dead for good. Newer (a request that read the
		 * generation just before a write): keep it for the others. */
		if (c->e[i].gen < gen)
			drop(c, (size_t)i);
		i = -1;
	}
	if (i >= 0 && !buf_append(out, c->e[i].data, c->e[i].len)) {
		c->e[i].used = ++c->clock;
		if (tag)
			memcpy(tag, c->e[i].tag, CACHE_TAG_MAX);
		hit = 1;
	}
	if (hit)
		c->hits++;
	else
		c->misses++;
	pthread_mutex_unlock(&c->lock);
	return hit;
}

/* Evict least recently used entries until one more entry of size bytes
 * fits. Lock held. */
static void make_room(struct cache *c, size_t size)
{
	while (c->n && (c->n >= c->max_entries || c->bytes + size > c->max_bytes)) {
		size_t lru = 0;
		for (size_t i = 1; i < c->n; i++)
			if (c->e[i].used < c->e[lru].used)
				lru = i;
		drop(c, lru);
		c->evictions++;
	}
}

int cache_put(struct cache *c, const char *key, unsigned long gen, const char *data,
              size_t len, const char *tag)
{
	size_t klen = strlen(key);
	size_t size = klen + 1 + len;
	if (size > c->max_bytes)
		return 0;
	struct entry n = {.len = len, .size = size, .gen = gen};
	n.key = malloc(klen + 1);
	n.data = malloc(len ? len : 1);
	if (!n.key || !n.data) {
		free(n.key);
		free(n.data);
		return PH_ENOMEM;
	}
	memcpy(n.key, key, klen + 1);
	if (tag)
		snprintf(n.tag, sizeof n.tag, "%s", tag);
	memcpy(n.data, data, len);
	pthread_mutex_lock(&c->lock);
	/* Built before a write that a later request has already seen: it
	 * could never hit; keep what is there. */
	if (gen < c->newest) {
		pthread_mutex_unlock(&c->lock);
		free(n.key);
		free(n.data);
		return 0;
	}
	c->newest = gen;
	long i = find(c, key);
	if (i >= 0)
		drop(c, (size_t)i);
	/* Entries of older generations can never hit again: drop them first. */
	for (size_t j = 0; j < c->n;)
		if (c->e[j].gen < gen)
			drop(c, j);
		else
			j++;
	make_room(c, size);
	n.used = ++c->clock;
	c->e[c->n++] = n;
	c->bytes += size;
	pthread_mutex_unlock(&c->lock);
	return 0;
}

void cache_stats(struct cache *c, struct cache_stats *out)
{
	pthread_mutex_lock(&c->lock);
	out->entries = c->n;
	out->bytes = c->bytes;
	out->hits = c->hits;
	out->misses = c->misses;
	out->evictions = c->evictions;
	pthread_mutex_unlock(&c->lock);
}

int cache_reply(struct cache *c, struct req *r, const char *key, unsigned long gen,
                const char *ctype)
{
	char tag[CACHE_TAG_MAX];
	size_t len = r->out.len;
	if (!cache_get(c, key, gen, &r->out, tag))
		return 0;
	/* The cached body is the whole answer: drop anything before it. */
	if (len) {
		memmove(r->out.data, r->out.data + len, r->out.len - len + 1);
		r->out.len -= len;
	}
	r->status = 200;
	r->ctype_out = ctype;
	if (tag[0])
		req_add_header(r, "ETag", tag);
	return 1;
}

void cache_keep(struct cache *c, struct req *r, const char *key, unsigned long gen)
{
	char tag[40];
	const char *body = r->out.data ? r->out.data : "";
	if ((r->status && r->status != 200) || arena_failed(r->a) || buf_error(&r->out))
		return;
	server_etag(body, r->out.len, tag);
	req_add_header(r, "ETag", tag);
	cache_put(c, key, gen, body, r->out.len, tag);
}
