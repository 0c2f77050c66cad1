/* test_docx.c: the Word reader (render_docx, import/render.h). The
 * fixtures are written by tests/import/docx/make_docx.py (standard library
 * zipfile, hand-written WordprocessingML) into a fresh temporary folder;
 * each is rendered and its text lines (blank lines left out) compared with
 * what Word shows, with the places of some lines. Then the bad inputs,
 * each refused with its code and nothing else (a zip that is corrupt,
 * truncated or not a Word file, zip bombs by ratio, size and entry count,
 * an OLE2 encrypted package and an encrypted entry, DOCTYPEs and external
 * entities at any offset, UTF-16, deep nesting, 10,000 and 10,001 tables),
 * and a whole plan read end to end through document_extract, compared with
 * the same plan typed as text. When ../shared/samples is there, one real
 * sample is turned into a .docx and must extract the same tasks. */
#include "import/render.h"
#include "import/extract.h"
#include "model/document.h"
#include "model/unit.h"
#include "import/agency.h"
#include "import/legacy.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include "test.h"
#include "samples.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[256];

static int make_fixtures(void)
{
	snprintf(dir, sizeof dir, "/tmp/test_docx.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "python3 tests/import/docx/make_docx.py %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void remove_fixtures(void)
{
	char cmd[512];
	if (dir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", dir);
	}
}

/* Render fixture name; the code, *r filled on 0. */
static int render_name(const char *name, struct rendering *r, char *why, size_t whylen)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s.docx", dir, name);
	struct buf b;
	buf_init(&b, 128u << 20);
	if (buf_read_file(&b, path)) {
		buf_cleanup(&b);
		snprintf(why, whylen, "cannot read %.200s", path);
		memset(r, 0, sizeof *r);
		return -1;
	}
	int rc = render_docx(b.data, b.len, r, why, whylen);
	buf_cleanup(&b);
	return rc;
}

/* The text's lines without the blank ones, joined by '\n'. */
static char *text_lines(const struct rendering *r)
{
	char *out = malloc(r->len + 1);
	size_t o = 0;
	const char *s = r->text;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n) {
			if (o)
				out[o++] = '\n';
			memcpy(out + o, s, n);
			o += n;
		}
		s += n + (e != NULL);
	}
	out[o] = 0;
	return out;
}

/* The invariants of every rendering: lines end in '\n', one place per line
 * numbered in order, NFC, no control character but '\t' and '\n', no
 * blank line at the start, no two in a row. */
static void check_shape(const char *name, const struct rendering *r)
{
	size_t lines = 0;
	int ok = r->len == strlen(r->text) && r->len && r->text[r->len - 1] == '\n';
	for (size_t i = 0; i < r->len; i++) {
		unsigned char c = (unsigned char)r->text[i];
		lines += c == '\n';
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
			ok = 0;
		if (c == '\n' && i + 2 < r->len && r->text[i + 1] == '\n' && r->text[i + 2] == '\n')
			ok = 0;
	}
	CHECK(ok && r->text[0] != '\n', "%s: the rendering's shape", name);
	CHECK_INT(r->places_len, lines, name);
	for (size_t i = 0; i < r->places_len && i < lines; i++)
		if (r->places[i].line != (int)i + 1) {
			CHECK(0, "%s: place %zu has line %d", name, i, r->places[i].line);
			break;
		}
	char *nfc = text_nfc(r->text, r->len);
	CHECK(nfc && strcmp(nfc, r->text) == 0, "%s: NFC", name);
	free(nfc);
}

/* Render name and compare its lines with want (lines joined by '\n'). */
static void expect(const char *name, const char *want)
{
	struct rendering r;
	char why[256] = "";
	int rc = render_name(name, &r, why, sizeof why);
	CHECK(rc == 0, "%s: render_docx gave %d (%s)", name, rc, why);
	if (rc)
		return;
	check_shape(name, &r);
	char *got = text_lines(&r);
	CHECK_STR(got, want, name);
	free(got);
	rendering_free(&r);
}

/* The place of the first line that is exactly s. */
static struct doc_place place_of(const struct rendering *r, const char *s)
{
	struct doc_place none = {0};
	const char *p = r->text;
	size_t line = 0, n = strlen(s);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && memcmp(p, s, n) == 0 && line < r->places_len)
			return r->places[line];
		line++;
		p += k + (e != NULL);
	}
	return none;
}

