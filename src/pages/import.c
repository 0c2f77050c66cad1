/* import.c: /import: importing a document through the browser in two
 * steps. GET shows the upload form; POST /import checks and extracts the
 * upload (or pasted text) and shows everything understood, with a select
 * per agency name to correct its match, writing NOTHING; POST
 * /import/confirm re-checks and re-extracts the same text (carried in the
 * confirm form), applies the corrections and saves it in one transaction
 * (model/document.c).
 *
 * Upload form fields: "file" (a Word .docx or .doc file, a PDF, or a text
 * file, known by its content) or "text" (pasted), and "format" for a text:
 * "auto" (the default: Markdown for a file named .md or .markdown, plain
 * text for anything else, pasted text included), "text" or "markdown".
 *
 * A Word or PDF file is kept in the database at the preview
 * (document_upload_keep) and the confirm form names it ("upload", its
 * id) instead of carrying its text; the confirm reads it again from there,
 * for the same user only, and it is kept with the document once imported.
 *
 * Confirm form fields: "text" (the NFC text) or "upload", "source" (the file name),
 * "format" ("text" or "markdown", as the preview read it),
 * "unit.N.text" and "unit.N.id" for N = 0, 1, ... (an agency name as
 * written and the chosen unit id, 0 = keep it as a proposed unit),
 * "unit.N.key" (optional: any unit by its key or one of its names, which
 * wins over unit.N.id), and "confirm_review" (required when the review
 * list is not empty).
 *
 * The review page is one screen per concern (the document's header, the
 * tasks a page at a time, the units to match, deadlines and targets, the
 * review items with the confirmation), sections of the one confirm form
 * shown one at a time by CSS :target (see "the steps" below). A document
 * imported before, or one of the same number and date, is named above
 * every screen. After the confirm the plan page says what was imported.
 *
 * Leads outside the importer's reach (not its unit or below, not a party
 * of the document or below one) are review items and a table of their
 * own; only an administrator's confirm writes such a document (403
 * otherwise, the review page again).
 *
 * Targets to track as indicators (the "Theo dõi thành chỉ tiêu" table,
 * one row per extracted target, N its 0-based index in the extraction's
 * targets): "target.N.track" = "1" when ticked, "target.N.name",
 * "target.N.code", "target.N.type" (count, sum, rate, bool) and
 * "target.N.level" (a unit level). Untick rows are ignored; the ticked
 * ones become indicators with their yearly targets in the same
 * transaction as the plan (document_save_with). */
#include "pages/pages.h"
#include "base/err.h"
#include "base/date.h"
#include "base/text.h"
#include "import/agency.h"
#include "import/extract.h"
#include "model/document.h"
#include "model/model.h"
#include "model/import_targets.h"
#include "model/indicator.h"
#include "model/user.h"
#include "model/plan.h"
#include "model/unit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- GET /import ------------------------------------------------------- */

/* The choices of the upload form's "format" field. */
static const char *const format_choices[][2] = {
	{"auto", "Theo tên tệp (.md, .markdown là Markdown; nội dung dán là văn bản thuần)"},
	{"text", "Văn bản thuần: giữ nguyên mọi ký tự"},
	{"markdown", "Markdown: đọc chữ đậm, chữ nghiêng, tiêu đề"},
};

/* The upload form, with an error above it when error is not NULL. */
static int upload_form(struct req *r, const char *error, int status, const char *pasted)
{
	const char *chosen = req_form(r, "format");
	r->status = status;
	layout_begin(r, "Nhập văn bản", "import");
	H(r, "<h1>Nhập văn bản</h1>");
	if (error)
		layout_notice(r, "error", error);
	H(r, "<p>Tải lên một kế hoạch, chương trình hay văn bản tương tự để xem những gì "
	     "hệ thống đọc được: phần đầu văn bản, bảng nhiệm vụ, thời hạn báo cáo, chỉ tiêu "
	     "và các điểm cần kiểm tra. Chưa có gì được ghi cho đến khi bạn xác nhận.</p>"
	     "<section class=\"card\">");
	html_form_post(r, "/import", "id=\"import-upload\" enctype=\"multipart/form-data\"");
	H(r, "<p><label for=\"file\">Tệp văn bản</label>"
	     "<input type=\"file\" id=\"file\" name=\"file\" accept=\".docx,.doc,.pdf,.txt,.md,.markdown,"
	     "application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,"
	     "application/pdf,text/plain,text/markdown\"></p>"
	     "<p class=\"muted\">Nhận tệp Word <b>.docx</b>, <b>.doc</b>, tệp <b>PDF</b> có lớp chữ "
	     "(không phải ảnh quét), văn bản thuần <b>.txt</b> hoặc Markdown <b>.md</b> (mã UTF-8); "
	     "dung lượng tối đa ");
	html_int(r, DOCUMENT_MAX_BYTES / (1024 * 1024));
	H(r, " MB. Loại tệp được nhận biết theo nội dung, không theo tên tệp.</p>"
	     "<p><label for=\"text\">Hoặc dán nội dung văn bản</label>"
	     "<textarea id=\"text\" name=\"text\" rows=\"10\">\n");
	html_text(r, pasted);
	H(r, "</textarea></p><p><label for=\"format\">Định dạng</label>"
	     "<select id=\"format\" name=\"format\">");
	for (size_t i = 0; i < sizeof format_choices / sizeof *format_choices; i++) {
		H(r, "<option value=\"");
		html_attr(r, format_choices[i][0]);
		H(r, "\"");
		if (chosen ? !strcmp(chosen, format_choices[i][0]) : i == 0)
			H(r, " selected");
		H(r, ">");
		html_text(r, format_choices[i][1]);
		H(r, "</option>");
	}
	H(r, "</select></p><p><button type=\"submit\">Đọc văn bản</button></p></form></section>");
	layout_end(r);
	return 0;
}

int page_import_form(struct req *r)
{
	return upload_form(r, NULL, 200, NULL);
}

/* ---- shared: checking and extracting ----------------------------------- */

/* The Vietnamese sentence for a failed document_check, or for an
 * extraction over its memory (unreadable set). */
static const char *check_message(struct req *r, int rc, int bad_line, int unreadable,
                                 enum doc_format kind, size_t size)
{
	int binary = kind == DOC_DOCX || kind == DOC_DOC || kind == DOC_PDF;
	switch (rc) {
	case PH_ETOOBIG:
		if (binary && size <= DOCUMENT_MAX_BYTES && !unreadable)
			return "Tệp vượt quá giới hạn đọc của một lần nhập (quá nhiều trang, bảng hoặc "
			       "chữ, hoặc nén quá mức). Hãy chia văn bản thành nhiều phần và nhập từng phần.";
		if (unreadable)
			return arena_printf(r->a, "Văn bản quá phức tạp để đọc trong giới hạn bộ nhớ "
			                    "của một lần nhập (%zu MB). Hãy chia văn bản thành nhiều phần "
			                    "và nhập từng phần.",
			                    DOCUMENT_EXTRACTION_MAX_MEMORY / (1024 * 1024));
		return arena_printf(r->a, "Tệp vượt quá dung lượng cho phép (tối đa %u MB).",
		                    DOCUMENT_MAX_BYTES / (1024 * 1024));
	case PH_EUTF8:
		return arena_printf(r->a, "Tệp không phải văn bản UTF-8 hợp lệ (lỗi ở dòng %d). "
		                    "Hãy lưu lại tệp với mã UTF-8.", bad_line);
	case PH_EBINARY:
		return "Tệp không phải văn bản thuần, Word hay PDF mà hệ thống đọc được (có thể là "
		       "ảnh, bảng tính hoặc loại tệp khác).";
	case PH_EEMPTY:
		return "Văn bản không có nội dung.";
	case PH_EFORMAT:
		if (kind == DOC_DOCX)
			return "Tệp nén này không phải văn bản Word (.docx) đọc được: tệp bị hỏng, hoặc "
			       "là loại tệp khác (như bảng tính hay văn bản OpenDocument).";
		if (kind == DOC_DOC)
			return "Không chuyển được tệp Word cũ (.doc) để đọc: tệp bị hỏng hoặc không phải "
			       "văn bản Word. Hãy mở tệp bằng Word, lưu thành .docx rồi tải lên.";
		if (kind == DOC_PDF)
			return "Tệp PDF bị hỏng hoặc không đọc được.";
		return "Không nhận dạng được văn bản: không tìm thấy nội dung nào để đọc.";
	default:
		return err_message(rc);
	}
}

