/* store.c: the domain SQL of the registry, documents, plans and tasks (the
 * schema itself is in migrations/; people, sessions, the audit log, notes,
 * attachments and unit management are in store_people.c), and the
 * statement helpers of store_sql.h. Each function holds its SQL as a
 * literal and binds its parameters through store_bindv(); nothing is ever
 * pasted into SQL text. */
#include "db/store.h"
#include "db/store_sql.h"
#include "db/db.h"
#include "base/err.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int store_bindv(struct db_stmt *st, const char *fmt, va_list ap)
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
		case 'b': {
			const void *p = va_arg(ap, const void *);
			rc = db_bind_blob(st, i, p, va_arg(ap, size_t));
			break;
		}
		default: rc = PH_EINVAL;
		}
	}
	return rc;
}

int store_write(struct db *db, long long *id, const char *sql, const char *fmt, ...)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	rc = store_bindv(st, fmt, ap);
	va_end(ap);
	if (!rc) {
		int s = db_step(st);
		if (id && s == DB_ROW)
			*id = db_col_int(st, 0);
		else if (s < 0)
			rc = -s;
		else if (id && s != DB_ROW)
			rc = PH_EDB;
	}
	db_finalize(st);
	return rc;
}

int store_read_int(struct db *db, long long *out, const char *sql, const char *fmt, ...)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	rc = store_bindv(st, fmt, ap);
	va_end(ap);
	if (!rc && !(rc = store_one(st)))
		*out = db_col_int(st, 0);
	db_finalize(st);
	return rc;
}

int store_prepare(struct db *db, struct db_stmt **st, const char *sql, const char *fmt, ...)
{
	int rc = db_prepare(db, sql, st);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	rc = store_bindv(*st, fmt, ap);
	va_end(ap);
	if (rc) {
		db_finalize(*st);
		*st = NULL;
	}
	return rc;
}

int store_one(struct db_stmt *st)
{
	int s = db_step(st);
	return s == DB_ROW ? 0 : s == DB_DONE ? PH_ENOTFOUND : s < 0 ? -s : PH_EDB;
}

char *store_col(struct arena *a, struct db_stmt *st, int i)
{
	return arena_strdup(a, db_col_text(st, i));
}

/* ---- units ---- */

int store_units_count(struct db *db, long long *n)
{
	return store_read_int(db, n, "SELECT COUNT(*) FROM units", "");
}

int store_unit_insert(struct db *db, const char *key, long long parent_id,
                      const char *kind, const char *level, const char *name,
                      const char *short_name, const char *valid_from,
                      const char *valid_to, int proposed, long long *id)
{
	return store_write(db, id,
	             "INSERT INTO units (key, parent_id, kind, level, name, short_name,"
	             " valid_from, valid_to, proposed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	             " RETURNING id",
	             "tIttttttn", key, parent_id, kind, level, name, short_name,
	             valid_from, valid_to, proposed);
}

int store_unit_set_successor(struct db *db, long long id, long long successor_id)
{
	return store_write(db, NULL, "UPDATE units SET successor_id = ? WHERE id = ?",
	             "Ii", successor_id, id);
}

int store_unit_alias_insert(struct db *db, long long unit_id, const char *alias)
{
	/* The same alias twice for one unit is harmless: keep the first. */
	return store_write(db, NULL,
	             "INSERT INTO unit_aliases (unit_id, alias) VALUES (?, ?)"
	             " ON CONFLICT DO NOTHING", "it", unit_id, alias);
}

int store_abbrev_insert(struct db *db, const char *abbrev, const char *expansion)
{
	return store_write(db, NULL,
	             "INSERT INTO abbreviations (abbrev, expansion) VALUES (?, ?)"
	             " ON CONFLICT DO NOTHING", "tt", abbrev, expansion);
}

int store_unit_by_key(struct db *db, const char *key, long long *id)
{
	return store_read_int(db, id, "SELECT id FROM units WHERE key = ?", "t", key);
}

int store_unit_class(struct db *db, long long id, char level[static 16], char kind[static 16])
{
	struct db_stmt *st = NULL;
	level[0] = kind[0] = 0;
	int rc = store_prepare(db, &st, "SELECT level, kind FROM units WHERE id = ?", "i", id);
	if (!rc)
		rc = store_one(st);
	if (!rc) {
		const char *l = db_col_text(st, 0), *k = db_col_text(st, 1);
		snprintf(level, 16, "%s", l ? l : "");
		snprintf(kind, 16, "%s", k ? k : "");
	}
	db_finalize(st);
	return rc;
}

#define UNIT_COLUMNS \
	"SELECT id, key, parent_id, kind, level, name, short_name," \
	" valid_from, valid_to, successor_id, proposed FROM units"

/* One row of UNIT_COLUMNS into *u; PH_ENOMEM when a refused a copy. */
static int unit_row(struct arena *a, struct db_stmt *st, struct unit *u)
{
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
	return store_mem(a, 0);
}

static int unit_rows(struct arena *a, struct db_stmt *st, struct unit **out, size_t *n)
{
	size_t cap = 0;
	int s = DB_DONE, rc = 0;
	*out = NULL;
	*n = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct unit *u = ARENA_PUSH(a, *out, *n, cap);
		rc = u ? unit_row(a, st, u) : PH_ENOMEM;
	}
	return rc ? rc : store_step_rc(s);
}

int store_units_all(struct db *db, struct arena *a, struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, UNIT_COLUMNS " ORDER BY id", "");
	if (!rc)
		rc = unit_rows(a, st, out, n);
	db_finalize(st);
	return rc;
}

