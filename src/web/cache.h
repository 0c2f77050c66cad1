/* cache.h: a small cache of answers (response bodies) that are costly to
 * build and read far more often than the data under them changes (the
 * dashboard API at national scale, issue 4 point 7).
 *
 * Each entry is the bytes of one answer under a key and a data
 * generation (db_generation(), db.h). A lookup hits only an entry with
 * the same key AND the same generation, so any committed write makes
 * every older entry dead; dead entries are dropped when met. The key must
 * name everything else the answer depends on: the route and its
 * parameters, what the user may see, the date when the answer depends on
 * date_today(). The caller reads the generation before reading the data
 * the answer is built from, and stores the answer under that generation:
 * an answer built while a write commits is then stored under the old
 * generation and never served after the write.
 *
 * Bounded by a number of entries and a number of bytes (keys plus
 * bodies); the least recently used entry is evicted first. Thread-safe:
 * one mutex; a hit copies the body out under it. */
#ifndef PH_CACHE_H
#define PH_CACHE_H
#include <stddef.h>
#include "base/buf.h"
#include "web/req.h"

struct cache;

/* A cache of at most max_entries entries and max_bytes bytes (both > 0).
 * NULL when out of memory. Caller frees with cache_free(). */
struct cache *cache_new(size_t max_entries, size_t max_bytes);
void cache_free(struct cache *c);

/* A short text kept with an entry (the body's ETag), NUL included. */
#define CACHE_TAG_MAX 64

/* On a hit (key and generation gen), append the body to out, copy the
 * entry's tag into tag (when not NULL; "" if it was stored without one)
 * and return 1; else 0 (a miss, or out grew past its cap or memory: out then unchanged
 * apart from its capacity). */
int cache_get(struct cache *c, const char *key, unsigned long gen, struct buf *out,
              char tag[CACHE_TAG_MAX]);

/* Store a copy of data (len bytes), and of tag (may be NULL; cut to
 * CACHE_TAG_MAX - 1 bytes), under key and gen, replacing any entry
 * of that key and evicting least recently used entries to fit. An answer
 * larger than the whole byte bound, or built at a generation older than
 * one already seen (a write committed meanwhile), is not stored. 0, or
 * PH_ENOMEM. */
int cache_put(struct cache *c, const char *key, unsigned long gen, const char *data,
              size_t len, const char *tag);

/* For handlers. On a hit of (key, gen), make r's answer the cached one
 * (status 200, the content type ctype, the body, and its ETag so that the
 * server does not hash it again) and return 1; else 0 with r unchanged. */
int cache_reply(struct cache *c, struct req *r, const char *key, unsigned long gen,
                const char *ctype);
/* After a handler wrote a 200 answer into r: keep its body under (key,
 * gen) with its ETag (server_etag), and give r that ETag too. A full
 * cache or a failed copy only means the next request builds it again.
 * Nothing is kept from a request whose arena failed or whose answer could
 * not be written whole: such an answer may have holes, and it is sent as
 * an error (server.c) anyway. */
void cache_keep(struct cache *c, struct req *r, const char *key, unsigned long gen);

/* Counters, for tests and benchmarks. */
struct cache_stats {
	size_t entries, bytes;    /* held now */
	unsigned long hits, misses, evictions;
};
void cache_stats(struct cache *c, struct cache_stats *out);

#endif
