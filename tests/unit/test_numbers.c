/* test_numbers.c: the reporting-deadline and numeric-target extractors
 * (extract_deadlines, extract_targets of extract_numbers.c). Table-driven
 * cases on hand-built document models (one paragraph, or a "Mục tiêu"
 * heading and a paragraph, or a table), then the real samples through
 * reader_text: the 2022 action program's targets and the Lào Cai 2024
 * plan's deadlines. */
#include "import/extract.h"
#include "import/docmodel.h"
#include "test.h"
#include "samples.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A document model of the given paragraphs, one per odd line. */
static void doc_of(struct docmodel *d, struct doc_block *b, const char *const *texts, size_t n)
{
	memset(d, 0, sizeof *d);
	memset(b, 0, n * sizeof *b);
	for (size_t i = 0; i < n; i++) {
		b[i].kind = BLOCK_PARA;
		b[i].line = (int)(2 * i + 1);
		b[i].text = (char *)texts[i];
	}
	d->blocks = b;
	d->blocks_len = d->blocks_cap = n;
	d->lines = (int)(2 * n);
}

static void iso(struct ph_date d, char buf[11])
{
	if (!date_iso(d, buf))
		strcpy(buf, d.y || d.m || d.d ? "partial" : "");
}

/* 1 when some review item contains needle. */
static int review_has(const struct extraction *ex, const char *needle)
{
	for (size_t i = 0; i < ex->review_len; i++)
		if (strstr(ex->review[i].what, needle))
			return 1;
	return 0;
}

/* ---- targets ------------------------------------------------------------ */

struct want_target {
	const char *op;
	double value;
	const char *unit;
	int from, to, each;
	const char *text; /* NULL: not checked */
};

