/* dashboard.h: the dashboard use case: what one unit's start page shows,
 * read once from the model so that the web page ("/") and the API
 * (GET /api/v1/dashboard) render the same data: the unit's task counts
 * by status, its tasks of the current quarter, its overdue tasks, and
 * the report deadlines of all plans in the coming days. */
#ifndef PH_DASHBOARD_H
#define PH_DASHBOARD_H
#include <stddef.h>
#include "model/model.h"

struct db;
struct plan_deadline;

/* Report deadlines are shown from today to today + this many days,
 * both ends included. */
#define DASHBOARD_DEADLINE_DAYS 90
/* At most this many report deadlines. */
#define DASHBOARD_DEADLINE_MAX 20
/* Tasks per list on the web page and in the API; the totals say how
 * many there are in all. */
#define DASHBOARD_LIST_PAGE 20
#define DASHBOARD_LIST_API 50

/* The status order of counts[]. */
#define DASHBOARD_STATUSES 4
extern const char *const dashboard_statuses[DASHBOARD_STATUSES];

struct dashboard {
	struct unit unit;
	struct ph_date today;
	char today_iso[11];
	int quarter;                 /* 1..4, the quarter of today */
	char quarter_name[16];       /* "2024-Q3" */
	struct ph_date from, to;     /* the quarter's first and last day */
	char from_iso[11], to_iso[11];
	/* The unit's tasks (as lead or coordinator) by status, in the order
	 * of dashboard_statuses, and their sum. */
	long long counts[DASHBOARD_STATUSES], total;
	/* Tasks overlapping the quarter, soonest end first, at most limit;
	 * quarter_total counts all of them. */
	struct task *quarter_tasks;
	size_t quarter_len;
	long long quarter_total;
	/* Overdue tasks (end before today, not done or cancelled), the same. */
	struct task *overdue;
	size_t overdue_len;
	long long overdue_total;
	/* Report deadlines of all plans due in [deadline_from, deadline_to]
	 * (today .. today + DASHBOARD_DEADLINE_DAYS), soonest first. */
	char deadline_from[11], deadline_to[11];
	struct plan_deadline *deadlines;
	size_t deadlines_len;
};

/* Fill *out with unit_id's dashboard as of today (a full date), with at
 * most limit tasks per list (0: the task search's default). Everything
 * lives in a (the caller frees it with the arena). Returns 0,
 * PH_ENOTFOUND (no such unit), PH_EINVAL (today not a full date) or
 * PH_EDB. Reads only. */
int dashboard_load(struct db *db, struct arena *a, long long unit_id, struct ph_date today,
                   int limit, struct dashboard *out);

#endif
