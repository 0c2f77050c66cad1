/* db.h: the one storage interface. A connection, prepared statements with
 * bound parameters, transactions. Backends implement it (sqlite.c; a
 * PostgreSQL pg.c can stand beside it); callers never see the backend.
 *
 * SQL text passed to db_prepare is a literal at the call site and uses "?"
 * placeholders, in the subset both SQLite and PostgreSQL accept (the pg
 * backend rewrites "?" to "$n"). All SQL lives under src/db/: store.c for
 * the domain queries, migrations/ for the schema. */
#ifndef PH_DB_H
#define PH_DB_H
#include <stddef.h>

struct db;
struct db_stmt;

enum { DB_DONE = 0, DB_ROW = 1 };

/* Open (creating when absent) the database at path, turn on foreign keys
 * and WAL, and apply pending migrations. On failure returns PH_EDB (or
 * PH_ESCHEMA for a database newer than this binary) and writes why into
 * err. *out is owned by the caller: db_close(). */
int db_open(const char *path, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);

/* Make the statement db is running (on another thread) stop at its next
 * step with an error; safe from any thread, while db stays open. Used by
 * the server's stop, so that a long query cannot hold a stop back. */
void db_interrupt(struct db *db);

/* The backend's last error message; borrowed until the next call. */
const char *db_errmsg(struct db *db);

/* Transactions. One write use case = one transaction. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);

/* Run literal SQL without parameters (schema, pragmas). 0 or PH_EDB. */
int db_exec(struct db *db, const char *sql);

/* Prepare sql. 0 or PH_EDB. Finalize with db_finalize(). */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* Parameters are 1-based. A NULL text binds SQL NULL. Text is copied. */
int db_bind_text(struct db_stmt *st, int i, const char *s);
int db_bind_int(struct db_stmt *st, int i, long long v);
int db_bind_double(struct db_stmt *st, int i, double v);
int db_bind_null(struct db_stmt *st, int i);
/* Bind n bytes at p as a BLOB (copied). n may be 0 (an empty BLOB). */
int db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n);
/* DB_ROW, DB_DONE, or PH_EDB (negated: -PH_EDB) on error. */
int db_step(struct db_stmt *st);
/* Ready the statement to run again with new bindings. */
int db_reset(struct db_stmt *st);
/* Columns are 0-based. Text is borrowed until the next step; NULL for SQL NULL. */
const char *db_col_text(struct db_stmt *st, int i);
long long db_col_int(struct db_stmt *st, int i);
double db_col_double(struct db_stmt *st, int i);
int db_col_is_null(struct db_stmt *st, int i);
/* A BLOB column: its bytes (borrowed until the next step; NULL for SQL
 * NULL or an empty BLOB) and their number. Call db_col_blob first, then
 * db_col_bytes. */
const void *db_col_blob(struct db_stmt *st, int i);
size_t db_col_bytes(struct db_stmt *st, int i);
void db_finalize(struct db_stmt *st);

/* Statements prepared and not yet finalized (for leak checks in tests). */
int db_open_statements(const struct db *db);

/* The data generation: a process-wide counter that changes after every
 * write committed through this process's connections (db_commit, a write
 * statement or db_exec outside an explicit transaction, the rollback of
 * one too), so that answers computed from the data can be cached under
 * it (web/cache.h). Read it BEFORE reading the data an answer is made of:
 * an answer stored under a generation then never outlives a write. */
unsigned long db_generation(void);
/* Move the generation on (in-memory state the answers depend on changed
 * without a commit: model/rollup.c). Safe from any thread. */
void db_generation_bump(void);
/* Notice commits made by other connections since this connection's last
 * call (one PRAGMA data_version: other processes, such as the command
 * line writing while the server runs, and this process's other
 * connections), bump the generation if there were any, and return it.
 * A database error is treated as a change. Call once per request, on the
 * thread that owns db. */
unsigned long db_generation_check(struct db *db);

#endif
