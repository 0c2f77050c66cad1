/* test_cache.c: the answer cache (web/cache.h) and the data generation it
 * is keyed by (db.h): hits and misses, a miss after a generation bump,
 * the entry and byte bounds with least-recently-used eviction, use from
 * several threads at once, and the writes that move the generation
 * (commits, writes outside a transaction, another connection's commit,
 * roll-up invalidations) against the reads that must not; and the
 * handler helpers (the ETag kept with an answer is the server's). */
#include "test.h"
#include "web/cache.h"
#include "db/db.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "base/arena.h"
#include "base/buf.h"
#include "web/server.h"
#include "base/err.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/phoihop-test-cache-XXXXXX";

/* get as a string ("" on a miss, which hit tells apart). */
static const char *get(struct cache *c, const char *key, unsigned long gen, int *hit,
                       struct buf *b)
{
	buf_cleanup(b);
	buf_init(b, 1 << 20);
	*hit = cache_get(c, key, gen, b, NULL);
	return buf_str(b);
}

static void test_basic(void)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	int hit = 0;
	struct cache *c = cache_new(4, 1000);
	CHECK(c != NULL, "cache_new");
	get(c, "a", 1, &hit, &b);
	CHECK_INT(hit, 0, "empty cache misses");
	CHECK_INT(cache_put(c, "a", 1, "alpha", 5, NULL), 0, "put a");
	CHECK_STR(get(c, "a", 1, &hit, &b), "alpha", "hit returns the body");
	CHECK_INT(hit, 1, "hit");
	CHECK_INT(b.len, 5, "hit appends exactly the body");
	get(c, "b", 1, &hit, &b);
	CHECK_INT(hit, 0, "another key misses");
	get(c, "a", 2, &hit, &b);
	CHECK_INT(hit, 0, "a newer generation misses");
	get(c, "a", 1, &hit, &b);
	CHECK_INT(hit, 0, "the stale entry was dropped on the miss");
	CHECK_INT(cache_put(c, "n", 2, "new", 3, NULL), 0, "put n at 2");
	get(c, "n", 1, &hit, &b);
	CHECK_INT(hit, 0, "a lookup at an older generation misses");
	CHECK_STR(get(c, "n", 2, &hit, &b), "new", "but leaves the newer entry");
	struct cache_stats s;
	cache_stats(c, &s);
	CHECK_INT(s.entries, 1, "only n left after the stale a was dropped");
	CHECK_INT(s.bytes, 2 + 3, "bytes held: n's key with its NUL and body");
	CHECK_INT(s.hits, 2, "two hits counted");
	CHECK_INT(s.misses, 5, "five misses counted");

	/* Replacing a key; an answer built before a write seen since is not kept. */
	CHECK_INT(cache_put(c, "a", 3, "one", 3, NULL), 0, "put a at 3");
	CHECK_INT(cache_put(c, "a", 3, "two", 3, NULL), 0, "put a again at 3");
	CHECK_STR(get(c, "a", 3, &hit, &b), "two", "the later put replaced the body");
	CHECK_INT(cache_put(c, "a", 2, "old", 3, NULL), 0, "put at an older generation");
	CHECK_STR(get(c, "a", 3, &hit, &b), "two", "an older generation does not replace");
	CHECK_INT(cache_put(c, "z", 2, "old", 3, NULL), 0, "put z at an older generation");
	get(c, "z", 2, &hit, &b);
	CHECK_INT(hit, 0, "an answer older than a generation seen is not stored");
	/* A put at a newer generation drops every older entry. */
	CHECK_INT(cache_put(c, "b", 4, "bee", 3, NULL), 0, "put b at 4");
	cache_stats(c, &s);
	CHECK_INT(s.entries, 1, "entries of older generations dropped by a newer put");
	/* A tag kept with the body (the ETag). */
	char tag[CACHE_TAG_MAX] = "unset";
	CHECK_INT(cache_put(c, "t", 4, "tee", 3, "\"0123abcd\""), 0, "put with a tag");
	b.len = 0;
	CHECK_INT(cache_get(c, "t", 4, &b, tag), 1, "hit with a tag");
	CHECK_STR(tag, "\"0123abcd\"", "the tag comes back with the body");
	CHECK_INT(cache_get(c, "b", 4, &b, tag), 1, "hit without a tag");
	CHECK_STR(tag, "", "an entry stored without a tag gives \"\"");
	/* An empty body is a valid answer. */
	CHECK_INT(cache_put(c, "e", 4, "", 0, NULL), 0, "put an empty body");
	CHECK_STR(get(c, "e", 4, &hit, &b), "", "empty body");
	CHECK_INT(hit, 1, "an empty body hits");
	cache_free(c);
	CHECK(cache_new(0, 10) == NULL && cache_new(10, 0) == NULL, "zero bounds refused");
	buf_cleanup(&b);
}

