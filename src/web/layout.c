/* layout.c: the shared page chrome (see layout.h). The menu shows only
 * what the signed-in person may open, asking access.c. */
#include "web/layout.h"
#include "web/html.h"
#include "model/access.h"
#include "model/user.h"
#include <string.h>

static void item(struct req *r, const char *active, const char *key,
                 const char *href, const char *label)
{
	H(r, "<li><a href=\"");
	html_attr(r, href);
	H(r, "\"");
	if (active && !strcmp(active, key))
		H(r, " aria-current=\"page\"");
	H(r, ">");
	html_text(r, label);
	H(r, "</a></li>");
}

void layout_begin(struct req *r, const char *title, const char *active)
{
	H(r, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>");
	html_text(r, title);
	H(r, " · Phối hợp</title>"
	     "<link rel=\"stylesheet\" href=\"/assets/style.css\">"
	     "<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">"
	     "<script src=\"/assets/app.js\" defer></script></head><body>"
	     "<header class=\"top\"><a class=\"brand\" href=\"/\">Phối hợp</a>");
	if (r->user) {
		H(r, "<nav aria-label=\"Chính\"><ul>");
		item(r, active, "dashboard", "/", "Tổng quan");
		item(r, active, "plans", "/plans", "Kế hoạch");
		item(r, active, "tasks", "/tasks", "Nhiệm vụ");
		item(r, active, "units", "/units", "Đơn vị");
		item(r, active, "schedules", "/schedules", "Báo cáo");
		item(r, active, "indicators", "/indicators", "Chỉ tiêu");
		item(r, active, "dashboards", "/dashboards", "Bảng điều khiển");
		item(r, active, "notices", "/notices", "Thông báo");
		if (!access_check(r->db, r->user, ACT_IMPORT, 0))
			item(r, active, "import", "/import", "Nhập văn bản");
		if (!access_check(r->db, r->user, ACT_AUDIT_READ, 0))
			item(r, active, "audit", "/audit", "Nhật ký");
		H(r, "</ul></nav><div class=\"who\"><span>");
		html_text(r, r->user->name);
		H(r, " · ");
		html_text(r, role_label(r->user->role));
		if (r->user->unit_name) {
			H(r, " · ");
			html_text(r, r->user->unit_name);
		}
		H(r, "</span>");
		html_form_post(r, "/logout", "class=\"inline\"");
		H(r, "<button type=\"submit\" class=\"link\">Đăng xuất</button></form></div>");
	}
	H(r, "</header><main>");
}

void layout_end(struct req *r)
{
	H(r, "</main><footer>Phối hợp · theo dõi kế hoạch, nhiệm vụ và báo cáo</footer>"
	     "</body></html>\n");
}

void layout_notice(struct req *r, const char *kind, const char *text)
{
	if (kind && !strcmp(kind, "error"))
		H(r, "<p class=\"notice error\" role=\"alert\">");
	else
		H(r, "<p class=\"notice ok\" role=\"status\">");
	html_text(r, text);
	H(r, "</p>");
}
