/* store_withdraw.c: the SQL of withdrawing an import (model/withdraw.c):
 * counting what a plan and its document hold and what was recorded
 * against them, finding the indicators and proposed units the import
 * made, and deleting it all, children first, so that no foreign key is
 * left dangling. Same rules as store.c: literals at the call site,
 * parameters bound, no transactions here (the model opens one). */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <stddef.h>
#include <string.h>

/* The tasks, sections, deadlines and schedules of plan ?: subqueries the
 * statements below share (each takes the plan id once, or twice for
 * SCHEDULES). */
#define TASKS "(SELECT id FROM tasks WHERE plan_id = ?)"
#define SECTIONS "(SELECT id FROM sections WHERE plan_id = ?)"
#define SCHEDULES "(SELECT id FROM report_schedules WHERE plan_id = ? OR deadline_id IN" \
	" (SELECT id FROM report_deadlines WHERE plan_id = ?))"

/* One count: sql takes the plan id nplan times, or the document id once
 * when doc is set. */
struct count_sql {
	size_t off;   /* offset of the field in struct store_withdraw_counts */
	int nplan;
	int doc;
	const char *sql;
};

#define F(f) offsetof(struct store_withdraw_counts, f)
static const struct count_sql counts[] = {
	{F(tasks), 1, 0, "SELECT COUNT(*) FROM tasks WHERE plan_id = ?"},
	{F(sections), 1, 0, "SELECT COUNT(*) FROM sections WHERE plan_id = ?"},
	{F(coordinators), 1, 0, "SELECT COUNT(*) FROM task_coordinators WHERE task_id IN " TASKS},
	{F(deadlines), 1, 0, "SELECT COUNT(*) FROM report_deadlines WHERE plan_id = ?"},
	{F(targets), 1, 0, "SELECT COUNT(*) FROM targets WHERE plan_id = ?"},
	{F(references), 0, 1, "SELECT COUNT(*) FROM legal_references WHERE document_id = ?"},
	{F(recipients), 0, 1, "SELECT COUNT(*) FROM recipients WHERE document_id = ?"},
	{F(signers), 0, 1, "SELECT COUNT(*) FROM signers WHERE document_id = ?"},
	{F(review_items), 0, 1, "SELECT COUNT(*) FROM review_items WHERE document_id = ?"},
	{F(schedules), 2, 0, "SELECT COUNT(*) FROM report_schedules WHERE id IN " SCHEDULES},
	{F(schedule_units), 2, 0,
	 "SELECT COUNT(*) FROM report_schedule_units WHERE schedule_id IN " SCHEDULES},
	{F(notices), 2, 0, "SELECT COUNT(*) FROM notices WHERE schedule_id IN " SCHEDULES},
	{F(changed_status), 1, 0,
	 "SELECT COUNT(*) FROM tasks WHERE plan_id = ? AND status <> 'not_started'"},
	{F(task_history), 1, 0,
	 "SELECT COUNT(*) FROM audit_log WHERE entity = 'task' AND entity_id IN " TASKS},
	{F(notes), 1, 0, "SELECT COUNT(*) FROM task_notes WHERE task_id IN " TASKS},
	{F(files), 1, 0, "SELECT COUNT(*) FROM attachments WHERE task_id IN " TASKS},
	{F(reports), 2, 0, "SELECT COUNT(*) FROM report_submissions WHERE schedule_id IN " SCHEDULES},
	{F(report_tasks), 1, 0, "SELECT COUNT(*) FROM submission_tasks WHERE task_id IN " TASKS},
	{F(report_sections), 1, 0,
	 "SELECT COUNT(*) FROM submission_sections WHERE section_id IN " SECTIONS},
};
#undef F

int store_withdraw_counts(struct db *db, long long plan_id, long long doc_id,
                          struct store_withdraw_counts *out)
{
	memset(out, 0, sizeof *out);
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof counts / sizeof *counts; i++) {
		const struct count_sql *c = &counts[i];
		long long *field = (long long *)(void *)((char *)out + c->off);
		if (c->doc)
			rc = store_read_int(db, field, c->sql, "i", doc_id);
		else if (c->nplan == 2)
			rc = store_read_int(db, field, c->sql, "ii", plan_id, plan_id);
		else
			rc = store_read_int(db, field, c->sql, "i", plan_id);
	}
	return rc;
}

