/* store_people.c: the SQL of people and of what they add: users, sessions,
 * the audit log, task progress notes and attachments. Same rules as
 * store.c: literals at the call site, parameters bound, no transactions
 * here (the model opens them). */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <string.h>

/* The role as the number of enum role in model/user.h (its order:
 * viewer, editor, approver, coordinator, admin). */
#define ROLE_NUMBER \
	"CASE u.role WHEN 'editor' THEN 1 WHEN 'approver' THEN 2" \
	" WHEN 'coordinator' THEN 3 WHEN 'admin' THEN 4 ELSE 0 END"

#define USER_COLUMNS \
	"SELECT u.id, u.login, u.name, u.unit_id, n.name, " ROLE_NUMBER "," \
	" u.disabled, u.created_at, u.pw_hash" \
	" FROM users u JOIN units n ON n.id = u.unit_id"

/* One row of USER_COLUMNS into *u; PH_ENOMEM when a refused a copy. */
static int user_row(struct arena *a, struct db_stmt *st, struct user *u)
{
	u->id = db_col_int(st, 0);
	u->login = store_col(a, st, 1);
	u->name = store_col(a, st, 2);
	u->unit_id = db_col_int(st, 3);
	u->unit_name = store_col(a, st, 4);
	u->role = (int)db_col_int(st, 5);
	u->disabled = (int)db_col_int(st, 6);
	u->created_at = store_col(a, st, 7);
	return store_mem(a, 0);
}

/* Step a statement expected to give one user row. */
static int one_user(struct arena *a, struct db_stmt *st, struct user *out, char **pw_hash)
{
	int rc = store_one(st);
	if (rc)
		return rc;
	if (pw_hash)
		*pw_hash = store_col(a, st, 8);
	return user_row(a, st, out);
}

/* ---- users ---- */

int store_user_insert(struct db *db, const char *login, const char *name,
                      long long unit_id, const char *role, const char *pw_hash,
                      const char *created_at, long long *id)
{
	return store_write(db, id,
	             "INSERT INTO users (login, name, unit_id, role, pw_hash, disabled, created_at)"
	             " VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
	             "ttittt", login, name, unit_id, role, pw_hash, created_at);
}

int store_user_get(struct db *db, struct arena *a, long long id, struct user *out,
                   char **pw_hash)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, USER_COLUMNS " WHERE u.id = ?", "i", id);
	if (!rc)
		rc = one_user(a, st, out, pw_hash);
	db_finalize(st);
	return rc;
}

int store_user_by_login(struct db *db, struct arena *a, const char *login,
                        struct user *out, char **pw_hash)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, USER_COLUMNS " WHERE u.login = ?", "t", login);
	if (!rc)
		rc = one_user(a, st, out, pw_hash);
	db_finalize(st);
	return rc;
}

int store_users_list(struct db *db, struct arena *a, struct user **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, USER_COLUMNS " ORDER BY u.login", "");
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct user *u = ARENA_PUSH(a, *out, *n, cap);
		rc = u ? user_row(a, st, u) : PH_ENOMEM;
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_user_set_password(struct db *db, long long id, const char *pw_hash)
{
	return store_write(db, NULL, "UPDATE users SET pw_hash = ? WHERE id = ?",
	                   "ti", pw_hash, id);
}

int store_user_set_disabled(struct db *db, long long id, int disabled)
{
	return store_write(db, NULL, "UPDATE users SET disabled = ? WHERE id = ?",
	                   "ni", disabled, id);
}

int store_user_update(struct db *db, long long id, const char *name, long long unit_id,
                      const char *role)
{
	return store_write(db, NULL,
	                   "UPDATE users SET name = ?, unit_id = ?, role = ? WHERE id = ?",
	                   "titi", name, unit_id, role, id);
}

/* ---- sessions ---- */

int store_session_insert(struct db *db, const char *token_hash, long long user_id,
                         const char *csrf, const char *created_at, const char *expires_at)
{
	return store_write(db, NULL,
	             "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)"
	             " VALUES (?, ?, ?, ?, ?)",
	             "titt" "t", token_hash, user_id, csrf, created_at, expires_at);
}

