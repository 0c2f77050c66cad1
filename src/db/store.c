/* store.c: every domain SQL statement of phoihop (the schema itself is in
 * migrations/). Each function holds its SQL as a literal and binds its
 * parameters through bindv(); nothing is ever pasted into SQL text. */
#include "db/store.h"
#include "db/db.h"
#include "base/err.h"
#include <stdarg.h>
#include <string.h>

/* Bind parameters by a format: t text (NULL = SQL NULL), i long long,
 * I long long id where 0 binds NULL, n int, N int where 0 binds NULL,
 * d double. */
static int bindv(struct db_stmt *st, const char *fmt, va_list ap)
{
	int rc = 0;
	for (int i = 1; *fmt && !rc; fmt++, i++) {
		switch (*fmt) {
		case 't': rc = db_bind_text(st, i, va_arg(ap, const char *)); break;
		case 'i': rc = db_bind_int(st, i, va_arg(ap, long long)); break;
		case 'I': {
			long long v = va_arg(ap, long long);
			rc = v ? db_bind_int(st, i, v) : db_bind_null(st, i);
			break;
		}
		case 'n': rc = db_bind_int(st, i, va_arg(ap, int)); break;
		case 'N': {
			int v = va_arg(ap, int);
			rc = v ? db_bind_int(st, i, v) : db_bind_null(st, i);
			break;
		}
		case 'd': rc = db_bind_double(st, i, va_arg(ap, double)); break;
		default: rc = PH_EINVAL;
		}
	}
	return rc;
}

/* Run a write. When id is not NULL the SQL ends in RETURNING id and *id
 * receives it. */
static int run_write(struct db *db, long long *id, const char *sql, const char *fmt, ...)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (!rc) {
		int s = db_step(st);
		if (id && s == DB_ROW)
			*id = db_col_int(st, 0);
		else if (s < 0 || (id && s != DB_ROW))
			rc = PH_EDB;
	}
	db_finalize(st);
	return rc;
}

/* Run a one-row, one-integer read. PH_ENOTFOUND when there is no row. */
static int read_int(struct db *db, long long *out, const char *sql, const char *fmt, ...)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW)
			*out = db_col_int(st, 0);
		else
			rc = s == DB_DONE ? PH_ENOTFOUND : PH_EDB;
	}
	db_finalize(st);
	return rc;
}

static char *col(struct arena *a, struct db_stmt *st, int i)
{
	return arena_strdup(a, db_col_text(st, i));
}

/* ---- units ---- */

int store_units_count(struct db *db, long long *n)
{
	return read_int(db, n, "SELECT COUNT(*) FROM units", "");
}

int store_unit_insert(struct db *db, const char *key, long long parent_id,
                      const char *kind, const char *level, const char *name,
                      const char *short_name, const char *valid_from,
                      const char *valid_to, int proposed, long long *id)
{
	return run_write(db, id,
	             "INSERT INTO units (key, parent_id, kind, level, name, short_name,"
	             " valid_from, valid_to, proposed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	             " RETURNING id",
	             "tIttttttn", key, parent_id, kind, level, name, short_name,
	             valid_from, valid_to, proposed);
}

int store_unit_set_successor(struct db *db, long long id, long long successor_id)
{
	return run_write(db, NULL, "UPDATE units SET successor_id = ? WHERE id = ?",
	             "Ii", successor_id, id);
}

int store_unit_alias_insert(struct db *db, long long unit_id, const char *alias)
{
	/* The same alias twice for one unit is harmless: keep the first. */
	return run_write(db, NULL,
	             "INSERT INTO unit_aliases (unit_id, alias) VALUES (?, ?)"
	             " ON CONFLICT DO NOTHING", "it", unit_id, alias);
}

int store_abbrev_insert(struct db *db, const char *abbrev, const char *expansion)
{
	return run_write(db, NULL,
	             "INSERT INTO abbreviations (abbrev, expansion) VALUES (?, ?)"
	             " ON CONFLICT DO NOTHING", "tt", abbrev, expansion);
}

