/* audit.c: /audit: the audit log, newest first, 50 entries a page,
 * filtered by entity and entity id. Reading it is checked by the model
 * (audit_list asks access.c for ACT_AUDIT_READ, and a coordinator reads
 * only the entries about units in its reach).
 *
 * Query parameters: entity (task, unit, user, plan), entity_id, page
 * (1-based).
 *
 * /audit/export?format=xlsx|csv&from=&to= (ISO days, UTC, either may be
 * empty): the entries the reader may read made on those days, as a
 * spreadsheet (export_audit, the same model check as the page). */
#include "pages/pages.h"
#include "base/err.h"
#include "model/audit.h"
#include "model/user.h"
#include "web/html.h"
#include "web/download.h"
#include "web/layout.h"
#include "base/date.h"
#include "export/tables.h"
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 50

static const char *const entities[][2] = {
	{"task", "Nhiệm vụ"}, {"unit", "Đơn vị"}, {"user", "Người dùng"}, {"plan", "Kế hoạch"},
};


/* "2026-11-23T10:15:00Z" as "23/11/2026 10:15 UTC"; other text as is. */
static void timestamp(struct req *r, const char *at)
{
	if (at && strlen(at) >= 16 && at[4] == '-' && at[10] == 'T') {
		char d[11];
		memcpy(d, at, 10);
		d[10] = 0;
		html_date(r, d);
		H(r, " ");
		html_text(r, arena_strndup(r->a, at + 11, 5));
		H(r, " UTC");
		return;
	}
	html_text(r, at);
}

/* The link to what an entry is about. */
static void target(struct req *r, const struct audit_entry *e)
{
	const char *label = e->entity;
	const char *path = NULL;
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (e->entity && !strcmp(e->entity, entities[i][0]))
			label = entities[i][1];
	if (e->entity && !strcmp(e->entity, "task"))
		path = "/tasks/";
	else if (e->entity && !strcmp(e->entity, "unit"))
		path = "/units/";
	else if (e->entity && !strcmp(e->entity, "plan"))
		path = "/plans/";
	if (path && e->entity_id > 0) {
		H(r, "<a href=\"");
		html_attr(r, path);
		html_int(r, e->entity_id);
		H(r, "\">");
	}
	html_text(r, label);
	H(r, " #");
	html_int(r, e->entity_id);
	if (path && e->entity_id > 0)
		H(r, "</a>");
}

/* A link to page p keeping the filters. */
static void page_link(struct req *r, const char *entity, long long entity_id, long long p)
{
	H(r, "/audit?page=");
	html_int(r, p);
	if (entity) {
		H(r, "&amp;entity=");
		html_url(r, entity);
	}
	if (entity_id > 0) {
		H(r, "&amp;entity_id=");
		html_int(r, entity_id);
	}
}