int store_session_user(struct db *db, struct arena *a, const char *token_hash,
                       const char *now, struct user *out, char **csrf, char **expires_at)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st,
	    "SELECT u.id, u.login, u.name, u.unit_id, n.name, " ROLE_NUMBER ","
	    " u.disabled, u.created_at, s.csrf, s.expires_at"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " JOIN units n ON n.id = u.unit_id"
	    " WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
	    "tt", token_hash, now);
	if (!rc && !(rc = store_one(st))) {
		*csrf = store_col(a, st, 8);
		*expires_at = store_col(a, st, 9);
		rc = user_row(a, st, out);
	}
	db_finalize(st);
	return rc;
}

int store_session_touch(struct db *db, const char *token_hash, const char *expires_at)
{
	return store_write(db, NULL, "UPDATE sessions SET expires_at = ? WHERE token_hash = ?",
	                   "tt", expires_at, token_hash);
}

int store_session_delete(struct db *db, const char *token_hash)
{
	return store_write(db, NULL, "DELETE FROM sessions WHERE token_hash = ?", "t", token_hash);
}

int store_sessions_delete_user(struct db *db, long long user_id)
{
	return store_write(db, NULL, "DELETE FROM sessions WHERE user_id = ?", "i", user_id);
}

int store_sessions_purge(struct db *db, const char *now)
{
	return store_write(db, NULL, "DELETE FROM sessions WHERE expires_at <= ?", "t", now);
}

/* ---- sign-in throttling ---- */

int store_signin_failure(struct db *db, long long at, const char *login, const char *address,
                         const char *device, int trusted)
{
	return store_write(db, NULL, "INSERT INTO signin_failures (at, login, address, device, trusted)"
	                             " VALUES (?, ?, ?, ?, ?)",
	                   "itttn", at, login, address, device, trusted);
}

int store_signin_count_login(struct db *db, const char *login, long long since, long long *n)
{
	return store_read_int(db, n, "SELECT COUNT(*) FROM signin_failures"
	                             " WHERE login = ? AND at >= ? AND trusted = 0",
	                      "ti", login, since);
}

int store_signin_count_address(struct db *db, const char *address, long long since,
                               long long *n)
{
	return store_read_int(db, n, "SELECT COUNT(*) FROM signin_failures"
	                             " WHERE address = ? AND at >= ? AND trusted = 0",
	                      "ti", address, since);
}

int store_signin_count_device(struct db *db, const char *device, long long since, long long *n)
{
	return store_read_int(db, n, "SELECT COUNT(*) FROM signin_failures"
	                             " WHERE device = ? AND at >= ?",
	                      "ti", device, since);
}

int store_signin_prune(struct db *db, long long before)
{
	return store_write(db, NULL, "DELETE FROM signin_failures WHERE at < ?", "i", before);
}

int store_signin_forget_login(struct db *db, const char *login)
{
	return store_write(db, NULL, "DELETE FROM signin_failures WHERE login = ?", "t", login);
}

int store_device_insert(struct db *db, const char *token_hash, long long user_id, long long at)
{
	return store_write(db, NULL, "INSERT INTO signin_devices (token_hash, user_id, created_at)"
	                             " VALUES (?, ?, ?)",
	                   "tii", token_hash, user_id, at);
}

int store_device_user(struct db *db, const char *token_hash, long long *user_id)
{
	return store_read_int(db, user_id, "SELECT user_id FROM signin_devices WHERE token_hash = ?",
	                      "t", token_hash);
}

/* ---- audit log ---- */

int store_audit_insert(struct db *db, const char *at, long long user_id,
                       const char *login, long long unit_id, const char *action,
                       const char *entity, long long entity_id, const char *before,
                       const char *after)
{
	return store_write(db, NULL,
	             "INSERT INTO audit_log (at, user_id, user_login, unit_id, action, entity,"
	             " entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	             "tItIt" "tItt", at, user_id, login, unit_id, action, entity, entity_id,
	             before, after);
}

