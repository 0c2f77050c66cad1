/* store_feeds.c: the SQL of calendar feeds: the feed token of a unit, and
 * the tasks and report deadlines a unit's feed lists. Same rules as
 * store.c: literals at the call site, parameters bound, no transactions
 * here (the model opens them). */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"

int store_feed_set(struct db *db, long long unit_id, const char *token_hash,
                   const char *created_at, long long created_by)
{
	int rc = store_write(db, NULL, "DELETE FROM feed_tokens WHERE unit_id = ?",
	                     "i", unit_id);
	if (!rc)
		rc = store_write(db, NULL,
		             "INSERT INTO feed_tokens (unit_id, token_hash, created_at, created_by)"
		             " VALUES (?, ?, ?, ?)",
		             "ittI", unit_id, token_hash, created_at, created_by);
	return rc;
}

int store_feed_unit(struct db *db, const char *token_hash, long long *unit_id)
{
	return store_read_int(db, unit_id,
	             "SELECT unit_id FROM feed_tokens WHERE token_hash = ?",
	             "t", token_hash);
}

int store_feed_tasks(struct db *db, struct arena *a, long long unit_id,
                     struct feed_task **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT t.id, t.plan_id, p.title, t.content, COALESCE(u.name, t.lead_text),"
	             " t.status, t.end_date, CASE WHEN t.lead_unit_id = ? THEN 1 ELSE 0 END"
	             " FROM tasks t JOIN plans p ON p.id = t.plan_id"
	             " LEFT JOIN units u ON u.id = t.lead_unit_id"
	             " WHERE t.end_date IS NOT NULL AND (t.lead_unit_id = ? OR EXISTS"
	             " (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.unit_id = ?))"
	             " ORDER BY t.end_date, t.id",
	             "iii", unit_id, unit_id, unit_id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct feed_task *e = ARENA_PUSH(a, *out, *n, cap);
		if (!e) {
			rc = PH_ENOMEM;
			break;
		}
		e->id = db_col_int(st, 0);
		e->plan_id = db_col_int(st, 1);
		e->plan_title = store_col(a, st, 2);
		e->content = store_col(a, st, 3);
		e->lead_name = store_col(a, st, 4);
		e->status = store_col(a, st, 5);
		e->end = store_col(a, st, 6);
		e->lead = (int)db_col_int(st, 7);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_feed_deadlines(struct db *db, struct arena *a, long long unit_id,
                         struct feed_deadline **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT d.plan_id, d.position, p.title, d.text, d.kind, d.due_date, d.to_text"
	             " FROM report_deadlines d JOIN plans p ON p.id = d.plan_id"
	             " WHERE d.due_date IS NOT NULL AND d.plan_id IN"
	             " (SELECT t.plan_id FROM tasks t WHERE t.lead_unit_id = ? OR EXISTS"
	             " (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.unit_id = ?))"
	             " ORDER BY d.due_date, d.plan_id, d.position",
	             "ii", unit_id, unit_id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct feed_deadline *e = ARENA_PUSH(a, *out, *n, cap);
		if (!e) {
			rc = PH_ENOMEM;
			break;
		}
		e->plan_id = db_col_int(st, 0);
		e->position = (int)db_col_int(st, 1);
		e->plan_title = store_col(a, st, 2);
		e->text = store_col(a, st, 3);
		e->kind = store_col(a, st, 4);
		e->due = store_col(a, st, 5);
		e->to_text = store_col(a, st, 6);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}
