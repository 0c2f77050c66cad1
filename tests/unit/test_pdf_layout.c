/* test_pdf_layout.c: the reading order of a PDF rebuilt from character
 * boxes (src/import/pdf_layout.h), on pages written here box by box: the
 * Decree 30 header's two columns, paragraphs wrapped by the layout and
 * where a new one starts, hyphens at line ends, running headers, footers
 * and page numbers, a table with wrapped cells and a list of agencies, a
 * table continued on the next page under its repeated header, a section
 * row, places, a legacy font, footnote marks and the bounds. */
#include "test.h"
#include "import/pdf_layout.h"
#include "base/err.h"
#include <stdlib.h>
#include <string.h>

/* A page being written: characters laid out as spans. */
struct pg {
	struct pdf_char c[20000];
	size_t n;
};

static size_t cps(const char *s, uint32_t *out, size_t max)
{
	size_t n = 0;
	const unsigned char *u = (const unsigned char *)s;
	while (*u && n < max) {
		uint32_t c;
		if (*u < 0x80) {
			c = *u++;
		} else if ((*u & 0xE0) == 0xC0) {
			c = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
			u += 2;
		} else if ((*u & 0xF0) == 0xE0) {
			c = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
			u += 3;
		} else {
			c = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
			    ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
			u += 4;
		}
		out[n++] = c;
	}
	return n;
}

/* Text from x0 to x1 on baseline y, justified: letters 0.46 em wide
 * (narrower when the line is too long), the spaces sharing the rest, so
 * that a line can be made to end exactly at a margin. */
static void span(struct pg *p, float x0, float x1, float y, float size, int font, const char *text)
{
	uint32_t cp[2000];
	size_t n = cps(text, cp, 2000), ns = 0;
	for (size_t i = 0; i < n; i++)
		ns += cp[i] == ' ';
	float w = 0.46f * size;
	float room = x1 - x0;
	if ((float)(n - ns) * w + (float)ns * 0.22f * size > room)
		w = (room - (float)ns * 0.22f * size) / (float)(n - ns);
	float sp = ns ? (room - (float)(n - ns) * w) / (float)ns : 0;
	float x = x0;
	for (size_t i = 0; i < n && p->n < 20000; i++) {
		struct pdf_char *c = &p->c[p->n++];
		float cw = cp[i] == ' ' ? sp : w;
		c->cp = cp[i];
		c->x0 = x;
		c->x1 = x + cw;
		c->y0 = y - size;
		c->y1 = y;
		c->size = size;
		c->font = font;
		x += cw;
	}
}

/* Text at x with its natural width (letters 0.46 em, spaces 0.25 em). */
static void text_at(struct pg *p, float x, float y, float size, int font, const char *text)
{
	uint32_t cp[2000];
	size_t n = cps(text, cp, 2000), ns = 0;
	for (size_t i = 0; i < n; i++)
		ns += cp[i] == ' ';
	span(p, x, x + 0.46f * size * (float)(n - ns) + 0.25f * size * (float)ns, y, size, font, text);
}

static const char *const FONTS[] = {"TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT", "ABCDEF+.VnTime"};

static int render(struct pg *pages, size_t np, struct rendering *r)
{
	char why[200] = "";
	struct pdf_layout *l = pdf_layout_new();
	if (!l)
		return PH_ENOMEM;
	int rc = 0;
	for (size_t i = 0; i < np && !rc; i++)
		rc = pdf_layout_add_page(l, 595, 842, pages[i].c, pages[i].n, FONTS, 3, why, sizeof why);
	if (!rc)
		rc = pdf_layout_finish(l, r, why, sizeof why);
	pdf_layout_free(l);
	if (rc)
		fprintf(stderr, "render: %d %s\n", rc, why);
	return rc;
}

static void rfree(struct rendering *r)
{
	free(r->text);
	free(r->places);
	for (size_t i = 0; i < r->notes_len; i++)
		free(r->notes[i].text);
	free(r->notes);
	memset(r, 0, sizeof *r);
}

/* The n-th (1-based) non-blank line of the rendering, into buf. */
static const char *nth(const struct rendering *r, int k, char *buf, size_t max)
{
	const char *s = r->text;
	int i = 0;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len && ++i == k) {
			if (len >= max)
				len = max - 1;
			memcpy(buf, s, len);
			buf[len] = 0;
			return buf;
		}
		s += len + (e ? 1 : 0);
	}
	return "";
}

