/* indicators.c: indicator pages: /indicators (the list), the form of a new
 * indicator and its POST, one indicator (definition, targets and their
 * form, a values form for one unit and period, a CSV upload, and the
 * roll-up of a period down two levels below the user's unit), and the
 * POSTs of targets and values. The model checks rights and validates;
 * figures are typed and shown the Vietnamese way ("2.500", "12,5"), and a
 * refused form comes back holding what was typed with the reason. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "base/vnnum.h"
#include "model/access.h"
#include "model/csv.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "model/unit.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/download.h"
#include "web/reply.h"
#include "export/tables.h"
#include <stdlib.h>
#include <string.h>


static const char *level_label(const char *l)
{
	return l ? unit_level_label(l) : "—";
}

/* A target's comparison as people write it: "≥ 2.500". */
static const char *op_sign(const char *op)
{
	static const char *const signs[][2] = {{">=", "≥"}, {"<=", "≤"}, {">", ">"}, {"=", "="}};
	for (size_t i = 0; op && i < sizeof signs / sizeof *signs; i++)
		if (!strcmp(op, signs[i][0]))
			return signs[i][1];
	return op;
}

int page_indicators(struct req *r)
{
	struct indicator *v = NULL;
	size_t n = 0;
	int rc = indicator_list(r->db, r->a, &v, &n);
	if (rc)
		return rc;
	layout_begin(r, "Chỉ tiêu", "indicators");
	H(r, "<h1>Chỉ tiêu</h1>");
	if (!access_check(r->db, r->user, ACT_INDICATOR_EDIT, r->user->unit_id))
		H(r, "<p><a class=\"button\" href=\"/indicators/new\">Thêm chỉ tiêu</a></p>");
	if (!n) {
		H(r, "<p class=\"muted\">Chưa có chỉ tiêu nào.</p>");
	} else {
		H(r, "<div class=\"table-wrap\"><table><thead><tr><th>Mã</th><th>Tên chỉ tiêu</th>"
		     "<th>Loại</th><th>Đơn vị tính</th><th>Cấp báo cáo</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			H(r, "<tr><td>");
			html_text(r, v[i].code);
			H(r, "</td><td><a href=\"/indicators/");
			html_int(r, v[i].id);
			H(r, "\">");
			html_text(r, v[i].name);
			H(r, "</a></td><td>");
			html_text(r, indicator_type_label(v[i].type));
			H(r, "</td><td>");
			html_text(r, v[i].measure ? v[i].measure : "—");
			H(r, "</td><td>");
			html_text(r, v[i].levels);
			H(r, "</td></tr>");
		}
		H(r, "</tbody></table></div>");
	}
	layout_end(r);
	return 0;
}

static void new_form(struct req *r, const char *error)
{
	layout_begin(r, "Thêm chỉ tiêu", "indicators");
	H(r, "<h1>Thêm chỉ tiêu</h1>");
	if (error)
		layout_notice(r, "error", error);
	html_form_post(r, "/indicators", "class=\"card\"");
	H(r, "<p><label>Mã chỉ tiêu <input name=\"code\" required maxlength=\"32\"></label></p>"
	     "<p><label>Tên chỉ tiêu <input name=\"name\" required></label></p>"
	     "<p><label>Đơn vị tính <input name=\"measure\"></label></p>"
	     "<p><label>Loại <select name=\"type\">"
	     "<option value=\"count\">Số lượng (cộng dồn)</option>"
	     "<option value=\"sum\">Tổng (cộng dồn)</option>"
	     "<option value=\"rate\">Tỷ lệ (tử số / mẫu số)</option>"
	     "<option value=\"bool\">Có/không</option></select></label></p>"
	     "<p><label>Cấp báo cáo (phân cách bằng dấu phẩy) <input name=\"levels\" "
	     "value=\"commune\" required></label></p>"
	     "<p class=\"muted\">Các cấp: central, province, district, commune, branch.</p>"
	     "<p><label>Từ năm <input name=\"year_from\" inputmode=\"numeric\"></label> "
	     "<label>Đến năm <input name=\"year_to\" inputmode=\"numeric\"></label></p>"
	     "<p><button type=\"submit\">Lưu chỉ tiêu</button></p></form>");
	layout_end(r);
}

