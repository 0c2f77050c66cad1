/* tasks.c: /tasks (the filtered, sorted, paged list), /tasks/{id} (one
 * task with its forms, notes, files and history), the POSTs that change
 * a task's status, add a progress note and attach a file, and /files/{id}
 * (an attachment served back). Access to a particular task is decided by
 * the model (task.c asks access.c); these handlers only ask access.c
 * whether to SHOW a form.
 *
 * /tasks query parameters: plan, unit (ids), role (lead, coordinating,
 * empty = either), quarter ("2024-Q3"), status, overdue (1), q (free
 * text, diacritics ignored), sort (plan, end, status, lead, no, with a
 * leading '-' for descending), page (1-based, 50 a page). A bad value
 * gives the page again with status 422 and a Vietnamese message. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/plan.h"
#include "model/task.h"
#include "model/unit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/download.h"
#include "web/reply.h"
#include "export/tables.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 50

static const char *const statuses[] = {"not_started", "in_progress", "done", "cancelled"};

/* ---- small writers shared by the list and the task page ---------------- */

static void status_badge(struct req *r, const char *status)
{
	H(r, "<span class=\"status ");
	html_attr(r, status);
	H(r, "\">");
	html_text(r, task_status_label(status));
	H(r, "</span>");
}

/* A unit as a link to its page when resolved, else the text as written. */
static void unit_ref(struct req *r, long long id, const char *name, const char *text)
{
	if (id <= 0) {
		html_text(r, text ? text : name);
		return;
	}
	H(r, "<a href=\"/units/");
	html_int(r, id);
	H(r, "\"");
	if (text && name && strcmp(text, name)) {
		H(r, " title=\"");
		html_attr(r, text);
		H(r, "\"");
	}
	H(r, ">");
	html_text(r, name ? name : text);
	H(r, "</a>");
}

/* "2026-11-23T10:15:00Z" as "23/11/2026 10:15 UTC"; other text as is. */
static void timestamp(struct req *r, const char *at)
{
	if (at && strlen(at) >= 16 && at[4] == '-' && at[10] == 'T') {
		html_date(r, arena_strndup(r->a, at, 10));
		H(r, " ");
		html_text(r, arena_strndup(r->a, at + 11, 5));
		H(r, " UTC");
		return;
	}
	html_text(r, at);
}

/* The timeframe as written, then the dates it means. */
static void timeframe(struct req *r, const struct task *t)
{
	html_text(r, t->timeframe_text);
	if (t->start || t->end) {
		if (t->timeframe_text)
			H(r, "<br>");
		H(r, "<span class=\"muted\">");
		if (t->start && t->end) {
			html_date(r, t->start);
			H(r, " – ");
			html_date(r, t->end);
		} else if (t->end) {
			H(r, "hạn ");
			html_date(r, t->end);
		} else {
			H(r, "từ ");
			html_date(r, t->start);
		}
		H(r, "</span>");
	}
	if (!t->timeframe_text && !t->start && !t->end)
		H(r, "<span class=\"muted\">không xác định</span>");
}

/* ---- /tasks ------------------------------------------------------------- */

/* The list's parameters as given (strings are the request's). */
struct list_params {
	const char *plan_s, *unit_s, *role, *quarter, *status, *overdue_s, *q, *sort, *page_s;
	long long plan, unit, page;
	int overdue;
};

static const char *param(struct req *r, const char *name)
{
	const char *s = req_query(r, name);
	return s && *s ? s : NULL;
}

/* A positive integer id, 0 when s is NULL, -1 when s is not one. */
static long long parse_id(const char *s)
{
	if (!s)
		return 0;
	char *end = NULL;
	long long v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || v <= 0)
		return -1;
	return v;
}

/* "2024-Q3" into the quarter's first and last day. 0 or PH_EINVAL. */
static int parse_quarter(const char *s, struct ph_date *from, struct ph_date *to)
{
	int y = 0, q = 0, n = 0;
	if (!s || strlen(s) != 7 || (sscanf(s, "%4d-Q%1d%n", &y, &q, &n) != 2 &&
	                             sscanf(s, "%4d-q%1d%n", &y, &q, &n) != 2) ||
	    n != 7 || y < 1900 || y > 2200 || q < 1 || q > 4)
		return PH_EINVAL;
	*from = (struct ph_date){y, 3 * q - 2, 1};
	*to = (struct ph_date){y, 3 * q, date_days_in_month(y, 3 * q)};
	return 0;
}

