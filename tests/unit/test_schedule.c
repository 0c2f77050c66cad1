/* test_schedule.c: report schedules. The Decree 09/2019 Article 12
 * cut-offs and the periods covered for every kind (January and Q1 reach
 * back to 15/12 of the previous year, February of leap and common years),
 * the period a due date points at, the refusals of schedule_create (each
 * leaving nothing), defaults overridden field by field, the submitter
 * rule (descendants at any depth, a unit ended before the due date left
 * out, Vietnamese order), and schedules from a plan's deadlines: mapping
 * of kinds and receiving units, lead units as submitters, idempotence. */
#include "test.h"
#include "fixture.h"
#include "model/schedule.h"
#include "base/err.h"
#include "base/text.h"

static const struct {
	int kind, year, index;
	const char *start, *end, *cs, *ce; /* NULL start: PH_EINVAL */
} periods[] = {
	{SCHED_MONTHLY, 2024, 1, "2024-01-01", "2024-01-31", "2023-12-15", "2024-01-14"},
	{SCHED_MONTHLY, 2024, 2, "2024-02-01", "2024-02-29", "2024-01-15", "2024-02-14"},
	{SCHED_MONTHLY, 2023, 2, "2023-02-01", "2023-02-28", "2023-01-15", "2023-02-14"},
	{SCHED_MONTHLY, 2024, 3, "2024-03-01", "2024-03-31", "2024-02-15", "2024-03-14"},
	{SCHED_MONTHLY, 2024, 12, "2024-12-01", "2024-12-31", "2024-11-15", "2024-12-14"},
	{SCHED_QUARTERLY, 2024, 1, "2024-01-01", "2024-03-31", "2023-12-15", "2024-03-14"},
	{SCHED_QUARTERLY, 2024, 2, "2024-04-01", "2024-06-30", "2024-03-15", "2024-06-14"},
	{SCHED_QUARTERLY, 2024, 3, "2024-07-01", "2024-09-30", "2024-06-15", "2024-09-14"},
	{SCHED_QUARTERLY, 2025, 4, "2025-10-01", "2025-12-31", "2025-09-15", "2025-12-14"},
	{SCHED_HALF_YEAR, 2024, 0, "2024-01-01", "2024-06-30", "2023-12-15", "2024-06-14"},
	{SCHED_NINE_MONTH, 2024, 0, "2024-01-01", "2024-09-30", "2023-12-15", "2024-09-14"},
	{SCHED_ANNUAL, 2024, 0, "2024-01-01", "2024-12-31", "2023-12-15", "2024-12-14"},
	{SCHED_AD_HOC, 2024, 0, NULL, NULL, NULL, NULL},
	{SCHED_MONTHLY, 2024, 0, NULL, NULL, NULL, NULL},
	{SCHED_MONTHLY, 2024, 13, NULL, NULL, NULL, NULL},
	{SCHED_QUARTERLY, 2024, 5, NULL, NULL, NULL, NULL},
	{SCHED_ANNUAL, 2024, 1, NULL, NULL, NULL, NULL},
	{SCHED_ANNUAL, 1800, 0, NULL, NULL, NULL, NULL},
	{-1, 2024, 0, NULL, NULL, NULL, NULL},
};

static const struct {
	int kind;
	const char *due;
	int rc, year, index;
} dues[] = {
	{SCHED_HALF_YEAR, "2024-06-15", 0, 2024, 0},
	{SCHED_HALF_YEAR, "2024-06-10", 0, 2024, 0},
	{SCHED_ANNUAL, "2024-12-20", 0, 2024, 0},
	{SCHED_ANNUAL, "2025-01-10", 0, 2024, 0},
	{SCHED_NINE_MONTH, "2024-09-20", 0, 2024, 0},
	{SCHED_QUARTERLY, "2024-07-10", 0, 2024, 2},
	{SCHED_QUARTERLY, "2024-06-15", 0, 2024, 2},
	{SCHED_QUARTERLY, "2024-01-05", 0, 2023, 4},
	{SCHED_MONTHLY, "2024-03-05", 0, 2024, 2},
	{SCHED_AD_HOC, "2024-03-05", PH_EINVAL, 0, 0},
	{SCHED_ANNUAL, "2024-02-30", PH_EINVAL, 0, 0},
};

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