static void test_bounds(void)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	int hit = 0;
	struct cache_stats s;
	/* Entry bound: 3 entries; touching k1 makes k2 the least recently used. */
	struct cache *c = cache_new(3, 1 << 20);
	cache_put(c, "k1", 1, "v1", 2, NULL);
	cache_put(c, "k2", 1, "v2", 2, NULL);
	cache_put(c, "k3", 1, "v3", 2, NULL);
	get(c, "k1", 1, &hit, &b);
	CHECK_INT(hit, 1, "k1 hits before the eviction");
	cache_put(c, "k4", 1, "v4", 2, NULL);
	cache_stats(c, &s);
	CHECK_INT(s.entries, 3, "the entry bound holds");
	CHECK_INT(s.evictions, 1, "one eviction");
	get(c, "k2", 1, &hit, &b);
	CHECK_INT(hit, 0, "the least recently used entry (k2) was evicted");
	CHECK_STR(get(c, "k1", 1, &hit, &b), "v1", "the recently used entry stays");
	CHECK_STR(get(c, "k4", 1, &hit, &b), "v4", "the new entry is there");
	cache_free(c);

	/* Byte bound: 100 bytes; each entry is key (2 + NUL) + 40 = 43 bytes. */
	char body[64];
	memset(body, 'x', sizeof body);
	c = cache_new(100, 100);
	cache_put(c, "b1", 1, body, 40, NULL);
	cache_put(c, "b2", 1, body, 40, NULL);
	cache_stats(c, &s);
	CHECK_INT(s.bytes, 86, "bytes counted: keys with their NUL and bodies");
	cache_put(c, "b3", 1, body, 40, NULL);
	cache_stats(c, &s);
	CHECK_INT(s.entries, 2, "the byte bound evicted one entry");
	CHECK(s.bytes <= 100, "bytes held within the bound (%zu)", s.bytes);
	get(c, "b1", 1, &hit, &b);
	CHECK_INT(hit, 0, "the oldest entry went for the bytes");
	CHECK_INT(cache_put(c, "big", 1, body, 98, NULL), 0, "an answer over the bound is accepted");
	get(c, "big", 1, &hit, &b);
	CHECK_INT(hit, 0, "but not stored");
	cache_stats(c, &s);
	CHECK_INT(s.entries, 2, "and nothing was evicted for it");
	cache_free(c);

	/* A hit whose body does not fit the caller's buffer is a miss. */
	c = cache_new(4, 1000);
	cache_put(c, "k", 1, body, 50, NULL);
	struct buf small;
	buf_init(&small, 10);
	CHECK_INT(cache_get(c, "k", 1, &small, NULL), 0, "a body over the buffer's cap misses");
	CHECK_INT(small.len, 0, "and leaves the buffer empty");
	buf_cleanup(&small);
	cache_free(c);
	buf_cleanup(&b);
}

/* Threads: each puts and gets keys of its own and shared ones, moving the
 * generation now and then; a hit must return exactly the body stored for
 * that key and generation. */
struct worker {
	struct cache *c;
	int id, bad, hits;
};

