/* schedules.c: report schedule pages: /schedules (the list), the form of
 * a new schedule and its POST, one schedule with its submitting units,
 * and POST /plans/{id}/schedules (schedules from a plan's deadlines). The
 * model (model/schedule.c) checks the rights, validates and writes; these
 * handlers read forms and show the result. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "model/access.h"
#include "model/schedule.h"
#include "model/unit.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include <stdlib.h>
#include <string.h>

/* "dd/mm/yyyy – dd/mm/yyyy", or a dash when neither is known. */
static void range(struct req *r, const char *from, const char *to)
{
	if (!from && !to) {
		H(r, "—");
		return;
	}
	html_date(r, from ? from : "…");
	H(r, " – ");
	html_date(r, to ? to : "…");
}

/* Most lead units left out that the notice after POST
 * /plans/{id}/schedules names. */
#define LEFT_OUT_MAX 50

/* "A, B, C": the names of n units, in a. */
static const char *unit_names(struct req *r, const struct unit *u, size_t n)
{
	char *s = arena_strdup(r->a, "");
	for (size_t i = 0; s && i < n; i++)
		s = arena_printf(r->a, "%s%s%s", s, i ? ", " : "", u[i].name);
	return s ? s : "";
}

/* The notice of the lead units POST /plans/{id}/schedules left out,
 * named from "left_out=ID.ID..." (unknown ids are skipped). */
static int left_out_notice(struct req *r)
{
	const char *q = req_query(r, "left_out");
	struct unit *u = NULL;
	size_t n = 0, cap = 0;
	for (const char *p = q; p && *p && n < LEFT_OUT_MAX;) {
		char *end = NULL;
		long long id = strtoll(p, &end, 10);
		if (end == p || id <= 0)
			break;
		struct unit one;
		int rc = unit_get(r->db, r->a, id, &one);
		if (rc && rc != PH_ENOTFOUND)
			return rc;
		struct unit *slot = rc ? NULL : ARENA_PUSH(r->a, u, n, cap);
		if (!rc && !slot)
			return PH_ENOMEM;
		if (slot)
			*slot = one;
		p = *end == '.' ? end + 1 : end;
	}
	const char *msg = n ? arena_printf(r->a, "Không đưa vào lịch báo cáo %zu đơn vị chủ trì "
	                                   "nằm ngoài phạm vi của bạn: %s. Quản trị viên hoặc điều "
	                                   "phối viên cấp trên của các đơn vị này có thể lập lịch "
	                                   "cho họ.", n, unit_names(r, u, n))
	                    : NULL;
	if (n && !msg)
		return PH_ENOMEM;
	if (msg)
		layout_notice(r, "error", msg);
	return 0;
}

static int may_edit(struct req *r)
{
	return access_check(r->db, r->user, ACT_SCHEDULE_EDIT, r->user->unit_id) == 0;
}

int page_schedules(struct req *r)
{
	struct schedule *s = NULL;
	size_t n = 0;
	int rc = schedule_list(r->db, r->a, &s, &n);
	if (rc)
		return rc;
	layout_begin(r, "Lịch báo cáo", "schedules");
	H(r, "<h1>Lịch báo cáo</h1>");
	const char *ok = req_query(r, "ok");
	if (ok && !strcmp(ok, "created"))
		layout_notice(r, "ok", "Đã tạo lịch báo cáo.");
	else if (ok && !strcmp(ok, "plan"))
		layout_notice(r, "ok", arena_printf(r->a, "Đã tạo %lld lịch báo cáo từ kế hoạch"
		              " (bỏ qua %lld hạn đã có lịch hoặc chưa có ngày).",
		              req_query_int(r, "made", 0), req_query_int(r, "skipped", 0)));
	if (ok && !strcmp(ok, "plan") && (rc = left_out_notice(r)))
		return rc;
	if (may_edit(r))
		H(r, "<p><a class=\"button\" href=\"/schedules/new\">Lập lịch báo cáo mới</a></p>");
	if (!n) {
		H(r, "<p class=\"muted\">Chưa có lịch báo cáo nào.</p>");
		layout_end(r);
		return 0;
	}
	H(r, "<div class=\"table-wrap\"><table><thead><tr><th>Báo cáo</th><th>Loại</th>"
	     "<th>Kỳ báo cáo</th><th>Chốt số liệu</th><th>Hạn gửi</th><th>Đơn vị nhận</th>"
	     "<th>Số đơn vị gửi</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		H(r, "<tr><td><a href=\"/schedules/");
		html_int(r, s[i].id);
		H(r, "\">");
		html_text(r, s[i].title);
		H(r, "</a></td><td>");
		html_text(r, schedule_kind_label(s[i].kind));
		H(r, "</td><td>");
		range(r, s[i].period_start, s[i].period_end);
		H(r, "</td><td>");
		range(r, s[i].cutoff_start, s[i].cutoff_end);
		H(r, "</td><td class=\"num\">");
		html_date(r, s[i].due);
		H(r, "</td><td>");
		html_text(r, s[i].receiving_unit_name);
		H(r, "</td><td class=\"num\">");
		html_int(r, s[i].submitters);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
	layout_end(r);
	return 0;
}

