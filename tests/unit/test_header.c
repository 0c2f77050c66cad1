/* test_header.c: the header, section, reference and closing extractors
 * (extract_header, extract_sections, extract_references, extract_closing)
 * on small inline documents, table by table, then on the three real
 * samples. The extractors are called directly (through reader_text). */
#include "import/extract.h"
#include "base/text.h"
#include "test.h"
#include "samples.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read text (as Markdown: some cases carry its markup) and run the four
 * extractors of this test on it. */
static void run(const char *text, struct extraction *ex, struct arena *a)
{
	struct docmodel d;
	arena_init(a);
	extraction_init(ex);
	if (reader_text(a, text, strlen(text), DOC_MARKDOWN, &d) != 0)
		return;
	extract_header(&d, ex);
	extract_sections(&d, ex);
	extract_references(&d, ex);
	extract_closing(&d, ex);
}

static void done(struct extraction *ex, struct arena *a)
{
	extraction_cleanup(ex);
	arena_cleanup(a);
}

static char *iso(struct ph_date d, char buf[static 16])
{
	snprintf(buf, 16, "%04d-%02d-%02d", d.y, d.m, d.d);
	return buf;
}

/* 1 when a review item on `line` mentions `word`. */
static int reviewed(const struct extraction *ex, int line, const char *word)
{
	for (size_t i = 0; i < ex->review_len; i++)
		if ((line == 0 || ex->review[i].line == line) && strstr(ex->review[i].what, word))
			return 1;
	return 0;
}

/* ---- header ---------------------------------------------------------- */

