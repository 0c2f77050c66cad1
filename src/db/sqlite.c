/* sqlite.c: the SQLite backend of db.h. Everything SQLite-specific (pragmas,
 * busy timeout, the sqlite3 API) stays in this file. */
#include "db/db.h"
#include "db/migrate.h"
#include "base/err.h"
#include <sqlite3.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prepared statements are kept per connection and reused when the same
 * SQL literal is prepared again: a server request prepares a dozen
 * statements, and parsing them was the largest cost of a page once the
 * data was read. db_finalize() of a cached statement resets it instead. */
#define STMT_CACHE 64

struct db_stmt {
	struct db *db;
	sqlite3_stmt *h;
	const char *sql;      /* the literal, for error messages and cache lookup */
	int cached;           /* 1: owned by the connection's cache */
	int in_use;           /* cached and handed out by db_prepare */
	unsigned long used_at;/* cache clock when last handed out */
	int writes;           /* 1: not read-only (its end may commit a write) */
};

struct db {
	sqlite3 *h;
	int open_stmts;       /* prepared, not finalized */
	struct db_stmt *cache[STMT_CACHE];
	int cache_len;
	unsigned long clock;
	sqlite3_stmt *dv;     /* PRAGMA data_version, for db_generation_check */
	long long data_version;/* its value at the last check (or the open) */
};

/* The data generation (db.h). Starts at 1 so that 0 never matches. */
static atomic_ulong generation = 1;

unsigned long db_generation(void) { return atomic_load(&generation); }
void db_generation_bump(void) { atomic_fetch_add(&generation, 1); }

/* After a statement of st's connection ended: outside an explicit
 * transaction, a write statement has just committed. */
static void ended(struct db_stmt *st)
{
	if (st->writes && sqlite3_get_autocommit(st->db->h))
		db_generation_bump();
}

/* The connection's PRAGMA data_version, or -1 on an error. */
static long long data_version(struct db *db)
{
	long long v = -1;
	if (db->dv || sqlite3_prepare_v2(db->h, "PRAGMA data_version", -1, &db->dv, NULL) == SQLITE_OK) {
		if (sqlite3_step(db->dv) == SQLITE_ROW)
			v = sqlite3_column_int64(db->dv, 0);
		sqlite3_reset(db->dv);
	}
	return v;
}

unsigned long db_generation_check(struct db *db)
{
	long long v = data_version(db);
	if (v < 0 || v != db->data_version)
		db_generation_bump();
	db->data_version = v;
	return db_generation();
}

static void stmt_free(struct db_stmt *st)
{
	sqlite3_finalize(st->h);
	free(st);
}

const char *db_errmsg(struct db *db) { return sqlite3_errmsg(db->h); }

void db_interrupt(struct db *db)
{
	if (db)
		sqlite3_interrupt(db->h);
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "phoihop: database: %s\n", msg ? msg : "error");
		sqlite3_free(msg);
		return PH_EDB;
	}
	/* COMMIT, or a statement outside a transaction: the data may have
	 * changed (BEGIN leaves autocommit off and does not count). */
	if (sqlite3_get_autocommit(db->h))
		db_generation_bump();
	return 0;
}

/* Process-wide settings, before SQLite initializes: each connection is
 * used by one thread at a time (the server gives every worker its own), so
 * the per-connection mutexes are not needed; and memory statistics, which
 * take one global mutex on every allocation, are off. Under load with four
 * worker threads that global mutex took about half the server's time. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

/* Finalize the cached statements (sqlite3_close refuses to close a
 * connection that still has some), close, free. */
static void release(struct db *db)
{
	for (int i = 0; i < db->cache_len; i++)
		stmt_free(db->cache[i]);
	sqlite3_finalize(db->dv);
	sqlite3_close(db->h);
	free(db);
}

int db_open(const char *path, struct db **out, char *err, size_t errlen)
{
	*out = NULL;
	pthread_once(&config_once, configure);
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return PH_ENOMEM;
	int rc = sqlite3_open_v2(path, &db->h,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		         db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	/* WAL fails on some filesystems; the database still works, so only
	 * foreign keys are required. */
	if (db_exec(db, "PRAGMA foreign_keys = ON") ||
	    sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK ||
	    db_exec(db, "PRAGMA synchronous = NORMAL")) {
		snprintf(err, errlen, "cannot configure %s: %s", path, sqlite3_errmsg(db->h));
		goto fail;
	}
	rc = migrate_apply(db, err, errlen);
	if (rc) {
		release(db);
		return rc;
	}
	/* Commits by others from now on move the generation (db_generation_check). */
	db->data_version = data_version(db);
	*out = db;
	return 0;
fail:
	release(db);
	return PH_EDB;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->open_stmts)
		fprintf(stderr, "phoihop: internal: %d statement(s) not finalized\n", db->open_stmts);
	release(db);
}

