/* dashboard.c: GET /api/v1/dashboard: the dashboard page's data for one
 * unit (the signed-in user's unless ?unit= names another): task counts
 * by status, tasks of the current quarter, overdue tasks, and the report
 * deadlines of the next 90 days, as model/dashboard.c reads them. */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "model/dashboard.h"
#include "model/plan.h"
#include "model/user.h"
#include "web/reply.h"

/* A list of tasks as {"items","total"}. */
static json_t *tasks_json(const struct task *t, size_t n, long long total)
{
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_task(&t[i]));
	return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
}

int api_dashboard(struct req *r)
{
	long long unit = 0;
	int rc = apiutil_query_id(r, "unit", &unit);
	if (rc)
		return rc;
	if (!unit)
		unit = r->user->unit_id;
	struct dashboard d;
	rc = dashboard_load(r->db, r->a, unit, date_today(), DASHBOARD_LIST_API, &d);
	if (rc)
		return rc;
	json_t *c = json_object();
	for (int i = 0; i < DASHBOARD_STATUSES; i++)
		json_object_set_new(c, dashboard_statuses[i], json_integer(d.counts[i]));
	json_object_set_new(c, "total", json_integer(d.total));
	json_t *dl = json_array();
	for (size_t i = 0; i < d.deadlines_len; i++)
		json_array_append_new(dl, json_deadline(&d.deadlines[i]));
	return reply_json(r, 200, json_pack(
		"{s:s, s:o, s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:{s:s, s:s, s:o}}",
		"today", d.today_iso, "unit", json_unit(&d.unit),
		"quarter", "name", d.quarter_name, "start", d.from_iso, "end", d.to_iso,
		"counts", c,
		"this_quarter", tasks_json(d.quarter_tasks, d.quarter_len, d.quarter_total),
		"overdue", tasks_json(d.overdue, d.overdue_len, d.overdue_total),
		"deadlines", "from", d.deadline_from, "to", d.deadline_to, "items", dl));
}