static const struct {
	const char *name, *in;
	enum doc_type type;
	const char *type_text, *number, *symbol, *place, *date; /* date "YYYY-MM-DD" with zeroes */
	int year;
	const char *title, *issuers, *period_start, *period_end;
	int period_year;
	const char *review; /* a word of an expected review item, or NULL for none */
} headers[] = {
	{"issuer block, plan of one year",
	 "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 95/KH-UBND\n\nLào Cai, ngày 12 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
	 "Phối hợp tổ chức các hoạt động hỗ trợ phụ nữ khởi nghiệp năm 2024\n\nCăn cứ Quyết định số 1/QĐ-UBND;\n",
	 DOC_PLAN, "KẾ HOẠCH", "95/KH-UBND", "KH-UBND", "Lào Cai", "2024-03-12", 2024,
	 "Phối hợp tổ chức các hoạt động hỗ trợ phụ nữ khởi nghiệp năm 2024", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
	 "2024-01-01", "2024-12-31", 2024, NULL},
	{"two-column header written with one tab, motto removed",
	 "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH YÊN BÁI\tĐộc lập - Tự do - Hạnh phúc\n\n"
	 "Số: 12/KH-UBND\tYên Bái, ngày 05 tháng 01 năm 2025\n\nKẾ HOẠCH\nTriển khai công tác năm 2025\n\nI. MỤC ĐÍCH\n",
	 DOC_PLAN, "KẾ HOẠCH", "12/KH-UBND", "KH-UBND", "Yên Bái", "2025-01-05", 2025,
	 "Triển khai công tác năm 2025", "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "2025-01-01", "2025-12-31", 2025, NULL},
	{"stray spaces in the number, two issuers",
	 "ỦY BAN DÂN TỘC\n\nHỘI LIÊN HIỆP PHỤ NỮ\nVIỆT NAM\n\nSố: 468 /KH- HLHPNVN-UBDT\n\nHà Nội, ngày 21 tháng 3 năm 2024\n\n"
	 "KẾ HOẠCH\n\nTriển khai Chương trình phối hợp\n\ngiữa hai cơ quan năm 2024\n\nThực hiện Chương trình, hai cơ quan xây dựng Kế hoạch như sau:\n",
	 DOC_PLAN, "KẾ HOẠCH", "468/KH-HLHPNVN-UBDT", "KH-HLHPNVN-UBDT", "Hà Nội", "2024-03-21", 2024,
	 "Triển khai Chương trình phối hợp giữa hai cơ quan năm 2024", "ỦY BAN DÂN TỘC; HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM",
	 "2024-01-01", "2024-12-31", 2024, NULL},
	{"draft: no number, no day",
	 "Số: ...../KH-UBND\n\nLào Cai, ngày    tháng    năm 2024\n\n## KẾ HOẠCH\n\n### Phối hợp năm 2024\n\nCăn cứ.\n",
	 DOC_PLAN, "KẾ HOẠCH", NULL, "KH-UBND", "Lào Cai", "2024-00-00", 2024, "Phối hợp năm 2024", NULL,
	 "2024-01-01", "2024-12-31", 2024, NULL},
	{"party numbering, program up to 2030, title starting with Thực hiện",
	 "Số 43-CTr/TU\n\nLào Cai, ngày 9 tháng 8 năm 2022\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n\n"
	 "Thực hiện Nghị quyết số 29-NQ/TU về đổi mới đến năm 2030\n\nCăn cứ Nghị quyết.\n",
	 DOC_PROGRAM, "CHƯƠNG TRÌNH HÀNH ĐỘNG", "43-CTr/TU", "CTr/TU", "Lào Cai", "2022-08-09", 2022,
	 "Thực hiện Nghị quyết số 29-NQ/TU về đổi mới đến năm 2030", NULL, "2022-01-01", "2030-12-31", 2022, NULL},
	{"program for a term",
	 "Số: 01/CTPH-UBND-MTTQ\n\nBắc Giang, ngày 2 tháng 4 năm 2021\n\nCHƯƠNG TRÌNH PHỐI HỢP\n\n"
	 "Công tác giữa UBND tỉnh và Ủy ban MTTQ tỉnh giai đoạn 2021 - 2025\n\nI. MỤC ĐÍCH\n",
	 DOC_PROGRAM, "CHƯƠNG TRÌNH PHỐI HỢP", "01/CTPH-UBND-MTTQ", "CTPH-UBND-MTTQ", "Bắc Giang", "2021-04-02", 2021,
	 "Công tác giữa UBND tỉnh và Ủy ban MTTQ tỉnh giai đoạn 2021 - 2025", NULL, "2021-01-01", "2025-12-31", 2021, NULL},
	{"a plan's year wins over the term it belongs to",
	 "Số: 30/KH-UBND\n\nĐiện Biên, ngày 2 tháng 2 năm 2024\n\nKẾ HOẠCH\n\n"
	 "Thực hiện Chương trình giai đoạn 2021-2025 năm 2024\n\nCăn cứ.\n",
	 DOC_PLAN, "KẾ HOẠCH", "30/KH-UBND", "KH-UBND", "Điện Biên", "2024-02-02", 2024,
	 "Thực hiện Chương trình giai đoạn 2021-2025 năm 2024", NULL, "2024-01-01", "2024-12-31", 2024, NULL},
	{"program from one year to another",
	 "Số: 31/CTr-UBND\n\nĐiện Biên, ngày 2 tháng 2 năm 2022\n\nCHƯƠNG TRÌNH\n\n"
	 "Hành động từ năm 2021 đến năm 2025\n\nCăn cứ.\n",
	 DOC_PROGRAM, "CHƯƠNG TRÌNH", "31/CTr-UBND", "CTr-UBND", "Điện Biên", "2022-02-02", 2022,
	 "Hành động từ năm 2021 đến năm 2025", NULL, "2021-01-01", "2025-12-31", 2022, NULL},
	{"plan for next year issued in December",
	 "Số: 300/KH-UBND\n\nThái Bình, ngày 20 tháng 12 năm 2024\n\nKẾ HOẠCH\n\nCông tác phụ nữ năm 2025\n\nCăn cứ.\n",
	 DOC_PLAN, "KẾ HOẠCH", "300/KH-UBND", "KH-UBND", "Thái Bình", "2024-12-20", 2024, "Công tác phụ nữ năm 2025",
	 NULL, "2025-01-01", "2025-12-31", 2025, NULL},
	{"report, decision, regulation",
	 "Số: 7/BC-HLHPN\n\nHà Giang, ngày 1 tháng 7 năm 2024\n\nBÁO CÁO\n\nSơ kết 6 tháng đầu năm 2024\n\nI. KẾT QUẢ\n",
	 DOC_REPORT, "BÁO CÁO", "7/BC-HLHPN", "BC-HLHPN", "Hà Giang", "2024-07-01", 2024, "Sơ kết 6 tháng đầu năm 2024",
	 NULL, "2024-01-01", "2024-12-31", 2024, NULL},
	{"decision",
	 "Số: 1432/QĐ-UBND\n\nLào Cai, ngày 04 tháng 5 năm 2021\n\nQUYẾT ĐỊNH\n\nBan hành Quy chế phối hợp\n\nCăn cứ Luật.\n",
	 DOC_DECISION, "QUYẾT ĐỊNH", "1432/QĐ-UBND", "QĐ-UBND", "Lào Cai", "2021-05-04", 2021, "Ban hành Quy chế phối hợp",
	 NULL, "2021-01-01", "2021-12-31", 2021, NULL},
	{"regulation",
	 "Số: 5/QC-UBND\n\nSơn La, ngày 1 tháng 6 năm 2021\n\nQUY CHẾ\n\nPhối hợp công tác\n\n(Ban hành kèm theo Quyết định số 9/QĐ-UBND)\n",
	 DOC_REGULATION, "QUY CHẾ", "5/QC-UBND", "QC-UBND", "Sơn La", "2021-06-01", 2021, "Phối hợp công tác",
	 NULL, "2021-01-01", "2021-12-31", 2021, NULL},
	{"no number line",
	 "Hà Nội, ngày 21 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nCông tác năm 2024\n\nCăn cứ.\n",
	 DOC_PLAN, "KẾ HOẠCH", NULL, NULL, "Hà Nội", "2024-03-21", 2024, "Công tác năm 2024", NULL,
	 "2024-01-01", "2024-12-31", 2024, "ký hiệu"},
	{"no date line",
	 "Số: 3/KH-UBND\n\nKẾ HOẠCH\n\nCông tác năm 2024\n\nCăn cứ.\n",
	 DOC_PLAN, "KẾ HOẠCH", "3/KH-UBND", "KH-UBND", NULL, "0000-00-00", 0, "Công tác năm 2024", NULL,
	 "2024-01-01", "2024-12-31", 2024, "ngày"},
	{"no type line",
	 "Số: 3/KH-UBND\n\nHà Nội, ngày 2 tháng 3 năm 2024\n\nCăn cứ Luật.\n",
	 DOC_OTHER, NULL, "3/KH-UBND", "KH-UBND", "Hà Nội", "2024-03-02", 2024, NULL, NULL,
	 "2024-01-01", "2024-12-31", 2024, "loại văn bản"},
	{"type line without title",
	 "Số: 3/KH-UBND\n\nHà Nội, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nThực hiện Chỉ thị, Ủy ban ban hành Kế hoạch như sau:\n",
	 DOC_PLAN, "KẾ HOẠCH", "3/KH-UBND", "KH-UBND", "Hà Nội", "2024-03-02", 2024, NULL, NULL,
	 "2024-01-01", "2024-12-31", 2024, "trích yếu"},
};

static void test_headers(void)
{
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		struct extraction ex;
		struct arena a;
		char buf[16], ctx[200];
		run(headers[i].in, &ex, &a);
		const char *n = headers[i].name;
#define C(field) (snprintf(ctx, sizeof ctx, "%s: %s", n, field), ctx)
		CHECK_INT(ex.type, headers[i].type, C("type"));
		CHECK_STR(ex.type_text, headers[i].type_text, C("type_text"));
		CHECK_STR(ex.number, headers[i].number, C("number"));
		CHECK_STR(ex.symbol, headers[i].symbol, C("symbol"));
		CHECK_STR(ex.place, headers[i].place, C("place"));
		CHECK_STR(iso(ex.date, buf), headers[i].date, C("date"));
		CHECK_INT(ex.year, headers[i].year, C("year"));
		CHECK_STR(ex.title, headers[i].title, C("title"));
		CHECK_STR(ex.issuers, headers[i].issuers, C("issuers"));
		CHECK_STR(iso(ex.period.period_start, buf), headers[i].period_start, C("period start"));
		CHECK_STR(iso(ex.period.period_end, buf), headers[i].period_end, C("period end"));
		CHECK_INT(ex.period.year, headers[i].period_year, C("period year"));
		if (headers[i].review)
			CHECK(reviewed(&ex, 0, headers[i].review), "%s: review mentioning \"%s\"", n,
			      headers[i].review);
		else
			CHECK(!reviewed(&ex, 0, "Không tìm thấy số") && !reviewed(&ex, 0, "ngày tháng") &&
			      !reviewed(&ex, 0, "trích yếu") && !reviewed(&ex, 0, "loại văn bản"),
			      "%s: no header review (%zu items, first: %s)", n, ex.review_len,
			      ex.review_len ? ex.review[0].what : "");
#undef C
		done(&ex, &a);
	}
}