/* The place of the line holding text exactly. */
static const struct doc_place *place_of(const struct rendering *r, const char *text)
{
	const char *s = r->text;
	size_t i = 0, tl = strlen(text);
	while (*s && i < r->places_len) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == tl && memcmp(s, text, tl) == 0)
			return &r->places[i];
		i++;
		s += len + (e ? 1 : 0);
	}
	return NULL;
}

static struct pg P[3];

static void reset(void)
{
	memset(P, 0, sizeof P);
}

/* Body geometry: A4, left margin 85, right 510, 13 pt, pitch 16. */
#define L 85.0f
#define R 510.0f

static void header_columns(void)
{
	reset();
	text_at(&P[0], 110, 60, 12, 1, "ỦY BAN NHÂN DÂN");
	text_at(&P[0], 300, 60, 12, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	text_at(&P[0], 125, 75, 12, 1, "TỈNH LÀO CAI");
	text_at(&P[0], 330, 76, 13, 1, "Độc lập - Tự do - Hạnh phúc");
	text_at(&P[0], 115, 97, 13, 0, "Số: 15/KH-UBND");
	text_at(&P[0], 310, 97, 13, 0, "Hà Nội, ngày 10 tháng 3 năm 2025");
	text_at(&P[0], 260, 140, 13, 1, "KẾ HOẠCH");
	span(&P[0], L + 28, R, 170, 13, 0, "Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh");
	text_at(&P[0], L, 186, 13, 0, "Lào Cai, Ủy ban nhân dân tỉnh ban hành Kế hoạch.");
	struct rendering r = {0};
	CHECK_INT(render(P, 1, &r), 0, "header: render");
	char b[512];
	CHECK_STR(nth(&r, 1, b, sizeof b), "ỦY BAN NHÂN DÂN", "header: left column first");
	CHECK_STR(nth(&r, 2, b, sizeof b), "TỈNH LÀO CAI", "header: left column, line 2");
	CHECK_STR(nth(&r, 3, b, sizeof b), "Số: 15/KH-UBND", "header: number ends the left column");
	CHECK_STR(nth(&r, 4, b, sizeof b), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "header: then the right column");
	CHECK_STR(nth(&r, 5, b, sizeof b), "Độc lập - Tự do - Hạnh phúc", "header: motto");
	CHECK_STR(nth(&r, 6, b, sizeof b), "Hà Nội, ngày 10 tháng 3 năm 2025", "header: place and date");
	CHECK_STR(nth(&r, 7, b, sizeof b), "KẾ HOẠCH", "header: title after both columns");
	CHECK_STR(nth(&r, 8, b, sizeof b),
	          "Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai, Ủy ban "
	          "nhân dân tỉnh ban hành Kế hoạch.", "header: body paragraph joined");
	/* a column's lines one under the other, a blank line between the
	 * columns and after them (as the Word reader writes a layout table);
	 * no table row here */
	CHECK(strstr(r.text, "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 15/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	                     "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 10 tháng 3 năm 2025\n\nKẾ HOẠCH\n\n") != NULL,
	      "header: a column's lines together, blank lines between the columns");
	CHECK(strchr(r.text, '\t') == NULL, "header: a layout table has no tab");
	const struct doc_place *pl = place_of(&r, "Số: 15/KH-UBND");
	CHECK(pl && pl->page == 1 && pl->paragraph == 3 && pl->table == 0, "header: place of the number");
	rfree(&r);
}

static void paragraphs(void)
{
	reset();
	struct pg *p = &P[0];
	/* 1: indented first line, two full lines, a short last one */
	span(p, L + 28, R, 100, 13, 0, "Tổ chức tuyên truyền, phổ biến các chủ trương, chính sách của Đảng");
	span(p, L, R, 116, 13, 0, "và pháp luật của Nhà nước về bình đẳng giới, phòng chống bạo lực gia đình");
	span(p, L, R, 132, 13, 0, "tại các xã, phường, thị trấn trên địa bàn tỉnh trong năm 2025 và những");
	text_at(p, L, 148, 13, 0, "năm tiếp theo.");
	/* 2: starts after a short line, without indent */
	span(p, L, R, 164, 13, 0, "Các sở, ban, ngành căn cứ chức năng, nhiệm vụ được giao chủ động phối");
	text_at(p, L, 180, 13, 0, "hợp thực hiện kế hoạch này.");
	/* 3..5: list labels start paragraphs even on full lines */
	span(p, L, R, 196, 13, 0, "a) Chủ trì tổ chức các hoạt động tuyên truyền, vận động hội viên phụ nữ");
	span(p, L, R, 212, 13, 0, "- Phối hợp với các cơ quan liên quan tổ chức kiểm tra, giám sát việc thực");
	span(p, L, R, 228, 13, 0, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành và được áp dụng");
	/* 6: after a gap wider than the line spacing */
	span(p, L, R, 262, 13, 0, "Sau khoảng cách, đoạn văn mới bắt đầu ở lề trái với nội dung khác hẳn");
	/* 7: a bold title line */
	span(p, L, R, 278, 13, 1, "II. NỘI DUNG PHỐI HỢP GIỮA CÁC CƠ QUAN, ĐƠN VỊ TRONG TỈNH LÀO CAI NĂM");
	/* 8: a centred line */
	text_at(p, 250, 294, 13, 0, "PHỤ LỤC");
	struct rendering r = {0};
	CHECK_INT(render(P, 1, &r), 0, "paragraphs: render");
	char b[512];
	CHECK_STR(nth(&r, 1, b, sizeof b),
	          "Tổ chức tuyên truyền, phổ biến các chủ trương, chính sách của Đảng và pháp luật của Nhà nước "
	          "về bình đẳng giới, phòng chống bạo lực gia đình tại các xã, phường, thị trấn trên địa bàn tỉnh "
	          "trong năm 2025 và những năm tiếp theo.", "paragraphs: wrapped lines joined");
	CHECK_STR(nth(&r, 2, b, sizeof b),
	          "Các sở, ban, ngành căn cứ chức năng, nhiệm vụ được giao chủ động phối hợp thực hiện kế hoạch này.",
	          "paragraphs: new after a short line");
	CHECK_STR(nth(&r, 3, b, sizeof b), "a) Chủ trì tổ chức các hoạt động tuyên truyền, vận động hội viên phụ nữ",
	          "paragraphs: a) starts one");
	CHECK_STR(nth(&r, 4, b, sizeof b), "- Phối hợp với các cơ quan liên quan tổ chức kiểm tra, giám sát việc thực",
	          "paragraphs: - starts one");
	CHECK_STR(nth(&r, 5, b, sizeof b), "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành và được áp dụng",
	          "paragraphs: Điều starts one");
	CHECK_STR(nth(&r, 6, b, sizeof b), "Sau khoảng cách, đoạn văn mới bắt đầu ở lề trái với nội dung khác hẳn",
	          "paragraphs: a gap starts one");
	CHECK_STR(nth(&r, 7, b, sizeof b), "II. NỘI DUNG PHỐI HỢP GIỮA CÁC CƠ QUAN, ĐƠN VỊ TRONG TỈNH LÀO CAI NĂM",
	          "paragraphs: bold title");
	CHECK_STR(nth(&r, 8, b, sizeof b), "PHỤ LỤC", "paragraphs: centred line");
	const struct doc_place *pl = place_of(&r, "PHỤ LỤC");
	CHECK(pl && pl->page == 1 && pl->paragraph == 8, "paragraphs: paragraph numbers on the page");
	rfree(&r);
}

static void hyphens(void)
{
	reset();
	struct pg *p = &P[0];
	span(p, L, R, 100, 13, 0, "Phối hợp với Sở Lao động - Thương binh và Xã hội (Sở LĐ-");
	span(p, L, R, 116, 13, 0, "TB&XH) tổ chức các hoạt động hỗ trợ hội nhập quốc tế, kinh tế inter-");
	span(p, L, R, 132, 13, 0, "national của tỉnh trong giai đoạn mới, bảo đảm thực hiện kế hoạch 2021-");
	span(p, L, R, 148, 13, 0, "2025 gắn với việc hoàn thành các chỉ tiêu về phát triển kinh tế -");
	text_at(p, L, 164, 13, 0, "xã hội.");
	struct rendering r = {0};
	CHECK_INT(render(P, 1, &r), 0, "hyphens: render");
	char b[512];
	CHECK_STR(nth(&r, 1, b, sizeof b),
	          "Phối hợp với Sở Lao động - Thương binh và Xã hội (Sở LĐ-TB&XH) tổ chức các hoạt động hỗ trợ "
	          "hội nhập quốc tế, kinh tế international của tỉnh trong giai đoạn mới, bảo đảm thực hiện kế "
	          "hoạch 2021-2025 gắn với việc hoàn thành các chỉ tiêu về phát triển kinh tế - xã hội.", "hyphens: glued joined, spaced kept");
	rfree(&r);
}

static void running_lines(void)
{
	reset();
	for (int k = 0; k < 3; k++) {
		struct pg *p = &P[k];
		char num[16];
		snprintf(num, sizeof num, "%d", k + 1);
		if (k > 0)
			text_at(p, 295, 35, 13, 0, num);            /* page number, top */
		text_at(p, 85, 825, 10, 0, "Kế hoạch số 15/KH-UBND của UBND tỉnh");  /* footer */
		char t[32];
		snprintf(t, sizeof t, "Trang %d/3", k + 1);
		text_at(p, 450, 825, 10, 0, t);
		char body[128];
		snprintf(body, sizeof body, "Nội dung riêng của trang số %d trong văn bản, viết đủ dài để", k + 1);
		span(p, L + 28, R, 100, 13, 0, body);
		text_at(p, L, 116, 13, 0, "hết dòng.");
	}
	struct rendering r = {0};
	CHECK_INT(render(P, 3, &r), 0, "running: render");
	CHECK(strstr(r.text, "Kế hoạch số 15") == NULL, "running: repeated footer dropped");
	CHECK(strstr(r.text, "Trang") == NULL, "running: Trang n/m dropped");
	char b[512];
	CHECK_STR(nth(&r, 1, b, sizeof b), "Nội dung riêng của trang số 1 trong văn bản, viết đủ dài để hết dòng.", "running: page 1 body");
	CHECK_STR(nth(&r, 2, b, sizeof b), "Nội dung riêng của trang số 2 trong văn bản, viết đủ dài để hết dòng.", "running: page 2 body, no number");
	CHECK_STR(nth(&r, 3, b, sizeof b), "Nội dung riêng của trang số 3 trong văn bản, viết đủ dài để hết dòng.", "running: page 3 body");
	CHECK_STR(nth(&r, 4, b, sizeof b), "", "running: nothing else");
	const struct doc_place *pl = place_of(&r, "Nội dung riêng của trang số 3 trong văn bản, viết đủ dài để hết dòng.");
	CHECK(pl && pl->page == 3 && pl->paragraph == 1, "running: place on page 3");
	rfree(&r);
}

/* Columns of the task table: their left edges. */
static const float CX[6] = {88, 118, 270, 345, 440, 505};


static void cell(struct pg *p, int col, float y, const char *t, int font)
{
	uint32_t cp[200];
	(void)cp;
	text_at(p, CX[col], y, 12, font, t);
}

static void table_header(struct pg *p, float y)
{
	cell(p, 0, y, "STT", 1);
	cell(p, 1, y, "Nội dung", 1);
	cell(p, 2, y, "Cơ quan chủ", 1);
	cell(p, 3, y, "Cơ quan phối", 1);
	cell(p, 4, y, "Thời gian", 1);
	cell(p, 5, y, "Ghi", 1);
	cell(p, 2, y + 14, "trì", 1);
	cell(p, 3, y + 14, "hợp", 1);
	cell(p, 5, y + 14, "chú", 1);
}

static void tables(void)
{
	reset();
	struct pg *p = &P[0];
	span(p, L + 28, R, 60, 13, 0, "Các nhiệm vụ cụ thể được phân công như sau, các cơ quan chủ động thực");
	text_at(p, L, 76, 13, 0, "hiện đúng thời gian.");
	table_header(p, 110);
	/* row 1: content over three lines, agencies as a list */
	cell(p, 0, 150, "1", 0);
	cell(p, 1, 150, "Tổ chức tuyên truyền về", 0);
	cell(p, 2, 150, "Sở Tư pháp", 0);
	cell(p, 3, 150, "- Sở Nội vụ;", 0);
	cell(p, 4, 150, "Quý II/2025", 0);
	cell(p, 1, 164, "bình đẳng giới tại các xã,", 0);
	cell(p, 3, 164, "- Sở Y tế", 0);
	cell(p, 1, 178, "phường.", 0);
	/* section row over the width */
	text_at(p, 92, 210, 12, 1, "II. CÔNG TÁC KIỂM TRA, GIÁM SÁT");
	/* row 2 */
	cell(p, 0, 240, "2", 0);
	cell(p, 1, 240, "Kiểm tra việc thực hiện", 0);
	cell(p, 2, 240, "Sở Nội vụ", 0);
	cell(p, 3, 240, "Công an tỉnh", 0);
	cell(p, 4, 240, "Quý III/2025", 0);
	cell(p, 1, 254, "kế hoạch.", 0);
	/* row 3 starts at the bottom of page 1 ... */
	cell(p, 0, 780, "3", 0);
	cell(p, 1, 780, "Sơ kết, đánh giá kết quả", 0);
	cell(p, 2, 780, "Sở Tư pháp", 0);
	cell(p, 3, 780, "Sở Tài chính", 0);
	cell(p, 4, 780, "Quý IV/2025", 0);
	/* ... and goes on page 2, under the header repeated */
	p = &P[1];
	table_header(p, 70);
	cell(p, 1, 110, "thực hiện kế hoạch.", 0);
	cell(p, 0, 140, "4", 0);
	cell(p, 1, 140, "Tổng kết năm", 0);
	cell(p, 2, 140, "Sở Nội vụ", 0);
	cell(p, 3, 140, "Các sở, ngành", 0);
	cell(p, 4, 140, "Tháng 12/2025", 0);
	span(p, L + 28, R, 200, 13, 0, "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn");
	text_at(p, L, 216, 13, 0, "vị báo cáo kịp thời.");
	struct rendering r = {0};
	CHECK_INT(render(P, 2, &r), 0, "tables: render");
	char b[1024];
	CHECK_STR(nth(&r, 1, b, sizeof b),
	          "Các nhiệm vụ cụ thể được phân công như sau, các cơ quan chủ động thực hiện đúng thời gian.",
	          "tables: paragraph before");
	CHECK_STR(nth(&r, 2, b, sizeof b), "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\tGhi chú",
	          "tables: header row, wrapped header cells joined");
	CHECK_STR(nth(&r, 3, b, sizeof b),
	          "1\tTổ chức tuyên truyền về bình đẳng giới tại các xã, phường.\tSở Tư pháp\tSở Nội vụ; Sở Y tế\tQuý II/2025\t",
	          "tables: wrapped cell one cell, list joined with ;");
	CHECK_STR(nth(&r, 4, b, sizeof b), "II. CÔNG TÁC KIỂM TRA, GIÁM SÁT\t\t\t\t\t", "tables: section row");
	CHECK_STR(nth(&r, 5, b, sizeof b), "2\tKiểm tra việc thực hiện kế hoạch.\tSở Nội vụ\tCông an tỉnh\tQuý III/2025\t",
	          "tables: row 2");
	CHECK_STR(nth(&r, 6, b, sizeof b),
	          "3\tSơ kết, đánh giá kết quả thực hiện kế hoạch.\tSở Tư pháp\tSở Tài chính\tQuý IV/2025\t",
	          "tables: a row cut by the page break joined");
	CHECK_STR(nth(&r, 7, b, sizeof b), "4\tTổng kết năm\tSở Nội vụ\tCác sở, ngành\tTháng 12/2025\t",
	          "tables: the repeated header dropped");
	CHECK_STR(nth(&r, 8, b, sizeof b),
	          "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo kịp thời.",
	          "tables: paragraph after");
	CHECK(strstr(r.text, "thời gian.\n\nSTT\t") != NULL, "tables: a blank line before the table");
	CHECK(strstr(r.text, "12/2025\t\n\nTrong") != NULL, "tables: a blank line after the table");
	const struct doc_place *p3 = place_of(&r, "3\tSơ kết, đánh giá kết quả thực hiện kế hoạch.\tSở Tư pháp\tSở Tài chính\tQuý IV/2025\t");
	const struct doc_place *p4 = place_of(&r, "4\tTổng kết năm\tSở Nội vụ\tCác sở, ngành\tTháng 12/2025\t");
	CHECK(p3 && p3->table == 1 && p3->row == 5 && p3->page == 1, "tables: place of row 3 (table 1, row 5, page 1)");
	CHECK(p4 && p4->table == 1 && p4->row == 7 && p4->page == 2, "tables: place of row 4 after the dropped header");
	rfree(&r);
}

static void legacy_and_marks(void)
{
	reset();
	struct pg *p = &P[0];
	text_at(p, L, 100, 13, 2, "Uû ban nh©n d©n tØnh");
	text_at(p, L, 140, 13, 0, "Tỷ lệ đạt 80%");
	float after = p->c[p->n - 1].x1;
	/* a raised smaller "1" glued to it: a footnote mark */
	struct pdf_char *c = &p->c[p->n++];
	c->cp = '1';
	c->x0 = after;
	c->x1 = after + 4;
	c->y0 = 128;
	c->y1 = 135;
	c->size = 8;
	c->font = 0;
	text_at(p, after + 4, 140, 13, 0, " trở lên.");
	struct rendering r = {0};
	CHECK_INT(render(P, 1, &r), 0, "legacy: render");
	char b[512];
	CHECK_STR(nth(&r, 1, b, sizeof b), "Uỷ ban nhân dân tỉnh", "legacy: TCVN3 font converted");
	CHECK_STR(nth(&r, 2, b, sizeof b), "Tỷ lệ đạt 80% trở lên.", "legacy: footnote mark dropped");
	CHECK_INT(r.notes_len, 1, "legacy: one note");
	CHECK(r.notes_len == 1 && r.notes[0].line == 1 && strstr(r.notes[0].text, "TCVN3") &&
	      strstr(r.notes[0].text, ".VnTime"), "legacy: the note names the code and the font, at line 1");
	rfree(&r);
}

static void bounds(void)
{
	char why[200];
	struct rendering r = {0};
	struct pdf_layout *l = pdf_layout_new();
	CHECK(l != NULL, "bounds: new");
	/* no text at all */
	CHECK_INT(pdf_layout_add_page(l, 595, 842, NULL, 0, NULL, 0, why, sizeof why), 0, "bounds: empty page");
	CHECK_INT(pdf_layout_chars(l), 0, "bounds: no characters");
	CHECK_INT(pdf_layout_finish(l, &r, why, sizeof why), PH_EEMPTY, "bounds: no text is PH_EEMPTY");
	CHECK(r.text == NULL && r.places == NULL, "bounds: nothing on failure");
	/* too many characters on a page */
	size_t n = PDF_LAYOUT_MAX_PAGE_CHARS + 1;
	struct pdf_char *big = calloc(n, sizeof *big);
	CHECK(big != NULL, "bounds: alloc");
	if (big)
		CHECK_INT(pdf_layout_add_page(l, 595, 842, big, n, NULL, 0, why, sizeof why), PH_ETOOBIG,
		          "bounds: a page over the limit");
	free(big);
	/* boxes that are not finite, fonts out of range, controls: skipped */
	struct pdf_char bad[4] = {
		{'A', 1.0f / 0.0f, 0, 10, 10, 12, 0},
		{'B', 10, 90, 16, 100, 12, 99},
		{0x7, 16, 90, 22, 100, 12, 0},
		{'C', 16, 90, 22, 100, 12, -5},
	};
	CHECK_INT(pdf_layout_add_page(l, -1, 0.0f / 0.0f, bad, 4, FONTS, 3, why, sizeof why), 0, "bounds: odd input");
	CHECK_INT(pdf_layout_finish(l, &r, why, sizeof why), 0, "bounds: renders what is sound");
	CHECK_STR(r.text, "BC\n", "bounds: the sound characters");
	rfree(&r);
	pdf_layout_free(l);
	pdf_layout_free(NULL);
}

int main(void)
{
	header_columns();
	paragraphs();
	hyphens();
	running_lines();
	tables();
	legacy_and_marks();
	bounds();
	TEST_END("test_pdf_layout");
}