static const struct {
	const char *name;
	int section; /* 1: a "2. Mục tiêu cụ thể" heading comes first */
	const char *text;
	size_t n;
	struct want_target want[3];
} tcases[] = {
	{"(1) ít nhất 01, hằng năm", 0,
	 "(1) Hằng năm, Hội LHPN từ tỉnh đến cơ sở đăng ký với cấp ủy ít nhất 01 việc làm mới và thực hiện có hiệu quả.",
	 1, {{">=", 1, "việc làm mới", 0, 0, 1,
	      "Hằng năm, Hội LHPN từ tỉnh đến cơ sở đăng ký với cấp ủy ít nhất 01 việc làm mới và thực hiện có hiệu quả"}}},
	{"(2) second clause inherits Hằng năm", 0,
	 "(2) Hằng năm, Hội LHPN các cấp xây dựng kế hoạch giám sát, phản biện xã hội và tổ chức thực hiện có hiệu quả; trong đó phối hợp thực hiện ít nhất 02 nội dung phản biện xã hội.",
	 1, {{">=", 2, "nội dung phản biện xã hội", 0, 0, 1,
	      "trong đó phối hợp thực hiện ít nhất 02 nội dung phản biện xã hội"}}},
	{"(3) 95% trở lên", 0,
	 "(3) Hội LHPN các cấp hoàn thành 95% trở lên các chỉ tiêu phong trào thi đua, cuộc vận động trọng tâm trong năm hoặc theo đợt, theo giai đoạn.",
	 1, {{">=", 95, "%", 0, 0, 0, NULL}}},
	{"(4) đến năm 2025", 0,
	 "(4) Tỷ lệ tập hợp hội viên (có mặt tại địa bàn) phấn đấu đến năm 2025: đạt 85% trở lên.",
	 1, {{">=", 85, "%", 0, 2025, 0,
	      "Tỷ lệ tập hợp hội viên (có mặt tại địa bàn) phấn đấu đến năm 2025: đạt 85% trở lên"}}},
	{"hằng năm từ 2026 đến năm 2030", 0,
	 "- Tỷ lệ tập hợp hội viên (có mặt tại địa bàn) duy trì hằng năm từ 2026 đến năm 2030 và các năm tiếp theo: đạt 90% trở lên.",
	 1, {{">=", 90, "%", 2026, 2030, 1, NULL}}},
	{"duy trì hằng năm", 0,
	 "- Tỷ lệ xếp loại cơ sở hoàn thành tốt nhiệm vụ trở lên duy trì hằng năm: đạt 95% trở lên.",
	 1, {{">=", 95, "%", 0, 0, 1, NULL}}},
	{"hội viên ưu tú, unit stops at cho", 0,
	 "- Hằng năm, mỗi chi hội phụ nữ giới thiệu được ít nhất 01 hội viên ưu tú cho cấp ủy đảng xem xét, kết nạp đảng.",
	 1, {{">=", 1, "hội viên ưu tú", 0, 0, 1, NULL}}},
	{"(5) two bare percentages are floors", 0,
	 "(5) Hằng năm, phấn đấu có 100% cán bộ Hội và 90% hội viên được học tập các nghị quyết, chỉ thị của Đảng, chính sách, pháp luật của Nhà nước.",
	 2, {{">=", 100, "%", 0, 0, 1, NULL}, {">=", 90, "%", 0, 0, 1, NULL}}},
	{"(7) mỗi nhiệm kỳ is not each year", 0,
	 "(7) Phấn đấu hàng năm, Hội LHPN cấp cơ sở xây dựng ít nhất 01 mô hình “Dân vận khéo” hoạt động có hiệu quả và được nhân rộng; phấn đấu trong mỗi nhiệm kỳ, giúp được ít nhất 01 hộ gia đình nghèo (đối với thôn, tổ dân phố còn hộ nghèo) thoát nghèo bền vững.",
	 2, {{">=", 1, "mô hình", 0, 0, 1, NULL},
	     {">=", 1, "hộ gia đình nghèo", 0, 0, 0,
	      "phấn đấu trong mỗi nhiệm kỳ, giúp được ít nhất 01 hộ gia đình nghèo (đối với thôn, tổ dân phố còn hộ nghèo) thoát nghèo bền vững"}}},
	{"(8) in the Mục tiêu section: two sentences", 1,
	 "(8) Phấn đấu đến năm 2025, trên 75% chi hội ứng dụng công nghệ thông tin, mạng xã hội trong sinh hoạt và tổ chức hoạt động. Đến năm 2030, 100% Hội Phụ nữ cấp cơ sở được ứng dụng công nghệ thông tin, mạng xã hội trong sinh hoạt và tổ chức hoạt động.",
	 2, {{">", 75, "%", 0, 2025, 0, NULL},
	     {">=", 100, "%", 0, 2030, 0,
	      "Đến năm 2030, 100% Hội Phụ nữ cấp cơ sở được ứng dụng công nghệ thông tin, mạng xã hội trong sinh hoạt và tổ chức hoạt động"}}},
	{"(8) outside a section: only the sentence with phấn đấu", 0,
	 "(8) Phấn đấu đến năm 2025, trên 75% chi hội ứng dụng công nghệ thông tin, mạng xã hội trong sinh hoạt và tổ chức hoạt động. Đến năm 2030, 100% Hội Phụ nữ cấp cơ sở được ứng dụng công nghệ thông tin, mạng xã hội trong sinh hoạt và tổ chức hoạt động.",
	 1, {{">", 75, "%", 0, 2025, 0, NULL}}},
	{"range từ 20 - 25% gives floor and ceiling", 0,
	 "Phấn đấu đến năm 2030, tỷ lệ nữ cấp ủy viên các cấp đạt từ 20 - 25%.",
	 2, {{">=", 20, "%", 0, 2030, 0, NULL}, {"<=", 25, "%", 0, 2030, 0, NULL}}},
	{"không dưới 80%", 0, "Tỷ lệ hội viên tham gia sinh hoạt thường xuyên không dưới 80%.",
	 1, {{">=", 80, "%", 0, 0, 0, NULL}}},
	{"tối thiểu 3", 0, "Mỗi huyện tổ chức tối thiểu 3 lớp tập huấn cho chi hội trưởng.",
	 1, {{">=", 3, "lớp tập huấn", 0, 0, 0, NULL}}},
	{"xuống dưới 5% is a level below", 0, "Phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 5%.",
	 1, {{"<", 5, "%", 0, 0, 0, NULL}}},
	{"không quá 5% mỗi năm", 0, "Tỷ lệ hộ tái nghèo không quá 5% mỗi năm.",
	 1, {{"<=", 5, "%", 0, 0, 1, NULL}}},
	{"giảm 2% trở lên is a change", 0, "Hằng năm, tỷ lệ hộ nghèo giảm 2% trở lên.",
	 1, {{">=", 2, "% giảm", 0, 0, 1, NULL}}},
	{"giảm bình quân 1,5%/năm", 0, "Phấn đấu tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.",
	 1, {{">=", 1.5, "% giảm", 0, 0, 1, NULL}}},
	{"number word after ít nhất", 0,
	 "Hằng năm, Hội LHPN các cấp lựa chọn ít nhất một nội dung cụ thể, thiết thực, phù hợp để phát động thi đua và thực hiện.",
	 1, {{">=", 1, "nội dung cụ thể", 0, 0, 1, NULL}}},
	{"thousands separator, hơn", 0, "Phấn đấu mỗi năm kết nạp hơn 1.500 hội viên mới.",
	 1, {{">", 1500, "hội viên mới", 0, 0, 1, NULL}}},
	{"count in the section needs no phrase", 1, "Mỗi xã xây dựng 02 mô hình sinh kế cho phụ nữ.",
	 1, {{">=", 2, "mô hình sinh kế", 0, 0, 0, NULL}}},
	{"numbers in parentheses are not targets", 0,
	 "Phấn đấu 100% chi hội (trừ 2 chi hội mới thành lập) ứng dụng công nghệ thông tin.",
	 1, {{">=", 100, "%", 0, 0, 0, NULL}}},
	{"đến hết năm 2025 in the section, %/năm", 1,
	 "a) Đến hết năm 2025, 100% cơ sở Hội tổ chức tuyên truyền; tỷ lệ hộ nghèo do phụ nữ làm chủ giảm 3%/năm.",
	 2, {{">=", 100, "%", 0, 2025, 0, "Đến hết năm 2025, 100% cơ sở Hội tổ chức tuyên truyền"},
	     {">=", 3, "% giảm", 0, 2025, 1, "tỷ lệ hộ nghèo do phụ nữ làm chủ giảm 3%/năm"}}},
	{"năm 2024 sets both years", 0, "Năm 2024, phấn đấu 90% hội viên được tuyên truyền.",
	 1, {{">=", 90, "%", 2024, 2024, 0, NULL}}},
	/* negatives */
	{"no target phrase: plain number", 0,
	 "c) Nội dung phối hợp phải cụ thể, thiết thực, tập trung giải quyết các nhiệm vụ trọng tâm sau: Tham gia 3 Chương trình mục tiêu quốc gia; phát động, hưởng ứng các phong trào thi đua, yêu nước.",
	 0, {{0}}},
	{"the same count outside the section", 0, "Mỗi xã xây dựng 02 mô hình sinh kế cho phụ nữ.", 0, {{0}}},
	{"nhiệm kỳ 2021 – 2026 is a period", 0,
	 "Phấn đấu thực hiện thắng lợi Nghị quyết Đại hội Phụ nữ các cấp nhiệm kỳ 2021 – 2026.", 0, {{0}}},
	{"document numbers, dates and years", 0,
	 "a) Việc xây dựng và thực hiện kế hoạch phối hợp bám sát theo nội dung, chỉ tiêu tại Nghị quyết số 29-NQ/TU ngày 22/7/2022 của Ban Thường vụ Tỉnh ủy về tiếp tục đổi mới đến năm 2030 và những năm tiếp theo.",
	 0, {{0}}},
	{"Đề án number and quoted title", 0,
	 "Phấn đấu triển khai có hiệu quả Đề án 939 “Hỗ trợ phụ nữ khởi nghiệp giai đoạn 2017-2025”.", 0, {{0}}},
	{"số 05 and Dự án 8 are references", 0,
	 "Phấn đấu thực hiện tốt Chỉ thị số 05 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; triển khai Dự án 8 về bình đẳng giới ít nhất tại các xã.",
	 0, {{0}}},
	{"a duration is not a target", 0, "Phấn đấu sau 6 tháng hoàn thành việc rà soát hội viên.", 0, {{0}}},
	{"một số is not a number", 0, "Phấn đấu giải quyết ít nhất một số vấn đề cấp thiết của phụ nữ.", 0, {{0}}},
	{"quoted slogan in the section", 1,
	 "Cán bộ Hội chuyên trách các cấp thực hiện “3 cùng” với chi hội: Cùng nghe phụ nữ nói.", 0, {{0}}},
	{"Covid-19 and Quý IV/2024", 0,
	 "Phấn đấu khắc phục hậu quả dịch Covid-19 trong Quý IV/2024 ít nhất trên địa bàn.", 0, {{0}}},
};