int store_unit_by_key(struct db *db, const char *key, long long *id)
{
	return read_int(db, id, "SELECT id FROM units WHERE key = ?", "t", key);
}

int store_units_all(struct db *db, struct arena *a, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_prepare(db,
	                    "SELECT id, key, parent_id, kind, level, name, short_name,"
	                    " valid_from, valid_to, successor_id, proposed"
	                    " FROM units ORDER BY id", &st);
	if (rc)
		return rc;
	int s;
	while ((s = db_step(st)) == DB_ROW) {
		struct unit *u = ARENA_PUSH(a, *out, *n, cap);
		u->id = db_col_int(st, 0);
		u->key = col(a, st, 1);
		u->parent_id = db_col_int(st, 2);
		u->kind = col(a, st, 3);
		u->level = col(a, st, 4);
		u->name = col(a, st, 5);
		u->short_name = col(a, st, 6);
		u->valid_from = col(a, st, 7);
		u->valid_to = col(a, st, 8);
		u->successor_id = db_col_int(st, 9);
		u->proposed = (int)db_col_int(st, 10);
	}
	db_finalize(st);
	return s < 0 ? PH_EDB : 0;
}

int store_aliases_each(struct db *db, void *ctx,
                       int (*fn)(void *ctx, long long unit_id, const char *alias))
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT unit_id, alias FROM unit_aliases ORDER BY unit_id", &st);
	if (rc)
		return rc;
	int s;
	while (!rc && (s = db_step(st)) == DB_ROW)
		rc = fn(ctx, db_col_int(st, 0), db_col_text(st, 1));
	if (!rc && s < 0)
		rc = PH_EDB;
	db_finalize(st);
	return rc;
}

int store_abbrevs_each(struct db *db, void *ctx,
                       int (*fn)(void *ctx, const char *abbrev, const char *expansion))
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT abbrev, expansion FROM abbreviations ORDER BY abbrev", &st);
	if (rc)
		return rc;
	int s;
	while (!rc && (s = db_step(st)) == DB_ROW)
		rc = fn(ctx, db_col_text(st, 0), db_col_text(st, 1));
	if (!rc && s < 0)
		rc = PH_EDB;
	db_finalize(st);
	return rc;
}

/* ---- documents ---- */

int store_document_by_hash(struct db *db, const char *hash, long long *id)
{
	return read_int(db, id, "SELECT id FROM documents WHERE content_hash = ?", "t", hash);
}

int store_document_insert(struct db *db, const char *type, const char *type_text,
                          const char *number, const char *symbol, const char *place,
                          const char *date, int year, const char *title,
                          const char *issuers, const char *source_name,
                          const char *hash, const char *text, long long *id)
{
	return run_write(db, id,
	             "INSERT INTO documents (type, type_text, number, symbol, place, date,"
	             " year, title, issuers, source_name, content_hash, original_text,"
	             " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)"
	             " RETURNING id",
	             "ttttttNttttt", type, type_text, number, symbol, place, date, year,
	             title, issuers, source_name, hash, text);
}

