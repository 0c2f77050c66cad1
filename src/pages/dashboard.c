/* dashboard.c: "/", the signed-in person's start page, for the person's
 * unit: one link to the unit's overdue tasks, the unit's task counts by
 * status, its tasks of the current quarter (as lead or coordinator), its
 * overdue tasks, and the report deadlines of the next 90 days. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "model/plan.h"
#include "model/task.h"
#include "model/unit.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include <string.h>

/* Tasks shown per block; a link leads to the full list. */
#define LIST_MAX 20
#define DEADLINE_DAYS 90
#define DEADLINE_MAX 20

static const char *const statuses[] = {"not_started", "in_progress", "done", "cancelled"};
static const char *const roman[] = {"I", "II", "III", "IV"};

static struct ph_date add_days(struct ph_date d, int days)
{
	while (days-- > 0)
		if (++d.d > date_days_in_month(d.y, d.m)) {
			d.d = 1;
			if (++d.m > 12) {
				d.m = 1;
				d.y++;
			}
		}
	return d;
}

/* A table of tasks: number, content (linked), lead, end date, status. */
static void task_table(struct req *r, const char *id, const struct task *t, size_t n)
{
	H(r, "<div class=\"table-wrap\"><table id=\"");
	html_attr(r, id);
	H(r, "\"><thead><tr><th>TT</th><th>Nội dung nhiệm vụ</th><th class=\"hide-small\">Cơ quan chủ trì</th>"
	     "<th>Thời hạn</th><th>Trạng thái</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		if (t[i].overdue)
			H(r, "<tr class=\"overdue\"><td>");
		else
			H(r, "<tr><td>");
		html_text(r, t[i].no);
		H(r, "</td><td><a href=\"/tasks/");
		html_int(r, t[i].id);
		H(r, "\">");
		html_text(r, t[i].content);
		H(r, "</a><br><span class=\"muted\">");
		html_text(r, t[i].plan_title);
		H(r, "</span></td><td class=\"hide-small\">");
		html_text(r, t[i].lead_name ? t[i].lead_name : t[i].lead_text);
		H(r, "</td><td>");
		if (t[i].end)
			html_date(r, t[i].end);
		else
			html_text(r, t[i].timeframe_text);
		H(r, "</td><td><span class=\"status ");
		html_attr(r, t[i].status);
		H(r, "\">");
		html_text(r, task_status_label(t[i].status));
		H(r, "</span>");
		if (t[i].overdue)
			H(r, " <span class=\"overdue\">Quá hạn</span>");
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
}

/* One block of the unit's tasks: heading, table, and a link to all of them
 * when there are more (more_query: the /tasks query, without '?'). */
static int task_block(struct req *r, const struct task_filter *f, const char *id,
                      const char *heading, const char *empty, const char *more_query)
{
	struct task_query q = {.f = *f, .sort = "end", .limit = LIST_MAX};
	struct task *t = NULL;
	size_t n = 0;
	long long total = 0;
	int rc = task_search(r->db, r->a, &q, &t, &n, &total);
	if (rc)
		return rc;
	H(r, "<section id=\"");
	html_attr(r, id);
	H(r, "-section\"><h2>");
	html_text(r, heading);
	H(r, " <span class=\"muted\">(");
	html_int(r, total);
	H(r, ")</span></h2>");
	if (!n) {
		H(r, "<p class=\"muted\">");
		html_text(r, empty);
		H(r, "</p></section>");
		return 0;
	}
	task_table(r, id, t, n);
	H(r, "<p><a href=\"/tasks?");
	html_attr(r, more_query);
	H(r, "\">");
	if (total > (long long)n) {
		H(r, "Xem tất cả ");
		html_int(r, total);
		H(r, " nhiệm vụ →");
	} else {
		H(r, "Mở trong danh sách nhiệm vụ →");
	}
	H(r, "</a></p></section>");
	return 0;
}

static void deadline_kind(struct req *r, const char *kind)
{
	static const char *const kinds[][2] = {
		{"6-month", "6 tháng"}, {"9-month", "9 tháng"}, {"quarterly", "Quý"},
		{"monthly", "Tháng"}, {"annual", "Năm"},
	};
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kind, kinds[i][0])) {
			html_text(r, kinds[i][1]);
			return;
		}
	html_text(r, kind);
}