static void test_targets(void)
{
	for (size_t i = 0; i < LEN(tcases); i++) {
		const char *texts[2];
		size_t n = 0;
		if (tcases[i].section)
			texts[n++] = "2. Mục tiêu cụ thể";
		texts[n++] = tcases[i].text;
		struct doc_block blocks[2];
		struct docmodel d;
		doc_of(&d, blocks, texts, n);
		struct extraction ex;
		extraction_init(&ex);
		ex.year = 2022;
		extract_targets(&d, &ex);
		char ctx[300];
		snprintf(ctx, sizeof ctx, "target \"%s\": count", tcases[i].name);
		CHECK_INT(ex.targets_len, tcases[i].n, ctx);
		for (size_t k = 0; k < tcases[i].n && k < ex.targets_len; k++) {
			const struct want_target *w = &tcases[i].want[k];
			const struct ex_target *t = &ex.targets[k];
			snprintf(ctx, sizeof ctx, "target \"%s\" #%zu", tcases[i].name, k);
			CHECK_STR(t->op, w->op, ctx);
			CHECK(fabs(t->value - w->value) < 1e-9, "%s: value %g, want %g", ctx, t->value, w->value);
			CHECK_STR(t->unit, w->unit, ctx);
			CHECK_INT(t->year_from, w->from, ctx);
			CHECK_INT(t->year_to, w->to, ctx);
			CHECK_INT(t->each_year, w->each, ctx);
			CHECK_INT(t->line, (int)(2 * n - 1), ctx);
			if (w->text)
				CHECK_STR(t->text, w->text, ctx);
			else
				CHECK(t->text && strlen(t->text) > 10, "%s: text", ctx);
		}
		extraction_cleanup(&ex);
	}
}

