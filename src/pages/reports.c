/* reports.c: a unit's report for a schedule (/schedules/{id}/units/{id2}:
 * the latest version, the draft form, submit and review forms, the
 * version history) with its POSTs, and the completeness of a schedule
 * (/schedules/{id}/compliance). The model (model/report.c) checks the
 * rights and validates; these handlers read forms (figures the Vietnamese
 * way, through vn_read_number), show the result, and ask access_check only
 * to decide which forms to show. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "base/vnnum.h"
#include "model/access.h"
#include "model/report.h"
#include "model/task.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/download.h"
#include "web/reply.h"
#include "export/tables.h"
#include <math.h>
#include <string.h>

static const char *const statuses[] = {"not_started", "in_progress", "done", "cancelled"};

/* An ISO UTC time "2024-06-20T10:15:00Z" as "20/06/2024 10:15 (UTC)". */
static void stamp(struct req *r, const char *s)
{
	if (!s || strlen(s) < 16) {
		html_text(r, s ? s : "—");
		return;
	}
	html_date(r, arena_printf(r->a, "%.10s", s));
	H(r, " ");
	html_text(r, arena_printf(r->a, "%.5s", s + 11));
	H(r, " (UTC)");
}

static void report_badge(struct req *r, const char *status)
{
	H(r, "<span class=\"status ");
	html_attr(r, status ? status : "none");
	H(r, "\">");
	html_text(r, report_status_label(status));
	H(r, "</span>");
}

static void section_title(struct req *r, const struct report_section *s)
{
	html_text(r, s->title ? s->title : "Nội dung chung");
}

/* One "who, when" line of a version's record; nothing when at is NULL. */
static void who_when(struct req *r, const char *label, const char *who, const char *at)
{
	if (!at)
		return;
	H(r, "<dt>");
	html_text(r, label);
	H(r, "</dt><dd>");
	html_text(r, who ? who : "(dòng lệnh)");
	H(r, ", ");
	stamp(r, at);
	H(r, "</dd>");
}

/* Who did what and when in one version. */
static void version_meta(struct req *r, const struct report_version *v)
{
	H(r, "<dl class=\"meta\"><dt>Trạng thái</dt><dd>");
	report_badge(r, v->status);
	H(r, "</dd>");
	who_when(r, "Lập", v->created_by, v->created_at); /* never NULL in a saved version */
	who_when(r, "Gửi", v->submitted_by, v->submitted_at);
	who_when(r, "Xem xét", v->reviewed_by, v->reviewed_at);
	if (v->review_comment) {
		H(r, "<dt>Ý kiến</dt><dd class=\"note-text review-comment\">");
		html_text(r, v->review_comment);
		H(r, "</dd>");
	}
	H(r, "</dl>");
}

/* A figure as Vietnamese text ("1.234,5": the reader reads it back, so a
 * form submitted unchanged keeps its figures); nothing for a figure that
 * did not parse. */
static void figure(struct req *r, double v)
{
	if (isfinite(v))
		html_num(r, v, 6, 1);
}

/* The name of an indicator with its unit of measure. */
static void value_name(struct req *r, const struct report_value *x)
{
	html_text(r, x->name);
	if (x->measure && *x->measure) {
		H(r, " <span class=\"muted\">(");
		html_text(r, x->measure);
		H(r, ")</span>");
	}
}

