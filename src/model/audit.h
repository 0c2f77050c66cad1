/* audit.h: the audit log. Every change made through the model is recorded
 * inside the same transaction as the change: who, when, what, and the
 * record before and after as JSON text. Read by administrators and
 * coordinators. */
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
	char *entity;        /* "task", "unit", "user", "plan" */
	long long entity_id;
	char *before, *after;/* JSON text or NULL */
};

/* Append one entry; call inside the use case's transaction. before/after
 * may be NULL. 0 or PH_EDB. */
int audit_record(struct db *db, const struct user *actor, const char *action,
                 const char *entity, long long entity_id, const char *before,
                 const char *after);

/* The same with before/after as jansson values, dumped compactly in
 * insertion order. Takes both references (NULL allowed) and releases them
 * whatever happens. 0, PH_ENOMEM or PH_EDB. */
int audit_record_json(struct db *db, const struct user *actor, const char *action,
                      const char *entity, long long entity_id,
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
 * ACT_AUDIT_READ for actor. */
int audit_list(struct db *db, const struct user *actor, struct arena *a,
               const struct audit_filter *f, struct audit_entry **out,
               size_t *n, long long *total);

/* The history of one thing (entity, entity_id), oldest first, without an
 * access check: callers show it only on the page of something the user
 * may read (a task's history on the task page). */
int audit_history(struct db *db, struct arena *a, const char *entity,
                  long long entity_id, struct audit_entry **out, size_t *n);

#endif
