/* store_reports.c: the SQL of report submissions (report_submissions,
 * submission_sections, submission_tasks, submission_values) and the audit read that gives a
 * task's status on a past day. Same rules as store.c: literals at the
 * call site, parameters bound, no transactions here (the model opens
 * them). Writes to a version's content or submission touch only rows
 * still in the state the use case expects (a draft), so a submitted
 * version cannot change even through a careless caller. */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <string.h>

int store_report_versions(struct db *db, struct arena *a, long long schedule_id,
                          long long unit_id, struct report_version **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT r.id, r.version, r.status, c.login, r.created_at, r.updated_at,"
	    " s.login, r.submitted_at, v.login, r.reviewed_at, r.review_comment"
	    " FROM report_submissions r LEFT JOIN users c ON c.id = r.created_by"
	    " LEFT JOIN users s ON s.id = r.submitted_by LEFT JOIN users v ON v.id = r.reviewed_by"
	    " WHERE r.schedule_id = ? AND r.unit_id = ? ORDER BY r.version DESC",
	    "ii", schedule_id, unit_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct report_version *v = ARENA_PUSH(a, *out, *n, cap);
		if (!v) {
			rc = PH_ENOMEM;
			break;
		}
		memset(v, 0, sizeof *v);
		v->id = db_col_int(st, 0);
		v->version = (int)db_col_int(st, 1);
		v->status = store_col(a, st, 2);
		v->created_by = store_col(a, st, 3);
		v->created_at = store_col(a, st, 4);
		v->updated_at = store_col(a, st, 5);
		v->submitted_by = store_col(a, st, 6);
		v->submitted_at = store_col(a, st, 7);
		v->reviewed_by = store_col(a, st, 8);
		v->reviewed_at = store_col(a, st, 9);
		v->review_comment = store_col(a, st, 10);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_report_sections(struct db *db, struct arena *a, long long submission_id,
                          struct report_section **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT section_id, title, text FROM submission_sections"
	    " WHERE submission_id = ? ORDER BY position", "i", submission_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct report_section *x = ARENA_PUSH(a, *out, *n, cap);
		if (!x) {
			rc = PH_ENOMEM;
			break;
		}
		x->section_id = db_col_int(st, 0);
		x->title = store_col(a, st, 1);
		x->text = store_col(a, st, 2);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_report_tasks(struct db *db, struct arena *a, long long submission_id,
                       struct report_task **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT x.task_id, t.no, t.content, x.status, x.note FROM submission_tasks x"
	    " JOIN tasks t ON t.id = x.task_id WHERE x.submission_id = ?"
	    " ORDER BY t.plan_id, t.position, t.id", "i", submission_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct report_task *x = ARENA_PUSH(a, *out, *n, cap);
		if (!x) {
			rc = PH_ENOMEM;
			break;
		}
		x->task_id = db_col_int(st, 0);
		x->no = store_col(a, st, 1);
		x->content = store_col(a, st, 2);
		x->status = store_col(a, st, 3);
		x->note = store_col(a, st, 4);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_report_values(struct db *db, struct arena *a, long long submission_id,
                        struct report_value **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT v.indicator_id, i.code, i.name, i.measure, i.type, v.numerator,"
	    " v.denominator FROM submission_values v JOIN indicators i ON i.id = v.indicator_id"
	    " WHERE v.submission_id = ? ORDER BY i.code", "i", submission_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct report_value *x = ARENA_PUSH(a, *out, *n, cap);
		if (!x) {
			rc = PH_ENOMEM;
			break;
		}
		x->indicator_id = db_col_int(st, 0);
		x->code = store_col(a, st, 1);
		x->name = store_col(a, st, 2);
		x->measure = store_col(a, st, 3);
		x->type = store_col(a, st, 4);
		x->has_value = 1;
		x->num = db_col_double(st, 5);
		x->has_den = !db_col_is_null(st, 6);
		x->den = x->has_den ? db_col_double(st, 6) : 0;
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_report_value_insert(struct db *db, long long id, long long indicator_id,
                              const char *period, double num, const double *den)
{
	if (den)
		return store_write(db, NULL,
		    "INSERT INTO submission_values (submission_id, indicator_id, period, numerator,"
		    " denominator) VALUES (?, ?, ?, ?, ?)", "iitdd", id, indicator_id, period, num,
		    *den);
	return store_write(db, NULL,
	    "INSERT INTO submission_values (submission_id, indicator_id, period, numerator)"
	    " VALUES (?, ?, ?, ?)", "iitd", id, indicator_id, period, num);
}

int store_report_insert(struct db *db, long long schedule_id, long long unit_id,
                        int version, long long created_by, const char *at, long long *id)
{
	return store_write(db, id,
	    "INSERT INTO report_submissions (schedule_id, unit_id, version, status,"
	    " created_by, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
	    "iinItt", schedule_id, unit_id, version, created_by, at, at);
}

int store_report_clear_draft(struct db *db, long long id, const char *at)
{
	int rc = store_write(db, NULL,
	    "DELETE FROM submission_sections WHERE submission_id IN"
	    " (SELECT id FROM report_submissions WHERE id = ? AND status = 'draft')", "i", id);
	if (!rc)
		rc = store_write(db, NULL,
		    "DELETE FROM submission_tasks WHERE submission_id IN"
		    " (SELECT id FROM report_submissions WHERE id = ? AND status = 'draft')", "i", id);
	if (!rc)
		rc = store_write(db, NULL,
		    "DELETE FROM submission_values WHERE submission_id IN"
		    " (SELECT id FROM report_submissions WHERE id = ? AND status = 'draft')", "i", id);
	if (!rc)
		rc = store_write(db, NULL,
		    "UPDATE report_submissions SET updated_at = ? WHERE id = ? AND status = 'draft'",
		    "ti", at, id);
	return rc;
}

int store_report_section_insert(struct db *db, long long id, int pos, long long section_id,
                                const char *title, const char *text)
{
	return store_write(db, NULL,
	    "INSERT INTO submission_sections (submission_id, position, section_id, title, text)"
	    " VALUES (?, ?, ?, ?, ?)", "inItt", id, pos, section_id, title, text);
}

int store_report_task_insert(struct db *db, long long id, long long task_id,
                             const char *status, const char *note)
{
	return store_write(db, NULL,
	    "INSERT INTO submission_tasks (submission_id, task_id, status, note)"
	    " VALUES (?, ?, ?, ?)", "iitt", id, task_id, status, note);
}

int store_report_set_submitted(struct db *db, long long id, long long user_id, const char *at)
{
	return store_write(db, NULL,
	    "UPDATE report_submissions SET status = 'submitted', submitted_by = ?,"
	    " submitted_at = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
	    "Itti", user_id, at, at, id);
}

int store_report_set_reviewed(struct db *db, long long id, const char *status,
                              long long user_id, const char *at, const char *comment)
{
	return store_write(db, NULL,
	    "UPDATE report_submissions SET status = ?, reviewed_by = ?, reviewed_at = ?,"
	    " review_comment = ? WHERE id = ? AND status = 'submitted'",
	    "tItti", status, user_id, at, comment, id);
}

int store_task_status_after(struct db *db, struct arena *a, long long task_id,
                            const char *after, char **before_json)
{
	struct db_stmt *st = NULL;
	*before_json = NULL;
	int rc = store_prepare(db, &st,
	    "SELECT before_json FROM audit_log WHERE entity = 'task' AND entity_id = ?"
	    " AND action = 'task.status' AND at > ? ORDER BY at, id LIMIT 1",
	    "it", task_id, after);
	int s = rc ? 0 : db_step(st);
	if (!rc && s == DB_ROW) {
		*before_json = store_col(a, st, 0);
		rc = store_mem(a, 0);
	} else if (!rc && s < 0) {
		rc = -s;
	}
	db_finalize(st);
	return rc;
}

int store_report_rows(struct db *db, struct arena *a, long long schedule_id,
                      struct store_report_row **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT unit_id, version, status, submitted_at FROM report_submissions"
	    " WHERE schedule_id = ? ORDER BY unit_id, version", "i", schedule_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct store_report_row *x = ARENA_PUSH(a, *out, *n, cap);
		if (!x) {
			rc = PH_ENOMEM;
			break;
		}
		x->unit_id = db_col_int(st, 0);
		x->version = (int)db_col_int(st, 1);
		x->status = store_col(a, st, 2);
		x->submitted_at = store_col(a, st, 3);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}
