/* dashboard.c: "/", the signed-in person's start page, for the person's
 * unit: one link to the unit's overdue tasks, the unit's task counts by
 * status, its tasks of the current quarter (as lead or coordinator), its
 * overdue tasks, and the report deadlines of the next 90 days. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "model/dashboard.h"
#include "model/notice.h"
#include "model/plan.h"
#include "model/task.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include <string.h>

static const char *const roman[] = {"I", "II", "III", "IV"};

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

/* One block of the unit's tasks: heading, table (n of total), and a link
 * to all of them when there are more (more_query: the /tasks query,
 * without '?'). */
static void task_block(struct req *r, const struct task *t, size_t n, long long total,
                       const char *id, const char *heading, const char *empty,
                       const char *more_query)
{
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
		return;
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

/* The report deadlines of the window, soonest first. */
static void deadlines(struct req *r, const struct plan_deadline *d, size_t n)
{
	H(r, "<section id=\"deadlines-section\"><h2>Hạn báo cáo sắp tới <span class=\"muted\">(");
	html_int(r, DASHBOARD_DEADLINE_DAYS);
	H(r, " ngày)</span></h2>");
	if (!n) {
		H(r, "<p class=\"muted\">Không có hạn báo cáo nào trong ");
		html_int(r, DASHBOARD_DEADLINE_DAYS);
		H(r, " ngày tới.</p></section>");
		return;
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
}

int page_dashboard(struct req *r)
{
	long long unit_id = r->user->unit_id;
	struct dashboard d;
	int rc = dashboard_load(r->db, r->a, unit_id, date_today(), DASHBOARD_LIST_PAGE, &d);
	if (rc)
		return rc;
	const char *q = roman[d.quarter - 1];

	layout_begin(r, "Tổng quan", "dashboard");
	H(r, "<h1>Tổng quan: <a href=\"/units/");
	html_int(r, d.unit.id);
	H(r, "\">");
	html_text(r, d.unit.name);
	H(r, "</a></h1><p class=\"muted\">Hôm nay ");
	html_date(r, d.today_iso);
	H(r, ", quý ");
	html_text(r, q);
	H(r, "/");
	html_int(r, d.today.y);
	H(r, ".</p>");

	/* Unread reminders of report deadlines (model/notice.h). */
	long long unread = 0;
	if (notice_unread_count(r->db, r->user->id, &unread) == 0 && unread > 0) {
		H(r, "<p class=\"notice ok\" id=\"notices-link\"><a href=\"/notices\">Thông báo (");
		html_int(r, unread);
		H(r, " chưa đọc)</a></p>");
	}

	H(r, "<p class=\"cta\"><a id=\"my-overdue\" class=\"button");
	if (d.overdue_total)
		H(r, " late");
	H(r, "\" href=\"/tasks?unit=");
	html_int(r, unit_id);
	H(r, "&amp;overdue=1\">Nhiệm vụ quá hạn của đơn vị <b>");
	html_int(r, d.overdue_total);
	H(r, "</b></a></p>");

	H(r, "<h2>Nhiệm vụ của đơn vị theo trạng thái</h2><ul class=\"counts\" id=\"counts\">");
	for (int i = 0; i < DASHBOARD_STATUSES; i++) {
		const char *s = dashboard_statuses[i];
		H(r, "<li class=\"");
		html_attr(r, s);
		H(r, "\"><a href=\"/tasks?unit=");
		html_int(r, unit_id);
		H(r, "&amp;status=");
		html_url(r, s);
		H(r, "\"><b>");
		html_int(r, d.counts[i]);
		H(r, "</b>");
		html_text(r, task_status_label(s));
		H(r, "</a></li>");
	}
	H(r, "<li class=\"total\"><a href=\"/tasks?unit=");
	html_int(r, unit_id);
	H(r, "\"><b>");
	html_int(r, d.total);
	H(r, "</b>Tổng số</a></li></ul>");

	task_block(r, d.quarter_tasks, d.quarter_len, d.quarter_total, "this-quarter",
	           arena_printf(r->a, "Nhiệm vụ quý %s/%d của đơn vị", q, d.today.y),
	           "Đơn vị không có nhiệm vụ nào trong quý này.",
	           arena_printf(r->a, "unit=%lld&quarter=%s&sort=end", unit_id, d.quarter_name));
	task_block(r, d.overdue, d.overdue_len, d.overdue_total, "overdue", "Nhiệm vụ quá hạn",
	           "Đơn vị không có nhiệm vụ quá hạn.",
	           arena_printf(r->a, "unit=%lld&overdue=1&sort=end", unit_id));
	deadlines(r, d.deadlines, d.deadlines_len);
	layout_end(r);
	return 0;
}
