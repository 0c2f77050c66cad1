/* notices.c: the signed-in person's reminders: GET /notices (newest
 * first, unread marked, each linking to its report schedule, a page of
 * NOTICES_PAGE at a time, ?unread=1 for the unread only) and POST
 * /notices/{id}/read. The model (model/notice.c) lets only the owner
 * mark a notice read. */
#include "pages/pages.h"
#include "base/err.h"
#include "model/notice.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include <string.h>

#define NOTICES_PAGE 50

/* A link to page (1-based) of the list. */
static void page_link(struct req *r, int unread, long long page, const char *rel,
                      const char *text)
{
	H(r, "<a rel=\"");
	html_attr(r, rel);
	H(r, "\" href=\"/notices?");
	if (unread)
		H(r, "unread=1&amp;");
	H(r, "page=");
	html_int(r, page);
	H(r, "\">");
	html_text(r, text);
	H(r, "</a>");
}

int page_notices(struct req *r)
{
	int unread = req_query_int(r, "unread", 0) == 1;
	long long page = req_query_int(r, "page", 1);
	if (page < 1 || page > 100000)
		page = 1;
	struct notice *n = NULL;
	size_t len = 0;
	long long total = 0, unread_n = 0;
	int rc = notices_for_user(r->db, r->a, r->user->id, unread, NOTICES_PAGE,
	                          (int)((page - 1) * NOTICES_PAGE), &n, &len, &total);
	if (!rc)
		rc = notice_unread_count(r->db, r->user->id, &unread_n);
	if (rc)
		return rc;
	layout_begin(r, "Thông báo", "notices");
	H(r, "<h1>Thông báo</h1>");
	const char *ok = req_query(r, "ok");
	if (ok && !strcmp(ok, "read"))
		layout_notice(r, "ok", "Đã đánh dấu thông báo là đã đọc.");
	H(r, "<p class=\"muted\" id=\"unread-count\">");
	html_int(r, unread_n);
	H(r, " thông báo chưa đọc. ");
	if (unread)
		H(r, "<a href=\"/notices\">Xem tất cả</a>");
	else
		H(r, "<a href=\"/notices?unread=1\">Chỉ xem thông báo chưa đọc</a>");
	H(r, "</p>");
	if (!len) {
		H(r, "<p class=\"muted\" id=\"no-notices\">Không có thông báo nào.</p>");
		layout_end(r);
		return 0;
	}
	H(r, "<div class=\"table-wrap\"><table id=\"notices\"><thead><tr><th>Ngày</th>"
	     "<th>Nội dung</th><th class=\"hide-small\">Đơn vị</th><th>Trạng thái</th>"
	     "</tr></thead><tbody>");
	for (size_t i = 0; i < len; i++) {
		int is_unread = n[i].read_at == NULL;
		if (is_unread)
			H(r, "<tr class=\"unread\" id=\"notice-");
		else
			H(r, "<tr id=\"notice-");
		html_int(r, n[i].id);
		H(r, "\"><td class=\"num\">");
		html_date(r, n[i].created_at ? arena_strndup(r->a, n[i].created_at, 10) : NULL);
		H(r, "</td><td>");
		if (is_unread)
			H(r, "<b>");
		H(r, "<a href=\"/schedules/");
		html_int(r, n[i].schedule_id);
		H(r, "\">");
		html_text(r, n[i].text);
		H(r, "</a>");
		if (is_unread)
			H(r, "</b>");
		H(r, "</td><td class=\"hide-small\">");
		html_text(r, n[i].unit_name);
		H(r, "</td><td>");
		if (is_unread) {
			H(r, "<span class=\"status in_progress\">Chưa đọc</span> ");
			html_form_post(r, arena_printf(r->a, "/notices/%lld/read", n[i].id),
			               "class=\"inline\"");
			H(r, "<button type=\"submit\">Đánh dấu đã đọc</button></form>");
		} else {
			H(r, "<span class=\"status done\">Đã đọc</span>");
		}
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
	long long pages = (total + NOTICES_PAGE - 1) / NOTICES_PAGE;
	if (pages > 1) {
		H(r, "<nav class=\"pager\" aria-label=\"Phân trang\">");
		if (page > 1)
			page_link(r, unread, page - 1, "prev", "← Trang trước");
		H(r, "<span>Trang ");
		html_int(r, page);
		H(r, " / ");
		html_int(r, pages);
		H(r, "</span>");
		if (page < pages)
			page_link(r, unread, page + 1, "next", "Trang sau →");
		H(r, "</nav>");
	}
	layout_end(r);
	return 0;
}

int page_notice_read(struct req *r)
{
	int rc = notice_mark_read(r->db, r->user, r->id);
	if (rc)
		return rc;
	return reply_redirect(r, "/notices?ok=read");
}
