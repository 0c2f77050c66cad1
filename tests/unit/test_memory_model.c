/* test_memory_model.c: the model's use cases (and the store reads under
 * them) when their arena runs out. Every use case that takes an arena is
 * run on a database with the shipped registry, an imported plan, more
 * tasks, notes, files, a schedule, a draft report, indicators with
 * targets and values, notices and a feed, first with an arena without a
 * cap, then again and again with arenas that fail at every allocation
 * point in turn. Each run must return its normal code or PH_ENOMEM,
 * PH_ENOMEM whenever the arena failed, leave no statement open and never
 * crash (under the sanitizers a missed NULL fails the suite); a write
 * whose arena failed must have changed nothing, which is checked by
 * reading the tables it writes back.
 *
 * An arena fails only when it needs a new chunk over its cap, so a cap
 * alone moves the failure from chunk to chunk. To fail at a chosen byte,
 * the first chunk is filled but for `room` bytes and the cap allows
 * `more` chunks after it: stepping room through the chunk fails each
 * allocation of the first chunk's worth in turn, and `more` moves the
 * window along the run. */
#include "test.h"
#include "fixture.h"
#include "model/audit.h"
#include "model/csv.h"
#include "model/dashboard.h"
#include "model/document.h"
#include "model/feed.h"
#include "model/indicator.h"
#include "model/mail.h"
#include "model/notice.h"
#include "model/plan.h"
#include "model/registry.h"
#include "model/report.h"
#include "model/rollup.h"
#include "model/schedule.h"
#include "model/task.h"
#include "import/agency.h"
#include "import/extract.h"
#include "base/assets.h"
#include "base/buf.h"
#include "base/err.h"
#include <stddef.h>
#include <time.h>

/* ---- arenas that fail where asked ---- */

static size_t chunk_total; /* what the first chunk takes from malloc */
static size_t chunk_room;  /* the bytes it holds */
static const size_t align = _Alignof(max_align_t);

/* Learn the arena's chunk from outside: the bytes one chunk costs, and how
 * many aligned blocks fit before a second one is taken. */
static void measure_chunks(void)
{
	struct arena a;
	arena_init(&a);
	arena_alloc(&a, 1);
	chunk_total = a.total;
	size_t blocks = 1;
	while (a.total == chunk_total && blocks < 1000000) {
		arena_alloc(&a, 1);
		blocks++;
	}
	chunk_room = (blocks - 1) * align;
	arena_cleanup(&a);
}

/* An arena with room bytes left in its first chunk and a cap that allows
 * more chunks after it. */
static void budget_arena(struct arena *a, size_t room, size_t more)
{
	arena_init_capped(a, chunk_total * (1 + more));
	if (room < chunk_room)
		arena_alloc(a, chunk_room - room);
}

/* ---- the data ---- */

static struct db *db;
static struct user admin, coord, editor, approver;
static long long ubnd, hlhpn, hnd, ldtbxh, plan_id, big_plan, task_id, att_id, sched_id;
static long long ind_count, ind_rate;
static char token[65];
static const char today_iso[] = "2024-06-12";
static struct ph_date today = {2024, 6, 12};

/* A user account; exits when it cannot be made. */
static struct user account(const char *login, long long unit, int role)
{
	long long id = 0;
	if (user_add(db, access_system(), login, login, unit, role, "mat-khau-du-dai", &id)) {
		fprintf(stderr, "fixture: no account %s\n", login);
		exit(2);
	}
	struct user u = fixture_person(id, login, unit, role);
	return u;
}

#define MUST(call, what) do { int rc_ = (call); if (rc_) { \
	fprintf(stderr, "fixture: %s: %s\n", (what), err_name(rc_)); exit(2); } } while (0)