int page_indicator_new(struct req *r)
{
	new_form(r, NULL);
	return 0;
}

static int form_year(const char *s, int *out)
{
	char *end = NULL;
	*out = 0;
	if (!s || !*s)
		return 0;
	long v = strtol(s, &end, 10);
	if (*end || v < 1 || v > 9999)
		return PH_EINVAL;
	*out = (int)v;
	return 0;
}

int page_indicator_add(struct req *r)
{
	struct indicator in;
	long long id = 0;
	const char *why = NULL;
	memset(&in, 0, sizeof in);
	in.code = arena_strdup(r->a, req_form(r, "code"));
	in.name = arena_strdup(r->a, req_form(r, "name"));
	in.measure = arena_strdup(r->a, req_form(r, "measure"));
	in.type = arena_strdup(r->a, req_form(r, "type"));
	in.levels = arena_strdup(r->a, req_form(r, "levels"));
	/* A copy the arena refused would read as a field left blank. */
	if (arena_failed(r->a))
		return PH_ENOMEM;
	int rc = form_year(req_form(r, "year_from"), &in.year_from);
	if (!rc)
		rc = form_year(req_form(r, "year_to"), &in.year_to);
	if (!rc)
		rc = indicator_add(r->db, r->user, &in, &id, &why);
	if (rc == PH_EINVAL || rc == PH_EDUPLICATE) {
		r->status = 422;
		new_form(r, rc == PH_EDUPLICATE ? "Mã chỉ tiêu đã được dùng."
		                                : "Thông tin chỉ tiêu chưa hợp lệ, vui lòng kiểm tra lại.");
		return 0;
	}
	if (rc)
		return rc;
	return reply_redirect(r, arena_printf(r->a, "/indicators/%lld?ok=created", id));
}

static void attain_cell(struct req *r, int attain)
{
	if (attain == ROLLUP_MET)
		H(r, "<span class=\"status done met\">");
	else if (attain == ROLLUP_NOT_MET)
		H(r, "<span class=\"late not_met\">");
	else
		H(r, "<span class=\"status not_started no_data\">");
	html_text(r, rollup_attain_label(attain));
	H(r, "</span>");
}

/* Rows two levels below a unit stay readable only for small trees: a
 * province has thousands of branches two levels down. */
#define ROLLUP_MAX_ROWS 200

static void rollup_row(struct req *r, const struct indicator *ind, const char *period,
                       long long unit, int depth, int max_depth)
{
	struct rollup_result x;
	struct unit u;
	if (unit_get(r->db, r->a, unit, &u) || rollup_get(r->db, ind->id, period, unit, &x))
		return;
	H(r, "<tr><td>");
	if (depth == 1)
		H(r, "— ");
	else if (depth == 2)
		H(r, "— — ");
	if (depth > 0) { /* each unit opens its own roll-up */
		H(r, "<a href=\"/indicators/");
		html_int(r, ind->id);
		H(r, "?period=");
		html_url(r, period);
		H(r, "&amp;unit=");
		html_int(r, unit);
		H(r, "\">");
		html_text(r, u.name);
		H(r, "</a>");
	} else {
		html_text(r, u.name);
	}
	H(r, "</td><td>");
	if (x.has_value) {
		html_num(r, x.value, 2, 1);
		if (!strcmp(ind->type, "rate") || !strcmp(ind->type, "bool"))
			H(r, "%");
	} else {
		H(r, "—");
	}
	H(r, "</td><td>");
	if (!strcmp(ind->type, "rate")) {
		html_num(r, x.num, 2, 1);
		H(r, " / ");
		html_num(r, x.den, 2, 1);
	} else {
		H(r, "—");
	}
	H(r, "</td><td>");
	html_num(r, x.reporting, 0, 1);
	H(r, "</td><td>");
	if (x.has_target) {
		html_text(r, op_sign(x.op));
		H(r, " ");
		html_num(r, x.target, 2, 1);
	} else {
		H(r, "—");
	}
	H(r, "</td><td>");
	attain_cell(r, x.attain);
	H(r, "</td></tr>");
	if (depth < max_depth) {
		long long *kids = NULL;
		size_t nk = 0;
		if (!rollup_children(r->db, r->a, ind->id, period, unit, &kids, &nk))
			for (size_t i = 0; i < nk; i++)
				rollup_row(r, ind, period, kids[i], depth + 1, max_depth);
	}
}