static void test_periods(void)
{
	char ctx[96];
	for (size_t i = 0; i < sizeof periods / sizeof *periods; i++) {
		struct schedule_period p;
		snprintf(ctx, sizeof ctx, "period %s %d/%d",
		         schedule_kind_name(periods[i].kind) ? schedule_kind_name(periods[i].kind) : "?",
		         periods[i].index, periods[i].year);
		int rc = schedule_period(periods[i].kind, periods[i].year, periods[i].index, &p);
		CHECK_INT(rc, periods[i].start ? 0 : PH_EINVAL, ctx);
		if (rc || !periods[i].start)
			continue;
		CHECK_STR(p.start, periods[i].start, ctx);
		CHECK_STR(p.end, periods[i].end, ctx);
		CHECK_STR(p.cutoff_start, periods[i].cs, ctx);
		CHECK_STR(p.cutoff_end, periods[i].ce, ctx);
	}
	for (size_t i = 0; i < sizeof dues / sizeof *dues; i++) {
		int y = -1, idx = -1;
		snprintf(ctx, sizeof ctx, "due %s %s", schedule_kind_name(dues[i].kind), dues[i].due);
		int rc = schedule_period_for_due(dues[i].kind, dues[i].due, &y, &idx);
		CHECK_INT(rc, dues[i].rc, ctx);
		if (!rc) {
			CHECK_INT(y, dues[i].year, ctx);
			CHECK_INT(idx, dues[i].index, ctx);
		}
	}
	int k = -1;
	CHECK_INT(schedule_kind_parse("6-month", &k), 0, "parse 6-month");
	CHECK_INT(k, SCHED_HALF_YEAR, "6-month kind");
	CHECK_INT(schedule_kind_parse("weekly", &k), PH_EINVAL, "parse weekly");
	CHECK_STR(schedule_kind_label("annual"), "Báo cáo tổng kết năm", "annual label");
	CHECK_STR(schedule_kind_label("ad_hoc"), "Báo cáo đột xuất", "ad hoc label");
	CHECK_STR(schedule_reason_vi("due is required, as YYYY-MM-DD"),
	          "Cần nhập hạn gửi báo cáo (ngày hợp lệ).", "Vietnamese reason");
}

