/* json_out.h: model records as JSON objects, shared by the API handlers.
 * Each returns a new reference (caller releases, usually by handing it to
 * a json_pack "o" or reply_json). Field names are English snake_case;
 * values are as stored (ISO dates, status names); absent values are null.
 * The OpenAPI schemas in openapi.c describe these shapes: change both. */
#ifndef PH_JSON_OUT_H
#define PH_JSON_OUT_H
#include <jansson.h>

struct user;
struct unit;
struct plan;
struct plan_section;
struct plan_deadline;
struct task;
struct task_note;
struct attachment;
struct audit_entry;

json_t *json_user(const struct user *u);
/* A C string or JSON null. */
json_t *json_str_or_null(const char *s);
/* A positive id, or null for 0. */
json_t *json_id_or_null(long long id);

/* {id, key, parent_id, kind, level, name, short_name, valid_from,
 *  valid_to, successor_id, proposed}. */
json_t *json_unit(const struct unit *u);
/* {id, document_id, title, type, number, symbol, place, date, year,
 *  period_start, period_end, task_count}. */
json_t *json_plan(const struct plan *p);
/* {id, parent_id, no, title, level, line}. */
json_t *json_section(const struct plan_section *s);
/* {plan_id, plan_title, text, kind, due, to}. */
json_t *json_deadline(const struct plan_deadline *d);
/* {id, plan_id, plan_title, no, section, content, lead {unit_id, text,
 *  name}, coordinating [{unit_id, text, name, group}], timeframe {text,
 *  start, end, kind, expected}, notes, status, status_label, overdue,
 *  line}. */
json_t *json_task(const struct task *t);
/* {id, task_id, user_id, user_name, date, text, created_at}. */
json_t *json_note(const struct task_note *n);
/* {id, task_id, user_id, name, mime, size, sha256, created_at, url}. */
json_t *json_attachment(const struct attachment *at);
/* {id, at, user_id, user_login, action, entity, entity_id, before,
 *  after}; before/after are the stored JSON parsed (or the raw text when
 *  it is not JSON), null when absent. */
json_t *json_audit_entry(const struct audit_entry *e);

#endif
