/* test_report.c: report submissions and completeness. An editor of the
 * unit drafts (defaults from the plan's level-1 sections and the unit's
 * lead and coordinating tasks, statuses as of the cut-off from the audit
 * log), another unit's editor is refused, only an approver submits, a
 * submitted version never changes (saving again makes a new version, a
 * second submit and a direct write through the store leave it as it
 * was), a return needs a comment, a correction is version 2, a
 * correction after acceptance is version 3 and leaves version 2 accepted,
 * a correction being drafted does not hold up the review of what was
 * sent; completeness: on time, late by days counted by hand, missing
 * and overdue, missing and not yet due; indicator figures: the scope
 * (level, kind, years), prefilled from stored values, checked like value
 * rows, kept per version, written to the values and the roll-ups only
 * when submitted. */
#include "test.h"
#include "fixture.h"
#include "model/report.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "model/schedule.h"
#include "model/task.h"
#include "base/err.h"
#include "base/text.h"

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

/* report_save_draft without figures (most tests) or with them. */
static int draft_values(struct db *db, const struct user *u, long long sid, long long unit,
                        const struct report_section *s, size_t ns, const struct report_task *t,
                        size_t nt, const struct report_value *v, size_t nv, int *ver,
                        const char **why, struct indicator_row_error *e)
{
	struct report_draft d = {s, ns, t, nt, v, nv};
	return report_save_draft(db, u, sid, unit, &d, ver, why, e);
}

static int draft(struct db *db, const struct user *u, long long sid, long long unit,
                 const struct report_section *s, size_t ns, const struct report_task *t,
                 size_t nt, int *ver, const char **why)
{
	return draft_values(db, u, sid, unit, s, ns, t, nt, NULL, 0, ver, why, NULL);
}