/* A value the form shows: the posted one when re-rendering, else the
 * query's (prefilled links). */
static const char *val(struct req *r, const char *name)
{
	const char *v = !strcmp(r->method, "POST") ? req_form(r, name) : req_query(r, name);
	return v ? v : "";
}

/* 1 when the form posted (or the query gave) name=value. */
static int chosen(struct req *r, const char *name, const char *value)
{
	struct req_param *p = !strcmp(r->method, "POST") ? r->form : r->query;
	size_t n = !strcmp(r->method, "POST") ? r->form_len : r->query_len;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name) && !strcmp(p[i].value, value))
			return 1;
	return 0;
}

/* An <option>; none for a NULL value (one the arena refused: the page
 * becomes the memory error). */
static void option(struct req *r, const char *field, const char *value, const char *label)
{
	if (!value)
		return;
	H(r, "<option value=\"");
	html_attr(r, value);
	H(r, "\"");
	if (chosen(r, field, value))
		H(r, " selected");
	H(r, ">");
	html_text(r, label);
	H(r, "</option>");
}

static void number_options(struct req *r, const char *field, int max, const char *word)
{
	option(r, field, "", "—");
	for (int i = 1; i <= max; i++)
		option(r, field, arena_printf(r->a, "%d", i), arena_printf(r->a, "%s %d", word, i));
}

static void unit_options(struct req *r, const char *field, const struct unit *u, size_t n,
                         int in_scope_only)
{
	for (size_t i = 0; i < n; i++) {
		if (u[i].proposed || (in_scope_only && !access_in_scope(r->db, r->user, u[i].id)))
			continue;
		option(r, field, arena_printf(r->a, "%lld", u[i].id), u[i].name);
	}
}

static void text_input(struct req *r, const char *name, const char *label, const char *type,
                       const char *extra_hint)
{
	H(r, "<p><label for=\"");
	html_attr(r, name);
	H(r, "\">");
	html_text(r, label);
	H(r, "</label><input id=\"");
	html_attr(r, name);
	H(r, "\" name=\"");
	html_attr(r, name);
	H(r, "\" type=\"");
	html_attr(r, type);
	H(r, "\" value=\"");
	html_attr(r, val(r, name));
	H(r, "\">");
	if (extra_hint) {
		H(r, " <small class=\"muted\">");
		html_text(r, extra_hint);
		H(r, "</small>");
	}
	H(r, "</p>");
}