/* The section state: targets under "II. MỤC TIÊU" need no phrase; after
 * "III. NHIỆM VỤ" they do again; a numbered target item inside the section
 * does not end it. */
static void test_section_bounds(void)
{
	static const char *const texts[] = {
		"II. MỤC TIÊU",
		"1. Mục tiêu chung",
		"Mỗi xã xây dựng 02 mô hình sinh kế cho phụ nữ.",
		"1. Tỷ lệ hội viên được tập huấn đạt 80%.",
		"2. Mỗi huyện có 03 câu lạc bộ gia đình hạnh phúc",
		"III. NHIỆM VỤ, GIẢI PHÁP",
		"Mỗi xã xây dựng 04 mô hình sinh kế cho phụ nữ.",
	};
	struct doc_block blocks[LEN(texts)];
	struct docmodel d;
	doc_of(&d, blocks, texts, LEN(texts));
	struct extraction ex;
	extraction_init(&ex);
	extract_targets(&d, &ex);
	CHECK_INT(ex.targets_len, 3, "section bounds: count");
	if (ex.targets_len == 3) {
		CHECK(ex.targets[0].value == 2 && ex.targets[0].line == 5, "section bounds: first");
		CHECK(ex.targets[1].value == 80 && ex.targets[1].line == 7, "section bounds: second");
		CHECK_STR(ex.targets[2].unit, "câu lạc bộ gia đình hạnh", "section bounds: third unit");
	}
	extraction_cleanup(&ex);
}