static void setup(void)
{
	db = fixture_open();
	ubnd = fixture_unit(db, "laocai.ubnd");
	hlhpn = fixture_unit(db, "laocai.hlhpn");
	hnd = fixture_unit(db, "laocai.hnd");
	ldtbxh = fixture_unit(db, "laocai.so-ldtbxh");
	long long laocai = fixture_unit(db, "laocai");
	admin = account("quantri", laocai, ROLE_ADMIN);
	coord = account("dieuphoi", laocai, ROLE_COORDINATOR);
	editor = account("bientap", hlhpn, ROLE_EDITOR);
	approver = account("pheduyet", hlhpn, ROLE_APPROVER);
	MUST(user_add_email(db, access_system(), "thuky", "Thư ký", hlhpn, ROLE_EDITOR,
	                    "thuky@laocai.gov.vn", "mat-khau-du-dai", NULL), "mail user");

	/* The CLI's plan, imported with the registry's names. */
	char *text = NULL, why[256];
	size_t len = 0;
	int bad = 0, rc = 0;
	MUST(document_load("tests/cli/fixtures/plan-2024.txt", &text, &len, &bad, why,
	                   sizeof why), "load the plan");
	struct resolver *r = unit_resolver_db(db, &rc);
	MUST(rc, "resolver");
	struct extraction ex;
	extraction_init(&ex);
	MUST(document_extract(text, len, DOC_TEXT, r, &ex), "extract");
	long long doc = 0;
	MUST(document_save(db, &coord, &ex, "plan-2024.txt", text, len, &doc, &plan_id), "import");
	extraction_cleanup(&ex);
	resolver_free(r);
	free(text);

	/* A second plan with more tasks than one chunk of records holds,
	 * led by several units, some coordinated. */
	big_plan = fixture_plan(db, "hash-memory-1");
	const long long leads[] = {hlhpn, hnd, ldtbxh, 0};
	for (int i = 1; i <= 90; i++) {
		char content[160];
		snprintf(content, sizeof content, "Nhiệm vụ số %d: tuyên truyền, vận động hội viên"
		         " tham gia các mô hình phát triển kinh tế", i);
		long long t = fixture_task(db, big_plan, i, content, leads[i % 4],
		                           i % 4 == 3 ? "các sở, ngành" : "Hội LHPN tỉnh",
		                           i % 3 ? "2024-05-31" : "2024-09-30",
		                           i % 5 == 0 ? "in_progress" : NULL);
		if (i % 2)
			MUST(store_coordinator_insert(db, t, 1, hlhpn, "Hội LHPN tỉnh", 0), "coordinator");
		if (i == 4)
			task_id = t; /* the union leads it */
	}
	long long done = 0;
	MUST(task_index_backfill(db, &done), "search text");
	MUST(store_deadline_insert(db, big_plan, 1, "báo cáo quý III", "quarterly", "2024-09-20",
	                           "UBND tỉnh", ubnd, 3), "deadline");

	/* Notes, files, a status change after the cut-off (read back from
	 * the audit log by the report). */
	for (int i = 0; i < 5; i++)
		MUST(task_add_note(db, &editor, task_id, NULL,
		                   "Đã tổ chức tập huấn cho 40 hội viên tại xã.", NULL), "note");
	static const char pdf[] = "%PDF-1.4 báo cáo";
	MUST(task_attach(db, &editor, task_id, "Báo cáo quý.pdf", pdf, sizeof pdf - 1, 0, &att_id),
	     "attach");
	MUST(task_attach(db, &editor, task_id, "Biểu mẫu.xlsx", "x", 1, 0, NULL), "attach 2");
	MUST(task_set_status(db, &editor, task_id, "done"), "status");

	/* A schedule from the imported plan (its 6-month report, due
	 * 2024-06-15, period 2024-H1). */
	int made = 0;
	MUST(schedule_from_plan(db, &admin, plan_id, ubnd, &made, NULL, NULL, NULL), "schedules");
	sched_id = fixture_int(db, "SELECT MIN(id) FROM report_schedules WHERE kind = '6-month'",
	                       NULL);
	if (sched_id <= 0) {
		fprintf(stderr, "fixture: no 6-month schedule\n");
		exit(2);
	}

	/* Indicators with targets and values of province units. */
	struct indicator in = {.code = "PN.KN", .name = "Số phụ nữ được hỗ trợ khởi nghiệp",
	                       .measure = "người", .type = "count", .levels = "province,district"};
	const char *w = NULL;
	MUST(indicator_add(db, &admin, &in, &ind_count, &w), "indicator");
	struct indicator rate = {.code = "PN.TL", .name = "Tỷ lệ hội viên được tập huấn",
	                         .measure = "%", .type = "rate", .levels = "province"};
	MUST(indicator_add(db, &admin, &rate, &ind_rate, &w), "rate indicator");
	MUST(indicator_set_target(db, &admin, ind_count, 2024, "province", ">=", 100, &w), "target");
	MUST(indicator_set_target(db, &admin, ind_rate, 2024, "province", ">=", 80, &w), "target 2");
	const char *keys[] = {"laocai.hnd", "laocai.hccb", "laocai.ldld", "laocai.tinhdoan",
	                      "laocai.so-ldtbxh", "laocai.so-tuphap", "laocai.mttq"};
	struct indicator_value_in v[7], rv[7];
	memset(v, 0, sizeof v);
	memset(rv, 0, sizeof rv);
	for (int i = 0; i < 7; i++) {
		v[i] = (struct indicator_value_in){.unit_id = fixture_unit(db, keys[i]),
		                                   .period = "2024-H1", .num = 10 + i};
		rv[i] = (struct indicator_value_in){.unit_id = v[i].unit_id, .period = "2024-H1",
		                                    .num = 30 + i, .den = 50, .has_den = 1};
	}
	struct arena a;
	arena_init(&a);
	struct indicator_row_error *errs = NULL;
	size_t nerrs = 0;
	MUST(indicator_write_values(db, &a, &admin, ind_count, v, 7, "api", 1, &errs, &nerrs),
	     "values");
	MUST(indicator_write_values(db, &a, &admin, ind_rate, rv, 7, "api", 1, &errs, &nerrs),
	     "rate values");
	arena_cleanup(&a);

	/* The union's draft: narrative, a task note, its figures. */
	struct report_section sec = {0, NULL, "Đã triển khai đầy đủ các nội dung của kế hoạch."};
	struct report_value val[2] = {
		{.indicator_id = ind_count, .has_value = 1, .num = 120},
		{.indicator_id = ind_rate, .has_value = 1, .num = 40, .den = 50, .has_den = 1},
	};
	struct report_draft d = {&sec, 1, NULL, 0, val, 2};
	struct indicator_row_error verr;
	MUST(report_save_draft(db, &editor, sched_id, hlhpn, &d, NULL, &w, &verr), "draft");

	/* Reminders three days before the deadline; a session; a feed. */
	int days[] = {3}, created = 0, mailed = 0;
	MUST(remind_run(db, today, days, 1, &created, &mailed), "remind");
	char csrf[65];
	MUST(session_create(db, editor.id, token, csrf), "session");
	char feed[65];
	MUST(feed_renew(db, &admin, hlhpn, feed), "feed");
}

