/* dashboard.c: GET /api/v1/dashboard: the dashboard page's data for one
 * unit (the signed-in user's unless ?unit= names another): task counts
 * by status, tasks of the current quarter, overdue tasks, and the report
 * deadlines of the next 90 days. */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "model/plan.h"
#include "model/task.h"
#include "model/unit.h"
#include "model/user.h"
#include "web/reply.h"

/* Tasks shown per list; the totals say how many there are in all. */
#define LIST_MAX 50
#define DEADLINE_DAYS 90
#define DEADLINE_MAX 20

static struct ph_date add_days(struct ph_date d, int days)
{
	while (days-- > 0) {
		if (++d.d > date_days_in_month(d.y, d.m)) {
			d.d = 1;
			if (++d.m > 12) {
				d.m = 1;
				d.y++;
			}
		}
	}
	return d;
}

/* One page of tasks matching f, as {"items","total"}. */
static int task_block(struct req *r, const struct task_filter *f, json_t **out)
{
	struct task_query q = {.f = *f, .sort = "end", .limit = LIST_MAX};
	struct task *t = NULL;
	size_t n = 0;
	long long total = 0;
	int rc = task_search(r->db, r->a, &q, &t, &n, &total);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_task(&t[i]));
	*out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
	return 0;
}

int api_dashboard(struct req *r)
{
	long long unit = 0;
	int rc = apiutil_query_id(r, "unit", &unit);
	if (rc)
		return rc;
	if (!unit)
		unit = r->user->unit_id;
	struct unit u;
	rc = unit_get(r->db, r->a, unit, &u);
	if (rc)
		return rc;
	struct ph_date today = date_today();
	int q = (today.m - 1) / 3 + 1;
	struct ph_date qfrom = {today.y, 3 * q - 2, 1};
	struct ph_date qto = {today.y, 3 * q, date_days_in_month(today.y, 3 * q)};
	struct task_filter all = {.unit_id = unit, .today = today};
	long long counts[4] = {0};
	rc = task_count_by_status(r->db, &all, counts);
	json_t *quarter = NULL, *overdue = NULL;
	struct task_filter fq = all;
	fq.from = qfrom;
	fq.to = qto;
	if (!rc)
		rc = task_block(r, &fq, &quarter);
	struct task_filter fo = all;
	fo.overdue = 1;
	if (!rc)
		rc = task_block(r, &fo, &overdue);
	char t_iso[11], dl_iso[11], qf_iso[11], qt_iso[11];
	date_iso(today, t_iso);
	date_iso(add_days(today, DEADLINE_DAYS), dl_iso);
	date_iso(qfrom, qf_iso);
	date_iso(qto, qt_iso);
	struct plan_deadline *d = NULL;
	size_t nd = 0;
	if (!rc)
		rc = plan_deadlines_between(r->db, r->a, t_iso, dl_iso, DEADLINE_MAX, &d, &nd);
	if (rc) {
		json_decref(quarter);
		json_decref(overdue);
		return rc;
	}
	json_t *dl = json_array();
	for (size_t i = 0; i < nd; i++)
		json_array_append_new(dl, json_deadline(&d[i]));
	json_t *c = json_pack("{s:I, s:I, s:I, s:I, s:I}",
	                      "not_started", (json_int_t)counts[0],
	                      "in_progress", (json_int_t)counts[1],
	                      "done", (json_int_t)counts[2], "cancelled", (json_int_t)counts[3],
	                      "total", (json_int_t)(counts[0] + counts[1] + counts[2] + counts[3]));
	return reply_json(r, 200, json_pack(
		"{s:s, s:o, s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:{s:s, s:s, s:o}}",
		"today", t_iso, "unit", json_unit(&u),
		"quarter", "name", arena_printf(r->a, "%d-Q%d", today.y, q), "start", qf_iso,
		"end", qt_iso, "counts", c, "this_quarter", quarter, "overdue", overdue,
		"deadlines", "from", t_iso, "to", dl_iso, "items", dl));
}
