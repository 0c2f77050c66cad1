/* store.h: the domain queries, one function per question or write. Every
 * SQL statement of the program outside the migrations is in store.c
 * (registry, documents, plans, tasks) or store_people.c (users, sessions,
 * audit log, notes, attachments), in SQL both SQLite and PostgreSQL accept. Writes are not transactions by
 * themselves: the model opens one transaction per use case around them.
 *
 * Reads fill records from model.h allocated in the caller's arena. All
 * functions return 0 or an enum ph_err code. A read whose arena refuses
 * memory (arena.h: over its cap, or malloc failed), or had refused it
 * before, returns PH_ENOMEM and stops at that row: never a record with a
 * NULL where its column holds text. What it filled before the failure is
 * then not to be used. */
#ifndef PH_STORE_H
#define PH_STORE_H
#include "model/model.h"
#include "model/audit.h"
#include "model/plan.h"
#include "model/schedule.h"
#include "model/task.h"
#include "model/user.h"
#include "model/feed.h"
#include "model/notice.h"
#include "model/report.h"

struct db;

/* ---- units registry ---- */
int store_units_count(struct db *db, long long *n);
/* Insert a unit; *id receives its id. Strings may be NULL where the column
 * allows it. */
int store_unit_insert(struct db *db, const char *key, long long parent_id,
                      const char *kind, const char *level, const char *name,
                      const char *short_name, const char *valid_from,
                      const char *valid_to, int proposed, long long *id);
int store_unit_set_successor(struct db *db, long long id, long long successor_id);
int store_unit_alias_insert(struct db *db, long long unit_id, const char *alias);
int store_abbrev_insert(struct db *db, const char *abbrev, const char *expansion);
/* Unit id by key; PH_ENOTFOUND when absent. */
int store_unit_by_key(struct db *db, const char *key, long long *id);
/* A unit's level and kind ("" for none), without allocating: read once per
 * row of a values file. PH_ENOTFOUND, PH_EDB. */
int store_unit_class(struct db *db, long long id, char level[static 16], char kind[static 16]);
/* All units in id order. */
int store_units_all(struct db *db, struct arena *a, struct unit **out, size_t *n);
/* Call fn for every alias (unit_id, alias) and every abbreviation. */
int store_aliases_each(struct db *db, void *ctx,
                       int (*fn)(void *ctx, long long unit_id, const char *alias));
int store_abbrevs_each(struct db *db, void *ctx,
                       int (*fn)(void *ctx, const char *abbrev, const char *expansion));
/* One unit; PH_ENOTFOUND. */
int store_unit_get(struct db *db, struct arena *a, long long id, struct unit *out);
/* The units whose parent is parent_id (0: the roots), in id order. */
int store_unit_children(struct db *db, struct arena *a, long long parent_id,
                        struct unit **out, size_t *n);
/* *yes = 1 when unit_id is ancestor_id or below it. */
int store_unit_within(struct db *db, long long unit_id, long long ancestor_id, int *yes);
/* A unit's aliases, in byte order (the model collates). */
int store_unit_aliases(struct db *db, struct arena *a, long long id, char ***out, size_t *n);
int store_unit_has_alias(struct db *db, long long id, const char *alias, int *yes);
int store_unit_set_names(struct db *db, long long id, const char *name, const char *short_name);
int store_unit_set_validity(struct db *db, long long id, const char *valid_from,
                            const char *valid_to);
/* A proposed unit accepted into the registry with kind and level (NULL). */
int store_unit_accept(struct db *db, long long id, const char *kind, const char *level);
/* Ids of the open tasks (not done or cancelled) the unit leads and those
 * it coordinates, ascending, in a. */
int store_unit_open_tasks(struct db *db, struct arena *a, long long unit_id,
                          long long **lead, size_t *nlead, long long **coord, size_t *ncoord);
/* Hand the open tasks from leads or coordinates over to into (a task both
 * coordinate keeps one mention). */