int store_reference_insert(struct db *db, long long doc, int pos, const char *text,
                           const char *kind, const char *number, const char *date,
                           const char *issuer, int line)
{
	return run_write(db, NULL,
	             "INSERT INTO legal_references (document_id, position, text, kind,"
	             " number, date, issuer, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	             "intttttn", doc, pos, text, kind, number, date, issuer, line);
}

int store_recipient_insert(struct db *db, long long doc, int pos, const char *text)
{
	return run_write(db, NULL,
	             "INSERT INTO recipients (document_id, position, text) VALUES (?, ?, ?)",
	             "int", doc, pos, text);
}

int store_signer_insert(struct db *db, long long doc, int pos, const char *name,
                        const char *title, const char *authority, const char *org)
{
	return run_write(db, NULL,
	             "INSERT INTO signers (document_id, position, name, title, authority,"
	             " organization) VALUES (?, ?, ?, ?, ?, ?)",
	             "intttt", doc, pos, name, title, authority, org);
}

int store_review_insert(struct db *db, long long doc, int pos, int line, const char *what)
{
	return run_write(db, NULL,
	             "INSERT INTO review_items (document_id, position, line, what)"
	             " VALUES (?, ?, ?, ?)", "inNt", doc, pos, line, what);
}

/* ---- plans ---- */

int store_plan_insert(struct db *db, long long doc, const char *title,
                      const char *period_start, const char *period_end, long long *id)
{
	return run_write(db, id,
	             "INSERT INTO plans (document_id, title, period_start, period_end)"
	             " VALUES (?, ?, ?, ?) RETURNING id",
	             "ittt", doc, title, period_start, period_end);
}

int store_section_insert(struct db *db, long long plan, long long parent, int pos,
                         const char *no, const char *title, int level, int line,
                         long long *id)
{
	return run_write(db, id,
	             "INSERT INTO sections (plan_id, parent_id, position, no, title, level,"
	             " line) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	             "iInttnN", plan, parent, pos, no, title, level, line);
}

int store_task_insert(struct db *db, long long plan, int pos, const char *no,
                      const char *section, const char *content, long long lead_unit,
                      const char *lead_text, const char *tf_text, const char *start,
                      const char *end, const char *tf_kind, int expected,
                      const char *notes, const char *source, int line, long long *id)
{
	return run_write(db, id,
	             "INSERT INTO tasks (plan_id, position, no, section, content,"
	             " lead_unit_id, lead_text, timeframe_text, start_date, end_date,"
	             " timeframe_kind, expected, notes, source, line)"
	             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	             "inttt" "Itttt" "tnttN", plan, pos, no, section, content,
	             lead_unit, lead_text, tf_text, start, end,
	             tf_kind, expected, notes, source, line);
}

int store_coordinator_insert(struct db *db, long long task, int pos, long long unit,
                             const char *text, int group)
{
	return run_write(db, NULL,
	             "INSERT INTO task_coordinators (task_id, position, unit_id, text,"
	             " is_group) VALUES (?, ?, ?, ?, ?)",
	             "inItn", task, pos, unit, text, group);
}

int store_deadline_insert(struct db *db, long long plan, int pos, const char *text,
                          const char *kind, const char *due, const char *to_text,
                          long long to_unit, int line)
{
	return run_write(db, NULL,
	             "INSERT INTO report_deadlines (plan_id, position, text, kind, due_date,"
	             " to_text, to_unit_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	             "inttttIN", plan, pos, text, kind, due, to_text, to_unit, line);
}

int store_target_insert(struct db *db, long long plan, int pos, const char *text,
                        const char *op, double value, const char *unit, int year_from,
                        int year_to, int each_year, int line)
{
	return run_write(db, NULL,
	             "INSERT INTO targets (plan_id, position, text, op, value, unit,"
	             " year_from, year_to, each_year, line)"
	             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	             "inttdtNNnN", plan, pos, text, op, value, unit, year_from, year_to,
	             each_year, line);
}

/* ---- reads ---- */

static void plan_row(struct arena *a, struct db_stmt *st, struct plan *p)
{
	p->id = db_col_int(st, 0);
	p->document_id = db_col_int(st, 1);
	p->title = col(a, st, 2);
	p->type = col(a, st, 3);
	p->number = col(a, st, 4);
	p->symbol = col(a, st, 5);
	p->place = col(a, st, 6);
	p->date = col(a, st, 7);
	p->year = (int)db_col_int(st, 8);
	p->period_start = col(a, st, 9);
	p->period_end = col(a, st, 10);
	p->tasks = (int)db_col_int(st, 11);
}

#define PLAN_COLUMNS \
	"SELECT p.id, p.document_id, p.title, d.type, d.number, d.symbol, d.place," \
	" d.date, d.year, p.period_start, p.period_end," \
	" (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id)" \
	" FROM plans p JOIN documents d ON d.id = p.document_id"

int store_plans_list(struct db *db, struct arena *a, struct plan **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_prepare(db, PLAN_COLUMNS " ORDER BY d.year DESC, p.id DESC", &st);
	if (rc)
		return rc;
	int s;
	while ((s = db_step(st)) == DB_ROW)
		plan_row(a, st, ARENA_PUSH(a, *out, *n, cap));
	db_finalize(st);
	return s < 0 ? PH_EDB : 0;
}

int store_plan_get(struct db *db, struct arena *a, long long id, struct plan *out)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, PLAN_COLUMNS " WHERE p.id = ?", &st);
	if (!rc)
		rc = db_bind_int(st, 1, id);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW)
			plan_row(a, st, out);
		else
			rc = s == DB_DONE ? PH_ENOTFOUND : PH_EDB;
	}
	db_finalize(st);
	return rc;
}