static int sort_valid(const char *s)
{
	static const char *const keys[] = {"plan", "end", "status", "lead", "no"};
	if (*s == '-')
		s++;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(s, keys[i]))
			return 1;
	return 0;
}

/* Read and check the parameters into p and the query q. NULL when all is
 * well, else the Vietnamese sentence saying what is wrong. */
static const char *read_params(struct req *r, struct list_params *p, struct task_query *q)
{
	memset(p, 0, sizeof *p);
	memset(q, 0, sizeof *q);
	q->f.today = date_today();
	p->plan_s = param(r, "plan");
	p->unit_s = param(r, "unit");
	p->role = param(r, "role");
	p->quarter = param(r, "quarter");
	p->status = param(r, "status");
	p->overdue_s = param(r, "overdue");
	p->q = param(r, "q");
	p->sort = param(r, "sort");
	p->page_s = param(r, "page");
	p->page = 1;
	if ((p->plan = parse_id(p->plan_s)) < 0)
		return "Mã kế hoạch không hợp lệ.";
	if ((p->unit = parse_id(p->unit_s)) < 0)
		return "Đơn vị không hợp lệ.";
	if (p->role && !strcmp(p->role, "both"))
		p->role = NULL;
	if (p->role && strcmp(p->role, "lead") && strcmp(p->role, "coordinating"))
		return "Vai trò phải là “chủ trì”, “phối hợp” hoặc “cả hai”.";
	if (p->quarter && parse_quarter(p->quarter, &q->f.from, &q->f.to))
		return "Quý không hợp lệ: chọn một quý trong danh sách (ví dụ Quý 3/2024).";
	if (p->quarter) /* "2024-q3" as the select writes it */
		p->quarter = arena_printf(r->a, "%d-Q%d", q->f.from.y, (q->f.from.m + 2) / 3);
	if (p->status && !task_status_valid(p->status))
		return "Trạng thái không hợp lệ.";
	if (p->overdue_s) {
		if (!strcmp(p->overdue_s, "1") || !strcmp(p->overdue_s, "on"))
			p->overdue = 1;
		else if (strcmp(p->overdue_s, "0"))
			return "Giá trị “quá hạn” không hợp lệ.";
	}
	if (p->sort && !sort_valid(p->sort))
		return "Cách sắp xếp không hợp lệ.";
	if (p->page_s && ((p->page = parse_id(p->page_s)) < 1 || p->page > 1000000))
		return "Số trang không hợp lệ.";
	q->f.plan_id = p->plan;
	q->f.unit_id = p->unit;
	q->f.role = p->unit ? p->role : NULL;
	q->f.status = p->status;
	q->f.overdue = p->overdue;
	q->text = p->q;
	q->sort = p->sort;
	q->limit = PER_PAGE;
	q->offset = (int)((p->page - 1) * PER_PAGE);
	return NULL;
}

/* Write "name=value" (value URL-encoded) after the right separator. */
static void link_param(struct req *r, int *first, const char *name, const char *value)
{
	if (!value)
		return;
	if (*first)
		*first = 0;
	else
		H(r, "&amp;");
	html_text(r, name);
	H(r, "=");
	html_url(r, value);
}

/* The list's URL with p's filters, the sort given and page (omitted when 1). */
static void list_link(struct req *r, const struct list_params *p, const char *sort,
                      long long page)
{
	int first = 1;
	H(r, "/tasks?");
	link_param(r, &first, "plan", p->plan_s);
	link_param(r, &first, "unit", p->unit_s);
	link_param(r, &first, "role", p->role);
	link_param(r, &first, "quarter", p->quarter);
	link_param(r, &first, "status", p->status);
	link_param(r, &first, "overdue", p->overdue ? "1" : NULL);
	link_param(r, &first, "q", p->q);
	link_param(r, &first, "sort", sort);
	if (page > 1)
		link_param(r, &first, "page", arena_printf(r->a, "%lld", page));
}

/* A column header that sorts by key (ascending, or descending when the
 * list is already sorted by key ascending); cls: its class or NULL. */
static void sort_header(struct req *r, const struct list_params *p, const char *key,
                        const char *label, const char *cls)
{
	const char *cur = p->sort ? p->sort : "plan";
	int asc = !strcmp(cur, key);
	int desc = cur[0] == '-' && !strcmp(cur + 1, key);
	H(r, "<th");
	if (cls) {
		H(r, " class=\"");
		html_attr(r, cls);
		H(r, "\"");
	}
	if (asc)
		H(r, " aria-sort=\"ascending\"");
	else if (desc)
		H(r, " aria-sort=\"descending\"");
	H(r, "><a href=\"");
	list_link(r, p, asc ? arena_printf(r->a, "-%s", key) : key, 1);
	H(r, "\">");
	html_text(r, label);
	if (asc)
		H(r, " ▲");
	else if (desc)
		H(r, " ▼");
	H(r, "</a></th>");
}