int store_unit_move_open_tasks(struct db *db, long long from, long long into);
/* Re-parent from's units still open after on (ISO) to into, recording
 * for each a unit_parent_history row (former parent from, valid_to on),
 * and move from's users to into. Call inside the caller's transaction.
 * 0 or PH_EDB. */
int store_unit_move_members(struct db *db, long long from, long long into,
                            const char *on);
/* Call fn for every unit_parent_history row, ordered by unit_id then
 * valid_to; parent_id 0 for a former root. Stops at fn's first nonzero
 * return and returns it; PH_EDB. */
int store_unit_parent_history_each(struct db *db, void *ctx,
                                   int (*fn)(void *ctx, long long unit_id, long long parent_id,
                                             const char *valid_to));

/* ---- documents and what was extracted from them ---- */
/* Document id with that content hash; PH_ENOTFOUND when none. */
int store_document_by_hash(struct db *db, const char *hash, long long *id);
int store_document_insert(struct db *db, const char *type, const char *type_text,
                          const char *number, const char *symbol, const char *place,
                          const char *date, int year, const char *title,
                          const char *issuers, const char *source_name,
                          const char *hash, const char *text, const char *format,
                          long long *id);
/* The Word or PDF file a document was imported from (document_files). */
int store_document_file_insert(struct db *db, long long doc, const char *name,
                               const char *format, const void *data, size_t len,
                               const char *sha256);
/* That file, copied into a; PH_ENOTFOUND when the document has none. */
int store_document_file_get(struct db *db, struct arena *a, long long doc, char **name,
                            char **format, const void **data, size_t *len);
int store_reference_insert(struct db *db, long long doc, int pos, const char *text,
                           const char *kind, const char *number, const char *date,
                           const char *issuer, int line);
int store_recipient_insert(struct db *db, long long doc, int pos, const char *text);
int store_signer_insert(struct db *db, long long doc, int pos, const char *name,
                        const char *title, const char *authority, const char *org);
/* Word and PDF files waiting on the import page for their confirmation
 * (import_uploads): insert one (first removing those created before
 * stale), read one back (only by its uploader; PH_ENOTFOUND otherwise;
 * copied into a), delete one. */
int store_import_upload_insert(struct db *db, long long user_id, const char *name,
                               const char *sha256, const void *data, size_t len,
                               const char *now, const char *stale, long long *id);
int store_import_upload_get(struct db *db, struct arena *a, long long id, long long user_id,
                            char **name, const void **data, size_t *len);
int store_import_upload_delete(struct db *db, long long id, long long user_id);
int store_review_insert(struct db *db, long long doc, int pos, int line, const char *what,
                        const char *place);
/* Ids of the documents whose content hash does not match the LIKE
 * pattern (hashes of an older form), in id order, into *ids (arena a,
 * NULL when none) and *n. PH_EDB, PH_ENOMEM. */
int store_document_ids_hash_not_like(struct db *db, struct arena *a, const char *pattern,
                                     long long **ids, size_t *n);
/* The stored text of a document, copied into a. PH_ENOTFOUND, PH_EDB,
 * PH_ENOMEM. */
int store_document_text(struct db *db, struct arena *a, long long id, char **text);
/* Replace a document's content hash. PH_EDB (a hash taken is a UNIQUE
 * violation). */
int store_document_set_hash(struct db *db, long long id, const char *hash);
/* A document as the import preview names it (strings in a).
 * PH_ENOTFOUND, PH_EDB, PH_ENOMEM. */
int store_document_brief(struct db *db, struct arena *a, long long id,
                         struct document_brief *out);
/* At most max documents, other than except, with this number and date
 * and the same symbol (both NULL counts as the same), in id order, into
 * *out (arena a) and *n. PH_EDB, PH_ENOMEM. */