static void test_refusals(struct db *db, long long ubnd, long long yte)
{
	const long long one[] = {yte};
	const long long bad[] = {yte, 99999999};
	const struct user editor = fixture_person(0, "e", ubnd, ROLE_EDITOR);
	long long yenbai = fixture_unit(db, "yenbai.ubnd");
	const struct user far = fixture_person(0, "f", yenbai, ROLE_COORDINATOR);
	const struct {
		const char *name;
		struct schedule_input in;
		const struct user *actor;
		int rc;
	} cases[] = {
		{"unknown kind", {.kind = "weekly", .year = 2024, .due = "2024-07-20",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"no kind", {.year = 2024, .due = "2024-07-20",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"no due", {.kind = "annual", .year = 2024,
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"due not a date", {.kind = "annual", .year = 2024, .due = "2024-02-30",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"due dd/mm/yyyy", {.kind = "annual", .year = 2024, .due = "20/12/2024",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"monthly without month", {.kind = "monthly", .year = 2024, .due = "2024-07-20",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"quarter 5", {.kind = "quarterly", .year = 2024, .period_index = 5, .due = "2024-07-20",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"annual without year", {.kind = "annual", .due = "2024-12-20",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"cut-off reversed", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .cutoff_start = "2024-12-10", .cutoff_end = "2024-12-01",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"cut-off after due", {.kind = "annual", .year = 2024, .due = "2024-12-10",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"cut-off not a date", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .cutoff_start = "hôm qua", .receiving_unit_id = ubnd, .unit_ids = one,
		  .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"ad hoc without cut-off", {.kind = "ad_hoc", .title = "Báo cáo nhanh",
		  .due = "2024-12-20", .receiving_unit_id = ubnd, .unit_ids = one,
		  .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"ad hoc without title", {.kind = "ad_hoc", .due = "2024-12-20",
		  .cutoff_start = "2024-11-01", .cutoff_end = "2024-11-30",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"no receiving unit", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"unknown receiving unit", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .receiving_unit_id = 99999999, .unit_ids = one, .unit_ids_len = 1}, NULL, PH_EINVAL},
		{"half a rule", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .receiving_unit_id = ubnd, .rule_kind = "mass_org"}, NULL, PH_EINVAL},
		{"bad rule kind", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .receiving_unit_id = ubnd, .rule_kind = "club", .rule_parent_id = ubnd}, NULL,
		  PH_EINVAL},
		{"unknown rule parent", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .receiving_unit_id = ubnd, .rule_kind = "mass_org", .rule_parent_id = 99999999},
		  NULL, PH_EINVAL},
		{"unknown submitting unit", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .receiving_unit_id = ubnd, .unit_ids = bad, .unit_ids_len = 2}, NULL, PH_EINVAL},
		{"no submitters", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .receiving_unit_id = ubnd}, NULL, PH_EINVAL},
		{"editor", {.kind = "annual", .year = 2024, .due = "2024-12-20",
		  .receiving_unit_id = ubnd, .unit_ids = one, .unit_ids_len = 1}, &editor,
		  PH_EFORBIDDEN},
		{"coordinator of another province", {.kind = "annual", .year = 2024,
		  .due = "2024-12-20", .receiving_unit_id = ubnd, .unit_ids = one,
		  .unit_ids_len = 1}, &far, PH_EFORBIDDEN},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long long id = -1;
		const char *why = NULL;
		CHECK_INT(schedule_create(db, cases[i].actor, &cases[i].in, &id, &why, NULL), cases[i].rc,
		          cases[i].name);
		CHECK(why != NULL, "%s: no reason given", cases[i].name);
		CHECK_INT(id, 0, cases[i].name);
	}
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedules"), 0, "refusals wrote nothing");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedule_units"), 0, "no units written");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'schedule.create'"), 0,
	          "no audit entry");
}

/* Default titles of the other kinds read as Vietnamese does. Runs last:
 * it adds schedules and audit entries the other tests count. */
static void test_titles(struct db *db, struct arena *a, long long ubnd, long long yte)
{
	const long long ids[] = {yte};
	struct user coord = fixture_person(0, "c", ubnd, ROLE_COORDINATOR);
	static const struct { const char *kind; int index; const char *title; } titles[] = {
		{"annual", 0, "Báo cáo tổng kết năm 2024"},
		{"6-month", 0, "Báo cáo sơ kết 6 tháng năm 2024"},
		{"9-month", 0, "Báo cáo 9 tháng năm 2024"},
		{"monthly", 3, "Báo cáo tháng 3 năm 2024"},
	};
	for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
		struct schedule_input t = {.kind = titles[i].kind, .year = 2024,
		                           .period_index = titles[i].index, .due = "2024-12-20",
		                           .receiving_unit_id = ubnd, .unit_ids = ids,
		                           .unit_ids_len = 1};
		long long tid = 0;
		struct schedule ts;
		struct unit *tu = NULL;
		size_t tn = 0;
		CHECK_INT(schedule_create(db, &coord, &t, &tid, NULL, NULL), 0, titles[i].kind);
		CHECK_INT(schedule_get(db, a, tid, &ts, &tu, &tn), 0, "get it");
		CHECK_STR(ts.title, titles[i].title, titles[i].kind);
	}
}

static void test_create(struct db *db, struct arena *a, long long ubnd, long long yte)
{
	const long long ids[] = {yte, yte};
	struct user coord = fixture_person(0, "c", ubnd, ROLE_COORDINATOR);
	struct schedule_input in = {.kind = "quarterly", .year = 2024, .period_index = 2,
	                            .due = "2024-06-20", .receiving_unit_id = ubnd,
	                            .unit_ids = ids, .unit_ids_len = 2};
	long long id = 0, id2 = 0;
	CHECK_INT(schedule_create(db, &coord, &in, &id, NULL, NULL), 0, "quarterly with defaults");
	struct schedule s;
	struct unit *u = NULL;
	size_t n = 0;
	CHECK_INT(schedule_get(db, a, id, &s, &u, &n), 0, "get it");
	CHECK_STR(s.kind, "quarterly", "kind");
	CHECK_STR(s.title, "Báo cáo quý 2 năm 2024", "default title");
	CHECK_STR(s.period_start, "2024-04-01", "period start");
	CHECK_STR(s.period_end, "2024-06-30", "period end");
	CHECK_STR(s.cutoff_start, "2024-03-15", "default cut-off start");
	CHECK_STR(s.cutoff_end, "2024-06-14", "default cut-off end");
	CHECK_INT(s.period_index, 2, "quarter");
	CHECK_INT(s.unit_ids_len, 1, "duplicate unit once");
	CHECK_INT(n, 1, "one submitter");
	CHECK(n == 1 && u[0].id == yte, "the submitter is the listed unit");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'schedule.create'"
	                    " AND entity = 'schedule'"), 1, "audit entry");

	/* A given value overrides its default only. */
	in = (struct schedule_input){.kind = "6-month", .year = 2024, .title = "  Sơ kết  ",
	                             .cutoff_start = "2024-01-01", .due = "2024-06-20",
	                             .receiving_unit_id = ubnd, .unit_ids = ids, .unit_ids_len = 1};
	CHECK_INT(schedule_create(db, access_system(), &in, &id2, NULL, NULL), 0, "6-month, cut-off start given");
	CHECK_INT(schedule_get(db, a, id2, &s, NULL, NULL), 0, "get the 6-month");
	CHECK_STR(s.title, "Sơ kết", "title trimmed");
	CHECK_STR(s.cutoff_start, "2024-01-01", "given cut-off start");
	CHECK_STR(s.cutoff_end, "2024-06-14", "default cut-off end kept");

	in = (struct schedule_input){.kind = "ad_hoc", .title = "Báo cáo đột xuất về bão số 3",
	                             .cutoff_start = "2024-09-01", .cutoff_end = "2024-09-10",
	                             .due = "2024-09-12", .receiving_unit_id = ubnd,
	                             .unit_ids = ids, .unit_ids_len = 1};
	CHECK_INT(schedule_create(db, access_system(), &in, &id2, NULL, NULL), 0, "ad hoc with its cut-off");
	CHECK_INT(schedule_get(db, a, id2, &s, NULL, NULL), 0, "get the ad hoc");
	CHECK(s.period_start == NULL && s.year == 0, "ad hoc: no period");
	CHECK_STR(s.cutoff_end, "2024-09-10", "ad hoc cut-off");
}