/* ---- sections -------------------------------------------------------- */

static void test_sections(void)
{
	const char *doc =
		"KẾ HOẠCH\nTriển khai năm 2024\n\n"
		"I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n(1) Hằng năm, tổ chức.\na) Tạo sự thống nhất.\n"
		"## **II. NỘI DUNG PHỐI HỢP**\n**1. Thực hiện các Chương trình.**\n1.1. Trách nhiệm của UBND tỉnh:\n"
		"1.2. Trách nhiệm của Hội: Chỉ đạo các cấp Hội.\n1.2.1. Không giữ\n3. Nhảy số\n"
		"IV. TỔ CHỨC THỰC HIỆN\n2020. Không phải mục\n1.000 người tham gia\n"
		"## PHỤ LỤC 01\n### Các nhiệm vụ khác\n(Kèm theo Kế hoạch)\n"
		"PHỤ LỤC SỐ 02: DANH MỤC\nPhụ lục 03 kèm theo là bảng.\nĐiều 1. Phạm vi\n";
	static const struct {
		const char *no, *title;
		int level, line;
	} want[] = {
		{"I", "MỤC ĐÍCH, YÊU CẦU", 1, 4},
		{"1", "Mục đích", 2, 5},
		{"II", "NỘI DUNG PHỐI HỢP", 1, 8},
		{"1", "Thực hiện các Chương trình", 2, 9},
		{"1.1", "Trách nhiệm của UBND tỉnh", 3, 10},
		{"1.2", "Trách nhiệm của Hội", 3, 11},
		{"3", "Nhảy số", 2, 13},
		{"IV", "TỔ CHỨC THỰC HIỆN", 1, 14},
		{"PHỤ LỤC 01", "Các nhiệm vụ khác", 1, 17},
		{"PHỤ LỤC 02", "DANH MỤC", 1, 20},
		{"Điều 1", "Phạm vi", 2, 22},
	};
	struct extraction ex;
	struct arena a;
	run(doc, &ex, &a);
	size_t n = sizeof want / sizeof want[0];
	CHECK_INT(ex.sections_len, n, "section count");
	for (size_t i = 0; i < n && i < ex.sections_len; i++) {
		char ctx[64];
		snprintf(ctx, sizeof ctx, "section %zu", i);
		CHECK_STR(ex.sections[i].no, want[i].no, ctx);
		CHECK_STR(ex.sections[i].title, want[i].title, ctx);
		CHECK_INT(ex.sections[i].level, want[i].level, ctx);
		CHECK_INT(ex.sections[i].line, want[i].line, ctx);
	}
	CHECK(reviewed(&ex, 13, "\"3\""), "numbering gap 1 -> 3 reviewed");
	CHECK(reviewed(&ex, 14, "\"IV\""), "numbering gap II -> IV reviewed");
	CHECK(!reviewed(&ex, 9, "Đánh số"), "restart at 1 is fine");
	done(&ex, &a);
}

/* ---- references ------------------------------------------------------ */

