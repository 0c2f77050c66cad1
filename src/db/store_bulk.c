/* store_bulk.c: bulk loading for generated data sets (`phoihop demo`):
 * units and indicator values inserted through one prepared statement each,
 * reused row after row, inside a transaction the caller opens. Also the
 * reads the demo command needs to decide whether a database is empty. */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <stdlib.h>

struct store_bulk {
	struct db *db;
	struct db_stmt *st;
	int units; /* 1: the unit insert (RETURNING id), 0: values */
};

int store_bulk_open(struct db *db, int units, struct store_bulk **out)
{
	*out = NULL;
	struct store_bulk *b = calloc(1, sizeof *b);
	if (!b)
		return PH_ENOMEM;
	b->db = db;
	b->units = units;
	int rc = units
	    ? db_prepare(db, "INSERT INTO units (key, parent_id, kind, level, name, short_name,"
	                 " proposed) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id", &b->st)
	    : db_prepare(db, "INSERT INTO indicator_values (indicator_id, unit_id, period,"
	                 " numerator, denominator, source, updated_by, updated_at)"
	                 " VALUES (?, ?, ?, ?, ?, ?, NULL, ?)", &b->st);
	if (rc) {
		free(b);
		return rc;
	}
	*out = b;
	return 0;
}

int store_bulk_unit(struct store_bulk *b, const char *key, long long parent_id,
                    const char *kind, const char *level, const char *name,
                    const char *short_name, long long *id)
{
	struct db_stmt *st = b->st;
	int rc = PH_EDB;
	if (!b->units || db_reset(st) || db_bind_text(st, 1, key) ||
	    (parent_id ? db_bind_int(st, 2, parent_id) : db_bind_null(st, 2)) ||
	    db_bind_text(st, 3, kind) || db_bind_text(st, 4, level) ||
	    db_bind_text(st, 5, name) || db_bind_text(st, 6, short_name))
		return rc;
	int s = db_step(st);
	if (s == DB_ROW) {
		*id = db_col_int(st, 0);
		s = db_step(st);
		rc = s == DB_DONE ? 0 : PH_EDB;
	}
	return s < 0 ? -s : rc;
}

int store_bulk_value(struct store_bulk *b, long long indicator, long long unit,
                     const char *period, double num, int has_den, double den,
                     const char *source, const char *at)
{
	struct db_stmt *st = b->st;
	if (b->units || db_reset(st) || db_bind_int(st, 1, indicator) ||
	    db_bind_int(st, 2, unit) || db_bind_text(st, 3, period) ||
	    db_bind_double(st, 4, num) ||
	    (has_den ? db_bind_double(st, 5, den) : db_bind_null(st, 5)) ||
	    db_bind_text(st, 6, source) || db_bind_text(st, 7, at))
		return PH_EDB;
	int s = db_step(st);
	return s == DB_DONE ? 0 : s < 0 ? -s : PH_EDB;
}

void store_bulk_close(struct store_bulk *b)
{
	if (!b)
		return;
	db_finalize(b->st);
	free(b);
}

int store_bulk_counts(struct db *db, long long *plans, long long *values)
{
	int rc = store_read_int(db, plans, "SELECT COUNT(*) FROM plans", "");
	if (!rc)
		rc = store_read_int(db, values, "SELECT COUNT(*) FROM indicator_values", "");
	return rc;
}
