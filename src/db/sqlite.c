/* sqlite.c: the SQLite backend of db.h. Everything SQLite-specific (pragmas,
 * busy timeout, the sqlite3 API) stays in this file. */
#include "db/db.h"
#include "db/migrate.h"
#include "base/err.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db {
	sqlite3 *h;
	int open_stmts; /* prepared, not finalized */
};

struct db_stmt {
	struct db *db;
	sqlite3_stmt *h;
	const char *sql; /* the literal, for error messages */
};

const char *db_errmsg(struct db *db) { return sqlite3_errmsg(db->h); }

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "phoihop: database: %s\n", msg ? msg : "error");
		sqlite3_free(msg);
		return PH_EDB;
	}
	return 0;
}

int db_open(const char *path, struct db **out, char *err, size_t errlen)
{
	*out = NULL;
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return PH_ENOMEM;
	int rc = sqlite3_open_v2(path, &db->h,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
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
		sqlite3_close(db->h);
		free(db);
		return rc;
	}
	*out = db;
	return 0;
fail:
	sqlite3_close(db->h);
	free(db);
	return PH_EDB;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->open_stmts)
		fprintf(stderr, "phoihop: internal: %d statement(s) not finalized\n", db->open_stmts);
	sqlite3_close(db->h);
	free(db);
}

int db_begin(struct db *db) { return db_exec(db, "BEGIN IMMEDIATE"); }
int db_commit(struct db *db) { return db_exec(db, "COMMIT"); }
int db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->h))
		return 0; /* nothing open (SQLite may have rolled back already) */
	return db_exec(db, "ROLLBACK");
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
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
	if (rc == SQLITE_DONE)
		return DB_DONE;
	fprintf(stderr, "phoihop: database: %s in: %s\n", sqlite3_errmsg(st->db->h), st->sql);
	return -PH_EDB;
}

int db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->h);
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
	sqlite3_finalize(st->h);
	st->db->open_stmts--;
	free(st);
}

int db_open_statements(const struct db *db) { return db->open_stmts; }