/* The years the quarter select offers: those of the plans and today's. */
static void quarter_years(struct req *r, const struct list_params *p, int *lo, int *hi)
{
	struct ph_date today = date_today();
	*lo = *hi = today.y;
	struct plan *pl = NULL;
	size_t n = 0;
	if (plan_list(r->db, r->a, &pl, &n) == 0)
		for (size_t i = 0; i < n; i++) {
			int y = pl[i].year;
			if (y < 1900 || y > 2200)
				continue;
			if (y < *lo)
				*lo = y;
			if (y > *hi)
				*hi = y;
		}
	struct ph_date f, t;
	if (p->quarter && !parse_quarter(p->quarter, &f, &t)) {
		if (f.y < *lo)
			*lo = f.y;
		if (f.y > *hi)
			*hi = f.y;
	}
	if (*hi - *lo > 11)
		*lo = *hi - 11;
}

static void option(struct req *r, const char *value, const char *label, int selected)
{
	H(r, "<option value=\"");
	html_attr(r, value);
	H(r, "\"");
	if (selected)
		H(r, " selected");
	H(r, ">");
	html_text(r, label);
	H(r, "</option>");
}

static void filter_form(struct req *r, const struct list_params *p)
{
	struct unit *u = NULL;
	size_t nu = 0;
	if (unit_list(r->db, r->a, &u, &nu))
		nu = 0;
	H(r, "<form method=\"get\" action=\"/tasks\" class=\"filters\" id=\"task-filters\">");
	if (p->plan_s) {
		H(r, "<input type=\"hidden\" name=\"plan\" value=\"");
		html_attr(r, p->plan_s);
		H(r, "\">");
	}
	H(r, "<p><label for=\"f-q\">Tìm kiếm</label><input type=\"search\" id=\"f-q\" name=\"q\""
	     " placeholder=\"ví dụ: phu nu\" value=\"");
	html_attr(r, p->q);
	H(r, "\"></p><p><label for=\"f-unit\">Đơn vị</label><select id=\"f-unit\" name=\"unit\">");
	option(r, "", "Tất cả đơn vị", !p->unit_s);
	for (size_t i = 0; i < nu; i++) {
		if (u[i].proposed)
			continue;
		H(r, "<option value=\"");
		html_int(r, u[i].id);
		H(r, "\"");
		if (p->unit == u[i].id)
			H(r, " selected");
		H(r, ">");
		html_text(r, u[i].name);
		H(r, "</option>");
	}
	H(r, "</select></p><p><label for=\"f-role\">Vai trò</label><select id=\"f-role\" name=\"role\">");
	option(r, "", "Chủ trì hoặc phối hợp", !p->role);
	option(r, "lead", "Chủ trì", p->role && !strcmp(p->role, "lead"));
	option(r, "coordinating", "Phối hợp", p->role && !strcmp(p->role, "coordinating"));
	H(r, "</select></p><p><label for=\"f-quarter\">Quý</label>"
	     "<select id=\"f-quarter\" name=\"quarter\">");
	option(r, "", "Mọi thời gian", !p->quarter);
	int lo, hi;
	quarter_years(r, p, &lo, &hi);
	for (int y = lo; y <= hi; y++)
		for (int q = 1; q <= 4; q++) {
			char v[32];
			snprintf(v, sizeof v, "%04d-Q%d", y, q);
			option(r, v, arena_printf(r->a, "Quý %d/%d", q, y),
			       p->quarter && !strcmp(p->quarter, v));
		}
	H(r, "</select></p><p><label for=\"f-status\">Trạng thái</label>"
	     "<select id=\"f-status\" name=\"status\">");
	option(r, "", "Mọi trạng thái", !p->status);
	for (size_t i = 0; i < 4; i++)
		option(r, statuses[i], task_status_label(statuses[i]),
		       p->status && !strcmp(p->status, statuses[i]));
	H(r, "</select></p><p><label class=\"check\"><input type=\"checkbox\" id=\"f-overdue\""
	     " name=\"overdue\" value=\"1\"");
	if (p->overdue)
		H(r, " checked");
	H(r, "> Chỉ nhiệm vụ quá hạn</label></p>"
	     "<p><button type=\"submit\">Lọc</button> <a href=\"/tasks\">Bỏ lọc</a></p></form>");
}