/* In a result report, figures are results; only "phấn đấu" makes a target. */
static void test_report_results(void)
{
	static const char *const texts[] = {
		"Năm 2023, toàn tỉnh hoàn thành 102% chỉ tiêu kết nạp hội viên, có 95% trở lên chi hội xếp loại khá, ít nhất 3 mô hình mới.",
		"Năm 2024, phấn đấu 90% hội viên được tuyên truyền.",
	};
	struct doc_block blocks[LEN(texts)];
	struct docmodel d;
	doc_of(&d, blocks, texts, LEN(texts));
	struct extraction ex;
	extraction_init(&ex);
	ex.type = DOC_REPORT;
	extract_targets(&d, &ex);
	CHECK_INT(ex.targets_len, 1, "report: count");
	if (ex.targets_len == 1) {
		CHECK_INT(ex.targets[0].line, 3, "report: the promise");
		CHECK(ex.targets[0].value == 90, "report: value %g", ex.targets[0].value);
	}
	extraction_cleanup(&ex);
	/* the same text in a plan: both sentences hold targets */
	extraction_init(&ex);
	ex.type = DOC_PLAN;
	extract_targets(&d, &ex);
	CHECK_INT(ex.targets_len, 4, "plan: count");
	extraction_cleanup(&ex);
}

/* ---- deadlines -------------------------------------------------------- */

struct want_deadline {
	const char *text, *kind, *date, *to;
};

static const char LAOCAI_111[] =
	"b) Chủ động xây dựng báo cáo sơ kết, tổng kết các nội dung thực hiện kế hoạch gửi về Sở Nội vụ tổng hợp (báo cáo sơ kết 06 tháng trước ngày 15/6; báo cáo tổng kết trước ngày 20/12/2024).";