static void test_rule(struct db *db, struct arena *a, long long ubnd, long long yte)
{
	long long p = 0, x = 0, ended = 0, dep = 0, deep = 0, id = 0;
	CHECK_INT(unit_add(db, access_system(), ubnd, "committee", "district", "Huyện Thử Nghiệm", NULL,
	                   NULL, NULL, &p), 0, "parent");
	CHECK_INT(unit_add(db, access_system(), p, "mass_org", "district", "Hội Cựu chiến binh huyện Thử",
	                   NULL, NULL, NULL, &x), 0, "child");
	CHECK_INT(unit_add(db, access_system(), p, "mass_org", "district", "Hội Nông dân huyện Thử", NULL,
	                   NULL, "2024-05-31", &ended), 0, "ended child");
	CHECK_INT(unit_add(db, access_system(), p, "department", "district", "Phòng Nội vụ huyện Thử", NULL,
	                   NULL, NULL, &dep), 0, "other kind");
	CHECK_INT(unit_add(db, access_system(), dep, "mass_org", "commune", "Đoàn Thanh niên xã Thử", NULL,
	                   NULL, NULL, &deep), 0, "grandchild");
	const long long ids[] = {yte};
	struct schedule_input in = {.kind = "6-month", .year = 2024, .due = "2024-06-20",
	                            .receiving_unit_id = ubnd, .rule_kind = "mass_org",
	                            .rule_parent_id = p, .unit_ids = ids, .unit_ids_len = 1};
	CHECK_INT(schedule_create(db, access_system(), &in, &id, NULL, NULL), 0, "rule and list");
	struct schedule s;
	struct unit *u = NULL;
	size_t n = 0;
	CHECK_INT(schedule_get(db, a, id, &s, &u, &n), 0, "get");
	CHECK_INT(n, 3, "rule units valid on the due date, plus the list");
	/* Vietnamese order: Đ after D before H; byte order would put it last. */
	if (n == 3) {
		CHECK_INT(u[0].id, deep, "Đoàn ... (depth 2) first");
		CHECK_INT(u[1].id, x, "Hội Cựu chiến binh second");
		CHECK_INT(u[2].id, yte, "Sở Y tế last");
	}
	for (size_t i = 0; i < n; i++)
		CHECK(u[i].id != ended && u[i].id != dep && u[i].id != p,
		      "unit %lld must not submit", u[i].id);
	CHECK_STR(s.rule_kind, "mass_org", "rule kind");
	CHECK_INT(s.submitters, 3, "count");

	/* The same rule on a due date the ended unit still covers. */
	in.due = "2024-05-31";
	in.kind = "monthly";
	in.period_index = 5;
	in.cutoff_end = "2024-05-14";
	in.unit_ids_len = 0;
	CHECK_INT(schedule_create(db, access_system(), &in, &id, NULL, NULL), 0, "rule only");
	CHECK_INT(schedule_get(db, a, id, &s, &u, &n), 0, "get rule only");
	CHECK_INT(n, 3, "ended unit valid on its last day");

	struct schedule *all = NULL;
	size_t nall = 0;
	CHECK_INT(schedule_list(db, a, &all, &nall), 0, "list");
	int found = 0;
	for (size_t i = 0; i < nall; i++) {
		if (i)
			CHECK(strcmp(all[i - 1].due, all[i].due) <= 0, "list by due date");
		if (all[i].id == id) {
			found = 1;
			CHECK_INT(all[i].submitters, 3, "list count");
		}
	}
	CHECK(found, "list holds the schedule");
}