static void list_table(struct req *r, const struct list_params *p, const struct task *t,
                       size_t n)
{
	H(r, "<div class=\"table-wrap\"><table id=\"task-list\"><thead><tr>");
	sort_header(r, p, "no", "TT", NULL);
	H(r, "<th>Nội dung nhiệm vụ</th>");
	sort_header(r, p, "plan", "Kế hoạch", "hide-small");
	sort_header(r, p, "lead", "Cơ quan chủ trì", NULL);
	sort_header(r, p, "end", "Thời gian thực hiện", NULL);
	sort_header(r, p, "status", "Trạng thái", NULL);
	H(r, "</tr></thead><tbody>");
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
		H(r, "</a></td><td class=\"hide-small\"><a href=\"/plans/");
		html_int(r, t[i].plan_id);
		H(r, "\">");
		html_text(r, t[i].plan_title);
		H(r, "</a></td><td>");
		unit_ref(r, t[i].lead_unit_id, t[i].lead_name, t[i].lead_text);
		H(r, "</td><td>");
		timeframe(r, &t[i]);
		H(r, "</td><td>");
		status_badge(r, t[i].status);
		if (t[i].overdue)
			H(r, " <span class=\"overdue\">Quá hạn</span>");
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
}

int page_tasks(struct req *r)
{
	struct list_params p;
	struct task_query q;
	const char *bad = read_params(r, &p, &q);
	struct unit unit;
	memset(&unit, 0, sizeof unit);
	struct plan plan;
	memset(&plan, 0, sizeof plan);
	int rc = 0;
	if (!bad && p.unit && (rc = unit_get(r->db, r->a, p.unit, &unit)) != 0) {
		if (rc != PH_ENOTFOUND)
			return rc;
		bad = "Không có đơn vị này.";
	}
	if (!bad && p.plan && (rc = plan_get(r->db, r->a, p.plan, &plan)) != 0) {
		if (rc != PH_ENOTFOUND)
			return rc;
		bad = "Không có kế hoạch này.";
	}
	struct task *t = NULL;
	size_t n = 0;
	long long total = 0;
	if (!bad && (rc = task_search(r->db, r->a, &q, &t, &n, &total)) != 0) {
		if (rc != PH_EINVAL)
			return rc;
		bad = "Điều kiện lọc không hợp lệ.";
	}

	layout_begin(r, "Nhiệm vụ", "tasks");
	H(r, "<h1>Nhiệm vụ");
	if (p.plan && plan.title) {
		H(r, " của kế hoạch <a href=\"/plans/");
		html_int(r, plan.id);
		H(r, "\">");
		html_text(r, plan.number ? plan.number : plan.title);
		H(r, "</a>");
	}
	H(r, "</h1>");
	if (bad) {
		r->status = 422;
		layout_notice(r, "error", bad);
	}
	filter_form(r, &p);
	if (bad) {
		layout_end(r);
		return 0;
	}
	if (p.unit) {
		H(r, "<p class=\"muted\">Đơn vị: ");
		unit_ref(r, unit.id, unit.name, NULL);
		if (p.role && !strcmp(p.role, "lead"))
			H(r, " (chủ trì)");
		else if (p.role)
			H(r, " (phối hợp)");
		H(r, "</p>");
	}
	if (!total) {
		H(r, "<p class=\"muted\" id=\"task-count\">Không có nhiệm vụ nào phù hợp.</p>");
		layout_end(r);
		return 0;
	}
	long long first = (p.page - 1) * PER_PAGE + 1;
	long long last = first + (long long)n - 1;
	H(r, "<p class=\"muted\" id=\"task-count\">");
	if (n) {
		html_int(r, first);
		H(r, "–");
		html_int(r, last);
		H(r, " trong ");
	} else {
		H(r, "Trang này không có nhiệm vụ; tổng cộng ");
	}
	html_int(r, total);
	H(r, " nhiệm vụ</p>");
	download_buttons(r, "/tasks/export");
	if (n)
		list_table(r, &p, t, n);
	long long pages = (total + PER_PAGE - 1) / PER_PAGE;
	if (pages > 1 || p.page > 1) {
		H(r, "<nav class=\"pager\" aria-label=\"Phân trang\">");
		if (p.page > 1) {
			H(r, "<a rel=\"prev\" href=\"");
			list_link(r, &p, p.sort, p.page - 1 < pages ? p.page - 1 : pages);
			H(r, "\">← Trang trước</a>");
		}
		if (p.page <= pages) {
			H(r, "<span>Trang ");
			html_int(r, p.page);
			H(r, " / ");
			html_int(r, pages);
			H(r, "</span>");
		}
		if (p.page < pages) {
			H(r, "<a rel=\"next\" href=\"");
			list_link(r, &p, p.sort, p.page + 1);
			H(r, "\">Trang sau →</a>");
		}
		H(r, "</nav>");
	}
	layout_end(r);
	return 0;
}

