/* json_out.c: JSON forms of model records (see json_out.h). */
#include "api/json_out.h"
#include "model/audit.h"
#include "model/plan.h"
#include "model/task.h"
#include "model/user.h"
#include "model/model.h"
#include <stdio.h>

json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *json_id_or_null(long long id)
{
	return id > 0 ? json_integer((json_int_t)id) : json_null();
}

json_t *json_user(const struct user *u)
{
	if (!u)
		return json_null();
	return json_pack("{s:I, s:s, s:o, s:I, s:o, s:s}", "id", (json_int_t)u->id,
	                 "login", u->login ? u->login : "", "name", json_str_or_null(u->name),
	                 "unit_id", (json_int_t)u->unit_id, "unit_name",
	                 json_str_or_null(u->unit_name), "role", role_name(u->role));
}

json_t *json_unit(const struct unit *u)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
	                 "id", (json_int_t)u->id, "key", json_str_or_null(u->key),
	                 "parent_id", json_id_or_null(u->parent_id),
	                 "kind", json_str_or_null(u->kind), "level", json_str_or_null(u->level),
	                 "name", json_str_or_null(u->name),
	                 "short_name", json_str_or_null(u->short_name),
	                 "valid_from", json_str_or_null(u->valid_from),
	                 "valid_to", json_str_or_null(u->valid_to),
	                 "successor_id", json_id_or_null(u->successor_id),
	                 "proposed", u->proposed != 0);
}

json_t *json_plan(const struct plan *p)
{
	json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i}",
	                 "id", (json_int_t)p->id, "document_id", json_id_or_null(p->document_id),
	                 "title", json_str_or_null(p->title), "type", json_str_or_null(p->type),
	                 "type_text", json_str_or_null(p->type_text),
	                 "issuers", json_str_or_null(p->issuers),
	                 "number", json_str_or_null(p->number),
	                 "symbol", json_str_or_null(p->symbol),
	                 "place", json_str_or_null(p->place), "date", json_str_or_null(p->date),
	                 "year", p->year ? json_integer(p->year) : json_null(),
	                 "period_start", json_str_or_null(p->period_start),
	                 "period_end", json_str_or_null(p->period_end), "task_count", p->tasks);
	/* What the document came as, and where its Word or PDF file is. */
	if (o) {
		json_object_set_new(o, "format", json_string(p->format ? p->format : "text"));
		json_object_set_new(o, "source_name", json_str_or_null(p->source_name));
		json_object_set_new(o, "file", p->has_file
		                    ? json_sprintf("/api/v1/documents/%lld/file", p->document_id)
		                    : json_null());
	}
	return o;
}

json_t *json_section(const struct plan_section *s)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:i, s:i}", "id", (json_int_t)s->id,
	                 "parent_id", json_id_or_null(s->parent_id), "no", json_str_or_null(s->no),
	                 "title", json_str_or_null(s->title), "level", s->level, "line", s->line);
}

json_t *json_deadline(const struct plan_deadline *d)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "plan_id", (json_int_t)d->plan_id,
	                 "plan_title", json_str_or_null(d->plan_title),
	                 "text", json_str_or_null(d->text), "kind", json_str_or_null(d->kind),
	                 "due", json_str_or_null(d->due), "to", json_str_or_null(d->to_text));
}

json_t *json_task(const struct task *t)
{
	json_t *co = json_array();
	for (size_t i = 0; i < t->coords_len; i++) {
		const struct task_coord *c = &t->coords[i];
		json_array_append_new(co, json_pack("{s:o, s:o, s:o, s:b}",
		                                    "unit_id", json_id_or_null(c->unit_id),
		                                    "text", json_str_or_null(c->text),
		                                    "name", json_str_or_null(c->unit_name),
		                                    "group", c->group != 0));
	}
	json_t *lead = json_pack("{s:o, s:o, s:o}", "unit_id", json_id_or_null(t->lead_unit_id),
	                         "text", json_str_or_null(t->lead_text),
	                         "name", json_str_or_null(t->lead_name));
	json_t *tf = json_pack("{s:o, s:o, s:o, s:o, s:b}", "text",
	                       json_str_or_null(t->timeframe_text), "start",
	                       json_str_or_null(t->start), "end", json_str_or_null(t->end),
	                       "kind", json_str_or_null(t->timeframe_kind),
	                       "expected", t->expected != 0);
	return json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:i}",
	                 "id", (json_int_t)t->id, "plan_id", (json_int_t)t->plan_id,
	                 "plan_title", json_str_or_null(t->plan_title),
	                 "no", json_str_or_null(t->no), "section", json_str_or_null(t->section),
	                 "content", json_str_or_null(t->content), "lead", lead,
	                 "coordinating", co, "timeframe", tf, "notes", json_str_or_null(t->notes),
	                 "status", json_str_or_null(t->status), "status_label",
	                 json_str_or_null(t->status ? task_status_label(t->status) : NULL),
	                 "overdue", t->overdue != 0, "line", t->line);
}

json_t *json_note(const struct task_note *n)
{
	return json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)n->id,
	                 "task_id", (json_int_t)n->task_id, "user_id", json_id_or_null(n->user_id),
	                 "user_name", json_str_or_null(n->user_name),
	                 "date", json_str_or_null(n->date), "text", json_str_or_null(n->text),
	                 "created_at", json_str_or_null(n->created_at));
}

json_t *json_attachment(const struct attachment *at)
{
	char url[64];
	snprintf(url, sizeof url, "/api/v1/files/%lld", at->id);
	return json_pack("{s:I, s:I, s:o, s:o, s:o, s:I, s:o, s:o, s:s}",
	                 "id", (json_int_t)at->id, "task_id", (json_int_t)at->task_id,
	                 "user_id", json_id_or_null(at->user_id), "name", json_str_or_null(at->name),
	                 "mime", json_str_or_null(at->mime), "size", (json_int_t)at->size,
	                 "sha256", json_str_or_null(at->sha256),
	                 "created_at", json_str_or_null(at->created_at), "url", url);
}

/* Stored JSON text as a value; text that does not parse stays a string. */
static json_t *stored_json(const char *s)
{
	if (!s)
		return json_null();
	json_t *v = json_loads(s, JSON_DECODE_ANY, NULL);
	return v ? v : json_string(s);
}

json_t *json_audit_entry(const struct audit_entry *e)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	                 "id", (json_int_t)e->id, "at", json_str_or_null(e->at),
	                 "user_id", json_id_or_null(e->user_id),
	                 "user_login", json_str_or_null(e->user_login),
	                 "action", json_str_or_null(e->action), "entity", json_str_or_null(e->entity),
	                 "entity_id", json_id_or_null(e->entity_id),
	                 "unit_id", json_id_or_null(e->unit_id),
	                 "before", stored_json(e->before), "after", stored_json(e->after));
}
