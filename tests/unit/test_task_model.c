/* test_task_model.c: the task use cases on a real database: the search
 * text and its back-fill, free-text search ignoring diacritics (with %
 * and _ taken literally), filters, sorting and paging; status changes,
 * notes and attachments with their access checks, audit entries and
 * upload limits (per user and hour, per lead unit); a
 * write that fails half-way leaving nothing; the import's access check,
 * audit entry and review corrections; plans, sections and deadlines. */
#include "test.h"
#include "fixture.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/document.h"
#include "model/plan.h"
#include "model/task.h"
#include "import/extract.h"
#include "base/err.h"
#include "base/text.h"
#include <time.h>

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

/* The record of a file of size bytes user uploaded for task at (ISO), as
 * the limits count it (no bytes stored: only the recorded size counts). */
static void fake_upload(struct db *db, long long task, long long user, long long size,
                        const char *at)
{
	struct db_stmt *st = NULL;
	int ok = db_prepare(db, "INSERT INTO attachments (task_id, user_id, name, mime, size,"
	                        " sha256, created_at) VALUES (?, ?, 'big.bin',"
	                        " 'application/octet-stream', ?, 'x', ?)", &st) == 0 &&
	         db_bind_int(st, 1, task) == 0 && db_bind_int(st, 2, user) == 0 &&
	         db_bind_int(st, 3, size) == 0 && db_bind_text(st, 4, at) == 0 &&
	         db_step(st) == DB_DONE;
	db_finalize(st);
	CHECK(ok, "record of a %lld-byte upload", size);
}

/* Attachments, their bytes and audit entries, as "a/b/c". */
static const char *stored(struct db *db, struct arena *a)
{
	return arena_printf(a, "%lld/%lld/%lld", count(db, "SELECT COUNT(*) FROM attachments"),
	                    count(db, "SELECT COUNT(*) FROM attachment_data"),
	                    count(db, "SELECT COUNT(*) FROM audit_log"));
}