/* An import in progress: the checked text and what was understood. */
struct job {
	struct document_input in; /* the file read (document_read) */
	const char *text;      /* its NFC text (in.text: the rendering of a Word or PDF file) */
	size_t len;
	enum doc_format format;/* how a text is read; after job_run, what the file was */
	long long upload;      /* a Word or PDF file kept for the confirm (import_uploads) */
	struct resolver *res;
	struct extraction ex;
	struct document_prior prior; /* what the database already holds of it */
	int bad_line;
	int unreadable;        /* the extraction needed more than its cap */
	enum doc_format kind;  /* what the file holds, by its content (document_sniff) */
	size_t size;           /* its bytes */
	struct document_reach reach; /* leads outside the importer's reach */
	int reached;           /* 1 once reach is computed (and its review items added) */
};

static int job_binary(const struct job *j)
{
	return j->format == DOC_DOCX || j->format == DOC_DOC || j->format == DOC_PDF;
}

static void job_cleanup(struct job *j)
{
	document_input_free(&j->in);
	resolver_free(j->res);
	extraction_cleanup(&j->ex);
}

/* Check data, extract it into j (initialized by the caller) and find what
 * the database already holds of it. */
static int job_run(struct req *r, struct job *j, const char *data, size_t n)
{
	char why[256] = "";
	j->kind = document_sniff(data, n);
	j->size = n;
	int rc = document_read(data, n, j->format, &j->in, why, sizeof why);
	j->bad_line = j->in.bad_line;
	if (rc) {
		r->err_detail = arena_strdup(r->a, why);
		return rc;
	}
	j->text = j->in.text;
	j->len = j->in.len;
	j->format = j->in.format;
	if (job_binary(j)) {
		j->ex.original = data;
		j->ex.original_len = n;
	}
	j->res = unit_resolver_db(r->db, &rc);
	if (!j->res)
		return rc ? rc : PH_ENOMEM;
	rc = document_extract_input(&j->in, j->res, &j->ex);
	j->unreadable = rc == PH_ETOOBIG;
	if (!rc)
		rc = document_prior(r->db, r->a, &j->ex, j->text, j->len, &j->prior);
	return rc;
}

/* The leads of j (after any corrections) against the signed-in user's
 * reach, once: those outside become review items. */
static int job_reach(struct req *r, struct job *j)
{
	if (j->reached)
		return 0;
	j->reached = 1;
	return document_reach(r->db, r->user, j->res, &j->ex, j->text, j->len, 1, r->a, &j->reach);
}

/* ---- the review page ------------------------------------------------- */

static const char *type_label(enum doc_type t)
{
	switch (t) {
	case DOC_PLAN: return "Kế hoạch";
	case DOC_PROGRAM: return "Chương trình";
	case DOC_REPORT: return "Báo cáo";
	case DOC_DECISION: return "Quyết định";
	case DOC_REGULATION: return "Quy chế";
	default: return "Khác";
	}
}

static const char *deadline_label(const char *kind)
{
	static const char *const k[][2] = {
		{"6-month", "Sơ kết 6 tháng"}, {"9-month", "9 tháng"},
		{"annual", "Tổng kết năm"}, {"quarterly", "Hằng quý"}, {"other", "Khác"},
	};
	for (size_t i = 0; kind && i < sizeof k / sizeof k[0]; i++)
		if (!strcmp(kind, k[i][0]))
			return k[i][1];
	return kind;
}

/* A possibly partial date: dd/mm/yyyy, mm/yyyy or yyyy; "" when unknown. */
static void partial_date(struct req *r, struct ph_date d)
{
	char iso[11];
	if (date_iso(d, iso)) {
		html_date(r, iso);
	} else if (d.y && d.m) {
		html_text(r, arena_printf(r->a, "%02d/%d", d.m, d.y));
	} else if (d.y) {
		html_int(r, d.y);
	}
}

static void line_cell(struct req *r, int line)
{
	H(r, "<td class=\"num\">");
	if (line > 0)
		html_int(r, line);
	H(r, "</td>");
}

/* Text cut to about max bytes at a word boundary (never inside a UTF-8
 * sequence), with "…"; the text itself when short. NULL only when the
 * arena refuses (the page then becomes the memory error). */
static const char *cut_text(struct req *r, const char *text, size_t max, int *cut)
{
	size_t n = text ? strlen(text) : 0;
	*cut = 0;
	if (n <= max)
		return text ? text : "";
	size_t k = max;
	while (k > max / 2 && text[k] != ' ')
		k--;
	while (k && ((unsigned char)text[k] & 0xC0) == 0x80)
		k--;
	*cut = 1;
	return arena_printf(r->a, "%.*s…", (int)k, text);
}

/* A long text cut, the whole of it one click away (a <details>, no
 * script needed); a short one as is. */
static void long_text(struct req *r, const char *text, size_t max)
{
	int cut = 0;
	const char *shown = cut_text(r, text, max, &cut);
	if (!cut) {
		html_text(r, shown);
		return;
	}
	H(r, "<details class=\"more\"><summary>");
	html_text(r, shown);
	H(r, "</summary>");
	html_text(r, text);
	H(r, "</details>");
}

static void timeframe_cell(struct req *r, const struct ex_task *t)
{
	H(r, "<td>");
	if (t->timeframe_text)
		long_text(r, t->timeframe_text, 40);
	const struct timeframe *tf = &t->timeframe;
	H(r, "<br><span class=\"muted\">");
	switch (tf->kind) {
	case TF_RANGE:
	case TF_ONGOING:
		partial_date(r, tf->start);
		H(r, " – ");
		partial_date(r, tf->end);
		if (tf->kind == TF_ONGOING)
			H(r, " (thường xuyên)");
		break;
	case TF_DEADLINE:
		H(r, "hạn ");
		partial_date(r, tf->end);
		break;
	default:
		if (t->timeframe_text)
			H(r, "chưa hiểu được thời gian");
		else
			H(r, "không ghi thời gian");
		break;
	}
	if (tf->expected)
		H(r, " (dự kiến)");
	H(r, "</span></td>");
}

/* The header of the document: what it is, and what the import found in
 * it, with links to the steps that show each. */
struct counts {
	size_t names, unmatched;  /* distinct agency names, and those not in the registry */
};

static void header_card(struct req *r, const struct extraction *ex, const char *source,
                        const struct counts *c)
{
	H(r, "<div class=\"card\" id=\"import-header\"><dl class=\"meta\">"
	     "<dt>Loại văn bản</dt><dd>");
	html_text(r, type_label(ex->type));
	if (ex->type_text) {
		H(r, " <span class=\"muted\">(");
		html_text(r, ex->type_text);
		H(r, ")</span>");
	}
	H(r, "</dd><dt>Số, ký hiệu</dt><dd>");
	html_text(r, ex->number ? ex->number : "—");
	H(r, "</dd><dt>Địa danh, ngày</dt><dd>");
	html_text(r, ex->place);
	if (ex->place && ex->date.y)
		H(r, ", ");
	partial_date(r, ex->date);
	if (!ex->place && !ex->date.y)
		H(r, "—");
	H(r, "</dd><dt>Cơ quan ban hành</dt><dd>");
	html_text(r, ex->issuers ? ex->issuers : "—");
	H(r, "</dd><dt>Trích yếu</dt><dd id=\"import-title\">");
	html_text(r, ex->title ? ex->title : "—");
	H(r, "</dd>");
	if (ex->signers_len) {
		H(r, "<dt>Người ký</dt><dd>");
		for (size_t i = 0; i < ex->signers_len; i++) {
			if (i)
				H(r, "; ");
			html_text(r, ex->signers[i].name);
			if (ex->signers[i].position) {
				H(r, " (");
				html_text(r, ex->signers[i].position);
				H(r, ")");
			}
		}
		H(r, "</dd>");
	}
	H(r, "<dt>Tệp</dt><dd>");
	html_text(r, source);
	H(r, " <span class=\"muted\">(");
	if (ex->format == DOC_MARKDOWN)
		H(r, "Markdown");
	else
		H(r, "văn bản thuần, giữ nguyên mọi ký tự");
	H(r, ")</span></dd></dl></div>");

	H(r, "<h2>Hệ thống đọc được</h2><ul class=\"summary\" id=\"import-summary\">"
	     "<li><a href=\"#buoc-nhiem-vu\"><b>");
	html_int(r, (long long)ex->tasks_len);
	H(r, "</b> nhiệm vụ</a></li>");
	if (c->names) {
		H(r, "<li><a href=\"#buoc-don-vi\"><b>");
		html_int(r, (long long)c->names);
		H(r, "</b> tên đơn vị");
		if (c->unmatched) {
			H(r, ", ");
			html_int(r, (long long)c->unmatched);
			H(r, " chưa có trong danh mục");
		}
		H(r, "</a></li>");
	}
	if (ex->deadlines_len || ex->targets_len) {
		H(r, "<li><a href=\"#buoc-han\"><b>");
		html_int(r, (long long)ex->deadlines_len);
		H(r, "</b> thời hạn báo cáo, <b>");
		html_int(r, (long long)ex->targets_len);
		H(r, "</b> chỉ tiêu</a></li>");
	}
	H(r, "<li><a href=\"#buoc-xac-nhan\"><b>");
	html_int(r, (long long)ex->review_len);
	H(r, "</b> điểm cần kiểm tra</a></li></ul>");

	if (ex->references_len) {
		H(r, "<details><summary>Căn cứ (");
		html_int(r, (long long)ex->references_len);
		H(r, ")</summary><ul id=\"import-references\">");
		for (size_t i = 0; i < ex->references_len; i++) {
			H(r, "<li>");
			html_text(r, ex->references[i].text);
			H(r, " <span class=\"muted\">(dòng ");
			html_int(r, ex->references[i].line);
			H(r, ")</span></li>");
		}
		H(r, "</ul></details>");
	}
	if (ex->sections_len) {
		H(r, "<details><summary>Bố cục (");
		html_int(r, (long long)ex->sections_len);
		H(r, " mục)</summary><ul class=\"plain\" id=\"import-sections\">");
		for (size_t i = 0; i < ex->sections_len; i++) {
			const struct ex_section *sc = &ex->sections[i];
			H(r, "<li>");
			html_text(r, sc->no);
			H(r, " ");
			html_text(r, sc->title);
			if (sc->line > 0) {
				H(r, " <span class=\"muted\">(dòng ");
				html_int(r, sc->line);
				H(r, ")</span>");
			}
			H(r, "</li>");
		}
		H(r, "</ul></details>");
	}
}