int store_unit_get(struct db *db, struct arena *a, long long id, struct unit *out)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, UNIT_COLUMNS " WHERE id = ?", "i", id);
	if (!rc && !(rc = store_one(st)))
		rc = unit_row(a, st, out);
	db_finalize(st);
	return rc;
}

int store_unit_children(struct db *db, struct arena *a, long long parent_id,
                        struct unit **out, size_t *n)
{
	struct db_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, UNIT_COLUMNS " WHERE COALESCE(parent_id, 0) = ? ORDER BY id",
	                       "i", parent_id);
	if (!rc)
		rc = unit_rows(a, st, out, n);
	db_finalize(st);
	return rc;
}

int store_unit_within(struct db *db, long long unit_id, long long ancestor_id, int *yes)
{
	/* Walk up from the unit: a path to the root is short however many
	 * units there are. The depth cap guards against a cycle. */
	long long n = 0;
	int rc = store_read_int(db, &n,
	    "WITH RECURSIVE up(id, parent_id, depth) AS ("
	    " SELECT id, parent_id, 0 FROM units WHERE id = ?"
	    " UNION ALL"
	    " SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id"
	    " WHERE up.depth < 64)"
	    " SELECT COUNT(*) FROM up WHERE id = ?", "ii", unit_id, ancestor_id);
	*yes = !rc && n > 0;
	return rc;
}

int store_unit_aliases(struct db *db, struct arena *a, long long id, char ***out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, "SELECT alias FROM unit_aliases WHERE unit_id = ?"
	                       " ORDER BY alias", "i", id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		char **e = ARENA_PUSH(a, *out, *n, cap);
		if (e)
			*e = store_col(a, st, 0);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_unit_has_alias(struct db *db, long long id, const char *alias, int *yes)
{
	long long n = 0;
	int rc = store_read_int(db, &n, "SELECT COUNT(*) FROM unit_aliases"
	                        " WHERE unit_id = ? AND alias = ?", "it", id, alias);
	*yes = !rc && n > 0;
	return rc;
}

int store_unit_set_names(struct db *db, long long id, const char *name, const char *short_name)
{
	return store_write(db, NULL, "UPDATE units SET name = ?, short_name = ? WHERE id = ?",
	                   "tti", name, short_name, id);
}

int store_unit_set_validity(struct db *db, long long id, const char *valid_from,
                            const char *valid_to)
{
	return store_write(db, NULL, "UPDATE units SET valid_from = ?, valid_to = ? WHERE id = ?",
	                   "tti", valid_from, valid_to, id);
}

int store_unit_accept(struct db *db, long long id, const char *kind, const char *level)
{
	return store_write(db, NULL, "UPDATE units SET proposed = 0, kind = ?, level = ?"
	                   " WHERE id = ?", "tti", kind, level, id);
}

/* Ids of the open tasks (not done, not cancelled) a unit leads, or
 * coordinates, into a. */
static int open_task_ids(struct db *db, struct arena *a, const char *sql, long long unit,
                         long long **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, sql, "i", unit);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		long long *e = ARENA_PUSH(a, *out, *n, cap);
		if (e)
			*e = db_col_int(st, 0);
		else
			rc = PH_ENOMEM;
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_unit_open_tasks(struct db *db, struct arena *a, long long unit_id,
                          long long **lead, size_t *nlead, long long **coord, size_t *ncoord)
{
	int rc = open_task_ids(db, a,
	    "SELECT id FROM tasks WHERE lead_unit_id = ?"
	    " AND status IN ('not_started','in_progress') ORDER BY id", unit_id, lead, nlead);
	if (!rc)
		rc = open_task_ids(db, a,
		    "SELECT DISTINCT t.id FROM tasks t JOIN task_coordinators c ON c.task_id = t.id"
		    " WHERE c.unit_id = ? AND t.status IN ('not_started','in_progress')"
		    " ORDER BY t.id", unit_id, coord, ncoord);
	return rc;
}

int store_unit_move_open_tasks(struct db *db, long long from, long long into)
{
	int rc = store_write(db, NULL,
	    "UPDATE tasks SET lead_unit_id = ? WHERE lead_unit_id = ?"
	    " AND status IN ('not_started','in_progress')", "ii", into, from);
	/* A task both units coordinate keeps one mention: into's. */
	if (!rc)
		rc = store_write(db, NULL,
		    "DELETE FROM task_coordinators WHERE unit_id = ?"
		    " AND task_id IN (SELECT id FROM tasks WHERE status IN ('not_started','in_progress'))"
		    " AND task_id IN (SELECT task_id FROM task_coordinators WHERE unit_id = ?)",
		    "ii", from, into);
	if (!rc)
		rc = store_write(db, NULL,
		    "UPDATE task_coordinators SET unit_id = ? WHERE unit_id = ?"
		    " AND task_id IN (SELECT id FROM tasks WHERE status IN ('not_started','in_progress'))",
		    "ii", into, from);
	return rc;
}

int store_unit_move_members(struct db *db, long long from, long long into,
                            const char *on)
{
	/* Units below from that are still open after the merge date, and the
	 * people who worked for from, go on under into. Each such unit's
	 * former parent is kept first, held through on; a unit moved twice on
	 * one day keeps the parent it had at the start of that day. */
	int rc = store_write(db, NULL,
	    "INSERT INTO unit_parent_history (unit_id, parent_id, valid_to)"
	    " SELECT id, ?, ? FROM units WHERE parent_id = ?"
	    " AND (valid_to IS NULL OR valid_to > ?)"
	    " ON CONFLICT (unit_id, valid_to) DO NOTHING", "itit", from, on, from, on);
	if (!rc)
		rc = store_write(db, NULL,
		    "UPDATE units SET parent_id = ? WHERE parent_id = ?"
		    " AND (valid_to IS NULL OR valid_to > ?)", "iit", into, from, on);
	if (!rc)
		rc = store_write(db, NULL, "UPDATE users SET unit_id = ? WHERE unit_id = ?",
		                 "ii", into, from);
	return rc;
}

int store_unit_parent_history_each(struct db *db, void *ctx,
                                   int (*fn)(void *ctx, long long unit_id, long long parent_id,
                                             const char *valid_to))
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT unit_id, parent_id, valid_to FROM unit_parent_history"
	                        " ORDER BY unit_id, valid_to", &st);
	if (rc)
		return rc;
	int s;
	while (!rc && (s = db_step(st)) == DB_ROW)
		rc = fn(ctx, db_col_int(st, 0), db_col_is_null(st, 1) ? 0 : db_col_int(st, 1),
		        db_col_text(st, 2));
	if (!rc && s < 0)
		rc = -s;
	db_finalize(st);
	return rc;
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
		rc = -s;
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
		rc = -s;
	db_finalize(st);
	return rc;
}