int store_audit_unit(struct db *db, const char *entity, long long entity_id,
                     long long *unit)
{
	/* One literal per entity: the SQL names its table, never a string
	 * put together. */
	static const struct { const char *entity, *sql; } of[] = {
		{"task", "SELECT lead_unit_id FROM tasks WHERE id = ?"},
		{"unit", "SELECT id FROM units WHERE id = ?"},
		{"user", "SELECT unit_id FROM users WHERE id = ?"},
		{"report", "SELECT unit_id FROM report_submissions WHERE id = ?"},
		{"schedule", "SELECT receiving_unit_id FROM report_schedules WHERE id = ?"},
		{"indicator", "SELECT owner_unit_id FROM indicators WHERE id = ?"},
	};
	*unit = 0;
	for (size_t i = 0; entity && i < sizeof of / sizeof *of; i++) {
		if (strcmp(entity, of[i].entity))
			continue;
		int rc = store_read_int(db, unit, of[i].sql, "i", entity_id);
		if (rc == PH_ENOTFOUND)
			*unit = 0;
		return rc == PH_ENOTFOUND ? 0 : rc;
	}
	return 0;
}

/* One audit_log row into *e; PH_ENOMEM when a refused a copy. */
static int audit_row(struct arena *a, struct db_stmt *st, struct audit_entry *e)
{
	e->id = db_col_int(st, 0);
	e->at = store_col(a, st, 1);
	e->user_id = db_col_int(st, 2);
	e->user_login = store_col(a, st, 3);
	e->action = store_col(a, st, 4);
	e->entity = store_col(a, st, 5);
	e->entity_id = db_col_int(st, 6);
	e->before = store_col(a, st, 7);
	e->after = store_col(a, st, 8);
	e->unit_id = db_col_int(st, 9);
	return store_mem(a, 0);
}

int store_audit_list(struct db *db, struct arena *a, const char *entity,
                     long long entity_id, long long reach_root, int limit, int offset,
                     struct audit_entry **out, size_t *n, long long *total)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	/* The reach: reach_root and every unit below it (the depth cap
	 * guards against a cycle); with no root, no filter. */
	int rc = store_read_int(db, total,
	             "WITH RECURSIVE reach(id, depth) AS ("
	             " SELECT id, 0 FROM units WHERE id = ?"
	             " UNION ALL"
	             " SELECT u.id, r.depth + 1 FROM units u JOIN reach r ON u.parent_id = r.id"
	             " WHERE r.depth < 64)"
	             " SELECT COUNT(*) FROM audit_log"
	             " WHERE (? IS NULL OR entity = ?) AND (? IS NULL OR entity_id = ?)"
	             " AND (? IS NULL OR unit_id IN (SELECT id FROM reach))",
	             "ittIII", reach_root, entity, entity, entity_id, entity_id, reach_root);
	if (rc)
		return rc;
	struct db_stmt *st = NULL;
	rc = store_prepare(db, &st,
	             "WITH RECURSIVE reach(id, depth) AS ("
	             " SELECT id, 0 FROM units WHERE id = ?"
	             " UNION ALL"
	             " SELECT u.id, r.depth + 1 FROM units u JOIN reach r ON u.parent_id = r.id"
	             " WHERE r.depth < 64)"
	             " SELECT id, at, user_id, user_login, action, entity, entity_id,"
	             " before_json, after_json, unit_id FROM audit_log"
	             " WHERE (? IS NULL OR entity = ?) AND (? IS NULL OR entity_id = ?)"
	             " AND (? IS NULL OR unit_id IN (SELECT id FROM reach))"
	             " ORDER BY id DESC LIMIT ? OFFSET ?",
	             "ittIIInn", reach_root, entity, entity, entity_id, entity_id, reach_root,
	             limit, offset);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct audit_entry *e = ARENA_PUSH(a, *out, *n, cap);
		rc = e ? audit_row(a, st, e) : PH_ENOMEM;
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_audit_each(struct db *db, long long reach_root, const char *from, const char *to,
                     long long max, int (*fn)(void *ctx, const struct audit_entry *e),
                     void *ctx)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st,
	             "WITH RECURSIVE reach(id, depth) AS ("
	             " SELECT id, 0 FROM units WHERE id = ?"
	             " UNION ALL"
	             " SELECT u.id, r.depth + 1 FROM units u JOIN reach r ON u.parent_id = r.id"
	             " WHERE r.depth < 64)"
	             " SELECT a.id, a.at, a.user_id, a.user_login, a.action, a.entity, a.entity_id,"
	             " a.before_json, a.after_json, a.unit_id, us.name, un.name FROM audit_log a"
	             " LEFT JOIN users us ON us.id = a.user_id"
	             " LEFT JOIN units un ON un.id = a.unit_id"
	             " WHERE (? IS NULL OR a.unit_id IN (SELECT id FROM reach))"
	             " AND (? IS NULL OR substr(a.at, 1, 10) >= ?)"
	             " AND (? IS NULL OR substr(a.at, 1, 10) <= ?)"
	             " ORDER BY a.id DESC LIMIT ?",
	             "IItttti", reach_root, reach_root, from, from, to, to, max);
	int s = DB_DONE;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct arena a;
		arena_init(&a);
		struct audit_entry e;
		memset(&e, 0, sizeof e);
		rc = audit_row(&a, st, &e);
		if (!rc) {
			e.user_name = store_col(&a, st, 10);
			e.unit_name = store_col(&a, st, 11);
			rc = store_mem(&a, 0);
		}
		if (!rc)
			rc = fn(ctx, &e);
		arena_cleanup(&a);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_audit_history(struct db *db, struct arena *a, const char *entity,
                        long long entity_id, int limit, struct audit_entry **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT id, at, user_id, user_login, action, entity, entity_id,"
	             " before_json, after_json, unit_id FROM audit_log"
	             " WHERE entity = ? AND entity_id = ? ORDER BY id LIMIT ?",
	             "tin", entity, entity_id, limit);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct audit_entry *e = ARENA_PUSH(a, *out, *n, cap);
		rc = e ? audit_row(a, st, e) : PH_ENOMEM;
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

