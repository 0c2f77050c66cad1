/* task.c: the task use cases after import: reading and searching tasks,
 * changing their status, dated progress notes, attached files, and the
 * folded search text each task carries (with its back-fill for tasks
 * written before the column existed). */
#include "model/task.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/input.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/token.h"
#include "base/text.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Longest progress note, in bytes. */
#define NOTE_MAX 20000
/* Longest attachment name kept, in bytes. */
#define ATTACHMENT_NAME_MAX 200
/* Longest free-text query, in bytes. */
#define QUERY_MAX 500
/* Tasks back-filled per transaction. */
#define BACKFILL_BATCH 500

static const struct {
	const char *name, *label;
} statuses[] = {
	{"not_started", "Chưa bắt đầu"},
	{"in_progress", "Đang thực hiện"},
	{"done", "Hoàn thành"},
	{"cancelled", "Đã hủy"},
};

int task_status_valid(const char *s)
{
	for (size_t i = 0; s && i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(s, statuses[i].name) == 0)
			return 1;
	return 0;
}

const char *task_status_label(const char *s)
{
	for (size_t i = 0; s && i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(s, statuses[i].name) == 0)
			return statuses[i].label;
	return s ? s : "";
}

char *task_search_text(const char *no, const char *section, const char *content,
                       const char *lead_text, const char *notes)
{
	const char *parts[] = {no, section, content, lead_text, notes};
	struct buf b;
	buf_init(&b, 64u * 1024 * 1024);
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof parts / sizeof *parts; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (b.len)
			rc = buf_putc(&b, ' ');
		if (!rc)
			rc = buf_puts(&b, parts[i]);
	}
	char *folded = rc ? NULL : text_fold(buf_str(&b));
	buf_cleanup(&b);
	return folded;
}

int task_index_backfill(struct db *db, long long *done)
{
	int rc = 0;
	long long total = 0;
	for (;;) {
		struct arena a;
		arena_init(&a);
		struct task *t = NULL;
		size_t n = 0;
		rc = store_tasks_unindexed(db, &a, BACKFILL_BATCH, &t, &n);
		if (!rc && n)
			rc = db_begin(db);
		for (size_t i = 0; !rc && i < n; i++) {
			char *s = task_search_text(t[i].no, t[i].section, t[i].content,
			                           t[i].lead_text, t[i].notes);
			rc = s ? store_task_set_search(db, t[i].id, s) : PH_ENOMEM;
			free(s);
		}
		if (!rc && n)
			rc = db_commit(db);
		if (rc)
			db_rollback(db);
		else
			total += (long long)n;
		arena_cleanup(&a);
		if (rc || n < BACKFILL_BATCH)
			break;
	}
	if (done)
		*done = total;
	return rc;
}

int task_get(struct db *db, struct arena *a, long long id, struct task *out)
{
	memset(out, 0, sizeof *out);
	return store_task_get(db, a, id, date_today(), out);
}

/* The LIKE pattern of a free-text query: folded (so runs of spaces are
 * one), % and _ and \ escaped with \, matched anywhere as a phrase. NULL
 * with 0 for a query that is blank. */
static int like_pattern(struct arena *a, const char *q, char **out)
{
	*out = NULL;
	if (!q)
		return 0;
	size_t n = strlen(q);
	if (n > QUERY_MAX || !text_utf8_valid(q, n, NULL))
		return PH_EINVAL;
	char *f = text_fold(q);
	if (!f)
		return PH_ENOMEM;
	if (!*f) {
		free(f);
		return 0;
	}
	char *p = arena_alloc(a, 2 * strlen(f) + 3), *w = p;
	if (!p) {
		free(f);
		return PH_ENOMEM;
	}
	*w++ = '%';
	for (const char *r = f; *r; r++) {
		if (*r == '%' || *r == '_' || *r == '\\')
			*w++ = '\\';
		*w++ = *r;
	}
	*w++ = '%';
	*w = 0;
	free(f);
	*out = p;
	return 0;
}

static int parse_sort(const char *s, enum store_task_sort *sort, int *desc)
{
	static const struct { const char *name; enum store_task_sort sort; } sorts[] = {
		{"plan", STORE_SORT_PLAN}, {"end", STORE_SORT_END}, {"status", STORE_SORT_STATUS},
		{"lead", STORE_SORT_LEAD}, {"no", STORE_SORT_NO},
	};
	*sort = STORE_SORT_PLAN;
	*desc = 0;
	if (!s || !*s)
		return 0;
	if (*s == '-') {
		*desc = 1;
		s++;
	}
	for (size_t i = 0; i < sizeof sorts / sizeof *sorts; i++)
		if (strcmp(s, sorts[i].name) == 0) {
			*sort = sorts[i].sort;
			return 0;
		}
	return PH_EINVAL;
}