static const struct {
	const char *in, *text, *kind, *number, *date, *issuer;
} refs[] = {
	{"Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai về việc ban hành Quy chế;",
	 "Quyết định số 1432/QĐ-UBND ngày 04/5/2021", "Quyết định", "1432/QĐ-UBND", "2021-05-04",
	 "Ủy ban nhân dân tỉnh Lào Cai"},
	{"Căn cứ Nghị quyết số 29-NQ/TU, ngày 22/7/2022 của Ban Thường vụ Tỉnh ủy Lào Cai “về tiếp tục đổi mới”",
	 "Nghị quyết số 29-NQ/TU, ngày 22/7/2022", "Nghị quyết", "29-NQ/TU", "2022-07-22", "Ban Thường vụ Tỉnh ủy Lào Cai"},
	{"Kế hoạch số 43-KH/BDVTU, ngày 09/8/2022 của Ban Dân vận Tỉnh ủy về việc thực hiện Nghị quyết.",
	 "Kế hoạch số 43-KH/BDVTU, ngày 09/8/2022", "Kế hoạch", "43-KH/BDVTU", "2022-08-09", "Ban Dân vận Tỉnh ủy"},
	{"Chương trình giai đoạn 2021-2025 (văn bản số 1541/CTPH-UBDT-HLHPN ngày 12/10/2021), Trung ương Hội",
	 "văn bản số 1541/CTPH-UBDT-HLHPN ngày 12/10/2021", "Văn bản", "1541/CTPH-UBDT-HLHPN", "2021-10-12", NULL},
	{"theo Nghị định số 56/2012/NĐ-CP ngày 16/7/2012 của Chính phủ Quy định trách nhiệm của Bộ, ngành",
	 "Nghị định số 56/2012/NĐ-CP ngày 16/7/2012", "Nghị định", "56/2012/NĐ-CP", "2012-07-16", "Chính phủ"},
	{"thực hiện nghiêm túc Quy định số 212-QĐ/TW, ngày 30/12/2019 của Ban Bí thư Trung ương Đảng về chức năng",
	 "Quy định số 212-QĐ/TW, ngày 30/12/2019", "Quy định", "212-QĐ/TW", "2019-12-30", "Ban Bí thư Trung ương Đảng"},
	{"(1) Giám sát thực hiện Quyết định 441/QĐ-UBND ngày 12/12/2022 thay thế quy định cũ",
	 "Quyết định 441/QĐ-UBND ngày 12/12/2022", "Quyết định", "441/QĐ-UBND", "2022-12-12", NULL},
	{"Tổng kết 10 năm thực hiện Nghị quyết số 06/NQ-BCH ngày 19/2/2014 của BCH TW Hội LHPN Việt Nam (khoá XI) về",
	 "Nghị quyết số 06/NQ-BCH ngày 19/2/2014", "Nghị quyết", "06/NQ-BCH", "2014-02-19", "BCH TW Hội LHPN Việt Nam"},
	{"theo Nghị quyết số 26-NQ/TW ngày 19/6/2021 của Ban Chấp hành Trung ương Đảng khóa XII, đó là",
	 "Nghị quyết số 26-NQ/TW ngày 19/6/2021", "Nghị quyết", "26-NQ/TW", "2021-06-19", "Ban Chấp hành Trung ương Đảng"},
	{"của Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ, các văn bản liên quan",
	 "Quyết định số 1719/QĐ-TTg ngày 14/10/2021", "Quyết định", "1719/QĐ-TTg", "2021-10-14", "Thủ tướng Chính phủ"},
	{"Thi hành Luật Bình đẳng giới số 73/2006/QH11 ngày 29 tháng 11 năm 2006.",
	 "Luật Bình đẳng giới số 73/2006/QH11 ngày 29 tháng 11 năm 2006", "Luật", "73/2006/QH11", "2006-11-29", NULL},
	{"Theo Chỉ thị số 05-CT/TW của Bộ Chính trị.",
	 "Chỉ thị số 05-CT/TW", "Chỉ thị", "05-CT/TW", "0000-00-00", "Bộ Chính trị"},
	{"Theo quyết định số 12/2020/QĐ-UBND.",
	 "quyết định số 12/2020/QĐ-UBND", "Quyết định", "12/2020/QĐ-UBND", "0000-00-00", NULL},
};

static const char *const not_refs[] = {
	"(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2024 của UBND tỉnh Lào Cai)",
	"Triển khai các hoạt động của Đề án 938 “Tuyên truyền”.",
	"Chương trình hành động của UBND tỉnh; Nghị quyết Đại hội Đảng.",
	"Quyết định số lượng 12 người.",
	"Hội LHPN 63 tỉnh/thành;",
};

