/* store_indicators.c: the SQL of indicators (indicators,
 * indicator_targets, indicator_values) and the two reads the in-memory
 * roll-ups are built from. Same rules as store.c: literals at the call
 * site, parameters bound, no transactions here. */
#include "db/store_indicators.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <string.h>

#define IND_COLUMNS \
	"SELECT i.id, i.code, i.name, i.measure, i.type, i.aggregation, i.levels, i.kinds," \
	" i.year_from, i.year_to, i.created_at, i.owner_unit_id, u.name, u.level" \
	" FROM indicators i LEFT JOIN units u ON u.id = i.owner_unit_id"

/* One row of IND_COLUMNS into *o; PH_ENOMEM when a refused a copy. */
static int ind_row(struct arena *a, struct db_stmt *st, struct indicator *o)
{
	memset(o, 0, sizeof *o);
	o->id = db_col_int(st, 0);
	o->code = store_col(a, st, 1);
	o->name = store_col(a, st, 2);
	o->measure = store_col(a, st, 3);
	o->type = store_col(a, st, 4);
	o->aggregation = store_col(a, st, 5);
	o->levels = store_col(a, st, 6);
	o->kinds = store_col(a, st, 7);
	o->year_from = (int)db_col_int(st, 8);
	o->year_to = (int)db_col_int(st, 9);
	o->created_at = store_col(a, st, 10);
	o->owner_unit_id = db_col_int(st, 11);
	o->owner_name = store_col(a, st, 12);
	o->owner_level = store_col(a, st, 13);
	return store_mem(a, 0);
}

int store_indicator_insert(struct db *db, const struct indicator *in, const char *created_at,
                           long long *id)
{
	return store_write(db, id,
	    "INSERT INTO indicators (code, name, measure, type, aggregation, levels, kinds,"
	    " year_from, year_to, created_at, owner_unit_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "tttttttNNtI", in->code, in->name, in->measure, in->type, in->aggregation,
	    in->levels, in->kinds, in->year_from, in->year_to, created_at, in->owner_unit_id);
}

int store_indicator_get(struct db *db, struct arena *a, long long id, struct indicator *out)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, IND_COLUMNS " WHERE i.id = ?", "i", id);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW)
			rc = ind_row(a, st, out);
		else
			rc = s < 0 ? -s : PH_ENOTFOUND;
	}
	db_finalize(st);
	return rc;
}

int store_indicator_by_code(struct db *db, const char *code, long long *id)
{
	return store_read_int(db, id, "SELECT id FROM indicators WHERE code = ?", "t", code);
}

int store_indicators_list(struct db *db, struct arena *a, struct indicator **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, IND_COLUMNS " ORDER BY i.code", "");
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct indicator *o = ARENA_PUSH(a, *out, *n, cap);
		rc = o ? ind_row(a, st, o) : PH_ENOMEM;
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_indicator_target_set(struct db *db, long long id, int year, const char *level,
                               const char *op, double value)
{
	int rc = store_write(db, NULL,
	    "DELETE FROM indicator_targets WHERE indicator_id = ? AND year = ? AND level = ?",
	    "int", id, year, level);
	if (!rc)
		rc = store_write(db, NULL,
		    "INSERT INTO indicator_targets (indicator_id, year, level, op, value)"
		    " VALUES (?, ?, ?, ?, ?)", "inttd", id, year, level, op, value);
	return rc;
}

int store_indicator_targets(struct db *db, struct arena *a, long long id,
                            struct indicator_target **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT year, level, op, value FROM indicator_targets WHERE indicator_id = ?"
	    " ORDER BY year, level", "i", id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct indicator_target *t = ARENA_PUSH(a, *out, *n, cap);
		if (!t) {
			rc = PH_ENOMEM;
			break;
		}
		t->year = (int)db_col_int(st, 0);
		t->level = store_col(a, st, 1);
		t->op = store_col(a, st, 2);
		t->value = db_col_double(st, 3);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_indicator_value_get(struct db *db, long long id, long long unit_id,
                              const char *period, double *num, double *den, int *has_den)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st,
	    "SELECT numerator, denominator FROM indicator_values"
	    " WHERE indicator_id = ? AND unit_id = ? AND period = ?", "iit", id, unit_id, period);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW) {
			*num = db_col_double(st, 0);
			*has_den = !db_col_is_null(st, 1);
			*den = *has_den ? db_col_double(st, 1) : 0;
		} else {
			rc = s < 0 ? -s : PH_ENOTFOUND;
		}
	}
	db_finalize(st);
	return rc;
}

int store_indicator_value_put(struct db *db, long long id, long long unit_id,
                              const char *period, double num, const double *den,
                              const char *source, long long updated_by, const char *at)
{
	int rc = store_write(db, NULL,
	    "DELETE FROM indicator_values WHERE indicator_id = ? AND unit_id = ? AND period = ?",
	    "iit", id, unit_id, period);
	if (rc)
		return rc;
	if (den)
		return store_write(db, NULL,
		    "INSERT INTO indicator_values (indicator_id, unit_id, period, numerator,"
		    " denominator, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    "iitddtIt", id, unit_id, period, num, *den, source, updated_by, at);
	return store_write(db, NULL,
	    "INSERT INTO indicator_values (indicator_id, unit_id, period, numerator,"
	    " denominator, source, updated_by, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
	    "iitdtIt", id, unit_id, period, num, source, updated_by, at);
}

int store_indicator_values(struct db *db, struct arena *a, long long id, const char *period,
                           struct indicator_value **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT v.unit_id, u.name, v.period, v.numerator, v.denominator, v.source,"
	    " v.updated_at FROM indicator_values v JOIN units u ON u.id = v.unit_id"
	    " WHERE v.indicator_id = ? AND v.period = ? ORDER BY u.name, v.unit_id",
	    "it", id, period);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct indicator_value *v = ARENA_PUSH(a, *out, *n, cap);
		if (!v) {
			rc = PH_ENOMEM;
			break;
		}
		v->unit_id = db_col_int(st, 0);
		v->unit_name = store_col(a, st, 1);
		v->period = store_col(a, st, 2);
		v->num = db_col_double(st, 3);
		v->has_den = !db_col_is_null(st, 4);
		v->den = v->has_den ? db_col_double(st, 4) : 0;
		v->source = store_col(a, st, 5);
		v->updated_at = store_col(a, st, 6);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_indicator_values_each(struct db *db, long long id, const char *period,
                                int (*fn)(void *ctx, long long unit_id, double num,
                                          double den, int has_den),
                                void *ctx)
{
	struct db_stmt *st = NULL;
	int s = DB_DONE;
	int rc = store_prepare(db, &st,
	    "SELECT unit_id, numerator, denominator FROM indicator_values"
	    " WHERE indicator_id = ? AND period = ?", "it", id, period);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		int hd = !db_col_is_null(st, 2);
		rc = fn(ctx, db_col_int(st, 0), db_col_double(st, 1),
		        hd ? db_col_double(st, 2) : 0, hd);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_indicator_units_each(struct db *db,
                               int (*fn)(void *ctx, long long id, long long parent,
                                         long long successor, const char *valid_to,
                                         const char *level, const char *kind),
                               void *ctx)
{
	struct db_stmt *st = NULL;
	int s = DB_DONE;
	int rc = store_prepare(db, &st,
	    "SELECT id, parent_id, successor_id, valid_to, level, kind FROM units ORDER BY id", "");
	while (!rc && (s = db_step(st)) == DB_ROW)
		rc = fn(ctx, db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2),
		        db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5));
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}