/* The Vietnamese names of the periods a report's figures are for. */
static void test_period_labels(struct arena *a)
{
	static const char *const cases[][2] = {
		{"2024", "Năm 2024"}, {"2024-H1", "6 tháng đầu năm 2024"},
		{"2025-H2", "6 tháng cuối năm 2025"}, {"2024-Q3", "Quý III/2024"},
		{"2024-Q4", "Quý IV/2024"}, {"2024-09", "Tháng 9/2024"}, {"2024-12", "Tháng 12/2024"},
		{"2024-H3", "2024-H3"}, {"abc", "abc"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_STR(indicator_period_label(a, cases[i][0]), cases[i][1], cases[i][0]);
}

static void test_days(void)
{
	static const struct { struct ph_date a, b; long long days; } cases[] = {
		{{2024, 9, 10}, {2024, 9, 13}, 3},
		{{2024, 2, 28}, {2024, 3, 1}, 2},   /* leap year */
		{{2023, 2, 28}, {2023, 3, 1}, 1},
		{{2024, 12, 31}, {2025, 1, 1}, 1},
		{{2024, 9, 15}, {2024, 9, 10}, -5},
		{{2024, 1, 1}, {2025, 1, 1}, 366},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_INT(report_days_between(cases[i].a, cases[i].b), cases[i].days, "days between");
}

/* The flow on a schedule made from a plan: drafting, refusals, submit,
 * immutability, return, correction, accept. */
static void test_flow(struct db *db, struct arena *a, long long ubnd)
{
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long ldtbxh = fixture_unit(db, "laocai.so-ldtbxh");
	long long plan = fixture_plan(db, "hash-report-1");
	long long s1 = 0, s2 = 0, sub = 0;
	CHECK_INT(store_section_insert(db, plan, 0, 1, "I", "MỤC TIÊU", 1, 3, &s1), 0, "section I");
	CHECK_INT(store_section_insert(db, plan, s1, 2, "1", "Chi tiết", 2, 4, &sub), 0, "sub");
	CHECK_INT(store_section_insert(db, plan, 0, 3, "II", "NHIỆM VỤ", 1, 8, &s2), 0, "section II");
	long long t1 = fixture_task(db, plan, 1, "Việc một", hlhpn, "Hội LHPN", "2024-05-01", NULL);
	long long t2 = fixture_task(db, plan, 2, "Việc hai", ldtbxh, "Sở LĐTBXH", NULL, "in_progress");
	fixture_task(db, plan, 3, "Việc ba", ldtbxh, "Sở LĐTBXH", NULL, NULL);
	CHECK_INT(store_coordinator_insert(db, t2, 1, hlhpn, "Hội LHPN", 0), 0, "coordinator");
	CHECK_INT(store_deadline_insert(db, plan, 1, "sơ kết 6 tháng", "6-month", "2024-06-20",
	                                NULL, 0, 1), 0, "deadline");
	int made = 0;
	CHECK_INT(schedule_from_plan(db, access_system(), plan, ubnd, &made, NULL, NULL, NULL), 0, "schedule");
	long long sid = count(db, "SELECT MAX(id) FROM report_schedules");
	/* A change made now (after the cut-off 14/06/2024): the report shows
	 * the status before it. */
	CHECK_INT(task_set_status(db, access_system(), t1, "done"), 0, "t1 done now");

	struct user editor = fixture_person(0, "ed", hlhpn, ROLE_EDITOR);
	struct user approver = fixture_person(0, "ap", hlhpn, ROLE_APPROVER);
	struct user other = fixture_person(0, "ot", ldtbxh, ROLE_EDITOR);
	struct user coord = fixture_person(0, "co", ubnd, ROLE_COORDINATOR);

	struct report r;
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get before any version");
	CHECK_INT(r.n, 0, "no version");
	CHECK_INT(r.basis->nsections, 2, "level-1 sections by default");
	CHECK_INT(r.basis->sections[0].section_id, s1, "first section");
	CHECK_STR(r.basis->sections[1].title, "II. NHIỆM VỤ", "second title");
	CHECK_INT(r.basis->ntasks, 2, "lead and coordinating tasks");
	CHECK_INT(r.basis->tasks[0].task_id, t1, "t1 first");
	CHECK_STR(r.basis->tasks[0].status, "not_started", "status as of the cut-off");
	CHECK_STR(r.basis->tasks[1].status, "in_progress", "t2 current status");
	CHECK_INT(report_get(db, access_system(), a, sid, fixture_unit(db, "laocai.so-yte"), &r), PH_ENOTFOUND,
	          "not a submitter");

	const struct report_section sec[] = {
		{s1, NULL, "Đã triển khai đầy đủ."},
		{s2, "", "Hoàn thành 2 nhiệm vụ."},
	};
	const struct report_task tk[] = {{t2, NULL, NULL, "done", "xong trước hạn"}};
	const struct report_task bad_task[] = {{count(db, "SELECT MAX(id) FROM tasks"), NULL,
	                                        NULL, "done", NULL}};
	const struct report_section bad_sec[] = {{sub + 1000, NULL, "x"}};
	const struct report_task bad_status[] = {{t2, NULL, NULL, "finished", NULL}};
	int ver = -1;
	const char *why = NULL;
	long long before = count(db, "SELECT COUNT(*) FROM report_submissions");
	CHECK_INT(draft(db, &other, sid, hlhpn, sec, 2, NULL, 0, &ver, &why),
	          PH_EFORBIDDEN, "another unit's editor");
	CHECK_INT(draft(db, &editor, sid, hlhpn, sec, 2, bad_task, 1, &ver, &why),
	          PH_EINVAL, "a task not the unit's");
	CHECK_INT(draft(db, &editor, sid, hlhpn, bad_sec, 1, NULL, 0, &ver, &why),
	          PH_EINVAL, "a section not of the plan");
	CHECK_INT(draft(db, &editor, sid, hlhpn, sec, 2, bad_status, 1, &ver, &why),
	          PH_EINVAL, "a bad status");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_submissions"), before, "refusals write nothing");
	CHECK_INT(report_submit(db, &approver, sid, hlhpn), PH_ENOTFOUND, "nothing to submit");

	CHECK_INT(draft(db, &editor, sid, hlhpn, sec, 2, tk, 1, &ver, &why), 0, "draft");
	CHECK_INT(ver, 1, "version 1");
	CHECK_INT(draft(db, &editor, sid, hlhpn, sec, 1, NULL, 0, &ver, &why), 0,
	          "draft again");
	CHECK_INT(ver, 1, "still version 1 (updated in place)");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get v1");
	CHECK_INT(r.n, 1, "one version");
	CHECK_INT(r.versions[0].nsections, 1, "sections replaced");
	CHECK_STR(r.versions[0].sections[0].title, "I. MỤC TIÊU", "title from the plan");
	CHECK_STR(r.versions[0].tasks[1].status, "done", "task status kept from the first save");
	CHECK_STR(r.versions[0].tasks[1].note, "xong trước hạn", "note kept");
	const struct report_task keep[] = {{t2, NULL, NULL, "in_progress", NULL}};
	CHECK_INT(draft(db, &editor, sid, hlhpn, NULL, 0, keep, 1, &ver, &why), 0,
	          "status only");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get v1 again");
	CHECK_STR(r.versions[0].tasks[1].status, "in_progress", "status changed");
	CHECK_STR(r.versions[0].tasks[1].note, "xong trước hạn", "a NULL note keeps the note");
	CHECK_INT(r.versions[0].nsections, 1, "no sections given: kept");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'report.draft'"), 3,
	          "three draft audit entries");

	/* The draft is a private read: the unit and the receiving unit read
	 * it, another unit gets the report without it (and is told). */
	struct user viewer = fixture_person(0, "vw", hlhpn, ROLE_VIEWER);
	struct user far = fixture_person(0, "far", fixture_unit(db, "laocai.tinhdoan"), ROLE_VIEWER);
	CHECK_INT(report_get(db, &viewer, a, sid, hlhpn, &r), 0, "the unit's viewer");
	CHECK(r.n == 1 && !r.drafts_hidden, "reads the draft");
	CHECK_INT(report_get(db, &coord, a, sid, hlhpn, &r), 0, "the receiving unit's coordinator");
	CHECK(r.n == 1 && !r.drafts_hidden, "reads the draft");
	CHECK_INT(report_get(db, &far, a, sid, hlhpn, &r), 0, "another unit's viewer");
	CHECK_INT(r.n, 0, "no draft version for another unit");
	CHECK_INT(r.drafts_hidden, 1, "the left-out draft is counted");
	CHECK(r.basis->nsections == 2 && strcmp(r.basis->sections[0].text ? r.basis->sections[0].text
	      : "", "Đã triển khai đầy đủ."), "the basis is not the draft's content");
	CHECK_INT(report_get(db, NULL, a, sid, hlhpn, &r), PH_EUNAUTH, "no actor");

	/* Submitting: an editor may not; an approver may, on 20/06/2024. */
	CHECK_INT(report_submit(db, &editor, sid, hlhpn), PH_EFORBIDDEN, "editor submits");
	setenv("PHOIHOP_TODAY", "2024-06-20", 1);
	CHECK_INT(report_submit(db, &approver, sid, hlhpn), 0, "approver submits");
	unsetenv("PHOIHOP_TODAY");
	CHECK_INT(report_submit(db, &approver, sid, hlhpn), PH_ECONFLICT, "submit twice");
	CHECK_INT(report_get(db, &far, a, sid, hlhpn, &r), 0, "another unit, after sending");
	CHECK(r.n == 1 && !r.drafts_hidden && !strcmp(r.versions[0].status, "submitted"),
	      "a submitted version is everyone's to read");

	/* The submitted version never changes. */
	char buf[64];
	long long v1 = count(db, "SELECT id FROM report_submissions WHERE version = 1");
	fixture_text(db, "SELECT submitted_at FROM report_submissions WHERE version = 1", NULL,
	             buf, sizeof buf);
	CHECK(!strncmp(buf, "2024-06-20T", 11), "submitted_at day: %s", buf);
	CHECK_INT(store_report_clear_draft(db, v1, "2030-01-01T00:00:00Z"), 0, "store call");
	CHECK_INT(store_report_set_submitted(db, v1, 0, "2030-01-01T00:00:00Z"), 0, "store call");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM submission_sections s JOIN report_submissions r"
	                    " ON r.id = s.submission_id WHERE r.version = 1"), 1,
	          "sections of a submitted version stay");
	fixture_text(db, "SELECT submitted_at FROM report_submissions WHERE version = 1", NULL,
	             buf, sizeof buf);
	CHECK(!strncmp(buf, "2024-06-20T", 11), "submitted_at unchanged: %s", buf);

	/* Review: an editor may not, a return needs a comment. */
	CHECK_INT(report_review(db, &editor, sid, hlhpn, 0, "sai"), PH_EFORBIDDEN, "editor reviews");
	CHECK_INT(report_review(db, &coord, sid, hlhpn, 0, "  "), PH_EINVAL, "return without comment");
	CHECK_INT(report_review(db, &coord, sid, hlhpn, 0, "Bổ sung số liệu quý II."), 0, "return");
	CHECK_INT(report_review(db, &coord, sid, hlhpn, 1, NULL), PH_ECONFLICT, "review a returned one");

	/* The correction is version 2, starting from version 1's content. */
	const struct report_section fix[] = {{s1, NULL, "Đã bổ sung số liệu."}};
	CHECK_INT(draft(db, &editor, sid, hlhpn, fix, 1, NULL, 0, &ver, &why), 0,
	          "correction");
	CHECK_INT(ver, 2, "version 2");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get v2");
	CHECK_INT(r.n, 2, "two versions");
	CHECK_STR(r.versions[0].status, "draft", "v2 draft");
	CHECK_STR(r.versions[0].tasks[1].status, "in_progress", "v2 tasks from v1");
	CHECK_STR(r.versions[1].status, "returned", "v1 returned");
	CHECK_STR(r.versions[1].review_comment, "Bổ sung số liệu quý II.", "comment kept");
	CHECK_STR(r.versions[1].sections[0].text, "Đã triển khai đầy đủ.", "v1 text unchanged");
	setenv("PHOIHOP_TODAY", "2024-06-25", 1);
	CHECK_INT(report_submit(db, &approver, sid, hlhpn), 0, "submit v2");
	unsetenv("PHOIHOP_TODAY");
	CHECK_INT(report_review(db, &coord, sid, hlhpn, 1, ""), 0, "accept");
	CHECK_INT(draft(db, &editor, sid, hlhpn, fix, 1, NULL, 0, &ver, &why), 0,
	          "correction after acceptance");
	CHECK_INT(ver, 3, "version 3");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get v3");
	CHECK_STR(r.versions[0].status, "draft", "v3 draft");
	CHECK_STR(r.versions[1].status, "accepted", "v2 stays accepted");
	CHECK_INT(report_review(db, &coord, sid, hlhpn, 1, ""), PH_ECONFLICT,
	          "v2 was reviewed already");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action IN ('report.submit',"
	                    "'report.accept','report.return')"), 4, "audit entries");

	/* First submission on the due date: on time though v2 came later;
	 * ldtbxh wrote nothing. */
	struct compliance c;
	CHECK_INT(compliance_list(db, a, sid, (struct ph_date){2024, 7, 1}, &c), 0, "compliance");
	CHECK_INT(c.n, 2, "two submitters");
	for (size_t i = 0; i < c.n; i++) {
		if (c.rows[i].unit.id == hlhpn) {
			CHECK_INT(c.rows[i].state, COMPLY_ON_TIME, "on time by v1");
			CHECK_INT(c.rows[i].latest_version, 3, "latest version");
			CHECK_STR(c.rows[i].latest_status, "draft", "latest status");
		} else {
			CHECK_INT(c.rows[i].state, COMPLY_MISSING, "missing");
			CHECK_INT(c.rows[i].days, 11, "20/06 to 01/07 overdue");
		}
	}
}

