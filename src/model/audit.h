/* audit.h: the audit log. Every change made through the model is recorded
 * inside the same transaction as the change: who, when, what, the unit it
 * is about, and the record before and after as JSON text. Read by
 * administrators (all of it) and coordinators (the entries about units in
 * their reach; docs/ACCESS.md). */
#ifndef PH_AUDIT_H
#define PH_AUDIT_H
#include <stddef.h>
#include <time.h>
#include "base/arena.h"

struct db;
struct user;
struct json_t;

struct audit_entry {
	long long id;
	char *at;            /* ISO date-time, UTC: "2026-11-23T10:15:00Z" */
	long long user_id;   /* 0 for the command line */
	char *user_login;    /* "(dòng lệnh)" is never stored: NULL for the command line */
	char *action;        /* "task.status", "task.note", "task.attach", "unit.add",
	                        "unit.rename", "unit.merge", "unit.validity",
	                        "user.add", "user.passwd", "user.disable",
	                        "document.import" */
	char *entity;        /* "task", "unit", "user", "plan", "report",
	                        "schedule", "indicator" */
	long long entity_id;
	char *before, *after;/* JSON text or NULL */
	long long unit_id;   /* the unit the entry is about, as it was when
	                        written (audit_record); 0: none known */
	char *user_name;     /* the author's full name (audit_each only), or NULL */
	char *unit_name;     /* that unit's name (audit_each only), or NULL */
};

/* Append one entry; call inside the use case's transaction. before/after
 * may be NULL. The unit it is about is taken from the entity as it stands
 * in the transaction: a task's lead unit, the unit itself, a user's
 * unit, a report's submitting unit, a schedule's receiving unit, an
 * indicator's owner, a plan's importer (actor's unit); none for other
 * entities. 0 or PH_EDB. */

int audit_record(struct db *db, const struct user *actor, const char *action,
                 const char *entity, long long entity_id, const char *before,
                 const char *after);

/* The same with before/after as jansson values, dumped compactly in
 * insertion order. Takes both references (NULL allowed) and releases them
 * whatever happens. 0, PH_ENOMEM or PH_EDB. */
int audit_record_json(struct db *db, const struct user *actor, const char *action,
                      const char *entity, long long entity_id,
                      struct json_t *before, struct json_t *after);
/* audit_record_json about unit_id given by the caller (0: none), for an
 * entry whose entity does not say it: an indicator's value is about the
 * unit the value is for. */
int audit_record_json_unit(struct db *db, const struct user *actor, long long unit_id,
                           const char *action, const char *entity, long long entity_id,
                           struct json_t *before, struct json_t *after);

/* t as the ISO UTC text the audit log, sessions, notes and attachments
 * store: "2026-11-23T10:15:00Z". */
void audit_timestamp(time_t t, char out[static 21]);

struct audit_filter {
	const char *entity;  /* NULL: any */
	long long entity_id; /* 0: any */
	int limit, offset;   /* limit 0 = 50 */
};
/* Newest first. *total receives the count without limit/offset. Checks
 * ACT_AUDIT_READ for actor: administrators read every entry, a
 * coordinator those about a unit in its reach (entries about no known
 * unit are the administrators'). PH_EFORBIDDEN, PH_EUNAUTH, PH_EDB. */
int audit_list(struct db *db, const struct user *actor, struct arena *a,
               const struct audit_filter *f, struct audit_entry **out,
               size_t *n, long long *total);

/* Every entry actor may read (as audit_list) made on a UTC day from
 * from to to (a date that is not full leaves that end open), newest
 * first, at most max, one at a time: fn(ctx, e), with e freed when fn
 * returns (the export of the log). PH_EFORBIDDEN, PH_EUNAUTH, PH_EDB, or
 * fn's first non-zero return. */
struct ph_date;
int audit_each(struct db *db, const struct user *actor, struct ph_date from, struct ph_date to,
               long long max, int (*fn)(void *ctx, const struct audit_entry *e), void *ctx);

/* The history of one thing (entity, entity_id), oldest first, without an
 * access check: callers check first (a task's history is a private read,
 * task_history in task.h). */
int audit_history(struct db *db, struct arena *a, const char *entity,
                  long long entity_id, struct audit_entry **out, size_t *n);

/* The Vietnamese name of an audit action ("task.status": "Đổi trạng thái
 * nhiệm vụ") for the audit page and its export; NULL for an action
 * without one. */
const char *audit_action_label(const char *action);

#endif