/* ---- progress notes ---- */

int store_note_insert(struct db *db, long long task_id, long long user_id,
                      const char *date, const char *text, const char *created_at,
                      long long *id)
{
	return store_write(db, id,
	             "INSERT INTO task_notes (task_id, user_id, note_date, text, created_at)"
	             " VALUES (?, ?, ?, ?, ?) RETURNING id",
	             "iIttt", task_id, user_id, date, text, created_at);
}

/* One task_notes row (id, task_id, user_id, the user's name, note_date,
 * text, created_at) into *e; PH_ENOMEM when a refused a copy. */
static int note_row(struct arena *a, struct db_stmt *st, struct task_note *e)
{
	e->id = db_col_int(st, 0);
	e->task_id = db_col_int(st, 1);
	e->user_id = db_col_int(st, 2);
	e->user_name = store_col(a, st, 3);
	e->date = store_col(a, st, 4);
	e->text = store_col(a, st, 5);
	e->created_at = store_col(a, st, 6);
	return store_mem(a, 0);
}

int store_note_get(struct db *db, struct arena *a, long long note_id, struct task_note *e)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st,
	             "SELECT t.id, t.task_id, t.user_id, u.name, t.note_date, t.text, t.created_at"
	             " FROM task_notes t LEFT JOIN users u ON u.id = t.user_id WHERE t.id = ?",
	             "i", note_id);
	if (!rc && !(rc = store_one(st)))
		rc = note_row(a, st, e);
	db_finalize(st);
	return rc;
}