int store_withdraw_import_entry(struct db *db, long long plan_id, long long *user_id,
                                long long *unit_id)
{
	struct db_stmt *st = NULL;
	*user_id = *unit_id = 0;
	int rc = store_prepare(db, &st,
	             "SELECT COALESCE(user_id, 0), COALESCE(unit_id, 0) FROM audit_log"
	             " WHERE action = 'document.import' AND entity = 'plan' AND entity_id = ?"
	             " ORDER BY id LIMIT 1",
	             "i", plan_id);
	if (!rc && !(rc = store_one(st))) {
		*user_id = db_col_int(st, 0);
		*unit_id = db_col_int(st, 1);
	}
	db_finalize(st);
	return rc;
}

/* Ids of one integer column into *ids (arena a) and *n. */
static int read_ids(struct db_stmt *st, struct arena *a, long long **ids, size_t *n)
{
	size_t cap = 0;
	int s = 0, rc = 0;
	while ((s = db_step(st)) == DB_ROW) {
		long long *e = ARENA_PUSH(a, *ids, *n, cap);
		if (!e) {
			rc = PH_ENOMEM;
			break;
		}
		*e = db_col_int(st, 0);
	}
	return rc ? rc : store_step_rc(s);
}

int store_withdraw_leads(struct db *db, struct arena *a, long long plan_id, long long **ids,
                         size_t *n)
{
	struct db_stmt *st = NULL;
	*ids = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT DISTINCT lead_unit_id FROM tasks WHERE plan_id = ?"
	             " AND lead_unit_id IS NOT NULL ORDER BY lead_unit_id",
	             "i", plan_id);
	if (!rc)
		rc = read_ids(st, a, ids, n);
	db_finalize(st);
	return rc;
}

int store_withdraw_imported_indicators(struct db *db, struct arena *a,
                                       struct store_withdraw_ind **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT a.entity_id, a.after_json FROM audit_log a"
	             " JOIN indicators i ON i.id = a.entity_id"
	             " WHERE a.action = 'indicator.import' AND a.entity = 'indicator'"
	             " ORDER BY a.id",
	             "");
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct store_withdraw_ind *e = ARENA_PUSH(a, *out, *n, cap);
		if (!e) {
			rc = PH_ENOMEM;
			break;
		}
		e->id = db_col_int(st, 0);
		e->after = store_col(a, st, 1);
		rc = store_mem(a, 0);
	}
	if (!rc)
		rc = store_step_rc(s);
	db_finalize(st);
	return rc;
}

int store_withdraw_indicator_values(struct db *db, long long id, long long *n)
{
	return store_read_int(db, n,
	             "SELECT (SELECT COUNT(*) FROM indicator_values WHERE indicator_id = ?)"
	             " + (SELECT COUNT(*) FROM submission_values WHERE indicator_id = ?)",
	             "ii", id, id);
}

int store_withdraw_proposed(struct db *db, struct arena *a, long long plan_id,
                            long long **ids, size_t *n)
{
	struct db_stmt *st = NULL;
	*ids = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT id FROM units WHERE proposed = 1 AND key LIKE 'proposed.%' AND id IN"
	             " (SELECT lead_unit_id FROM tasks WHERE plan_id = ?"
	             "  UNION SELECT unit_id FROM task_coordinators WHERE task_id IN " TASKS
	             "  UNION SELECT to_unit_id FROM report_deadlines WHERE plan_id = ?)"
	             " ORDER BY id",
	             "iii", plan_id, plan_id, plan_id);
	if (!rc)
		rc = read_ids(st, a, ids, n);
	db_finalize(st);
	return rc;
}

