/* extract_json.c: an extraction as JSON, the contract of
 * `import --dry-run --json` (docs/import-json.md). Keys keep their order. */
#include "import/extract.h"
#include "import/extract_json.h"
#include <jansson.h>

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *date_or_null(struct ph_date d)
{
	char buf[11];
	return date_iso(d, buf) ? json_string(buf) : json_null();
}

static json_t *int_or_null(int v) { return v ? json_integer(v) : json_null(); }

/* A whole number prints as an integer (85, not 85.0). */
static json_t *number(double v)
{
	if (v == (double)(long long)v && v > -1e15 && v < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *unitref(const struct ex_unitref *u)
{
	json_t *o = json_object();
	json_object_set_new(o, "text", str_or_null(u->text));
	json_object_set_new(o, "unit", str_or_null(u->unit));
	if (u->unit_id > 0)
		json_object_set_new(o, "unit_id", json_integer(u->unit_id));
	if (u->group)
		json_object_set_new(o, "group", json_true());
	if (u->unlisted)
		json_object_set_new(o, "unlisted", json_true());
	return o;
}

json_t *extraction_json(const struct extraction *ex)
{
	json_t *root = json_object();
	json_t *doc = json_object();
	json_object_set_new(doc, "type", json_string(extraction_type_name(ex->type)));
	json_object_set_new(doc, "type_text", str_or_null(ex->type_text));
	json_object_set_new(doc, "number", str_or_null(ex->number));
	json_object_set_new(doc, "symbol", str_or_null(ex->symbol));
	json_object_set_new(doc, "place", str_or_null(ex->place));
	json_object_set_new(doc, "date", date_or_null(ex->date));
	json_object_set_new(doc, "year", int_or_null(ex->year));
	json_object_set_new(doc, "title", str_or_null(ex->title));
	json_object_set_new(doc, "issuers", str_or_null(ex->issuers));
	json_object_set_new(doc, "period_start", date_or_null(ex->period.period_start));
	json_object_set_new(doc, "period_end", date_or_null(ex->period.period_end));
	json_object_set_new(doc, "format", json_string(doc_format_name(ex->format)));
	json_object_set_new(root, "document", doc);
	json_object_set_new(root, "format", json_string(doc_format_name(ex->format)));

	json_t *secs = json_array();
	for (size_t i = 0; i < ex->sections_len; i++) {
		const struct ex_section *s = &ex->sections[i];
		json_t *o = json_object();
		json_object_set_new(o, "no", str_or_null(s->no));
		json_object_set_new(o, "title", str_or_null(s->title));
		json_object_set_new(o, "level", json_integer(s->level));
		json_object_set_new(o, "line", json_integer(s->line));
		json_array_append_new(secs, o);
	}
	json_object_set_new(root, "sections", secs);

	json_t *tasks = json_array();
	for (size_t i = 0; i < ex->tasks_len; i++) {
		const struct ex_task *t = &ex->tasks[i];
		json_t *o = json_object();
		json_object_set_new(o, "no", str_or_null(t->no));
		json_object_set_new(o, "section", str_or_null(t->section));
		json_object_set_new(o, "content", str_or_null(t->content));
		json_object_set_new(o, "lead", unitref(&t->lead));
		json_t *co = json_array();
		for (size_t k = 0; k < t->coordinating_len; k++)
			json_array_append_new(co, unitref(&t->coordinating[k]));
		json_object_set_new(o, "coordinating", co);
		json_t *tf = json_object();
		json_object_set_new(tf, "text", str_or_null(t->timeframe_text));
		json_object_set_new(tf, "start", date_or_null(t->timeframe.start));
		json_object_set_new(tf, "end", date_or_null(t->timeframe.end));
		const char *kind = timeframe_kind_name(t->timeframe.kind);
		json_object_set_new(tf, "kind", str_or_null(kind));
		json_object_set_new(tf, "expected", json_boolean(t->timeframe.expected));
		json_object_set_new(o, "timeframe", tf);
		json_object_set_new(o, "notes", str_or_null(t->notes));
		json_object_set_new(o, "source", str_or_null(t->source));
		json_object_set_new(o, "line", json_integer(t->line));
		json_array_append_new(tasks, o);
	}
	json_object_set_new(root, "tasks", tasks);

	json_t *dl = json_array();
	for (size_t i = 0; i < ex->deadlines_len; i++) {
		const struct ex_deadline *d = &ex->deadlines[i];
		json_t *o = json_object();
		json_object_set_new(o, "text", str_or_null(d->text));
		json_object_set_new(o, "kind", str_or_null(d->kind));
		json_object_set_new(o, "date", date_or_null(d->date));
		json_object_set_new(o, "to", str_or_null(d->to));
		json_object_set_new(o, "line", json_integer(d->line));
		json_array_append_new(dl, o);
	}
	json_object_set_new(root, "deadlines", dl);

	json_t *tg = json_array();
	for (size_t i = 0; i < ex->targets_len; i++) {
		const struct ex_target *t = &ex->targets[i];
		json_t *o = json_object();
		json_object_set_new(o, "text", str_or_null(t->text));
		json_object_set_new(o, "op", str_or_null(t->op));
		json_object_set_new(o, "value", number(t->value));
		json_object_set_new(o, "unit", str_or_null(t->unit));
		json_object_set_new(o, "year_from", int_or_null(t->year_from));
		json_object_set_new(o, "year_to", int_or_null(t->year_to));
		json_object_set_new(o, "each_year", json_boolean(t->each_year));
		json_object_set_new(o, "line", json_integer(t->line));
		json_array_append_new(tg, o);
	}
	json_object_set_new(root, "targets", tg);

	json_t *refs = json_array();
	for (size_t i = 0; i < ex->references_len; i++) {
		const struct ex_reference *r = &ex->references[i];
		json_t *o = json_object();
		json_object_set_new(o, "text", str_or_null(r->text));
		json_object_set_new(o, "kind", str_or_null(r->kind));
		json_object_set_new(o, "number", str_or_null(r->number));
		json_object_set_new(o, "date", date_or_null(r->date));
		json_object_set_new(o, "issuer", str_or_null(r->issuer));
		json_object_set_new(o, "line", json_integer(r->line));
		json_array_append_new(refs, o);
	}
	json_object_set_new(root, "references", refs);

	json_t *rec = json_array();
	for (size_t i = 0; i < ex->recipients_len; i++)
		json_array_append_new(rec, json_string(ex->recipients[i]));
	json_object_set_new(root, "recipients", rec);

	json_t *sg = json_array();
	for (size_t i = 0; i < ex->signers_len; i++) {
		const struct ex_signer *s = &ex->signers[i];
		json_t *o = json_object();
		json_object_set_new(o, "name", str_or_null(s->name));
		json_object_set_new(o, "position", str_or_null(s->position));
		json_object_set_new(o, "authority", str_or_null(s->authority));
		json_object_set_new(o, "organization", str_or_null(s->organization));
		json_object_set_new(o, "line", json_integer(s->line));
		json_array_append_new(sg, o);
	}
	json_object_set_new(root, "signers", sg);

	json_t *pr = json_array();
	for (size_t i = 0; i < ex->proposed_len; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(ex->proposed[i].name));
		json_object_set_new(o, "line", json_integer(ex->proposed[i].line));
		json_array_append_new(pr, o);
	}
	json_object_set_new(root, "proposed_units", pr);

	json_t *rv = json_array();
	for (size_t i = 0; i < ex->review_len; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "line", json_integer(ex->review[i].line));
		json_object_set_new(o, "what", str_or_null(ex->review[i].what));
		if (ex->review[i].place)
			json_object_set_new(o, "place", json_string(ex->review[i].place));
		json_array_append_new(rv, o);
	}
	json_object_set_new(root, "review", rv);
	return root;
}