int store_documents_same_number(struct db *db, struct arena *a, const char *number,
                                const char *symbol, const char *date, long long except,
                                size_t max, struct document_brief **out, size_t *n);

/* ---- plans ---- */
int store_plan_insert(struct db *db, long long doc, const char *title,
                      const char *period_start, const char *period_end, long long *id);
int store_section_insert(struct db *db, long long plan, long long parent, int pos,
                         const char *no, const char *title, int level, int line,
                         long long *id);
int store_task_insert(struct db *db, long long plan, int pos, const char *no,
                      const char *section, const char *content, long long lead_unit,
                      const char *lead_text, const char *tf_text, const char *start,
                      const char *end, const char *tf_kind, int expected,
                      const char *notes, const char *source, int line, long long *id);
int store_coordinator_insert(struct db *db, long long task, int pos, long long unit,
                             const char *text, int group);
int store_deadline_insert(struct db *db, long long plan, int pos, const char *text,
                          const char *kind, const char *due, const char *to_text,
                          long long to_unit, int line);
int store_target_insert(struct db *db, long long plan, int pos, const char *text,
                        const char *op, double value, const char *unit, int year_from,
                        int year_to, int each_year, int line);

/* Plans newest first, with their task counts. */
int store_plans_list(struct db *db, struct arena *a, struct plan **out, size_t *n);
/* One plan by id; PH_ENOTFOUND when absent. */
int store_plan_get(struct db *db, struct arena *a, long long id, struct plan *out);
/* Tasks matching f, in plan then position order, with coordinators. */
int store_tasks_list(struct db *db, struct arena *a, const struct task_filter *f,
                     struct task **out, size_t *n);

/* The orders a task search offers; the SQL of each is fixed in store.c. */
enum store_task_sort { STORE_SORT_PLAN = 0, STORE_SORT_END, STORE_SORT_STATUS,
                       STORE_SORT_LEAD, STORE_SORT_NO };
/* One page (limit, offset) of the tasks matching f and, when like is not
 * NULL, whose folded search text matches the LIKE pattern like (escape
 * character \); *total receives the number of matching tasks. */
int store_tasks_search(struct db *db, struct arena *a, const struct task_filter *f,
                       const char *like, enum store_task_sort sort, int desc,
                       int limit, int offset, struct task **out, size_t *n,
                       long long *total);
/* Every task matching f and like as store_tasks_search, in the same
 * order, at most max of them, one at a time: fn(ctx, t) with t and its
 * coordinators in memory freed when fn returns. Stops at fn's first
 * non-zero return, which is returned. */
int store_tasks_each(struct db *db, const struct task_filter *f, const char *like,
                     enum store_task_sort sort, int desc, long long max,
                     int (*fn)(void *ctx, const struct task *t), void *ctx);
/* One page of a plan's tasks in document order (position, then id), with
 * coordinators and overdue as of today, read by key: at most limit tasks
 * after the task after_id (0: from the first), or, with before_id, the
 * limit tasks just before the task before_id. *more is 1 when there are
 * tasks beyond the page in the direction read; *first is the 1-based
 * number of the page's first task in the plan (0 for an empty page).
 * PH_EINVAL when the key task is not a task of the plan. */
int store_plan_tasks_page(struct db *db, struct arena *a, long long plan_id,
                          long long after_id, long long before_id, int limit,
                          struct ph_date today, struct task **out, size_t *n,
                          int *more, long long *first);
/* Years of a plan's task dates, without reading the tasks: of the first
 * dated task in document order, the earliest and the latest (0 when no
 * task has a date). */
int store_plan_task_years(struct db *db, long long plan_id, int *first, int *min, int *max);
/* Tasks matching f by status: not_started, in_progress, done, cancelled. */
int store_task_status_counts(struct db *db, const struct task_filter *f, long long counts[4]);
/* One task with its coordinators (overdue as of today); PH_ENOTFOUND. */
int store_task_get(struct db *db, struct arena *a, long long id, struct ph_date today,
                   struct task *out);