static void test_references(void)
{
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		struct extraction ex;
		struct arena a;
		char buf[16];
		run(refs[i].in, &ex, &a);
		CHECK_INT(ex.references_len, 1, refs[i].in);
		if (ex.references_len) {
			const struct ex_reference *r = &ex.references[0];
			CHECK_STR(r->text, refs[i].text, refs[i].in);
			CHECK_STR(r->kind, refs[i].kind, refs[i].in);
			CHECK_STR(r->number, refs[i].number, refs[i].in);
			CHECK_STR(iso(r->date, buf), refs[i].date, refs[i].in);
			CHECK_STR(r->issuer, refs[i].issuer, refs[i].in);
			CHECK_INT(r->line, 1, refs[i].in);
		}
		done(&ex, &a);
	}
	for (size_t i = 0; i < sizeof not_refs / sizeof not_refs[0]; i++) {
		struct extraction ex;
		struct arena a;
		run(not_refs[i], &ex, &a);
		CHECK_INT(ex.references_len, 0, not_refs[i]);
		done(&ex, &a);
	}
	/* listed once; the document's own number is no reference */
	struct extraction ex;
	struct arena a;
	run("Số: 9/KH-UBND\n\nHà Nội, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nViệc A\n\n"
	    "Căn cứ Nghị quyết số 06/NQ-BCH;\n\nTheo Nghị quyết số 06/NQ-BCH, ngày 19/02/2014 của Ban Chấp hành.\n\n"
	    "STT\tNội dung\tGhi chú\n1\tTheo Kế hoạch số 9/KH-UBND và Quyết định số 5/QĐ-UBND\t\n", &ex, &a);
	CHECK_INT(ex.references_len, 2, "dedup count");
	if (ex.references_len == 2) {
		char buf[16];
		CHECK_STR(ex.references[0].number, "06/NQ-BCH", "dedup first");
		CHECK_INT(ex.references[0].line, 9, "dedup first line");
		CHECK_STR(iso(ex.references[0].date, buf), "2014-02-19", "date taken from the later citation");
		CHECK_STR(ex.references[0].issuer, "Ban Chấp hành", "issuer taken from the later citation");
		CHECK_STR(ex.references[1].number, "5/QĐ-UBND", "reference in a table cell");
		CHECK_INT(ex.references[1].line, 14, "table cell line");
	}
	done(&ex, &a);
}

/* ---- recipients and signers ------------------------------------------ */

struct want_signer {
	const char *name, *position, *authority, *organization;
	int line;
};

static void check_signers(const struct extraction *ex, const struct want_signer *w, size_t n,
                          const char *name)
{
	char ctx[200];
	snprintf(ctx, sizeof ctx, "%s: signer count", name);
	CHECK_INT(ex->signers_len, n, ctx);
	for (size_t i = 0; i < n && i < ex->signers_len; i++) {
		snprintf(ctx, sizeof ctx, "%s: signer %zu", name, i);
		CHECK_STR(ex->signers[i].name, w[i].name, ctx);
		CHECK_STR(ex->signers[i].position, w[i].position, ctx);
		CHECK_STR(ex->signers[i].authority, w[i].authority, ctx);
		CHECK_STR(ex->signers[i].organization, w[i].organization, ctx);
		CHECK_INT(ex->signers[i].line, w[i].line, ctx);
	}
}

static void check_recipients(const struct extraction *ex, const char *const *w, size_t n,
                             const char *name)
{
	char ctx[200];
	snprintf(ctx, sizeof ctx, "%s: recipient count", name);
	CHECK_INT(ex->recipients_len, n, ctx);
	for (size_t i = 0; i < n && i < ex->recipients_len; i++) {
		snprintf(ctx, sizeof ctx, "%s: recipient %zu", name, i);
		CHECK_STR(ex->recipients[i], w[i], ctx);
	}
}