/* GET /tasks/export?format=xlsx|csv[&sep=semicolon]&<the list's
 * filters>: every task the list with those filters holds (all pages), in
 * its order, as a spreadsheet; read through the same read_params, so
 * the file is what the page lists. */
int page_tasks_export(struct req *r)
{
	struct list_params p;
	struct task_query q;
	int format = 0;
	char sep = ',';
	int rc = download_params(r, &format, &sep);
	if (rc)
		return rc;
	const char *bad = read_params(r, &p, &q);
	struct unit unit;
	struct plan plan;
	if (!bad && p.unit && (rc = unit_get(r->db, r->a, p.unit, &unit)) != 0) {
		if (rc != PH_ENOTFOUND)
			return rc;
		bad = "Không có đơn vị này.";
	}
	if (!bad && p.plan && (rc = plan_get(r->db, r->a, p.plan, &plan)) != 0) {
		if (rc != PH_ENOTFOUND)
			return rc;
		bad = "Không có kế hoạch này.";
	}
	if (bad) {
		r->err_reason_vi = bad;
		r->err_detail = "a filter of the task list is not valid";
		return PH_EINVAL;
	}
	if ((rc = export_tasks(r->db, &q, format, sep, download_body(r))))
		return rc;
	return download_send(r, format, "danh-sach-nhiem-vu");
}

/* ---- /tasks/{id} -------------------------------------------------------- */

static const char *ok_message(const char *ok)
{
	if (!ok)
		return NULL;
	if (!strcmp(ok, "status"))
		return "Đã cập nhật trạng thái nhiệm vụ.";
	if (!strcmp(ok, "note"))
		return "Đã thêm ghi chú tiến độ.";
	if (!strcmp(ok, "file"))
		return "Đã đính kèm tệp.";
	return NULL;
}

/* A size in bytes as "12,3 KB" or "1,5 MB". */
static void file_size(struct req *r, long long size)
{
	if (size < 1024) {
		html_int(r, size);
		H(r, " byte");
	} else if (size < 1024 * 1024) {
		html_num(r, (double)size / 1024.0, 1, 1);
		H(r, " KB");
	} else {
		html_num(r, (double)size / (1024.0 * 1024.0), 1, 1);
		H(r, " MB");
	}
}

/* A string member of a JSON object text, or NULL. */
static const char *json_member(struct req *r, const char *text, const char *key)
{
	if (!text)
		return NULL;
	json_t *o = json_loads(text, 0, NULL);
	const char *s = NULL;
	if (o && json_is_string(json_object_get(o, key)))
		s = arena_strdup(r->a, json_string_value(json_object_get(o, key)));
	json_decref(o);
	return s;
}

/* What one history entry changed, in Vietnamese. */
static void history_change(struct req *r, const struct audit_entry *e)
{
	const char *act = e->action ? e->action : "";
	if (!strcmp(act, "task.status")) {
		const char *b = json_member(r, e->before, "status");
		const char *a = json_member(r, e->after, "status");
		H(r, "Đổi trạng thái: ");
		if (b)
			status_badge(r, b);
		else
			H(r, "—");
		H(r, " → ");
		if (a)
			status_badge(r, a);
		else
			H(r, "—");
	} else if (!strcmp(act, "task.note")) {
		const char *d = json_member(r, e->after, "date");
		const char *t = json_member(r, e->after, "text");
		H(r, "Thêm ghi chú tiến độ");
		if (d) {
			H(r, " ngày ");
			html_date(r, d);
		}
		if (t) {
			H(r, ": <q>");
			html_text(r, t);
			H(r, "</q>");
		}
	} else if (!strcmp(act, "task.attach")) {
		const char *name = json_member(r, e->after, "name");
		H(r, "Đính kèm tệp");
		if (name) {
			H(r, ": ");
			html_text(r, name);
		}
	} else {
		html_text(r, act);
		if (e->before || e->after) {
			H(r, " <code>");
			html_text(r, e->before ? e->before : "—");
			H(r, "</code> → <code>");
			html_text(r, e->after ? e->after : "—");
			H(r, "</code>");
		}
	}
}