int store_task_set_status(struct db *db, long long id, const char *status);
int store_task_set_search(struct db *db, long long id, const char *search);
/* Up to limit tasks whose search column is NULL, with id, no, section,
 * content, lead_text and notes filled. */
int store_tasks_unindexed(struct db *db, struct arena *a, int limit, struct task **out,
                          size_t *n);
/* Sections of a plan in document order. */
int store_plan_sections(struct db *db, struct arena *a, long long plan_id,
                        struct plan_section **out, size_t *n);
/* The same, at most max of them (0: all); *more is 1 when some were left
 * out, so that an answer stops building past its cap. */
int store_plan_sections_max(struct db *db, struct arena *a, long long plan_id, size_t max,
                            struct plan_section **out, size_t *n, int *more);
/* Report deadlines due in [from, to], soonest first, at most limit. */
int store_deadlines_between(struct db *db, struct arena *a, const char *from,
                            const char *to, int limit, struct plan_deadline **out,
                            size_t *n);

/* Report deadlines, targets, references, recipients, signers, review items
 * of one plan (what: "deadlines", "targets", "references", "recipients",
 * "signers", "review"), as rows of text columns for display (cols per row
 * given), at most max rows (0: all; *more is 1 when rows were left out). */
struct store_row { char *c[8]; };
int store_plan_rows(struct db *db, struct arena *a, long long plan_id, const char *what,
                    size_t max, struct store_row **out, size_t *n, int *more);

/* ---- users and sessions (store_people.c) ---- */
/* role is the role's name ("editor"); pw_hash the Argon2id string. */
int store_user_insert(struct db *db, const char *login, const char *name,
                      long long unit_id, const char *role, const char *pw_hash,
                      const char *created_at, long long *id);
/* One user by id or login, with the password hash in *pw_hash when
 * pw_hash is not NULL; PH_ENOTFOUND. */
int store_user_get(struct db *db, struct arena *a, long long id, struct user *out,
                   char **pw_hash);
int store_user_by_login(struct db *db, struct arena *a, const char *login,
                        struct user *out, char **pw_hash);
/* All users by login. */
int store_users_list(struct db *db, struct arena *a, struct user **out, size_t *n);
int store_user_set_password(struct db *db, long long id, const char *pw_hash);
int store_user_set_disabled(struct db *db, long long id, int disabled);
int store_user_update(struct db *db, long long id, const char *name, long long unit_id,
                      const char *role);

int store_session_insert(struct db *db, const char *token_hash, long long user_id,
                         const char *csrf, const char *created_at, const char *expires_at);
/* The enabled user of an unexpired session (expires_at > now), its CSRF
 * token and expiry; PH_ENOTFOUND otherwise. */
int store_session_user(struct db *db, struct arena *a, const char *token_hash,
                       const char *now, struct user *out, char **csrf, char **expires_at);
int store_session_touch(struct db *db, const char *token_hash, const char *expires_at);
int store_session_delete(struct db *db, const char *token_hash);
int store_sessions_delete_user(struct db *db, long long user_id);
/* Delete the sessions expired at now. */
int store_sessions_purge(struct db *db, const char *now);

/* Sign-in throttling (model/signin.c). Times are Unix seconds. */
int store_signin_failure(struct db *db, long long at, const char *login, const char *address,
                         const char *device, int trusted);
/* Failures since `since`: of untrusted tries for login, of untrusted tries
 * from address, of tries through device. */
int store_signin_count_login(struct db *db, const char *login, long long since, long long *n);
int store_signin_count_address(struct db *db, const char *address, long long since,
                               long long *n);