int page_audit(struct req *r)
{
	const char *entity = req_query(r, "entity");
	if (entity && !*entity)
		entity = NULL;
	int known = !entity;
	for (size_t i = 0; entity && i < sizeof entities / sizeof entities[0]; i++)
		known |= !strcmp(entity, entities[i][0]);
	if (!known) {
		r->err_detail = "entity must be task, unit, user or plan";
		return PH_EINVAL;
	}
	long long entity_id = req_query_int(r, "entity_id", 0);
	long long page = req_query_int(r, "page", 1);
	if (entity_id < 0)
		entity_id = 0;
	if (page < 1 || page > 1000000)
		page = 1;

	struct audit_filter f = {.entity = entity, .entity_id = entity_id,
	                         .limit = PER_PAGE, .offset = (int)((page - 1) * PER_PAGE)};
	struct audit_entry *e = NULL;
	size_t n = 0;
	long long total = 0;
	int rc = audit_list(r->db, r->user, r->a, &f, &e, &n, &total);
	if (rc)
		return rc;
	long long pages = total ? (total + PER_PAGE - 1) / PER_PAGE : 1;

	layout_begin(r, "Nhật ký thay đổi", "audit");
	H(r, "<h1>Nhật ký thay đổi</h1>"
	     "<form method=\"get\" action=\"/audit\" class=\"filters\" id=\"audit-filter\">"
	     "<p><label for=\"entity\">Đối tượng</label><select id=\"entity\" name=\"entity\">"
	     "<option value=\"\">Tất cả</option>");
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		H(r, "<option value=\"");
		html_attr(r, entities[i][0]);
		H(r, "\"");
		if (entity && !strcmp(entity, entities[i][0]))
			H(r, " selected");
		H(r, ">");
		html_text(r, entities[i][1]);
		H(r, "</option>");
	}
	H(r, "</select></p><p><label for=\"entity_id\">Mã số</label>"
	     "<input type=\"number\" id=\"entity_id\" name=\"entity_id\" min=\"1\" value=\"");
	if (entity_id > 0)
		html_int(r, entity_id);
	H(r, "\"></p><p><button type=\"submit\">Lọc</button></p></form>"
	     "<form method=\"get\" action=\"/audit/export\" class=\"filters no-print\""
	     " id=\"audit-export\"><p><label for=\"from\">Từ ngày</label>"
	     "<input type=\"date\" id=\"from\" name=\"from\"></p>"
	     "<p><label for=\"to\">Đến ngày</label><input type=\"date\" id=\"to\" name=\"to\"></p>"
	     "<p><button type=\"submit\" name=\"format\" value=\"xlsx\">Tải Excel</button> "
	     "<button type=\"submit\" name=\"format\" value=\"csv\">Tải CSV</button></p></form>");

	H(r, "<p class=\"muted\" id=\"audit-scope\">");
	html_int(r, total);
	if (r->user->role == ROLE_ADMIN)
		H(r, " mục.</p>");
	else
		H(r, " mục về các đơn vị thuộc phạm vi của bạn (đơn vị của bạn và các đơn vị cấp"
		     " dưới).</p>");
	if (!n) {
		H(r, "<p class=\"muted\">Không có thay đổi nào.</p>");
	} else {
		H(r, "<div class=\"table-wrap\"><table id=\"audit-log\"><thead><tr>"
		     "<th>Thời điểm</th><th>Người thực hiện</th><th>Hành động</th>"
		     "<th>Đối tượng</th><th>Trước → sau</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			H(r, "<tr><td>");
			timestamp(r, e[i].at);
			H(r, "</td><td>");
			if (e[i].user_login)
				html_text(r, e[i].user_login);
			else
				H(r, "<span class=\"muted\">(dòng lệnh)</span>");
			H(r, "</td><td>");
			const char *label = audit_action_label(e[i].action);
			html_text(r, label ? label : e[i].action);
			H(r, "</td><td>");
			target(r, &e[i]);
			H(r, "</td><td>");
			if (e[i].before) {
				H(r, "<code>");
				html_text(r, e[i].before);
				H(r, "</code>");
			} else {
				H(r, "<span class=\"muted\">—</span>");
			}
			H(r, " → ");
			if (e[i].after) {
				H(r, "<code>");
				html_text(r, e[i].after);
				H(r, "</code>");
			} else {
				H(r, "<span class=\"muted\">—</span>");
			}
			H(r, "</td></tr>");
		}
		H(r, "</tbody></table></div>");
	}
	if (pages > 1) {
		H(r, "<nav class=\"pager\" aria-label=\"Trang\">");
		if (page > 1) {
			H(r, "<a rel=\"prev\" href=\"");
			page_link(r, entity, entity_id, page - 1);
			H(r, "\">← Trang trước</a>");
		}
		H(r, "<span>Trang ");
		html_int(r, page);
		H(r, " / ");
		html_int(r, pages);
		H(r, "</span>");
		if (page < pages) {
			H(r, "<a rel=\"next\" href=\"");
			page_link(r, entity, entity_id, page + 1);
			H(r, "\">Trang sau →</a>");
		}
		H(r, "</nav>");
	}
	layout_end(r);
	return 0;
}

int page_audit_export(struct req *r)
{
	int format = 0;
	char sep = ',';
	int rc = download_params(r, &format, &sep);
	if (rc)
		return rc;
	struct ph_date from = {0, 0, 0}, to = {0, 0, 0};
	const char *f = req_query(r, "from"), *t = req_query(r, "to");
	if ((f && *f && date_parse_iso(f, &from)) || (t && *t && date_parse_iso(t, &to)) ||
	    (date_is_full(from) && date_is_full(to) && date_cmp(from, to) > 0)) {
		r->err_detail = "from and to must be dates YYYY-MM-DD, from not after to";
		r->err_reason_vi = "Khoảng ngày không hợp lệ: chọn “từ ngày” không sau “đến ngày”.";
		return PH_EINVAL;
	}
	if ((rc = export_audit(r->db, r->user, from, to, format, sep, download_body(r))))
		return rc;
	return download_send(r, format, "nhat-ky-thay-doi");
}