/* Ids of the tasks a free-text query finds, as "3,5" (in plan order). */
static const char *found(struct db *db, struct arena *a, const char *text, long long *total)
{
	struct task_query q;
	memset(&q, 0, sizeof q);
	q.text = text;
	struct task *t = NULL;
	size_t n = 0;
	int rc = task_search(db, a, &q, &t, &n, total);
	if (rc)
		return arena_printf(a, "error %d", rc);
	char *s = arena_strdup(a, "");
	for (size_t i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%lld", s, i ? "," : "", t[i].id);
	return s;
}

/* Ids in the order a sort gives, as "2,1,3". */
static const char *sorted(struct db *db, struct arena *a, const char *sort, int limit, int offset,
                          long long *total)
{
	struct task_query q;
	memset(&q, 0, sizeof q);
	q.sort = sort;
	q.limit = limit;
	q.offset = offset;
	struct task *t = NULL;
	size_t n = 0;
	int rc = task_search(db, a, &q, &t, &n, total);
	if (rc)
		return arena_printf(a, "error %d", rc);
	char *s = arena_strdup(a, "");
	for (size_t i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%lld", s, i ? "," : "", t[i].id);
	return s;
}

int main(void)
{
	setenv("PHOIHOP_TODAY", "2024-05-10", 1);
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	char buf[4096], want[256];
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long ldtbxh = fixture_unit(db, "laocai.so-ldtbxh");
	long long yenbai = fixture_unit(db, "yenbai.ubnd");

	/* Tasks written the old way, without search text. */
	long long plan = fixture_plan(db, "hash-1");
	long long t1 = fixture_task(db, plan, 1, "Hỗ trợ PHỤ NỮ khởi nghiệp", hlhpn, "Hội LHPN tỉnh",
	                            "2024-03-31", NULL);
	long long t2 = fixture_task(db, plan, 2, "Tổ chức hội nghị các đồng chí cán bộ", ldtbxh,
	                            "Sở LĐ-TB&XH", "2024-12-31", "in_progress");
	long long t3 = fixture_task(db, plan, 3, "Bảo đảm 100% kinh phí", ldtbxh, "Sở LĐ-TB&XH",
	                            NULL, NULL);
	long long t4 = fixture_task(db, plan, 4, "Cấp 1000 suất học bổng", 0, "các sở, ngành",
	                            "2024-06-30", "done");
	long long t5 = fixture_task(db, plan, 5, "Mã a_b trong hệ thống", hlhpn, NULL,
	                            "2024-01-31", NULL);
	long long t6 = fixture_task(db, plan, 6, "Mã axb khác", yenbai, NULL, NULL, "cancelled");
	if (store_coordinator_insert(db, t3, 1, hlhpn, "Hội LHPN tỉnh", 0))
		return 2;
	/* The orders below are written with these ids. */
	CHECK(t1 == 1 && t2 == 2 && t3 == 3 && t4 == 4 && t5 == 5 && t6 == 6, "ids 1 to 6");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM tasks WHERE search IS NULL"), 6, "six unindexed");
	long long done = 0;
	CHECK_INT(task_index_backfill(db, &done), 0, "back-fill");
	CHECK_INT(done, 6, "six filled");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM tasks WHERE search IS NULL"), 0, "none left");
	CHECK_INT(task_index_backfill(db, &done), 0, "back-fill again");
	CHECK_INT(done, 0, "nothing to do the second time");
	fixture_text(db, "SELECT search FROM tasks WHERE no = '1'", NULL, buf, sizeof buf);
	CHECK_STR(buf, "1 phu luc ho tro phu nu khoi nghiep hoi lhpn tinh", "folded search text");
	char *st = task_search_text(NULL, "Đồng", "Đắk   Lắk", NULL, "Ghi  chú");
	CHECK_STR(st, "dong dak lak ghi chu", "search text skips NULLs, folds đ and spaces");
	free(st);

	/* Free text: diacritics and case ignored, % and _ literal. */
	long long total = 0;
	snprintf(want, sizeof want, "%lld", t1);
	CHECK_STR(found(db, &a, "phu nu", &total), want, "\"phu nu\" finds \"PHỤ NỮ\"");
	CHECK_STR(found(db, &a, "Phụ   Nữ", &total), want, "accented query, extra spaces");
	CHECK_INT(total, 1, "total of one");
	snprintf(want, sizeof want, "%lld", t2);
	CHECK_STR(found(db, &a, "dong", &total), want, "\"dong\" finds \"đồng\"");
	CHECK_STR(found(db, &a, "ĐỒNG CHÍ", &total), want, "capital Đ folds to d as well");
	snprintf(want, sizeof want, "%lld", t3);
	CHECK_STR(found(db, &a, "100%", &total), want, "100% literal, not 1000");
	CHECK_STR(found(db, &a, "%", &total), want, "a lone % matches only a percent sign");
	snprintf(want, sizeof want, "%lld", t5);
	CHECK_STR(found(db, &a, "a_b", &total), want, "a_b literal, not axb");
	CHECK_STR(found(db, &a, "_", &total), want, "a lone _ matches only an underscore");
	CHECK_STR(found(db, &a, "\\", &total), "", "a backslash matches nothing here");
	CHECK_STR(found(db, &a, "phụ nữ khởi", &total), arena_printf(&a, "%lld", t1), "a phrase");
	CHECK_STR(found(db, &a, "nu phu", &total), "", "words out of order are another phrase");
	CHECK_STR(found(db, &a, "   ", &total), "1,2,3,4,5,6", "blank query: no filter");
	CHECK_INT(total, 6, "blank query counts all");
	CHECK_STR(found(db, &a, "\xff", &total), arena_printf(&a, "error %d", PH_EINVAL),
	          "invalid UTF-8 query");

	/* Filters with text; count by status. */
	struct task_query q;
	memset(&q, 0, sizeof q);
	struct task *t = NULL;
	size_t n = 0;
	q.text = "so ld";
	q.f.status = "in_progress";
	CHECK_INT(task_search(db, &a, &q, &t, &n, &total), 0, "text and status");
	CHECK(n == 1 && t[0].id == t2, "only the in-progress task of Sở LĐ (n=%zu)", n);
	CHECK_STR(n ? t[0].lead_name : NULL, "Sở Lao động - Thương binh và Xã hội tỉnh Lào Cai",
	          "lead name joined");
	memset(&q, 0, sizeof q);
	q.f.unit_id = hlhpn;
	q.f.role = "coordinating";
	CHECK_INT(task_search(db, &a, &q, &t, &n, &total), 0, "coordinating filter");
	CHECK(n == 1 && t[0].id == t3 && t[0].coords_len == 1, "t3 coordinated by Hội LHPN");
	memset(&q, 0, sizeof q);
	q.f.overdue = 1;
	CHECK_INT(task_search(db, &a, &q, &t, &n, &total), 0, "overdue on 2024-05-10");
	CHECK(n == 2 && t[0].id == t1 && t[1].id == t5 && t[0].overdue, "t1 and t5 are overdue");
	q.f.status = "bogus";
	CHECK_INT(task_search(db, &a, &q, &t, &n, &total), PH_EINVAL, "unknown status filter");
	long long counts[4];
	struct task_filter f;
	memset(&f, 0, sizeof f);
	CHECK_INT(task_count_by_status(db, &f, counts), 0, "count by status");
	CHECK(counts[0] == 3 && counts[1] == 1 && counts[2] == 1 && counts[3] == 1,
	      "3 not started, 1 in progress, 1 done, 1 cancelled: %lld %lld %lld %lld",
	      counts[0], counts[1], counts[2], counts[3]);
	f.unit_id = ldtbxh;
	f.role = "lead";
	CHECK_INT(task_count_by_status(db, &f, counts), 0, "count for one unit");
	CHECK(counts[0] == 1 && counts[1] == 1 && counts[2] == 0, "Sở LĐ leads 1 + 1");

	/* Sorting and paging. */
	CHECK_STR(sorted(db, &a, NULL, 0, 0, &total), "1,2,3,4,5,6", "default: plan order");
	CHECK_STR(sorted(db, &a, "end", 0, 0, &total), "5,1,4,2,3,6", "by end date, none last");
	CHECK_STR(sorted(db, &a, "-end", 0, 0, &total), "2,4,1,5,3,6", "end descending, none last");
	CHECK_STR(sorted(db, &a, "status", 0, 0, &total), "1,3,5,2,4,6", "by status rank");
	CHECK_STR(sorted(db, &a, "-status", 0, 0, &total), "6,4,2,1,3,5", "status descending");
	CHECK_STR(sorted(db, &a, "-no", 0, 0, &total), "6,5,4,3,2,1", "number descending");
	CHECK_STR(sorted(db, &a, "end", 2, 2, &total), "4,2", "a page of two from the third");
	CHECK_INT(total, 6, "total ignores the page");
	CHECK_STR(sorted(db, &a, "plan; DROP TABLE tasks", 0, 0, &total),
	          arena_printf(&a, "error %d", PH_EINVAL), "unknown sort refused");
	CHECK_STR(sorted(db, &a, "-", 0, 0, &total), arena_printf(&a, "error %d", PH_EINVAL),
	          "a bare minus refused");

	/* Status changes. */
	struct user editor = fixture_person(0, "bientap", hlhpn, ROLE_EDITOR);
	struct user outsider = fixture_person(0, "khac", yenbai, ROLE_EDITOR);
	struct user viewer = fixture_person(0, "xem", hlhpn, ROLE_VIEWER);
	long long uid = 0;
	CHECK_INT(user_add(db, access_system(), "bientap", "Biên tập viên", hlhpn, ROLE_EDITOR, "12345678",
	                   &uid), 0, "editor account");
	editor.id = uid;
	long long audits = count(db, "SELECT COUNT(*) FROM audit_log");
	CHECK_INT(task_set_status(db, &editor, t1, "in_progress"), 0, "editor of the lead");
	struct task one;
	CHECK_INT(task_get(db, &a, t1, &one), 0, "get");
	CHECK_STR(one.status, "in_progress", "status changed");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log"), audits + 1, "one audit entry");
	fixture_text(db, "SELECT action || ' ' || entity || ' ' || user_login || ' ' || before_json"
	             " || ' ' || after_json FROM audit_log ORDER BY id DESC", NULL, buf, sizeof buf);
	CHECK_STR(buf, "task.status task bientap {\"status\":\"not_started\"} {\"status\":\"in_progress\"}",
	          "audited with before and after");
	fixture_text(db, "SELECT CAST(entity_id AS TEXT) FROM audit_log ORDER BY id DESC", NULL,
	             buf, sizeof buf);
	CHECK_STR(buf, arena_printf(&a, "%lld", t1), "audit names the task");
	CHECK_INT(task_set_status(db, &editor, t1, "in_progress"), 0, "same status: no-op");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log"), audits + 1, "no-op not audited");
	CHECK_INT(task_set_status(db, &outsider, t1, "done"), PH_EFORBIDDEN, "another unit's editor");
	CHECK_INT(task_set_status(db, &viewer, t1, "done"), PH_EFORBIDDEN, "a viewer");
	CHECK_INT(task_set_status(db, &editor, t3, "done"), PH_EFORBIDDEN,
	          "coordinating unit cannot change status");
	CHECK_INT(task_set_status(db, &editor, t1, "finished"), PH_EINVAL, "unknown status");
	CHECK_INT(task_set_status(db, &editor, 999999, "done"), PH_ENOTFOUND, "no such task");
	CHECK_INT(task_set_status(db, &editor, t4, "in_progress"), PH_EFORBIDDEN, "no lead unit");
	CHECK_INT(task_set_status(db, access_system(), t4, "in_progress"), 0, "command line on a leadless task");
	CHECK_INT(task_get(db, &a, t1, &one), 0, "get again");
	CHECK_STR(one.status, "in_progress", "refusals changed nothing");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE user_id IS NULL"
	                " AND action = 'task.status'"), 1, "command-line change audited without user");
	CHECK_STR(task_status_label("cancelled"), "Đã hủy", "status label");

	/* Notes. */
	long long note = 0;
	CHECK_INT(task_add_note(db, &editor, t3, NULL, "Đã họp  phối hợp.\r\nDòng hai", &note), 0,
	          "a coordinating unit's editor adds a note");
	CHECK(note > 0, "note id");
	CHECK_INT(task_add_note(db, &editor, t1, "2024-04-01", "Bắt đầu", &note), 0, "dated note");
	CHECK_INT(task_add_note(db, &editor, t1, "2024-13-01", "Sai", &note), PH_EINVAL, "bad date");
	CHECK_INT(note, 0, "no id on refusal");
	CHECK_INT(task_add_note(db, &editor, t1, NULL, " \n ", &note), PH_EINVAL, "blank note");
	CHECK_INT(task_add_note(db, &editor, t1, NULL, "a\x01" "b", &note), PH_EINVAL,
	          "control character");
	CHECK_INT(task_add_note(db, &outsider, t1, NULL, "Không được", &note), PH_EFORBIDDEN,
	          "outsider");
	struct task_note *notes = NULL;
	CHECK_INT(task_notes(db, &editor, &a, t3, &notes, &n), 0, "notes of t3");
	CHECK_INT(n, 1, "one note");
	CHECK_STR(n ? notes[0].date : NULL, "2024-05-10", "dated today (PHOIHOP_TODAY)");
	CHECK_STR(n ? notes[0].text : NULL, "Đã họp  phối hợp.\nDòng hai", "CRLF became LF");
	CHECK_STR(n ? notes[0].user_name : NULL, "Biên tập viên", "author's name");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM task_notes"), 2, "only two notes stored");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'task.note'"), 2,
	          "notes audited");

	/* Attachments. */
	static const char pdf[] = "%PDF-1.4 thử";
	long long att = 0;
	CHECK_INT(task_attach(db, &editor, t1, "C:\\Tài liệu\\Báo cáo quý.PDF", pdf, sizeof pdf - 1,
	                      0, &att), 0, "attach");
	struct attachment rec;
	const void *data = NULL;
	CHECK_INT(attachment_get(db, &editor, &a, att, &rec, &data), 0, "read back");
	CHECK_STR(rec.name, "Báo cáo quý.PDF", "last path component");
	CHECK_STR(rec.mime, "application/pdf", "mime by extension, any case");
	CHECK_INT(rec.size, (long long)(sizeof pdf - 1), "size");
	CHECK(data && memcmp(data, pdf, sizeof pdf - 1) == 0, "same bytes");
	char sha[65];
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)pdf, sizeof pdf - 1);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(sha + 2 * i, 3, "%02x", h[i]);
	CHECK_STR(rec.sha256, sha, "sha256 of the bytes");
	CHECK_INT(task_attach(db, &editor, t1, "dir/Bie\xcc\x82\xcc\x89u ma\xcc\x82\xcc\x83u.xlsx",
	                      "x", 1, 0, &att), 0, "NFD name");
	CHECK_INT(attachment_get(db, &editor, &a, att, &rec, &data), 0, "read NFD one");
	CHECK_STR(rec.name, "Biểu mẫu.xlsx", "name made NFC");
	char longname[400];
	memset(longname, 0, sizeof longname);
	strcat(longname, "x"); /* so that 200 bytes fall inside a letter */
	for (int i = 0; i < 100; i++)
		strcat(longname, "ắ");
	strcat(longname, ".docx");
	CHECK_INT(task_attach(db, &editor, t1, longname, "x", 1, 0, &att), 0, "long name");
	CHECK_INT(attachment_get(db, &editor, &a, att, &rec, &data), 0, "read long one");
	CHECK((long long)strlen(rec.name) <= 200, "capped at 200 bytes (%zu)", strlen(rec.name));
	CHECK(strlen(rec.name) > 5 && strcmp(rec.name + strlen(rec.name) - 5, ".docx") == 0,
	      "extension kept: %s", rec.name);
	CHECK(text_utf8_valid(rec.name, strlen(rec.name), NULL), "cut at a character boundary");

	long long atts = count(db, "SELECT COUNT(*) FROM attachments");
	long long blobs = count(db, "SELECT COUNT(*) FROM attachment_data");
	audits = count(db, "SELECT COUNT(*) FROM audit_log");
	const struct {
		const char *name;
		size_t size, max;
		const struct user *who;
		long long task;
		int want;
		const char *why;
	} refused[] = {
		{"a.pdf", 17, 16, NULL, 0, PH_ETOOBIG, "one byte over the limit"},
		{"a.pdf", 0, 16, NULL, 0, PH_EEMPTY, "empty file"},
		{"", 3, 0, NULL, 0, PH_EINVAL, "empty name"},
		{"dir/", 3, 0, NULL, 0, PH_EINVAL, "a folder"},
		{"..", 3, 0, NULL, 0, PH_EINVAL, "dot-dot"},
		{"a\nb.txt", 3, 0, NULL, 0, PH_EINVAL, "line break in the name"},
		{"a\x7f.txt", 3, 0, NULL, 0, PH_EINVAL, "DEL in the name"},
		{"\xc3\x28.txt", 3, 0, NULL, 0, PH_EINVAL, "invalid UTF-8"},
		{"a.pdf", 3, 0, &outsider, 0, PH_EFORBIDDEN, "outsider"},
		{"a.pdf", 3, 0, &viewer, 0, PH_EFORBIDDEN, "viewer"},
		{"a.pdf", 3, 0, NULL, 999999, PH_ENOTFOUND, "no such task"},
	};
	static const char bytes[32] = "0123456789abcdef0123456789abcde";
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		att = 7;
		CHECK_INT(task_attach(db, refused[i].who ? refused[i].who : &editor,
		                      refused[i].task ? refused[i].task : t1, refused[i].name, bytes,
		                      refused[i].size, refused[i].max, &att), refused[i].want,
		          refused[i].why);
		CHECK_INT(att, 0, "no id");
	}
	CHECK_INT(task_attach(db, &editor, t1, "a.pdf", bytes, 16, 16, &att), 0, "exactly the limit");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM attachments"), atts + 1, "refusals stored no record");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM attachment_data"), blobs + 1, "and no bytes");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log"), audits + 1, "and no audit entry");
	struct attachment *list = NULL;
	CHECK_INT(task_attachments(db, &editor, &a, t1, &list, &n), 0, "list attachments");
	CHECK_INT(n, 4, "four on t1");
	CHECK_INT(attachment_get(db, &editor, &a, 999999, &rec, &data), PH_ENOTFOUND, "no such attachment");

	/* Upload limits. One user's uploads of the last hour: up to
	 * TASK_UPLOAD_HOUR_MAX; older ones do not count. */
	char recent_at[21], old_at[21];
	audit_timestamp(time(NULL) - 600, recent_at);
	audit_timestamp(time(NULL) - 7200, old_at);
	fake_upload(db, t5, editor.id, 300LL << 20, old_at);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COALESCE(SUM(size), 0) FROM attachments WHERE user_id = %lld",
	         editor.id);
	long long mine = count(db, sql) - (300LL << 20); /* this hour's, all from the tests above */
	fake_upload(db, t5, editor.id, TASK_UPLOAD_HOUR_MAX - mine - 10, recent_at);
	struct task_refusal refusal;
	CHECK_INT(task_attach_why(db, &editor, t1, "c.pdf", bytes, 10, 0, &att, &refusal), 0,
	          "up to the hour's limit exactly");
	CHECK(refusal.detail == NULL && refusal.vi == NULL, "no reason for an upload stored");
	const char *before = stored(db, &a);
	att = 7;
	CHECK_INT(task_attach_why(db, &editor, t1, "d.pdf", bytes, 1, 0, &att, &refusal), PH_ERATE,
	          "one byte over the hour's limit");
	CHECK_INT(att, 0, "no id");
	CHECK(refusal.detail && strstr(refusal.detail, "200 MiB"), "English detail: %s",
	      refusal.detail ? refusal.detail : "(none)");
	CHECK(refusal.vi && strstr(refusal.vi, "một giờ") && strstr(refusal.vi, "200 MB"),
	      "Vietnamese reason: %s", refusal.vi ? refusal.vi : "(none)");
	CHECK_STR(stored(db, &a), before, "the refusal stored nothing");
	CHECK_INT(task_attach(db, &editor, t1, "d.pdf", bytes, 1, 0, &att), PH_ERATE,
	          "task_attach refuses the same");
	/* Another user of the unit is not held back by the first one's hour. */
	long long uid2 = 0;
	CHECK_INT(user_add(db, access_system(), "bientap2", "Biên tập viên hai", hlhpn, ROLE_EDITOR,
	                   "mat-khau-du-dai-2", &uid2), 0, "a second editor");
	struct user editor2 = fixture_person(uid2, "bientap2", hlhpn, ROLE_EDITOR);
	CHECK_INT(task_attach(db, &editor2, t1, "e.pdf", bytes, 1, 0, &att), 0,
	          "another user may upload");

	/* One lead unit's files in all: up to TASK_UNIT_QUOTA_MAX. t1 and t5
	 * are led by the women's union, t3 by the labour department (the
	 * union coordinates it). */
	snprintf(sql, sizeof sql, "SELECT COALESCE(SUM(a.size), 0) FROM attachments a"
	         " JOIN tasks t ON t.id = a.task_id WHERE t.lead_unit_id = %lld", hlhpn);
	long long unit_bytes = count(db, sql);
	CHECK(unit_bytes > 0 && unit_bytes < TASK_UNIT_QUOTA_MAX, "the union holds %lld bytes",
	      unit_bytes);
	fake_upload(db, t5, uid2, TASK_UNIT_QUOTA_MAX - unit_bytes - 5, old_at);
	CHECK_INT(task_attach_why(db, &editor2, t1, "f.pdf", bytes, 5, 0, &att, &refusal), 0,
	          "up to the unit's quota exactly");
	before = stored(db, &a);
	att = 7;
	CHECK_INT(task_attach_why(db, &editor2, t1, "g.pdf", bytes, 1, 0, &att, &refusal), PH_ETOOBIG,
	          "one byte over the unit's quota");
	CHECK_INT(att, 0, "no id");
	CHECK(refusal.detail && strstr(refusal.detail, "2 GiB"), "English detail: %s",
	      refusal.detail ? refusal.detail : "(none)");
	CHECK(refusal.vi && strstr(refusal.vi, "đơn vị") && strstr(refusal.vi, "2 GB"),
	      "Vietnamese reason: %s", refusal.vi ? refusal.vi : "(none)");
	CHECK_STR(stored(db, &a), before, "the refusal stored nothing");
	CHECK_INT(task_attach_why(db, &editor2, t3, "g.pdf", bytes, 1, 0, &att, &refusal), 0,
	          "a task of another lead unit has its own quota");
	db_exec(db, "DELETE FROM attachments WHERE name = 'big.bin'");

	static const struct { const char *name, *mime; } mimes[] = {
		{"a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"a.JPEG", "image/jpeg"}, {"a.jpg", "image/jpeg"}, {"b.csv", "text/csv; charset=utf-8"},
		{"c.ods", "application/vnd.oasis.opendocument.spreadsheet"}, {"d.zip", "application/zip"},
		{"e.exe", "application/octet-stream"}, {"noext", "application/octet-stream"},
		{".pdf", "application/octet-stream"}, {"f.tar.gz", "application/octet-stream"},
	};
	for (size_t i = 0; i < sizeof mimes / sizeof *mimes; i++)
		CHECK_STR(attachment_mime(mimes[i].name), mimes[i].mime, mimes[i].name);

	/* A write that fails half-way (here the audit entry) leaves nothing. */
	db_exec(db, "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log"
	            " BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END");
	atts = count(db, "SELECT COUNT(*) FROM attachments");
	blobs = count(db, "SELECT COUNT(*) FROM attachment_data");
	fprintf(stderr, "(the database errors below are expected)\n");
	CHECK_INT(task_attach(db, &editor, t1, "b.pdf", "xyz", 3, 0, &att), PH_EDB, "attach fails");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM attachments"), atts, "no record left");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM attachment_data"), blobs, "no bytes left");
	CHECK_INT(task_set_status(db, &editor, t1, "done"), PH_EDB, "status change fails");
	CHECK_INT(task_get(db, &a, t1, &one), 0, "get after failure");
	CHECK_STR(one.status, "in_progress", "status kept");
	CHECK_INT(task_add_note(db, &editor, t1, NULL, "x", &note), PH_EDB, "note fails");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM task_notes"), 2, "no note left");
	db_exec(db, "DROP TRIGGER no_audit");

	/* The import: access, search text, audit entry. */
	char *text = NULL;
	size_t len = 0;
	int bad = 0;
	char why[256];
	CHECK_INT(document_load("tests/cli/fixtures/plan-2024.txt", &text, &len, &bad, why, sizeof why),
	          0, "load the CLI fixture");
	struct extraction ex;
	extraction_init(&ex);
	CHECK_INT(document_extract(text, len, DOC_TEXT, NULL, &ex), 0, "extract without a resolver");
	long long doc = 0, pid = 0;
	CHECK_INT(document_save(db, &editor, &ex, "plan-2024.txt", text, len, &doc, &pid),
	          PH_EFORBIDDEN, "an editor cannot import");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM documents"), 1, "nothing written");
	/* Corrections from the review. */
	size_t proposed = ex.proposed_len;
	CHECK(proposed >= 3, "names proposed without a resolver (%zu)", proposed);
	CHECK_INT(document_set_unit(db, &ex, "Hội LHPN tỉnh", hlhpn), 0, "set Hội LHPN tỉnh");
	CHECK_INT((long long)ex.proposed_len, (long long)proposed - 1, "dropped from the proposals");
	int leads = 0, coords = 0;
	for (size_t i = 0; i < ex.tasks_len; i++) {
		leads += ex.tasks[i].lead.unit_id == (int)hlhpn;
		for (size_t k = 0; k < ex.tasks[i].coordinating_len; k++)
			coords += ex.tasks[i].coordinating[k].unit_id == (int)hlhpn;
	}
	CHECK_INT(leads, 3, "three leads set");
	CHECK_INT(coords, 1, "one coordinating mention set");
	CHECK_STR(ex.tasks[0].lead.unit, "Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "registry name given");
	CHECK_INT(document_set_unit(db, &ex, "Hội LHPN tỉnh", 999999), PH_ENOTFOUND, "no such unit");
	CHECK_INT(document_set_unit(db, &ex, "Không ai viết thế", hlhpn), PH_EINVAL, "unused text");
	struct user coord = fixture_person(0, "dieuphoi", fixture_unit(db, "laocai"),
	                                   ROLE_COORDINATOR);
	CHECK_INT(user_add(db, access_system(), "dieuphoi", "Điều phối", coord.unit_id, ROLE_COORDINATOR,
	                   "12345678", &coord.id), 0, "coordinator account");
	CHECK_INT(document_save(db, &coord, &ex, "plan-2024.txt", text, len, &doc, &pid), 0,
	          "a coordinator imports");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM tasks WHERE search IS NULL"), 0,
	          "imported tasks have search text");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM tasks WHERE lead_unit_id = ?"
	                      " AND plan_id <> 1", arena_printf(&a, "%lld", hlhpn)), 3,
	          "corrected leads saved");
	fixture_text(db, "SELECT user_login || ' ' || entity || ' ' || after_json FROM audit_log"
	             " WHERE action = 'document.import'", NULL, buf, sizeof buf);
	snprintf(want, sizeof want, "dieuphoi plan {\"document_id\":%lld,\"title\":", doc);
	CHECK(strncmp(buf, want, strlen(want)) == 0, "import audited: %s", buf);
	CHECK(strstr(buf, "\"tasks\":4}") != NULL, "with the task count: %s", buf);
	memset(&q, 0, sizeof q);
	q.text = "khoi nghiep cap tinh";
	CHECK_INT(task_search(db, &a, &q, &t, &n, &total), 0, "search the import");
	CHECK(n == 1 && t[0].plan_id == pid, "found the imported task");
	extraction_cleanup(&ex);
	free(text);

	/* Plans. */
	struct plan *plans = NULL;
	CHECK_INT(plan_list(db, &a, &plans, &n), 0, "plan list");
	CHECK_INT(n, 2, "two plans");
	struct plan p;
	CHECK_INT(plan_get(db, &a, pid, &p), 0, "plan get");
	CHECK_INT(p.tasks, 4, "four tasks");
	CHECK_INT(plan_get(db, &a, 999999, &p), PH_ENOTFOUND, "no such plan");
	struct plan_section *secs = NULL;
	CHECK_INT(plan_sections(db, &a, pid, &secs, &n), 0, "sections");
	CHECK(n >= 2 && strcmp(secs[0].no, "I") == 0, "sections in document order");
	struct plan_deadline *dl = NULL;
	CHECK_INT(plan_deadlines_between(db, &a, "2024-06-01", "2024-06-30", 10, &dl, &n), 0,
	          "deadlines in June");
	CHECK_INT(n, 1, "one in June");
	CHECK_STR(n ? dl[0].due : NULL, "2024-06-15", "the 6-month report");
	CHECK_INT(plan_deadlines_between(db, &a, "2024-01-01", "2024-12-31", 0, &dl, &n), 0, "year");
	CHECK(n == 2 && strcmp(dl[0].due, dl[1].due) < 0, "two, soonest first");
	CHECK_INT(plan_deadlines_between(db, &a, "2024-01-01", "2024-12-31", 1, &dl, &n), 0, "limit");
	CHECK_INT(n, 1, "limit 1");
	CHECK_INT(plan_deadlines_between(db, &a, "2024-1-1", "2024-12-31", 1, &dl, &n), 0,
	          "short ISO form accepted");
	CHECK_INT(plan_deadlines_between(db, &a, "soon", "2024-12-31", 1, &dl, &n), PH_EINVAL,
	          "bad date");

	/* The audit log, for those who may read it. */
	struct audit_entry *log = NULL;
	struct audit_filter af = {"task", t1, 2, 0};
	CHECK_INT(audit_list(db, &editor, &a, &af, &log, &n, &total), PH_EFORBIDDEN,
	          "editors do not read the log");
	CHECK_INT(audit_list(db, &coord, &a, &af, &log, &n, &total), 0, "coordinators do");
	CHECK_INT(n, 2, "a page of two");
	CHECK_INT(total, count(db, arena_printf(&a, "SELECT COUNT(*) FROM audit_log WHERE"
	                                        " entity = 'task' AND entity_id = %lld", t1)),
	          "total for the task");
	CHECK(n == 2 && log[0].id > log[1].id, "newest first");
	CHECK_INT(audit_history(db, &a, "task", t1, &log, &n), 0, "history");
	CHECK(n == (size_t)total && log[0].id < log[n - 1].id, "history oldest first");

	/* Notes, files and history are private reads: the task's units, the
	 * units above them, administrators; not a unit elsewhere. */
	CHECK_INT(task_history(db, &viewer, &a, t1, &log, &n), 0, "a viewer of the lead unit");
	CHECK(n == (size_t)total, "the same history");
	CHECK_INT(task_history(db, &outsider, &a, t1, &log, &n), PH_EFORBIDDEN,
	          "history: another province's editor");
	CHECK(!log && !n, "nothing given on refusal");
	CHECK_INT(task_notes(db, &outsider, &a, t3, &notes, &n), PH_EFORBIDDEN,
	          "notes: another province's editor");
	CHECK_INT(task_notes(db, NULL, &a, t3, &notes, &n), PH_EUNAUTH, "notes: no actor");
	struct attachment *files = NULL;
	CHECK_INT(task_attachments(db, &outsider, &a, t1, &files, &n), PH_EFORBIDDEN,
	          "files: another province's editor");
	data = pdf;
	att = count(db, "SELECT MIN(id) FROM attachments");
	CHECK_INT(attachment_get(db, &outsider, &a, att, &rec, &data), PH_EFORBIDDEN,
	          "a file: another province's editor");
	CHECK(data == NULL, "no bytes on refusal");
	CHECK_INT(attachment_get(db, &outsider, &a, 999999, &rec, &data), PH_ENOTFOUND,
	          "no such file");
	struct user far_admin = fixture_person(0, "qt", yenbai, ROLE_ADMIN);
	CHECK_INT(attachment_get(db, &far_admin, &a, att, &rec, &data), 0, "administrators read");
	CHECK(data != NULL, "with the bytes");
	CHECK_INT(task_notes(db, &coord, &a, t3, &notes, &n), 0, "a coordinator above the units");

	arena_cleanup(&a);
	fixture_close(db);
	TEST_END("test_task_model");
}