int store_signin_count_device(struct db *db, const char *device, long long since, long long *n);
/* Forget failures older than before; those of login (an unlock). */
int store_signin_prune(struct db *db, long long before);
int store_signin_forget_login(struct db *db, const char *login);
/* Device cookies: add one; the user it belongs to (PH_ENOTFOUND). */
int store_device_insert(struct db *db, const char *token_hash, long long user_id, long long at);
int store_device_user(struct db *db, const char *token_hash, long long *user_id);

/* ---- audit log ---- */
/* user_id 0 binds NULL (the command line); unit_id 0 binds NULL (no unit
 * known: the entry is for administrators). */
int store_audit_insert(struct db *db, const char *at, long long user_id,
                       const char *login, long long unit_id, const char *action,
                       const char *entity, long long entity_id, const char *before,
                       const char *after);
/* The unit an entry about (entity, entity_id) concerns, as it stands now
 * in the caller's transaction: a task's lead unit, a unit itself, a
 * user's unit, a report version's submitting unit, a schedule's
 * receiving unit, an indicator's owner unit. *unit 0 for other entities,
 * a thing without one (a task with no lead) or not found. 0 or PH_EDB. */
int store_audit_unit(struct db *db, const char *entity, long long entity_id,
                     long long *unit);
/* Every entry whose unit is reach_root or below it (0: every entry)
 * made on a UTC day in [from, to] (ISO; NULL: open), newest first, at
 * most max, one at a time: fn(ctx, e) with e (and the author's and the
 * unit's names, user_name and unit_name) freed when fn returns. Stops at
 * fn's first non-zero return, which is returned. */
struct audit_entry;
int store_audit_each(struct db *db, long long reach_root, const char *from, const char *to,
                     long long max, int (*fn)(void *ctx, const struct audit_entry *e),
                     void *ctx);
/* Newest first; entity NULL and entity_id 0 do not filter; reach_root
 * not 0 keeps only the entries whose unit is reach_root or below it (a
 * coordinator's reach), 0 keeps every entry. */
int store_audit_list(struct db *db, struct arena *a, const char *entity,
                     long long entity_id, long long reach_root, int limit, int offset,
                     struct audit_entry **out, size_t *n, long long *total);

/* One entity's entries, oldest first, at most limit. */
int store_audit_history(struct db *db, struct arena *a, const char *entity,
                        long long entity_id, int limit, struct audit_entry **out, size_t *n);

/* ---- notes and attachments ---- */
int store_note_insert(struct db *db, long long task_id, long long user_id,
                      const char *date, const char *text, const char *created_at,
                      long long *id);
/* One note by its id; PH_ENOTFOUND. */
int store_note_get(struct db *db, struct arena *a, long long note_id, struct task_note *out);
/* Newest note date first. */
int store_notes_list(struct db *db, struct arena *a, long long task_id,
                     struct task_note **out, size_t *n);
/* The record and its size bytes of data (two rows, one call). */
int store_attachment_insert(struct db *db, long long task_id, long long user_id,
                            const char *name, const char *mime, long long size,
                            const char *sha256, const char *created_at,
                            const void *data, long long *id);
/* The bytes user_id uploaded from since (ISO time) on, and the bytes
 * stored for the tasks unit_id leads (0: the tasks that have no lead
 * unit), as the attachments' recorded sizes: what the upload limits of
 * task_attach count. */
int store_attachment_bytes_since(struct db *db, long long user_id, const char *since,
                                 long long *bytes);
int store_attachment_bytes_unit(struct db *db, long long unit_id, long long *bytes);
int store_attachments_list(struct db *db, struct arena *a, long long task_id,
                           struct attachment **out, size_t *n);
/* One file's record, without its bytes; PH_ENOTFOUND. */
int store_attachment_meta(struct db *db, struct arena *a, long long id, struct attachment *out);
/* The record and a copy of its bytes in a; PH_ENOTFOUND. */
int store_attachment_get(struct db *db, struct arena *a, long long id,
                         struct attachment *out, const void **data);