static int deadlines(struct req *r, struct ph_date today)
{
	char from[11], to[11];
	date_iso(today, from);
	date_iso(add_days(today, DEADLINE_DAYS), to);
	struct plan_deadline *d = NULL;
	size_t n = 0;
	int rc = plan_deadlines_between(r->db, r->a, from, to, DEADLINE_MAX, &d, &n);
	if (rc)
		return rc;
	H(r, "<section id=\"deadlines-section\"><h2>Hạn báo cáo sắp tới"
	     " <span class=\"muted\">(90 ngày)</span></h2>");
	if (!n) {
		H(r, "<p class=\"muted\">Không có hạn báo cáo nào trong 90 ngày tới.</p></section>");
		return 0;
	}
	H(r, "<div class=\"table-wrap\"><table id=\"deadlines\"><thead><tr><th>Hạn</th>"
	     "<th>Báo cáo</th><th>Kế hoạch</th><th>Gửi đến</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<tr><td class=\"num\"><b>");
		html_date(r, d[i].due);
		H(r, "</b></td><td>");
		html_text(r, d[i].text);
		if (d[i].kind) {
			H(r, " <span class=\"muted\">(");
			deadline_kind(r, d[i].kind);
			H(r, ")</span>");
		}
		H(r, "</td><td><a href=\"/plans/");
		html_int(r, d[i].plan_id);
		H(r, "\">");
		html_text(r, d[i].plan_title);
		H(r, "</a></td><td>");
		html_text(r, d[i].to_text);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div></section>");
	return 0;
}

int page_dashboard(struct req *r)
{
	long long unit_id = r->user->unit_id;
	struct unit u;
	int rc = unit_get(r->db, r->a, unit_id, &u);
	if (rc)
		return rc;
	struct ph_date today = date_today();
	int q = (today.m - 1) / 3 + 1;
	struct task_filter all = {.unit_id = unit_id, .today = today};
	long long counts[4] = {0};
	if ((rc = task_count_by_status(r->db, &all, counts)))
		return rc;
	struct task_filter od = all;
	od.overdue = 1;
	long long overdue[4] = {0};
	if ((rc = task_count_by_status(r->db, &od, overdue)))
		return rc;
	long long n_overdue = overdue[0] + overdue[1] + overdue[2] + overdue[3];

	layout_begin(r, "Tổng quan", "dashboard");
	H(r, "<h1>Tổng quan: <a href=\"/units/");
	html_int(r, u.id);
	H(r, "\">");
	html_text(r, u.name);
	H(r, "</a></h1><p class=\"muted\">Hôm nay ");
	char iso[11];
	date_iso(today, iso);
	html_date(r, iso);
	H(r, ", quý ");
	html_text(r, roman[q - 1]);
	H(r, "/");
	html_int(r, today.y);
	H(r, ".</p>");

	H(r, "<p class=\"cta\"><a id=\"my-overdue\" class=\"button");
	if (n_overdue)
		H(r, " late");
	H(r, "\" href=\"/tasks?unit=");
	html_int(r, unit_id);
	H(r, "&amp;overdue=1\">Nhiệm vụ quá hạn của đơn vị <b>");
	html_int(r, n_overdue);
	H(r, "</b></a></p>");

	H(r, "<h2>Nhiệm vụ của đơn vị theo trạng thái</h2><ul class=\"counts\" id=\"counts\">");
	long long total = 0;
	for (int i = 0; i < 4; i++) {
		total += counts[i];
		H(r, "<li class=\"");
		html_attr(r, statuses[i]);
		H(r, "\"><a href=\"/tasks?unit=");
		html_int(r, unit_id);
		H(r, "&amp;status=");
		html_url(r, statuses[i]);
		H(r, "\"><b>");
		html_int(r, counts[i]);
		H(r, "</b>");
		html_text(r, task_status_label(statuses[i]));
		H(r, "</a></li>");
	}
	H(r, "<li class=\"total\"><a href=\"/tasks?unit=");
	html_int(r, unit_id);
	H(r, "\"><b>");
	html_int(r, total);
	H(r, "</b>Tổng số</a></li></ul>");

	struct task_filter fq = all;
	fq.from = (struct ph_date){today.y, 3 * q - 2, 1};
	fq.to = (struct ph_date){today.y, 3 * q, date_days_in_month(today.y, 3 * q)};
	const char *qname = arena_printf(r->a, "Nhiệm vụ quý %s/%d của đơn vị", roman[q - 1],
	                                 today.y);
	const char *qmore = arena_printf(r->a, "unit=%lld&quarter=%d-Q%d&sort=end", unit_id,
	                                 today.y, q);
	const char *omore = arena_printf(r->a, "unit=%lld&overdue=1&sort=end", unit_id);
	/* On an error the dispatcher discards what was written. */
	if ((rc = task_block(r, &fq, "this-quarter", qname,
	                     "Đơn vị không có nhiệm vụ nào trong quý này.", qmore)) ||
	    (rc = task_block(r, &od, "overdue", "Nhiệm vụ quá hạn",
	                     "Đơn vị không có nhiệm vụ quá hạn.", omore)) ||
	    (rc = deadlines(r, today)))
		return rc;
	layout_end(r);
	return 0;
}
