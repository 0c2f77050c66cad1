/* store_notices.c: the SQL of reminders: whether a unit submitted a
 * report (report_submissions), who of a unit is reminded, notices, users'
 * e-mail addresses and the mail outbox. Same rules as store.c: literals
 * at the call site, parameters bound, no transactions here (the model
 * opens them). */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <string.h>

int store_unit_submitted(struct db *db, long long schedule_id, long long unit_id, int *yes)
{
	long long n = 0;
	int rc = store_read_int(db, &n,
	    "SELECT COUNT(*) FROM report_submissions"
	    " WHERE schedule_id = ? AND unit_id = ? AND submitted_at IS NOT NULL",
	    "ii", schedule_id, unit_id);
	*yes = !rc && n > 0;
	return rc;
}

int store_notice_recipients(struct db *db, struct arena *a, long long unit_id,
                            struct store_recipient **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT id, name, email FROM users"
	    " WHERE unit_id = ? AND disabled = 0"
	    " AND role IN ('editor', 'approver', 'coordinator', 'admin')"
	    " ORDER BY id", "i", unit_id);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct store_recipient *p = ARENA_PUSH(a, *out, *n, cap);
		if (!p) {
			rc = PH_ENOMEM;
			break;
		}
		p->id = db_col_int(st, 0);
		p->name = store_col(a, st, 1);
		p->email = store_col(a, st, 2);
		if (p->email && !*p->email)
			p->email = NULL;
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_notice_insert(struct db *db, long long user_id, long long unit_id,
                        long long schedule_id, const char *kind, int days_before,
                        const char *text, const char *created_at, long long *id)
{
	struct db_stmt *st = NULL;
	*id = 0;
	int rc = store_prepare(db, &st,
	    "INSERT INTO notices (user_id, unit_id, schedule_id, kind, days_before, text,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT (user_id, schedule_id, kind, days_before) DO NOTHING RETURNING id",
	    "iiitntt", user_id, unit_id, schedule_id, kind, days_before, text, created_at);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW)
			*id = db_col_int(st, 0);
		else if (s != DB_DONE)
			rc = s < 0 ? -s : PH_EDB;
	}
	db_finalize(st);
	return rc;
}

int store_notices_list(struct db *db, struct arena *a, long long user_id, int unread_only,
                       int limit, int offset, struct notice **out, size_t *n,
                       long long *total)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_read_int(db, total,
	    "SELECT COUNT(*) FROM notices WHERE user_id = ? AND (? = 0 OR read_at IS NULL)",
	    "in", user_id, unread_only);
	if (!rc)
		rc = store_prepare(db, &st,
		    "SELECT n.id, n.user_id, n.unit_id, u.name, n.schedule_id, s.title, s.due,"
		    " n.kind, n.days_before, n.text, n.created_at, n.read_at"
		    " FROM notices n JOIN units u ON u.id = n.unit_id"
		    " JOIN report_schedules s ON s.id = n.schedule_id"
		    " WHERE n.user_id = ? AND (? = 0 OR n.read_at IS NULL)"
		    " ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?",
		    "inii", user_id, unread_only, (long long)limit, (long long)offset);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct notice *p = ARENA_PUSH(a, *out, *n, cap);
		if (!p) {
			rc = PH_ENOMEM;
			break;
		}
		p->id = db_col_int(st, 0);
		p->user_id = db_col_int(st, 1);
		p->unit_id = db_col_int(st, 2);
		p->unit_name = store_col(a, st, 3);
		p->schedule_id = db_col_int(st, 4);
		p->schedule_title = store_col(a, st, 5);
		p->due = store_col(a, st, 6);
		p->kind = store_col(a, st, 7);
		p->days_before = (int)db_col_int(st, 8);
		p->text = store_col(a, st, 9);
		p->created_at = store_col(a, st, 10);
		p->read_at = store_col(a, st, 11);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_notices_unread(struct db *db, long long user_id, long long *n)
{
	return store_read_int(db, n,
	    "SELECT COUNT(*) FROM notices WHERE user_id = ? AND read_at IS NULL", "i", user_id);
}

int store_notice_owner(struct db *db, long long id, long long *user_id)
{
	return store_read_int(db, user_id, "SELECT user_id FROM notices WHERE id = ?", "i", id);
}

int store_notice_set_read(struct db *db, long long id, const char *at)
{
	return store_write(db, NULL,
	    "UPDATE notices SET read_at = ? WHERE id = ? AND read_at IS NULL", "ti", at, id);
}

int store_user_set_email(struct db *db, long long id, const char *email)
{
	return store_write(db, NULL, "UPDATE users SET email = ? WHERE id = ?", "ti", email, id);
}

int store_outbox_insert(struct db *db, long long notice_id, const char *to,
                        const char *subject, const char *body, const char *created_at,
                        long long *id)
{
	return store_write(db, id,
	    "INSERT INTO mail_outbox (notice_id, to_addr, subject, body, created_at, attempts,"
	    " next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
	    "Ittttt", notice_id, to, subject, body, created_at, created_at);
}

int store_outbox_due(struct db *db, struct arena *a, const char *now, int limit,
                     struct store_mail **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int s = DB_DONE;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	    "SELECT id, to_addr, subject, body, attempts FROM mail_outbox"
	    " WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?",
	    "ti", now, (long long)limit);
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct store_mail *m = ARENA_PUSH(a, *out, *n, cap);
		if (!m) {
			rc = PH_ENOMEM;
			break;
		}
		m->id = db_col_int(st, 0);
		m->to = store_col(a, st, 1);
		m->subject = store_col(a, st, 2);
		m->body = store_col(a, st, 3);
		m->attempts = (int)db_col_int(st, 4);
		rc = store_mem(a, 0);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
}

int store_outbox_sent(struct db *db, long long id, const char *at)
{
	return store_write(db, NULL,
	    "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL"
	    " WHERE id = ?", "ti", at, id);
}

int store_outbox_failed(struct db *db, long long id, const char *error,
                        const char *next_attempt_at)
{
	return store_write(db, NULL,
	    "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
	    " WHERE id = ?", "tti", error, next_attempt_at, id);
}
