/* plans.c: /plans (the list of imported plans and programs) and
 * /plans/{id}: one plan as the document gives it: the header, the outline
 * of its sections, the task table laid out like the document's appendix
 * (grouped under section headings, units linked to their pages), then the
 * report deadlines, targets, legal references, recipients, signers and
 * the items left for review at import. The tasks come a page at a time
 * (TASK_PAGE_SIZE, read by key) with links to the previous and next page;
 * the other lists stop at PLAN_LIST_MAX items with a note saying so. The
 * timeline chart is timeline.c. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "base/text.h"
#include "db/store.h"
#include "model/access.h"
#include "model/plan.h"
#include "model/document.h"
#include "model/task.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include "web/download.h"
#include <stdlib.h>
#include <string.h>

/* Vietnamese name of a document type. */
static const char *type_label(const char *type)
{
	static const char *const types[][2] = {
		{"plan", "Kế hoạch"}, {"program", "Chương trình"}, {"report", "Báo cáo"},
		{"decision", "Quyết định"}, {"regulation", "Quy chế"}, {"other", "Văn bản"},
	};
	for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(type, types[i][0]))
			return types[i][1];
	return "Văn bản";
}

/* ---- /plans ------------------------------------------------------------- */

int page_plans(struct req *r)
{
	struct plan *p = NULL;
	size_t n = 0;
	int rc = plan_list(r->db, r->a, &p, &n);
	if (rc)
		return rc;
	layout_begin(r, "Kế hoạch", "plans");
	H(r, "<h1>Kế hoạch, chương trình</h1>");
	/* After a withdrawal (pages/withdraw.c). */
	const char *ok = req_query(r, "ok");
	long long gone = req_query_int(r, "tasks", 0);
	if (ok && !strcmp(ok, "withdrawn"))
		layout_notice(r, "ok", arena_printf(r->a, "Đã rút lại việc nhập kế hoạch: kế hoạch, "
		                                    "%lld nhiệm vụ và văn bản đã được xóa.",
		                                    gone > 0 ? gone : 0));
	if (!n) {
		H(r, "<p class=\"muted\">Chưa có kế hoạch nào. "
		     "<a href=\"/import\">Nhập văn bản</a></p>");
		layout_end(r);
		return 0;
	}
	H(r, "<div class=\"table-wrap\"><table id=\"plan-list\"><thead><tr><th>Tên kế hoạch</th>"
	     "<th>Số, ký hiệu</th><th>Ngày ban hành</th><th class=\"num\">Số nhiệm vụ</th>"
	     "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<tr><td><span class=\"muted\">");
		html_text(r, type_label(p[i].type));
		H(r, "</span><br><a href=\"/plans/");
		html_int(r, p[i].id);
		H(r, "\">");
		html_text(r, p[i].title ? p[i].title : "(không có tên)");
		H(r, "</a></td><td>");
		html_text(r, p[i].number ? p[i].number : p[i].symbol);
		H(r, "</td><td>");
		html_date(r, p[i].date);
		H(r, "</td><td class=\"num\"><a href=\"/tasks?plan=");
		html_int(r, p[i].id);
		H(r, "\">");
		html_int(r, p[i].tasks);
		H(r, "</a></td></tr>");
	}
	H(r, "</tbody></table></div>");
	layout_end(r);
	return 0;
}

/* ---- /plans/{id} -------------------------------------------------------- */

/* A unit as a link when resolved, else the text as written. */
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
		html_attr(r, name);
		H(r, "\"");
	}
	H(r, ">");
	html_text(r, text ? text : name);
	H(r, "</a>");
}

/* "Lào Cai, ngày 15 tháng 01 năm 2025" from the place and an ISO date. */
static void place_date(struct req *r, const struct plan *p)
{
	struct ph_date d;
	if (p->place)
		html_text(r, p->place);
	if (p->date && !date_parse_iso(p->date, &d) && date_is_full(d)) {
		if (p->place)
			H(r, ", ");
		H(r, "ngày ");
		html_text(r, arena_printf(r->a, "%02d", d.d));
		H(r, " tháng ");
		html_text(r, arena_printf(r->a, "%02d", d.m));
		H(r, " năm ");
		html_int(r, d.y);
	} else if (p->date) {
		if (p->place)
			H(r, ", ");
		html_text(r, p->date);
	}
}