/* ---- the use cases ---- */

/* One use case: run it in a, say how many records it gave in *items. */
struct use_case {
	const char *name;
	int (*run)(struct arena *a, size_t *items);
	int want;                 /* its code with memory enough */
	void (*undo)(void);       /* a write: put the data back after it succeeded */
};

static int run_units(struct arena *a, size_t *items)
{
	struct unit *u = NULL;
	return unit_list(db, a, &u, items);
}

static int run_unit_children(struct arena *a, size_t *items)
{
	struct unit *u = NULL;
	return store_unit_children(db, a, fixture_unit(db, "laocai"), &u, items);
}

static int run_unit_get(struct arena *a, size_t *items)
{
	struct unit u;
	char **al = NULL;
	size_t n = 0;
	int rc = unit_get(db, a, hlhpn, &u);
	if (!rc)
		rc = unit_aliases(db, a, hlhpn, &al, &n);
	*items = n;
	return rc;
}

static int run_registry(struct arena *a, size_t *items)
{
	struct registry_entry *e = NULL;
	struct registry_abbrev *ab = NULL;
	size_t nab = 0;
	char err[256];
	int rc = registry_parse(a, asset_find("data/units.tsv")->data, &e, items, err, sizeof err);
	if (!rc)
		rc = registry_parse_abbrevs(a, asset_find("data/abbreviations.tsv")->data, &ab, &nab,
		                            err, sizeof err);
	return rc;
}

