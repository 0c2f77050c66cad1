/* document.c: importing a document: checks, extraction, and the one
 * transaction that saves it. */
#include "model/document.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/import_targets.h"
#include "model/rollup.h"
#include "model/task.h"
#include "import/docmodel.h"
#include "import/extract.h"
#include "import/timeframe.h"
#include "db/db.h"
#include "db/store.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int line_of(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

int document_check(const char *data, size_t n, char **text, size_t *len,
                   int *bad_line, char *why, size_t whylen)
{
	*text = NULL;
	*len = 0;
	*bad_line = 0;
	if (n > DOCUMENT_MAX_BYTES) {
		snprintf(why, whylen, "%zu bytes, more than the limit of %u bytes", n, DOCUMENT_MAX_BYTES);
		return PH_ETOOBIG;
	}
	/* A UTF-8 byte order mark is allowed and dropped. */
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		n -= 3;
	}
	if (text_looks_binary(data, n)) {
		snprintf(why, whylen, "the file holds binary data, not text");
		return PH_EBINARY;
	}
	size_t bad = 0;
	if (!text_utf8_valid(data, n, &bad)) {
		*bad_line = line_of(data, bad);
		snprintf(why, whylen, "invalid UTF-8 at byte %zu (line %d)", bad, *bad_line);
		return PH_EUTF8;
	}
	size_t i = 0;
	while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n' || data[i] == '\f'))
		i++;
	if (i == n) {
		snprintf(why, whylen, "the file has no text");
		return PH_EEMPTY;
	}
	char *nfc = text_nfc(data, n);
	if (!nfc)
		return PH_ENOMEM;
	/* CRLF and CR line ends become LF so line numbers mean one thing. */
	size_t w = 0;
	for (size_t r = 0; nfc[r]; r++) {
		if (nfc[r] == '\r') {
			nfc[w++] = '\n';
			if (nfc[r + 1] == '\n')
				r++;
		} else {
			nfc[w++] = nfc[r];
		}
	}
	nfc[w] = 0;
	*text = nfc;
	*len = w;
	return 0;
}

int document_load(const char *path, char **text, size_t *len, int *bad_line,
                  char *why, size_t whylen)
{
	struct buf b;
	buf_init(&b, DOCUMENT_MAX_BYTES);
	int rc = buf_read_file(&b, path);
	if (rc == PH_ETOOBIG)
		snprintf(why, whylen, "larger than the limit of %u bytes", DOCUMENT_MAX_BYTES);
	else if (rc)
		snprintf(why, whylen, "cannot read the file");
	else
		rc = document_check(buf_str(&b), b.len, text, len, bad_line, why, whylen);
	buf_cleanup(&b);
	return rc;
}

int document_extract(const char *text, size_t len, enum doc_format format,
                     const struct resolver *r, struct extraction *ex)
{
	struct docmodel doc;
	memset(&doc, 0, sizeof doc);
	int rc = reader_text(&ex->arena, text, len, format, &doc);
	if (!rc)
		rc = extract_document(&doc, r, ex);
	return rc;
}

void document_hash(const char *text, size_t len, char out[static 65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)text, len);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* ---- saving ---- */

/* Names that resolved to nothing become proposed units, one per folded
 * name; ids are remembered so each mention links to its unit. */
struct proposed_ids {
	char **folded;
	long long *ids;
	size_t n;
};

static int proposed_id(struct db *db, struct arena *a, struct proposed_ids *p,
                       const char *hash, const char *text, long long *id)
{
	char *f = text_fold(text);
	if (!f)
		return PH_ENOMEM;
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->folded[i], f) == 0) {
			*id = p->ids[i];
			free(f);
			return 0;
		}
	char *key = arena_printf(a, "proposed.%.12s.%zu", hash, p->n + 1);
	int rc = store_unit_insert(db, key, 0, "other", NULL, text, NULL, NULL, NULL, 1, id);
	if (!rc) {
		char **nf = arena_grow(a, p->folded, p->n * sizeof *nf, (p->n + 1) * sizeof *nf);
		long long *ni = arena_grow(a, p->ids, p->n * sizeof *ni, (p->n + 1) * sizeof *ni);
		nf[p->n] = arena_strdup(a, f);
		ni[p->n] = *id;
		p->folded = nf;
		p->ids = ni;
		p->n++;
	}
	free(f);
	return rc;
}

/* The unit id a reference is saved with: its registry id, a proposed
 * unit's id, or 0 for a group phrase or no text. */
