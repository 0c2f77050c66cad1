/* feeds.c: a unit's calendar feed on the web: GET /feeds/{token}.ics
 * serves the iCalendar text to calendar applications (public route: the
 * secret token is the credential), and POST /units/{id}/feed makes a new
 * token and shows its address once (it is never put in a URL the browser
 * keeps in its history). */
#include "pages/pages.h"
#include "base/err.h"
#include "model/feed.h"
#include "model/unit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include <string.h>

/* Largest calendar served. */
#define FEED_MAX (8u * 1024 * 1024)

/* 1 when the request came over HTTPS as far as we can tell. */
static int https(struct req *r)
{
	const char *p = req_header(r, "X-Forwarded-Proto");
	return (r->cfg && r->cfg->secure_cookies) || (p && strcmp(p, "https") == 0);
}

int page_feed(struct req *r)
{
	const char *name = r->name ? r->name : "";
	size_t n = strlen(name);
	if (n != 68 || strcmp(name + 64, ".ics") != 0)
		return PH_ENOTFOUND;
	char token[65];
	memcpy(token, name, 64);
	token[64] = 0;
	long long unit_id = 0;
	int rc = feed_unit_by_token(r->db, token, &unit_id);
	if (rc)
		return rc;
	const char *host = req_header(r, "Host");
	struct buf out;
	buf_init(&out, FEED_MAX);
	rc = feed_ical(r->db, r->a, unit_id, &out, host, feed_base_url(r->a, host, https(r)));
	char *data = NULL;
	size_t len = out.len;
	if (!rc && !(data = arena_alloc(r->a, len + 1)))
		rc = PH_ENOMEM;
	if (!rc)
		memcpy(data, buf_str(&out), len);
	buf_cleanup(&out);
	if (rc)
		return rc;
	req_add_header(r, "Cache-Control", "private, max-age=300");
	return reply_file(r, data, len, "text/calendar; charset=utf-8", "lich.ics", 1);
}

int page_unit_feed(struct req *r)
{
	char token[65];
	struct unit u;
	int rc = unit_get(r->db, r->a, r->id, &u);
	if (!rc)
		rc = feed_renew(r->db, r->user, r->id, token);
	if (rc)
		return rc;
	const char *base = feed_base_url(r->a, req_header(r, "Host"), https(r));
	const char *url = arena_printf(r->a, "%s/feeds/%s.ics", base ? base : "", token);
	/* The page holds the secret: no caching anywhere. */
	req_add_header(r, "Cache-Control", "no-store");

	layout_begin(r, "Đường dẫn lịch của đơn vị", "units");
	H(r, "<p><a href=\"/units/");
	html_int(r, u.id);
	H(r, "\">← ");
	html_text(r, u.name);
	H(r, "</a></p><h1>Đường dẫn lịch của đơn vị</h1>");
	layout_notice(r, "ok", "Đã tạo đường dẫn lịch mới. Đường dẫn cũ (nếu có) không còn dùng được.");
	H(r, "<section class=\"card\"><p>Lịch nhắc hạn của <strong>");
	html_text(r, u.name);
	H(r, "</strong>: hạn các nhiệm vụ đơn vị chủ trì hoặc phối hợp và hạn báo cáo của "
	     "các kế hoạch liên quan, theo chuẩn iCalendar.</p>"
	     "<p><label for=\"feed-url\">Đường dẫn lịch</label>"
	     "<input type=\"text\" id=\"feed-url\" readonly value=\"");
	html_attr(r, url);
	H(r, "\"></p><p class=\"muted\">Hãy sao chép đường dẫn này ngay: vì lý do bảo mật, "
	     "trang này chỉ hiện nó một lần. Ai có đường dẫn đều xem được lịch, nên "
	     "không chia sẻ nó ra ngoài đơn vị.</p></section>");
	H(r, "<section class=\"card\"><h2>Cách thêm vào ứng dụng lịch</h2><ul>"
	     "<li><strong>Google Calendar</strong>: mở Google Calendar trên máy tính, bên cạnh "
	     "“Lịch khác” bấm dấu “+”, chọn “Từ URL” (Thêm lịch bằng URL), dán đường dẫn "
	     "rồi bấm “Thêm lịch”.</li>"
	     "<li><strong>Outlook</strong>: vào Lịch, chọn “Thêm lịch” → “Đăng ký từ web” "
	     "(Thêm lịch bằng URL), dán đường dẫn, đặt tên rồi bấm “Nhập”.</li>"
	     "<li><strong>Lịch trên iPhone, iPad, Mac</strong>: Cài đặt → Lịch → Tài khoản → "
	     "Thêm tài khoản → Khác → Thêm lịch đã đăng ký, rồi dán đường dẫn.</li></ul>"
	     "<p class=\"muted\">Ứng dụng lịch tự cập nhật vài giờ một lần. Tạo đường dẫn mới sẽ "
	     "thu hồi đường dẫn cũ: các lịch đã đăng ký bằng đường dẫn cũ sẽ ngừng cập nhật.</p>"
	     "</section>");
	layout_end(r);
	return 0;
}