int task_search(struct db *db, struct arena *a, const struct task_query *q,
                struct task **out, size_t *n, long long *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	enum store_task_sort sort;
	int desc = 0;
	char *like = NULL;
	if (q->f.status && !task_status_valid(q->f.status))
		return PH_EINVAL;
	if (q->f.role && strcmp(q->f.role, "lead") && strcmp(q->f.role, "coordinating"))
		return PH_EINVAL;
	int rc = parse_sort(q->sort, &sort, &desc);
	if (!rc)
		rc = like_pattern(a, q->text, &like);
	if (rc)
		return rc;
	int limit = q->limit <= 0 ? 50 : q->limit > 500 ? 500 : q->limit;
	int offset = q->offset < 0 ? 0 : q->offset;
	struct task_filter f = q->f;
	if (!f.today.y)
		f.today = date_today();
	return store_tasks_search(db, a, &f, like, sort, desc, limit, offset, out, n, total);
}

int task_each(struct db *db, const struct task_query *q, long long max,
              int (*fn)(void *ctx, const struct task *t), void *ctx)
{
	enum store_task_sort sort;
	int desc = 0;
	char *like = NULL;
	struct arena a;
	if (q->f.status && !task_status_valid(q->f.status))
		return PH_EINVAL;
	if (q->f.role && strcmp(q->f.role, "lead") && strcmp(q->f.role, "coordinating"))
		return PH_EINVAL;
	int rc = parse_sort(q->sort, &sort, &desc);
	if (rc)
		return rc;
	arena_init(&a);
	rc = like_pattern(&a, q->text, &like);
	struct task_filter f = q->f;
	if (!f.today.y)
		f.today = date_today();
	if (!rc)
		rc = store_tasks_each(db, &f, like, sort, desc, max, fn, ctx);
	arena_cleanup(&a);
	return rc;
}

int task_count_by_status(struct db *db, const struct task_filter *f, long long counts[4])
{
	struct task_filter g = *f;
	if (!g.today.y)
		g.today = date_today();
	return store_task_status_counts(db, &g, counts);
}

int task_set_status(struct db *db, const struct user *actor, long long id,
                    const char *status)
{
	if (!task_status_valid(status))
		return PH_EINVAL;
	struct arena a;
	arena_init(&a);
	struct task t;
	memset(&t, 0, sizeof t);
	int rc = db_begin(db);
	if (rc)
		goto out;
	rc = store_task_get(db, &a, id, date_today(), &t);
	if (!rc)
		rc = access_task(db, actor, ACT_TASK_STATUS, &t);
	if (!rc && strcmp(t.status, status) != 0) {
		rc = store_task_set_status(db, id, status);
		if (!rc)
			rc = audit_record_json(db, actor, "task.status", "task", id,
			                       json_pack("{s:s}", "status", t.status),
			                       json_pack("{s:s}", "status", status));
	}
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
out:
	arena_cleanup(&a);
	return rc;
}

int task_add_note(struct db *db, const struct user *actor, long long id,
                  const char *date, const char *text, long long *note_id)
{
	char day[11], at[21];
	char *body = NULL;
	struct arena a;
	arena_init(&a);
	struct task t;
	memset(&t, 0, sizeof t);
	long long nid = 0;
	struct ph_date d = date_today();
	int rc = date && *date ? date_parse_iso(date, &d) : 0;
	if (!rc && !date_iso(d, day))
		rc = PH_EINVAL;
	if (!rc)
		rc = input_text(text, NOTE_MAX, INPUT_MULTILINE, &body);
	if (rc)
		goto out;
	if ((rc = db_begin(db)))
		goto out;
	rc = store_task_get(db, &a, id, date_today(), &t);
	if (!rc)
		rc = access_task(db, actor, ACT_TASK_NOTE, &t);
	audit_timestamp(time(NULL), at);
	if (!rc)
		rc = store_note_insert(db, id, actor ? actor->id : 0, day, body, at, &nid);
	if (!rc)
		rc = audit_record_json(db, actor, "task.note", "task", id, NULL,
		                       json_pack("{s:I, s:s, s:s}", "note_id", (json_int_t)nid,
		                                 "date", day, "text", body));
	if (!rc)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		nid = 0;
	}
out:
	if (note_id)
		*note_id = nid;
	free(body);
	arena_cleanup(&a);
	return rc;
}