/* ---- documents ---- */

int store_document_by_hash(struct db *db, const char *hash, long long *id)
{
	return store_read_int(db, id, "SELECT id FROM documents WHERE content_hash = ?", "t", hash);
}

int store_document_insert(struct db *db, const char *type, const char *type_text,
                          const char *number, const char *symbol, const char *place,
                          const char *date, int year, const char *title,
                          const char *issuers, const char *source_name,
                          const char *hash, const char *text, const char *format,
                          long long *id)
{
	return store_write(db, id,
	             "INSERT INTO documents (type, type_text, number, symbol, place, date,"
	             " year, title, issuers, source_name, content_hash, original_text,"
	             " format, imported_at)"
	             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)"
	             " RETURNING id",
	             "ttttttNtttttt", type, type_text, number, symbol, place, date, year,
	             title, issuers, source_name, hash, text, format);
}

int store_document_file_insert(struct db *db, long long doc, const char *name,
                               const char *format, const void *data, size_t len,
                               const char *sha256)
{
	return store_write(db, NULL,
	             "INSERT INTO document_files (document_id, name, format, size, sha256, data)"
	             " VALUES (?, ?, ?, ?, ?, ?)",
	             "ittitb", doc, name, format, (long long)len, sha256, data, len);
}

int store_document_file_get(struct db *db, struct arena *a, long long doc, char **name,
                            char **format, const void **data, size_t *len)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, "SELECT name, format, data FROM document_files"
	                       " WHERE document_id = ?", "i", doc);
	if (!rc && !(rc = store_one(st))) {
		const void *p = db_col_blob(st, 2);
		*len = db_col_bytes(st, 2);
		*name = arena_strdup(a, db_col_text(st, 0));
		*format = arena_strdup(a, db_col_text(st, 1));
		void *copy = arena_alloc(a, *len + 1);
		if (!copy || !*name || !*format)
			rc = PH_ENOMEM;
		else if (*len)
			memcpy(copy, p, *len);
		*data = copy;
	}
	db_finalize(st);
	return rc;
}

int store_reference_insert(struct db *db, long long doc, int pos, const char *text,
                           const char *kind, const char *number, const char *date,
                           const char *issuer, int line)
{
	return store_write(db, NULL,
	             "INSERT INTO legal_references (document_id, position, text, kind,"
	             " number, date, issuer, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	             "intttttn", doc, pos, text, kind, number, date, issuer, line);
}

int store_recipient_insert(struct db *db, long long doc, int pos, const char *text)
{
	return store_write(db, NULL,
	             "INSERT INTO recipients (document_id, position, text) VALUES (?, ?, ?)",
	             "int", doc, pos, text);
}

int store_signer_insert(struct db *db, long long doc, int pos, const char *name,
                        const char *title, const char *authority, const char *org)
{
	return store_write(db, NULL,
	             "INSERT INTO signers (document_id, position, name, title, authority,"
	             " organization) VALUES (?, ?, ?, ?, ?, ?)",
	             "intttt", doc, pos, name, title, authority, org);
}

int store_import_upload_insert(struct db *db, long long user_id, const char *name,
                               const char *sha256, const void *data, size_t len,
                               const char *now, const char *stale, long long *id)
{
	int rc = store_write(db, NULL, "DELETE FROM import_uploads WHERE created_at < ?", "t", stale);
	if (!rc)
		rc = store_write(db, id, "INSERT INTO import_uploads (user_id, name, sha256, data,"
		                 " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
		                 "ittbt", user_id, name, sha256, data, len, now);
	return rc;
}

int store_import_upload_get(struct db *db, struct arena *a, long long id, long long user_id,
                            char **name, const void **data, size_t *len)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, "SELECT name, data FROM import_uploads"
	                       " WHERE id = ? AND user_id = ?", "ii", id, user_id);
	if (!rc && !(rc = store_one(st))) {
		const void *p = db_col_blob(st, 1);
		*len = db_col_bytes(st, 1);
		*name = arena_strdup(a, db_col_text(st, 0));
		void *copy = arena_alloc(a, *len + 1);
		if (!copy || !*name)
			rc = PH_ENOMEM;
		else if (*len)
			memcpy(copy, p, *len);
		*data = copy;
	}
	db_finalize(st);
	return rc;
}

int store_import_upload_delete(struct db *db, long long id, long long user_id)
{
	return store_write(db, NULL, "DELETE FROM import_uploads WHERE id = ? AND user_id = ?",
	                   "ii", id, user_id);
}