/* The form of a new schedule, with an error notice when error is set. */
static int new_form(struct req *r, const char *error)
{
	struct unit *u = NULL;
	size_t n = 0;
	int rc = unit_list(r->db, r->a, &u, &n);
	if (rc)
		return rc;
	layout_begin(r, "Lập lịch báo cáo", "schedules");
	H(r, "<p class=\"crumbs\"><a href=\"/schedules\">Lịch báo cáo</a></p>"
	     "<h1>Lập lịch báo cáo</h1>");
	if (error)
		layout_notice(r, "error", error);
	html_form_post(r, "/schedules", "class=\"card\"");
	H(r, "<p><label for=\"kind\">Loại báo cáo</label><select id=\"kind\" name=\"kind\" required>");
	for (int k = 0; k < SCHED_KIND_COUNT; k++)
		option(r, "kind", schedule_kind_name(k), schedule_kind_label(schedule_kind_name(k)));
	H(r, "</select></p>");
	text_input(r, "year", "Năm", "number", NULL);
	H(r, "<p><label for=\"month\">Tháng (báo cáo tháng)</label>"
	     "<select id=\"month\" name=\"month\">");
	number_options(r, "month", 12, "Tháng");
	H(r, "</select></p><p><label for=\"quarter\">Quý (báo cáo quý)</label>"
	     "<select id=\"quarter\" name=\"quarter\">");
	number_options(r, "quarter", 4, "Quý");
	H(r, "</select></p>");
	text_input(r, "title", "Tên báo cáo", "text", "Để trống: đặt theo loại và kỳ báo cáo.");
	H(r, "<fieldset><legend>Thời gian chốt số liệu</legend><p class=\"muted\">Để trống để dùng"
	     " mặc định theo Điều 12 Nghị định 09/2019/NĐ-CP: báo cáo tháng từ ngày 15 tháng trước"
	     " đến ngày 14; báo cáo quý từ ngày 15 của tháng trước quý đến ngày 14 của tháng cuối"
	     " quý; 6 tháng từ 15/12 năm trước đến 14/6; 9 tháng đến 14/9; năm từ 15/12 năm trước"
	     " đến 14/12. Báo cáo đột xuất phải nhập.</p>");
	text_input(r, "cutoff_start", "Từ ngày", "date", NULL);
	text_input(r, "cutoff_end", "Đến ngày", "date", NULL);
	H(r, "</fieldset>");
	text_input(r, "due", "Hạn gửi báo cáo", "date", NULL);
	H(r, "<p><label for=\"receiving_unit_id\">Đơn vị nhận báo cáo</label>"
	     "<select id=\"receiving_unit_id\" name=\"receiving_unit_id\" required>");
	unit_options(r, "receiving_unit_id", u, n, 1);
	H(r, "</select></p><fieldset><legend>Đơn vị gửi báo cáo</legend>"
	     "<p><label for=\"unit\">Danh sách đơn vị</label>"
	     "<select id=\"unit\" name=\"unit\" multiple size=\"8\">");
	unit_options(r, "unit", u, n, 1);
	H(r, "</select></p><p class=\"muted\">và/hoặc: mọi đơn vị thuộc loại dưới đây trực thuộc"
	     " (ở mọi cấp) đơn vị cấp trên đã chọn, còn hiệu lực vào hạn gửi.</p>"
	     "<p><label for=\"rule_kind\">Loại đơn vị</label>"
	     "<select id=\"rule_kind\" name=\"rule_kind\">");
	option(r, "rule_kind", "", "—");
	for (size_t i = 0; i < sizeof unit_kinds / sizeof unit_kinds[0]; i++)
		option(r, "rule_kind", unit_kinds[i][0], unit_kinds[i][1]);
	H(r, "</select></p><p><label for=\"rule_parent_id\">Đơn vị cấp trên</label>"
	     "<select id=\"rule_parent_id\" name=\"rule_parent_id\">");
	option(r, "rule_parent_id", "", "—");
	unit_options(r, "rule_parent_id", u, n, 1);
	H(r, "</select></p></fieldset><p><button type=\"submit\">Lập lịch báo cáo</button></p>"
	     "</form>");
	layout_end(r);
	return 0;
}

int page_schedule_new(struct req *r)
{
	if (!may_edit(r))
		return PH_EFORBIDDEN;
	return new_form(r, NULL);
}

/* A whole number field of the form: 0 when blank, -1 when not a number. */
static long long form_int(struct req *r, const char *name)
{
	const char *s = req_form(r, name);
	if (!s || !*s)
		return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	return *end || v < 0 || v > 1000000000000LL ? -1 : v;
}

int page_schedule_add(struct req *r)
{
	struct schedule_input in = {
		.kind = req_form(r, "kind"), .title = req_form(r, "title"),
		.cutoff_start = req_form(r, "cutoff_start"), .cutoff_end = req_form(r, "cutoff_end"),
		.due = req_form(r, "due"), .rule_kind = req_form(r, "rule_kind"),
	};
	long long year = form_int(r, "year"), month = form_int(r, "month");
	long long quarter = form_int(r, "quarter");
	in.receiving_unit_id = form_int(r, "receiving_unit_id");
	in.rule_parent_id = form_int(r, "rule_parent_id");
	const char *why = NULL;
	if (year < 0 || year > 9999 || month < 0 || quarter < 0 || in.receiving_unit_id < 0 ||
	    in.rule_parent_id < 0) {
		r->status = 422;
		return new_form(r, "Năm, tháng, quý và đơn vị phải là số hợp lệ.");
	}
	in.year = (int)year;
	if (in.kind && !strcmp(in.kind, "monthly"))
		in.period_index = (int)month;
	else if (in.kind && !strcmp(in.kind, "quarterly"))
		in.period_index = (int)quarter;
	size_t cap = 0, nids = 0;
	long long *ids = NULL;
	for (size_t i = 0; i < r->form_len; i++) {
		if (strcmp(r->form[i].name, "unit") || !*r->form[i].value)
			continue;
		char *end;
		long long v = strtoll(r->form[i].value, &end, 10);
		long long *slot = ARENA_PUSH(r->a, ids, nids, cap);
		if (!slot)
			return PH_ENOMEM; /* never a schedule without some of its units */
		*slot = *end ? -1 : v;
	}
	in.unit_ids = ids;
	in.unit_ids_len = nids;
	long long id = 0;
	struct schedule_outside out = {.a = r->a};
	int rc = schedule_create(r->db, r->user, &in, &id, &why, &out);
	if (rc == PH_EINVAL) {
		r->status = 422;
		return new_form(r, schedule_reason_vi(why));
	}
	if (rc == PH_EFORBIDDEN && out.n) {
		const char *msg = arena_printf(r->a, "%s Không nhận: %s.", schedule_reason_vi(why),
		                               unit_names(r, out.units, out.n));
		if (!msg)
			return PH_ENOMEM;
		r->status = 403;
		return new_form(r, msg);
	}
	if (rc)
		return rc;
	return reply_redirect(r, arena_printf(r->a, "/schedules/%lld?ok=created", id));
}