static void body_of(const char *key, unsigned long gen, char *out, size_t n)
{
	snprintf(out, n, "%s@%lu:%0200d", key, gen, 7);
}

/* The generation the threads share; thread 0 moves it now and then. */
static atomic_ulong shared_gen = 1;

static void *work(void *arg)
{
	struct worker *w = arg;
	struct buf b;
	char key[32], want[256];
	buf_init(&b, 1 << 16);
	for (int i = 0; i < 4000; i++) {
		if (w->id == 0 && i % 500 == 499)
			atomic_fetch_add(&shared_gen, 1);
		unsigned long gen = atomic_load(&shared_gen);
		/* Ten shared keys that fit, and now and then one of its own
		 * that makes the cache evict. */
		if (i % 10 == 9)
			snprintf(key, sizeof key, "u%d-%d", w->id, i);
		else
			snprintf(key, sizeof key, "k%d", (i * 7 + w->id) % 10);
		body_of(key, gen, want, sizeof want);
		b.len = 0;
		if (cache_get(w->c, key, gen, &b, NULL)) {
			w->hits++;
			if (b.len != strlen(want) || memcmp(b.data, want, b.len))
				w->bad++;
		} else if (cache_put(w->c, key, gen, want, strlen(want), NULL)) {
			w->bad++;
		}
	}
	buf_cleanup(&b);
	return NULL;
}

static void test_threads(void)
{
	enum { N = 4 };
	struct cache *c = cache_new(16, 16 * 300);
	pthread_t t[N];
	struct worker w[N];
	for (int i = 0; i < N; i++) {
		w[i] = (struct worker){.c = c, .id = i};
		CHECK_INT(pthread_create(&t[i], NULL, work, &w[i]), 0, "thread starts");
	}
	int bad = 0, hits = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		bad += w[i].bad;
		hits += w[i].hits;
	}
	struct cache_stats s;
	cache_stats(c, &s);
	CHECK_INT(bad, 0, "every hit returned the body stored for its key and generation");
	CHECK(hits > 1000, "the threads hit (%d)", hits);
	CHECK((unsigned long)hits == s.hits, "hits counted once each");
	CHECK(s.entries <= 16 && s.bytes <= 16 * 300, "bounds hold under threads");
	cache_free(c);
}

/* The ETag header a handler set on r, or NULL. */
static const char *etag_of(const struct req *r)
{
	for (int i = 0; i < r->headers_len; i++)
		if (!strcmp(r->headers[i].name, "ETag"))
			return r->headers[i].value;
	return NULL;
}

/* cache_keep and cache_reply on requests as the handler sees them. */
static void test_handler_helpers(void)
{
	struct arena a;
	struct req r1, r2;
	char tag[40];
	const char body[] = "{\"x\":1}\n";
	arena_init(&a);
	memset(&r1, 0, sizeof r1);
	memset(&r2, 0, sizeof r2);
	r1.a = r2.a = &a;
	buf_init(&r1.out, 1 << 20);
	buf_init(&r2.out, 1 << 20);
	struct cache *c = cache_new(4, 1 << 20);
	CHECK_INT(cache_reply(c, &r1, "k", 7, "application/json"), 0, "miss before keep");
	CHECK_INT(r1.headers_len, 0, "a miss adds no header");
	buf_append(&r1.out, body, strlen(body));
	r1.status = 200;
	cache_keep(c, &r1, "k", 7);
	server_etag(body, strlen(body), tag);
	CHECK_STR(etag_of(&r1), tag, "keep gives the answer the server's ETag of its body");
	CHECK_INT(cache_reply(c, &r2, "k", 7, "application/json"), 1, "hit after keep");
	CHECK_STR(buf_str(&r2.out), body, "the hit's body");
	CHECK_INT(r2.status, 200, "the hit's status");
	CHECK_STR(r2.ctype_out, "application/json", "the hit's content type");
	CHECK_STR(etag_of(&r2), tag, "the hit carries the same ETag");
	r1.out.len = 0;
	r1.headers_len = 0;
	r1.status = 404;
	cache_keep(c, &r1, "e", 7);
	CHECK_INT(cache_reply(c, &r2, "e", 7, "application/json"), 0, "an error answer is not kept");
	CHECK_INT(cache_reply(c, &r2, "k", 8, "application/json"), 0, "miss at a newer generation");
	cache_free(c);
	buf_cleanup(&r1.out);
	buf_cleanup(&r2.out);
	arena_cleanup(&a);
}

