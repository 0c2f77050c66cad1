/* task.h: the task use cases beyond import: read one, search and page
 * through many, change status, add dated progress notes, attach files,
 * read the history. Writes check access (access.c), run in one
 * transaction and are recorded in the audit log. */
#ifndef PH_TASK_H
#define PH_TASK_H
#include <stddef.h>
#include "model/model.h"

struct db;
struct user;
struct audit_entry;

/* Largest attachment by default; `serve --max-upload` can change it. */
#define TASK_ATTACHMENT_MAX (10u * 1024 * 1024)
/* What one user may upload in any hour (over it: PH_ERATE), and what the
 * tasks one unit leads may hold in files in all (over it: PH_ETOOBIG), so
 * that no editor fills the disk (security finding 13). Counted in the
 * database from the attachments' sizes, in the upload's transaction. */
#define TASK_UPLOAD_HOUR_MIB 200
#define TASK_UPLOAD_HOUR_MAX ((long long)TASK_UPLOAD_HOUR_MIB << 20)
#define TASK_UNIT_QUOTA_GIB 2
#define TASK_UNIT_QUOTA_MAX ((long long)TASK_UNIT_QUOTA_GIB << 30)

/* Why task_attach_why refused an upload over one of the limits above;
 * both NULL otherwise (the handlers say the per-file limit themselves,
 * with the size they were given). */
struct task_refusal {
	const char *detail;  /* English, for the API's detail and stderr (static) */
	const char *vi;      /* Vietnamese, NFC, for a page (static) */
};

struct task_note {
	long long id, task_id, user_id;
	char *user_name;     /* display name of the author, NULL from the CLI */
	char *date;          /* the day the progress refers to, ISO */
	char *text;
	char *created_at;    /* ISO date-time, UTC */
};

struct attachment {
	long long id, task_id, user_id;
	char *name;          /* file name as uploaded (NFC, no path) */
	char *mime;          /* type served back, from the name's extension */
	long long size;
	char *sha256;        /* hex */
	char *created_at;
};

/* A page of tasks. The filter is model.h's task_filter plus: */
struct task_query {
	struct task_filter f;
	const char *text;    /* free text; diacritics and case ignored ("phu nu") */
	const char *sort;    /* "plan" (default), "end", "status", "lead", "no";
	                        a leading '-' sorts descending */
	int limit, offset;   /* limit 0 = 50, at most 500 */
};

/* The text a task is searched by: text_fold() of its number, section,
 * content, lead as written and notes, joined by spaces (NULLs skipped).
 * Caller frees; NULL when out of memory. Whoever writes a task stores it
 * in the task's search column. */
char *task_search_text(const char *no, const char *section, const char *content,
                       const char *lead_text, const char *notes);
/* Fill the search column of tasks that have none (written before the
 * column existed), in batches of one transaction each. Call after opening
 * the database (cli_open_db, the server's start). *done (may be NULL)
 * receives the number of tasks filled. 0 or PH_EDB. */
int task_index_backfill(struct db *db, long long *done);

/* Valid status names: not_started, in_progress, done, cancelled. */
int task_status_valid(const char *s);
/* Vietnamese label of a status: "Chưa bắt đầu", "Đang thực hiện",
 * "Hoàn thành", "Đã hủy". */
const char *task_status_label(const char *s);

/* One task with its coordinators; PH_ENOTFOUND. */
int task_get(struct db *db, struct arena *a, long long id, struct task *out);
/* Tasks matching q, one page, with *total matching rows. */
int task_search(struct db *db, struct arena *a, const struct task_query *q,
                struct task **out, size_t *n, long long *total);
/* Every task matching q (its limit and offset ignored), in q's order, at
 * most max of them, one at a time: fn(ctx, t), with t and its
 * coordinators freed when fn returns, so that memory does not grow with
 * the tasks (the exports). Stops at fn's first non-zero return, which is
 * returned. PH_EINVAL as task_search, PH_EDB, PH_ENOMEM. */
int task_each(struct db *db, const struct task_query *q, long long max,
              int (*fn)(void *ctx, const struct task *t), void *ctx);
/* One page of a plan's tasks in document order (what /plans/{id} and its
 * timeline show, and the API's plan detail). Pages are read by key, never
 * by offset, so that a plan of a million tasks answers as fast as a small
 * one. */