static void details(struct req *r, const struct task *t)
{
	H(r, "<dl class=\"meta\" id=\"task-details\"><dt>Kế hoạch</dt><dd><a href=\"/plans/");
	html_int(r, t->plan_id);
	H(r, "\">");
	html_text(r, t->plan_title);
	H(r, "</a></dd>");
	if (t->section) {
		H(r, "<dt>Mục</dt><dd>");
		html_text(r, t->section);
		H(r, "</dd>");
	}
	H(r, "<dt>Số thứ tự</dt><dd>");
	html_text(r, t->no ? t->no : "—");
	H(r, "</dd><dt>Nội dung</dt><dd class=\"content\">");
	html_text(r, t->content);
	H(r, "</dd><dt>Cơ quan chủ trì</dt><dd>");
	if (t->lead_unit_id || t->lead_text)
		unit_ref(r, t->lead_unit_id, t->lead_name, t->lead_text);
	else
		H(r, "<span class=\"muted\">không ghi</span>");
	if (t->lead_unit_id && t->lead_text && t->lead_name && strcmp(t->lead_text, t->lead_name)) {
		H(r, " <span class=\"muted\">(văn bản ghi: ");
		html_text(r, t->lead_text);
		H(r, ")</span>");
	}
	H(r, "</dd><dt>Cơ quan phối hợp</dt><dd>");
	if (!t->coords_len)
		H(r, "<span class=\"muted\">không có</span>");
	else
		H(r, "<ul class=\"plain\">");
	for (size_t i = 0; i < t->coords_len; i++) {
		const struct task_coord *c = &t->coords[i];
		H(r, "<li>");
		unit_ref(r, c->unit_id, c->unit_name, c->text);
		if (c->unit_id && c->text && c->unit_name && strcmp(c->text, c->unit_name)) {
			H(r, " <span class=\"muted\">(văn bản ghi: ");
			html_text(r, c->text);
			H(r, ")</span>");
		}
		H(r, "</li>");
	}
	if (t->coords_len)
		H(r, "</ul>");
	H(r, "</dd><dt>Thời gian thực hiện</dt><dd>");
	timeframe(r, t);
	if (t->expected)
		H(r, " <span class=\"muted\">(dự kiến)</span>");
	H(r, "</dd>");
	if (t->notes) {
		H(r, "<dt>Ghi chú trong văn bản</dt><dd>");
		html_text(r, t->notes);
		H(r, "</dd>");
	}
	H(r, "<dt>Trạng thái</dt><dd id=\"task-status\">");
	status_badge(r, t->status);
	if (t->overdue)
		H(r, " <span class=\"overdue\">Quá hạn</span>");
	H(r, "</dd></dl>");
}

/* The three forms, each when access.c would allow what it does. */
static void forms(struct req *r, const struct task *t)
{
	int can_status = access_task(r->db, r->user, ACT_TASK_STATUS, t) == 0;
	int can_note = access_task(r->db, r->user, ACT_TASK_NOTE, t) == 0;
	char *base = arena_printf(r->a, "/tasks/%lld", t->id);
	if (!base)
		return; /* the arena is failed: the page becomes the memory error */
	if (!can_status && !can_note) {
		H(r, "<p class=\"muted\" id=\"no-edit\">Đơn vị của bạn không được thay đổi nhiệm vụ"
		     " này (chỉ xem).</p>");
		return;
	}
	H(r, "<div class=\"grid no-print\">");
	if (can_status) {
		H(r, "<section class=\"card\"><h2>Cập nhật trạng thái</h2>");
		html_form_post(r, arena_printf(r->a, "%s/status", base), "id=\"status-form\"");
		H(r, "<p><label for=\"status\">Trạng thái</label><select id=\"status\" name=\"status\">");
		for (size_t i = 0; i < 4; i++)
			option(r, statuses[i], task_status_label(statuses[i]),
			       t->status && !strcmp(t->status, statuses[i]));
		H(r, "</select> <button type=\"submit\">Lưu trạng thái</button></p></form></section>");
	}
	if (can_note) {
		char today[11];
		date_iso(date_today(), today);
		H(r, "<section class=\"card\"><h2>Thêm ghi chú tiến độ</h2>");
		html_form_post(r, arena_printf(r->a, "%s/notes", base), "id=\"note-form\"");
		H(r, "<p><label for=\"note-date\">Ngày</label><input type=\"date\" id=\"note-date\""
		     " name=\"date\" required value=\"");
		html_attr(r, today);
		H(r, "\"></p><p><label for=\"note-text\">Nội dung</label><textarea id=\"note-text\""
		     " name=\"text\" required rows=\"3\"></textarea></p>"
		     "<p><button type=\"submit\">Thêm ghi chú</button></p></form></section>");
		H(r, "<section class=\"card\"><h2>Đính kèm tệp</h2>");
		html_form_post(r, arena_printf(r->a, "%s/files", base),
		               "id=\"file-form\" enctype=\"multipart/form-data\"");
		H(r, "<p><label for=\"file\">Tệp</label><input type=\"file\" id=\"file\" name=\"file\""
		     " required></p><p class=\"muted\">Dung lượng tối đa ");
		html_num(r, (double)r->cfg->max_upload / (1024.0 * 1024.0), 1, 1);
		H(r, " MB.</p><p><button type=\"submit\">Tải lên</button></p></form></section>");
	}
	H(r, "</div>");
	if (!can_status)
		H(r, "<p class=\"muted\" id=\"no-status\">Chỉ đơn vị chủ trì được đổi trạng thái"
		     " nhiệm vụ này.</p>");
}