static int run_plans(struct arena *a, size_t *items)
{
	struct plan *p = NULL, one;
	struct plan_section *s = NULL;
	struct plan_deadline *d = NULL;
	size_t ns = 0, nd = 0;
	int rc = plan_list(db, a, &p, items);
	if (!rc)
		rc = plan_get(db, a, plan_id, &one);
	if (!rc)
		rc = plan_sections(db, a, plan_id, &s, &ns);
	if (!rc)
		rc = plan_deadlines_between(db, a, "2024-01-01", "2024-12-31", 50, &d, &nd);
	return rc;
}

static int run_plan_rows(struct arena *a, size_t *items)
{
	static const char *const what[] = {"deadlines", "targets", "references", "recipients",
	                                   "signers", "review"};
	struct store_row *r = NULL;
	size_t n = 0;
	int more = 0, rc = 0;
	*items = 0;
	for (size_t i = 0; !rc && i < sizeof what / sizeof *what; i++) {
		rc = store_plan_rows(db, a, plan_id, what[i], 0, &r, &n, &more);
		*items += n;
	}
	return rc;
}

static int run_task_page(struct arena *a, size_t *items)
{
	struct task_page pg;
	int rc = task_plan_page(db, a, big_plan, 0, 0, 0, &pg);
	*items = pg.n;
	if (!rc && pg.next)
		rc = task_plan_page(db, a, big_plan, pg.next, 0, 20, &pg);
	return rc;
}

static int run_task_search(struct arena *a, size_t *items)
{
	struct task_query q;
	memset(&q, 0, sizeof q);
	q.text = "hoi vien";
	q.sort = "-end";
	q.limit = 100;
	struct task *t = NULL;
	long long total = 0;
	return task_search(db, a, &q, &t, items, &total);
}

static int run_task_get(struct arena *a, size_t *items)
{
	struct task t;
	*items = 1;
	return task_get(db, a, task_id, &t);
}

static int run_task_private(struct arena *a, size_t *items)
{
	struct task_note *notes = NULL;
	struct attachment *at = NULL, one;
	struct audit_entry *h = NULL;
	const void *data = NULL;
	size_t na = 0, nh = 0;
	int rc = task_notes(db, &editor, a, task_id, &notes, items);
	if (!rc)
		rc = task_attachments(db, &editor, a, task_id, &at, &na);
	if (!rc)
		rc = attachment_get(db, &editor, a, att_id, &one, &data);
	if (!rc)
		rc = task_history(db, &editor, a, task_id, &h, &nh);
	return rc;
}

static int run_audit(struct arena *a, size_t *items)
{
	struct audit_entry *e = NULL;
	struct audit_filter f = {NULL, 0, 200, 0};
	long long total = 0;
	size_t n = 0;
	int rc = audit_list(db, &coord, a, &f, &e, items, &total);
	if (!rc)
		rc = audit_history(db, a, "task", task_id, &e, &n);
	return rc;
}

static int run_schedules(struct arena *a, size_t *items)
{
	struct schedule *s = NULL, one;
	struct unit *subs = NULL;
	size_t ns = 0;
	int rc = schedule_list(db, a, &s, items);
	if (!rc)
		rc = schedule_get(db, a, sched_id, &one, &subs, &ns);
	return rc;
}

static int run_compliance(struct arena *a, size_t *items)
{
	struct compliance c;
	int rc = compliance_list(db, a, sched_id, today, &c);
	*items = c.n;
	return rc;
}

static int run_report_get(struct arena *a, size_t *items)
{
	struct report r;
	int rc = report_get(db, &editor, a, sched_id, hlhpn, &r);
	*items = rc ? 0 : r.n + r.basis->ntasks + r.basis->nvalues;
	return rc;
}

static int run_report_new(struct arena *a, size_t *items)
{
	/* A unit with no version yet: the defaults (tasks as of the cut-off
	 * from the audit log, stored figures). */
	struct report r;
	int rc = report_get(db, &admin, a, sched_id, ldtbxh, &r);
	*items = rc ? 0 : r.basis->ntasks + r.basis->nvalues;
	return rc;
}