/* An agency as the task table shows it: as written, marked when it is
 * not in the registry (the units step matches it). */
static void unit_short(struct req *r, const struct ex_unitref *u)
{
	html_text(r, u->text);
	if (!u->group && u->unit_id <= 0)
		H(r, " <span class=\"badge\">mới</span>");
}

/* Rows per page of the tasks step and of the units step. */
#define TASKS_PER_PAGE 10
#define UNITS_PER_PAGE 10

/* Tasks [from, to) of ex as a compact table: long contents and long
 * lists of coordinating units cut, the whole one click away. */
static void task_table(struct req *r, const struct extraction *ex, size_t from, size_t to)
{
	H(r, "<table class=\"compact\" id=\"import-tasks");
	if (from) {
		H(r, "-");
		html_int(r, (long long)(from / TASKS_PER_PAGE + 1));
	}
	H(r, "\"><colgroup><col class=\"c-no\"><col><col class=\"c-unit\"><col class=\"c-unit\">"
	     "<col class=\"c-time\"><col class=\"c-line\"></colgroup><thead><tr><th>TT</th>"
	     "<th>Nội dung</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời gian</th>"
	     "<th class=\"num\">Dòng</th></tr></thead><tbody>");
	const char *section = from ? ex->tasks[from - 1].section : NULL;
	for (size_t i = from; i < to; i++) {
		const struct ex_task *t = &ex->tasks[i];
		if (t->section && (!section || strcmp(section, t->section))) {
			section = t->section;
			H(r, "<tr class=\"group\"><th colspan=\"6\">");
			long_text(r, section, 120);
			H(r, "</th></tr>");
		}
		H(r, "<tr><td>");
		html_text(r, t->no);
		H(r, "</td><td>");
		long_text(r, t->content, 130);
		if (t->notes) {
			H(r, "<br><span class=\"muted\">Ghi chú: ");
			long_text(r, t->notes, 80);
			H(r, "</span>");
		}
		H(r, "</td><td>");
		if (t->lead.text)
			unit_short(r, &t->lead);
		else
			H(r, "<span class=\"muted\">—</span>");
		H(r, "</td><td>");
		if (t->coordinating_len) {
			/* Written as the document lists them, cut when long. */
			const char *all = "";
			for (size_t k = 0; all && k < t->coordinating_len; k++)
				all = arena_printf(r->a, "%s%s%s", all, k ? "; " : "",
				                   t->coordinating[k].text ? t->coordinating[k].text : "");
			long_text(r, all, 70);
		}
		H(r, "</td>");
		timeframe_cell(r, t);
		line_cell(r, t->line);
		H(r, "</tr>");
	}
	H(r, "</tbody></table>");
}

static void deadlines_targets(struct req *r, const struct extraction *ex)
{
	if (ex->deadlines_len) {
		H(r, "<h2>Thời hạn báo cáo</h2><div class=\"table-wrap\"><table id=\"import-deadlines\">"
		     "<thead><tr><th>Nội dung</th><th>Loại</th><th>Hạn</th><th>Gửi</th>"
		     "<th class=\"num\">Dòng</th></tr></thead><tbody>");
		for (size_t i = 0; i < ex->deadlines_len; i++) {
			const struct ex_deadline *d = &ex->deadlines[i];
			H(r, "<tr><td>");
			html_text(r, d->text);
			H(r, "</td><td>");
			html_text(r, deadline_label(d->kind));
			H(r, "</td><td>");
			partial_date(r, d->date);
			H(r, "</td><td>");
			html_text(r, d->to);
			H(r, "</td>");
			line_cell(r, d->line);
			H(r, "</tr>");
		}
		H(r, "</tbody></table></div>");
	}
	if (ex->targets_len) {
		H(r, "<h2>Chỉ tiêu</h2><div class=\"table-wrap\"><table id=\"import-targets\">"
		     "<thead><tr><th>Chỉ tiêu</th><th>Mức</th><th>Thời gian</th>"
		     "<th class=\"num\">Dòng</th></tr></thead><tbody>");
		for (size_t i = 0; i < ex->targets_len; i++) {
			const struct ex_target *t = &ex->targets[i];
			H(r, "<tr><td>");
			html_text(r, t->text);
			H(r, "</td><td>");
			if (t->op) {
				if (!strcmp(t->op, ">="))
					H(r, "≥ ");
				else if (!strcmp(t->op, "<="))
					H(r, "≤ ");
				else {
					html_text(r, t->op);
					H(r, " ");
				}
			}
			html_num(r, t->value, 2, 1);
			if (t->unit) {
				if (strcmp(t->unit, "%"))
					H(r, " ");
				html_text(r, t->unit);
			}
			H(r, "</td><td>");
			if (t->year_from && t->year_to && t->year_from != t->year_to) {
				html_int(r, t->year_from);
				H(r, "–");
				html_int(r, t->year_to);
			} else if (t->year_to || t->year_from) {
				html_int(r, t->year_to ? t->year_to : t->year_from);
			}
			if (t->each_year)
				H(r, " (hằng năm)");
			H(r, "</td>");
			line_cell(r, t->line);
			H(r, "</tr>");
		}
		H(r, "</tbody></table></div>");
	}
}

static void review_list(struct req *r, const struct extraction *ex)
{
	if (!ex->review_len) {
		H(r, "<h2>Điểm cần kiểm tra</h2><p class=\"muted\" id=\"import-review\">"
		     "Không có: hệ thống đã đọc được toàn bộ văn bản.</p>");
		return;
	}
	H(r, "<h2>Điểm cần kiểm tra <span class=\"muted\">(");
	html_int(r, (long long)ex->review_len);
	H(r, ")</span></h2><p>Những chỗ hệ thống chưa hiểu được; hãy đối chiếu với văn bản gốc "
	     "trước khi xác nhận.</p><div class=\"table-wrap\"><table id=\"import-review\"><thead><tr>"
	     "<th>Vị trí</th><th>Nội dung</th></tr></thead><tbody>");
	for (size_t i = 0; i < ex->review_len; i++) {
		/* A Word or PDF file: where it is in the file, as a person
		 * finds it there; a text: its line. */
		H(r, "<tr><td>");
		if (ex->review[i].place) {
			html_text(r, ex->review[i].place);
		} else if (ex->review[i].line > 0) {
			H(r, "dòng ");
			html_int(r, ex->review[i].line);
		}
		H(r, "</td><td>");
		html_text(r, ex->review[i].what);
		H(r, "</td></tr>");
	}
	H(r, "</tbody></table></div>");
}

/* The distinct agency names of the task table (not group phrases), in
 * order of first appearance, with how often each appears. */
struct name_use {
	const struct ex_unitref *ref; /* first mention */
	int count;
};

static void add_name(struct req *r, struct name_use **out, size_t *n, size_t *cap,
                     const struct ex_unitref *u)
{
	if (!u->text || !*u->text || u->group)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*out)[i].ref->text, u->text)) {
			(*out)[i].count++;
			return;
		}
	struct name_use *e = ARENA_PUSH(r->a, *out, *n, *cap);
	if (!e)
		return; /* the arena is failed: the page becomes the memory error */
	e->ref = u;
	e->count = 1;
}