/* Completeness of a hand-made schedule due 10/09/2024 with four units. */
static void test_compliance(struct db *db, struct arena *a, long long ubnd)
{
	const char *keys[] = {"laocai.so-yte", "laocai.so-noivu", "laocai.so-ldtbxh", "laocai.hlhpn"};
	long long ids[4];
	for (int i = 0; i < 4; i++)
		ids[i] = fixture_unit(db, keys[i]);
	struct schedule_input in = {
		.kind = "ad_hoc", .title = "Báo cáo đột xuất thử", .cutoff_start = "2024-08-01",
		.cutoff_end = "2024-08-31", .due = "2024-09-10", .receiving_unit_id = ubnd,
		.unit_ids = ids, .unit_ids_len = 4,
	};
	long long sid = 0;
	CHECK_INT(schedule_create(db, access_system(), &in, &sid, NULL, NULL), 0, "ad hoc schedule");
	const struct report_section gen[] = {{0, "Chung", "Nội dung."}};
	/* yte submits on 08/09 (on time), noivu on 13/09 (3 days late), ldtbxh
	 * only drafts, hlhpn writes nothing. */
	const char *days[] = {"2024-09-08", "2024-09-13"};
	for (int i = 0; i < 3; i++) {
		struct user ed = fixture_person(0, "e", ids[i], ROLE_EDITOR);
		struct user ap = fixture_person(0, "a", ids[i], ROLE_APPROVER);
		CHECK_INT(draft(db, &ed, sid, ids[i], gen, 1, NULL, 0, NULL, NULL), 0,
		          "draft");
		if (i < 2) {
			setenv("PHOIHOP_TODAY", days[i], 1);
			CHECK_INT(report_submit(db, &ap, sid, ids[i]), 0, "submit");
			unsetenv("PHOIHOP_TODAY");
		}
	}
	static const struct { int y, m, d, overdue, not_due, days; } when[] = {
		{2024, 9, 15, 2, 0, 5},  /* 10/09 to 15/09 */
		{2024, 9, 10, 0, 2, 0},  /* due today: not yet overdue */
		{2024, 9, 1, 0, 2, 0},
	};
	for (size_t w = 0; w < sizeof when / sizeof *when; w++) {
		struct compliance c;
		CHECK_INT(compliance_list(db, a, sid, (struct ph_date){when[w].y, when[w].m, when[w].d},
		                          &c), 0, "compliance");
		CHECK_INT(c.n, 4, "four units");
		CHECK_INT(c.on_time, 1, "on time count");
		CHECK_INT(c.late, 1, "late count");
		CHECK_INT(c.missing, 2, "missing count");
		CHECK_INT(c.overdue, when[w].overdue, "overdue count");
		CHECK_INT(c.not_due, when[w].not_due, "not due count");
		for (size_t i = 0; i < c.n; i++) {
			const struct compliance_row *x = &c.rows[i];
			if (x->unit.id == ids[0]) {
				CHECK_INT(x->state, COMPLY_ON_TIME, "yte on time");
				CHECK_INT(x->days, 0, "yte days");
			} else if (x->unit.id == ids[1]) {
				CHECK_INT(x->state, COMPLY_LATE, "noivu late");
				CHECK_INT(x->days, 3, "10/09 to 13/09");
			} else {
				CHECK_INT(x->state, COMPLY_MISSING, "missing");
				CHECK_INT(x->days, when[w].days, "days overdue");
				CHECK_INT(x->latest_version, x->unit.id == ids[2] ? 1 : 0, "latest version");
				CHECK_STR(x->latest_status, x->unit.id == ids[2] ? "draft" : NULL,
				          "latest status");
			}
		}
	}
	struct compliance c;
	CHECK_INT(compliance_list(db, a, sid + 100, (struct ph_date){2024, 9, 1}, &c),
	          PH_ENOTFOUND, "no such schedule");
}