/* The figures of a version, read-only. */
static void version_values(struct req *r, const struct report_version *v,
                           const char *period)
{
	if (!v->nvalues)
		return;
	H(r, "<h3>Số liệu chỉ tiêu, kỳ ");
	html_text(r, indicator_period_label(r->a, period));
	H(r, "</h3><div class=\"table-wrap\"><table class=\"report-values\"><thead><tr>"
	     "<th>Mã</th><th>Chỉ tiêu</th><th>Giá trị</th></tr></thead><tbody>");
	for (size_t i = 0; i < v->nvalues; i++) {
		const struct report_value *x = &v->values[i];
		H(r, "<tr data-indicator=\"");
		html_int(r, x->indicator_id);
		H(r, "\"><td>");
		html_text(r, x->code);
		H(r, "</td><td>");
		value_name(r, x);
		H(r, "</td><td class=\"num\">");
		if (!x->has_value) {
			H(r, "—");
		} else if (x->type && !strcmp(x->type, "bool")) {
			html_text(r, x->num ? "Có" : "Không");
		} else if (x->has_den) {
			figure(r, x->num);
			H(r, " / ");
			figure(r, x->den);
			H(r, " (");
			html_num(r, x->den ? 100.0 * x->num / x->den : 0, 1, 1);
			H(r, "%)");
		} else {
			figure(r, x->num);
		}
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
}

/* A version's narrative, figures and task table, read-only. */
static void version_body(struct req *r, const struct report_version *v, const char *period)
{
	for (size_t i = 0; i < v->nsections; i++) {
		H(r, "<h3>");
		section_title(r, &v->sections[i]);
		H(r, "</h3><p class=\"note-text\">");
		html_text(r, v->sections[i].text && *v->sections[i].text ? v->sections[i].text : "—");
		H(r, "</p>");
	}
	version_values(r, v, period);
	if (!v->ntasks)
		return;
	H(r, "<div class=\"table-wrap\"><table><thead><tr><th>Số</th><th>Nhiệm vụ</th>"
	     "<th>Trạng thái tại ngày chốt số liệu</th><th>Ghi chú</th></tr></thead><tbody>");
	for (size_t i = 0; i < v->ntasks; i++) {
		const struct report_task *t = &v->tasks[i];
		H(r, "<tr><td>");
		html_text(r, t->no);
		H(r, "</td><td><a href=\"/tasks/");
		html_int(r, t->task_id);
		H(r, "\">");
		html_text(r, t->content);
		H(r, "</a></td><td><span class=\"status ");
		html_attr(r, t->status);
		H(r, "\">");
		html_text(r, task_status_label(t->status));
		H(r, "</span></td><td>");
		html_text(r, t->note);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
}

/* What was typed into the figures of a refused draft, by the position
 * of the basis value (NULL entries: nothing typed). */
struct typed {
	const char **num, **den;
};

/* A figure field's value: what was typed when the form is shown again,
 * else the figure held. */
static void figure_field(struct req *r, const char *typed, int has, double v)
{
	if (typed)
		html_attr(r, typed);
	else if (has)
		figure(r, v);
}

/* The draft form over the basis content; ty (may be NULL) holds what was
 * typed into the figures of a refused draft. */
static void draft_form(struct req *r, const struct report *rep, const struct typed *ty)
{
	const struct report_version *v = rep->basis;
	/* After a version was sent the form makes a correction. The expected
	 * next step after a return; after a submission or an acceptance it is
	 * folded away, so that it is opened on purpose. */
	const char *st = rep->n ? rep->versions[0].status : "draft";
	int folded = !strcmp(st, "submitted") || !strcmp(st, "accepted");
	if (folded)
		H(r, "<details class=\"card\" id=\"draft\"><summary>Lập bản điều chỉnh (phiên bản"
		     " mới)</summary><p class=\"muted\">Phiên bản đã gửi được giữ nguyên; bản điều"
		     " chỉnh sẽ được gửi và xem xét lại.</p>");
	else if (!strcmp(st, "returned"))
		H(r, "<section class=\"card\" id=\"draft\"><h2>Lập bản điều chỉnh (phiên bản mới)"
		     "</h2>");
	else
		H(r, "<section class=\"card\" id=\"draft\"><h2>Soạn báo cáo</h2>");
	html_form_post(r, arena_printf(r->a, "/schedules/%lld/units/%lld", rep->schedule.id,
	                               rep->unit.id), "id=\"draft-form\"");
	for (size_t i = 0; i < v->nsections; i++) {
		H(r, "<p><label for=\"text-");
		html_int(r, (long long)i);
		H(r, "\">");
		section_title(r, &v->sections[i]);
		H(r, "</label><textarea id=\"text-");
		html_int(r, (long long)i);
		H(r, "\" name=\"text_");
		html_int(r, (long long)i);
		H(r, "\" rows=\"6\">");
		html_text(r, v->sections[i].text);
		H(r, "</textarea></p>");
	}
	if (v->ntasks) {
		H(r, "<div class=\"table-wrap\"><table><thead><tr><th>Số</th><th>Nhiệm vụ</th>"
		     "<th>Trạng thái tại ngày chốt số liệu</th><th>Ghi chú</th></tr></thead><tbody>");
		for (size_t i = 0; i < v->ntasks; i++) {
			const struct report_task *t = &v->tasks[i];
			H(r, "<tr><td>");
			html_text(r, t->no);
			H(r, "</td><td>");
			html_text(r, t->content);
			H(r, "</td><td><select name=\"status_");
			html_int(r, t->task_id);
			H(r, "\" aria-label=\"Trạng thái\">");
			for (size_t k = 0; k < 4; k++) {
				H(r, "<option value=\"");
				html_attr(r, statuses[k]);
				H(r, "\"");
				if (t->status && !strcmp(t->status, statuses[k]))
					H(r, " selected");
				H(r, ">");
				html_text(r, task_status_label(statuses[k]));
				H(r, "</option>");
			}
			H(r, "</select></td><td><input type=\"text\" name=\"note_");
			html_int(r, t->task_id);
			H(r, "\" aria-label=\"Ghi chú\" value=\"");
			html_attr(r, t->note);
			H(r, "\"></td></tr>");
		}
		H(r, "</tbody></table></div>");
	}
	if (v->nvalues) {
		H(r, "<h3>Số liệu chỉ tiêu, kỳ ");
		html_text(r, indicator_period_label(r->a, rep->period));
		H(r, "</h3><p class=\"muted\">Để trống nếu chưa có số liệu. Số viết theo cách Việt Nam:"
		     " dấu chấm ngăn hàng nghìn, dấu phẩy ngăn phần thập phân (2.500; 12,5)."
		     " Số liệu được ghi vào chỉ tiêu khi báo cáo được gửi.</p>"
		     "<div class=\"table-wrap\"><table class=\"report-values\"><thead><tr><th>Mã</th>"
		     "<th>Chỉ tiêu</th><th>Giá trị (tử số)</th><th>Mẫu số</th></tr></thead><tbody>");
		for (size_t i = 0; i < v->nvalues; i++) {
			const struct report_value *x = &v->values[i];
			int rate = x->type && !strcmp(x->type, "rate");
			H(r, "<tr><td>");
			html_text(r, x->code);
			H(r, "</td><td><label for=\"value-");
			html_int(r, x->indicator_id);
			H(r, "\">");
			value_name(r, x);
			if (x->type && !strcmp(x->type, "bool"))
				H(r, " <span class=\"muted\">(1 = có, 0 = không)</span>");
			H(r, "</label></td><td><input type=\"text\" inputmode=\"decimal\" id=\"value-");
			html_int(r, x->indicator_id);
			H(r, "\" name=\"value_");
			html_int(r, x->indicator_id);
			H(r, "\" value=\"");
			figure_field(r, ty ? ty->num[i] : NULL, x->has_value, x->num);
			H(r, "\"></td><td>");
			if (rate) {
				H(r, "<input type=\"text\" inputmode=\"decimal\" name=\"den_");
				html_int(r, x->indicator_id);
				H(r, "\" aria-label=\"Mẫu số\" value=\"");
				figure_field(r, ty ? ty->den[i] : NULL, x->has_value && x->has_den,
				             x->den);
				H(r, "\">");
			} else {
				H(r, "—");
			}
			H(r, "</td></tr>");
		}
		H(r, "</tbody></table></div>");
	}
	H(r, "<p><button type=\"submit\">Lưu bản nháp</button></p></form>");
	if (folded)
		H(r, "</details>");
	else
		H(r, "</section>");
}

static const char *ok_message(const char *ok)
{
	static const char *const m[][2] = {
		{"saved", "Đã lưu bản nháp."}, {"submitted", "Đã gửi báo cáo."},
		{"accepted", "Đã chấp nhận báo cáo."}, {"returned", "Đã trả lại báo cáo."},
	};
	for (size_t i = 0; ok && i < sizeof m / sizeof *m; i++)
		if (!strcmp(ok, m[i][0]))
			return m[i][1];
	return NULL;
}

/* The report page; error: a Vietnamese message shown above it (the draft
 * form then holds what was sent, ty what was typed into its figures). */
static int render(struct req *r, const struct report *rep, const char *error,
                  const struct typed *ty)
{
	const struct report_version *latest = rep->n ? &rep->versions[0] : NULL, *sent = NULL;
	const char *st = latest ? latest->status : NULL;
	for (size_t i = 0; !sent && i < rep->n; i++)
		if (strcmp(rep->versions[i].status, "draft"))
			sent = &rep->versions[i]; /* what report_review would review */
	int can_draft = access_check(r->db, r->user, ACT_REPORT_DRAFT, rep->unit.id) == 0;
	int can_submit = st && !strcmp(st, "draft") &&
	                 access_check(r->db, r->user, ACT_REPORT_SUBMIT, rep->unit.id) == 0;
	int can_review = sent && !strcmp(sent->status, "submitted") &&
	                 access_check(r->db, r->user, ACT_REPORT_REVIEW,
	                              rep->schedule.receiving_unit_id) == 0;
	char *base = arena_printf(r->a, "/schedules/%lld/units/%lld", rep->schedule.id, rep->unit.id);
	if (!base)
		return PH_ENOMEM;

	layout_begin(r, arena_printf(r->a, "Báo cáo của %s", rep->unit.name), "schedules");
	H(r, "<p class=\"crumbs\"><a href=\"/schedules\">Lịch báo cáo</a> › <a href=\"/schedules/");
	html_int(r, rep->schedule.id);
	H(r, "\">");
	html_text(r, rep->schedule.title);
	H(r, "</a> › <a href=\"/schedules/");
	html_int(r, rep->schedule.id);
	H(r, "/compliance\">Tình hình nộp báo cáo</a></p><h1>");
	html_text(r, rep->schedule.title);
	H(r, "</h1>");
	const char *ok = ok_message(req_query(r, "ok"));
	if (error)
		layout_notice(r, "error", error);
	else if (ok)
		layout_notice(r, "ok", ok);
	H(r, "<dl class=\"meta\"><dt>Đơn vị gửi</dt><dd><a href=\"/units/");
	html_int(r, rep->unit.id);
	H(r, "\">");
	html_text(r, rep->unit.name);
	H(r, "</a></dd><dt>Đơn vị nhận</dt><dd>");
	html_text(r, rep->schedule.receiving_unit_name);
	H(r, "</dd><dt>Chốt số liệu</dt><dd>");
	html_date(r, rep->schedule.cutoff_start ? rep->schedule.cutoff_start : "…");
	H(r, " – ");
	html_date(r, rep->schedule.cutoff_end ? rep->schedule.cutoff_end : "…");
	H(r, "</dd><dt>Hạn gửi</dt><dd>");
	html_date(r, rep->schedule.due);
	H(r, "</dd><dt>Tình trạng</dt><dd id=\"report-status\">");
	report_badge(r, st);
	if (latest) {
		H(r, " (phiên bản ");
		html_int(r, latest->version);
		H(r, ")");
	}
	H(r, "</dd></dl>");

	/* the latest version in full above the forms, unless it is the draft
	 * the form below holds */
	int above = latest && (!can_draft || strcmp(st, "draft"));
	if (above) {
		H(r, "<section class=\"card\" id=\"latest\"><h2>Phiên bản ");
		html_int(r, latest->version);
		H(r, "</h2>");
		version_meta(r, latest);
		version_body(r, latest, rep->period);
		H(r, "</section>");
	}
	if (can_draft)
		draft_form(r, rep, ty);
	else if (rep->drafts_hidden)
		H(r, "<p class=\"muted\" id=\"draft-private\">Đơn vị đang soạn một bản nháp chưa gửi."
		     " Bản nháp chỉ đơn vị, các đơn vị cấp trên và đơn vị nhận báo cáo được xem.</p>");
	else if (!latest)
		H(r, "<p class=\"muted\" id=\"no-report\">Đơn vị chưa lập báo cáo.</p>");
	if (can_submit) {
		H(r, "<section class=\"card\" id=\"submit\"><h2>Gửi báo cáo</h2>"
		     "<p class=\"muted\">Sau khi gửi, phiên bản này không thể sửa đổi.</p>");
		html_form_post(r, arena_printf(r->a, "%s/submit", base), "id=\"submit-form\"");
		H(r, "<p><button type=\"submit\">Gửi báo cáo</button></p></form></section>");
	}
	if (can_review) {
		H(r, "<section class=\"card\" id=\"review\"><h2>Xem xét báo cáo (phiên bản ");
		html_int(r, sent->version);
		H(r, ")</h2>");
		html_form_post(r, arena_printf(r->a, "%s/review", base), "id=\"review-form\"");
		H(r, "<p><label for=\"comment\">Ý kiến (bắt buộc khi trả lại)</label>"
		     "<textarea id=\"comment\" name=\"comment\" rows=\"3\"></textarea></p>"
		     "<p><button type=\"submit\" name=\"decision\" value=\"accept\">Chấp nhận</button> "
		     "<button type=\"submit\" name=\"decision\" value=\"return\">Trả lại</button></p>"
		     "</form></section>");
	}
	if (rep->n > (size_t)above) {
		H(r, "<section id=\"history\"><h2>Lịch sử các phiên bản</h2>");
		for (size_t i = above ? 1 : 0; i < rep->n; i++) {
			H(r, "<details class=\"card\"><summary>Phiên bản ");
			html_int(r, rep->versions[i].version);
			H(r, " — ");
			html_text(r, report_status_label(rep->versions[i].status));
			H(r, "</summary>");
			version_meta(r, &rep->versions[i]);
			version_body(r, &rep->versions[i], rep->period);
			H(r, "</details>");
		}
		H(r, "</section>");
	}
	layout_end(r);
	return 0;
}

int page_report(struct req *r)
{
	struct report rep;
	int rc = report_get(r->db, r->user, r->a, r->id, r->id2, &rep);
	return rc ? rc : render(r, &rep, NULL, NULL);
}

static int back(struct req *r, const char *ok)
{
	return reply_redirect(r, arena_printf(r->a, "/schedules/%lld/units/%lld?ok=%s", r->id,
	                                      r->id2, ok));
}

/* The Vietnamese sentence for a refused draft. */
static const char *draft_error(struct report *rep, const struct report_value *in,
                               const struct indicator_row_error *e, struct req *r)
{
	if (!e->code)
		return "Báo cáo chưa được lưu: nội dung không hợp lệ (quá dài hoặc có ký tự lạ).";
	const struct report_value *x = e->row >= 1 ? &in[e->row - 1] : NULL;
	for (size_t i = 0; x && i < rep->basis->nvalues; i++)
		if (rep->basis->values[i].indicator_id == x->indicator_id)
			return arena_printf(r->a, "Báo cáo chưa được lưu: chỉ tiêu %s — %s",
			                    rep->basis->values[i].code, e->message);
	return arena_printf(r->a, "Báo cáo chưa được lưu: %s", e->message);
}

int page_report_save(struct req *r)
{
	struct report rep;
	int rc = report_get(r->db, r->user, r->a, r->id, r->id2, &rep);
	if (rc)
		return rc;
	const struct report_version *v = rep.basis;
	struct report_section *s = arena_alloc(r->a, (v->nsections + 1) * sizeof *s);
	struct report_task *t = arena_alloc(r->a, (v->ntasks + 1) * sizeof *t);
	struct report_value *x = arena_alloc(r->a, (v->nvalues + 1) * sizeof *x);
	/* What was typed, kept to show the form again as it was sent. */
	struct typed ty = {arena_alloc(r->a, (v->nvalues + 1) * sizeof *ty.num),
	                   arena_alloc(r->a, (v->nvalues + 1) * sizeof *ty.den)};
	if (!s || !t || !x || !ty.num || !ty.den)
		return PH_ENOMEM;
	for (size_t i = 0; i < v->nsections; i++) {
		s[i] = v->sections[i];
		const char *text = req_form(r, arena_printf(r->a, "text_%zu", i));
		s[i].text = (char *)(text ? text : "");
	}
	for (size_t i = 0; i < v->ntasks; i++) {
		t[i] = v->tasks[i];
		t[i].status = (char *)req_form(r, arena_printf(r->a, "status_%lld", t[i].task_id));
		t[i].note = (char *)req_form(r, arena_printf(r->a, "note_%lld", t[i].task_id));
	}
	/* A field name the arena refused reads as a field left empty: such a
	 * draft would lose what was typed. */
	if (arena_failed(r->a))
		return PH_ENOMEM;
	const char *refused = NULL; /* the reasons of the figures that do not read */
	for (size_t i = 0; i < v->nvalues; i++) {
		long long id = v->values[i].indicator_id;
		const char *num = req_form(r, arena_printf(r->a, "value_%lld", id));
		const char *den = req_form(r, arena_printf(r->a, "den_%lld", id));
		struct vn_refusal why;
		x[i] = v->values[i];
		x[i].has_value = num && *num;
		x[i].has_den = den && *den;
		ty.num[i] = num;
		ty.den[i] = den;
		if (x[i].has_value && vn_read_number(num, &x[i].num, &why))
			refused = arena_printf(r->a, "%s%schỉ tiêu %s — %s", refused ? refused : "",
			                       refused ? " " : "", v->values[i].code, why.message);
		if (x[i].has_den && vn_read_number(den, &x[i].den, &why))
			refused = arena_printf(r->a, "%s%schỉ tiêu %s, mẫu số — %s",
			                       refused ? refused : "", refused ? " " : "",
			                       v->values[i].code, why.message);
		if (arena_failed(r->a))
			return PH_ENOMEM;
	}
	const char *why = NULL;
	struct indicator_row_error e = {0};
	struct report_draft d = {s, v->nsections, t, v->ntasks, x, v->nvalues};
	rc = refused ? PH_EINVAL
	             : report_save_draft(r->db, r->user, r->id, r->id2, &d, NULL, &why, &e);
	if (rc == PH_EINVAL || (rc == PH_EFORBIDDEN && e.code)) {
		/* show the form again with what was sent, and why it was refused */
		struct report_version sent = *v;
		sent.sections = s;
		sent.tasks = t;
		sent.values = x;
		rep.basis = &sent;
		r->status = rc == PH_EFORBIDDEN ? 403 : 422;
		const char *m = refused ? arena_printf(r->a, "Báo cáo chưa được lưu: %s", refused)
		                        : draft_error(&rep, x, &e, r);
		return m ? render(r, &rep, m, &ty) : PH_ENOMEM;
	}
	if (rc && why)
		r->err_detail = why;
	return rc ? rc : back(r, "saved");
}

int page_report_submit(struct req *r)
{
	int rc = report_submit(r->db, r->user, r->id, r->id2);
	return rc ? rc : back(r, "submitted");
}

int page_report_review(struct req *r)
{
	const char *d = req_form(r, "decision");
	if (!d || (strcmp(d, "accept") && strcmp(d, "return"))) {
		r->err_detail = "decision must be accept or return";
		return PH_EINVAL;
	}
	int accept = !strcmp(d, "accept");
	int rc = report_review(r->db, r->user, r->id, r->id2, accept, req_form(r, "comment"));
	if (rc == PH_EINVAL)
		r->err_detail = "a return needs a comment";
	return rc ? rc : back(r, accept ? "accepted" : "returned");
}

int page_compliance(struct req *r)
{
	struct compliance c;
	int rc = compliance_list(r->db, r->a, r->id, date_today(), &c);
	if (rc)
		return rc;
	layout_begin(r, arena_printf(r->a, "Tình hình nộp báo cáo: %s", c.schedule.title),
	             "schedules");
	H(r, "<p class=\"crumbs\"><a href=\"/schedules\">Lịch báo cáo</a> › <a href=\"/schedules/");
	html_int(r, c.schedule.id);
	H(r, "\">");
	html_text(r, c.schedule.title);
	H(r, "</a></p><h1>Tình hình nộp báo cáo</h1><p>");
	html_text(r, c.schedule.title);
	H(r, " — hạn gửi ");
	html_date(r, c.schedule.due);
	H(r, ", đơn vị nhận ");
	html_text(r, c.schedule.receiving_unit_name);
	H(r, ".</p><ul class=\"counts\" id=\"counts\"><li><b>");
	html_num(r, (double)c.n, 0, 1);
	H(r, "</b>Đơn vị phải gửi</li><li class=\"done\"><b>");
	html_num(r, c.on_time, 0, 1);
	H(r, "</b>Đúng hạn</li><li class=\"late\"><b>");
	html_num(r, c.late, 0, 1);
	H(r, "</b>Trễ hạn</li><li class=\"late\"><b>");
	html_num(r, c.overdue, 0, 1);
	H(r, "</b>Chưa nộp, quá hạn</li><li><b>");
	html_num(r, c.not_due, 0, 1);
	H(r, "</b>Chưa nộp, chưa đến hạn</li></ul>");
	if (!c.n) {
		H(r, "<p class=\"muted\">Lịch báo cáo này không có đơn vị gửi.</p>");
		layout_end(r);
		return 0;
	}
	download_buttons(r, arena_printf(r->a, "/schedules/%lld/compliance/export", c.schedule.id));
	H(r, "<div class=\"table-wrap\"><table id=\"compliance\"><thead><tr><th>Đơn vị</th>"
	     "<th>Tình hình</th><th>Thời điểm gửi lần đầu</th><th>Phiên bản mới nhất</th>"
	     "</tr></thead><tbody>");
	for (size_t i = 0; i < c.n; i++) {
		const struct compliance_row *x = &c.rows[i];
		H(r, "<tr class=\"");
		html_attr(r, compliance_state_name(x->state));
		if (x->state == COMPLY_MISSING && x->days)
			H(r, " overdue");
		H(r, "\" data-unit=\"");
		html_int(r, x->unit.id);
		H(r, "\"><td><a href=\"/schedules/");
		html_int(r, c.schedule.id);
		H(r, "/units/");
		html_int(r, x->unit.id);
		H(r, "\">");
		html_text(r, x->unit.name);
		H(r, "</a></td><td>");
		if (x->state == COMPLY_ON_TIME) {
			H(r, "<span class=\"status done\">Đúng hạn</span>");
		} else if (x->state == COMPLY_LATE) {
			H(r, "<span class=\"late\">Trễ ");
			html_num(r, x->days, 0, 1);
			H(r, " ngày</span>");
		} else if (x->days) {
			H(r, "<span class=\"late\">Chưa nộp (quá hạn ");
			html_num(r, x->days, 0, 1);
			H(r, " ngày)</span>");
		} else {
			H(r, "Chưa nộp (chưa đến hạn)");
		}
		H(r, "</td><td>");
		if (x->submitted_at)
			stamp(r, x->submitted_at);
		else
			H(r, "—");
		H(r, "</td><td>");
		if (x->latest_version) {
			html_int(r, x->latest_version);
			H(r, ": ");
		}
		report_badge(r, x->latest_status);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
	layout_end(r);
	return 0;
}

/* GET /schedules/{id}/compliance/export?format=xlsx|csv: the table of
 * the completeness page as a spreadsheet. */
int page_compliance_export(struct req *r)
{
	int format = 0;
	char sep = ',';
	int rc = download_params(r, &format, &sep);
	if (!rc)
		rc = export_compliance(r->db, r->a, r->id, date_today(), format, sep, download_body(r));
	if (rc)
		return rc;
	return download_send(r, format, arena_printf(r->a, "tinh-hinh-nop-bao-cao-%lld", r->id));
}