static size_t distinct_names(struct req *r, const struct extraction *ex, struct name_use **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; i < ex->tasks_len; i++) {
		add_name(r, out, &n, &cap, &ex->tasks[i].lead);
		for (size_t k = 0; k < ex->tasks[i].coordinating_len; k++)
			add_name(r, out, &n, &cap, &ex->tasks[i].coordinating[k]);
	}
	return n;
}

static const char *const types[] = {"count", "sum", "rate", "bool"};

/* The default indicator name of a target: its text, cut at a word
 * boundary to about 80 bytes (never inside a UTF-8 sequence); NULL when
 * the arena refuses the copy. */
static const char *short_name(struct req *r, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n <= 80)
		return text ? text : "";
	size_t cut = 80;
	while (cut > 20 && text[cut] != ' ')
		cut--;
	while (cut && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	return arena_printf(r->a, "%.*s…", (int)cut, text);
}

/* The default code of target i: "KH<digits of the plan number>-<i+1>",
 * only ASCII letters, digits and '-'; NULL when the arena refuses it. */
static const char *default_code(struct req *r, const struct extraction *ex, size_t i)
{
	char num[16] = "";
	size_t k = 0;
	for (const char *p = ex->number; p && *p >= '0' && *p <= '9' && k + 1 < sizeof num; p++)
		num[k++] = *p;
	num[k] = 0;
	return arena_printf(r->a, "KH%s-%zu", num, i + 1);
}

/* The value a field had in the submitted form, else def (also when the
 * arena refuses the field's name: the caller checks arena_failed before
 * it writes). */
static const char *field(struct req *r, size_t i, const char *name, const char *def)
{
	const char *v = req_form(r, arena_printf(r->a, "target.%zu.%s", i, name));
	return v ? v : def;
}

/* The tracking table inside the confirm form (fields: see the top). */
static void track_table(struct req *r, const struct extraction *ex, const char *own_level)
{
	if (!ex->targets_len)
		return;
	H(r, "<h3>Theo dõi thành chỉ tiêu</h3><p class=\"muted\">Đánh dấu những chỉ tiêu cần "
	     "theo dõi số liệu; mỗi chỉ tiêu được đánh dấu sẽ thành một chỉ tiêu theo dõi với "
	     "mức phấn đấu theo từng năm.</p><div class=\"table-wrap\"><table id=\"import-track\">"
	     "<thead><tr><th>Theo dõi</th><th>Tên chỉ tiêu</th><th>Mã</th><th>Loại</th>"
	     "<th>Cấp áp dụng</th></tr></thead><tbody>");
	for (size_t i = 0; i < ex->targets_len; i++) {
		const struct ex_target *t = &ex->targets[i];
		const char *type = field(r, i, "type", import_targets_default_type(t));
		const char *level = field(r, i, "level", own_level ? own_level : "province");
		H(r, "<tr><td><label><input type=\"checkbox\" name=\"target.");
		html_int(r, (long long)i);
		H(r, ".track\" value=\"1\"");
		if (req_form(r, arena_printf(r->a, "target.%zu.track", i)))
			H(r, " checked");
		H(r, "> Theo dõi thành chỉ tiêu</label></td><td><input name=\"target.");
		html_int(r, (long long)i);
		H(r, ".name\" maxlength=\"500\" aria-label=\"Tên chỉ tiêu\" value=\"");
		html_attr(r, field(r, i, "name", short_name(r, t->text)));
		H(r, "\"></td><td><input name=\"target.");
		html_int(r, (long long)i);
		H(r, ".code\" maxlength=\"32\" aria-label=\"Mã chỉ tiêu\" value=\"");
		html_attr(r, field(r, i, "code", default_code(r, ex, i)));
		H(r, "\"></td><td><select name=\"target.");
		html_int(r, (long long)i);
		H(r, ".type\" aria-label=\"Loại chỉ tiêu\">");
		for (size_t k = 0; k < sizeof types / sizeof *types; k++) {
			H(r, "<option value=\"");
			html_attr(r, types[k]);
			H(r, "\"");
			if (!strcmp(type, types[k]))
				H(r, " selected");
			H(r, ">");
			html_text(r, indicator_type_label(types[k]));
			H(r, "</option>");
		}
		H(r, "</select></td><td><select name=\"target.");
		html_int(r, (long long)i);
		H(r, ".level\" aria-label=\"Cấp áp dụng\">");
		for (size_t k = 0; k < sizeof unit_levels / sizeof *unit_levels; k++) {
			H(r, "<option value=\"");
			html_attr(r, unit_levels[k][0]);
			H(r, "\"");
			if (!strcmp(level, unit_levels[k][0]))
				H(r, " selected");
			H(r, ">");
			html_text(r, unit_levels[k][1]);
			H(r, "</option>");
		}
		H(r, "</select></td></tr>");
	}
	H(r, "</tbody></table></div>");
}

/* ---- the units step ---- */