static void header(struct req *r, const struct plan *p)
{
	H(r, "<header class=\"doc-head card\" id=\"plan-header\"><p class=\"doc-type\">");
	html_text(r, type_label(p->type));
	H(r, "</p><h1>");
	html_text(r, p->title ? p->title : "(không có tên)");
	H(r, "</h1><dl class=\"meta\">");
	if (p->issuers) {
		H(r, "<dt>Cơ quan ban hành</dt><dd id=\"plan-issuers\">");
		html_text(r, p->issuers);
		H(r, "</dd>");
	}
	if (p->number || p->symbol) {
		H(r, "<dt>Số, ký hiệu</dt><dd>");
		html_text(r, p->number ? p->number : p->symbol);
		H(r, "</dd>");
	}
	if (p->place || p->date) {
		H(r, "<dt>Nơi, ngày ban hành</dt><dd>");
		place_date(r, p);
		H(r, "</dd>");
	}
	if (p->period_start || p->period_end || p->year) {
		H(r, "<dt>Thời gian thực hiện</dt><dd>");
		if (p->period_start && p->period_end) {
			html_date(r, p->period_start);
			H(r, " – ");
			html_date(r, p->period_end);
		} else {
			H(r, "năm ");
			html_int(r, p->year);
		}
		H(r, "</dd>");
	}
	H(r, "<dt>Số nhiệm vụ</dt><dd>");
	html_int(r, p->tasks);
	H(r, "</dd>");
	if (p->has_file) {
		/* The Word or PDF file as it came, to check the import against. */
		H(r, "<dt>Tệp gốc</dt><dd><a id=\"plan-original\" href=\"/documents/");
		html_int(r, p->document_id);
		H(r, "/file\">");
		html_text(r, p->source_name);
		H(r, "</a></dd>");
	}
	H(r, "</dl><p class=\"no-print\"><a class=\"button\" id=\"timeline-link\" href=\"/plans/");
	html_int(r, p->id);
	H(r, "/timeline\">Biểu đồ tiến độ</a> <a href=\"/tasks?plan=");
	html_int(r, p->id);
	H(r, "\">Lọc nhiệm vụ của kế hoạch</a></p><p class=\"downloads no-print\">"
	     "<a class=\"button\" id=\"plan-docx\" download href=\"/plans/");
	html_int(r, p->id);
	H(r, "/export?format=docx\">Tải Word (.docx)</a> <a class=\"button\" download href=\"/plans/");
	html_int(r, p->id);
	H(r, "/export?format=xlsx\">Tải Excel</a> <a class=\"button\" download href=\"/plans/");
	html_int(r, p->id);
	H(r, "/export?format=csv\">Tải CSV</a></p></header>");
}

/* GET /plans/{id}/export?format=docx|xlsx|csv */
int page_plan_export(struct req *r)
{
	return download_plan(r);
}

/* Under a list cut at PLAN_LIST_MAX items. */
static void cut_note(struct req *r, int cut)
{
	if (!cut)
		return;
	H(r, "<p class=\"muted\">Danh sách dài hơn ");
	html_int(r, PLAN_LIST_MAX);
	H(r, " mục; chỉ hiển thị ");
	html_int(r, PLAN_LIST_MAX);
	H(r, " mục đầu tiên.</p>");
}

static void sections(struct req *r, const struct plan_section *s, size_t n, int cut)
{
	if (!n)
		return;
	H(r, "<section id=\"sections\"><h2>Bố cục văn bản</h2><ul class=\"outline\">");
	for (size_t i = 0; i < n; i++) {
		int lvl = s[i].level < 1 ? 1 : s[i].level > 4 ? 4 : s[i].level;
		H(r, "<li class=\"lvl");
		html_int(r, lvl);
		H(r, "\">");
		if (s[i].no && *s[i].no) {
			size_t len = strlen(s[i].no);
			char last = s[i].no[len - 1];
			html_text(r, s[i].no);
			/* "I" and "1.1" read as the document writes them: "I.", "1.1." */
			if ((last >= '0' && last <= '9') || (last >= 'A' && last <= 'Z'))
				H(r, ".");
			H(r, " ");
		}
		html_text(r, s[i].title);
		H(r, "</li>");
	}
	H(r, "</ul>");
	cut_note(r, cut);
	H(r, "</section>");
}