static int attachments(struct req *r, long long task_id)
{
	struct attachment *at = NULL;
	size_t n = 0;
	int rc = task_attachments(r->db, r->user, r->a, task_id, &at, &n);
	if (rc)
		return rc;
	H(r, "<section id=\"attachments\"><h2>Tệp đính kèm</h2>");
	if (!n)
		H(r, "<p class=\"muted\">Chưa có tệp nào.</p>");
	else
		H(r, "<ul>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<li><a href=\"/files/");
		html_int(r, at[i].id);
		H(r, "\">");
		html_text(r, at[i].name);
		H(r, "</a> <span class=\"muted\">(");
		file_size(r, at[i].size);
		H(r, ", ");
		timestamp(r, at[i].created_at);
		H(r, ")</span></li>");
	}
	if (n)
		H(r, "</ul>");
	H(r, "</section>");
	return 0;
}

static int notes(struct req *r, long long task_id)
{
	struct task_note *nt = NULL;
	size_t n = 0;
	int rc = task_notes(r->db, r->user, r->a, task_id, &nt, &n);
	if (rc)
		return rc;
	H(r, "<section id=\"notes\"><h2>Tiến độ thực hiện</h2>");
	if (!n)
		H(r, "<p class=\"muted\">Chưa có ghi chú tiến độ.</p>");
	else
		H(r, "<ol class=\"notes\" reversed>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<li><p class=\"meta-line\"><b>");
		html_date(r, nt[i].date);
		H(r, "</b> · ");
		if (nt[i].user_name)
			html_text(r, nt[i].user_name);
		else
			H(r, "<span class=\"muted\">(dòng lệnh)</span>");
		H(r, "</p><p class=\"note-text\">");
		html_text(r, nt[i].text);
		H(r, "</p></li>");
	}
	if (n)
		H(r, "</ol>");
	H(r, "</section>");
	return 0;
}

static int history(struct req *r, long long task_id)
{
	struct audit_entry *e = NULL;
	size_t n = 0;
	int rc = audit_history(r->db, r->a, "task", task_id, &e, &n);
	if (rc)
		return rc;
	H(r, "<section id=\"history\"><h2>Lịch sử thay đổi</h2>");
	if (!n) {
		H(r, "<p class=\"muted\">Chưa có thay đổi nào.</p></section>");
		return 0;
	}
	H(r, "<div class=\"table-wrap\"><table><thead><tr><th>Thời điểm</th><th>Người thực hiện</th>"
	     "<th>Thay đổi</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<tr><td>");
		timestamp(r, e[i].at);
		H(r, "</td><td>");
		if (e[i].user_login)
			html_text(r, e[i].user_login);
		else
			H(r, "<span class=\"muted\">(dòng lệnh)</span>");
		H(r, "</td><td>");
		history_change(r, &e[i]);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div></section>");
	return 0;
}