static void expect_place(const char *name, const char *line, int para, int table, int row,
                         int column)
{
	struct rendering r;
	char why[256];
	if (render_name(name, &r, why, sizeof why) != 0) {
		CHECK(0, "%s: not rendered (%s)", name, why);
		return;
	}
	struct doc_place p = place_of(&r, line);
	CHECK(p.line > 0 && p.paragraph == para && p.table == table && p.row == row &&
	      p.column == column && p.page == 0,
	      "%s: \"%s\" at line %d paragraph %d table %d row %d column %d, want %d/%d/%d/%d",
	      name, line, p.line, p.paragraph, p.table, p.row, p.column, para, table, row, column);
	rendering_free(&r);
}

static void features(void)
{
	expect("header_table",
	       "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n_______\nSố: 15/KH-UBND\n"
	       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
	       "Lào Cai, ngày 10 tháng 3 năm 2025\nKẾ HOẠCH\nTriển khai công tác năm 2025");
	expect_place("header_table", "Số: 15/KH-UBND", 4, 1, 1, 1);
	expect_place("header_table", "Lào Cai, ngày 10 tháng 3 năm 2025", 7, 1, 1, 2);
	expect_place("header_table", "KẾ HOẠCH", 8, 0, 0, 0);
	/* bordered by its style, still the header: by its content */
	expect("header_bordered",
	       "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 15/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	       "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 10 tháng 3 năm 2025\nKẾ HOẠCH");
	expect_place("header_bordered", "Lào Cai, ngày 10 tháng 3 năm 2025", 6, 1, 2, 2);
	expect("closing_table",
	       "Đề nghị các cơ quan thực hiện.\nNơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu: VT, NC.\n"
	       "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn An");
	expect_place("closing_table", "Nguyễn Văn An", 9, 1, 1, 2);
	/* header once (its repetition and the column numbers dropped), a section
	 * row alone in its first cell, a lead merged down repeated, agencies by
	 * a line break and by "- " paragraphs, a cell over two columns, a
	 * deleted row */
	expect("task_merged",
	       "PHỤ LỤC\n"
	       "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
	       "I. CÔNG TÁC TUYÊN TRUYỀN\t\t\t\t\n"
	       "1\tTuyên truyền A\tSở Tư pháp\tSở Nội vụ; Công an tỉnh\tQuý II/2025\n"
	       "2\tTuyên truyền B\tSở Tư pháp\tSở Y tế; Sở Giáo dục và Đào tạo\tQuý III/2025\n"
	       "3\tNội dung C\tHội LHPN tỉnh\tSở Tài chính; Sở Xây dựng\tNăm 2025\n"
	       "4\tTổ chức hội nghị\t\tSở Nội vụ\tTháng 5/2025\n"
	       "Hết phụ lục.");
	expect_place("task_merged", "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",
	             2, 1, 1, 0);
	expect_place("task_merged", "3\tNội dung C\tHội LHPN tỉnh\tSở Tài chính; Sở Xây dựng\tNăm 2025",
	             33, 1, 8, 0);
	/* the data table's text is one block: blank lines before and after only */
	struct rendering r;
	char why[256];
	if (render_name("task_merged", &r, why, sizeof why) == 0) {
		CHECK(strstr(r.text, "PHỤ LỤC\n\nSTT\t") && strstr(r.text, "Tháng 5/2025\n\nHết"),
		      "task_merged: blank lines around the table");
		CHECK(!strstr(r.text, "(1)") && !strstr(r.text, "Dòng bị xóa"),
		      "task_merged: no column numbers, no deleted row");
		rendering_free(&r);
	}
	/* start and end in separate columns under one header cell */
	expect("two_row_header",
	       "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện Bắt đầu\t"
	       "Thời gian thực hiện Kết thúc\n"
	       "1\tKhảo sát thực trạng\tSở Y tế\tHội LHPN tỉnh\tTháng 3/2025\tTháng 6/2025");
	expect_place("two_row_header", "1\tKhảo sát thực trạng\tSở Y tế\tHội LHPN tỉnh\tTháng 3/2025\t"
	             "Tháng 6/2025", 18, 1, 4, 0);
	/* a table nested in a cell: its cells joined by "; "; gridBefore and
	 * gridAfter as empty cells */
	expect("nested_table",
	       "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
	       "1\tHỗ trợ khởi nghiệp\tHội LHPN tỉnh\tSở Công Thương; Sở Khoa học và Công nghệ\t"
	       "Quý II/2025\n"
	       "2\tKết nối tiêu thụ\tSở Công Thương\t\t\n"
	       "\t\tHội LHPN tỉnh\tNăm 2025\t");
	/* no borders and no task header: laid out, column by column */
	expect("borderless_data", "Chỉ tiêu\nTỷ lệ hộ nghèo\nNăm 2024\n5%\nNăm 2025\n4%");
	expect("numbering",
	       "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\na) Tạo sự thống nhất\nb) Xác định rõ\n2. Yêu cầu\n"
	       "a) Bám sát\nII. NỘI DUNG\n1. Nội dung một\n2. Nội dung hai\n1. Khởi động lại\n"
	       "- Gạch đầu dòng\nKhông đánh số\n1. Một\n1.1. Một chấm một\n1.2. Một chấm hai\n"
	       "1.2.1. La mã hợp lệ\n(5) Bốn\n2. Hai\n(6) Bốn tiếp\nTiểu mục");
	expect("ins_del", "Kế hoạch được ban hành\nNội dung mới\nHiện rõ");
	expect("fields", "Ngày 10/03/2025\nKết quả\nTrang 3\nAB");
	expect("wrappers",
	       "Nội dung trong sdt\nTỉnh Lào Cai\nXem cổng thông tin\nKế hoạch năm 2025\n"
	       "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\n"
	       "1\tViệc trong sdt\tSở Tư pháp\tSở Nội vụ");
	expect("split_runs", "Số: 15/KH-UBND\nTổ chức thực hiện");
	expect("br_tab",
	       "Số: 15/KH-UBND\nLào Cai, ngày 10 tháng 3 năm 2025\nA B\nC\nD\n"
	       "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\n"
	       "1\tDòng một dòng hai\tSở Tư pháp\tSở Nội vụ");
	expect_place("br_tab", "Lào Cai, ngày 10 tháng 3 năm 2025", 1, 0, 0, 0);
	expect("spaces",
	       "Kế hoạch số 7\nphốihợpx\ngiai đoạn 2021-2025\nmã QĐ-UBND\nkýhiệu\u2013x\nabc");
	expect("nfd", "Kế hoạch phối hợp Ủy ban nhân dân");
	expect("textbox", "KẾ HOẠCH\nPhối hợp năm 2025");
	expect("footnote", "đạt 80% trở lên\nchỉ tiêu năm\ntheo ý kiến");
	expect("header_footer", "Nội dung chính");
	expect("landscape", "Kế hoạch\nTrang dọc\nTrang ngang\nSau ngắt trang\nCuối");
}

/* Text typed in TCVN3 (.VnTime) or VNI (VNI-Times) comes out in Unicode,
 * with one note for the document; TCVN3's "ư" (U+00AD, a soft hyphen in
 * Latin-1) is converted, not dropped as a soft hyphen. */
static void legacy(void)
{
	struct rendering r;
	char why[256];
	int rc = render_name("legacy_tcvn3", &r, why, sizeof why);
	CHECK(rc == 0, "legacy_tcvn3: %d (%s)", rc, why);
	if (rc)
		return;
	char *conv = NULL;
	size_t cl = 0;
	static const char nguoi[] = "ng\u00ad\u00eai d\u00a9n";
	CHECK_INT(legacy_to_unicode(LEGACY_TCVN3, nguoi, strlen(nguoi), &conv, &cl), 0,
	          "legacy_to_unicode");
	CHECK(conv && strstr(conv, "\u01b0"), "TCVN3 0xAD is \"ư\"");
	char want[256];
	snprintf(want, sizeof want, "Uỷ ban nhân dân\nKế hoạch\n%s", conv ? conv : "?");
	free(conv);
	char *got = text_lines(&r);
	CHECK_STR(got, want, "legacy_tcvn3");
	CHECK(r.notes_len == 1 && r.notes[0].line == 0 && r.notes[0].text &&
	      strstr(r.notes[0].text, "TCVN3") && strstr(r.notes[0].text, ".VnTime") &&
	      strstr(r.notes[0].text, "Unicode"),
	      "legacy_tcvn3: one note naming TCVN3 and the font (%s)",
	      r.notes_len ? r.notes[0].text : "none");
	free(got);
	rendering_free(&r);
	rc = render_name("legacy_vni", &r, why, sizeof why);
	CHECK(rc == 0, "legacy_vni: %d (%s)", rc, why);
	if (rc)
		return;
	got = text_lines(&r);
	CHECK_STR(got, "Ủy ban nhân dân\nKế hoạch", "legacy_vni"); /* VNI "UÛ" is Ủ */
	CHECK(r.notes_len == 1 && strstr(r.notes[0].text, "VNI"), "legacy_vni: a note");
	free(got);
	rendering_free(&r);
	/* a document in Unicode has no note */
	rc = render_name("nfd", &r, why, sizeof why);
	CHECK(rc == 0 && r.notes_len == 0, "nfd: no note");
	rendering_free(&r);
}

static void refused(const char *name, int want)
{
	struct rendering r;
	char why[256] = "";
	int rc = render_name(name, &r, why, sizeof why);
	CHECK(rc == want, "%s: got %d (%s), want %d", name, rc, why, want);
	CHECK(!r.text && !r.places && !r.notes && !r.len,
	      "%s: nothing rendered on a refusal", name);
	CHECK(why[0] && !strchr(why, '\n'), "%s: a one-line reason (\"%s\")", name, why);
	CHECK(!strstr(why, "root:"), "%s: no file content in the reason", name);
	rendering_free(&r);
}

static void bad_input(void)
{
	refused("corrupt_zip", PH_EFORMAT);
	refused("truncated_zip", PH_EFORMAT);
	refused("not_zip", PH_EFORMAT);
	refused("zip_other", PH_EFORMAT);
	refused("no_document", PH_EFORMAT);
	refused("not_word_root", PH_EFORMAT);
	refused("bad_xml", PH_EFORMAT);
	refused("empty_body", PH_EEMPTY);
	refused("bomb_ratio", PH_ETOOBIG);
	refused("bomb_size", PH_ETOOBIG);
	refused("many_entries", PH_ETOOBIG);
	refused("encrypted_ole", PH_EENCRYPTED);
	refused("encrypted_entry", PH_EENCRYPTED);
	refused("ole_doc", PH_EFORMAT);
	refused("xxe", PH_EFORMAT);
	refused("laughs", PH_EFORMAT);
	refused("xxe_styles", PH_EFORMAT);
	static const int pads[] = {4000, 4050, 4090, 4093, 4096, 8180, 8190, 16375, 16380};
	for (size_t i = 0; i < sizeof pads / sizeof *pads; i++) {
		char name[64];
		snprintf(name, sizeof name, "xxe_pad%d", pads[i]);
		refused(name, PH_EFORMAT);
	}
	refused("utf16", PH_EFORMAT);
	refused("deep_xml", PH_ETOOBIG);
	refused("deep_tables", PH_ETOOBIG);
	refused("tables_10001", PH_ETOOBIG);
	/* 10,000 tables are read, in bounded time */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct rendering r;
	char why[256];
	int rc = render_name("tables_10000", &r, why, sizeof why);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK(rc == 0 && r.places_len == 29999, "tables_10000: %d (%s), %zu lines", rc, why,
	      r.places_len);
	CHECK(s < 10, "tables_10000: %.2f s", s);
	if (rc == 0)
		CHECK_INT(r.places[r.places_len - 1].table, 10000, "tables_10000: the last table");
	rendering_free(&r);
	/* garbage and NULL */
	rc = render_docx("", 0, &r, why, sizeof why);
	CHECK_INT(rc, PH_EFORMAT, "empty input");
	CHECK(!r.text, "empty input: nothing");
}

/* ---- a plan end to end ---------------------------------------------------- */

static const char plan_text[] =
	"ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 15/KH-UBND\n\n"
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
	"Lào Cai, ngày 10 tháng 3 năm 2025\n\n"
	"KẾ HOẠCH\n\nPhối hợp tuyên truyền pháp luật năm 2025\n\n"
	"Căn cứ Kế hoạch số 112/KH-UBND ngày 28/02/2025 của Ủy ban nhân dân tỉnh Lào Cai;\n\n"
	"I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao hiểu biết pháp luật của phụ nữ.\n\n"
	"II. NỘI DUNG PHỐI HỢP\n\nChi tiết tại Phụ lục kèm theo.\n\nPHỤ LỤC\n\n"
	"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
	"I. CÔNG TÁC TUYÊN TRUYỀN\t\t\t\t\n"
	"1\tTuyên truyền pháp luật cho phụ nữ\tHội LHPN tỉnh\tSở Tư pháp; Sở Nội vụ\tQuý II/2025\n"
	"2\tTổ chức hội thi pháp luật\tHội LHPN tỉnh\tSở Giáo dục và Đào tạo; Công an tỉnh\t"
	"Quý IV/2025\n"
	"II. CÔNG TÁC KIỂM TRA\t\t\t\t\n"
	"3\tKiểm tra việc thực hiện\tSở Tư pháp\tHội LHPN tỉnh\tTháng 11/2025\n\n"
	"III. TỔ CHỨC THỰC HIỆN\n\nCác cơ quan căn cứ Kế hoạch triển khai thực hiện.\n\n"
	"Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu: VT, NC.\n\n"
	"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn An\n";

static const char *nz(const char *s)
{
	return s ? s : "(null)";
}

/* The header and the tasks of two extractions agree. */
static void same_extraction(const char *what, const struct extraction *a,
                            const struct extraction *b)
{
	char ctx[160];
	snprintf(ctx, sizeof ctx, "%s: number", what);
	CHECK_STR(nz(a->number), nz(b->number), ctx);
	CHECK(a->date.y == b->date.y && a->date.m == b->date.m && a->date.d == b->date.d,
	      "%s: date %d-%d-%d vs %d-%d-%d", what, a->date.y, a->date.m, a->date.d, b->date.y,
	      b->date.m, b->date.d);
	snprintf(ctx, sizeof ctx, "%s: issuers", what);
	CHECK_STR(nz(a->issuers), nz(b->issuers), ctx);
	snprintf(ctx, sizeof ctx, "%s: title", what);
	CHECK_STR(nz(a->title), nz(b->title), ctx);
	snprintf(ctx, sizeof ctx, "%s: tasks", what);
	CHECK_INT(a->tasks_len, b->tasks_len, ctx);
	for (size_t i = 0; i < a->tasks_len && i < b->tasks_len; i++) {
		const struct ex_task *x = &a->tasks[i], *y = &b->tasks[i];
		snprintf(ctx, sizeof ctx, "%s: task %zu content", what, i + 1);
		CHECK_STR(nz(x->content), nz(y->content), ctx);
		snprintf(ctx, sizeof ctx, "%s: task %zu lead", what, i + 1);
		CHECK_STR(nz(x->lead.text), nz(y->lead.text), ctx);
		snprintf(ctx, sizeof ctx, "%s: task %zu timeframe", what, i + 1);
		CHECK_STR(nz(x->timeframe_text), nz(y->timeframe_text), ctx);
		CHECK(x->timeframe.kind == y->timeframe.kind &&
		      x->timeframe.end.y == y->timeframe.end.y &&
		      x->timeframe.end.m == y->timeframe.end.m, "%s: task %zu timeframe value",
		      what, i + 1);
		snprintf(ctx, sizeof ctx, "%s: task %zu coordinating", what, i + 1);
		CHECK_INT(x->coordinating_len, y->coordinating_len, ctx);
		for (size_t k = 0; k < x->coordinating_len && k < y->coordinating_len; k++)
			CHECK_STR(nz(x->coordinating[k].text), nz(y->coordinating[k].text), ctx);
	}
}

static void plan(struct resolver *res)
{
	struct rendering r;
	char why[256];
	int rc = render_name("plan", &r, why, sizeof why);
	CHECK(rc == 0, "plan: %d (%s)", rc, why);
	if (rc)
		return;
	check_shape("plan", &r);
	struct extraction a, b;
	extraction_init(&a);
	extraction_init(&b);
	rc = document_extract(r.text, r.len, DOC_TEXT, res, &a);
	CHECK_INT(rc, 0, "plan: document_extract of the rendering");
	rc = document_extract(plan_text, strlen(plan_text), DOC_TEXT, res, &b);
	CHECK_INT(rc, 0, "plan: document_extract of the text");
	same_extraction("plan", &a, &b);
	/* and what both must say */
	CHECK_STR(nz(a.number), "15/KH-UBND", "plan: number");
	CHECK(a.date.y == 2025 && a.date.m == 3 && a.date.d == 10, "plan: date");
	CHECK_INT(a.tasks_len, 3, "plan: tasks");
	if (a.tasks_len == 3) {
		CHECK_STR(nz(a.tasks[1].lead.text), "Hội LHPN tỉnh", "plan: a lead merged down");
		CHECK_INT(a.tasks[0].coordinating_len, 2, "plan: agencies split at a line break");
		CHECK_INT(a.tasks[1].coordinating_len, 2, "plan: agencies in \"- \" lines");
		if (a.tasks[1].coordinating_len == 2)
			CHECK_STR(nz(a.tasks[1].coordinating[1].text), "Công an tỉnh", "plan: agency");
	}
	CHECK(a.signers_len >= 1, "plan: the signer of the closing table");
	extraction_cleanup(&a);
	extraction_cleanup(&b);
	rendering_free(&r);
}

/* A real sample (Markdown saved as .txt) as a .docx: the same tasks. */
static void sample(struct resolver *res)
{
	static const char path[] = "../shared/samples/laocai-2024-ubnd-hlhpn-coordination-plan.txt";
	size_t n = 0;
	char *text = sample_load(path, &n);
	if (!text) {
		printf("SKIP: ../shared/samples not found: the sample as .docx is not tried\n");
		return;
	}
	char cmd[1024], out[512];
	snprintf(out, sizeof out, "%s/sample.docx", dir);
	snprintf(cmd, sizeof cmd, "python3 tests/import/docx/make_docx.py %s --plan-text %s %s",
	         dir, path, out);
	CHECK(system(cmd) == 0, "sample: make_docx.py --plan-text");
	struct rendering r;
	char why[256];
	int rc = render_name("sample", &r, why, sizeof why);
	CHECK(rc == 0, "sample: %d (%s)", rc, why);
	if (rc == 0) {
		struct extraction a, b;
		extraction_init(&a);
		extraction_init(&b);
		CHECK_INT(document_extract(r.text, r.len, DOC_TEXT, res, &a), 0, "sample: rendering");
		CHECK_INT(document_extract(text, n, DOC_MARKDOWN, res, &b), 0, "sample: text");
		CHECK(a.tasks_len > 10, "sample: %zu tasks", a.tasks_len);
		CHECK_INT(a.tasks_len, b.tasks_len, "sample: tasks");
		for (size_t i = 0; i < a.tasks_len && i < b.tasks_len; i++) {
			CHECK_STR(nz(a.tasks[i].content), nz(b.tasks[i].content), "sample: content");
			CHECK_STR(nz(a.tasks[i].lead.text), nz(b.tasks[i].lead.text), "sample: lead");
			CHECK_INT(a.tasks[i].coordinating_len, b.tasks[i].coordinating_len,
			          "sample: coordinating");
			CHECK_STR(nz(a.tasks[i].timeframe_text), nz(b.tasks[i].timeframe_text),
			          "sample: timeframe");
		}
		CHECK_STR(nz(a.number), nz(b.number), "sample: number");
		CHECK(a.date.y == b.date.y, "sample: year");
		extraction_cleanup(&a);
		extraction_cleanup(&b);
		rendering_free(&r);
	}
	free(text);
}

int main(void)
{
	if (make_fixtures() != 0) {
		CHECK(0, "make_docx.py could not write the fixtures");
		remove_fixtures();
		TEST_END("test_docx");
	}
	features();
	legacy();
	bad_input();
	int rc = 0;
	struct resolver *res = unit_resolver_embedded(&rc);
	CHECK(res != NULL, "the embedded registry (%d)", rc);
	plan(res);
	sample(res);
	resolver_free(res);
	remove_fixtures();
	text_cleanup();
	TEST_END("test_docx");
}