int plans_task_page(struct req *r, struct task_page *pg)
{
	long long after = req_query_int(r, "after", 0), before = req_query_int(r, "before", 0);
	int rc = task_plan_page(r->db, r->a, r->id, after, before, 0, pg);
	if (rc == PH_EINVAL) {
		r->err_detail = "after/before must be the id of a task of this plan";
		r->err_reason_vi = "Trang nhiệm vụ được yêu cầu không thuộc kế hoạch này.";
	}
	return rc;
}

void plans_task_pager(struct req *r, const struct task_page *pg, long long total,
                      const char *base)
{
	if (!pg->prev && !pg->next)
		return;
	H(r, "<nav class=\"pager no-print\" aria-label=\"Phân trang nhiệm vụ\">");
	if (pg->prev) {
		H(r, "<a rel=\"prev\" href=\"");
		html_attr(r, base);
		H(r, "before=");
		html_int(r, pg->prev);
		H(r, "\">← Trang trước</a>");
	}
	if (pg->n) {
		H(r, "<span>Nhiệm vụ ");
		html_int(r, pg->first);
		H(r, "–");
		html_int(r, pg->first + (long long)pg->n - 1);
		H(r, " trong tổng số ");
		html_int(r, total);
		H(r, "</span>");
	}
	if (pg->next) {
		H(r, "<a rel=\"next\" href=\"");
		html_attr(r, base);
		H(r, "after=");
		html_int(r, pg->next);
		H(r, "\">Trang sau →</a>");
	}
	H(r, "</nav>");
}

/* The task table as in the appendix, one page of it, a heading row where
 * the section changes (and above the page's first task, so that a page
 * that starts inside a section still says which). */