static int run_indicators(struct arena *a, size_t *items)
{
	struct indicator *ind = NULL, one;
	struct indicator_target *t = NULL;
	struct indicator_value *v = NULL;
	size_t nt = 0, nv = 0;
	int rc = indicator_list(db, a, &ind, items);
	if (!rc)
		rc = indicator_get(db, a, ind_rate, &one);
	if (!rc)
		rc = indicator_targets(db, a, ind_rate, &t, &nt);
	if (!rc)
		rc = indicator_values(db, a, ind_rate, "2024-H1", &v, &nv);
	if (!rc && !indicator_period_label(a, "2024-H1"))
		rc = PH_ENOMEM;
	return rc;
}

static int run_rollup(struct arena *a, size_t *items)
{
	long long *kids = NULL;
	struct rollup_result r;
	int rc = rollup_children(db, a, ind_count, "2024-H1", fixture_unit(db, "laocai"), &kids,
	                         items);
	if (!rc)
		rc = rollup_get(db, ind_count, "2024-H1", fixture_unit(db, "laocai"), &r);
	return rc;
}

static int run_check_value(struct arena *a, size_t *items)
{
	struct indicator ind;
	struct indicator_row_error e;
	double den = 50;
	*items = 1;
	int rc = indicator_get(db, a, ind_rate, &ind);
	if (!rc)
		rc = indicator_check_value(db, a, &admin, &ind, hnd, "2024-H1", 20, &den, &e);
	return rc;
}

static int run_dashboard(struct arena *a, size_t *items)
{
	struct dashboard d;
	int rc = dashboard_load(db, a, hlhpn, today, 20, &d);
	*items = rc ? 0 : d.quarter_len + d.overdue_len + d.deadlines_len;
	return rc;
}

static int run_notices(struct arena *a, size_t *items)
{
	struct notice *n = NULL;
	long long total = 0;
	return notices_for_user(db, a, editor.id, 0, 50, 0, &n, items, &total);
}

static int run_feed(struct arena *a, size_t *items)
{
	struct buf out;
	buf_init(&out, 16u << 20);
	int rc = feed_ical(db, a, hlhpn, &out, "phoihop.laocai.gov.vn",
	                   feed_base_url(a, "phoihop.laocai.gov.vn", 1));
	*items = out.len;
	buf_cleanup(&out);
	return rc;
}

static int run_users(struct arena *a, size_t *items)
{
	struct user *u = NULL, one, who;
	char csrf[65];
	int rc = user_list(db, a, &u, items);
	if (!rc)
		rc = user_get(db, a, editor.id, &one);
	if (!rc)
		rc = user_by_login(db, a, "pheduyet", &one);
	if (!rc)
		rc = session_lookup(db, a, token, &who, csrf);
	return rc;
}

static int run_mail(struct arena *a, size_t *items)
{
	char *m = mail_message(a, "phoihop@laocai.gov.vn", "thuky@laocai.gov.vn",
	                       "Còn 3 ngày đến hạn nộp báo cáo", "Kính gửi ông/bà,\n\nNội dung.\n",
	                       7, (time_t)1718000000);
	*items = m ? strlen(m) : 0;
	return m ? 0 : arena_failed(a) ? PH_ENOMEM : PH_EINVAL;
}

/* ---- writes ---- */

static int run_draft(struct arena *a, size_t *items)
{
	struct report_section sec[2] = {
		{0, "Kết quả", "Đã tổ chức 12 lớp tập huấn, 480 hội viên tham gia."},
		{0, NULL, "Khó khăn: kinh phí hạn chế."},
	};
	struct report_value val[2] = {
		{.indicator_id = ind_count, .has_value = 1, .num = 130},
		{.indicator_id = ind_rate, .has_value = 1, .num = 42, .den = 50, .has_den = 1},
	};
	struct report_draft d = {sec, 2, NULL, 0, val, 2};
	struct indicator_row_error e;
	const char *why = NULL;
	int ver = 0;
	*items = 1;
	return report_save_draft_in(db, a, &editor, sched_id, hlhpn, &d, &ver, &why, &e);
}

static int run_submit(struct arena *a, size_t *items)
{
	*items = 1;
	return report_submit_in(db, a, &approver, sched_id, hlhpn);
}

/* The submitted version back to a draft, its figures out of the values
 * (and so out of the roll-ups). */