static int ref_unit(struct db *db, struct arena *a, struct proposed_ids *p,
                    const char *hash, const struct ex_unitref *u, long long *id)
{
	*id = 0;
	if (!u->text || u->group)
		return 0;
	if (u->unit_id > 0) {
		*id = u->unit_id;
		return 0;
	}
	return proposed_id(db, a, p, hash, u->text, id);
}

static const char *iso(struct arena *a, struct ph_date d)
{
	char buf[11];
	return date_iso(d, buf) ? arena_strdup(a, buf) : NULL;
}

static int save_plan(struct db *db, struct arena *a, const struct extraction *ex,
                     const char *hash, long long doc, long long *plan)
{
	struct proposed_ids prop = {0};
	const char *title = ex->title ? ex->title : "(không có tiêu đề)";
	int rc = store_plan_insert(db, doc, title, iso(a, ex->period.period_start),
	                           iso(a, ex->period.period_end), plan);
	/* Sections: parent is the nearest earlier section of a lower level. */
	long long stack[8] = {0};
	for (size_t i = 0; !rc && i < ex->sections_len; i++) {
		const struct ex_section *s = &ex->sections[i];
		int level = s->level < 1 ? 1 : s->level > 7 ? 7 : s->level;
		long long parent = 0, id = 0;
		for (int l = level - 1; l >= 1 && !parent; l--)
			parent = stack[l];
		rc = store_section_insert(db, *plan, parent, (int)i + 1, s->no, s->title,
		                          s->level, s->line, &id);
		stack[level] = id;
		for (int l = level + 1; l < 8; l++)
			stack[l] = 0;
	}
	for (size_t i = 0; !rc && i < ex->tasks_len; i++) {
		const struct ex_task *t = &ex->tasks[i];
		long long lead = 0, task = 0;
		rc = ref_unit(db, a, &prop, hash, &t->lead, &lead);
		if (!rc)
			rc = store_task_insert(db, *plan, (int)i + 1, t->no, t->section,
			                       t->content ? t->content : "", lead, t->lead.text,
			                       t->timeframe_text, iso(a, t->timeframe.start),
			                       iso(a, t->timeframe.end),
			                       timeframe_kind_name(t->timeframe.kind),
			                       t->timeframe.expected, t->notes, t->source,
			                       t->line, &task);
		if (!rc) {
			char *search = task_search_text(t->no, t->section, t->content, t->lead.text,
			                                t->notes);
			rc = search ? store_task_set_search(db, task, search) : PH_ENOMEM;
			free(search);
		}
		for (size_t k = 0; !rc && k < t->coordinating_len; k++) {
			const struct ex_unitref *c = &t->coordinating[k];
			long long unit = 0;
			rc = ref_unit(db, a, &prop, hash, c, &unit);
			if (!rc)
				rc = store_coordinator_insert(db, task, (int)k + 1, unit, c->text, c->group);
		}
	}
	for (size_t i = 0; !rc && i < ex->deadlines_len; i++) {
		const struct ex_deadline *d = &ex->deadlines[i];
		rc = store_deadline_insert(db, *plan, (int)i + 1, d->text,
		                           d->kind ? d->kind : "other", iso(a, d->date),
		                           d->to, 0, d->line);
	}
	for (size_t i = 0; !rc && i < ex->targets_len; i++) {
		const struct ex_target *t = &ex->targets[i];
		rc = store_target_insert(db, *plan, (int)i + 1, t->text, t->op, t->value,
		                         t->unit, t->year_from, t->year_to, t->each_year, t->line);
	}
	return rc;
}

int document_save(struct db *db, const struct user *actor, const struct extraction *ex,
                  const char *source_name, const char *text, size_t len,
                  long long *doc_id, long long *plan_id)
{
	return document_save_with(db, actor, ex, source_name, text, len, NULL, 0, NULL,
	                          doc_id, plan_id, NULL);
}