static const struct {
	const char *name;
	int year;
	const char *text;
	size_t n;
	struct want_deadline want[2];
	const char *review; /* a review item must contain this; NULL: no review item */
} dcases[] = {
	{"Lào Cai 2024: two deadlines in parentheses", 2024, LAOCAI_111, 2,
	 {{"báo cáo sơ kết 06 tháng trước ngày 15/6", "6-month", "2024-06-15", "Sở Nội vụ"},
	  {"báo cáo tổng kết trước ngày 20/12/2024", "annual", "2024-12-20", "Sở Nội vụ"}}, NULL},
	{"two deadlines joined by và, agency at the end", 2024,
	 "Các cơ quan, đơn vị gửi báo cáo 6 tháng đầu năm trước ngày 10/6 và báo cáo năm trước ngày 15/12/2024 về Sở Nội vụ.",
	 2, {{"gửi báo cáo 6 tháng đầu năm trước ngày 10/6", "6-month", "2024-06-10", "Sở Nội vụ"},
	     {"báo cáo năm trước ngày 15/12/2024", "annual", "2024-12-15", "Sở Nội vụ"}}, NULL},
	{"quarterly, relative day", 2024, "Các đơn vị gửi báo cáo quý trước ngày 20 của tháng cuối quý.",
	 1, {{"gửi báo cáo quý trước ngày 20 của tháng cuối quý", "quarterly", "", NULL}},
	 "không phải một ngày cố định"},
	{"định kỳ ... hằng năm", 2024,
	 "Các sở, ngành định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 25/11 hằng năm.",
	 1, {{"định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 25/11 hằng năm",
	      "annual", "2024-11-25", "Ủy ban nhân dân tỉnh"}}, "lặp lại hằng năm"},
	{"gửi báo cáo về ... trước ngày d/m/y", 2024,
	 "Hội LHPN tỉnh gửi báo cáo về Sở Nội vụ trước ngày 30/6/2024.",
	 1, {{"gửi báo cáo về Sở Nội vụ trước ngày 30/6/2024", "other", "2024-06-30", "Sở Nội vụ"}}, NULL},
	{"9 tháng, gửi + agency", 2023, "Báo cáo 9 tháng gửi Văn phòng UBND tỉnh trước ngày 15/9.",
	 1, {{"Báo cáo 9 tháng gửi Văn phòng UBND tỉnh trước ngày 15/9", "9-month", "2023-09-15",
	      "Văn phòng UBND tỉnh"}}, NULL},
	{"chậm nhất ngày", 2024,
	 "Các đơn vị gửi báo cáo tổng kết năm về Hội LHPN tỉnh chậm nhất ngày 05/12/2024.",
	 1, {{"gửi báo cáo tổng kết năm về Hội LHPN tỉnh chậm nhất ngày 05/12/2024", "annual",
	      "2024-12-05", "Hội LHPN tỉnh"}}, NULL},
	{"date in words does not set the kind", 2024,
	 "Gửi báo cáo về Sở Nội vụ trước ngày 15 tháng 6 năm 2024.",
	 1, {{"Gửi báo cáo về Sở Nội vụ trước ngày 15 tháng 6 năm 2024", "other", "2024-06-15",
	      "Sở Nội vụ"}}, NULL},
	{"sơ kết without báo cáo", 2024,
	 "Các huyện tổ chức sơ kết 6 tháng, gửi kết quả về Hội LHPN tỉnh trước ngày 20/6.",
	 1, {{"sơ kết 6 tháng, gửi kết quả về Hội LHPN tỉnh trước ngày 20/6", "6-month", "2024-06-20",
	      "Hội LHPN tỉnh"}}, NULL},
	{"the deadline opens the sentence", 2024,
	 "Trước ngày 15/6/2024, các đơn vị gửi báo cáo sơ kết về Sở Nội vụ.",
	 1, {{"Trước ngày 15/6/2024, các đơn vị gửi báo cáo sơ kết về Sở Nội vụ", "6-month", "2024-06-15",
	      "Sở Nội vụ"}}, NULL},
	{"hàng năm spelling", 2024,
	 "Định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 25/11 hàng năm.",
	 1, {{"Định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 25/11 hàng năm", "annual",
	      "2024-11-25", "Ủy ban nhân dân tỉnh"}}, "lặp lại hằng năm"},
	{"no year known: date zero and review", 0, "Các đơn vị gửi báo cáo sơ kết trước ngày 15/6.",
	 1, {{"gửi báo cáo sơ kết trước ngày 15/6", "6-month", "", NULL}}, "không ghi năm"},
	{"periodic reports with no date", 2022,
	 "- Tổng hợp báo cáo kết quả thực hiện định kỳ 6 tháng, một năm về Hội LHPN tỉnh (gắn với báo cáo phong trào định kỳ) hoặc khi có văn bản yêu cầu.",
	 0, {{0}}, "Chế độ báo cáo định kỳ 6 tháng, một năm chưa có hạn cụ thể"},
	{"periodic reports, no period named", 2022, "Thực hiện chế độ báo cáo định kỳ theo quy định.",
	 0, {{0}}, "Chế độ báo cáo định kỳ chưa có hạn cụ thể"},
	{"a task deadline is not a report's", 2024,
	 "Hoàn thành việc rà soát cơ sở vật chất trước ngày 30/6/2024.", 0, {{0}}, NULL},
	{"báo cáo viên is not a report", 2022,
	 "Phát huy vai trò của đội ngũ báo cáo viên, tuyên truyền viên; định kỳ bồi dưỡng kiến thức, kỹ năng.",
	 0, {{0}}, NULL},
	{"sơ kết, tổng kết without a date", 2024,
	 "d) Thực hiện đánh giá sơ kết, tổng kết các nội dung trong Chương trình phối hợp.", 0, {{0}}, NULL},
};