static void task_table(struct req *r, const struct plan *p, const struct task_page *pg)
{
	const struct task *t = pg->t;
	size_t n = pg->n;
	const char *base = arena_printf(r->a, "/plans/%lld?", p->id);
	H(r, "<section id=\"tasks\"><h2>Nhiệm vụ</h2>");
	if (!n) {
		if (p->tasks) {
			H(r, "<p class=\"muted\">Không còn nhiệm vụ nào sau trang trước. <a href=\"/plans/");
			html_int(r, p->id);
			H(r, "#tasks\">Về trang đầu</a></p></section>");
		}
		else
			H(r, "<p class=\"muted\">Kế hoạch không có nhiệm vụ nào.</p></section>");
		return;
	}
	if (base)
		plans_task_pager(r, pg, p->tasks, base);
	H(r, "<div class=\"table-wrap\"><table id=\"plan-tasks\" class=\"appendix\"><thead><tr>"
	     "<th>TT</th><th>Nội dung nhiệm vụ</th><th>Cơ quan chủ trì</th>"
	     "<th>Cơ quan phối hợp</th><th>Thời gian thực hiện</th><th>Trạng thái</th>"
	     "</tr></thead><tbody>");
	const char *cur = NULL;
	for (size_t i = 0; i < n; i++) {
		if (t[i].section && (!cur || strcmp(cur, t[i].section))) {
			H(r, "<tr class=\"group\"><th colspan=\"6\" scope=\"rowgroup\">");
			html_text(r, t[i].section);
			H(r, "</th></tr>");
		}
		cur = t[i].section;
		if (t[i].overdue)
			H(r, "<tr class=\"overdue\"><td>");
		else
			H(r, "<tr><td>");
		H(r, "<a href=\"/tasks/");
		html_int(r, t[i].id);
		H(r, "\">");
		html_text(r, t[i].no ? t[i].no : "–");
		H(r, "</a></td><td><a href=\"/tasks/");
		html_int(r, t[i].id);
		H(r, "\">");
		html_text(r, t[i].content);
		H(r, "</a>");
		if (t[i].notes) {
			H(r, "<br><span class=\"muted\">");
			html_text(r, t[i].notes);
			H(r, "</span>");
		}
		H(r, "</td><td>");
		unit_ref(r, t[i].lead_unit_id, t[i].lead_name, t[i].lead_text);
		H(r, "</td><td>");
		for (size_t k = 0; k < t[i].coords_len; k++) {
			const struct task_coord *c = &t[i].coords[k];
			if (k)
				H(r, ";<br>");
			unit_ref(r, c->unit_id, c->unit_name, c->text);
		}
		H(r, "</td><td>");
		html_text(r, t[i].timeframe_text);
		if (t[i].end) {
			H(r, "<br><span class=\"muted\">");
			if (t[i].start) {
				html_date(r, t[i].start);
				H(r, " – ");
			} else {
				H(r, "hạn ");
			}
			html_date(r, t[i].end);
			H(r, "</span>");
		}
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
	if (base)
		plans_task_pager(r, pg, p->tasks, base);
	H(r, "</section>");
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

static void deadlines(struct req *r, const struct store_row *row, size_t n, int cut)
{
	if (!n)
		return;
	H(r, "<section id=\"deadlines\"><h2>Chế độ báo cáo</h2><div class=\"table-wrap\"><table>"
	     "<thead><tr><th>Nội dung</th><th>Kỳ</th><th>Hạn</th><th>Gửi đến</th></tr></thead>"
	     "<tbody>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<tr><td>");
		html_text(r, row[i].c[0]);
		H(r, "</td><td>");
		deadline_kind(r, row[i].c[1]);
		H(r, "</td><td class=\"num\">");
		html_date(r, row[i].c[2]);
		H(r, "</td><td>");
		html_text(r, row[i].c[3]);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
	cut_note(r, cut);
	H(r, "</section>");
}

/* The button that turns the plan's report deadlines into report
 * schedules (model/schedule.c decides; shown only to who may). */
static void schedule_button(struct req *r, long long plan_id, size_t ndeadlines)
{
	if (!ndeadlines || access_check(r->db, r->user, ACT_SCHEDULE_EDIT, r->user->unit_id))
		return;
	html_form_post(r, arena_printf(r->a, "/plans/%lld/schedules", plan_id),
	               "class=\"inline\"");
	H(r, "<input type=\"hidden\" name=\"receiving_unit_id\" value=\"");
	html_int(r, r->user->unit_id);
	H(r, "\"><button type=\"submit\">Lập lịch báo cáo từ các hạn báo cáo</button>"
	     " <small class=\"muted\">Đơn vị nhận: đơn vị ghi trong kế hoạch, nếu không rõ thì"
	     " đơn vị của bạn.</small></form>");
}

/* Targets read as a sentence: the text, then "≥ 100 %, đến năm 2025". */
static void targets(struct req *r, const struct store_row *row, size_t n, int cut)
{
	if (!n)
		return;
	H(r, "<section id=\"targets\"><h2>Chỉ tiêu</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		char *const *c = row[i].c;
		H(r, "<li>");
		html_text(r, c[0]);
		H(r, "<br><span class=\"muted\">");
		const char *op = c[1] ? c[1] : "";
		if (!strcmp(op, ">="))
			H(r, "≥ ");
		else if (!strcmp(op, "<="))
			H(r, "≤ ");
		else if (!strcmp(op, ">"))
			H(r, "> ");
		else if (!strcmp(op, "<"))
			H(r, "< ");
		else if (*op && strcmp(op, "=")) {
			html_text(r, op);
			H(r, " ");
		}
		if (c[2])
			html_num(r, strtod(c[2], NULL), 2, 1);
		if (c[3]) {
			if (strcmp(c[3], "%"))
				H(r, " ");
			html_text(r, c[3]);
		}
		if (c[6] && !strcmp(c[6], "1"))
			H(r, ", hằng năm");
		if (c[4] && c[5]) {
			H(r, ", ");
			html_text(r, c[4]);
			H(r, "–");
			html_text(r, c[5]);
		} else if (c[5]) {
			H(r, ", đến năm ");
			html_text(r, c[5]);
		} else if (c[4]) {
			H(r, ", từ năm ");
			html_text(r, c[4]);
		}
		H(r, "</span></li>");
	}
	H(r, "</ul>");
	cut_note(r, cut);
	H(r, "</section>");
}

static void references(struct req *r, const struct store_row *row, size_t n, int cut)
{
	if (!n)
		return;
	H(r, "<section id=\"references\"><h2>Căn cứ, văn bản dẫn chiếu</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<li>");
		html_text(r, row[i].c[0]);
		H(r, "</li>");
	}
	H(r, "</ul>");
	cut_note(r, cut);
	H(r, "</section>");
}

static void recipients(struct req *r, const struct store_row *row, size_t n, int cut)
{
	if (!n)
		return;
	H(r, "<section id=\"recipients\"><h2>Nơi nhận</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<li>");
		html_text(r, row[i].c[0]);
		H(r, "</li>");
	}
	H(r, "</ul>");
	cut_note(r, cut);
	H(r, "</section>");
}