static void undo_submit(void)
{
	db_exec(db, "UPDATE report_submissions SET status = 'draft', submitted_by = NULL,"
	            " submitted_at = NULL WHERE status = 'submitted'");
	db_exec(db, "DELETE FROM indicator_values WHERE source = 'report'");
	rollup_reset();
}

static int run_values(struct arena *a, size_t *items)
{
	struct indicator_value_in v[3] = {
		{.unit = "laocai.hnd", .period = "2024-H1", .num_text = "1.250"},
		{.unit = "Hội Nông dân tỉnh", .period = "2024-Q2", .num_text = "300"},
		{.unit_id = ldtbxh, .period = "2024-H1", .num = 17},
	};
	struct indicator_row_error *errs = NULL;
	size_t nerrs = 0;
	*items = 3;
	return indicator_write_values(db, a, &admin, ind_count, v, 3, "form", 1, &errs, &nerrs);
}

static int run_csv(struct arena *a, size_t *items)
{
	static const char csv[] =
		"\xEF\xBB\xBF" "Đơn vị,Kỳ,Giá trị,Mẫu số\r\n"
		"laocai.hnd,2024-H1,\"31\",50\r\n"
		"Hội Cựu chiến binh tỉnh,2024-H1,32,50\r\n"
		"laocai.ldld,2024-H1,33,\"50\"\r\n"
		"laocai.tinhdoan,2024-H1,34,50\r\n";
	struct indicator_row_error *errs = NULL;
	size_t nerrs = 0;
	return csv_indicator_import(db, a, &admin, ind_rate, csv, sizeof csv - 1, items, &errs,
	                            &nerrs);
}

/* What the writes above may change, as one text: a failed write must
 * leave it as it was. */
static char *snapshot(void)
{
	static const char *const sql[] = {
		"SELECT COUNT(*) || '/' || MAX(id) FROM audit_log",
		"SELECT group_concat(id || status || version || updated_at || COALESCE(submitted_at, ''),"
		" ';') FROM report_submissions",
		"SELECT group_concat(submission_id || '.' || position || text, ';') FROM submission_sections",
		"SELECT group_concat(submission_id || '.' || task_id || status || COALESCE(note, ''), ';')"
		" FROM submission_tasks",
		"SELECT group_concat(submission_id || '.' || indicator_id || '=' || numerator, ';')"
		" FROM submission_values",
		"SELECT group_concat(indicator_id || '.' || unit_id || period || '=' || numerator || '/' ||"
		" COALESCE(denominator, '') || source || updated_at, ';') FROM indicator_values",
	};
	struct buf b;
	buf_init(&b, 1u << 20);
	char cell[65536];
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		buf_puts(&b, fixture_text(db, sql[i], NULL, cell, sizeof cell));
		buf_putc(&b, '|');
	}
	return buf_detach(&b);
}

static const struct use_case cases[] = {
	{"units", run_units, 0, NULL},
	{"unit tree", run_unit_children, 0, NULL},
	{"unit and aliases", run_unit_get, 0, NULL},
	{"registry for the resolver", run_registry, 0, NULL},
	{"plans", run_plans, 0, NULL},
	{"plan rows", run_plan_rows, 0, NULL},
	{"plan task pages", run_task_page, 0, NULL},
	{"task search", run_task_search, 0, NULL},
	{"task", run_task_get, 0, NULL},
	{"notes, files, history", run_task_private, 0, NULL},
	{"audit", run_audit, 0, NULL},
	{"schedules", run_schedules, 0, NULL},
	{"compliance", run_compliance, 0, NULL},
	{"report with a draft", run_report_get, 0, NULL},
	{"report defaults", run_report_new, 0, NULL},
	{"indicators", run_indicators, 0, NULL},
	{"roll-ups", run_rollup, 0, NULL},
	{"value check", run_check_value, 0, NULL},
	{"dashboard", run_dashboard, 0, NULL},
	{"notices", run_notices, 0, NULL},
	{"feed", run_feed, 0, NULL},
	{"users and session", run_users, 0, NULL},
	{"mail message", run_mail, 0, NULL},
	{"report draft", run_draft, 0, NULL},
	{"report submit", run_submit, 0, undo_submit},
	{"indicator values", run_values, 0, NULL},
	{"CSV import", run_csv, 0, NULL},
};