int store_review_insert(struct db *db, long long doc, int pos, int line, const char *what,
                        const char *place)
{
	return store_write(db, NULL,
	             "INSERT INTO review_items (document_id, position, line, what, place)"
	             " VALUES (?, ?, ?, ?, ?)", "inNtt", doc, pos, line, what, place);
}

/* ---- documents seen before (the import's duplicate checks) ---- */

int store_document_ids_hash_not_like(struct db *db, struct arena *a, const char *pattern,
                                     long long **ids, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, "SELECT id FROM documents WHERE content_hash NOT LIKE ?"
	                       " ORDER BY id", "t", pattern);
	int s = DB_DONE;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		long long *slot = ARENA_PUSH(a, *ids, *n, cap);
		if (!slot)
			rc = PH_ENOMEM;
		else
			*slot = db_col_int(st, 0);
	}
	if (!rc && s != DB_DONE)
		rc = PH_EDB;
	db_finalize(st);
	return rc;
}

int store_document_text(struct db *db, struct arena *a, long long id, char **text)
{
	struct db_stmt *st = NULL;
	*text = NULL;
	int rc = store_prepare(db, &st, "SELECT original_text FROM documents WHERE id = ?", "i", id);
	if (!rc && !(rc = store_one(st)) && !(*text = store_col(a, st, 0)))
		rc = PH_ENOMEM;
	db_finalize(st);
	return rc;
}

int store_document_set_hash(struct db *db, long long id, const char *hash)
{
	return store_write(db, NULL, "UPDATE documents SET content_hash = ? WHERE id = ?", "ti",
	                   hash, id);
}

#define DOCUMENT_BRIEF_COLUMNS \
	"SELECT d.id, COALESCE((SELECT MIN(p.id) FROM plans p WHERE p.document_id = d.id), 0)," \
	" d.number, d.symbol, d.date, d.place, d.title, d.source_name, d.imported_at" \
	" FROM documents d"

/* One row of DOCUMENT_BRIEF_COLUMNS into *b; PH_ENOMEM when a refused. */
static int document_brief_row(struct arena *a, struct db_stmt *st, struct document_brief *b)
{
	memset(b, 0, sizeof *b);
	b->id = db_col_int(st, 0);
	b->plan_id = db_col_int(st, 1);
	char **cols[] = {&b->number, &b->symbol, &b->date, &b->place, &b->title,
	                 &b->source_name, &b->imported_at};
	for (int i = 0; i < (int)(sizeof cols / sizeof *cols); i++) {
		*cols[i] = store_col(a, st, i + 2);
		if (!*cols[i] && !db_col_is_null(st, i + 2))
			return PH_ENOMEM;
	}
	return 0;
}

int store_document_brief(struct db *db, struct arena *a, long long id,
                         struct document_brief *out)
{
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, DOCUMENT_BRIEF_COLUMNS " WHERE d.id = ?", "i", id);
	if (!rc && !(rc = store_one(st)))
		rc = document_brief_row(a, st, out);
	db_finalize(st);
	return rc;
}

int store_documents_same_number(struct db *db, struct arena *a, const char *number,
                                const char *symbol, const char *date, long long except,
                                size_t max, struct document_brief **out, size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st, DOCUMENT_BRIEF_COLUMNS " WHERE d.number = ? AND d.date = ?"
	                       " AND (d.symbol = ? OR (d.symbol IS NULL AND ? IS NULL))"
	                       " AND d.id <> ? ORDER BY d.id LIMIT ?",
	                       "ttttii", number, date, symbol, symbol, except, (long long)max);
	int s = DB_DONE;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct document_brief *b = ARENA_PUSH(a, *out, *n, cap);
		rc = b ? document_brief_row(a, st, b) : PH_ENOMEM;
	}
	if (!rc && s != DB_DONE)
		rc = PH_EDB;
	db_finalize(st);
	return rc;
}

/* ---- plans ---- */

int store_plan_insert(struct db *db, long long doc, const char *title,
                      const char *period_start, const char *period_end, long long *id)
{
	return store_write(db, id,
	             "INSERT INTO plans (document_id, title, period_start, period_end)"
	             " VALUES (?, ?, ?, ?) RETURNING id",
	             "ittt", doc, title, period_start, period_end);
}