/* "2025-02-28" as "28/02/2025" (other text as is). */
static const char *vn_date(struct req *r, const char *iso)
{
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return iso;
	return arena_printf(r->a, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static const struct unit *unit_by_id(const struct unit *all, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (all[i].id == id)
			return &all[i];
	return NULL;
}

/* The label of unit k of all (sorted by name, so that units of the same
 * name are neighbours): its name, and for a name another unit also has,
 * what tells them apart: the parent when theirs differ, the validity
 * dates, and the key ("Sở Nội vụ tỉnh Lào Cai — đến 28/02/2025
 * (laocai.so-noivu)"); "(đề xuất)" for a proposed unit. */
static const char *unit_label(struct req *r, const struct unit *all, size_t n, size_t k)
{
	const struct unit *u = &all[k];
	const struct unit *twin = NULL;
	if (k > 0 && !strcmp(all[k - 1].name, u->name))
		twin = &all[k - 1];
	else if (k + 1 < n && !strcmp(all[k + 1].name, u->name))
		twin = &all[k + 1];
	const char *s = u->name;
	if (twin) {
		const char *extra = "";
		if (twin->parent_id != u->parent_id) {
			const struct unit *p = unit_by_id(all, n, u->parent_id);
			extra = arena_printf(r->a, "thuộc %s", p ? p->name : "cấp cao nhất");
		}
		const char *from = vn_date(r, u->valid_from), *to = vn_date(r, u->valid_to);
		if (from && to)
			extra = arena_printf(r->a, "%s%s%s–%s", extra, *extra ? ", " : "", from, to);
		else if (from)
			extra = arena_printf(r->a, "%s%stừ %s", extra, *extra ? ", " : "", from);
		else if (to)
			extra = arena_printf(r->a, "%s%sđến %s", extra, *extra ? ", " : "", to);
		if (extra && *extra)
			s = arena_printf(r->a, "%s — %s (%s)", u->name, extra, u->key);
		else
			s = arena_printf(r->a, "%s (%s)", u->name, u->key);
	}
	if (s && u->proposed)
		s = arena_printf(r->a, "%s (đề xuất)", s);
	return s;
}

/* The registry as the units step offers it: labels, and each unit's
 * folded name and short name between spaces for matching words. */
struct unit_index {
	const struct unit *all;
	size_t n;
	const char **label;
	char **fold;
};

static int unit_index_init(struct req *r, const struct unit *all, size_t n,
                           struct unit_index *ix)
{
	ix->all = all;
	ix->n = n;
	ix->label = n ? arena_alloc(r->a, n * sizeof *ix->label) : NULL;
	ix->fold = n ? arena_alloc(r->a, n * sizeof *ix->fold) : NULL;
	if (n && (!ix->label || !ix->fold))
		return PH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		ix->label[i] = unit_label(r, all, n, i);
		char *f = text_fold(all[i].name);
		char *g = all[i].short_name ? text_fold(all[i].short_name) : NULL;
		ix->fold[i] = f ? arena_printf(r->a, " %s %s ", f, g ? g : "") : NULL;
		free(f);
		free(g);
		if (!ix->fold[i])
			return PH_ENOMEM;
	}
	return 0;
}

/* Most units a name's select offers besides its present match. */
#define CANDIDATES_MAX 6

/* The units whose names share the rarer words of u's text, best first:
 * each shared word counts log(units / units with the word), so that
 * "tỉnh Lào Cai" weighs little and "Nội vụ" much. Indices into ix->all
 * in out (room for CANDIDATES_MAX); returns how many. */
static size_t candidates(struct req *r, const struct unit_index *ix, const struct ex_unitref *u,
                         size_t *out)
{
	char *f = text_fold(u->text);
	if (!f)
		return 0;
	double *score = ix->n ? arena_alloc(r->a, ix->n * sizeof *score) : NULL;
	if (!score) {
		free(f);
		return 0;
	}
	memset(score, 0, ix->n * sizeof *score);
	char *save = NULL;
	for (char *w = strtok_r(f, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (strlen(w) < 2)
			continue;
		char pat[64];
		if (snprintf(pat, sizeof pat, " %s ", w) >= (int)sizeof pat)
			continue;
		size_t df = 0;
		for (size_t i = 0; i < ix->n; i++)
			df += strstr(ix->fold[i], pat) != NULL;
		if (!df)
			continue;
		double weight = log((double)(ix->n + 1) / (double)df);
		for (size_t i = 0; i < ix->n; i++)
			if (strstr(ix->fold[i], pat))
				score[i] += weight;
	}
	free(f);
	size_t k = 0;
	for (size_t i = 0; i < ix->n; i++) {
		if (score[i] <= 0 || ix->all[i].id == u->unit_id)
			continue;
		size_t at = k < CANDIDATES_MAX ? k++ : CANDIDATES_MAX;
		if (at == CANDIDATES_MAX) {
			if (score[i] <= score[out[CANDIDATES_MAX - 1]])
				continue;
			at = CANDIDATES_MAX - 1;
		}
		while (at > 0 && score[out[at - 1]] < score[i]) {
			out[at] = out[at - 1];
			at--;
		}
		out[at] = i;
	}
	return k;
}

static void option(struct req *r, long long id, const char *label, int selected)
{
	H(r, "<option value=\"");
	html_int(r, id);
	H(r, "\"");
	if (selected)
		H(r, " selected");
	H(r, ">");
	html_text(r, label);
	H(r, "</option>");
}

/* Rows [from, to) of the matching table: the name as written, how often
 * it appears, a select of its match and the likeliest units, and a field
 * for any other unit by key or name (the datalist "unit-list"). */
static void units_table(struct req *r, const struct unit_index *ix, const struct name_use *names,
                        size_t from, size_t to)
{
	H(r, "<table class=\"match\" id=\"import-units");
	if (from) {
		H(r, "-");
		html_int(r, (long long)(from / UNITS_PER_PAGE + 1));
	}
	H(r, "\"><colgroup><col class=\"c-name\"><col class=\"c-count\"><col></colgroup>"
	     "<thead><tr><th>Tên trong văn bản</th><th class=\"num\">Số lần</th>"
	     "<th>Đơn vị trong danh mục</th></tr></thead><tbody>");
	for (size_t i = from; i < to; i++) {
		const struct ex_unitref *u = names[i].ref;
		H(r, "<tr><td><label for=\"unit-");
		html_int(r, (long long)i);
		H(r, "\">");
		html_text(r, u->text);
		H(r, "</label>");
		if (u->unit_id <= 0)
			H(r, " <span class=\"badge\">chưa có trong danh mục</span>");
		H(r, "<input type=\"hidden\" name=\"unit.");
		html_int(r, (long long)i);
		H(r, ".text\" value=\"");
		html_attr(r, u->text);
		H(r, "\"></td><td class=\"num\">");
		html_int(r, names[i].count);
		H(r, "</td><td><select id=\"unit-");
		html_int(r, (long long)i);
		H(r, "\" name=\"unit.");
		html_int(r, (long long)i);
		H(r, ".id\">");
		if (u->unit_id <= 0)
			H(r, "<option value=\"0\" selected>— Đơn vị mới (đề xuất) —</option>");
		for (size_t k = 0; k < ix->n; k++)
			if (ix->all[k].id == u->unit_id)
				option(r, ix->all[k].id, ix->label[k], 1);
		size_t cand[CANDIDATES_MAX];
		size_t nc = candidates(r, ix, u, cand);
		for (size_t k = 0; k < nc; k++)
			option(r, ix->all[cand[k]].id, ix->label[cand[k]], 0);
		H(r, "</select><details class=\"more other\"><summary>Khác…</summary>"
		     "<input type=\"text\" list=\"unit-list\" name=\"unit.");
		html_int(r, (long long)i);
		H(r, ".key\" aria-label=\"Mã hoặc tên đơn vị khác cho ");
		html_attr(r, u->text);
		H(r, "\" placeholder=\"mã hoặc tên đơn vị trong danh mục\"></details></td></tr>");
	}
	H(r, "</tbody></table>");
}

/* Every unit once, for the "Đơn vị khác" fields: the key as the value,
 * the label beside it. */
static void unit_datalist(struct req *r, const struct unit_index *ix)
{
	H(r, "<datalist id=\"unit-list\">");
	for (size_t i = 0; i < ix->n; i++) {
		H(r, "<option value=\"");
		html_attr(r, ix->all[i].key);
		H(r, "\">");
		html_text(r, ix->label[i]);
		H(r, "</option>");
	}
	H(r, "</datalist>");
}

/* The names of the task table, those not in the registry first (the
 * ones that need a look), each group in order of first appearance. */
static void attention_first(struct name_use *names, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct name_use x = names[i];
		if (x.ref->unit_id > 0)
			continue;
		size_t k = i;
		while (k > 0 && names[k - 1].ref->unit_id > 0) {
			names[k] = names[k - 1];
			k--;
		}
		names[k] = x;
	}
}

/* The parties of the document and the tasks whose lead is outside the
 * importer's reach, which only an administrator may confirm. */
static void reach_card(struct req *r, const struct job *j, const struct unit *all,
                       size_t all_len)
{
	const struct document_reach *dr = &j->reach;
	if (!dr->noutside)
		return;
	H(r, "<h2>Đơn vị chủ trì ngoài phạm vi <span class=\"muted\">(");
	html_int(r, (long long)dr->noutside);
	H(r, ")</span></h2><section class=\"card\" id=\"import-reach\"><p>Bạn được giao chủ trì "
	     "cho đơn vị của mình và các đơn vị cấp dưới, cho các bên ban hành hoặc phối hợp văn "
	     "bản và đơn vị cấp dưới của họ; đơn vị phối hợp có thể là bất kỳ đơn vị nào. Những "
	     "nhiệm vụ dưới đây giao chủ trì cho đơn vị khác: <b>chỉ quản trị viên được xác nhận "
	     "nhập văn bản này</b>, hoặc hãy chọn lại đơn vị ở phần đối chiếu.</p><p>Các bên của "
	     "văn bản: ");
	if (!dr->nparties)
		H(r, "<span class=\"muted\">không xác định được</span>");
	for (size_t i = 0; i < dr->nparties; i++) {
		const char *name = NULL;
		for (size_t k = 0; k < all_len && !name; k++)
			if (all[k].id == dr->parties[i])
				name = all[k].name;
		if (i)
			H(r, "; ");
		html_text(r, name ? name : "?");
	}
	H(r, ".</p><div class=\"table-wrap\"><table id=\"import-outside\"><thead><tr><th>TT</th>"
	     "<th>Nội dung</th><th>Đơn vị chủ trì</th><th class=\"num\">Dòng</th></tr></thead><tbody>");
	for (size_t i = 0; i < dr->noutside; i++) {
		const struct ex_task *t = &j->ex.tasks[dr->outside[i].task];
		H(r, "<tr><td>");
		html_text(r, t->no);
		H(r, "</td><td>");
		html_text(r, t->content);
		H(r, "</td><td>");
		html_text(r, t->lead.unit ? t->lead.unit : t->lead.text);
		H(r, "</td>");
		line_cell(r, t->line);
		H(r, "</tr>");
	}
	H(r, "</tbody></table></div></section>");
}

/* A document named by a warning: a link to its plan (or its number when
 * it has none), its date and when it was imported. */
static void brief_link(struct req *r, const struct document_brief *b)
{
	const char *name = b->title ? b->title : b->number ? b->number : "văn bản";
	if (b->plan_id) {
		H(r, "<a href=\"/plans/");
		html_int(r, b->plan_id);
		H(r, "\">");
		html_text(r, name);
		H(r, "</a>");
	} else {
		html_text(r, name);
	}
	if (b->number || b->date) {
		H(r, " (");
		if (b->number) {
			H(r, "số ");
			html_text(r, b->number);
		}
		if (b->number && b->date)
			H(r, ", ");
		if (b->date) {
			H(r, "ngày ");
			html_date(r, b->date);
		}
		H(r, ")");
	}
	if (b->imported_at && strlen(b->imported_at) >= 10) {
		H(r, ", nhập ngày ");
		html_date(r, arena_strndup(r->a, b->imported_at, 10));
	}
}

/* The warnings of the preview: the same text imported before (confirming
 * writes nothing), and documents of the same number, symbol and date. */
static void prior_notices(struct req *r, const struct document_prior *p)
{
	if (p->same_text) {
		H(r, "<div class=\"notice error\" role=\"alert\" id=\"import-duplicate\"><p>"
		     "Văn bản này đã được nhập trước đây: ");
		brief_link(r, p->same_text);
		H(r, ". Xác nhận sẽ không ghi thêm gì.</p></div>");
	}
	if (p->same_number_len) {
		H(r, "<div class=\"notice error\" role=\"alert\" id=\"import-same-number\"><p>"
		     "Đã có văn bản cùng số, ký hiệu và ngày: ");
		for (size_t i = 0; i < p->same_number_len; i++) {
			if (i)
				H(r, "; ");
			brief_link(r, &p->same_number[i]);
		}
		H(r, " — kiểm tra trước khi nhập.</p></div>");
	}
}

/* ---- the steps ---- */

/* The concerns of the review, one screen each (a concern with many rows
 * has several pages). Each is a <section class="step"> of the confirm
 * form; the stylesheet shows the one the address names (#buoc-...) and
 * the default one otherwise, by CSS :target alone (no script: the CSP
 * forbids inline script, and the page works without any). The default
 * section is written last, so that "a later section is the target" can
 * hide it (style.css). Without the stylesheet, or printed, every section
 * shows, one after another. */
enum concern { C_HEADER, C_TASKS, C_UNITS, C_MORE, C_REVIEW, C_COUNT };

static const char *const concern_id[C_COUNT] = {
	"buoc-van-ban", "buoc-nhiem-vu", "buoc-don-vi", "buoc-han", "buoc-xac-nhan",
};
static const char *const concern_label[C_COUNT] = {
	"Văn bản", "Nhiệm vụ", "Đơn vị", "Thời hạn, chỉ tiêu", "Kiểm tra và xác nhận",
};

/* One screen: its concern and its page within the concern. */
struct screen {
	enum concern c;
	size_t page, pages;
};

/* The anchor of a screen: the concern's id, "-2", "-3"... after page 1. */
static void screen_id(struct req *r, const struct screen *s)
{
	html_text(r, concern_id[s->c]);
	if (s->page) {
		H(r, "-");
		html_int(r, (long long)s->page + 1);
	}
}

/* What the review has to show, for the steps. */
struct review {
	struct req *r;
	struct job *j;
	const char *source;
	const struct unit *all;
	size_t all_len;
	struct unit_index ix;
	struct name_use *names;
	size_t names_len;
	struct counts counts;
	const char *own_level;
	int has[C_COUNT];      /* the concern has a screen */
	long long count[C_COUNT]; /* shown beside its name in the steps; -1: none */
};

static void step_nav(struct req *r, const struct review *v, enum concern cur)
{
	H(r, "<nav class=\"stepnav\" aria-label=\"Các bước kiểm tra\"><ol>");
	int k = 0;
	for (int c = 0; c < C_COUNT; c++) {
		if (!v->has[c])
			continue;
		H(r, "<li><a href=\"#");
		html_text(r, concern_id[c]);
		H(r, "\"");
		if (c == (int)cur)
			H(r, " aria-current=\"step\"");
		H(r, ">");
		html_int(r, ++k);
		H(r, ". ");
		html_text(r, concern_label[c]);
		if (v->count[c] >= 0) {
			H(r, " (");
			html_int(r, v->count[c]);
			H(r, ")");
		}
		H(r, "</a></li>");
	}
	H(r, "</ol></nav>");
}

/* The pages of a concern with several: "Trang 1 2 3", the current one
 * marked. */
static void pager(struct req *r, const struct screen *s)
{
	if (s->pages < 2)
		return;
	H(r, "<p class=\"pager\">Trang:");
	for (size_t p = 0; p < s->pages; p++) {
		struct screen o = {s->c, p, s->pages};
		H(r, " <a href=\"#");
		screen_id(r, &o);
		H(r, "\"");
		if (p == s->page)
			H(r, " aria-current=\"page\"");
		H(r, ">");
		html_int(r, (long long)p + 1);
		H(r, "</a>");
	}
	H(r, "</p>");
}

/* The links at the foot of a screen to the one before and after it. */
static void step_foot(struct req *r, const struct screen *all, size_t n, size_t at)
{
	H(r, "<p class=\"stepfoot\">");
	if (at > 0) {
		H(r, "<a href=\"#");
		screen_id(r, &all[at - 1]);
		H(r, "\">← ");
		html_text(r, concern_label[all[at - 1].c]);
		H(r, "</a>");
	}
	if (at + 1 < n) {
		H(r, "<a class=\"button next\" href=\"#");
		screen_id(r, &all[at + 1]);
		H(r, "\">Tiếp: ");
		html_text(r, concern_label[all[at + 1].c]);
		if (all[at + 1].pages > 1) {
			H(r, ", trang ");
			html_int(r, (long long)all[at + 1].page + 1);
		}
		H(r, " →</a>");
	}
	H(r, "</p>");
}

static void tasks_screen(struct req *r, const struct review *v, const struct screen *s)
{
	const struct extraction *ex = &v->j->ex;
	H(r, "<h2>Nhiệm vụ <span class=\"muted\">(");
	html_int(r, (long long)ex->tasks_len);
	H(r, ")</span></h2>");
	if (!ex->tasks_len) {
		H(r, "<p class=\"muted\">Không tìm thấy nhiệm vụ nào.</p>");
		return;
	}
	size_t from = s->page * TASKS_PER_PAGE;
	size_t to = from + TASKS_PER_PAGE < ex->tasks_len ? from + TASKS_PER_PAGE : ex->tasks_len;
	if (s->pages > 1) {
		H(r, "<p class=\"muted\">Nhiệm vụ ");
		html_int(r, (long long)from + 1);
		H(r, "–");
		html_int(r, (long long)to);
		H(r, ". Nội dung dài được rút gọn: bấm vào để xem đủ.</p>");
	}
	task_table(r, ex, from, to);
	pager(r, s);
}

static void units_screen(struct req *r, const struct review *v, const struct screen *s)
{
	H(r, "<h2>Đối chiếu đơn vị <span class=\"muted\">(");
	html_int(r, (long long)v->names_len);
	H(r, ")</span></h2>");
	if (s->page == 0)
		reach_card(r, v->j, v->all, v->all_len);
	if (!v->names_len) {
		H(r, "<p class=\"muted\">Văn bản không ghi tên đơn vị nào.</p>");
		return;
	}
	if (s->page == 0)
		H(r, "<p class=\"muted\">Chọn đơn vị trong danh mục cho mỗi tên ghi trong văn bản; "
		     "tên chưa có trong danh mục đứng trước. Danh sách gợi ý những đơn vị có tên gần "
		     "giống; đơn vị khác có thể chọn theo mã hoặc tên. Tên chưa khớp sẽ được thêm "
		     "thành đơn vị “đề xuất” để xem xét sau.</p>");
	size_t from = s->page * UNITS_PER_PAGE;
	size_t to = from + UNITS_PER_PAGE < v->names_len ? from + UNITS_PER_PAGE : v->names_len;
	units_table(r, &v->ix, v->names, from, to);
	pager(r, s);
}

static void review_screen(struct req *r, const struct review *v)
{
	const struct extraction *ex = &v->j->ex;
	review_list(r, ex);
	if (ex->proposed_len) {
		H(r, "<h3>Đơn vị đề xuất <span class=\"muted\">(");
		html_int(r, (long long)ex->proposed_len);
		H(r, ")</span></h3><p class=\"muted\">Tên chưa có trong danh mục; nếu không chọn "
		     "đơn vị có sẵn ở bước “Đơn vị”, chúng sẽ được thêm thành đơn vị đề xuất.</p>"
		     "<ul id=\"import-proposed\">");
		for (size_t i = 0; i < ex->proposed_len; i++) {
			H(r, "<li>");
			html_text(r, ex->proposed[i].name);
			H(r, " <span class=\"muted\">(dòng ");
			html_int(r, ex->proposed[i].line);
			H(r, ")</span></li>");
		}
		H(r, "</ul>");
	}
	H(r, "<h3>Xác nhận nhập</h3>");
	if (v->j->prior.same_text)
		H(r, "<p class=\"notice error\">Văn bản này đã được nhập trước đây (xem cảnh báo ở "
		     "đầu trang): xác nhận sẽ không ghi thêm gì.</p>");
	if (ex->review_len) {
		/* Not "required": a browser cannot show why it refuses a field
		 * on a hidden screen; the server says so instead. */
		H(r, "<p><label class=\"check\"><input type=\"checkbox\" id=\"confirm_review\" "
		     "name=\"confirm_review\" value=\"1\"");
		if (req_form(r, "confirm_review"))
			H(r, " checked");
		H(r, "> Tôi đã đọc các điểm cần kiểm tra</label></p>");
	}
	H(r, "<p><button type=\"submit\">Xác nhận và ghi vào hệ thống</button> "
	     "<a href=\"/import\">Chọn văn bản khác</a></p>");
}

static void screen_body(struct req *r, const struct review *v, const struct screen *s)
{
	switch (s->c) {
	case C_HEADER:
		header_card(r, &v->j->ex, v->source, &v->counts);
		break;
	case C_TASKS:
		tasks_screen(r, v, s);
		break;
	case C_UNITS:
		units_screen(r, v, s);
		break;
	case C_MORE:
		deadlines_targets(r, &v->j->ex);
		track_table(r, &v->j->ex, v->own_level);
		break;
	default:
		review_screen(r, v);
		break;
	}
}

static size_t pages_of(size_t rows, size_t per)
{
	return rows ? (rows + per - 1) / per : 1;
}

/* The whole review page of j, showing first the screen of concern first
 * (the header, or where an error sent the reviewer back to). */
static int review_page_at(struct req *r, struct job *j, const char *source,
                          const char *error, int status, enum concern first)
{
	struct review v = {.r = r, .j = j, .source = source};
	struct unit *all = NULL;
	int rc = job_reach(r, j);
	if (!rc)
		rc = unit_list(r->db, r->a, &all, &v.all_len);
	v.all = all;
	if (!rc)
		rc = unit_index_init(r, all, v.all_len, &v.ix);
	if (rc)
		return rc;
	const struct extraction *ex = &j->ex;
	v.names_len = distinct_names(r, ex, &v.names);
	attention_first(v.names, v.names_len);
	v.counts.names = v.names_len;
	for (size_t i = 0; i < v.names_len; i++)
		v.counts.unmatched += v.names[i].ref->unit_id <= 0;
	for (size_t i = 0; i < v.all_len && !v.own_level; i++)
		if (all[i].id == r->user->unit_id)
			v.own_level = all[i].level;
	v.has[C_HEADER] = v.has[C_TASKS] = v.has[C_REVIEW] = 1;
	v.has[C_UNITS] = v.names_len || j->reach.noutside;
	v.has[C_MORE] = ex->deadlines_len || ex->targets_len;
	v.count[C_HEADER] = -1;
	v.count[C_TASKS] = (long long)ex->tasks_len;
	v.count[C_UNITS] = (long long)v.names_len;
	v.count[C_MORE] = -1;
	v.count[C_REVIEW] = (long long)ex->review_len;
	if (!v.has[first])
		first = C_HEADER;

	/* Every screen in reading order. */
	size_t n = 0;
	size_t tp = pages_of(ex->tasks_len, TASKS_PER_PAGE);
	size_t up = pages_of(v.names_len, UNITS_PER_PAGE);
	struct screen *sc = arena_alloc(r->a, (tp + up + 3) * sizeof *sc);
	if (!sc)
		return PH_ENOMEM;
	sc[n++] = (struct screen){C_HEADER, 0, 1};
	for (size_t p = 0; p < tp; p++)
		sc[n++] = (struct screen){C_TASKS, p, tp};
	for (size_t p = 0; v.has[C_UNITS] && p < up; p++)
		sc[n++] = (struct screen){C_UNITS, p, up};
	if (v.has[C_MORE])
		sc[n++] = (struct screen){C_MORE, 0, 1};
	sc[n++] = (struct screen){C_REVIEW, 0, 1};

	r->status = status;
	layout_begin(r, "Kiểm tra văn bản nhập", "import");
	H(r, "<h1>Kiểm tra văn bản nhập</h1>");
	if (error)
		layout_notice(r, "error", error);
	H(r, "<p class=\"notice ok\" role=\"status\">Văn bản chưa được ghi. Đi qua từng bước: "
	     "văn bản, nhiệm vụ, đơn vị, các điểm cần kiểm tra; sửa đơn vị nếu cần, rồi xác nhận ở "
	     "bước cuối.</p>");
	prior_notices(r, &j->prior);
	html_form_post(r, "/import/confirm", "id=\"import-confirm\"");
	/* The leading newline is eaten by the HTML parser, so a text that
	 * starts with one comes back unchanged. */
	if (j->upload) {
		/* A Word or PDF file waits on the server; the form names it. */
		H(r, "<input type=\"hidden\" name=\"upload\" value=\"");
		html_int(r, j->upload);
		H(r, "\">");
	} else {
		H(r, "<textarea name=\"text\" hidden>\n");
		html_text(r, j->text);
		H(r, "</textarea>");
	}
	H(r, "<input type=\"hidden\" name=\"source\" value=\"");
	html_attr(r, source);
	H(r, "\"><input type=\"hidden\" name=\"format\" value=\"");
	html_attr(r, doc_format_name(job_binary(j) ? DOC_TEXT : j->format));
	H(r, "\"><div class=\"steps\">");
	/* The default screen last (see above). */
	size_t def = 0;
	for (size_t i = 0; i < n; i++)
		if (sc[i].c == first && sc[i].page == 0)
			def = i;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			if ((i == def) != (pass == 1))
				continue;
			H(r, "<section class=\"step card");
			if (i == def)
				H(r, " first");
			H(r, "\" id=\"");
			screen_id(r, &sc[i]);
			H(r, "\">");
			step_nav(r, &v, sc[i].c);
			screen_body(r, &v, &sc[i]);
			step_foot(r, sc, n, i);
			H(r, "</section>");
		}
	H(r, "</div>");
	if (v.names_len)
		unit_datalist(r, &v.ix);
	H(r, "</form>");
	layout_end(r);
	return 0;
}