static void test_closing(void)
{
	struct extraction ex;
	struct arena a;
	run("I. TỔ CHỨC\n\nTrên đây là Kế hoạch./.\n\nNơi nhận: - Như trên;\n- Sở Nội vụ;\n– Lưu: VT.\n\nGhi chú thêm\n- không phải nơi nhận\n\n"
	    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\n\nNguyễn Văn An\n\nSỞ NỘI VỤ\nGIÁM ĐỐC\n\nLò Thị Mai\n\n"
	    "KT. CHỦ TỊCH\n\nTrần Văn Bình\n\nNguyễn Văn Thử Nghiệm Dài Quá Mức\n", &ex, &a);
	static const char *const rec[] = {"Như trên", "Sở Nội vụ", "Lưu: VT"};
	check_recipients(&ex, rec, 3, "inline");
	static const struct want_signer sg[] = {
		{"Nguyễn Văn An", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", NULL, 16},
		{"Lò Thị Mai", "GIÁM ĐỐC", NULL, "SỞ NỘI VỤ", 21},
		{"Trần Văn Bình", NULL, "KT. CHỦ TỊCH", NULL, 25},
	};
	check_signers(&ex, sg, 3, "inline");
	CHECK(reviewed(&ex, 25, "chức vụ"), "signer without position reviewed");
	CHECK_STR(ex.issuers, "SỞ NỘI VỤ", "issuers from the signers' organizations");
	done(&ex, &a);

	/* Word's two-column closing, saved as text with tabs */
	run("I. TỔ CHỨC\n\nNội dung./.\n\nNơi nhận:\t\tTM. ỦY BAN NHÂN DÂN\n- Như trên;\t\tKT. CHỦ TỊCH\n"
	    "- Sở Nội vụ;\t\tPHÓ CHỦ TỊCH\n- Lưu: VT.\t\t\n\t\t(Đã ký)\n\t\t\n\t\tNguyễn Văn Thử\n", &ex, &a);
	static const char *const rec2[] = {"Như trên", "Sở Nội vụ", "Lưu: VT"};
	check_recipients(&ex, rec2, 3, "two columns");
	static const struct want_signer sg2[] = {
		{"Nguyễn Văn Thử", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", NULL, 11},
	};
	check_signers(&ex, sg2, 1, "two columns");
	done(&ex, &a);

	run("Nội dung.\n\nNơi nhận:\n\nNgười ký\n", &ex, &a);
	CHECK_INT(ex.recipients_len, 0, "empty Nơi nhận");
	CHECK(reviewed(&ex, 3, "Nơi nhận"), "empty Nơi nhận reviewed");
	CHECK(reviewed(&ex, 0, "chữ ký"), "no signature reviewed");
	done(&ex, &a);
}

/* ---- the real samples ------------------------------------------------ */

struct want_ref {
	const char *text, *number, *date, *issuer;
	int line;
};

struct want_sec {
	const char *no, *title;
	int level, line;
};

struct sample {
	const char *path;
	enum doc_type type;
	const char *type_text, *number, *symbol, *place, *date;
	int year;
	const char *title, *issuers, *period_start, *period_end;
	const struct want_ref *refs;
	size_t refs_len;
	const struct want_sec *secs;
	size_t secs_len;
	const char *const *rec;
	size_t rec_len;
	const struct want_signer *signers;
	size_t signers_len;
	int review_lines[4]; /* section numbering reviews expected, 0-ended */
};

#define LEN(x) (sizeof x / sizeof x[0])

static const struct want_ref ubdt_refs[] = {
	{"văn bản số 1541/CTPH-UBDT-HLHPN ngày 12/10/2021", "1541/CTPH-UBDT-HLHPN", "2021-10-12", NULL, 10},
	{"Quyết định số 1719/QĐ-TTg ngày 14/10/2021", "1719/QĐ-TTg", "2021-10-14", "Thủ tướng Chính phủ", 50},
	{"Nghị quyết số 06/NQ-BCH ngày 19/2/2014", "06/NQ-BCH", "2014-02-19", "BCH TW Hội LHPN Việt Nam", 74},
};
static const struct want_sec ubdt_secs[] = {
	{"I", "MỤC ĐÍCH, YÊU CẦU", 1, 12}, {"1", NULL, 2, 14}, {"2", NULL, 2, 16}, {"3", NULL, 2, 18},
	{"II", "NỘI DUNG HOẠT ĐỘNG", 1, 20}, {"1", NULL, 2, 20},
	{"2", "Phối hợp tuyên truyền triển khai Dự án 8 và các hoạt động thúc đẩy bình đẳng giới ở vùng DTTS và MN", 2, 28},
	{"3", NULL, 2, 36}, {"4", NULL, 2, 44}, {"5", NULL, 2, 62}, {"6", NULL, 2, 74}, {"7", NULL, 2, 82},
	{"III", "KINH PHÍ THỰC HIỆN", 1, 90}, {"IV", "TỔ CHỨC THỰC HIỆN", 1, 94},
	{"1", "Trung ương Hội LHPN Việt Nam", 2, 96}, {"2", "Ủy ban Dân tộc", 2, 106},
};
static const char *const ubdt_rec[] = {
	"Lãnh đạo UBND và TT ĐCTTW Hội (để c/d)", "Cơ quan công tác DT các tỉnh, TP trực thuộc TW",
	"Hội LHPN 63 tỉnh/thành", "Vụ DTTS, Vụ Tuyên truyền, Báo DT và PT (UBND)",
	"Lưu: VT UBND, VPĐP CTMTQG, VT TW Hội LHPNVN",
};
static const struct want_signer ubdt_signers[] = {
	{"Y Vinh Tor", "THỨ TRƯỞNG, PHÓ CHỦ NHIỆM", "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "ỦY BAN DÂN TỘC", 122},
	{"Nguyễn Thị Thu Hiền", "PHÓ CHỦ TỊCH", "TM. ĐOÀN CHỦ TỊCH", "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", 130},
};

static const struct want_ref lc24_refs[] = {
	{"Quyết định số 1432/QĐ-UBND ngày 04/5/2021", "1432/QĐ-UBND", "2021-05-04", "Ủy ban nhân dân tỉnh Lào Cai", 11},
	{"Nghị quyết số 29-NQ/TU ngày 22/7/2022", "29-NQ/TU", "2022-07-22", "Ban Thường vụ Tỉnh ủy", 25},
	{"Nghị quyết số 10-NQ/TU, ngày 26/8/2021", "10-NQ/TU", "2021-08-26", "Ban Thường vụ Tỉnh ủy", 39},
	{"Quyết định 441/QĐ-UBND ngày 12/12/2022", "441/QĐ-UBND", "2022-12-12", NULL, 162},
	{"Quyết định số 1902/QĐ-UBND ngày 01/6/2017", "1902/QĐ-UBND", "2017-06-01", "UBND tỉnh Lào Cai", 162},
	{"Nghị quyết số 26-NQ/TW ngày 19/6/2021", "26-NQ/TW", "2021-06-19", "Ban Chấp hành Trung ương Đảng", 162},
	{"Nghị quyết số 06/2021/NQ-HĐND ngày 09/4/2021", "06/2021/NQ-HĐND", "2021-04-09",
	 "Hội đồng nhân dân tỉnh Lào Cai", 162},
};
static const struct want_sec lc24_secs[] = {
	{"I", "MỤC ĐÍCH, YÊU CẦU", 1, 15}, {"1", "Mục đích", 2, 17}, {"2", "Yêu cầu", 2, 23},
	{"II", "NỘI DUNG PHỐI HỢP", 1, 33}, {"1", NULL, 2, 35},
	{"1.1", "Trách nhiệm của UBND tỉnh", 3, 37}, {"1.2", "Trách nhiệm của Hội Liên hiệp Phụ nữ tỉnh", 3, 45},
	{"2", "Phát động, hưởng ứng các phong trào thi đua yêu nước, cuộc vận động", 2, 47},
	{"2.1", "Trách nhiệm của UBND tỉnh", 3, 49}, {"2.2", "Trách nhiệm của Hội Liên hiệp Phụ nữ tỉnh", 3, 51},
	{"3", "Triển khai thực hiện các chương trình, dự án, đề án phát triển kinh tế - xã hội", 2, 55},
	{"3.1", "Trách nhiệm của UBND tỉnh", 3, 57}, {"3.2", "Trách nhiệm của Hội Liên hiệp Phụ nữ tỉnh", 3, 63},
	{"4", "Các nhiệm vụ khác theo chức năng", 2, 69}, {"4.1", "Trách nhiệm của UBND tỉnh", 3, 71},
	{"4.2", "Trách nhiệm của Hội Liên hiệp Phụ nữ tỉnh", 3, 73},
	{"III", "TỔ CHỨC THỰC HIỆN", 1, 85}, {"1", "Ủy ban nhân dân tỉnh", 2, 87},
	{"2", "Các sở, ban, ngành tỉnh; UBND cấp huyện", 2, 103}, {"3", "Hội Liên hiệp phụ nữ tỉnh", 2, 105},
	{"PHỤ LỤC 01", "Thực hiện các Chương trình mục tiêu Quốc gia về phát triển kinh tế - xã hội vùng đồng bào "
	 "dân tộc thiểu số và miền núi; Xây dựng nông thôn mới; Giảm nghèo bền vững", 1, 133},
	{"PHỤ LỤC 02", "Triển khai thực hiện các chương trình, dự án, đề án phát triển kinh tế - xã hội", 1, 144},
	{"PHỤ LỤC 03", "Các nhiệm vụ khác theo chức năng", 1, 154},
};
static const char *const lc24_rec[] = {
	"TT: TU, HĐND, UBND", "TT Đoàn ĐBQH tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Các sở, ban, ngành tỉnh",
	"UBND các huyện, thị xã, thành phố", "Hội LHPN các huyện, thị xã, thành phố", "CVP, PCVP1",
	"Công TTĐT tỉnh", "Lưu: VT, VX4",
};
static const struct want_signer lc24_signers[] = {
	{"Giàng Thị Dung", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", NULL, 131},
};

static const struct want_ref lc22_refs[] = {
	{"Nghị quyết số 29-NQ/TU ngày 22/7/2022", "29-NQ/TU", "2022-07-22", "Ban Thường vụ Tỉnh ủy", 9},
	{"Kế hoạch số 43-KH/BDVTU, ngày 09/8/2022", "43-KH/BDVTU", "2022-08-09", "Ban Dân vận Tỉnh ủy", 11},
	{"Nghị định số 56/2012/NĐ-CP ngày 16/7/2012", "56/2012/NĐ-CP", "2012-07-16", "Chính phủ", 89},
	{"Quy định số 212-QĐ/TW, ngày 30/12/2019", "212-QĐ/TW", "2019-12-30", "Ban Bí thư Trung ương Đảng", 115},
};
static const struct want_sec lc22_secs[] = {
	{"I", "MỤC ĐÍCH, YÊU CẦU", 1, 13}, {"1", "Mục đích", 2, 15}, {"2", "Yêu cầu", 2, 21},
	{"II", "MỤC TIÊU", 1, 27}, {"1", "Mục tiêu chung", 2, 29}, {"2", "Mục tiêu cụ thể", 2, 33},
	{"III", "NHIỆM VỤ, GIẢI PHÁP", 1, 57}, {"1", NULL, 2, 59}, {"2", NULL, 2, 73}, {"3", NULL, 2, 83},
	{"3", NULL, 2, 97}, {"4", NULL, 2, 111}, {"4.1", "Về tổ chức bộ máy, cán bộ", 3, 113},
	{"4.2", "Về phát triển hội viên", 3, 131}, {"III", "TỔ CHỨC THỰC HIỆN", 1, 143},
	{"1", "Hội LHPN tỉnh", 2, 145}, {"2", "Hội LHPN huyện, thị xã, thành phố", 2, 157},
};
static const char *const lc22_rec[] = {
	"TT Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Các ban CM Tỉnh hội", "Hội PN các huyện/thị/thành Hội", "Lưu: VT",
};
static const struct want_signer lc22_signers[] = {
	{"Hà Thị Khánh Nguyệt", "CHỦ TỊCH", "TM. BAN THƯỜNG VỤ", NULL, 180},
};

static const struct sample samples[] = {
	{"../shared/samples/ubdt-hlhpnvn-2024-coordination-plan.txt", DOC_PLAN, "KẾ HOẠCH",
	 "468/KH-HLHPNVN-UBDT", "KH-HLHPNVN-UBDT", "Hà Nội", "2024-03-21", 2024,
	 "Triển khai Chương trình phối hợp công tác giữa Ủy ban Dân tộc và Hội Liên hiệp Phụ nữ Việt Nam năm 2024",
	 "ỦY BAN DÂN TỘC; HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM", "2024-01-01", "2024-12-31",
	 ubdt_refs, LEN(ubdt_refs), ubdt_secs, LEN(ubdt_secs), ubdt_rec, LEN(ubdt_rec),
	 ubdt_signers, LEN(ubdt_signers), {0}},
	{"../shared/samples/laocai-2024-ubnd-hlhpn-coordination-plan.txt", DOC_PLAN, "KẾ HOẠCH",
	 NULL, "KH-UBND", "Lào Cai", "2024-00-00", 2024,
	 "Phối hợp hoạt động giữa Ủy ban nhân dân tỉnh Lào Cai với Hội Liên hiệp Phụ nữ tỉnh Lào Cai năm 2024",
	 NULL, "2024-01-01", "2024-12-31",
	 lc24_refs, LEN(lc24_refs), lc24_secs, LEN(lc24_secs), lc24_rec, LEN(lc24_rec),
	 lc24_signers, LEN(lc24_signers), {0}},
	{"../shared/samples/laocai-2022-hlhpn-action-program.txt", DOC_PROGRAM, "CHƯƠNG TRÌNH HÀNH ĐỘNG",
	 "11/CTr-BTV", "CTr-BTV", "Lào Cai", "2022-09-15", 2022,
	 "Thực hiện Nghị quyết số 29-NQ/TU ngày 22/7/2022 của Ban Thường vụ Tỉnh ủy về tiếp tục đổi mới nội dung, "
	 "phương thức hoạt động của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội đến năm 2030 và những năm "
	 "tiếp theo",
	 NULL, "2022-01-01", "2030-12-31",
	 lc22_refs, LEN(lc22_refs), lc22_secs, LEN(lc22_secs), lc22_rec, LEN(lc22_rec),
	 lc22_signers, LEN(lc22_signers), {97, 143, 0}},
};

static void test_samples(void)
{
	for (size_t i = 0; i < LEN(samples); i++) {
		const struct sample *w = &samples[i];
		char *text = sample_load(w->path, NULL);
		if (!text) {
			printf("SKIP: ../shared/samples not found\n");
			return;
		}
		struct extraction ex;
		struct arena a;
		char buf[16], ctx[300];
		run(text, &ex, &a);
		const char *n = strrchr(w->path, '/') + 1;
#define C(field) (snprintf(ctx, sizeof ctx, "%s: %s", n, field), ctx)
		CHECK_INT(ex.type, w->type, C("type"));
		CHECK_STR(ex.type_text, w->type_text, C("type_text"));
		CHECK_STR(ex.number, w->number, C("number"));
		CHECK_STR(ex.symbol, w->symbol, C("symbol"));
		CHECK_STR(ex.place, w->place, C("place"));
		CHECK_STR(iso(ex.date, buf), w->date, C("date"));
		CHECK_INT(ex.year, w->year, C("year"));
		CHECK_STR(ex.title, w->title, C("title"));
		CHECK_STR(ex.issuers, w->issuers, C("issuers"));
		CHECK_STR(iso(ex.period.period_start, buf), w->period_start, C("period start"));
		CHECK_STR(iso(ex.period.period_end, buf), w->period_end, C("period end"));

		CHECK_INT(ex.references_len, w->refs_len, C("reference count"));
		for (size_t k = 0; k < w->refs_len && k < ex.references_len; k++) {
			const struct ex_reference *r = &ex.references[k];
			CHECK_STR(r->text, w->refs[k].text, C("reference text"));
			CHECK_STR(r->number, w->refs[k].number, C("reference number"));
			CHECK_STR(iso(r->date, buf), w->refs[k].date, C("reference date"));
			CHECK_STR(r->issuer, w->refs[k].issuer, C(w->refs[k].number));
			CHECK_INT(r->line, w->refs[k].line, C("reference line"));
		}

		CHECK_INT(ex.sections_len, w->secs_len, C("section count"));
		for (size_t k = 0; k < w->secs_len && k < ex.sections_len; k++) {
			const struct ex_section *s = &ex.sections[k];
			snprintf(ctx, sizeof ctx, "%s: section at line %d", n, w->secs[k].line);
			CHECK_STR(s->no, w->secs[k].no, ctx);
			if (w->secs[k].title)
				CHECK_STR(s->title, w->secs[k].title, ctx);
			else
				CHECK(s->title && strlen(s->title) > 10, "%s: title", ctx);
			CHECK_INT(s->level, w->secs[k].level, ctx);
			CHECK_INT(s->line, w->secs[k].line, ctx);
		}
		int numbering = 0;
		for (size_t k = 0; k < ex.review_len; k++)
			numbering += strstr(ex.review[k].what, "Đánh số") != NULL;
		int expected = 0;
		for (; w->review_lines[expected]; expected++)
			CHECK(reviewed(&ex, w->review_lines[expected], "Đánh số"), "%s: numbering review at %d", n,
			      w->review_lines[expected]);
		CHECK_INT(numbering, expected, C("numbering reviews"));
		CHECK(!reviewed(&ex, 0, "Không tìm thấy"), "%s: nothing missing", n);

		check_recipients(&ex, w->rec, w->rec_len, n);
		check_signers(&ex, w->signers, w->signers_len, n);
#undef C
		done(&ex, &a);
		free(text);
	}
}

int main(void)
{
	test_headers();
	test_sections();
	test_references();
	test_closing();
	test_samples();
	text_cleanup();
	TEST_END("test_header");
}