/* Steps of room: every aligned byte in the first chunk, coarser after
 * (the allocations of a row repeat from row to row). */
static size_t step_of(size_t more)
{
	return more == 0 ? align : 8 * align;
}

static int is_write(const struct use_case *uc)
{
	return uc->run == run_draft || uc->run == run_submit || uc->run == run_values ||
	       uc->run == run_csv;
}

static void sweep(const struct use_case *uc)
{
	struct arena a;
	size_t items = 0;
	arena_init(&a);
	int rc = uc->run(&a, &items);
	size_t used = a.total;
	CHECK(rc == uc->want && !arena_failed(&a), "%s with memory enough: %s", uc->name,
	      err_name(rc));
	CHECK(items > 0, "%s reads something (%zu)", uc->name, items);
	arena_cleanup(&a);
	if (!rc && uc->undo)
		uc->undo();
	size_t levels = used / chunk_total + 2, runs = 0, failures = 0, bad = 0, changed = 0;
	int whole = 0;
	for (size_t more = 0; more < levels && !whole; more++) {
		for (size_t room = align; room <= chunk_room; room += step_of(more)) {
			char *before = is_write(uc) ? snapshot() : NULL;
			budget_arena(&a, room, more);
			rc = uc->run(&a, &items);
			int failed = arena_failed(&a);
			arena_cleanup(&a);
			runs++;
			if (failed) {
				failures++;
				if (rc != PH_ENOMEM && bad++ < 3)
					CHECK(0, "%s: room %zu, %zu more chunks: %s from a failed arena",
					      uc->name, room, more, err_name(rc));
				if (before) {
					char *after = snapshot();
					if (strcmp(before, after) && changed++ < 3)
						CHECK(0, "%s: room %zu, %zu more: a failed write changed the data",
						      uc->name, room, more);
					free(after);
				}
			} else {
				if (rc != uc->want && bad++ < 3)
					CHECK(0, "%s: room %zu, %zu more: %s with memory enough", uc->name,
					      room, more, err_name(rc));
				if (!rc && uc->undo)
					uc->undo();
			}
			free(before);
			if (db_open_statements(db) && bad++ < 3)
				CHECK(0, "%s: %d statement(s) left open", uc->name, db_open_statements(db));
			if (!failed) {
				/* More room only fails later: the rest of this level, and
				 * every level above it when this was its first room, run
				 * whole. */
				whole = room == align;
				break;
			}
		}
	}
	CHECK(failures > 0, "%s: memory ran out in some runs (%zu of %zu)", uc->name, failures,
	      runs);
	if (getenv("TEST_VERBOSE"))
		fprintf(stderr, "%-28s %7zu bytes %5zu runs %5zu failed\n", uc->name, used, runs,
		        failures);
	CHECK(whole, "%s: a run with memory enough ends the sweep", uc->name);
	CHECK(bad == 0, "%s: %zu runs gave a wrong code", uc->name, bad);
	CHECK(changed == 0, "%s: %zu failed writes changed the data", uc->name, changed);
}

int main(void)
{
	setenv("PHOIHOP_TODAY", today_iso, 1);
	measure_chunks();
	CHECK(chunk_total > chunk_room && chunk_room >= 1024, "arena chunks: %zu bytes, %zu room",
	      chunk_total, chunk_room);
	setup();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		sweep(&cases[i]);
	/* The writes still work once memory is there, and did what they say. */
	struct arena a;
	arena_init(&a);
	size_t items = 0;
	CHECK_INT(run_submit(&a, &items), 0, "submit with memory enough");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM report_submissions WHERE status = 'submitted'",
	                      NULL), 1, "one version submitted");
	CHECK_INT(fixture_int(db, "SELECT CAST(numerator AS INTEGER) FROM indicator_values"
	                      " WHERE source = 'report' AND indicator_id = ?",
	                      arena_printf(&a, "%lld", ind_count)), 130,
	          "the draft's last figure went to the values");
	arena_cleanup(&a);
	fixture_close(db);
	TEST_END("test_memory_model");
}