static long long add_indicator(struct db *db, const char *code, const char *type,
                               const char *levels, int year_to)
{
	struct indicator in = {.code = (char *)code, .name = (char *)code, .type = (char *)type,
	                       .levels = (char *)levels, .year_to = year_to};
	long long id = 0;
	CHECK_INT(indicator_add(db, access_system(), &in, &id, NULL), 0, code);
	return id;
}

static const struct report_value *find_value(const struct report_version *v, long long id)
{
	for (size_t i = 0; i < v->nvalues; i++)
		if (v->values[i].indicator_id == id)
			return &v->values[i];
	return NULL;
}

static double stored(struct db *db, long long ind, long long unit, const char *col)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT CAST(%s * 1000 AS INTEGER) FROM indicator_values"
	         " WHERE indicator_id = %lld AND unit_id = %lld AND period = '2024-H1'",
	         col, ind, unit);
	return fixture_int(db, sql, NULL) / 1000.0;
}

/* Figures in a 6-month report of the provincial Women's Union. */
static void test_values(struct db *db, struct arena *a, long long ubnd)
{
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long count_id = add_indicator(db, "HPN-01", "count", "province", 0);
	long long rate_id = add_indicator(db, "HPN-02", "rate", "province,district", 0);
	long long commune = add_indicator(db, "XA-01", "count", "commune", 0);
	long long old = add_indicator(db, "CU-01", "count", "province", 2023);
	long long ids[] = {hlhpn};
	struct schedule_input in = {
		.kind = "6-month", .year = 2024, .due = "2024-06-20", .receiving_unit_id = ubnd,
		.unit_ids = ids, .unit_ids_len = 1,
	};
	long long sid = 0;
	CHECK_INT(schedule_create(db, access_system(), &in, &sid, NULL, NULL), 0, "6-month schedule");
	/* A value entered on the indicator page before the report. */
	struct indicator_value_in pre = {.unit_id = hlhpn, .period = "2024-H1", .num = 5};
	struct indicator_row_error *errs = NULL;
	size_t nerrs = 0;
	CHECK_INT(indicator_write_values(db, a, access_system(), count_id, &pre, 1, "form", 1, &errs, &nerrs),
	          0, "value before the report");

	struct report r;
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get");
	CHECK_STR(r.period, "2024-H1", "period of values");
	CHECK_INT(r.basis->nvalues, 2, "two indicators in scope");
	CHECK(find_value(r.basis, commune) == NULL, "commune indicator not in scope");
	CHECK(find_value(r.basis, old) == NULL, "indicator of past years not in scope");
	const struct report_value *x = find_value(r.basis, count_id);
	CHECK(x && x->has_value && x->num == 5, "prefilled from the stored value");
	x = find_value(r.basis, rate_id);
	CHECK(x && !x->has_value, "no rate value yet");

	struct user editor = fixture_person(0, "ved", hlhpn, ROLE_EDITOR);
	struct user approver = fixture_person(0, "vap", hlhpn, ROLE_APPROVER);
	struct user coord = fixture_person(0, "vco", ubnd, ROLE_COORDINATOR);
	struct user other = fixture_person(0, "vot", fixture_unit(db, "laocai.so-yte"),
	                                   ROLE_EDITOR);
	const struct report_value v1[] = {
		{.indicator_id = count_id, .has_value = 1, .num = 12},
		{.indicator_id = rate_id, .has_value = 1, .num = 30, .den = 40, .has_den = 1},
	};
	int ver = 0;
	const char *why = NULL;
	struct indicator_row_error e = {0};
	CHECK_INT(draft_values(db, &other, sid, hlhpn, NULL, 0, NULL, 0, v1, 2, &ver, &why, &e),
	          PH_EFORBIDDEN, "another unit's editor");
	CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, v1, 2, &ver, &why, &e),
	          0, "draft with figures");
	CHECK_INT(r.n, 0, "(read before)");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get v1");
	CHECK_INT(r.versions[0].nvalues, 2, "v1 holds two figures");
	x = find_value(&r.versions[0], rate_id);
	CHECK(x && x->num == 30 && x->has_den && x->den == 40, "rate figure kept");
	CHECK(stored(db, count_id, hlhpn, "numerator") == 5, "not written before submission");

	/* Refused figures change nothing; the refusal names the code and row. */
	static const struct {
		struct report_value v;
		const char *code;
	} bad[] = {
		{{.indicator_id = 0, .has_value = 1, .num = 50, .den = 40, .has_den = 1}, "rate_over_100"},
		{{.indicator_id = 0, .has_value = 1, .num = 2.5}, "not_integer"},
		{{.indicator_id = 0, .has_value = 1, .num = -1}, "negative"},
		{{.indicator_id = 0, .has_value = 1, .num = 3}, "missing_denominator"},
		{{.indicator_id = 0, .has_value = 1, .num = 3, .den = 0, .has_den = 1}, "zero_denominator"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct report_value v[2] = {v1[0], bad[i].v};
		int israte = !strcmp(bad[i].code, "not_integer") || !strcmp(bad[i].code, "negative")
		                 ? 0 : 1;
		v[1].indicator_id = israte ? rate_id : count_id;
		memset(&e, 0, sizeof e);
		CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, v, 2, &ver, &why, &e),
		          PH_EINVAL, bad[i].code);
		CHECK_STR(e.code, bad[i].code, "refusal code");
		CHECK_INT(e.row, 2, "refusal row");
	}
	const struct report_value out_of_scope[] = {{.indicator_id = commune, .has_value = 1, .num = 1}};
	CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, out_of_scope, 1, &ver,
	                       &why, &e), PH_EINVAL, "indicator not in scope");
	CHECK(why && !strncmp(why, "values:", 7), "why names values");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get after refusals");
	x = find_value(&r.versions[0], count_id);
	CHECK(x && x->num == 12 && r.versions[0].nvalues == 2, "refusals changed nothing");

	/* Clearing a figure, then setting it again. */
	const struct report_value clear[] = {{.indicator_id = rate_id, .has_value = 0}};
	CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, clear, 1, &ver, &why, &e),
	          0, "clear");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get cleared");
	CHECK_INT(r.versions[0].nvalues, 1, "one figure left");
	CHECK(find_value(r.basis, count_id)->num == 12, "the other figure kept");
	CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, v1, 2, &ver, &why, &e),
	          0, "set again");

	/* Submitting writes the figures and the roll-ups. */
	struct rollup_result before;
	CHECK_INT(rollup_get(db, count_id, "2024-H1", hlhpn, &before), 0, "roll-up before");
	CHECK(before.has_value && before.value == 5, "roll-up holds the stored 5");
	CHECK_INT(report_submit(db, &approver, sid, hlhpn), 0, "submit v1");
	CHECK(stored(db, count_id, hlhpn, "numerator") == 12, "count written on submit");
	CHECK(stored(db, rate_id, hlhpn, "denominator") == 40, "denominator written");
	char src[16];
	CHECK_STR(fixture_text(db, "SELECT source FROM indicator_values WHERE period = '2024-H1'"
	                       " AND indicator_id = (SELECT id FROM indicators WHERE code = ?)",
	                       "HPN-01", src, sizeof src), "report", "source report");
	struct rollup_result after;
	CHECK_INT(rollup_get(db, count_id, "2024-H1", hlhpn, &after), 0, "roll-up after");
	CHECK(after.has_value && after.value == 12, "roll-up follows the submission");
	CHECK_INT(rollup_get(db, rate_id, "2024-H1", hlhpn, &after), 0, "rate roll-up");
	CHECK(after.has_value && after.value == 75, "30/40 = 75 percent");

	/* A correction: v2 changes the count; v1 keeps its figures. */
	CHECK_INT(report_review(db, &coord, sid, hlhpn, 0, "Số liệu chưa khớp."), 0, "return");
	const struct report_value v2[] = {{.indicator_id = count_id, .has_value = 1, .num = 15}};
	CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, v2, 1, &ver, &why, &e),
	          0, "correction");
	CHECK_INT(ver, 2, "version 2");
	CHECK(stored(db, count_id, hlhpn, "numerator") == 12, "correction not yet written");
	CHECK_INT(report_submit(db, &approver, sid, hlhpn), 0, "submit v2");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get v2");
	CHECK(find_value(&r.versions[0], count_id)->num == 15, "v2 figure");
	CHECK(find_value(&r.versions[1], count_id)->num == 12, "v1 figure kept in history");
	CHECK(find_value(&r.versions[0], rate_id)->num == 30, "rate carried into v2");
	CHECK(stored(db, count_id, hlhpn, "numerator") == 15, "v2 written on submit");
	CHECK_INT(rollup_get(db, count_id, "2024-H1", hlhpn, &after), 0, "roll-up v2");
	CHECK(after.value == 15, "roll-up follows the correction");
	/* A correction drafted while v2 waits: v2 can still be accepted, and
	 * v3's figure counts only once v3 is submitted. */
	const struct report_value v3[] = {{.indicator_id = count_id, .has_value = 1, .num = 16}};
	CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, v3, 1, &ver, &why, &e),
	          0, "correction drafted before the review");
	CHECK_INT(ver, 3, "version 3");
	CHECK_INT(report_review(db, &coord, sid, hlhpn, 1, ""), 0, "accept v2 under the draft");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get v3");
	CHECK_STR(r.versions[1].status, "accepted", "v2 accepted");
	CHECK_STR(r.versions[0].status, "draft", "v3 still a draft");
	CHECK(stored(db, count_id, hlhpn, "numerator") == 15, "draft v3 not written");

	/* A 9-month report holds no figures. */
	struct schedule_input nine = in;
	nine.kind = "9-month";
	nine.due = "2024-09-20";
	CHECK_INT(schedule_create(db, access_system(), &nine, &sid, NULL, NULL), 0, "9-month schedule");
	CHECK_INT(report_get(db, access_system(), a, sid, hlhpn, &r), 0, "get 9-month");
	CHECK_STR(r.period, "", "no period of values");
	CHECK_INT(r.basis->nvalues, 0, "no figures in scope");
	CHECK_INT(draft_values(db, &editor, sid, hlhpn, NULL, 0, NULL, 0, v2, 1, &ver, &why, &e),
	          PH_EINVAL, "figures refused in a 9-month report");
}

int main(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	unsetenv("PHOIHOP_TODAY");
	test_days();
	test_period_labels(&a);
	test_flow(db, &a, ubnd);
	test_compliance(db, &a, ubnd);
	test_values(db, &a, ubnd);
	arena_cleanup(&a);
	fixture_close(db);
	text_cleanup();
	TEST_END("test_report");
}