static long long count(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	long long n = -1;
	if (db_prepare(db, sql, &st) == 0 && db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

static int run(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (!rc)
		rc = db_step(st) == DB_DONE ? 0 : PH_EDB;
	db_finalize(st);
	return rc;
}

static void test_generation(void)
{
	char path[256], err[512] = "";
	snprintf(path, sizeof path, "%s/g.db", dir);
	struct db *db = NULL, *other = NULL;
	CHECK_INT(db_open(path, &db, err, sizeof err), 0, "open");
	CHECK_INT(db_open(path, &other, err, sizeof err), 0, "open a second connection");
	CHECK_INT(db_exec(db, "CREATE TABLE IF NOT EXISTS t (x INTEGER)"), 0, "create table");

	unsigned long g = db_generation_check(db);
	CHECK(g == db_generation(), "check returns the generation");
	CHECK_INT(db_generation_check(db), g, "a check with nothing new keeps it");
	CHECK(count(db, "SELECT COUNT(*) FROM t") >= 0, "a read");
	CHECK_INT(db_generation(), g, "a read does not move it");

	CHECK_INT(db_begin(db), 0, "begin");
	CHECK_INT(run(db, "INSERT INTO t (x) VALUES (1)"), 0, "insert in a transaction");
	CHECK_INT(db_generation(), g, "not before the commit");
	CHECK_INT(db_commit(db), 0, "commit");
	CHECK(db_generation() > g, "a commit moves it");
	g = db_generation();

	CHECK_INT(db_begin(db), 0, "begin");
	CHECK_INT(run(db, "INSERT INTO t (x) VALUES (2)"), 0, "insert");
	CHECK_INT(db_rollback(db), 0, "rollback");
	g = db_generation();

	CHECK_INT(run(db, "INSERT INTO t (x) VALUES (3)"), 0, "insert outside a transaction");
	CHECK(db_generation() > g, "a write outside a transaction moves it");
	g = db_generation();

	/* The other connection's commit moves the counter itself (same
	 * process); taken after it, the counter moves again only if the
	 * check on db notices the commit through data_version, as it would
	 * notice a commit by another process. */
	CHECK_INT(db_generation_check(db), g, "nothing new for db");
	CHECK_INT(run(other, "INSERT INTO t (x) VALUES (4)"), 0, "write on the other connection");
	g = db_generation();
	CHECK(db_generation_check(db) > g, "the check notices the other connection's commit");
	g = db_generation();
	CHECK_INT(db_generation_check(db), g, "and only once");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM t"), 3, "the rows committed (1, 3, 4)");

	rollup_indicator_changed(12345);
	CHECK(db_generation() > g, "an indicator's roll-ups dropped moves it");
	g = db_generation();
	rollup_units_changed();
	CHECK(db_generation() > g, "a unit tree change moves it");
	g = db_generation();
	rollup_reset();
	CHECK(db_generation() > g, "a roll-up reset moves it");
	g = db_generation();
	rollup_write_lock();
	indicator_apply_changes(NULL, 0);
	rollup_write_unlock();
	CHECK(db_generation() > g, "values applied to the roll-ups after their commit move it");
	CHECK_INT(db_open_statements(db), 0, "statements finalized");
	db_close(other);
	db_close(db);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	test_basic();
	test_bounds();
	test_threads();
	test_handler_helpers();
	test_generation();
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd)) {
	}
	TEST_END("cache");
}