int store_withdraw_unit_used(struct db *db, long long unit_id, long long plan_id, int *used)
{
	long long v = 0;
	/* Every column that refers to units(id), but the rows of plan_id
	 * itself and of its schedules (which the withdrawal removes). */
	int rc = store_read_int(db, &v,
	    "SELECT CASE WHEN"
	    " EXISTS (SELECT 1 FROM tasks WHERE lead_unit_id = ? AND plan_id <> ?)"
	    " OR EXISTS (SELECT 1 FROM task_coordinators c JOIN tasks t ON t.id = c.task_id"
	    "            WHERE c.unit_id = ? AND t.plan_id <> ?)"
	    " OR EXISTS (SELECT 1 FROM report_deadlines WHERE to_unit_id = ? AND plan_id <> ?)"
	    " OR EXISTS (SELECT 1 FROM units WHERE parent_id = ? OR successor_id = ?)"
	    " OR EXISTS (SELECT 1 FROM unit_aliases WHERE unit_id = ?)"
	    " OR EXISTS (SELECT 1 FROM users WHERE unit_id = ?)"
	    " OR EXISTS (SELECT 1 FROM report_schedules WHERE (receiving_unit_id = ?"
	    "            OR rule_parent_id = ?) AND id NOT IN " SCHEDULES ")"
	    " OR EXISTS (SELECT 1 FROM report_schedule_units WHERE unit_id = ?"
	    "            AND schedule_id NOT IN " SCHEDULES ")"
	    " OR EXISTS (SELECT 1 FROM notices WHERE unit_id = ? AND schedule_id NOT IN " SCHEDULES ")"
	    " OR EXISTS (SELECT 1 FROM report_submissions WHERE unit_id = ?)"
	    " OR EXISTS (SELECT 1 FROM indicator_values WHERE unit_id = ?)"
	    " OR EXISTS (SELECT 1 FROM indicators WHERE owner_unit_id = ?)"
	    " OR EXISTS (SELECT 1 FROM feed_tokens WHERE unit_id = ?)"
	    " OR EXISTS (SELECT 1 FROM unit_parent_history WHERE unit_id = ? OR parent_id = ?)"
	    " OR EXISTS (SELECT 1 FROM audit_log WHERE unit_id = ?"
	    "            OR (entity = 'unit' AND entity_id = ?))"
	    " THEN 1 ELSE 0 END",
	    "iiiiiiiiiiiiiiiiiiiiiiiiiiii",
	    unit_id, plan_id, unit_id, plan_id, unit_id, plan_id, unit_id, unit_id, unit_id,
	    unit_id, unit_id, unit_id, plan_id, plan_id, unit_id, plan_id, plan_id, unit_id,
	    plan_id, plan_id, unit_id, unit_id, unit_id, unit_id, unit_id, unit_id, unit_id,
	    unit_id);
	*used = v != 0;
	return rc;
}

int store_withdraw_delete_plan(struct db *db, long long plan_id, long long doc_id)
{
	/* Children first, each in its own statement, so that every foreign
	 * key holds after each one (whatever ON DELETE says). */
	int rc = store_write(db, NULL,
	             "DELETE FROM notices WHERE schedule_id IN " SCHEDULES, "ii", plan_id, plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM report_schedule_units WHERE schedule_id IN "
		                 SCHEDULES, "ii", plan_id, plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM report_schedules WHERE id IN " SCHEDULES,
		                 "ii", plan_id, plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM task_coordinators WHERE task_id IN " TASKS,
		                 "i", plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM tasks WHERE plan_id = ?", "i", plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM report_deadlines WHERE plan_id = ?", "i",
		                 plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM targets WHERE plan_id = ?", "i", plan_id);
	if (!rc)
		rc = store_write(db, NULL, "UPDATE sections SET parent_id = NULL WHERE plan_id = ?",
		                 "i", plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM sections WHERE plan_id = ?", "i", plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM plans WHERE id = ?", "i", plan_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM legal_references WHERE document_id = ?", "i",
		                 doc_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM recipients WHERE document_id = ?", "i", doc_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM signers WHERE document_id = ?", "i", doc_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM review_items WHERE document_id = ?", "i",
		                 doc_id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM documents WHERE id = ?", "i", doc_id);
	return rc;
}

int store_withdraw_delete_indicator(struct db *db, long long id)
{
	int rc = store_write(db, NULL, "DELETE FROM indicator_targets WHERE indicator_id = ?",
	                     "i", id);
	if (!rc)
		rc = store_write(db, NULL, "DELETE FROM indicators WHERE id = ?", "i", id);
	return rc;
}

int store_withdraw_delete_unit(struct db *db, long long id)
{
	return store_write(db, NULL, "DELETE FROM units WHERE id = ? AND proposed = 1", "i", id);
}