static int load_coordinators(struct db *db, struct arena *a, struct task *t)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
	                    "SELECT c.unit_id, c.text, u.name, c.is_group"
	                    " FROM task_coordinators c LEFT JOIN units u ON u.id = c.unit_id"
	                    " WHERE c.task_id = ? ORDER BY c.position", &st);
	if (!rc)
		rc = db_bind_int(st, 1, t->id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct task_coord *c = ARENA_PUSH(a, t->coords, t->coords_len, t->coords_cap);
		c->unit_id = db_col_int(st, 0);
		c->text = col(a, st, 1);
		c->unit_name = col(a, st, 2);
		c->group = (int)db_col_int(st, 3);
	}
	db_finalize(st);
	return rc ? rc : s < 0 ? PH_EDB : 0;
}

int store_tasks_list(struct db *db, struct arena *a, const struct task_filter *f,
                     struct task **out, size_t *n)
{
	char from[11], to[11], today[11];
	date_iso(f->from, from);
	date_iso(f->to, to);
	date_iso(f->today, today);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	/* Every filter is a bound parameter that is either NULL (no filter)
	 * or a value; one statement serves all combinations. */
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
	    "SELECT t.id, t.plan_id, p.title, t.no, t.section, t.content, t.lead_unit_id,"
	    " t.lead_text, u.name, t.timeframe_text, t.start_date, t.end_date,"
	    " t.timeframe_kind, t.expected, t.notes, t.status, t.line"
	    " FROM tasks t JOIN plans p ON p.id = t.plan_id"
	    " LEFT JOIN units u ON u.id = t.lead_unit_id"
	    " WHERE (? IS NULL OR t.plan_id = ?)"
	    "  AND (? IS NULL OR"
	    "       ((? IS NULL OR ? = 'lead') AND t.lead_unit_id = ?) OR"
	    "       ((? IS NULL OR ? = 'coordinating') AND EXISTS (SELECT 1 FROM task_coordinators c"
	    "         WHERE c.task_id = t.id AND c.unit_id = ?)))"
	    "  AND (? IS NULL OR (t.end_date IS NOT NULL AND t.end_date >= ?"
	    "       AND COALESCE(t.start_date, t.end_date) <= ?))"
	    "  AND (? IS NULL OR t.status = ?)"
	    "  AND (? IS NULL OR (t.end_date < ? AND t.status IN ('not_started','in_progress')))"
	    " ORDER BY t.plan_id, t.position", &st);
	if (rc)
		return rc;
	long long unit = f->unit_id;
	const char *role = f->role;
	const char *fq = f->from.y ? from : NULL, *tq = f->to.y ? to : NULL;
	const char *ov = f->overdue ? today : NULL;
	struct { char k; long long i; const char *t; } args[] = {
		{'I', f->plan_id, 0}, {'I', f->plan_id, 0},
		{'I', unit, 0}, {'t', 0, role}, {'t', 0, role}, {'I', unit, 0},
		{'t', 0, role}, {'t', 0, role}, {'I', unit, 0},
		{'t', 0, fq}, {'t', 0, fq}, {'t', 0, tq},
		{'t', 0, f->status}, {'t', 0, f->status},
		{'t', 0, ov}, {'t', 0, ov},
	};
	for (size_t i = 0; !rc && i < sizeof args / sizeof *args; i++) {
		if (args[i].k == 't')
			rc = db_bind_text(st, (int)i + 1, args[i].t);
		else
			rc = args[i].i ? db_bind_int(st, (int)i + 1, args[i].i)
			               : db_bind_null(st, (int)i + 1);
	}
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct task *t = ARENA_PUSH(a, *out, *n, cap);
		t->id = db_col_int(st, 0);
		t->plan_id = db_col_int(st, 1);
		t->plan_title = col(a, st, 2);
		t->no = col(a, st, 3);
		t->section = col(a, st, 4);
		t->content = col(a, st, 5);
		t->lead_unit_id = db_col_int(st, 6);
		t->lead_text = col(a, st, 7);
		t->lead_name = col(a, st, 8);
		t->timeframe_text = col(a, st, 9);
		t->start = col(a, st, 10);
		t->end = col(a, st, 11);
		t->timeframe_kind = col(a, st, 12);
		t->expected = (int)db_col_int(st, 13);
		t->notes = col(a, st, 14);
		t->status = col(a, st, 15);
		t->line = (int)db_col_int(st, 16);
		t->overdue = t->end && today[0] && strcmp(t->end, today) < 0 &&
		             (strcmp(t->status, "not_started") == 0 ||
		              strcmp(t->status, "in_progress") == 0);
	}
	db_finalize(st);
	if (!rc && s < 0)
		rc = PH_EDB;
	for (size_t i = 0; !rc && i < *n; i++)
		rc = load_coordinators(db, a, &(*out)[i]);
	return rc;
}