/* The review page, from its first screen. */
static int review_page(struct req *r, struct job *j, const char *source,
                       const char *error, int status)
{
	return review_page_at(r, j, source, error, status, C_HEADER);
}

/* ---- POST /import ------------------------------------------------------ */

/* 1 when name ends in .txt, .md or .markdown (any case). */
/* 1 for the codes of a file that cannot be imported as it is: the upload
 * form again, with the reason. */
static int refused_file(int rc)
{
	switch (rc) {
	case PH_ETOOBIG: case PH_EUTF8: case PH_EBINARY: case PH_EEMPTY: case PH_EFORMAT:
	case PH_EENCRYPTED: case PH_ESCANNED: case PH_ENOCONVERTER: case PH_ETIMEOUT:
		return 1;
	default:
		return 0;
	}
}

/* The "format" field of the upload form: 0 with *f set ("auto" or none:
 * from the file name, plain text for pasted text), -1 for anything else. */
static int chosen_format(struct req *r, const char *file_name, enum doc_format *f)
{
	const char *v = req_form(r, "format");
	if (!v || !*v || !strcmp(v, "auto")) {
		*f = file_name ? doc_format_from_name(file_name) : DOC_TEXT;
		return 0;
	}
	return doc_format_parse(v, f);
}

/* The last component of an uploaded file name (browsers on Windows may
 * send a whole path). */