#define TASK_PAGE_SIZE 200
#define TASK_PAGE_MAX 500
struct task_page {
	struct task *t;      /* the page's tasks (arena) */
	size_t n;
	int limit;           /* the page size used */
	long long first;     /* 1-based number of t[0] in the plan; 0 when empty */
	long long next;      /* after= key of the next page (its last task); 0: none */
	long long prev;      /* before= key of the previous page (its first task); 0: none */
};
/* The page of plan_id's tasks after the task after (0: the first page), or
 * the one before the task before; limit 0 is TASK_PAGE_SIZE, at most
 * TASK_PAGE_MAX. PH_EINVAL for a key that is not a task of the plan or
 * both keys at once. Memory from a. */
int task_plan_page(struct db *db, struct arena *a, long long plan_id, long long after,
                   long long before, int limit, struct task_page *out);

/* Count of tasks by status among those matching f (for the dashboard):
 * counts[0..3] in the order not_started, in_progress, done, cancelled. */
int task_count_by_status(struct db *db, const struct task_filter *f,
                         long long counts[4]);

/* Change the status. PH_EINVAL (unknown status), PH_ENOTFOUND,
 * PH_EFORBIDDEN, PH_EDB. Setting the same status is a no-op (0). */
int task_set_status(struct db *db, const struct user *actor, long long id,
                    const char *status);
/* Add a progress note dated date (ISO; NULL = today). PH_EINVAL for an
 * empty text or bad date. */
int task_add_note(struct db *db, const struct user *actor, long long id,
                  const char *date, const char *text, long long *note_id);
/* A task's notes, newest note date first, with their authors' names.
 * Notes, files and history are private reads (ACT_PRIVATE_READ on the
 * task's lead or any coordinating unit, access_task): PH_EFORBIDDEN for
 * anyone else, PH_EUNAUTH without an actor, PH_ENOTFOUND, PH_EDB. */
int task_notes(struct db *db, const struct user *actor, struct arena *a, long long task_id,
               struct task_note **out, size_t *n);
/* Store a file for a task (bytes kept in the database, in the same
 * transaction as its record). name is reduced to its last path component
 * and must be valid UTF-8; PH_ETOOBIG over max bytes, PH_EEMPTY for zero
 * bytes, PH_EINVAL for a bad name. Refused too, with *why (may be NULL)
 * saying which: PH_ERATE when actor's uploads of the last hour and this
 * one pass TASK_UPLOAD_HOUR_MAX (the command line, without an actor, is
 * not counted), PH_ETOOBIG when the files of the tasks the task's lead
 * unit leads and this one pass TASK_UNIT_QUOTA_MAX. */
int task_attach_why(struct db *db, const struct user *actor, long long task_id,
                    const char *name, const void *data, size_t size, size_t max,
                    long long *id, struct task_refusal *why);
/* task_attach_why without the reason. */
int task_attach(struct db *db, const struct user *actor, long long task_id,
                const char *name, const void *data, size_t size, size_t max,
                long long *id);
/* One note, or one file's record (no bytes), by its id: the answer to a
 * write that just made it, read alone so that little memory is needed
 * after the commit. Private reads as task_notes; PH_ENOTFOUND. */
int task_note_get(struct db *db, const struct user *actor, struct arena *a, long long note_id,
                  struct task_note *out);
int task_attachment_get(struct db *db, const struct user *actor, struct arena *a,
                        long long id, struct attachment *out);
/* A task's files (records, no bytes): a private read as task_notes. */
int task_attachments(struct db *db, const struct user *actor, struct arena *a,
                     long long task_id, struct attachment **out, size_t *n);
/* One attachment with its bytes (in a): a private read of its task as
 * task_notes. PH_ENOTFOUND, PH_EFORBIDDEN, PH_EUNAUTH, PH_EDB. */
int attachment_get(struct db *db, const struct user *actor, struct arena *a, long long id,
                   struct attachment *out, const void **data);
/* A task's changes from the audit log, oldest first: a private read as
 * task_notes. */
int task_history(struct db *db, const struct user *actor, struct arena *a, long long task_id,
                 struct audit_entry **out, size_t *n);
/* MIME type for a file name by extension; "application/octet-stream"
 * when unknown. */
const char *attachment_mime(const char *name);

#endif
