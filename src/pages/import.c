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
 * written and the chosen unit id, 0 = keep it as a proposed unit), and
 * "confirm_review" (required when the review list is not empty).
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
static const char *check_message(struct req *r, int rc, int bad_line, int unreadable)
{
	switch (rc) {
	case PH_ETOOBIG:
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
		return "Tệp là tệp nhị phân (như Word, PDF hay ảnh), không phải văn bản thuần.";
	case PH_EEMPTY:
		return "Văn bản không có nội dung.";
	case PH_EFORMAT:
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

/* One agency reference: the text as written, then what it matched. */
static void unitref(struct req *r, const struct ex_unitref *u)
{
	html_text(r, u->text);
	if (u->group) {
		H(r, " <span class=\"muted\">(nhóm đơn vị)</span>");
	} else if (u->unit_id > 0) {
		H(r, "<br><span class=\"muted\">→ ");
		html_text(r, u->unit);
		H(r, "</span>");
	} else if (u->unlisted) {
		H(r, "<br><span class=\"muted\">→ chưa khớp danh mục (quá nhiều tên mới, "
		     "không đề xuất)</span>");
	} else {
		H(r, "<br><span class=\"muted\">→ đơn vị mới (đề xuất)</span>");
	}
}

static void timeframe_cell(struct req *r, const struct ex_task *t)
{
	H(r, "<td>");
	if (t->timeframe_text)
		html_text(r, t->timeframe_text);
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

static void header_card(struct req *r, const struct extraction *ex, const char *source)
{
	H(r, "<section class=\"card\" id=\"import-header\"><dl class=\"meta\">"
	     "<dt>Tệp</dt><dd>");
	html_text(r, source);
	H(r, "</dd><dt>Định dạng</dt><dd>");
	if (ex->format == DOC_MARKDOWN)
		H(r, "Markdown");
	else
		H(r, "Văn bản thuần (giữ nguyên mọi ký tự)");
	H(r, "</dd><dt>Loại văn bản</dt><dd>");
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
	H(r, "</dd><dt>Trích yếu</dt><dd>");
	html_text(r, ex->title ? ex->title : "—");
	H(r, "</dd><dt>Cơ quan ban hành</dt><dd>");
	html_text(r, ex->issuers ? ex->issuers : "—");
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
	H(r, "</dl></section>");

	if (ex->references_len) {
		H(r, "<h2>Căn cứ</h2><ul id=\"import-references\">");
		for (size_t i = 0; i < ex->references_len; i++) {
			H(r, "<li>");
			html_text(r, ex->references[i].text);
			H(r, " <span class=\"muted\">(dòng ");
			html_int(r, ex->references[i].line);
			H(r, ")</span></li>");
		}
		H(r, "</ul>");
	}
}

static void sections_list(struct req *r, const struct extraction *ex)
{
	if (!ex->sections_len)
		return;
	H(r, "<h2>Bố cục</h2><div class=\"table-wrap\"><table id=\"import-sections\"><thead><tr>"
	     "<th>Mục</th><th>Tiêu đề</th><th class=\"num\">Dòng</th></tr></thead><tbody>");
	for (size_t i = 0; i < ex->sections_len; i++) {
		const struct ex_section *s = &ex->sections[i];
		H(r, "<tr><td>");
		html_text(r, s->no);
		H(r, "</td><td>");
		html_text(r, s->title);
		H(r, "</td>");
		line_cell(r, s->line);
		H(r, "</tr>");
	}
	H(r, "</tbody></table></div>");
}

static void task_table(struct req *r, const struct extraction *ex)
{
	H(r, "<h2>Nhiệm vụ <span class=\"muted\">(");
	html_int(r, (long long)ex->tasks_len);
	H(r, ")</span></h2>");
	if (!ex->tasks_len) {
		H(r, "<p class=\"muted\">Không tìm thấy nhiệm vụ nào.</p>");
		return;
	}
	H(r, "<div class=\"table-wrap\"><table id=\"import-tasks\"><thead><tr><th>TT</th>"
	     "<th>Nội dung</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời gian</th>"
	     "<th class=\"num\">Dòng</th></tr></thead><tbody>");
	const char *section = NULL;
	for (size_t i = 0; i < ex->tasks_len; i++) {
		const struct ex_task *t = &ex->tasks[i];
		if (t->section && (!section || strcmp(section, t->section))) {
			section = t->section;
			H(r, "<tr><th colspan=\"6\">");
			html_text(r, section);
			H(r, "</th></tr>");
		}
		H(r, "<tr><td>");
		html_text(r, t->no);
		H(r, "</td><td>");
		html_text(r, t->content);
		if (t->notes) {
			H(r, "<br><span class=\"muted\">Ghi chú: ");
			html_text(r, t->notes);
			H(r, "</span>");
		}
		H(r, "</td><td>");
		if (t->lead.text)
			unitref(r, &t->lead);
		else
			H(r, "<span class=\"muted\">—</span>");
		H(r, "</td><td>");
		if (t->coordinating_len) {
			H(r, "<ul>");
			for (size_t k = 0; k < t->coordinating_len; k++) {
				H(r, "<li>");
				unitref(r, &t->coordinating[k]);
				H(r, "</li>");
			}
			H(r, "</ul>");
		}
		H(r, "</td>");
		timeframe_cell(r, t);
		line_cell(r, t->line);
		H(r, "</tr>");
	}
	H(r, "</tbody></table></div>");
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

/* The confirm form: the text, the unit corrections, the review check. */
static void confirm_form(struct req *r, const struct job *j, const char *source,
                         const struct unit *all, size_t all_len, int review_checked,
                         const char *own_level)
{
	const struct extraction *ex = &j->ex;
	struct name_use *names = NULL;
	size_t names_len = distinct_names(r, ex, &names);

	H(r, "<h2>Xác nhận nhập</h2><section class=\"card\">");
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
	H(r, "\">");

	if (names_len) {
		H(r, "<h3>Đối chiếu đơn vị</h3><p class=\"muted\">Chọn đơn vị trong danh mục cho "
		     "mỗi tên ghi trong văn bản. Tên chưa khớp sẽ được thêm thành đơn vị “đề xuất” "
		     "để xem xét sau.</p><div class=\"table-wrap\"><table id=\"import-units\"><thead><tr>"
		     "<th>Tên trong văn bản</th><th class=\"num\">Số lần</th><th>Đơn vị trong danh mục</th>"
		     "</tr></thead><tbody>");
		for (size_t i = 0; i < names_len; i++) {
			const struct ex_unitref *u = names[i].ref;
			H(r, "<tr><td><label for=\"unit-");
			html_int(r, (long long)i);
			H(r, "\">");
			html_text(r, u->text);
			H(r, "</label><input type=\"hidden\" name=\"unit.");
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
			for (size_t k = 0; k < all_len; k++) {
				H(r, "<option value=\"");
				html_int(r, all[k].id);
				H(r, "\"");
				if (all[k].id == u->unit_id)
					H(r, " selected");
				H(r, ">");
				html_text(r, all[k].name);
				if (all[k].proposed)
					H(r, " (đề xuất)");
				H(r, "</option>");
			}
			H(r, "</select></td></tr>");
		}
		H(r, "</tbody></table></div>");
	}
	track_table(r, ex, own_level);
	if (ex->review_len) {
		H(r, "<p><label><input type=\"checkbox\" id=\"confirm_review\" name=\"confirm_review\" "
		     "value=\"1\" required");
		if (review_checked)
			H(r, " checked");
		H(r, "> Tôi đã đọc các điểm cần kiểm tra</label></p>");
	}
	H(r, "<p><button type=\"submit\">Xác nhận và ghi vào hệ thống</button> "
	     "<a href=\"/import\">Chọn văn bản khác</a></p></form></section>");
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

/* The whole review page of j. */
static int review_page(struct req *r, struct job *j, const char *source,
                       const char *error, int status)
{
	struct unit *all = NULL;
	size_t all_len = 0;
	int rc = job_reach(r, j);
	if (!rc)
		rc = unit_list(r->db, r->a, &all, &all_len);
	if (rc)
		return rc;
	const struct extraction *ex = &j->ex;
	r->status = status;
	layout_begin(r, "Kiểm tra văn bản nhập", "import");
	H(r, "<h1>Kiểm tra văn bản nhập</h1>");
	if (error)
		layout_notice(r, "error", error);
	H(r, "<p class=\"notice ok\" role=\"status\">Văn bản chưa được ghi. Hãy kiểm tra nội dung "
	     "hệ thống đọc được bên dưới, sửa đơn vị nếu cần, rồi xác nhận ở cuối trang.</p>");
	prior_notices(r, &j->prior);
	header_card(r, ex, source);
	sections_list(r, ex);
	task_table(r, ex);
	reach_card(r, j, all, all_len);
	deadlines_targets(r, ex);
	review_list(r, ex);
	if (ex->proposed_len) {
		H(r, "<h2>Đơn vị đề xuất <span class=\"muted\">(");
		html_int(r, (long long)ex->proposed_len);
		H(r, ")</span></h2><p class=\"muted\">Tên chưa có trong danh mục; nếu không chọn "
		     "đơn vị có sẵn, chúng sẽ được thêm thành đơn vị đề xuất.</p><ul id=\"import-proposed\">");
		for (size_t i = 0; i < ex->proposed_len; i++) {
			H(r, "<li>");
			html_text(r, ex->proposed[i].name);
			H(r, " <span class=\"muted\">(dòng ");
			html_int(r, ex->proposed[i].line);
			H(r, ")</span></li>");
		}
		H(r, "</ul>");
	}
	const char *own_level = NULL;
	for (size_t i = 0; i < all_len && !own_level; i++)
		if (all[i].id == r->user->unit_id)
			own_level = all[i].level;
	confirm_form(r, j, source, all, all_len, req_form(r, "confirm_review") != NULL,
	             own_level);
	layout_end(r);
	return 0;
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
		rc = upload_form(r, check_message(r, rc, j.bad_line, j.unreadable), err_http(rc),
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
		const char *text = req_form(r, text_name);
		const char *ids = req_form(r, id_name);
		if (!text)
			return 0;
		char *end = NULL;
		long long id = ids && *ids ? strtoll(ids, &end, 10) : 0;
		if ((ids && *ids && *end) || id < 0) {
			*why = "Lựa chọn đơn vị không hợp lệ.";
			return PH_EINVAL;
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
		rc = upload_form(r, check_message(r, rc, 0, 1), err_http(rc), NULL);
		goto done;
	}
	if (rc)
		goto done;
	rc = apply_corrections(r, &j, &why);
	if (rc == PH_EINVAL) {
		rc = review_page(r, &j, source, why, 422);
		goto done;
	}
	if (rc || (rc = job_reach(r, &j)))
		goto done;
	if (j.reach.noutside) {
		rc = review_page(r, &j, source, "Văn bản giao chủ trì nhiệm vụ cho đơn vị nằm ngoài phạm "
		                 "vi của bạn (xem bảng “Đơn vị chủ trì ngoài phạm vi”): cần quản trị viên "
		                 "xác nhận nhập. Chưa có gì được ghi.", 403);
		goto done;
	}
	if (j.ex.review_len && !req_form(r, "confirm_review")) {
		rc = review_page(r, &j, source, "Hãy đọc các điểm cần kiểm tra và đánh dấu "
		                 "“Tôi đã đọc các điểm cần kiểm tra” trước khi xác nhận. "
		                 "Chưa có gì được ghi.", 422);
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
		rc = review_page(r, &j, source, "Mã chỉ tiêu đã được dùng (hoặc trùng nhau); hãy "
		                 "đổi mã. Chưa có gì được ghi.", 409);
	else if (rc == PH_EINVAL && ind_why)
		rc = review_page(r, &j, source, arena_printf(r->a, "Chỉ tiêu theo dõi chưa hợp lệ "
		                 "(%s). Chưa có gì được ghi.", ind_why), 422);
	else if (rc == PH_EFORBIDDEN && ind_why)
		rc = review_page(r, &j, source, "Chỉ tiêu theo dõi chỉ được đặt cho cấp của đơn vị "
		                 "bạn và các cấp dưới. Chưa có gì được ghi.", 403);
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