int db_begin(struct db *db) { return db_exec(db, "BEGIN IMMEDIATE"); }
int db_commit(struct db *db) { return db_exec(db, "COMMIT"); }
int db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->h))
		return 0; /* nothing open (SQLite may have rolled back already) */
	return db_exec(db, "ROLLBACK");
}

/* Put a new statement into the cache: a free slot, else the least
 * recently used idle one. Leaves it uncached when every slot is busy. */
static void cache_add(struct db *db, struct db_stmt *st)
{
	int slot = -1;
	if (db->cache_len < STMT_CACHE) {
		slot = db->cache_len++;
	} else {
		for (int i = 0; i < STMT_CACHE; i++)
			if (!db->cache[i]->in_use &&
			    (slot < 0 || db->cache[i]->used_at < db->cache[slot]->used_at))
				slot = i;
		if (slot < 0)
			return;
		stmt_free(db->cache[slot]);
	}
	st->cached = 1;
	st->in_use = 1;
	st->used_at = ++db->clock;
	db->cache[slot] = st;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
	for (int i = 0; i < db->cache_len; i++) {
		struct db_stmt *c = db->cache[i];
		/* Same literal: same address, and (in case a buffer was reused
		 * for other text) the same text. */
		if (!c->in_use && c->sql == sql && !strcmp(sqlite3_sql(c->h), sql)) {
			c->in_use = 1;
			c->used_at = ++db->clock;
			db->open_stmts++;
			*out = c;
			return 0;
		}
	}
	struct db_stmt *st = calloc(1, sizeof *st);
	if (!st)
		return PH_ENOMEM;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st->h, NULL) != SQLITE_OK) {
		fprintf(stderr, "phoihop: database: %s in: %s\n", sqlite3_errmsg(db->h), sql);
		free(st);
		return PH_EDB;
	}
	st->db = db;
	st->sql = sql;
	st->writes = !sqlite3_stmt_readonly(st->h);
	cache_add(db, st);
	db->open_stmts++;
	*out = st;
	return 0;
}

static int bound(struct db_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	fprintf(stderr, "phoihop: database: bind: %s in: %s\n", sqlite3_errmsg(st->db->h), st->sql);
	return PH_EDB;
}

int db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (!s)
		return bound(st, sqlite3_bind_null(st->h, i));
	return bound(st, sqlite3_bind_text(st->h, i, s, -1, SQLITE_TRANSIENT));
}
int db_bind_int(struct db_stmt *st, int i, long long v) { return bound(st, sqlite3_bind_int64(st->h, i, v)); }
int db_bind_double(struct db_stmt *st, int i, double v) { return bound(st, sqlite3_bind_double(st->h, i, v)); }
int db_bind_null(struct db_stmt *st, int i) { return bound(st, sqlite3_bind_null(st->h, i)); }
int db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	/* A NULL pointer would bind SQL NULL; an empty BLOB is zeroblob(0). */
	if (n == 0)
		return bound(st, sqlite3_bind_zeroblob(st->h, i, 0));
	return bound(st, sqlite3_bind_blob64(st->h, i, p, (sqlite3_uint64)n, SQLITE_TRANSIENT));
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->h);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE) {
		ended(st);
		return DB_DONE;
	}
	fprintf(stderr, "phoihop: database: %s in: %s\n", sqlite3_errmsg(st->db->h), st->sql);
	return -PH_EDB;
}

int db_reset(struct db_stmt *st)
{
	int busy = sqlite3_stmt_busy(st->h);
	sqlite3_reset(st->h);
	if (busy)
		ended(st);
	sqlite3_clear_bindings(st->h);
	return 0;
}

const char *db_col_text(struct db_stmt *st, int i) { return (const char *)sqlite3_column_text(st->h, i); }
long long db_col_int(struct db_stmt *st, int i) { return sqlite3_column_int64(st->h, i); }
double db_col_double(struct db_stmt *st, int i) { return sqlite3_column_double(st->h, i); }
int db_col_is_null(struct db_stmt *st, int i) { return sqlite3_column_type(st->h, i) == SQLITE_NULL; }
const void *db_col_blob(struct db_stmt *st, int i) { return sqlite3_column_blob(st->h, i); }
size_t db_col_bytes(struct db_stmt *st, int i) { return (size_t)sqlite3_column_bytes(st->h, i); }

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	st->db->open_stmts--;
	int busy = sqlite3_stmt_busy(st->h);
	if (st->cached) {
		sqlite3_reset(st->h);
		if (busy)
			ended(st);
		sqlite3_clear_bindings(st->h);
		st->in_use = 0;
		return;
	}
	struct db *db = st->db;
	int writes = busy && st->writes;
	stmt_free(st);
	if (writes && sqlite3_get_autocommit(db->h))
		db_generation_bump();
}

int db_open_statements(const struct db *db) { return db->open_stmts; }