int document_save_with(struct db *db, const struct user *actor, const struct extraction *ex,
                       const char *source_name, const char *text, size_t len,
                       const struct import_target_choice *choices, size_t nchoices,
                       long long *indicator_ids, long long *doc_id, long long *plan_id,
                       const char **why)
{
	char hash[65];
	int dup_doc = 0;
	struct arena a;
	arena_init(&a);
	document_hash(text, len, hash);
	*doc_id = *plan_id = 0;
	int rc = access_check(db, actor, ACT_IMPORT, 0);
	if (rc) {
		arena_cleanup(&a);
		return rc;
	}
	rc = db_begin(db);
	if (rc)
		goto out;
	if (store_document_by_hash(db, hash, doc_id) == 0) {
		dup_doc = 1;
		rc = PH_EDUPLICATE;
		goto out;
	}
	rc = store_document_insert(db, extraction_type_name(ex->type), ex->type_text,
	                           ex->number, ex->symbol, ex->place, iso(&a, ex->date),
	                           ex->year, ex->title, ex->issuers, source_name, hash,
	                           text, doc_id);
	for (size_t i = 0; !rc && i < ex->references_len; i++) {
		const struct ex_reference *r = &ex->references[i];
		rc = store_reference_insert(db, *doc_id, (int)i + 1, r->text, r->kind,
		                            r->number, iso(&a, r->date), r->issuer, r->line);
	}
	for (size_t i = 0; !rc && i < ex->recipients_len; i++)
		rc = store_recipient_insert(db, *doc_id, (int)i + 1, ex->recipients[i]);
	for (size_t i = 0; !rc && i < ex->signers_len; i++) {
		const struct ex_signer *s = &ex->signers[i];
		rc = store_signer_insert(db, *doc_id, (int)i + 1, s->name, s->position,
		                         s->authority, s->organization);
	}
	for (size_t i = 0; !rc && i < ex->review_len; i++)
		rc = store_review_insert(db, *doc_id, (int)i + 1, ex->review[i].line,
		                         ex->review[i].what);
	if (!rc)
		rc = save_plan(db, &a, ex, hash, *doc_id, plan_id);
	if (!rc)
		rc = audit_record_json(db, actor, "document.import", "plan", *plan_id, NULL,
		                       json_pack("{s:I, s:s?, s:s?, s:I}",
		                                 "document_id", (json_int_t)*doc_id,
		                                 "title", ex->title, "source", source_name,
		                                 "tasks", (json_int_t)ex->tasks_len));
	if (!rc && nchoices)
		rc = import_targets_save(db, actor, ex, choices, nchoices, *plan_id,
		                         indicator_ids, why);
	if (!rc)
		rc = db_commit(db);
	for (size_t i = 0; !rc && indicator_ids && i < nchoices; i++)
		rollup_indicator_changed(indicator_ids[i]);
out:
	if (rc) {
		db_rollback(db);
		if (!dup_doc)
			*doc_id = 0;
		*plan_id = 0;
	}
	arena_cleanup(&a);
	return rc;
}

/* ---- review corrections ---- */

/* 1 when ref is written as text; gives it the unit. */
static int set_ref(struct extraction *ex, struct ex_unitref *ref, const char *text,
                   long long unit_id, const char *name)
{
	if (!ref->text || strcmp(ref->text, text) != 0)
		return 0;
	ref->unit_id = (int)unit_id;
	ref->unit = arena_strdup(&ex->arena, name);
	ref->group = 0;
	return 1;
}

/* 1 when some reference still unresolved folds to folded. */
static int still_unresolved(const struct extraction *ex, const char *folded)
{
	for (size_t i = 0; i < ex->tasks_len; i++) {
		const struct ex_task *t = &ex->tasks[i];
		/* k == coordinating_len stands for the lead. */
		for (size_t k = 0; k <= t->coordinating_len; k++) {
			const struct ex_unitref *r = k < t->coordinating_len ? &t->coordinating[k] : &t->lead;
			if (!r->text || r->group || r->unit_id > 0)
				continue;
			char *f = text_fold(r->text);
			int same = f && strcmp(f, folded) == 0;
			free(f);
			if (same)
				return 1;
		}
	}
	return 0;
}

int document_set_unit(struct db *db, struct extraction *ex, const char *text,
                      long long unit_id)
{
	struct arena a;
	arena_init(&a);
	struct unit u;
	int rc = text ? store_unit_get(db, &a, unit_id, &u) : PH_EINVAL;
	if (rc)
		goto out;
	size_t changed = 0;
	for (size_t i = 0; i < ex->tasks_len; i++) {
		struct ex_task *t = &ex->tasks[i];
		changed += (size_t)set_ref(ex, &t->lead, text, unit_id, u.name);
		for (size_t k = 0; k < t->coordinating_len; k++)
			changed += (size_t)set_ref(ex, &t->coordinating[k], text, unit_id, u.name);
	}
	if (!changed) {
		rc = PH_EINVAL;
		goto out;
	}
	/* Proposals are one per folded name: keep those still needed. */
	size_t w = 0;
	for (size_t i = 0; i < ex->proposed_len; i++) {
		char *f = text_fold(ex->proposed[i].name);
		int keep = !f || still_unresolved(ex, f);
		free(f);
		if (keep)
			ex->proposed[w++] = ex->proposed[i];
	}
	ex->proposed_len = w;
out:
	arena_cleanup(&a);
	return rc;
}
