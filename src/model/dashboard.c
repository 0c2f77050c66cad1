/* dashboard.c: the dashboard use case: one unit's counts by status, its
 * tasks of the current quarter, its overdue tasks and the coming report
 * deadlines, read for the web page and the API alike (they only render
 * what dashboard_load() returns). */
#include "model/dashboard.h"
#include "model/plan.h"
#include "model/task.h"
#include "model/unit.h"
#include "base/date.h"
#include "base/err.h"
#include <stdio.h>
#include <string.h>

const char *const dashboard_statuses[DASHBOARD_STATUSES] = {
	"not_started", "in_progress", "done", "cancelled",
};

/* d moved days forward (days >= 0). */
static struct ph_date days_after(struct ph_date d, int days)
{
	while (days-- > 0) {
		if (++d.d <= date_days_in_month(d.y, d.m))
			continue;
		d.d = 1;
		if (++d.m > 12) {
			d.m = 1;
			d.y++;
		}
	}
	return d;
}

/* One list of tasks matching f, soonest end first. */
static int task_list(struct db *db, struct arena *a, const struct task_filter *f, int limit,
                     struct task **t, size_t *n, long long *total)
{
	struct task_query q = {.f = *f, .sort = "end", .limit = limit};
	return task_search(db, a, &q, t, n, total);
}

int dashboard_load(struct db *db, struct arena *a, long long unit_id, struct ph_date today,
                   int limit, struct dashboard *out)
{
	memset(out, 0, sizeof *out);
	if (!date_is_full(today))
		return PH_EINVAL;
	int rc = unit_get(db, a, unit_id, &out->unit);
	if (rc)
		return rc;
	int q = (today.m - 1) / 3 + 1;
	out->today = today;
	out->quarter = q;
	out->from = (struct ph_date){today.y, 3 * q - 2, 1};
	out->to = (struct ph_date){today.y, 3 * q, date_days_in_month(today.y, 3 * q)};
	date_iso(today, out->today_iso);
	date_iso(out->from, out->from_iso);
	date_iso(out->to, out->to_iso);
	snprintf(out->quarter_name, sizeof out->quarter_name, "%d-Q%d", today.y, q);

	struct task_filter all = {.unit_id = unit_id, .today = today};
	if ((rc = task_count_by_status(db, &all, out->counts)))
		return rc;
	for (int i = 0; i < DASHBOARD_STATUSES; i++)
		out->total += out->counts[i];

	struct task_filter fq = all;
	fq.from = out->from;
	fq.to = out->to;
	struct task_filter fo = all;
	fo.overdue = 1;
	if ((rc = task_list(db, a, &fq, limit, &out->quarter_tasks, &out->quarter_len,
	                    &out->quarter_total)) ||
	    (rc = task_list(db, a, &fo, limit, &out->overdue, &out->overdue_len,
	                    &out->overdue_total)))
		return rc;

	memcpy(out->deadline_from, out->today_iso, sizeof out->deadline_from);
	date_iso(days_after(today, DASHBOARD_DEADLINE_DAYS), out->deadline_to);
	return plan_deadlines_between(db, a, out->deadline_from, out->deadline_to,
	                              DASHBOARD_DEADLINE_MAX, &out->deadlines,
	                              &out->deadlines_len);
}