int page_task(struct req *r)
{
	struct task t;
	int rc = task_get(r->db, r->a, r->id, &t);
	if (rc)
		return rc;
	layout_begin(r, t.no ? arena_printf(r->a, "Nhiệm vụ %s", t.no) : "Nhiệm vụ", "tasks");
	H(r, "<p class=\"crumbs\"><a href=\"/plans/");
	html_int(r, t.plan_id);
	H(r, "\">");
	html_text(r, t.plan_title);
	H(r, "</a></p><h1>Nhiệm vụ");
	if (t.no) {
		H(r, " ");
		html_text(r, t.no);
	}
	H(r, "</h1>");
	const char *ok = ok_message(req_query(r, "ok"));
	if (ok)
		layout_notice(r, "ok", ok);
	details(r, &t);
	forms(r, &t);
	/* Progress notes, files and history are the task's units' own: shown
	 * to those who may read them (access.c), and said so to the others. */
	rc = access_task(r->db, r->user, ACT_PRIVATE_READ, &t);
	if (rc == PH_EFORBIDDEN) {
		H(r, "<p class=\"muted\" id=\"private-note\">Ghi chú tiến độ, tệp đính kèm và lịch sử"
		     " thay đổi của nhiệm vụ chỉ người dùng của đơn vị chủ trì, đơn vị phối hợp, đơn vị"
		     " cấp trên của các đơn vị này và đơn vị nhận báo cáo của họ được xem.</p>");
		layout_end(r);
		return 0;
	}
	/* On an error the dispatcher discards what was written. */
	if (rc || (rc = notes(r, t.id)) || (rc = attachments(r, t.id)) ||
	    (rc = history(r, t.id)))
		return rc;
	layout_end(r);
	return 0;
}

/* ---- POSTs -------------------------------------------------------------- */

static int back(struct req *r, const char *ok)
{
	return reply_redirect(r, arena_printf(r->a, "/tasks/%lld?ok=%s", r->id, ok));
}

int page_task_status(struct req *r)
{
	const char *status = req_form(r, "status");
	if (!status || !*status) {
		r->err_detail = "the form needs a status";
		return PH_EINVAL;
	}
	int rc = task_set_status(r->db, r->user, r->id, status);
	if (rc == PH_EINVAL && !r->err_detail)
		r->err_detail = "status must be not_started, in_progress, done or cancelled";
	return rc ? rc : back(r, "status");
}

int page_task_note(struct req *r)
{
	const char *date = req_form(r, "date");
	const char *text = req_form(r, "text");
	if (date && !*date)
		date = NULL;
	if (!text || !*text) {
		r->err_detail = "the note needs a text";
		return PH_EINVAL;
	}
	long long id = 0;
	int rc = task_add_note(r->db, r->user, r->id, date, text, &id);
	if (rc == PH_EINVAL && !r->err_detail)
		r->err_detail = "text must not be empty and date must be YYYY-MM-DD";
	return rc ? rc : back(r, "note");
}

int page_task_file(struct req *r)
{
	const struct req_param *p = req_form_param(r, "file");
	if (!p || !p->filename || !*p->filename) {
		r->err_detail = "the form needs a file field named \"file\"";
		return PH_EINVAL;
	}
	if (!p->len) {
		r->err_detail = "the file is empty";
		return PH_EINVAL;
	}
	long long id = 0;
	struct task_refusal why = {0};
	int rc = task_attach_why(r->db, r->user, r->id, p->filename, p->value, p->len,
	                         r->cfg->max_upload, &id, &why);
	if (rc && why.vi) {
		/* The hour's volume or the unit's quota, said in Vietnamese. */
		r->err_detail = why.detail;
		r->err_reason_vi = why.vi;
	} else if (rc == PH_ETOOBIG) {
		r->err_detail = arena_printf(r->a, "the file is larger than %zu bytes",
		                             r->cfg->max_upload);
	}
	return rc ? rc : back(r, "file");
}

/* ---- /files/{id} -------------------------------------------------------- */

/* Types a browser may show in place; anything else (HTML, SVG, scripts)
 * is always a download. */
static int showable(const char *mime)
{
	return !strcmp(mime, "image/png") || !strcmp(mime, "image/jpeg") ||
	       !strcmp(mime, "image/gif") || !strcmp(mime, "image/webp") ||
	       !strcmp(mime, "application/pdf");
}

int page_file(struct req *r)
{
	struct attachment at;
	const void *data = NULL;
	int rc = attachment_get(r->db, r->user, r->a, r->id, &at, &data);
	if (rc == PH_EFORBIDDEN)
		r->err_reason_vi = access_refusal_vi(ACT_PRIVATE_READ);
	if (rc)
		return rc;
	const char *mime = at.mime ? at.mime : "application/octet-stream";
	return reply_file(r, data, (size_t)at.size, mime, at.name, showable(mime));
}