int store_section_insert(struct db *db, long long plan, long long parent, int pos,
                         const char *no, const char *title, int level, int line,
                         long long *id)
{
	return store_write(db, id,
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
	return store_write(db, id,
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
	return store_write(db, NULL,
	             "INSERT INTO task_coordinators (task_id, position, unit_id, text,"
	             " is_group) VALUES (?, ?, ?, ?, ?)",
	             "inItn", task, pos, unit, text, group);
}

int store_deadline_insert(struct db *db, long long plan, int pos, const char *text,
                          const char *kind, const char *due, const char *to_text,
                          long long to_unit, int line)
{
	return store_write(db, NULL,
	             "INSERT INTO report_deadlines (plan_id, position, text, kind, due_date,"
	             " to_text, to_unit_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	             "inttttIN", plan, pos, text, kind, due, to_text, to_unit, line);
}

int store_target_insert(struct db *db, long long plan, int pos, const char *text,
                        const char *op, double value, const char *unit, int year_from,
                        int year_to, int each_year, int line)
{
	return store_write(db, NULL,
	             "INSERT INTO targets (plan_id, position, text, op, value, unit,"
	             " year_from, year_to, each_year, line)"
	             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	             "inttdtNNnN", plan, pos, text, op, value, unit, year_from, year_to,
	             each_year, line);
}

/* ---- reads ---- */

/* One row of PLAN_COLUMNS into *p; PH_ENOMEM when a refused a copy. */
static int plan_row(struct arena *a, struct db_stmt *st, struct plan *p)
{
	p->id = db_col_int(st, 0);
	p->document_id = db_col_int(st, 1);
	p->title = store_col(a, st, 2);
	p->type = store_col(a, st, 3);
	p->number = store_col(a, st, 4);
	p->symbol = store_col(a, st, 5);
	p->place = store_col(a, st, 6);
	p->date = store_col(a, st, 7);
	p->year = (int)db_col_int(st, 8);
	p->period_start = store_col(a, st, 9);
	p->period_end = store_col(a, st, 10);
	p->tasks = (int)db_col_int(st, 11);
	p->type_text = store_col(a, st, 12);
	p->issuers = store_col(a, st, 13);
	p->format = store_col(a, st, 14);
	p->source_name = store_col(a, st, 15);
	p->has_file = db_col_int(st, 16) != 0;
	return store_mem(a, 0);
}

#define PLAN_COLUMNS \
	"SELECT p.id, p.document_id, p.title, d.type, d.number, d.symbol, d.place," \
	" d.date, d.year, p.period_start, p.period_end," \
	" (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id), d.type_text, d.issuers," \
	" d.format, d.source_name," \
	" EXISTS (SELECT 1 FROM document_files f WHERE f.document_id = d.id)" \
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
	int s = DB_DONE;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct plan *p = ARENA_PUSH(a, *out, *n, cap);
		rc = p ? plan_row(a, st, p) : PH_ENOMEM;
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_plan_get(struct db *db, struct arena *a, long long id, struct plan *out)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, PLAN_COLUMNS " WHERE p.id = ?", &st);
	if (!rc)
		rc = db_bind_int(st, 1, id);
	if (!rc && !(rc = store_one(st)))
		rc = plan_row(a, st, out);
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
		if (!c) {
			rc = PH_ENOMEM;
			break;
		}
		c->unit_id = db_col_int(st, 0);
		c->text = store_col(a, st, 1);
		c->unit_name = store_col(a, st, 2);
		c->group = (int)db_col_int(st, 3);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

/* The columns task_row() reads, and the filter every task list shares:
 * each filter is a bound parameter that is either NULL (no filter) or a
 * value, so one statement serves all combinations (bind_filter binds
 * them, 18 parameters). The text filter is a LIKE pattern on the folded
 * search column, with \ escaping % and _. */
#define TASK_SELECT \
	"SELECT t.id, t.plan_id, p.title, t.no, t.section, t.content, t.lead_unit_id," \
	" t.lead_text, u.name, t.timeframe_text, t.start_date, t.end_date," \
	" t.timeframe_kind, t.expected, t.notes, t.status, t.line" \
	" FROM tasks t JOIN plans p ON p.id = t.plan_id" \
	" LEFT JOIN units u ON u.id = t.lead_unit_id"

#define TASK_WHERE \
	" WHERE (? IS NULL OR t.plan_id = ?)" \
	"  AND (? IS NULL OR" \
	"       ((? IS NULL OR ? = 'lead') AND t.lead_unit_id = ?) OR" \
	"       ((? IS NULL OR ? = 'coordinating') AND EXISTS (SELECT 1 FROM task_coordinators c" \
	"         WHERE c.task_id = t.id AND c.unit_id = ?)))" \
	"  AND (? IS NULL OR (t.end_date IS NOT NULL AND t.end_date >= ?" \
	"       AND COALESCE(t.start_date, t.end_date) <= ?))" \
	"  AND (? IS NULL OR t.status = ?)" \
	"  AND (? IS NULL OR (t.end_date < ? AND t.status IN ('not_started','in_progress')))" \
	"  AND (? IS NULL OR t.search LIKE ? ESCAPE '\\')"

/* One page of a search, ordered by one of the fixed orders below. */
#define TASK_PAGE(order) TASK_SELECT TASK_WHERE " ORDER BY " order " LIMIT ? OFFSET ?"

#define STATUS_RANK \
	"CASE t.status WHEN 'not_started' THEN 0 WHEN 'in_progress' THEN 1" \
	" WHEN 'done' THEN 2 ELSE 3 END"
#define LEAD_NAME "COALESCE(u.name, t.lead_text)"

static int bind_filter(struct db_stmt *st, const struct task_filter *f, const char *like,
                       char today[static 11])
{
	char from[11], to[11];
	date_iso(f->from, from);
	date_iso(f->to, to);
	date_iso(f->today, today);
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
		{'t', 0, like}, {'t', 0, like},
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof args / sizeof *args; i++) {
		if (args[i].k == 't')
			rc = db_bind_text(st, (int)i + 1, args[i].t);
		else
			rc = args[i].i ? db_bind_int(st, (int)i + 1, args[i].i)
			               : db_bind_null(st, (int)i + 1);
	}
	return rc;
}

/* One row of TASK_SELECT into *t; PH_ENOMEM when a refused a copy. */
static int task_row(struct arena *a, struct db_stmt *st, const char *today, struct task *t)
{
	t->id = db_col_int(st, 0);
	t->plan_id = db_col_int(st, 1);
	t->plan_title = store_col(a, st, 2);
	t->no = store_col(a, st, 3);
	t->section = store_col(a, st, 4);
	t->content = store_col(a, st, 5);
	t->lead_unit_id = db_col_int(st, 6);
	t->lead_text = store_col(a, st, 7);
	t->lead_name = store_col(a, st, 8);
	t->timeframe_text = store_col(a, st, 9);
	t->start = store_col(a, st, 10);
	t->end = store_col(a, st, 11);
	t->timeframe_kind = store_col(a, st, 12);
	t->expected = (int)db_col_int(st, 13);
	t->notes = store_col(a, st, 14);
	t->status = store_col(a, st, 15);
	t->line = (int)db_col_int(st, 16);
	if (arena_failed(a))
		return PH_ENOMEM; /* before the copies are read: any may be NULL */
	t->overdue = t->end && t->status && today[0] && strcmp(t->end, today) < 0 &&
	             (strcmp(t->status, "not_started") == 0 ||
	              strcmp(t->status, "in_progress") == 0);
	return 0;
}

int store_tasks_list(struct db *db, struct arena *a, const struct task_filter *f,
                     struct task **out, size_t *n)
{
	char today[11];
	*out = NULL;
	*n = 0;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, TASK_SELECT TASK_WHERE " ORDER BY t.plan_id, t.position", &st);
	if (rc)
		return rc;
	rc = bind_filter(st, f, NULL, today);
	if (!rc) {
		/* Coordinators are read after the statement is finished. */
		size_t cap = 0;
		int s = DB_DONE;
		while (!rc && (s = db_step(st)) == DB_ROW) {
			struct task *t = ARENA_PUSH(a, *out, *n, cap);
			rc = t ? task_row(a, st, today, t) : PH_ENOMEM;
		}
		if (!rc && s < 0)
			rc = -s;
	}
	db_finalize(st);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = load_coordinators(db, a, &(*out)[i]);
	return rc;
}

