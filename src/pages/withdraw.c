/* withdraw.c: /plans/{id}/withdraw: withdrawing an import made by
 * mistake (model/withdraw.h). GET is the confirmation screen: what will
 * be removed, or, when something was recorded against the plan, why it
 * cannot be; POST withdraws it and goes to the plan list, which says so.
 * The plan page links here for those who may (plans_withdraw_link). */
#include "pages/pages.h"
#include "base/err.h"
#include "model/user.h"
#include "model/withdraw.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include <string.h>

/* One line of the list of what goes: "12 nhiệm vụ", skipped when 0. */
static void item(struct req *r, long long n, const char *words)
{
	if (!n)
		return;
	H(r, "<li>");
	html_int(r, n);
	H(r, " ");
	html_text(r, words);
	H(r, "</li>");
}

static void removed_list(struct req *r, const struct withdraw_info *w)
{
	const struct store_withdraw_counts *n = &w->n;
	H(r, "<ul id=\"withdraw-list\"><li>Kế hoạch và văn bản đã nhập (tệp ");
	html_text(r, w->source_name);
	H(r, ")</li>");
	item(r, n->tasks, "nhiệm vụ");
	item(r, n->coordinators, "đơn vị phối hợp của các nhiệm vụ");
	item(r, n->sections, "mục của bố cục");
	item(r, n->deadlines, "thời hạn báo cáo");
	item(r, n->targets, "chỉ tiêu ghi trong văn bản");
	item(r, n->references, "căn cứ");
	item(r, n->recipients, "nơi nhận");
	item(r, n->signers, "người ký");
	item(r, n->review_items, "điểm cần kiểm tra");
	item(r, n->schedules, "lịch báo cáo lập từ kế hoạch");
	item(r, n->notices, "thông báo nhắc hạn của các lịch đó");
	item(r, (long long)w->indicators_len, "chỉ tiêu theo dõi tạo khi nhập");
	item(r, (long long)w->units_len, "đơn vị đề xuất tạo khi nhập (không còn dùng ở đâu khác)");
	H(r, "</ul>");
}

/* The confirmation screen, with error above it when not NULL. */
static int confirm_screen(struct req *r, const struct withdraw_info *w, const char *error,
                          int status)
{
	r->status = status;
	layout_begin(r, "Rút lại việc nhập kế hoạch", "plans");
	H(r, "<p class=\"crumbs\"><a href=\"/plans\">Kế hoạch</a> › <a href=\"/plans/");
	html_int(r, w->plan_id);
	H(r, "\">");
	html_text(r, w->title ? w->title : "Kế hoạch");
	H(r, "</a></p><h1>Rút lại việc nhập kế hoạch</h1>");
	if (error)
		layout_notice(r, "error", error);
	const char *reason = withdraw_reason_vi(r->a, w);
	H(r, "<section class=\"card\" id=\"withdraw\">");
	if (reason) {
		H(r, "<p class=\"notice error\" role=\"alert\" id=\"withdraw-refused\">");
		html_text(r, reason);
		H(r, "</p><p>Kế hoạch đang được dùng nên được giữ lại. Nếu văn bản nhập sai, hãy sửa "
		     "từng nhiệm vụ hoặc nhờ quản trị viên.</p><p><a href=\"/plans/");
		html_int(r, w->plan_id);
		H(r, "\">Về trang kế hoạch</a></p></section>");
		layout_end(r);
		return 0;
	}
	H(r, "<p>Dùng khi văn bản được nhập nhầm. Chưa có ghi nhận nào trên kế hoạch (trạng thái, "
	     "ghi chú, tệp, báo cáo, số liệu), nên có thể rút lại. Những gì sau đây sẽ bị xóa:</p>");
	removed_list(r, w);
	H(r, "<p>Việc rút lại được ghi vào nhật ký. Sau đó có thể nhập lại văn bản nếu cần.</p>");
	html_form_post(r, arena_printf(r->a, "/plans/%lld/withdraw", w->plan_id),
	               "id=\"withdraw-form\"");
	H(r, "<p><button type=\"submit\" class=\"late\">Rút lại việc nhập</button> <a href=\"/plans/");
	html_int(r, w->plan_id);
	H(r, "\">Hủy</a></p></form></section>");
	layout_end(r);
	return 0;
}

int page_plan_withdraw_form(struct req *r)
{
	struct withdraw_info w;
	int rc = withdraw_check(r->db, r->user, r->a, r->id, &w);
	if (rc)
		return rc;
	return confirm_screen(r, &w, NULL, 200);
}

int page_plan_withdraw(struct req *r)
{
	struct withdraw_info w;
	int rc = withdraw_plan(r->db, r->user, r->a, r->id, &w);
	if (rc == PH_ECONFLICT) {
		r->err_detail = withdraw_conflicts(r->a, &w);
		return confirm_screen(r, &w, "Chưa rút lại được: đã có ghi nhận trên kế hoạch.", 409);
	}
	if (rc)
		return rc;
	return reply_redirect(r, arena_printf(r->a, "/plans?ok=withdrawn&tasks=%lld", w.n.tasks));
}

void plans_withdraw_link(struct req *r, long long plan_id)
{
	struct withdraw_info w;
	struct arena a;
	arena_init(&a);
	/* Only who may withdraw it sees the button; the screen behind it
	 * says whether anything stands in the way. */
	if (r->user && r->user->role >= ROLE_COORDINATOR &&
	    withdraw_check(r->db, r->user, &a, plan_id, &w) == 0) {
		H(r, "<p class=\"no-print\" id=\"plan-withdraw\"><a class=\"button secondary\" "
		     "href=\"/plans/");
		html_int(r, plan_id);
		H(r, "/withdraw\">Rút lại việc nhập</a> <small class=\"muted\">nếu văn bản được nhập "
		     "nhầm</small></p>");
	}
	arena_cleanup(&a);
}