/* ---- calendar feeds (store_feeds.c) ---- */
/* Replace unit_id's feed token by token_hash (SHA-256 hex); created_by 0
 * binds NULL (the command line). */
int store_feed_set(struct db *db, long long unit_id, const char *token_hash,
                   const char *created_at, long long created_by);
/* The unit of a feed token hash; PH_ENOTFOUND. */
int store_feed_unit(struct db *db, const char *token_hash, long long *unit_id);
/* Tasks with an end date the unit leads or coordinates, by end date. */
int store_feed_tasks(struct db *db, struct arena *a, long long unit_id,
                     struct feed_task **out, size_t *n);
/* Report deadlines with a due date of the plans in which the unit leads
 * or coordinates a task, by due date. */
int store_feed_deadlines(struct db *db, struct arena *a, long long unit_id,
                         struct feed_deadline **out, size_t *n);

/* ---- report schedules (store_schedules.c) ---- */
/* Insert s (its id, names, unit list and counts are ignored); created_by
 * 0 binds NULL. *id receives the new id. */
int store_schedule_insert(struct db *db, const struct schedule *s, long long created_by,
                          const char *created_at, long long *id);
int store_schedule_unit_insert(struct db *db, long long schedule_id, long long unit_id);
/* *yes = 1 when unit_id submits a report to receiver_id: some schedule
 * received by receiver_id lists it, or its rule picks it (a unit of the
 * rule's kind below the rule's parent, not proposed, valid on the due
 * date), as store_schedule_submitters resolves them. 0 or PH_EDB. */
int store_unit_reports_to(struct db *db, long long unit_id, long long receiver_id, int *yes);
/* All schedules, soonest deadline first, with unit names (no unit list). */
int store_schedules_list(struct db *db, struct arena *a, struct schedule **out, size_t *n);
/* One schedule with its explicit unit ids; PH_ENOTFOUND. */
int store_schedule_get(struct db *db, struct arena *a, long long id, struct schedule *out);
/* Units of kind rule_kind (NULL: none) below rule_parent valid on due and
 * not proposed, and the explicit units of schedule_id; each once, by id. */
int store_schedule_submitters(struct db *db, struct arena *a, long long schedule_id,
                              const char *rule_kind, long long rule_parent,
                              const char *due, struct unit **out, size_t *n);
/* A report deadline of a plan as schedule_from_plan reads it. */
struct store_deadline {
	long long id;
	char *text, *kind, *due;     /* due ISO or NULL */
	long long to_unit_id;        /* 0 when unresolved */
	int scheduled;               /* 1: a schedule already came from it */
};
/* A plan's report deadlines in document order. */
int store_plan_deadlines(struct db *db, struct arena *a, long long plan_id,
                         struct store_deadline **out, size_t *n);
/* The distinct lead units of a plan's tasks, ascending. */
int store_plan_lead_units(struct db *db, struct arena *a, long long plan_id,
                          long long **out, size_t *n);

/* ---- report submissions (store_reports.c) ---- */
/* The versions of a unit's report, newest first, without their content;
 * user columns are logins. */
int store_report_versions(struct db *db, struct arena *a, long long schedule_id,
                          long long unit_id, struct report_version **out, size_t *n);
/* A version's narrative in position order, and its tasks in plan order. */
int store_report_sections(struct db *db, struct arena *a, long long submission_id,
                          struct report_section **out, size_t *n);
int store_report_tasks(struct db *db, struct arena *a, long long submission_id,
                       struct report_task **out, size_t *n);
/* A new draft version; created_by 0 binds NULL. */
int store_report_insert(struct db *db, long long schedule_id, long long unit_id,
                        int version, long long created_by, const char *at, long long *id);
/* Empty a version's sections and tasks and touch updated_at, only while
 * it is a draft. */
int store_report_clear_draft(struct db *db, long long id, const char *at);
int store_report_section_insert(struct db *db, long long id, int pos, long long section_id,
                                const char *title, const char *text);