static void test_from_plan(struct db *db, struct arena *a, long long ubnd)
{
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long ldtbxh = fixture_unit(db, "laocai.so-ldtbxh");
	long long noivu = fixture_unit(db, "laocai.so-noivu");
	struct user coord = fixture_person(0, "c", ubnd, ROLE_COORDINATOR);
	struct user editor = fixture_person(0, "e", ubnd, ROLE_EDITOR);
	long long plan = fixture_plan(db, "hash-schedules-1");
	fixture_task(db, plan, 1, "Việc một", hlhpn, "Hội LHPN", "2024-05-01", NULL);
	fixture_task(db, plan, 2, "Việc hai", ldtbxh, "Sở LĐTBXH", "2024-06-01", NULL);
	fixture_task(db, plan, 3, "Việc ba", hlhpn, "Hội LHPN", NULL, NULL);
	fixture_task(db, plan, 4, "Việc bốn", 0, "các xã", NULL, NULL);
	CHECK_INT(store_deadline_insert(db, plan, 1, "tổng kết trước ngày 20/12", "annual",
	                                "2024-12-20", "Sở Nội vụ", noivu, 10), 0, "deadline 1");
	CHECK_INT(store_deadline_insert(db, plan, 2, "sơ kết 06 tháng trước ngày 15/6", "6-month",
	                                "2024-06-15", "Sở Nội vụ", 0, 11), 0, "deadline 2");
	CHECK_INT(store_deadline_insert(db, plan, 3, "báo cáo quý trước ngày 10/6", "quarterly",
	                                "2024-06-10", NULL, 0, 12), 0, "deadline 3");
	CHECK_INT(store_deadline_insert(db, plan, 4, "báo cáo khi kết thúc", "other",
	                                "2024-03-01", NULL, 0, 13), 0, "deadline 4");
	CHECK_INT(store_deadline_insert(db, plan, 5, "báo cáo định kỳ", "annual", NULL, NULL, 0,
	                                14), 0, "deadline without date");
	long long before = count(db, "SELECT COUNT(*) FROM report_schedules");
	int made = -1, skipped = -1;
	const char *why = NULL;
	CHECK_INT(schedule_from_plan(db, &editor, plan, ubnd, &made, &skipped, &why, NULL),
	          PH_EFORBIDDEN, "editor refused");
	CHECK_INT(schedule_from_plan(db, &coord, 99999999, ubnd, &made, &skipped, &why, NULL),
	          PH_ENOTFOUND, "no such plan");
	CHECK_INT(schedule_from_plan(db, &coord, plan, 0, &made, &skipped, &why, NULL), PH_EINVAL,
	          "no receiving unit for an unresolved deadline");
	CHECK(why && strstr(why, "receiving"), "why names the receiving unit: %s", why ? why : "");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedules"), before,
	          "a failed run wrote nothing (the annual deadline came before)");

	struct schedule_outside out = {.a = a};
	CHECK_INT(schedule_from_plan(db, &coord, plan, ubnd, &made, &skipped, NULL, &out), 0,
	          "from plan");
	CHECK_INT(out.n, 1, "one lead unit left out, and said so");
	CHECK(out.n == 1 && out.units[0].id == hlhpn, "the one outside the reach");
	CHECK_INT(made, 4, "four made");
	CHECK_INT(skipped, 1, "the one without a date skipped");
	char sql[256];
	struct schedule s;
	struct unit *u = NULL;
	size_t n = 0;
	static const struct {
		int pos;
		const char *kind, *ps, *cs, *ce, *due;
		int year, index;
		int to_noivu;
		const char *title;  /* the deadline's words, first letter capital */
	} want[] = {
		{2, "6-month", "2024-01-01", "2023-12-15", "2024-06-14", "2024-06-15", 2024, 0, 0,
		 "Sơ kết 06 tháng trước ngày 15/6"},
		{1, "annual", "2024-01-01", "2023-12-15", "2024-12-14", "2024-12-20", 2024, 0, 1,
		 "Tổng kết trước ngày 20/12"},
		{3, "quarterly", "2024-04-01", "2024-03-15", "2024-06-10", "2024-06-10", 2024, 2, 0,
		 "Báo cáo quý trước ngày 10/6"},
		{4, "ad_hoc", NULL, NULL, NULL, "2024-03-01", 0, 0, 0, "Báo cáo khi kết thúc"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		snprintf(sql, sizeof sql, "SELECT s.id FROM report_schedules s JOIN report_deadlines d"
		         " ON d.id = s.deadline_id WHERE d.plan_id = %lld AND d.position = %d",
		         plan, want[i].pos);
		long long id = count(db, sql);
		CHECK(id > 0, "deadline %d made a schedule", want[i].pos);
		if (id <= 0 || schedule_get(db, a, id, &s, &u, &n))
			continue;
		CHECK_STR(s.kind, want[i].kind, "kind");
		CHECK_STR(s.title, want[i].title, "title from the deadline");
		CHECK_STR(s.period_start, want[i].ps, want[i].kind);
		CHECK_STR(s.cutoff_start, want[i].cs, want[i].kind);
		CHECK_STR(s.cutoff_end, want[i].ce, want[i].kind);
		CHECK_STR(s.due, want[i].due, want[i].kind);
		CHECK_INT(s.year, want[i].year, want[i].kind);
		CHECK_INT(s.period_index, want[i].index, want[i].kind);
		CHECK_INT(s.plan_id, plan, "plan id");
		CHECK_INT(s.receiving_unit_id, want[i].to_noivu ? noivu : ubnd, "receiving unit");
		/* Hội LHPN tỉnh is not below UBND tỉnh: left out. */
		CHECK_INT(n, 1, "only the lead unit in reach submits");
		CHECK(n == 1 && u[0].id == ldtbxh, "lead unit in reach");
	}
	long long after = count(db, "SELECT COUNT(*) FROM report_schedules");
	CHECK_INT(after, before + 4, "four rows");
	out = (struct schedule_outside){.a = a};
	CHECK_INT(schedule_from_plan(db, &coord, plan, ubnd, &made, &skipped, NULL, &out), 0,
	          "again");
	CHECK_INT(out.n, 0, "nothing made: nobody left out");
	CHECK_INT(made, 0, "nothing made twice");
	CHECK_INT(skipped, 5, "all skipped");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedules"), after, "idempotent");

	/* A plan whose tasks name no lead unit. */
	long long empty = fixture_plan(db, "hash-schedules-2");
	fixture_task(db, empty, 1, "Việc", 0, "các xã", NULL, NULL);
	store_deadline_insert(db, empty, 1, "tổng kết", "annual", "2024-12-20", NULL, 0, 1);
	CHECK_INT(schedule_from_plan(db, &coord, empty, ubnd, &made, &skipped, &why, NULL), PH_EINVAL,
	          "no lead units");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedules"), after, "nothing written");

	/* A plan whose only lead is outside the reach: refused, named. */
	long long far = fixture_plan(db, "hash-schedules-3");
	fixture_task(db, far, 1, "Việc", hlhpn, "Hội LHPN", NULL, NULL);
	store_deadline_insert(db, far, 1, "tổng kết", "annual", "2024-12-20", NULL, 0, 1);
	out = (struct schedule_outside){.a = a};
	CHECK_INT(schedule_from_plan(db, &coord, far, ubnd, &made, &skipped, &why, &out),
	          PH_EFORBIDDEN, "every lead out of reach");
	CHECK(why && strstr(why, "no lead unit"), "why says so: %s", why ? why : "");
	CHECK(out.n == 1 && out.units[0].id == hlhpn, "and names it");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedules"), after, "still nothing written");
	/* An administrator obliges every lead. */
	struct user admin = fixture_person(0, "a", hlhpn, ROLE_ADMIN);
	out = (struct schedule_outside){.a = a};
	CHECK_INT(schedule_from_plan(db, &admin, far, ubnd, &made, &skipped, &why, &out), 0,
	          "administrator");
	CHECK_INT(made, 1, "one made by the administrator");
	CHECK_INT(out.n, 0, "nobody left out for an administrator");
}