int page_schedule(struct req *r)
{
	struct schedule s;
	struct unit *u = NULL;
	size_t n = 0;
	int rc = schedule_get(r->db, r->a, r->id, &s, &u, &n);
	if (rc)
		return rc;
	layout_begin(r, s.title, "schedules");
	H(r, "<p class=\"crumbs\"><a href=\"/schedules\">Lịch báo cáo</a></p><h1>");
	html_text(r, s.title);
	H(r, "</h1>");
	const char *ok = req_query(r, "ok");
	if (ok && !strcmp(ok, "created"))
		layout_notice(r, "ok", "Đã tạo lịch báo cáo.");
	H(r, "<dl class=\"meta\"><dt>Loại</dt><dd>");
	html_text(r, schedule_kind_label(s.kind));
	H(r, "</dd><dt>Kỳ báo cáo</dt><dd>");
	range(r, s.period_start, s.period_end);
	H(r, "</dd><dt>Chốt số liệu</dt><dd>");
	range(r, s.cutoff_start, s.cutoff_end);
	H(r, "</dd><dt>Hạn gửi</dt><dd>");
	html_date(r, s.due);
	H(r, "</dd><dt>Đơn vị nhận</dt><dd><a href=\"/units/");
	html_int(r, s.receiving_unit_id);
	H(r, "\">");
	html_text(r, s.receiving_unit_name);
	H(r, "</a></dd>");
	if (s.rule_kind) {
		const char *kl = unit_kind_label(s.rule_kind);
		H(r, "<dt>Quy tắc đơn vị gửi</dt><dd>Mọi đơn vị loại “");
		html_text(r, kl);
		H(r, "” trực thuộc <a href=\"/units/");
		html_int(r, s.rule_parent_id);
		H(r, "\">");
		html_text(r, s.rule_parent_name);
		H(r, "</a></dd>");
	}
	if (s.plan_id) {
		H(r, "<dt>Theo kế hoạch</dt><dd><a href=\"/plans/");
		html_int(r, s.plan_id);
		H(r, "\">Xem kế hoạch</a></dd>");
	}
	H(r, "</dl><p><a id=\"compliance-link\" href=\"/schedules/");
	html_int(r, s.id);
	H(r, "/compliance\">Tình hình nộp báo cáo</a></p><section><h2>Đơn vị gửi báo cáo (");
	html_int(r, (long long)n);
	H(r, ")</h2>");
	if (!n)
		H(r, "<p class=\"muted\">Không có đơn vị nào còn hiệu lực vào hạn gửi.</p>");
	else
		H(r, "<ul class=\"plain\">");
	for (size_t i = 0; i < n; i++) {
		H(r, "<li><a href=\"/units/");
		html_int(r, u[i].id);
		H(r, "\">");
		html_text(r, u[i].name);
		H(r, "</a> · <a href=\"/schedules/");
		html_int(r, s.id);
		H(r, "/units/");
		html_int(r, u[i].id);
		H(r, "\">Báo cáo</a></li>");
	}
	if (n)
		H(r, "</ul>");
	H(r, "</section>");
	layout_end(r);
	return 0;
}

int page_plan_schedules(struct req *r)
{
	long long recv = form_int(r, "receiving_unit_id");
	if (recv < 0)
		return PH_EINVAL;
	int made = 0, skipped = 0;
	const char *why = NULL;
	struct schedule_outside out = {.a = r->a};
	int rc = schedule_from_plan(r->db, r->user, r->id, recv, &made, &skipped, &why, &out);
	if (rc) {
		r->err_detail = why;
		if (why)
			r->err_reason_vi = schedule_reason_vi(why);
		const char *named = why && rc == PH_EFORBIDDEN && out.n
		                    ? arena_printf(r->a, "%s Đơn vị chủ trì ngoài phạm vi: %s.",
		                                   schedule_reason_vi(why),
		                                   unit_names(r, out.units, out.n))
		                    : NULL;
		if (named)
			r->err_reason_vi = named;
		return rc;
	}
	/* The lead units left out travel to the list page by id, which
	 * names them. */
	char *left = arena_strdup(r->a, "");
	for (size_t i = 0; left && i < out.n && i < LEFT_OUT_MAX; i++)
		left = arena_printf(r->a, "%s%s%lld", left, i ? "." : "", out.units[i].id);
	if (!left)
		return PH_ENOMEM;
	return reply_redirect(r, arena_printf(r->a, "/schedules?ok=plan&made=%d&skipped=%d%s%s",
	                                      made, skipped, *left ? "&left_out=" : "", left));
}