static void test_deadlines(void)
{
	for (size_t i = 0; i < LEN(dcases); i++) {
		const char *texts[1] = {dcases[i].text};
		struct doc_block blocks[1];
		struct docmodel d;
		doc_of(&d, blocks, texts, 1);
		struct extraction ex;
		extraction_init(&ex);
		ex.year = dcases[i].year;
		extract_deadlines(&d, &ex);
		char ctx[300], buf[11];
		snprintf(ctx, sizeof ctx, "deadline \"%s\": count", dcases[i].name);
		CHECK_INT(ex.deadlines_len, dcases[i].n, ctx);
		for (size_t k = 0; k < dcases[i].n && k < ex.deadlines_len; k++) {
			const struct want_deadline *w = &dcases[i].want[k];
			const struct ex_deadline *g = &ex.deadlines[k];
			snprintf(ctx, sizeof ctx, "deadline \"%s\" #%zu", dcases[i].name, k);
			CHECK_STR(g->text, w->text, ctx);
			CHECK_STR(g->kind, w->kind, ctx);
			iso(g->date, buf);
			CHECK_STR(buf, w->date, ctx);
			CHECK_STR(g->to, w->to, ctx);
			CHECK_INT(g->line, 1, ctx);
		}
		snprintf(ctx, sizeof ctx, "deadline \"%s\": review", dcases[i].name);
		if (dcases[i].review) {
			CHECK(review_has(&ex, dcases[i].review), "%s: no review item with \"%s\"", ctx,
			      dcases[i].review);
			CHECK(ex.review_len == 1 && ex.review[0].line == 1, "%s: %zu items", ctx, ex.review_len);
		} else {
			CHECK_INT(ex.review_len, 0, ctx);
		}
		extraction_cleanup(&ex);
	}
}

/* A deadline inside a table cell belongs to a task, not to this extractor;
 * and a table does not end or start a "Mục tiêu" section. */
static void test_tables_skipped(void)
{
	char *row0[] = {"STT", "Nội dung", "Thời gian thực hiện"};
	char *row1[] = {"1", "Gửi báo cáo sơ kết về Sở Nội vụ trước ngày 15/6; phấn đấu đạt 90% trở lên",
	                "Quý II/2024"};
	struct doc_row rows[2] = {{row0, 3, 1}, {row1, 3, 2}};
	struct doc_block b;
	memset(&b, 0, sizeof b);
	b.kind = BLOCK_TABLE;
	b.line = 1;
	b.rows = rows;
	b.rows_len = b.rows_cap = 2;
	b.text = row1[1]; /* even if a reader filled it, a table is not read here */
	struct docmodel d = {.blocks = &b, .blocks_len = 1, .blocks_cap = 1, .lines = 2};
	struct extraction ex;
	extraction_init(&ex);
	ex.year = 2024;
	extract_deadlines(&d, &ex);
	extract_targets(&d, &ex);
	CHECK_INT(ex.deadlines_len, 0, "table: deadlines");
	CHECK_INT(ex.targets_len, 0, "table: targets");
	CHECK_INT(ex.review_len, 0, "table: review");
	extraction_cleanup(&ex);
}

/* ---- the real samples --------------------------------------------------- */

/* Read a sample and run both extractors with the document's year. 0 when
 * the file is missing. */
static int run_sample(const char *name, int year, struct extraction *ex, struct arena *a)
{
	char path[256];
	snprintf(path, sizeof path, "../shared/samples/%s", name);
	size_t n;
	char *text = sample_load(path, &n);
	if (!text)
		return 0;
	struct docmodel d;
	arena_init(a);
	extraction_init(ex);
	ex->year = year;
	int rc = reader_text(a, text, n, DOC_MARKDOWN, &d); /* the samples are Markdown */
	CHECK_INT(rc, 0, name);
	if (rc == 0) {
		extract_deadlines(&d, ex);
		extract_targets(&d, ex);
	}
	free(text);
	return 1;
}

static const struct {
	int line;
	const char *op;
	double value;
	const char *unit;
	int from, to, each;
} lc22_targets[] = {
	{35, ">=", 1, "việc làm mới", 0, 0, 1},
	{37, ">=", 2, "nội dung phản biện xã hội", 0, 0, 1},
	{39, ">=", 95, "%", 0, 0, 0},
	{41, ">=", 85, "%", 0, 2025, 0},
	{43, ">=", 90, "%", 2026, 2030, 1},
	{45, ">=", 95, "%", 0, 0, 1},
	{47, ">=", 1, "hội viên ưu tú", 0, 0, 1},
	{49, ">=", 100, "%", 0, 0, 1},
	{49, ">=", 90, "%", 0, 0, 1},
	{53, ">=", 1, "mô hình", 0, 0, 1},
	{53, ">=", 1, "hộ gia đình nghèo", 0, 0, 0},
	{55, ">", 75, "%", 0, 2025, 0},
	{55, ">=", 100, "%", 0, 2030, 0},
	{77, ">=", 1, "nội dung cụ thể", 0, 0, 1},
};