int store_notes_list(struct db *db, struct arena *a, long long task_id,
                     struct task_note **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT t.id, t.task_id, t.user_id, u.name, t.note_date, t.text, t.created_at"
	             " FROM task_notes t LEFT JOIN users u ON u.id = t.user_id"
	             " WHERE t.task_id = ? ORDER BY t.note_date DESC, t.id DESC",
	             "i", task_id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct task_note *e = ARENA_PUSH(a, *out, *n, cap);
		if (!e) {
			rc = PH_ENOMEM;
			break;
		}
		rc = note_row(a, st, e);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

/* ---- attachments ---- */

int store_attachment_insert(struct db *db, long long task_id, long long user_id,
                            const char *name, const char *mime, long long size,
                            const char *sha256, const char *created_at,
                            const void *data, long long *id)
{
	int rc = store_write(db, id,
	             "INSERT INTO attachments (task_id, user_id, name, mime, size, sha256,"
	             " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	             "iItti" "tt", task_id, user_id, name, mime, size, sha256, created_at);
	if (!rc)
		rc = store_write(db, NULL,
		             "INSERT INTO attachment_data (attachment_id, data) VALUES (?, ?)",
		             "ib", *id, data, (size_t)size);
	return rc;
}

int store_attachment_bytes_since(struct db *db, long long user_id, const char *since,
                                 long long *bytes)
{
	return store_read_int(db, bytes, "SELECT COALESCE(SUM(size), 0) FROM attachments"
	                                 " WHERE user_id = ? AND created_at >= ?",
	                      "it", user_id, since);
}

int store_attachment_bytes_unit(struct db *db, long long unit_id, long long *bytes)
{
	/* Through the tasks of the unit (tasks_lead) to their files
	 * (attachments_task): both on an index. */
	if (!unit_id)
		return store_read_int(db, bytes, "SELECT COALESCE(SUM(a.size), 0) FROM attachments a"
		                                 " JOIN tasks t ON t.id = a.task_id"
		                                 " WHERE t.lead_unit_id IS NULL", "");
	return store_read_int(db, bytes, "SELECT COALESCE(SUM(a.size), 0) FROM attachments a"
	                                 " JOIN tasks t ON t.id = a.task_id"
	                                 " WHERE t.lead_unit_id = ?", "i", unit_id);
}

/* One attachments row into *e; PH_ENOMEM when a refused a copy. */
static int attachment_row(struct arena *a, struct db_stmt *st, struct attachment *e)
{
	e->id = db_col_int(st, 0);
	e->task_id = db_col_int(st, 1);
	e->user_id = db_col_int(st, 2);
	e->name = store_col(a, st, 3);
	e->mime = store_col(a, st, 4);
	e->size = db_col_int(st, 5);
	e->sha256 = store_col(a, st, 6);
	e->created_at = store_col(a, st, 7);
	return store_mem(a, 0);
}

int store_attachments_list(struct db *db, struct arena *a, long long task_id,
                           struct attachment **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT id, task_id, user_id, name, mime, size, sha256, created_at"
	             " FROM attachments WHERE task_id = ? ORDER BY id", "i", task_id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct attachment *e = ARENA_PUSH(a, *out, *n, cap);
		rc = e ? attachment_row(a, st, e) : PH_ENOMEM;
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_attachment_meta(struct db *db, struct arena *a, long long id, struct attachment *out)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st,
	             "SELECT a.id, a.task_id, a.user_id, a.name, a.mime, a.size, a.sha256,"
	             " a.created_at FROM attachments a WHERE a.id = ?",
	             "i", id);
	if (!rc && !(rc = store_one(st)))
		rc = attachment_row(a, st, out);
	db_finalize(st);
	return rc;
}

int store_attachment_get(struct db *db, struct arena *a, long long id,
                         struct attachment *out, const void **data)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st,
	             "SELECT a.id, a.task_id, a.user_id, a.name, a.mime, a.size, a.sha256,"
	             " a.created_at, d.data FROM attachments a"
	             " JOIN attachment_data d ON d.attachment_id = a.id WHERE a.id = ?",
	             "i", id);
	if (!rc && !(rc = store_one(st)))
		rc = attachment_row(a, st, out);
	if (!rc) {
		const void *p = db_col_blob(st, 8);
		size_t len = db_col_bytes(st, 8);
		void *copy = arena_alloc(a, len + 1);
		if (!copy)
			rc = PH_ENOMEM;
		else if (len)
			memcpy(copy, p, len);
		*data = copy;
		out->size = (long long)len;
	}
	db_finalize(st);
	return rc;
}
