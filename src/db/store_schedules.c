/* store_schedules.c: the SQL of report schedules (report_schedules,
 * report_schedule_units) and of the plan data a schedule is made from.
 * Same rules as store.c: literals at the call site, parameters bound, no
 * transactions here (the model opens them). */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <string.h>

#define SCHEDULE_COLUMNS \
	"SELECT s.id, s.plan_id, s.deadline_id, s.kind, s.title, s.year, s.period_index," \
	" s.period_start, s.period_end, s.cutoff_start, s.cutoff_end, s.due," \
	" s.receiving_unit_id, r.name, s.rule_kind, s.rule_parent_id, p.name, s.created_at" \
	" FROM report_schedules s JOIN units r ON r.id = s.receiving_unit_id" \
	" LEFT JOIN units p ON p.id = s.rule_parent_id"

/* One row of SCHEDULE_COLUMNS into *s; PH_ENOMEM when a refused a copy. */
static int schedule_row(struct arena *a, struct db_stmt *st, struct schedule *s)
{
	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	s->plan_id = db_col_int(st, 1);
	s->deadline_id = db_col_int(st, 2);
	s->kind = store_col(a, st, 3);
	s->title = store_col(a, st, 4);
	s->year = (int)db_col_int(st, 5);
	s->period_index = (int)db_col_int(st, 6);
	s->period_start = store_col(a, st, 7);
	s->period_end = store_col(a, st, 8);
	s->cutoff_start = store_col(a, st, 9);
	s->cutoff_end = store_col(a, st, 10);
	s->due = store_col(a, st, 11);
	s->receiving_unit_id = db_col_int(st, 12);
	s->receiving_unit_name = store_col(a, st, 13);
	s->rule_kind = store_col(a, st, 14);
	s->rule_parent_id = db_col_int(st, 15);
	s->rule_parent_name = store_col(a, st, 16);
	s->created_at = store_col(a, st, 17);
	return store_mem(a, 0);
}

int store_schedule_insert(struct db *db, const struct schedule *s, long long created_by,
                          const char *created_at, long long *id)
{
	return store_write(db, id,
	    "INSERT INTO report_schedules (plan_id, deadline_id, kind, title, year, period_index,"
	    " period_start, period_end, cutoff_start, cutoff_end, due, receiving_unit_id,"
	    " rule_kind, rule_parent_id, created_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "IIttNNtttttitIIt", s->plan_id, s->deadline_id, s->kind, s->title, s->year,
	    s->period_index, s->period_start, s->period_end, s->cutoff_start, s->cutoff_end,
	    s->due, s->receiving_unit_id, s->rule_kind, s->rule_parent_id, created_by,
	    created_at);
}

int store_schedule_unit_insert(struct db *db, long long schedule_id, long long unit_id)
{
	return store_write(db, NULL,
	    "INSERT INTO report_schedule_units (schedule_id, unit_id) VALUES (?, ?)",
	    "ii", schedule_id, unit_id);
}