int store_plan_rows(struct db *db, struct arena *a, long long plan_id,
                    const char *what, struct store_row **out, size_t *n)
{
	const char *sql;
	int cols;
	if (strcmp(what, "deadlines") == 0) {
		sql = "SELECT text, kind, due_date, to_text FROM report_deadlines"
		      " WHERE plan_id = ? ORDER BY position";
		cols = 4;
	} else if (strcmp(what, "targets") == 0) {
		sql = "SELECT text, op, value, unit, year_from, year_to, each_year FROM targets"
		      " WHERE plan_id = ? ORDER BY position";
		cols = 7;
	} else if (strcmp(what, "references") == 0) {
		sql = "SELECT r.text, r.number, r.date FROM legal_references r"
		      " JOIN plans p ON p.document_id = r.document_id"
		      " WHERE p.id = ? ORDER BY r.position";
		cols = 3;
	} else if (strcmp(what, "recipients") == 0) {
		sql = "SELECT r.text FROM recipients r JOIN plans p ON p.document_id = r.document_id"
		      " WHERE p.id = ? ORDER BY r.position";
		cols = 1;
	} else if (strcmp(what, "signers") == 0) {
		sql = "SELECT s.name, s.title, s.authority, s.organization FROM signers s"
		      " JOIN plans p ON p.document_id = s.document_id"
		      " WHERE p.id = ? ORDER BY s.position";
		cols = 4;
	} else if (strcmp(what, "review") == 0) {
		sql = "SELECT r.line, r.what FROM review_items r"
		      " JOIN plans p ON p.document_id = r.document_id"
		      " WHERE p.id = ? ORDER BY r.position";
		cols = 2;
	} else {
		return PH_EINVAL;
	}
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_prepare(db, sql, &st);
	if (!rc)
		rc = db_bind_int(st, 1, plan_id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct store_row *r = ARENA_PUSH(a, *out, *n, cap);
		for (int i = 0; i < cols; i++)
			r->c[i] = col(a, st, i);
	}
	db_finalize(st);
	return rc ? rc : s < 0 ? PH_EDB : 0;
}
