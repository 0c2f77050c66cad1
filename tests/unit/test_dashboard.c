/* test_dashboard.c: the dashboard use case (model/dashboard.c) on a real
 * database, with explicit dates (PHOIHOP_TODAY is set far away so that a
 * use of the clock shows): the quarter of a day and its bounds, the
 * counts by status of a unit's tasks as lead or coordinator, the quarter
 * and overdue lists with their totals and limit, the report deadline
 * window (day 90 in, day 91 out, across months, years and 29 February),
 * its cap, a unit without tasks, and the errors. */
#include "test.h"
#include "fixture.h"
#include "model/dashboard.h"
#include "model/plan.h"
#include "base/err.h"

/* Ids of a task list, as "3,5". */
static const char *ids(struct arena *a, const struct task *t, size_t n)
{
	char *s = arena_strdup(a, "");
	for (size_t i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%lld", s, i ? "," : "", t[i].id);
	return s;
}

/* Due dates of the deadlines, as "2024-08-20,2024-11-18". */
static const char *dues(struct arena *a, const struct dashboard *d)
{
	char *s = arena_strdup(a, "");
	for (size_t i = 0; i < d->deadlines_len; i++)
		s = arena_printf(a, "%s%s%s", s, i ? "," : "", d->deadlines[i].due);
	return s;
}

static struct ph_date day(const char *iso)
{
	struct ph_date d = {0, 0, 0};
	if (date_parse_iso(iso, &d)) {
		fprintf(stderr, "bad test date %s\n", iso);
		exit(2);
	}
	return d;
}

int main(void)
{
	/* Every date below is passed explicitly; the clock must not matter. */
	setenv("PHOIHOP_TODAY", "2030-01-01", 1);
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	struct dashboard d;
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long ldtbxh = fixture_unit(db, "laocai.so-ldtbxh");
	long long noivu = fixture_unit(db, "laocai.so-noivu");

	/* Tasks of Hội LHPN (as lead, and once as coordinator), seen on
	 * 2024-08-20, in the third quarter [2024-07-01, 2024-09-30]. */
	long long plan = fixture_plan(db, "hash-dashboard");
	long long t_march = fixture_task(db, plan, 1, "Hết hạn quý I", hlhpn, NULL, "2024-03-31", NULL);
	long long t_q3first = fixture_task(db, plan, 2, "Hạn ngày đầu quý III", hlhpn, NULL,
	                                   "2024-07-01", "in_progress");
	long long t_q3last = fixture_task(db, plan, 3, "Hạn ngày cuối quý III", hlhpn, NULL,
	                                  "2024-09-30", NULL);
	long long t_q4 = fixture_task(db, plan, 4, "Hạn ngày đầu quý IV", hlhpn, NULL, "2024-10-01",
	                              NULL);
	fixture_task(db, plan, 5, "Đã xong, hạn quý II", hlhpn, NULL, "2024-06-30", "done");
	long long t_cancel = fixture_task(db, plan, 6, "Đã hủy trong quý", hlhpn, NULL, "2024-08-01",
	                                  "cancelled");
	fixture_task(db, plan, 7, "Không có hạn", hlhpn, NULL, NULL, NULL);
	long long t_coord = fixture_task(db, plan, 8, "Sở chủ trì, Hội phối hợp", ldtbxh, NULL,
	                                 "2024-08-31", NULL);
	fixture_task(db, plan, 9, "Chỉ của Sở", ldtbxh, NULL, "2024-08-10", NULL);
	long long t_today = fixture_task(db, plan, 10, "Hạn đúng hôm nay", hlhpn, NULL, "2024-08-20",
	                                 NULL);
	if (store_coordinator_insert(db, t_coord, 1, hlhpn, "Hội LHPN tỉnh", 0))
		return 2;

	CHECK_INT(dashboard_load(db, &a, hlhpn, day("2024-08-20"), 0, &d), 0, "load 2024-08-20");
	CHECK_INT(d.unit.id, hlhpn, "the unit itself");
	CHECK_STR(d.unit.key, "laocai.hlhpn", "the unit's key");
	CHECK_STR(d.today_iso, "2024-08-20", "today as given, not PHOIHOP_TODAY");
	/* Counts: as lead (1-7, 10) and as coordinator (8), not task 9. */
	CHECK_INT(d.counts[0], 6, "not started: 1, 3, 4, 7, 8, 10");
	CHECK_INT(d.counts[1], 1, "in progress: 2");
	CHECK_INT(d.counts[2], 1, "done: 5");
	CHECK_INT(d.counts[3], 1, "cancelled: 6");
	CHECK_INT(d.total, 9, "total of the four");
	CHECK_STR(dashboard_statuses[0], "not_started", "status order 0");
	CHECK_STR(dashboard_statuses[3], "cancelled", "status order 3");
	/* The quarter: both end days in, a day either side out, soonest first. */
	CHECK_STR(ids(&a, d.quarter_tasks, d.quarter_len),
	          arena_printf(&a, "%lld,%lld,%lld,%lld,%lld", t_q3first, t_cancel, t_today, t_coord,
	                       t_q3last),
	          "tasks of Q3 by end date (not 30/6, not 1/10, not undated, not another unit's)");
	CHECK_INT(d.quarter_total, 5, "quarter total");
	/* Overdue: ended before today and still open; not the one due today,
	 * not done or cancelled ones. */
	CHECK_STR(ids(&a, d.overdue, d.overdue_len), arena_printf(&a, "%lld,%lld", t_march, t_q3first),
	          "overdue tasks");
	CHECK_INT(d.overdue_total, 2, "overdue total");
	CHECK(d.overdue_len == 2 && d.overdue[0].overdue && d.overdue[1].overdue,
	      "overdue tasks are marked overdue");
	CHECK(d.quarter_len == 5 && !d.quarter_tasks[2].overdue && !d.quarter_tasks[4].overdue,
	      "the task due today and a later one are not marked overdue");

	/* A limit shortens the lists, not the totals. */
	CHECK_INT(dashboard_load(db, &a, hlhpn, day("2024-08-20"), 2, &d), 0, "load with limit 2");
	CHECK_STR(ids(&a, d.quarter_tasks, d.quarter_len),
	          arena_printf(&a, "%lld,%lld", t_q3first, t_cancel), "first two of the quarter");
	CHECK_INT(d.quarter_total, 5, "quarter total with a limit");
	CHECK_INT(d.total, 9, "counts ignore the limit");

	/* Another day: on 2024-12-31 (Q4) everything dated before is overdue
	 * but the done and cancelled ones; the quarter holds task 4 only. */
	CHECK_INT(dashboard_load(db, &a, hlhpn, day("2024-12-31"), 0, &d), 0, "load 2024-12-31");
	CHECK_STR(ids(&a, d.quarter_tasks, d.quarter_len), arena_printf(&a, "%lld", t_q4),
	          "Q4 holds task 4");
	CHECK_INT(d.overdue_total, 6, "six overdue at the year's end");
	CHECK_INT(d.total, 9, "counts do not depend on the day");

	/* Report deadlines (of all plans) around the window of 2024-08-20:
	 * yesterday out, today in, day 90 (2024-11-18) in, day 91 out. */
	const char *due[] = {"2024-11-19", "2024-08-19", "2024-11-18", "2024-08-20", "2024-09-15"};
	for (int i = 0; i < 5; i++)
		if (store_deadline_insert(db, plan, i + 1, "Báo cáo kết quả", "quarterly", due[i],
		                          "UBND tỉnh", 0, 0))
			return 2;
	CHECK_INT(dashboard_load(db, &a, hlhpn, day("2024-08-20"), 0, &d), 0, "load with deadlines");
	CHECK_STR(d.deadline_from, "2024-08-20", "window starts today");
	CHECK_STR(d.deadline_to, "2024-11-18", "window ends on day 90");
	CHECK_STR(dues(&a, &d), "2024-08-20,2024-09-15,2024-11-18",
	          "today and day 90 in, yesterday and day 91 out, soonest first");
	CHECK(d.deadlines_len && d.deadlines[0].plan_id == plan, "deadline names its plan");
	CHECK_INT(dashboard_load(db, &a, hlhpn, day("2024-08-21"), 0, &d), 0, "load a day later");
	CHECK_STR(dues(&a, &d), "2024-09-15,2024-11-18,2024-11-19", "the window moves with today");

	/* A unit with no tasks: zero counts, empty lists; the deadlines are
	 * every plan's, so they are still there. */
	CHECK_INT(dashboard_load(db, &a, noivu, day("2024-08-20"), 0, &d), 0, "load a unit without tasks");
	CHECK_STR(d.unit.key, "laocai.so-noivu", "that unit");
	CHECK(d.counts[0] == 0 && d.counts[1] == 0 && d.counts[2] == 0 && d.counts[3] == 0,
	      "no counts");
	CHECK_INT(d.total, 0, "total 0");
	CHECK(d.quarter_len == 0 && d.quarter_total == 0, "no quarter tasks");
	CHECK(d.overdue_len == 0 && d.overdue_total == 0, "no overdue tasks");
	CHECK_INT(d.deadlines_len, 3, "deadlines of all plans");

	/* Quarters and windows for days at the edges. */
	static const struct {
		const char *today, *name, *from, *to, *dl_to;
		int q;
	} days[] = {
		{"2024-01-01", "2024-Q1", "2024-01-01", "2024-03-31", "2024-03-31", 1},
		{"2024-01-15", "2024-Q1", "2024-01-01", "2024-03-31", "2024-04-14", 1}, /* 29/2 */
		{"2023-01-15", "2023-Q1", "2023-01-01", "2023-03-31", "2023-04-15", 1}, /* no 29/2 */
		{"2024-03-31", "2024-Q1", "2024-01-01", "2024-03-31", "2024-06-29", 1},
		{"2024-04-01", "2024-Q2", "2024-04-01", "2024-06-30", "2024-06-30", 2},
		{"2024-06-30", "2024-Q2", "2024-04-01", "2024-06-30", "2024-09-28", 2},
		{"2024-07-01", "2024-Q3", "2024-07-01", "2024-09-30", "2024-09-29", 3},
		{"2024-09-30", "2024-Q3", "2024-07-01", "2024-09-30", "2024-12-29", 3},
		{"2024-10-01", "2024-Q4", "2024-10-01", "2024-12-31", "2024-12-30", 4},
		{"2024-12-15", "2024-Q4", "2024-10-01", "2024-12-31", "2025-03-15", 4}, /* new year */
		{"2024-12-31", "2024-Q4", "2024-10-01", "2024-12-31", "2025-03-31", 4},
	};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		const char *ctx = days[i].today;
		CHECK_INT(dashboard_load(db, &a, noivu, day(days[i].today), 0, &d), 0, ctx);
		CHECK_INT(d.quarter, days[i].q, ctx);
		CHECK_STR(d.quarter_name, days[i].name, ctx);
		CHECK_STR(d.from_iso, days[i].from, ctx);
		CHECK_STR(d.to_iso, days[i].to, ctx);
		CHECK(date_cmp(d.from, day(days[i].from)) == 0 && date_cmp(d.to, day(days[i].to)) == 0,
		      "%s: quarter dates match their ISO forms", ctx);
		CHECK_STR(d.deadline_from, days[i].today, ctx);
		CHECK_STR(d.deadline_to, days[i].dl_to, ctx);
	}

	/* At most DASHBOARD_DEADLINE_MAX deadlines, the soonest. */
	for (int i = 0; i < DASHBOARD_DEADLINE_MAX + 3; i++)
		if (store_deadline_insert(db, plan, 100 + i, "Báo cáo tháng", "monthly",
		                          arena_printf(&a, "2026-06-%02d", i + 1), NULL, 0, 0))
			return 2;
	CHECK_INT(dashboard_load(db, &a, noivu, day("2026-06-01"), 0, &d), 0, "load June 2026");
	CHECK_INT(d.deadlines_len, DASHBOARD_DEADLINE_MAX, "deadlines capped");
	CHECK(d.deadlines_len && strcmp(d.deadlines[0].due, "2026-06-01") == 0 &&
	      strcmp(d.deadlines[d.deadlines_len - 1].due,
	             arena_printf(&a, "2026-06-%02d", DASHBOARD_DEADLINE_MAX)) == 0,
	      "the soonest ones");

	/* Errors. */
	CHECK_INT(dashboard_load(db, &a, 999999, day("2024-08-20"), 0, &d), PH_ENOTFOUND, "no such unit");
	CHECK_INT(dashboard_load(db, &a, hlhpn, (struct ph_date){2024, 2, 30}, 0, &d), PH_EINVAL,
	          "30 February");
	CHECK_INT(dashboard_load(db, &a, hlhpn, (struct ph_date){2024, 0, 0}, 0, &d), PH_EINVAL,
	          "a year alone");

	arena_cleanup(&a);
	fixture_close(db);
	TEST_END("test_dashboard");
}