/* 0 when actor may read task_id's notes, files and history. */
static int private_read(struct db *db, const struct user *actor, long long task_id)
{
	struct arena a;
	struct task t;
	arena_init(&a);
	memset(&t, 0, sizeof t);
	int rc = actor ? store_task_get(db, &a, task_id, date_today(), &t) : PH_EUNAUTH;
	if (!rc)
		rc = access_task(db, actor, ACT_PRIVATE_READ, &t);
	arena_cleanup(&a);
	return rc;
}

int task_notes(struct db *db, const struct user *actor, struct arena *a, long long task_id,
               struct task_note **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int rc = private_read(db, actor, task_id);
	return rc ? rc : store_notes_list(db, a, task_id, out, n);
}

int task_note_get(struct db *db, const struct user *actor, struct arena *a, long long note_id,
                  struct task_note *out)
{
	if (!actor)
		return PH_EUNAUTH;
	int rc = store_note_get(db, a, note_id, out);
	return rc ? rc : private_read(db, actor, out->task_id);
}

int task_attachment_get(struct db *db, const struct user *actor, struct arena *a,
                        long long id, struct attachment *out)
{
	if (!actor)
		return PH_EUNAUTH;
	int rc = store_attachment_meta(db, a, id, out);
	return rc ? rc : private_read(db, actor, out->task_id);
}

int task_history(struct db *db, const struct user *actor, struct arena *a, long long task_id,
                 struct audit_entry **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int rc = private_read(db, actor, task_id);
	return rc ? rc : audit_history(db, a, "task", task_id, out, n);
}

/* The stored form of an uploaded file name: its last path component (after
 * '/' or '\'), checked and NFC (input_text), not "." or "..", at most
 * ATTACHMENT_NAME_MAX bytes (a longer name is cut before its extension, at
 * a character boundary). Caller frees. */
static int attachment_name(const char *in, char **out)
{
	*out = NULL;
	if (!in)
		return PH_EINVAL;
	const char *base = in;
	for (const char *p = in; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	char *s = NULL;
	int rc = input_text(base, 4096, INPUT_LINE, &s);
	if (rc)
		return rc == PH_ENOMEM ? rc : PH_EINVAL;
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		free(s);
		return PH_EINVAL;
	}
	size_t n = strlen(s);
	if (n > ATTACHMENT_NAME_MAX) {
		const char *dot = strrchr(s, '.');
		size_t ext = dot && dot != s && (size_t)(s + n - dot) <= 16 ? (size_t)(s + n - dot) : 0;
		size_t keep = ATTACHMENT_NAME_MAX - ext;
		while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
			keep--;
		memmove(s + keep, s + n - ext, ext + 1);
	}
	*out = s;
	return 0;
}

#define STR_(x) #x
#define STR(x) STR_(x)

/* PH_ETOOBIG (the lead unit's quota) or PH_ERATE (actor's hour) with why
 * filled when size more bytes for task t would pass a limit; 0, or the
 * error of the count. Inside the upload's transaction, so that two
 * uploads at once are counted one after the other. */
static int upload_limits(struct db *db, const struct user *actor, const struct task *t,
                         size_t size, struct task_refusal *why)
{
	long long stored = 0, recent = 0;
	int rc = store_attachment_bytes_unit(db, t->lead_unit_id, &stored);
	if (!rc && stored > TASK_UNIT_QUOTA_MAX - (long long)size) {
		why->detail = "the files stored for the tasks of this task's lead unit would pass"
		              " the unit's quota of " STR(TASK_UNIT_QUOTA_GIB) " GiB";
		why->vi = "Dung lượng tệp đính kèm của các nhiệm vụ do đơn vị này chủ trì sẽ vượt"
		          " giới hạn " STR(TASK_UNIT_QUOTA_GIB) " GB nếu lưu thêm tệp này. Hãy liên"
		          " hệ quản trị viên.";
		return PH_ETOOBIG;
	}
	if (rc || !actor || actor->id <= 0)
		return rc;
	char since[21];
	audit_timestamp(time(NULL) - 3600, since);
	rc = store_attachment_bytes_since(db, actor->id, since, &recent);
	if (!rc && recent > TASK_UPLOAD_HOUR_MAX - (long long)size) {
		why->detail = "your uploads of the last hour would pass " STR(TASK_UPLOAD_HOUR_MIB)
		              " MiB; try again later";
		why->vi = "Bạn đã tải lên quá nhiều tệp trong một giờ qua (tối đa "
		          STR(TASK_UPLOAD_HOUR_MIB) " MB mỗi giờ). Hãy thử lại sau.";
		return PH_ERATE;
	}
	return rc;
}

int task_attach(struct db *db, const struct user *actor, long long task_id,
                const char *name, const void *data, size_t size, size_t max,
                long long *id)
{
	return task_attach_why(db, actor, task_id, name, data, size, max, id, NULL);
}