static void test_samples(void)
{
	struct extraction ex;
	struct arena a;
	char ctx[200], buf[11];

	if (!run_sample("laocai-2022-hlhpn-action-program.txt", 2022, &ex, &a)) {
		printf("SKIP: ../shared/samples not found\n");
		return;
	}
	CHECK_INT(ex.targets_len, LEN(lc22_targets), "2022 program: target count");
	for (size_t k = 0; k < LEN(lc22_targets) && k < ex.targets_len; k++) {
		const struct ex_target *t = &ex.targets[k];
		snprintf(ctx, sizeof ctx, "2022 program: target %zu (line %d)", k, lc22_targets[k].line);
		CHECK_INT(t->line, lc22_targets[k].line, ctx);
		CHECK_STR(t->op, lc22_targets[k].op, ctx);
		CHECK(t->value == lc22_targets[k].value, "%s: value %g", ctx, t->value);
		CHECK_STR(t->unit, lc22_targets[k].unit, ctx);
		CHECK_INT(t->year_from, lc22_targets[k].from, ctx);
		CHECK_INT(t->year_to, lc22_targets[k].to, ctx);
		CHECK_INT(t->each_year, lc22_targets[k].each, ctx);
	}
	CHECK_INT(ex.deadlines_len, 0, "2022 program: deadlines");
	CHECK_INT(ex.review_len, 1, "2022 program: review items");
	if (ex.review_len == 1) {
		CHECK_STR(ex.review[0].what, "Chế độ báo cáo định kỳ 6 tháng, một năm chưa có hạn cụ thể",
		          "2022 program: review");
		CHECK_INT(ex.review[0].line, 163, "2022 program: review line");
	}
	extraction_cleanup(&ex);
	arena_cleanup(&a);

	if (run_sample("laocai-2024-ubnd-hlhpn-coordination-plan.txt", 2024, &ex, &a)) {
		CHECK_INT(ex.deadlines_len, 2, "Lào Cai 2024: deadline count");
		static const struct want_deadline w[2] = {
			{"báo cáo sơ kết 06 tháng trước ngày 15/6", "6-month", "2024-06-15", "Sở Nội vụ"},
			{"báo cáo tổng kết trước ngày 20/12/2024", "annual", "2024-12-20", "Sở Nội vụ"},
		};
		for (size_t k = 0; k < 2 && k < ex.deadlines_len; k++) {
			const struct ex_deadline *g = &ex.deadlines[k];
			snprintf(ctx, sizeof ctx, "Lào Cai 2024: deadline %zu", k);
			CHECK_STR(g->text, w[k].text, ctx);
			CHECK_STR(g->kind, w[k].kind, ctx);
			iso(g->date, buf);
			CHECK_STR(buf, w[k].date, ctx);
			CHECK_STR(g->to, w[k].to, ctx);
			CHECK_INT(g->line, 111, ctx);
		}
		CHECK_INT(ex.targets_len, 0, "Lào Cai 2024: no targets in its text");
		CHECK_INT(ex.review_len, 0, "Lào Cai 2024: review items");
		extraction_cleanup(&ex);
		arena_cleanup(&a);
	}

	if (run_sample("ubdt-hlhpnvn-2024-coordination-plan.txt", 2024, &ex, &a)) {
		CHECK_INT(ex.deadlines_len, 0, "UBDT 2024: deadlines");
		CHECK_INT(ex.targets_len, 0, "UBDT 2024: targets");
		CHECK_INT(ex.review_len, 0, "UBDT 2024: review items");
		extraction_cleanup(&ex);
		arena_cleanup(&a);
	}
}

int main(void)
{
	test_targets();
	test_section_bounds();
	test_report_results();
	test_deadlines();
	test_tables_skipped();
	test_samples();
	TEST_END("test_numbers");
}