int store_report_task_insert(struct db *db, long long id, long long task_id,
                             const char *status, const char *note);
/* draft -> submitted (only a draft); submitted -> status (only a
 * submitted version). user_id 0 binds NULL. */
/* The figures of a version, with the indicator's code, name, measure and
 * type, in indicator code order. */
int store_report_values(struct db *db, struct arena *a, long long submission_id,
                        struct report_value **out, size_t *n);
int store_report_value_insert(struct db *db, long long id, long long indicator_id,
                              const char *period, double num, const double *den);
int store_report_set_submitted(struct db *db, long long id, long long user_id, const char *at);
int store_report_set_reviewed(struct db *db, long long id, const char *status,
                              long long user_id, const char *at, const char *comment);
/* The before_json of the first "task.status" audit entry of task_id made
 * after the time after (ISO text); *before_json NULL when none. */
int store_task_status_after(struct db *db, struct arena *a, long long task_id,
                            const char *after, char **before_json);
/* Every version of every unit of a schedule, by unit then version. */
struct store_report_row {
	long long unit_id;
	int version;
	char *status, *submitted_at;
};
int store_report_rows(struct db *db, struct arena *a, long long schedule_id,
                      struct store_report_row **out, size_t *n);

/* ---- reminders and the mail outbox (store_notices.c) ---- */
/* *yes = 1 when unit_id has a submitted report (submitted_at set) for
 * schedule_id. */
int store_unit_submitted(struct db *db, long long schedule_id, long long unit_id, int *yes);
/* Who is reminded for a unit: active users with role editor or above. */
struct store_recipient {
	long long id;
	char *name;
	char *email;      /* NULL when none */
};
/* The recipients of unit_id by id, in a. */
int store_notice_recipients(struct db *db, struct arena *a, long long unit_id,
                            struct store_recipient **out, size_t *n);
/* Insert a notice unless one with the same user, schedule, kind and days
 * exists: *id receives the new id, or 0 when it existed. */
int store_notice_insert(struct db *db, long long user_id, long long unit_id,
                        long long schedule_id, const char *kind, int days_before,
                        const char *text, const char *created_at, long long *id);
/* A page of user_id's notices, newest first (unread_only: read_at NULL),
 * with unit names, schedule titles and due dates; *total the count. */
int store_notices_list(struct db *db, struct arena *a, long long user_id, int unread_only,
                       int limit, int offset, struct notice **out, size_t *n,
                       long long *total);
int store_notices_unread(struct db *db, long long user_id, long long *n);
/* The owner of notice id; PH_ENOTFOUND. */
int store_notice_owner(struct db *db, long long id, long long *user_id);
/* Set read_at when still NULL. */
int store_notice_set_read(struct db *db, long long id, const char *at);
/* users.email of id (NULL binds NULL). */
int store_user_set_email(struct db *db, long long id, const char *email);
/* One outbox row. notice_id 0 binds NULL. */
int store_outbox_insert(struct db *db, long long notice_id, const char *to,
                        const char *subject, const char *body, const char *created_at,
                        long long *id);
struct store_mail {
	long long id;
	char *to, *subject, *body;
	int attempts;
};
/* Up to limit unsent rows with next_attempt_at <= now, oldest first. */
int store_outbox_due(struct db *db, struct arena *a, const char *now, int limit,
                     struct store_mail **out, size_t *n);
int store_outbox_sent(struct db *db, long long id, const char *at);
int store_outbox_failed(struct db *db, long long id, const char *error,
                        const char *next_attempt_at);

/* ---- bulk loading (store_bulk.c), for generated data sets ---- */
/* One prepared insert reused row after row, inside the caller's
 * transaction. units 1: store_bulk_unit rows, 0: store_bulk_value rows.
 * 0, PH_ENOMEM or PH_EDB; the caller frees with store_bulk_close. */