int task_attach_why(struct db *db, const struct user *actor, long long task_id,
                    const char *name, const void *data, size_t size, size_t max,
                    long long *id, struct task_refusal *why)
{
	char sha[65], at[21];
	char *clean = NULL;
	struct arena a;
	arena_init(&a);
	struct task t;
	memset(&t, 0, sizeof t);
	struct task_refusal none;
	if (!why)
		why = &none;
	why->detail = why->vi = NULL;
	long long aid = 0;
	if (!max)
		max = TASK_ATTACHMENT_MAX;
	int rc = size == 0 || !data ? PH_EEMPTY : size > max ? PH_ETOOBIG : 0;
	if (!rc)
		rc = attachment_name(name, &clean);
	if (rc)
		goto out;
	token_sha256(data, size, sha);
	const char *mime = attachment_mime(clean);
	if ((rc = db_begin(db)))
		goto out;
	rc = store_task_get(db, &a, task_id, date_today(), &t);
	if (!rc)
		rc = access_task(db, actor, ACT_TASK_NOTE, &t);
	if (!rc)
		rc = upload_limits(db, actor, &t, size, why);
	audit_timestamp(time(NULL), at);
	if (!rc)
		rc = store_attachment_insert(db, task_id, actor ? actor->id : 0, clean, mime,
		                             (long long)size, sha, at, data, &aid);
	if (!rc)
		rc = audit_record_json(db, actor, "task.attach", "task", task_id, NULL,
		                       json_pack("{s:I, s:s, s:s, s:I, s:s}",
		                                 "attachment_id", (json_int_t)aid, "name", clean,
		                                 "mime", mime, "size", (json_int_t)size,
		                                 "sha256", sha));
	if (!rc)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		aid = 0;
	}
out:
	if (id)
		*id = aid;
	free(clean);
	arena_cleanup(&a);
	return rc;
}

int task_attachments(struct db *db, const struct user *actor, struct arena *a,
                     long long task_id, struct attachment **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int rc = private_read(db, actor, task_id);
	return rc ? rc : store_attachments_list(db, a, task_id, out, n);
}

int attachment_get(struct db *db, const struct user *actor, struct arena *a, long long id,
                   struct attachment *out, const void **data)
{
	*data = NULL;
	if (!actor)
		return PH_EUNAUTH;
	int rc = store_attachment_get(db, a, id, out, data);
	/* The record is read first for its task; the bytes go back only
	 * when the task's files may be read. */
	if (!rc && (rc = private_read(db, actor, out->task_id)))
		*data = NULL;
	return rc;
}

const char *attachment_mime(const char *name)
{
	static const struct { const char *ext, *mime; } types[] = {
		{"pdf", "application/pdf"},
		{"doc", "application/msword"},
		{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"xls", "application/vnd.ms-excel"},
		{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"ppt", "application/vnd.ms-powerpoint"},
		{"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
		{"odt", "application/vnd.oasis.opendocument.text"},
		{"ods", "application/vnd.oasis.opendocument.spreadsheet"},
		{"txt", "text/plain; charset=utf-8"},
		{"md", "text/markdown; charset=utf-8"},
		{"csv", "text/csv; charset=utf-8"},
		{"png", "image/png"},
		{"jpg", "image/jpeg"},
		{"jpeg", "image/jpeg"},
		{"gif", "image/gif"},
		{"zip", "application/zip"},
	};
	const char *dot = name ? strrchr(name, '.') : NULL;
	for (size_t i = 0; dot && dot != name && i < sizeof types / sizeof *types; i++)
		if (strcasecmp(dot + 1, types[i].ext) == 0)
			return types[i].mime;
	return "application/octet-stream";
}

int task_plan_page(struct db *db, struct arena *a, long long plan_id, long long after,
                   long long before, int limit, struct task_page *out)
{
	memset(out, 0, sizeof *out);
	if (after < 0 || before < 0 || (after && before))
		return PH_EINVAL;
	if (limit <= 0)
		limit = TASK_PAGE_SIZE;
	if (limit > TASK_PAGE_MAX)
		limit = TASK_PAGE_MAX;
	out->limit = limit;
	int more = 0;
	int rc = store_plan_tasks_page(db, a, plan_id, after, before, limit, date_today(),
	                               &out->t, &out->n, &more, &out->first);
	if (rc || !out->n)
		return rc;
	/* Forward, more means a next page; backward, a previous one. Coming
	 * from a key, the other side has at least the key's task. */
	int has_next = before ? 1 : more, has_prev = before ? more : after != 0;
	if (has_next)
		out->next = out->t[out->n - 1].id;
	if (has_prev)
		out->prev = out->t[0].id;
	return 0;
}