/* Submitters must be in the actor's reach (finding 6): a coordinator of
 * the Women's Union of the province, below the top of the tree, may not
 * oblige UBND tỉnh, Tỉnh đoàn or Công an tỉnh, nor every committee of the
 * province by a rule; its own district unions it may. */
static void test_reach(struct db *db, struct arena *a)
{
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long bacha = fixture_unit(db, "laocai.bacha.hlhpn");
	long long sapa = fixture_unit(db, "laocai.sapa.hlhpn");
	long long tinhdoan = fixture_unit(db, "laocai.tinhdoan");
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	long long congan = fixture_unit(db, "laocai.congan");
	long long province = fixture_unit(db, "laocai");
	struct user dp = fixture_person(0, "laocai.hlhpn-dp", hlhpn, ROLE_COORDINATOR);
	const long long others[] = {tinhdoan, ubnd, congan};
	const long long mixed[] = {bacha, tinhdoan};
	const long long own[] = {bacha, sapa};
	long long before = count(db, "SELECT COUNT(*) FROM report_schedules");
	long long audit = count(db, "SELECT COUNT(*) FROM audit_log");
	const struct {
		const char *name;
		struct schedule_input in;
		size_t outside;
	} refused[] = {
		{"other provincial bodies", {.kind = "annual", .year = 2027, .due = "2027-12-20",
		  .receiving_unit_id = hlhpn, .unit_ids = others, .unit_ids_len = 3}, 3},
		{"every committee of the province", {.kind = "annual", .year = 2028,
		  .due = "2028-12-20", .receiving_unit_id = hlhpn, .rule_kind = "committee",
		  .rule_parent_id = province}, 1},
		{"one own, one outside", {.kind = "annual", .year = 2027, .due = "2027-12-20",
		  .receiving_unit_id = hlhpn, .unit_ids = mixed, .unit_ids_len = 2}, 1},
		{"own list, rule over the province", {.kind = "annual", .year = 2027,
		  .due = "2027-12-20", .receiving_unit_id = hlhpn, .unit_ids = own,
		  .unit_ids_len = 2, .rule_kind = "mass_org", .rule_parent_id = province}, 1},
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		long long id = -1;
		const char *why = NULL;
		struct schedule_outside out = {.a = a};
		CHECK_INT(schedule_create(db, &dp, &refused[i].in, &id, &why, &out), PH_EFORBIDDEN,
		          refused[i].name);
		CHECK(why && strstr(why, "outside your reach"), "%s: why %s", refused[i].name,
		      why ? why : "(none)");
		CHECK_INT(out.n, refused[i].outside, refused[i].name);
		CHECK_INT(id, 0, refused[i].name);
	}
	struct schedule_outside out = {.a = a};
	const char *why = NULL;
	long long id = 0;
	CHECK_INT(schedule_create(db, &dp, &refused[0].in, &id, &why, &out), PH_EFORBIDDEN,
	          "named");
	CHECK(out.n == 3 && out.units[0].id == tinhdoan && out.units[1].id == ubnd &&
	      out.units[2].id == congan, "the refused units, in the order given");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedules"), before, "nothing written");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log"), audit, "no audit entry");

	/* Allowed: its own district unions, by list and by a rule under its
	 * own unit. */
	struct schedule_input ok = {.kind = "annual", .year = 2027, .due = "2027-12-20",
	                            .receiving_unit_id = hlhpn, .unit_ids = own, .unit_ids_len = 2};
	CHECK_INT(schedule_create(db, &dp, &ok, &id, &why, NULL), 0, "own district unions");
	struct schedule_input rule = {.kind = "annual", .year = 2024, .due = "2024-12-20",
	                              .receiving_unit_id = hlhpn, .rule_kind = "mass_org",
	                              .rule_parent_id = hlhpn};
	CHECK_INT(schedule_create(db, &dp, &rule, &id, &why, NULL), 0, "rule under its own unit");
	struct schedule s;
	struct unit *u = NULL;
	size_t n = 0;
	CHECK_INT(schedule_get(db, a, id, &s, &u, &n), 0, "read the rule's schedule");
	CHECK(n >= 9, "the district unions below it submit: %zu", n);
	/* An administrator obliges anyone. */
	struct user admin = fixture_person(0, "a", hlhpn, ROLE_ADMIN);
	CHECK_INT(schedule_create(db, &admin, &refused[0].in, &id, &why, NULL), 0, "administrator");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_schedules"), before + 3, "three written");
}

int main(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	long long yte = fixture_unit(db, "laocai.so-yte");
	test_periods();
	test_refusals(db, ubnd, yte);
	test_create(db, &a, ubnd, yte);
	test_rule(db, &a, ubnd, yte);
	test_from_plan(db, &a, ubnd);
	test_reach(db, &a);
	test_titles(db, &a, ubnd, yte);
	arena_cleanup(&a);
	fixture_close(db);
	text_cleanup();
	TEST_END("test_schedule");
}