int store_schedules_list(struct db *db, struct arena *a, struct schedule **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, SCHEDULE_COLUMNS " ORDER BY s.due, s.id", "");
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct schedule *x = ARENA_PUSH(a, *out, *n, cap);
		rc = x ? schedule_row(a, st, x) : PH_ENOMEM;
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_schedule_get(struct db *db, struct arena *a, long long id, struct schedule *out)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, SCHEDULE_COLUMNS " WHERE s.id = ?", "i", id);
	if (!rc && !(rc = store_one(st)))
		rc = schedule_row(a, st, out);
	db_finalize(st);
	st = NULL;
	size_t cap = 0;
	int s = 0;
	if (!rc)
		rc = store_prepare(db, &st, "SELECT unit_id FROM report_schedule_units"
		                   " WHERE schedule_id = ? ORDER BY unit_id", "i", id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		long long *e = ARENA_PUSH(a, out->unit_ids, out->unit_ids_len, cap);
		if (e)
			*e = db_col_int(st, 0);
		else
			rc = PH_ENOMEM;
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_schedule_submitters(struct db *db, struct arena *a, long long schedule_id,
                              const char *rule_kind, long long rule_parent,
                              const char *due, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	/* Descendants at any depth (the cap guards against a cycle); a NULL
	 * kind matches nothing, so a schedule without a rule gives its list. */
	int rc = store_prepare(db, &st,
	    "WITH RECURSIVE below(id, depth) AS ("
	    " SELECT id, 1 FROM units WHERE parent_id = ?"
	    " UNION ALL"
	    " SELECT u.id, b.depth + 1 FROM units u JOIN below b ON u.parent_id = b.id"
	    " WHERE b.depth < 64)"
	    " SELECT id, key, parent_id, kind, level, name, short_name, valid_from, valid_to,"
	    " successor_id, proposed FROM units"
	    " WHERE (id IN (SELECT id FROM below) AND kind = ? AND proposed = 0"
	    "        AND (valid_from IS NULL OR valid_from <= ?)"
	    "        AND (valid_to IS NULL OR valid_to >= ?))"
	    " OR id IN (SELECT unit_id FROM report_schedule_units WHERE schedule_id = ?)"
	    " ORDER BY id",
	    "ittti", rule_parent, rule_kind, due, due, schedule_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct unit *u = ARENA_PUSH(a, *out, *n, cap);
		if (!u) {
			rc = PH_ENOMEM;
			break;
		}
		u->id = db_col_int(st, 0);
		u->key = store_col(a, st, 1);
		u->parent_id = db_col_int(st, 2);
		u->kind = store_col(a, st, 3);
		u->level = store_col(a, st, 4);
		u->name = store_col(a, st, 5);
		u->short_name = store_col(a, st, 6);
		u->valid_from = store_col(a, st, 7);
		u->valid_to = store_col(a, st, 8);
		u->successor_id = db_col_int(st, 9);
		u->proposed = (int)db_col_int(st, 10);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_plan_deadlines(struct db *db, struct arena *a, long long plan_id,
                         struct store_deadline **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT d.id, d.text, d.kind, d.due_date, d.to_unit_id,"
	    " (SELECT COUNT(*) FROM report_schedules s WHERE s.deadline_id = d.id)"
	    " FROM report_deadlines d WHERE d.plan_id = ? ORDER BY d.position, d.id",
	    "i", plan_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct store_deadline *d = ARENA_PUSH(a, *out, *n, cap);
		if (!d) {
			rc = PH_ENOMEM;
			break;
		}
		d->id = db_col_int(st, 0);
		d->text = store_col(a, st, 1);
		d->kind = store_col(a, st, 2);
		d->due = store_col(a, st, 3);
		d->to_unit_id = db_col_int(st, 4);
		d->scheduled = db_col_int(st, 5) > 0;
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_plan_lead_units(struct db *db, struct arena *a, long long plan_id,
                          long long **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT DISTINCT lead_unit_id FROM tasks"
	    " WHERE plan_id = ? AND lead_unit_id IS NOT NULL ORDER BY lead_unit_id",
	    "i", plan_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		long long *e = ARENA_PUSH(a, *out, *n, cap);
		if (e)
			*e = db_col_int(st, 0);
		else
			rc = PH_ENOMEM;
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_unit_reports_to(struct db *db, long long unit_id, long long receiver_id, int *yes)
{
	long long n = 0;
	/* The units above unit_id (the depth cap guards against a cycle). */
	int rc = store_read_int(db, &n,
	    "WITH RECURSIVE up(id, depth) AS ("
	    " SELECT parent_id, 1 FROM units WHERE id = ? AND parent_id IS NOT NULL"
	    " UNION ALL"
	    " SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id"
	    " WHERE u.parent_id IS NOT NULL AND up.depth < 64)"
	    " SELECT COUNT(*) FROM report_schedules s WHERE s.receiving_unit_id = ?"
	    " AND (EXISTS (SELECT 1 FROM report_schedule_units su"
	    "              WHERE su.schedule_id = s.id AND su.unit_id = ?)"
	    "      OR (s.rule_parent_id IN (SELECT id FROM up)"
	    "          AND EXISTS (SELECT 1 FROM units x WHERE x.id = ? AND x.kind = s.rule_kind"
	    "                      AND x.proposed = 0"
	    "                      AND (x.valid_from IS NULL OR x.valid_from <= s.due)"
	    "                      AND (x.valid_to IS NULL OR x.valid_to >= s.due))))",
	    "iiii", unit_id, receiver_id, unit_id, unit_id);
	*yes = !rc && n > 0;
	return rc;
}
