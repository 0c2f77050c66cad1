/* store_sql.h: helpers the store_*.c files share to run their SQL
 * literals with bound parameters. Internal to src/db/. */
#ifndef PH_STORE_SQL_H
#define PH_STORE_SQL_H
#include <stdarg.h>
#include "base/arena.h"
#include "base/err.h"

struct db;
struct db_stmt;

/* Bind parameters by a format: t text (NULL = SQL NULL), i long long,
 * I long long id where 0 binds NULL, n int, N int where 0 binds NULL,
 * d double, b BLOB (two arguments: const void *, size_t). 0 or an error
 * code. */
int store_bindv(struct db_stmt *st, const char *fmt, va_list ap);

/* Run a write. When id is not NULL the SQL ends in RETURNING id and *id
 * receives it. 0, PH_EBUSY (outside a transaction: the write lock could
 * not be had in time), PH_EREADONLY or PH_EDB. */
int store_write(struct db *db, long long *id, const char *sql, const char *fmt, ...);

/* Run a one-row, one-integer read. PH_ENOTFOUND when there is no row. */
int store_read_int(struct db *db, long long *out, const char *sql, const char *fmt, ...);

/* Prepare sql and bind its parameters by fmt; the caller steps and
 * finalizes *st. On failure *st is NULL. */
int store_prepare(struct db *db, struct db_stmt **st, const char *sql, const char *fmt, ...);

/* Step st to its one row: 0 when there is one, PH_ENOTFOUND when none,
 * the error code (PH_EDB, PH_EBUSY, ...) on error. */
int store_one(struct db_stmt *st);

/* The status of a step loop once it stopped at s (db_step's last
 * answer): 0 for DB_DONE or DB_ROW (the caller stopped early), else the
 * code db_step returned negated (PH_EBUSY, PH_EDB, ...), so that "busy"
 * reaches the answer as itself. */
static inline int store_step_rc(int s) { return s < 0 ? -s : 0; }

/* Column i as a string copied into a (NULL for SQL NULL, and NULL when
 * a refuses the memory: a row reader tells the two apart by checking
 * store_mem once the row is copied). */
char *store_col(struct arena *a, struct db_stmt *st, int i);

/* The status of a read into a once its copies are made: rc when set,
 * else PH_ENOMEM when a has refused memory (arena_failed is sticky, so
 * one check after a row's store_col calls covers them all, and a record
 * with a hole where a column had text never passes for a whole one),
 * else 0. */
static inline int store_mem(const struct arena *a, int rc)
{
	return rc ? rc : arena_failed(a) ? PH_ENOMEM : 0;
}

#endif