/* The SELECT of a task search in one of the fixed orders (LIMIT and
 * OFFSET its parameters 19 and 20); NULL for an unknown order. */
static const char *search_sql(enum store_task_sort sort, int desc)
{
	const char *sql = NULL;
	switch (sort) {
	case STORE_SORT_PLAN:
		sql = desc ? TASK_PAGE("t.plan_id DESC, t.position")
		           : TASK_PAGE("t.plan_id, t.position");
		break;
	case STORE_SORT_END:
		sql = desc ? TASK_PAGE("t.end_date IS NULL, t.end_date DESC, t.plan_id, t.position")
		           : TASK_PAGE("t.end_date IS NULL, t.end_date, t.plan_id, t.position");
		break;
	case STORE_SORT_STATUS:
		sql = desc ? TASK_PAGE(STATUS_RANK " DESC, t.plan_id, t.position")
		           : TASK_PAGE(STATUS_RANK ", t.plan_id, t.position");
		break;
	case STORE_SORT_LEAD:
		sql = desc ? TASK_PAGE(LEAD_NAME " IS NULL, " LEAD_NAME " DESC, t.plan_id, t.position")
		           : TASK_PAGE(LEAD_NAME " IS NULL, " LEAD_NAME ", t.plan_id, t.position");
		break;
	case STORE_SORT_NO:
		sql = desc ? TASK_PAGE("t.no IS NULL, LENGTH(t.no) DESC, t.no DESC, t.plan_id, t.position")
		           : TASK_PAGE("t.no IS NULL, LENGTH(t.no), t.no, t.plan_id, t.position");
		break;
	}
	return sql;
}

int store_tasks_search(struct db *db, struct arena *a, const struct task_filter *f,
                       const char *like, enum store_task_sort sort, int desc,
                       int limit, int offset, struct task **out, size_t *n,
                       long long *total)
{
	char today[11];
	*out = NULL;
	*n = 0;
	*total = 0;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT COUNT(*) FROM tasks t" TASK_WHERE, &st);
	if (!rc)
		rc = bind_filter(st, f, like, today);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW)
			*total = db_col_int(st, 0);
		else
			rc = s < 0 ? -s : PH_EDB;
	}
	db_finalize(st);
	st = NULL;
	if (rc)
		return rc;
	const char *sql = search_sql(sort, desc);
	if (!sql)
		return PH_EINVAL;
	rc = db_prepare(db, sql, &st);
	if (!rc)
		rc = bind_filter(st, f, like, today);
	if (!rc)
		rc = db_bind_int(st, 19, limit);
	if (!rc)
		rc = db_bind_int(st, 20, offset);
	if (!rc) {
		size_t cap = 0;
		int s = DB_DONE;
		while (!rc && (s = db_step(st)) == DB_ROW) {
			struct task *t = ARENA_PUSH(a, *out, *n, cap);
			rc = t ? task_row(a, st, today, t) : PH_ENOMEM;
		}
		if (!rc && s < 0)
			rc = -s;
	}
	db_finalize(st);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = load_coordinators(db, a, &(*out)[i]);
	return rc;
}