struct store_bulk;
int store_bulk_open(struct db *db, int units, struct store_bulk **out);
/* Insert one unit (parent_id 0: a root, short_name may be NULL); *id
 * receives its id. 0 or PH_EDB (a key taken, a bad kind or level). */
int store_bulk_unit(struct store_bulk *b, const char *key, long long parent_id,
                    const char *kind, const char *level, const char *name,
                    const char *short_name, long long *id);
/* Insert one indicator value, unchecked (the caller generated it valid);
 * has_den 0 stores a NULL denominator. 0 or PH_EDB. */
int store_bulk_value(struct store_bulk *b, long long indicator, long long unit,
                     const char *period, double num, int has_den, double den,
                     const char *source, const char *at);
void store_bulk_close(struct store_bulk *b);
/* The number of plans and of indicator values in the database. */
int store_bulk_counts(struct db *db, long long *plans, long long *values);

/* ---- withdrawing an import (store_withdraw.c) ---- */
/* What a plan (and its document) holds, and what was recorded against
 * it. The schedules are those made from the plan (its plan_id, or a
 * deadline of it). */
struct store_withdraw_counts {
	long long tasks, sections, coordinators, deadlines, targets;
	long long references, recipients, signers, review_items;
	long long schedules, schedule_units, notices;
	/* recorded against it */
	long long changed_status;  /* tasks whose status is not not_started */
	long long task_history;    /* audit entries about its tasks */
	long long notes, files;    /* task notes and attachments */
	long long reports;         /* report versions of its schedules */
	long long report_tasks;    /* report rows (any schedule) naming its tasks */
	long long report_sections; /* report narratives on its sections */
};
int store_withdraw_counts(struct db *db, long long plan_id, long long doc_id,
                          struct store_withdraw_counts *out);
/* The user (0: the command line) and unit (0: none) of the plan's
 * "document.import" audit entry; PH_ENOTFOUND when there is none. */
int store_withdraw_import_entry(struct db *db, long long plan_id, long long *user_id,
                                long long *unit_id);
/* The distinct lead units of the plan's tasks, in id order (arena a). */
int store_withdraw_leads(struct db *db, struct arena *a, long long plan_id, long long **ids,
                         size_t *n);
/* The "indicator.import" audit entries whose indicator still exists: the
 * indicator id and the entry's after JSON (naming the plan). */
struct store_withdraw_ind { long long id; char *after; };
int store_withdraw_imported_indicators(struct db *db, struct arena *a,
                                       struct store_withdraw_ind **out, size_t *n);
/* Values of an indicator (entered, and in report versions). */
int store_withdraw_indicator_values(struct db *db, long long id, long long *n);
/* The proposed units (made by an import: key "proposed.*", still
 * proposed) the plan's tasks, coordinators or deadlines refer to. */
int store_withdraw_proposed(struct db *db, struct arena *a, long long plan_id,
                            long long **ids, size_t *n);
/* *used = 1 when anything refers to unit unit_id but plan_id's own rows
 * and its schedules: another plan, a unit (child, successor), an alias,
 * a user, a schedule, a report, a notice, a value, an indicator, a feed,
 * the parent history, the audit log. */
int store_withdraw_unit_used(struct db *db, long long unit_id, long long plan_id, int *used);
/* Delete the plan's schedules (their units and notices), coordinators,
 * tasks, deadlines, targets, sections, the plan, and the document with
 * its references, recipients, signers and review items. Inside the
 * caller's transaction; rows recorded against the plan (notes, files,
 * reports) are not deleted: a foreign key then fails (PH_EDB). */
int store_withdraw_delete_plan(struct db *db, long long plan_id, long long doc_id);
/* Delete an indicator and its targets (its values must be none). */
int store_withdraw_delete_indicator(struct db *db, long long id);
/* Delete a unit still proposed (nothing may refer to it). */
int store_withdraw_delete_unit(struct db *db, long long id);

#endif