/* What a refused form held, written back into its fields (NULL: empty). */
struct typed {
	const char *year, *level, *op, *value;   /* the target form */
	const char *unit, *period, *num, *den;   /* the values form */
	int file;                                /* the refusal is of a CSV file */
};

/* The Vietnamese name of a row error's column. */
static const char *column_label(const char *column)
{
	static const char *const names[][2] = {
		{"unit", "Đơn vị"}, {"period", "Kỳ"}, {"value", "Giá trị"},
		{"denominator", "Mẫu số"}, {"file", "Tệp"},
	};
	for (size_t i = 0; column && i < sizeof names / sizeof *names; i++)
		if (!strcmp(column, names[i][0]))
			return names[i][1];
	return "—";
}

/* The refusals of a values form (a list by field) or of a CSV file (a
 * table by line). */
static void row_errors(struct req *r, const struct indicator_row_error *errs, size_t nerrs,
                       int file)
{
	if (!nerrs)
		return;
	if (!file) {
		H(r, "<ul class=\"errors\">");
		for (size_t i = 0; i < nerrs; i++) {
			H(r, "<li><b>");
			html_text(r, column_label(errs[i].column));
			H(r, ":</b> ");
			html_text(r, errs[i].message);
			H(r, "</li>");
		}
		H(r, "</ul>");
		return;
	}
	H(r, "<div class=\"table-wrap\"><table class=\"errors\"><thead><tr><th>Dòng</th>"
	     "<th>Cột</th><th>Lỗi</th></tr></thead><tbody>");
	for (size_t i = 0; i < nerrs && i < INDICATOR_ERRORS_SHOWN; i++) {
		H(r, "<tr><td>");
		html_int(r, errs[i].row);
		H(r, "</td><td>");
		html_text(r, column_label(errs[i].column));
		H(r, "</td><td>");
		html_text(r, errs[i].message);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
	if (nerrs > INDICATOR_ERRORS_SHOWN) {
		H(r, "<p class=\"muted\">Còn ");
		html_num(r, (double)(nerrs - INDICATOR_ERRORS_SHOWN), 0, 1);
		H(r, " lỗi khác ở các dòng sau; hãy sửa các lỗi trên rồi gửi lại.</p>");
	}
}

/* An option of a select, selected when it is what was typed. */
static void option(struct req *r, const char *value, const char *label, const char *typed)
{
	H(r, "<option value=\"");
	html_attr(r, value);
	H(r, "\"");
	if (typed && !strcmp(typed, value))
		H(r, " selected");
	H(r, ">");
	html_text(r, label);
	H(r, "</option>");
}

/* Open a text input named name holding what was typed (NULL: empty); the
 * caller adds its other attributes and the closing ">". */
static void input_open(struct req *r, const char *name, const char *typed)
{
	H(r, "<input name=\"");
	html_attr(r, name);
	H(r, "\"");
	if (typed) {
		H(r, " value=\"");
		html_attr(r, typed);
		H(r, "\"");
	}
}

static int render(struct req *r, const char *kind, const char *notice,
                  const struct indicator_row_error *errs, size_t nerrs, const struct typed *ty)
{
	static const struct typed none;
	if (!ty)
		ty = &none;
	struct indicator ind;
	struct indicator_target *t = NULL;
	size_t nt = 0;
	int year;
	char end[11];
	int rc = indicator_get(r->db, r->a, r->id, &ind);
	if (rc || (rc = indicator_targets(r->db, r->a, r->id, &t, &nt)))
		return rc;
	const char *period = req_query(r, "period");
	if (!period || indicator_period_parse(period, &year, end))
		period = arena_printf(r->a, "%d", date_today().y);
	long long root = req_query_int(r, "unit", 0);
	if (root <= 0 || !access_in_scope(r->db, r->user, root))
		root = r->user->unit_id;
	const char *ok = req_query(r, "ok");
	char *self = arena_printf(r->a, "/indicators/%lld", ind.id);
	if (!period || !self)
		return PH_ENOMEM;

	layout_begin(r, ind.name, "indicators");
	H(r, "<h1>");
	html_text(r, ind.name);
	H(r, "</h1>");
	if (notice)
		layout_notice(r, kind, notice);
	else if (ok && !strcmp(ok, "created"))
		layout_notice(r, "ok", "Đã thêm chỉ tiêu.");
	else if (ok && !strcmp(ok, "target"))
		layout_notice(r, "ok", "Đã lưu chỉ tiêu kế hoạch.");
	else if (ok && !strcmp(ok, "values"))
		layout_notice(r, "ok", "Đã lưu số liệu.");
	row_errors(r, errs, nerrs, ty->file);
	H(r, "<p><a class=\"button\" href=\"");
	html_attr(r, self);
	H(r, "/chart?period=");
	html_url(r, period);
	H(r, "&amp;unit=");
	html_int(r, root);
	H(r, "\">Biểu đồ</a></p>");
	H(r, "<dl class=\"meta\"><dt>Mã</dt><dd>");
	html_text(r, ind.code);
	H(r, "</dd><dt>Loại</dt><dd>");
	html_text(r, indicator_type_label(ind.type));
	H(r, "</dd><dt>Đơn vị tính</dt><dd>");
	html_text(r, ind.measure ? ind.measure : "—");
	H(r, "</dd><dt>Cấp báo cáo</dt><dd>");
	html_text(r, ind.levels);
	H(r, "</dd><dt>Đơn vị quản lý</dt><dd id=\"indicator-owner\">");
	html_text(r, ind.owner_name ? ind.owner_name : "Quản trị hệ thống");
	H(r, "</dd><dt>Cách tổng hợp</dt><dd>");
	if (!strcmp(ind.type, "rate"))
		H(r, "Tổng tử số chia tổng mẫu số (không lấy trung bình các tỷ lệ)");
	else if (!strcmp(ind.type, "bool"))
		H(r, "Tỷ lệ đơn vị trả lời “có” trên số đơn vị báo cáo");
	else
		H(r, "Cộng dồn");
	H(r, "</dd></dl>");

	H(r, "<h2>Chỉ tiêu kế hoạch</h2>");
	if (!nt) {
		H(r, "<p class=\"muted\">Chưa đặt chỉ tiêu kế hoạch.</p>");
	} else {
		H(r, "<div class=\"table-wrap\"><table><thead><tr><th>Năm</th><th>Cấp</th>"
		     "<th>Chỉ tiêu</th></tr></thead><tbody>");
		for (size_t i = 0; i < nt; i++) {
			H(r, "<tr><td>");
			html_int(r, t[i].year);
			H(r, "</td><td>");
			html_text(r, level_label(t[i].level));
			H(r, "</td><td>");
			html_text(r, op_sign(t[i].op));
			H(r, " ");
			html_num(r, t[i].value, 2, 1);
			H(r, "</td></tr>");
		}
		H(r, "</tbody></table></div>");
	}
	/* The owner's followers set targets of its level and below. */
	int top = r->user->role == ROLE_ADMIN ? 0 : unit_level_rank(ind.owner_level);
	if (!access_check(r->db, r->user, ACT_INDICATOR_EDIT, ind.owner_unit_id)) {
		html_form_post(r, arena_printf(r->a, "%s/targets", self), "class=\"card filters\"");
		H(r, "<label>Năm ");
		input_open(r, "year", ty->year);
		H(r, " inputmode=\"numeric\" required></label> <label>Cấp <select name=\"level\">");
		for (size_t i = top > 0 ? (size_t)top : 0; i < sizeof unit_levels / sizeof *unit_levels;
		     i++)
			option(r, unit_levels[i][0], unit_levels[i][1], ty->level);
		H(r, "</select></label> <label>Phép so sánh <select name=\"op\">");
		option(r, ">=", "≥", ty->op);
		option(r, ">", ">", ty->op);
		option(r, "=", "=", ty->op);
		option(r, "<=", "≤", ty->op);
		H(r, "</select></label> <label>Giá trị ");
		input_open(r, "value", ty->value);
		H(r, " inputmode=\"decimal\" placeholder=\"2.500\" required></label> "
		     "<button type=\"submit\">Lưu chỉ tiêu kế hoạch</button></form>");
	}

	H(r, "<h2>Nhập số liệu</h2>");
	html_form_post(r, arena_printf(r->a, "%s/values", self), "class=\"card filters\"");
	H(r, "<label>Đơn vị (mã hoặc tên) ");
	input_open(r, "unit", ty->unit);
	H(r, " required></label> <label>Kỳ ");
	input_open(r, "period", ty->period);
	H(r, " placeholder=\"2024-H1\" required></label> <label>Giá trị ");
	input_open(r, "value", ty->num);
	H(r, " inputmode=\"decimal\" placeholder=\"2.500\" required></label> ");
	if (!strcmp(ind.type, "rate")) {
		H(r, "<label>Mẫu số ");
		input_open(r, "denominator", ty->den);
		H(r, " inputmode=\"decimal\" required></label> ");
	}
	H(r, "<button type=\"submit\">Lưu số liệu</button></form>");
	html_form_post(r, arena_printf(r->a, "%s/values", self),
	               "class=\"card\" enctype=\"multipart/form-data\"");
	H(r, "<p><label>Tệp CSV (cột unit, period, value, denominator) "
	     "<input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required></label> "
	     "<button type=\"submit\">Tải lên</button></p>"
	     "<p class=\"muted\">Số viết theo cách Việt Nam: dấu chấm ngăn hàng nghìn, dấu phẩy "
	     "ngăn phần thập phân (2.500; 1.234,5); ô có dấu phẩy đặt trong ngoặc kép "
	     "(\"1.234,5\"). Cách viết có thể hiểu hai nghĩa, như 2.5, bị từ chối. Tệp có bất kỳ "
	     "dòng lỗi nào sẽ không được ghi.</p></form>");

	H(r, "<h2>Tổng hợp theo đơn vị</h2><form method=\"get\" class=\"filters\" action=\"");
	html_attr(r, self);
	H(r, "\"><label>Kỳ <input name=\"period\" value=\"");
	html_attr(r, period);
	H(r, "\"></label> <button type=\"submit\">Xem</button></form>");
	download_buttons(r, arena_printf(r->a, "%s/export", self));
	H(r, ""
	     "<div class=\"table-wrap\"><table class=\"rollup\"><thead><tr><th>Đơn vị</th>"
	     "<th>Giá trị</th><th>Tử số / mẫu số</th><th>Số đơn vị báo cáo</th><th>Chỉ tiêu</th>"
	     "<th>Đánh giá</th></tr></thead><tbody>");
	/* Children always; grandchildren too when they are few. */
	long long *kids = NULL, *grand = NULL;
	size_t nk = 0, ng = 0, rows = 0;
	if (!rollup_children(r->db, r->a, ind.id, period, root, &kids, &nk))
		for (size_t i = 0; i < nk && rows <= ROLLUP_MAX_ROWS; i++)
			if (!rollup_children(r->db, r->a, ind.id, period, kids[i], &grand, &ng))
				rows += ng;
	int max_depth = nk + rows <= ROLLUP_MAX_ROWS ? 2 : 1;
	rollup_row(r, &ind, period, root, 0, max_depth);
	H(r, "</tbody></table></div>");
	if (max_depth == 1 && rows)
		H(r, "<p class=\"muted\">Chỉ hiện các đơn vị trực thuộc; chọn một đơn vị để xem cấp dưới "
		     "của đơn vị đó.</p>");
	layout_end(r);
	return 0;
}

int page_indicator(struct req *r)
{
	return render(r, NULL, NULL, NULL, 0, NULL);
}

int page_indicator_target(struct req *r)
{
	double v = 0;
	int year = 0;
	const char *why = NULL;
	struct vn_refusal bad;
	struct typed t = {.year = req_form(r, "year"), .level = req_form(r, "level"),
	                  .op = req_form(r, "op"), .value = req_form(r, "value")};
	int rc = form_year(t.year, &year);
	if (!rc && vn_read_number(t.value, &v, &bad)) {
		/* the reader's reason names how to write the number */
		r->status = 422;
		const char *m = arena_printf(r->a, "Chỉ tiêu kế hoạch chưa được lưu: %s", bad.message);
		return m ? render(r, "error", m, NULL, 0, &t) : PH_ENOMEM;
	}
	if (!rc)
		rc = indicator_set_target(r->db, r->user, r->id, year, t.level, t.op, v, &why);
	if (rc == PH_EINVAL) {
		r->status = 422;
		return render(r, "error", "Chỉ tiêu kế hoạch chưa hợp lệ (năm, cấp, phép so sánh, "
		                          "giá trị không âm; tỷ lệ không quá 100).", NULL, 0, &t);
	}
	if (rc == PH_EFORBIDDEN && why) {
		r->status = 403;
		return render(r, "error", "Đơn vị quản lý chỉ tiêu chỉ đặt chỉ tiêu kế hoạch cho cấp "
		                          "của mình và các cấp dưới.", NULL, 0, &t);
	}
	if (rc)
		return rc;
	return reply_redirect(r, arena_printf(r->a, "/indicators/%lld?ok=target", r->id));
}

int page_indicator_values(struct req *r)
{
	struct indicator_row_error *errs = NULL;
	size_t nerrs = 0, written = 0;
	struct typed t = {0};
	int rc;
	const struct req_param *f = req_form_param(r, "file");
	if (f && f->filename) {
		t.file = 1;
		rc = csv_indicator_import(r->db, r->a, r->user, r->id, f->value, f->len, &written,
		                          &errs, &nerrs);
	} else {
		struct indicator_value_in in;
		memset(&in, 0, sizeof in);
		t.unit = in.unit = req_form(r, "unit");
		t.period = in.period = req_form(r, "period");
		t.num = in.num_text = req_form(r, "value");
		const char *d = req_form(r, "denominator");
		if (d && *d) {
			in.has_den = 1;
			t.den = in.den_text = d;
		}
		rc = indicator_write_values(r->db, r->a, r->user, r->id, &in, 1, "form", 1, &errs,
		                            &nerrs);
	}
	if (rc && nerrs) {
		r->status = rc == PH_EFORBIDDEN ? 403 : 422;
		return render(r, "error", t.file ? "Tệp có dòng lỗi nên chưa được ghi; xem các dòng"
		                                   " dưới đây." : "Số liệu có lỗi nên chưa được ghi.",
		              errs, nerrs, &t);
	}
	if (rc)
		return rc;
	return reply_redirect(r, arena_printf(r->a, "/indicators/%lld?ok=values", r->id));
}

/* GET /indicators/{id}/export?format=xlsx|csv&period=&unit=: the
 * roll-ups of the unit (the page's: ?unit= when in the reader's reach,
 * else the reader's unit) and the units under it over the periods of the
 * indicator's years (export_indicator). A period that does not parse is
 * refused here (the page falls back to this year; a file should not). */
int page_indicator_export(struct req *r)
{
	int format = 0, year;
	char sep = ',', end[11];
	int rc = download_params(r, &format, &sep);
	if (rc)
		return rc;
	const char *period = req_query(r, "period");
	if (!period || !*period)
		period = arena_printf(r->a, "%d", date_today().y);
	else if (indicator_period_parse(period, &year, end)) {
		r->err_detail = "period: 2024, 2024-H1, 2024-Q3 or 2024-09";
		r->err_reason_vi = "Kỳ không hợp lệ: viết 2024, 2024-H1, 2024-Q3 hoặc 2024-09.";
		return PH_EINVAL;
	}
	long long root = req_query_int(r, "unit", 0);
	if (root <= 0 || !access_in_scope(r->db, r->user, root))
		root = r->user->unit_id;
	struct indicator ind;
	if (!period)
		return PH_ENOMEM;
	if ((rc = indicator_get(r->db, r->a, r->id, &ind)) ||
	    (rc = export_indicator(r->db, r->a, r->id, period, root, format, sep, download_body(r))))
		return rc;
	return download_send(r, format, arena_printf(r->a, "chi-tieu-%lld-%s", r->id, period));
}