/* Signers as the signature block reads: authority, position, name. */
static void signers(struct req *r, const struct store_row *row, size_t n, int cut)
{
	if (!n)
		return;
	H(r, "<section id=\"signers\"><h2>Người ký</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		char *const *c = row[i].c;
		H(r, "<li>");
		if (c[2]) {
			html_text(r, c[2]);
			H(r, " · ");
		}
		if (c[1]) {
			html_text(r, c[1]);
			H(r, " · ");
		}
		H(r, "<b>");
		html_text(r, c[0]);
		H(r, "</b>");
		if (c[3]) {
			H(r, " <span class=\"muted\">(");
			html_text(r, c[3]);
			H(r, ")</span>");
		}
		H(r, "</li>");
	}
	H(r, "</ul>");
	cut_note(r, cut);
	H(r, "</section>");
}

static void review(struct req *r, const struct store_row *row, size_t n, int cut)
{
	if (!n)
		return;
	H(r, "<section id=\"review\"><h2>Mục cần kiểm tra khi nhập</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<li>");
		if (row[i].c[2]) {
			/* a Word or PDF file: where it is in the file */
			char *up = text_upper_first(row[i].c[2]);
			html_text(r, up ? up : row[i].c[2]);
			free(up);
			H(r, ": ");
		} else if (row[i].c[0]) {
			H(r, "Dòng ");
			html_text(r, row[i].c[0]);
			H(r, ": ");
		}
		html_text(r, row[i].c[1]);
		H(r, "</li>");
	}
	H(r, "</ul>");
	cut_note(r, cut);
	H(r, "</section>");
}

int page_plan(struct req *r)
{
	struct plan p;
	struct task_page pg;
	memset(&pg, 0, sizeof pg);
	int rc = plan_get(r->db, r->a, r->id, &p);
	struct plan_section *sec = NULL;
	size_t nsec = 0;
	int cut[7] = {0};
	if (!rc)
		rc = store_plan_sections_max(r->db, r->a, r->id, PLAN_LIST_MAX, &sec, &nsec, &cut[6]);
	if (!rc)
		rc = plans_task_page(r, &pg);
	static const char *const what[] = {"deadlines", "targets", "references",
	                                   "recipients", "signers", "review"};
	struct store_row *rows[6] = {0};
	size_t nrows[6] = {0};
	for (int k = 0; !rc && k < 6; k++)
		rc = store_plan_rows(r->db, r->a, r->id, what[k], PLAN_LIST_MAX, &rows[k],
		                     &nrows[k], &cut[k]);
	if (rc)
		return rc;

	layout_begin(r, p.title ? p.title : "Kế hoạch", "plans");
	/* After an import's confirm (pages/import.c): say it worked. */
	const char *ok = req_query(r, "ok");
	if (ok && !strcmp(ok, "import"))
		layout_notice(r, "ok", arena_printf(r->a, "Đã nhập kế hoạch “%s”: %d nhiệm vụ.",
		                                    p.title ? p.title : "(không có tên)", p.tasks));
	header(r, &p);
	sections(r, sec, nsec, cut[6]);
	task_table(r, &p, &pg);
	deadlines(r, rows[0], nrows[0], cut[0]);
	schedule_button(r, r->id, nrows[0]);
	targets(r, rows[1], nrows[1], cut[1]);
	references(r, rows[2], nrows[2], cut[2]);
	recipients(r, rows[3], nrows[3], cut[3]);
	signers(r, rows[4], nrows[4], cut[4]);
	review(r, rows[5], nrows[5], cut[5]);
	plans_withdraw_link(r, r->id);
	layout_end(r);
	return 0;
}

/* GET /documents/{id}/file: the Word or PDF file a plan was imported from,
 * as it came. */
int page_document_file(struct req *r)
{
	char *name = NULL, *format = NULL;
	const void *data = NULL;
	size_t len = 0;
	int rc = document_file_get(r->db, r->a, r->id, &name, &format, &data, &len);
	if (rc)
		return rc;
	return reply_file(r, data, len, document_file_mime(format), name, 0);
}