static const char *base_name(const char *name)
{
	const char *b = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	return b;
}

int page_import_preview(struct req *r)
{
	const struct req_param *file = req_form_param(r, "file");
	const char *pasted = req_form(r, "text");
	const char *data, *source;
	size_t n;
	struct job j = {0};
	if (file && file->filename && *file->filename && file->len) {
		source = base_name(file->filename);
		if (!*source)
			source = "tệp tải lên";
		if (chosen_format(r, source, &j.format))
			return upload_form(r, "Định dạng đã chọn không hợp lệ.", 422, NULL);
		data = file->value;
		n = file->len;
	} else if (pasted && pasted[strspn(pasted, " \t\r\n")]) {
		if (chosen_format(r, NULL, &j.format))
			return upload_form(r, "Định dạng đã chọn không hợp lệ.", 422, pasted);
		/* the name says the format, as a file's does */
		source = j.format == DOC_MARKDOWN ? "văn bản dán.md" : "văn bản dán.txt";
		data = pasted;
		n = strlen(pasted);
	} else if (file && file->filename && *file->filename) {
		return upload_form(r, "Tệp đã chọn không có nội dung.", 422, NULL);
	} else {
		return upload_form(r, "Hãy chọn một tệp văn bản hoặc dán nội dung văn bản.", 422, NULL);
	}

	extraction_init_capped(&j.ex, DOCUMENT_EXTRACTION_MAX_MEMORY);
	int rc = job_run(r, &j, data, n);
	/* A Word or PDF file waits on the server for the confirm. */
	if (!rc && job_binary(&j))
		rc = document_upload_keep(r->db, r->user, source, data, n, &j.upload);
	if (refused_file(rc))
		rc = upload_form(r, check_message(r, rc, j.bad_line, j.unreadable, j.kind, j.size), err_http(rc),
		                 file && file->filename && *file->filename ? NULL : pasted);
	else if (!rc)
		rc = review_page(r, &j, source, NULL, 200);
	job_cleanup(&j);
	return rc;
}

