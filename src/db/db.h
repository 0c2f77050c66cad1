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

/* One writer at a time. SQLite 3.40 (Debian 12) can corrupt a WAL database
 * when two connections write or checkpoint at the same instant (the
 * WAL-reset bug, sqlite.org/wal.html#walresetbug, fixed in 3.51.3), so
 * every write of this program runs under one write lock: a process-wide
 * lock for the server's worker threads and an advisory lock (flock) on the
 * file PATH-lock beside the database for other processes (the command
 * line from cron, an import). db_begin takes it and db_commit/db_rollback
 * release it; a write statement run outside a transaction (db_step,
 * db_exec) takes it for its own duration. Checkpoints are run only by the
 * connection that holds it, after a commit that left the write-ahead log
 * over DB_CHECKPOINT_PAGES pages; closing a connection checkpoints under
 * it too. A writer that cannot get it within DB_WRITE_WAIT_MS gets
 * PH_EBUSY, never PH_EDB. */
#define DB_WRITE_WAIT_MS 5000
#define DB_CHECKPOINT_PAGES 1000

/* Open (creating when absent) the database at path for reading and
 * writing, turn on foreign keys and WAL, and apply pending migrations.
 * Fails with PH_EREADONLY when the file or its folder cannot be written
 * (the database, its -wal or the lock file), PH_EIO for a path that is a
 * directory or a file that is not a database, PH_ESCHEMA for a database
 * newer than this binary, PH_EBUSY when migrations must wait too long for
 * the write lock, PH_EDB otherwise; why is written into err. *out is owned
 * by the caller: db_close(). */
int db_open(const char *path, struct db **out, char *err, size_t errlen);
/* Open an existing database for reading only: no file is created (not
 * the database, not the lock file), WAL is not switched on and nothing is
 * migrated; every write through it fails with PH_EREADONLY. A database in
 * a folder this process cannot write is read in place when it has no
 * write-ahead log (SQLite's immutable mode). PH_ENOTFOUND when there is
 * no file at path, PH_EIO for a directory or a file that is not a
 * database (or a WAL that cannot be read), PH_ESCHEMAOLD for a database
 * that needs migrating first, PH_ESCHEMA for one newer than this binary;
 * why is written into err. Close with db_close(). */
int db_open_readonly(const char *path, struct db **out, char *err, size_t errlen);
/* Close; rolls back a transaction left open and releases the write lock.
 * NULL is ignored. */
void db_close(struct db *db);

/* Make the statement db is running, and every later one, fail (db_step
 * returns a negated PH_EDB) until db_close: for stopping a server whose
 * workers may be in the middle of a long read. Safe from another thread
 * while the owner uses db (not once db_close may have started); calling
 * it again does no harm. A thread waiting for the write lock with db
 * stops waiting too. */
void db_interrupt(struct db *db);

/* Why the last operation of db failed, in English: kept from the failure
 * itself (a rollback after it does not clear it) until the next db_begin
 * or failure. Borrowed until then. */
const char *db_errmsg(struct db *db);

/* Transactions. One write use case = one transaction. db_begin takes the
 * write lock (waiting at most DB_WRITE_WAIT_MS: PH_EBUSY) and starts an
 * immediate transaction; db_commit and db_rollback end it and release the
 * lock (also when the commit fails: then roll back, which is still
 * needed and safe). db_rollback with no transaction open returns 0. */
int db_begin(struct db *db);
/* db_begin without waiting: PH_EBUSY at once, and nothing said on stderr,
 * when another connection or process holds the write lock (or SQLite's
 * own write lock is taken). For writes that may as well not happen, such
 * as a session's sliding expiry on a read: a reader never waits for
 * DB_WRITE_WAIT_MS behind an import. Ends as db_begin's transaction
 * does. */
int db_try_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);

/* Run literal SQL without parameters (schema, pragmas), statement by
 * statement; one that writes outside a transaction takes the write lock
 * for its duration. 0 or the error code (PH_EBUSY, PH_EREADONLY,
 * PH_EDB...). */
int db_exec(struct db *db, const char *sql);

/* Prepare sql. 0 or an error code (PH_EDB; PH_EIO when the file is not
 * a database). Finalize with db_finalize(). */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* Parameters are 1-based. A NULL text binds SQL NULL. Text is copied. */
int db_bind_text(struct db_stmt *st, int i, const char *s);
int db_bind_int(struct db_stmt *st, int i, long long v);
int db_bind_double(struct db_stmt *st, int i, double v);
int db_bind_null(struct db_stmt *st, int i);
/* Bind n bytes at p as a BLOB (copied). n may be 0 (an empty BLOB). */
int db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n);
/* DB_ROW, DB_DONE, or a negated error code on error: -PH_EDB, -PH_EBUSY
 * (a write statement outside a transaction that could not get the write
 * lock in time), -PH_EREADONLY, -PH_ENOMEM. An interrupted statement
 * (db_interrupt) fails too, never ends as DB_DONE. store_sql.h maps it
 * back (store_step_rc). */
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

/* Whether the database has a table called name: 0 with *yes set, or an
 * error code. */
int db_has_table(struct db *db, const char *name, int *yes);

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