int store_tasks_each(struct db *db, const struct task_filter *f, const char *like,
                     enum store_task_sort sort, int desc, long long max,
                     int (*fn)(void *ctx, const struct task *t), void *ctx)
{
	char today[11];
	const char *sql = search_sql(sort, desc);
	if (!sql)
		return PH_EINVAL;
	struct db_stmt *st = NULL, *co = NULL;
	int rc = db_prepare(db, sql, &st);
	if (!rc)
		rc = bind_filter(st, f, like, today);
	if (!rc)
		rc = db_bind_int(st, 19, max);
	if (!rc)
		rc = db_bind_int(st, 20, 0);
	/* The coordinators' statement is prepared once and run again for
	 * each task, beside the open search (SQLite reads both on one
	 * connection): 100,000 tasks cost one prepare, not 100,000. */
	if (!rc)
		rc = db_prepare(db,
		                "SELECT c.unit_id, c.text, u.name, c.is_group"
		                " FROM task_coordinators c LEFT JOIN units u ON u.id = c.unit_id"
		                " WHERE c.task_id = ? ORDER BY c.position", &co);
	int s = DB_DONE;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct arena a;
		arena_init(&a);
		struct task t;
		memset(&t, 0, sizeof t);
		rc = task_row(&a, st, today, &t);
		if (!rc && !(rc = db_reset(co)) && !(rc = db_bind_int(co, 1, t.id))) {
			int c = 0;
			while (!rc && (c = db_step(co)) == DB_ROW) {
				struct task_coord *k = ARENA_PUSH(&a, t.coords, t.coords_len, t.coords_cap);
				if (!k) {
					rc = PH_ENOMEM;
					break;
				}
				k->unit_id = db_col_int(co, 0);
				k->text = store_col(&a, co, 1);
				k->unit_name = store_col(&a, co, 2);
				k->group = (int)db_col_int(co, 3);
				rc = store_mem(&a, 0);
			}
			if (!rc)
				rc = store_step_rc(c);
		}
		if (!rc)
			rc = fn(ctx, &t);
		arena_cleanup(&a);
	}
	if (!rc && s < 0)
		rc = -s;
	db_finalize(co);
	db_finalize(st);
	return rc;
}

/* The ordering key of task id within plan_id: its position. PH_EINVAL
 * when there is no such task in that plan (a stale or foreign cursor). */
static int task_key(struct db *db, long long plan_id, long long id, long long *pos)
{
	int rc = store_read_int(db, pos, "SELECT position FROM tasks WHERE id = ? AND plan_id = ?",
	                        "ii", id, plan_id);
	return rc == PH_ENOTFOUND ? PH_EINVAL : rc;
}

int store_plan_tasks_page(struct db *db, struct arena *a, long long plan_id,
                          long long after_id, long long before_id, int limit,
                          struct ph_date today, struct task **out, size_t *n,
                          int *more, long long *first)
{
	char day[11];
	date_iso(today, day);
	*out = NULL;
	*n = 0;
	*more = 0;
	*first = 0;
	long long pos = 0;
	int rc = 0;
	if (after_id || before_id)
		rc = task_key(db, plan_id, after_id ? after_id : before_id, &pos);
	if (rc)
		return rc;
	/* By key, never by OFFSET: a page deep in a plan of a million tasks
	 * costs what the first does (the index tasks_plan(plan_id, position)
	 * with the id as the last column). One row more than the page says
	 * whether another page follows in that direction. */
	struct db_stmt *st = NULL;
	if (before_id)
		rc = store_prepare(db, &st, TASK_SELECT
		         " WHERE t.plan_id = ? AND t.position <= ? AND (t.position < ? OR t.id < ?)"
		         " ORDER BY t.position DESC, t.id DESC LIMIT ?",
		         "iiiin", plan_id, pos, pos, before_id, limit + 1);
	else if (after_id)
		rc = store_prepare(db, &st, TASK_SELECT
		         " WHERE t.plan_id = ? AND t.position >= ? AND (t.position > ? OR t.id > ?)"
		         " ORDER BY t.position, t.id LIMIT ?",
		         "iiiin", plan_id, pos, pos, after_id, limit + 1);
	else
		rc = store_prepare(db, &st, TASK_SELECT
		         " WHERE t.plan_id = ? ORDER BY t.position, t.id LIMIT ?",
		         "in", plan_id, limit + 1);
	size_t cap = 0;
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			break;
		}
		struct task *t = ARENA_PUSH(a, *out, *n, cap);
		rc = t ? task_row(a, st, day, t) : PH_ENOMEM;
	}
	if (!rc)
		rc = store_step_rc(s);
	db_finalize(st);
	if (rc)
		return rc;
	/* A page read backwards is put in document order. */
	for (size_t i = 0; before_id && i < *n / 2; i++) {
		struct task x = (*out)[i];
		(*out)[i] = (*out)[*n - 1 - i];
		(*out)[*n - 1 - i] = x;
	}
	for (size_t i = 0; !rc && i < *n; i++)
		rc = load_coordinators(db, a, &(*out)[i]);
	if (!rc && *n) {
		/* The number of the page's first task in the plan: the tasks
		 * before it, counted on the index. */
		const struct task *f = &(*out)[0];
		long long fpos = 0, before = 0;
		rc = task_key(db, plan_id, f->id, &fpos);
		if (!rc)
			rc = store_read_int(db, &before, "SELECT COUNT(*) FROM tasks WHERE plan_id = ?"
			                    " AND position <= ? AND (position < ? OR id < ?)",
			                    "iiii", plan_id, fpos, fpos, f->id);
		if (!rc)
			*first = before + 1;
	}
	return rc;
}

int store_plan_task_years(struct db *db, long long plan_id, int *first, int *min, int *max)
{
	*first = *min = *max = 0;
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st,
	             "SELECT MIN(substr(COALESCE(start_date, end_date), 1, 4)),"
	             " MAX(substr(COALESCE(end_date, start_date), 1, 4))"
	             " FROM tasks WHERE plan_id = ?", "i", plan_id);
	if (!rc && !(rc = store_one(st))) {
		*min = (int)db_col_int(st, 0);
		*max = (int)db_col_int(st, 1);
	}
	db_finalize(st);
	st = NULL;
	if (!rc)
		rc = store_prepare(db, &st,
		         "SELECT substr(COALESCE(start_date, end_date), 1, 4) FROM tasks"
		         " WHERE plan_id = ? AND COALESCE(start_date, end_date) IS NOT NULL"
		         " ORDER BY position, id LIMIT 1", "i", plan_id);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW)
			*first = (int)db_col_int(st, 0);
		else
			rc = store_step_rc(s);
	}
	db_finalize(st);
	return rc;
}