/* ---- POST /import/confirm --------------------------------------------- */

/* Apply the "unit.N.text" / "unit.N.id" corrections to j->ex. PH_EINVAL
 * (with *why) for an id that is not a unit or a name not in the text;
 * PH_ENOMEM when the arena refuses a field's name (a correction must not
 * be taken as absent). */
static int apply_corrections(struct req *r, struct job *j, const char **why)
{
	for (int i = 0; i < 100000; i++) {
		const char *text_name = arena_printf(r->a, "unit.%d.text", i);
		const char *id_name = arena_printf(r->a, "unit.%d.id", i);
		if (!text_name || !id_name)
			return PH_ENOMEM;
		const char *key_name = arena_printf(r->a, "unit.%d.key", i);
		if (!key_name)
			return PH_ENOMEM;
		const char *text = req_form(r, text_name);
		const char *ids = req_form(r, id_name);
		const char *key = req_form(r, key_name);
		if (!text)
			return 0;
		char *end = NULL;
		long long id = ids && *ids ? strtoll(ids, &end, 10) : 0;
		if ((ids && *ids && *end) || id < 0) {
			*why = "Lựa chọn đơn vị không hợp lệ.";
			return PH_EINVAL;
		}
		/* "Khác…": a unit by its key or any of its names wins over the
		 * select. */
		while (key && (*key == ' ' || *key == '\t'))
			key++;
		if (key && *key) {
			int frc = unit_find(r->db, j->res, key, &id);
			if (frc == PH_ENOTFOUND) {
				*why = arena_printf(r->a, "Không tìm thấy đơn vị có mã hoặc tên “%s” trong "
				                    "danh mục (cho tên “%s”).", key, text);
				return PH_EINVAL;
			}
			if (frc)
				return frc;
		}
		if (!id)
			continue;
		int rc = document_set_unit(r->db, &j->ex, text, id);
		if (rc == PH_ENOTFOUND) {
			*why = "Đơn vị được chọn không còn trong danh mục; hãy chọn lại.";
			return PH_EINVAL;
		}
		if (rc == PH_EINVAL) {
			*why = arena_printf(r->a, "Văn bản không có tên đơn vị “%s”.", text);
			return PH_EINVAL;
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* The 409 page of a document imported before, linking to its plan. */
static int duplicate_page(struct req *r, long long doc_id)
{
	struct plan *plans = NULL;
	size_t n = 0;
	int rc = plan_list(r->db, r->a, &plans, &n);
	if (rc)
		return rc;
	r->status = 409;
	layout_begin(r, "Văn bản đã được nhập", "import");
	H(r, "<h1>Văn bản đã được nhập</h1>");
	layout_notice(r, "error", "Văn bản này đã được nhập trước đây; không có gì được ghi thêm.");
	H(r, "<p>");
	const struct plan *p = NULL;
	for (size_t i = 0; i < n && !p; i++)
		if (plans[i].document_id == doc_id)
			p = &plans[i];
	if (p) {
		H(r, "Xem kế hoạch đã nhập: <a id=\"import-existing\" href=\"/plans/");
		html_int(r, p->id);
		H(r, "\">");
		html_text(r, p->title ? p->title : "Kế hoạch");
		H(r, "</a>. ");
	}
	H(r, "<a href=\"/import\">Nhập văn bản khác</a></p>");
	layout_end(r);
	return 0;
}

int page_import_confirm(struct req *r)
{
	const char *text = req_form(r, "text");
	const char *source = req_form(r, "source");
	const char *upload = req_form(r, "upload");
	struct job j = {0};
	const void *file = NULL;
	size_t file_len = 0;
	if (upload) {
		/* A Word or PDF file kept at the preview, read again from the
		 * database: the browser never sends it back. */
		char *end = NULL, *name = NULL;
		long long id = strtoll(upload, &end, 10);
		if (!*upload || *end || id <= 0) {
			r->err_detail = "upload must be the id the preview gave";
			return PH_EBADREQ;
		}
		int rc = document_upload_get(r->db, r->a, r->user, id, &name, &file, &file_len);
		if (rc == PH_ENOTFOUND)
			return upload_form(r, "Tệp đã tải lên không còn trên máy chủ (quá một ngày, hoặc "
			                   "đã được nhập). Hãy tải tệp lên lại.", 404, NULL);
		if (rc)
			return rc;
		j.upload = id;
		source = name;
	} else if (!text) {
		r->err_detail = "the form has no text field";
		return PH_EBADREQ;
	}
	if (!source || !*source)
		source = "văn bản.txt";
	source = base_name(source);

	const char *why = NULL;
	long long doc = 0, plan = 0;
	const char *format = req_form(r, "format");
	if (!format)
		j.format = doc_format_from_name(source);
	else if (doc_format_parse(format, &j.format)) {
		r->err_detail = "format must be text or markdown";
		return PH_EBADREQ;
	}
	extraction_init_capped(&j.ex, DOCUMENT_EXTRACTION_MAX_MEMORY);
	int rc = file ? job_run(r, &j, file, file_len) : job_run(r, &j, text, strlen(text));
	if (rc == PH_ETOOBIG && j.unreadable) {
		rc = upload_form(r, check_message(r, rc, 0, 1, j.kind, j.size), err_http(rc), NULL);
		goto done;
	}
	if (rc)
		goto done;
	rc = apply_corrections(r, &j, &why);
	if (rc == PH_EINVAL) {
		rc = review_page_at(r, &j, source, why, 422, C_UNITS);
		goto done;
	}
	if (rc || (rc = job_reach(r, &j)))
		goto done;
	if (j.reach.noutside) {
		rc = review_page_at(r, &j, source, "Văn bản giao chủ trì nhiệm vụ cho đơn vị nằm ngoài "
		                    "phạm vi của bạn (xem bảng “Đơn vị chủ trì ngoài phạm vi” ở bước "
		                    "“Đơn vị”): cần quản trị viên xác nhận nhập. Chưa có gì được ghi.",
		                    403, C_UNITS);
		goto done;
	}
	if (j.ex.review_len && !req_form(r, "confirm_review")) {
		rc = review_page_at(r, &j, source, "Hãy đọc các điểm cần kiểm tra và đánh dấu "
		                    "“Tôi đã đọc các điểm cần kiểm tra” trước khi xác nhận. "
		                    "Chưa có gì được ghi.", 422, C_REVIEW);
		goto done;
	}
	struct import_target_choice *choices = NULL;
	size_t nchoices = 0;
	if (j.ex.targets_len && !(choices = arena_alloc(r->a, j.ex.targets_len * sizeof *choices))) {
		rc = PH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < j.ex.targets_len; i++) {
		const char *track = req_form(r, arena_printf(r->a, "target.%zu.track", i));
		if (!track || strcmp(track, "1"))
			continue;
		choices[nchoices++] = (struct import_target_choice){
			.target = i, .name = field(r, i, "name", NULL), .code = field(r, i, "code", NULL),
			.type = field(r, i, "type", NULL), .level = field(r, i, "level", NULL),
		};
	}
	/* A field name the arena refused reads as an absent field: a choice
	 * would be lost, so nothing is saved. */
	if (arena_failed(r->a)) {
		rc = PH_ENOMEM;
		goto done;
	}
	const char *ind_why = NULL;
	rc = document_save_with(r->db, r->user, &j.ex, source, j.text, j.len, choices, nchoices,
	                        NULL, &doc, &plan, &ind_why);
	if (rc == PH_EDUPLICATE && !doc)
		rc = review_page_at(r, &j, source, "Mã chỉ tiêu đã được dùng (hoặc trùng nhau); hãy "
		                    "đổi mã. Chưa có gì được ghi.", 409, C_MORE);
	else if (rc == PH_EINVAL && ind_why)
		rc = review_page_at(r, &j, source, arena_printf(r->a, "Chỉ tiêu theo dõi chưa hợp lệ "
		                    "(%s). Chưa có gì được ghi.", ind_why), 422, C_MORE);
	else if (rc == PH_EFORBIDDEN && ind_why)
		rc = review_page_at(r, &j, source, "Chỉ tiêu theo dõi chỉ được đặt cho cấp của đơn vị "
		                    "bạn và các cấp dưới. Chưa có gì được ghi.", 403, C_MORE);
	else if (rc == PH_EDUPLICATE)
		rc = duplicate_page(r, doc);
	else if (!rc) {
		/* Imported: the kept file is the document's now. A failure here
		 * leaves a row the next day's uploads remove. */
		if (j.upload)
			document_upload_drop(r->db, r->user, j.upload);
		rc = reply_redirect(r, arena_printf(r->a, "/plans/%lld?ok=import", plan));
	}
done:
	job_cleanup(&j);
	return rc;
}