int store_task_status_counts(struct db *db, const struct task_filter *f, long long counts[4])
{
	static const char *names[4] = {"not_started", "in_progress", "done", "cancelled"};
	char today[11];
	memset(counts, 0, 4 * sizeof *counts);
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT t.status, COUNT(*) FROM tasks t" TASK_WHERE
	                        " GROUP BY t.status", &st);
	if (!rc)
		rc = bind_filter(st, f, NULL, today);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		const char *status = db_col_text(st, 0);
		for (int i = 0; i < 4; i++)
			if (status && strcmp(status, names[i]) == 0)
				counts[i] = db_col_int(st, 1);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_task_get(struct db *db, struct arena *a, long long id, struct ph_date today,
                   struct task *out)
{
	char day[11];
	date_iso(today, day);
	struct db_stmt *st = NULL;
	int rc = store_prepare(db, &st, TASK_SELECT " WHERE t.id = ?", "i", id);
	if (!rc && !(rc = store_one(st)))
		rc = task_row(a, st, day, out);
	db_finalize(st);
	if (!rc)
		rc = load_coordinators(db, a, out);
	return rc;
}

int store_task_set_status(struct db *db, long long id, const char *status)
{
	return store_write(db, NULL, "UPDATE tasks SET status = ? WHERE id = ?", "ti", status, id);
}

int store_task_set_search(struct db *db, long long id, const char *search)
{
	return store_write(db, NULL, "UPDATE tasks SET search = ? WHERE id = ?", "ti", search, id);
}

int store_tasks_unindexed(struct db *db, struct arena *a, int limit, struct task **out,
                          size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT id, no, section, content, lead_text, notes FROM tasks"
	             " WHERE search IS NULL ORDER BY id LIMIT ?", "n", limit);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct task *t = ARENA_PUSH(a, *out, *n, cap);
		if (!t) {
			rc = PH_ENOMEM;
			break;
		}
		t->id = db_col_int(st, 0);
		t->no = store_col(a, st, 1);
		t->section = store_col(a, st, 2);
		t->content = store_col(a, st, 3);
		t->lead_text = store_col(a, st, 4);
		t->notes = store_col(a, st, 5);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_plan_sections(struct db *db, struct arena *a, long long plan_id,
                        struct plan_section **out, size_t *n)
{
	int more = 0;
	return store_plan_sections_max(db, a, plan_id, 0, out, n, &more);
}

int store_plan_sections_max(struct db *db, struct arena *a, long long plan_id, size_t max,
                            struct plan_section **out, size_t *n, int *more)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	int rc = store_prepare(db, &st,
	             "SELECT id, parent_id, no, title, level, line FROM sections"
	             " WHERE plan_id = ? ORDER BY position", "i", plan_id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		if (max && *n == max) {
			*more = 1;
			break;
		}
		struct plan_section *e = ARENA_PUSH(a, *out, *n, cap);
		if (!e) {
			rc = PH_ENOMEM;
			break;
		}
		e->id = db_col_int(st, 0);
		e->parent_id = db_col_int(st, 1);
		e->no = store_col(a, st, 2);
		e->title = store_col(a, st, 3);
		e->level = (int)db_col_int(st, 4);
		e->line = (int)db_col_int(st, 5);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_deadlines_between(struct db *db, struct arena *a, const char *from,
                            const char *to, int limit, struct plan_deadline **out,
                            size_t *n)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(db, &st,
	             "SELECT d.plan_id, p.title, d.text, d.kind, d.due_date, d.to_text"
	             " FROM report_deadlines d JOIN plans p ON p.id = d.plan_id"
	             " WHERE d.due_date >= ? AND d.due_date <= ?"
	             " ORDER BY d.due_date, d.plan_id, d.position LIMIT ?",
	             "ttn", from, to, limit);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		struct plan_deadline *e = ARENA_PUSH(a, *out, *n, cap);
		if (!e) {
			rc = PH_ENOMEM;
			break;
		}
		e->plan_id = db_col_int(st, 0);
		e->plan_title = store_col(a, st, 1);
		e->text = store_col(a, st, 2);
		e->kind = store_col(a, st, 3);
		e->due = store_col(a, st, 4);
		e->to_text = store_col(a, st, 5);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}

int store_plan_rows(struct db *db, struct arena *a, long long plan_id, const char *what,
                    size_t max, struct store_row **out, size_t *n, int *more)
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
		sql = "SELECT r.line, r.what, r.place FROM review_items r"
		      " JOIN plans p ON p.document_id = r.document_id"
		      " WHERE p.id = ? ORDER BY r.position";
		cols = 3;
	} else {
		return PH_EINVAL;
	}
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	*more = 0;
	int rc = db_prepare(db, sql, &st);
	if (!rc)
		rc = db_bind_int(st, 1, plan_id);
	int s = 0;
	while (!rc && (s = db_step(st)) == DB_ROW) {
		if (max && *n == max) {
			*more = 1;
			break;
		}
		struct store_row *r = ARENA_PUSH(a, *out, *n, cap);
		if (!r) {
			rc = PH_ENOMEM;
			break;
		}
		for (int i = 0; i < cols; i++)
			r->c[i] = store_col(a, st, i);
		rc = store_mem(a, 0);
	}
	db_finalize(st);
	return rc ? rc : store_step_rc(s);
}
