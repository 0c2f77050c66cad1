/* test_reader.c: the text/Markdown reader (reader_text). Each case is a
 * small document and the expected document model written one block per
 * line ("<line> P h<heading> b<bold> i<italic> <text>" for a paragraph,
 * "<line> T" then "  <line> cell|cell" for a table), read as Markdown
 * (cases) or as plain text (plain_cases). Then: plain text loses no
 * character, the format names, the three real samples, and a large input
 * to watch for non-linear time. */
#include "import/docmodel.h"
#include "base/err.h"
#include "test.h"
#include "samples.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Render a document model in the compact form of the expectations. */
static char *render(const struct docmodel *d)
{
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	out[0] = 0;
	for (size_t i = 0; i < d->blocks_len; i++) {
		const struct doc_block *b = &d->blocks[i];
		char tmp[4096];
		int n;
		if (b->kind == BLOCK_PARA) {
			n = snprintf(tmp, sizeof tmp, "%d P h%d b%d i%d %s\n", b->line, b->heading,
			             b->bold, b->italic, b->text);
		} else {
			n = snprintf(tmp, sizeof tmp, "%d T\n", b->line);
			for (size_t r = 0; r < b->rows_len && n < (int)sizeof tmp; r++) {
				n += snprintf(tmp + n, sizeof tmp - (size_t)n, "  %d ", b->rows[r].line);
				for (size_t c = 0; c < b->rows[r].cells_len && n < (int)sizeof tmp; c++)
					n += snprintf(tmp + n, sizeof tmp - (size_t)n, "%s%s", c ? "|" : "",
					              b->rows[r].cells[c]);
				if (n < (int)sizeof tmp)
					n += snprintf(tmp + n, sizeof tmp - (size_t)n, "\n");
			}
		}
		if (n >= (int)sizeof tmp)
			n = (int)sizeof tmp - 1;
		while (len + (size_t)n + 1 > cap)
			out = realloc(out, cap *= 2);
		memcpy(out + len, tmp, (size_t)n + 1);
		len += (size_t)n;
	}
	return out;
}

static const struct {
	const char *name, *in, *want;
} cases[] = {
	{"plain lines are paragraphs",
	 "Số: 11/CTr-BTV\n\nLào Cai, ngày 15 tháng 9 năm 2022\n",
	 "1 P h0 b0 i0 Số: 11/CTr-BTV\n3 P h0 b0 i0 Lào Cai, ngày 15 tháng 9 năm 2022\n"},
	{"white space collapsed, CRLF, NBSP",
	 "  Hà   Nội,\xC2\xA0ngày 21\r\n\r\nxong\t.\r\n",
	 "1 P h0 b0 i0 Hà Nội, ngày 21 xong .\n"},
	{"glued bold title is split, two-line bold run",
	 "KẾ HOẠCH**Triển khai Chương trình phối hợp công tác\ngiữa Ủy ban Dân tộc và Hội năm 2024**\n\nThực hiện Chương trình.\n",
	 "1 P h0 b0 i0 KẾ HOẠCH\n1 P h0 b1 i0 Triển khai Chương trình phối hợp công tác giữa Ủy ban Dân tộc và Hội năm 2024\n"
	 "4 P h0 b0 i0 Thực hiện Chương trình.\n"},
	{"glued section and subsection",
	 "II. NỘI DUNG HOẠT ĐỘNG**1. Tuyên truyền nâng cao nhận thức**\n\n- Tổ chức.\n",
	 "1 P h0 b0 i0 II. NỘI DUNG HOẠT ĐỘNG\n1 P h0 b1 i0 1. Tuyên truyền nâng cao nhận thức\n3 P h0 b0 i0 - Tổ chức.\n"},
	{"glued after a closing run",
	 "**KẾ HOẠCH**Phối hợp năm 2024\n",
	 "1 P h0 b1 i0 KẾ HOẠCH\n1 P h0 b0 i0 Phối hợp năm 2024\n"},
	{"inline bold between words is not split",
	 "Tham gia **đặc biệt** với Hội và **Sở** Nội vụ\n",
	 "1 P h0 b0 i0 Tham gia đặc biệt với Hội và Sở Nội vụ\n"},
	{"bold block over two lines leaves no asterisks",
	 "**TM. BAN THƯỜNG VỤ\nCHỦ TỊCH**\n\n\n\nHà Thị Khánh Nguyệt\n",
	 "1 P h0 b1 i0 TM. BAN THƯỜNG VỤ\n2 P h0 b1 i0 CHỦ TỊCH\n6 P h0 b0 i0 Hà Thị Khánh Nguyệt\n"},
	{"Markdown line breaks (two spaces, backslash)",
	 "**TM. ỦY BAN NHÂN DÂN**  \n**KT. CHỦ TỊCH**\\\n**PHÓ CHỦ TỊCH**\n",
	 "1 P h0 b1 i0 TM. ỦY BAN NHÂN DÂN\n2 P h0 b1 i0 KT. CHỦ TỊCH\n3 P h0 b1 i0 PHÓ CHỦ TỊCH\n"},
	{"headings",
	 "## KẾ HOẠCH\n\n### Phối hợp hoạt động năm 2024 ###\n\n## **II. NỘI DUNG PHỐI HỢP**\n#### **3.1. Trách nhiệm:**\n#không phải tiêu đề\n",
	 "1 P h2 b0 i0 KẾ HOẠCH\n3 P h3 b0 i0 Phối hợp hoạt động năm 2024\n5 P h2 b1 i0 II. NỘI DUNG PHỐI HỢP\n"
	 "6 P h4 b1 i0 3.1. Trách nhiệm:\n7 P h0 b0 i0 #không phải tiêu đề\n"},
	{"emphasis markers and what is not one",
	 "- *Nội dung:* Tuyên truyền\n***Nơi nhận:***\n*(Có Phụ lục số 01 kèm theo)*\nGhi chú (*) và 5 * 3 và a ** b\n"
	 "Tệp ten_tep_moi.txt, _nghiêng_ và __đậm__\n1\\. Không phải danh sách \\*\n* Mục một\n",
	 "1 P h0 b0 i0 - Nội dung: Tuyên truyền\n2 P h0 b1 i1 Nơi nhận:\n3 P h0 b0 i1 (Có Phụ lục số 01 kèm theo)\n"
	 "4 P h0 b0 i0 Ghi chú (*) và 5 * 3 và a ** b\n5 P h0 b0 i0 Tệp ten_tep_moi.txt, nghiêng và đậm\n"
	 "6 P h0 b0 i0 1. Không phải danh sách *\n7 P h0 b0 i0 - Mục một\n"},
	{"page break inside a sentence is joined",
	 "- Phối hợp theo chỉ đạo của Đoàn Giám sát chuyên đề của Quốc\n\nhội và các Ban, ngành liên quan.\n\n- Tiếp.\n",
	 "1 P h0 b0 i0 - Phối hợp theo chỉ đạo của Đoàn Giám sát chuyên đề của Quốc hội và các Ban, ngành liên quan.\n"
	 "5 P h0 b0 i0 - Tiếp.\n"},
	{"page break after a comma, several blank lines",
	 "có kiểm tra, sơ kết,\n\n\n\ntổng kết, đánh giá.\n",
	 "1 P h0 b0 i0 có kiểm tra, sơ kết, tổng kết, đánh giá.\n"},
	{"lettered items and headings are not joined",
	 "##### 1. Mục đích\n\na) Tạo sự thống nhất.\n\nb) Xác định rõ.\n\nđ) Bảo đảm.\n\nii) Nhỏ.\n",
	 "1 P h5 b0 i0 1. Mục đích\n3 P h0 b0 i0 a) Tạo sự thống nhất.\n5 P h0 b0 i0 b) Xác định rõ.\n"
	 "7 P h0 b0 i0 đ) Bảo đảm.\n9 P h0 b0 i0 ii) Nhỏ.\n"},
	{"tab table, empty trailing cell kept",
	 "STT\tNội dung\tCơ quan chủ trì\tGhi chú\n1\tTuyên truyền\tHội LHPN tỉnh\t\n",
	 "1 T\n  1 STT|Nội dung|Cơ quan chủ trì|Ghi chú\n  2 1|Tuyên truyền|Hội LHPN tỉnh|\n"},
	{"table continues after blank lines when the width matches",
	 "STT\tA\tB\n1\tx\ty\n\n\n\n2\tz\tw\n",
	 "1 T\n  1 STT|A|B\n  2 1|x|y\n  6 2|z|w\n"},
	{"a paragraph ends the table",
	 "STT\tA\tB\n1\tx\ty\n\nPHỤ LỤC 02\n\n2\tz\tw\n",
	 "1 T\n  1 STT|A|B\n  2 1|x|y\n4 P h0 b0 i0 PHỤ LỤC 02\n6 T\n  6 2|z|w\n"},
	{"another width after a gap is another table",
	 "STT\tA\tB\n1\tx\ty\n\n1\t2\t3\t4\n",
	 "1 T\n  1 STT|A|B\n  2 1|x|y\n4 T\n  4 1|2|3|4\n"},
	{"header repeated after a page break is dropped",
	 "STT\tA\tB\n1\tx\ty\n\nSTT\tA\tB\n2\tz\tw\n",
	 "1 T\n  1 STT|A|B\n  2 1|x|y\n  5 2|z|w\n"},
	{"ragged rows are kept as they are",
	 "STT\tA\tB\tC\n1\tx phần đầu\nphần sau\ty\tz\n\tp\tq\tr\n",
	 "1 T\n  1 STT|A|B|C\n  2 1|x phần đầu\n  3 phần sau|y|z\n  4 |p|q|r\n"},
	{"indented signature lines are not a table",
	 "\t\tTM. ỦY BAN NHÂN DÂN\n\t\tCHỦ TỊCH\n",
	 "1 P h0 b0 i0 TM. ỦY BAN NHÂN DÂN\n2 P h0 b0 i0 CHỦ TỊCH\n"},
	{"closing laid out with tabs: trailing empty cells, indented note",
	 "Nơi nhận:\t\tTM. ỦY BAN NHÂN DÂN\n- Lưu: VT.\t\t\n\t\t(Đã ký)\n",
	 "1 T\n  1 Nơi nhận:||TM. ỦY BAN NHÂN DÂN\n  2 - Lưu: VT.||\n3 P h0 b0 i0 (Đã ký)\n"},
	{"pipe table with separator and markup",
	 "| STT | Nội dung | Ghi chú |\n|---|:---:|---|\n| 1 | **Tuyên truyền** a\\|b | |\n",
	 "1 T\n  1 STT|Nội dung|Ghi chú\n  3 1|Tuyên truyền a|b|\n"},
	{"pipe table without separator, continued after a gap",
	 "| STT | Nội dung |\n| 1 | Một |\n\n| 2 | Hai |\nSau bảng\n",
	 "1 T\n  1 STT|Nội dung\n  2 1|Một\n  4 2|Hai\n5 P h0 b0 i0 Sau bảng\n"},
	{"thematic break is a blank line",
	 "Trên\n\n---\n\nDưới\n",
	 "1 P h0 b0 i0 Trên\n5 P h0 b0 i0 Dưới\n"},
	{"a star between digits is never emphasis, nor a note mark",
	 "Giảm 5*3 vụ và 2*2=4\nTập huấn cho 3*20 cán bộ (*)\n{{7*7}} và 2*3*4 và 1_000_000\n",
	 "1 P h0 b0 i0 Giảm 5*3 vụ và 2*2=4\n2 P h0 b0 i0 Tập huấn cho 3*20 cán bộ (*)\n"
	 "3 P h0 b0 i0 {{7*7}} và 2*3*4 và 1_000_000\n"},
	{"an unpaired delimiter stays, its neighbours pair",
	 "Một *dấu sao lẻ và **đậm** ở đây\n**Lẻ đầu dòng\nvà _gạch lẻ\n",
	 "1 P h0 b0 i0 Một *dấu sao lẻ và đậm ở đây\n2 P h0 b0 i0 **Lẻ đầu dòng và _gạch lẻ\n"},
	{"underscores inside words are text, around words emphasis",
	 "Biến snake_case_word, tệp ke_hoach_2024.md và _nghiêng_\n",
	 "1 P h0 b0 i0 Biến snake_case_word, tệp ke_hoach_2024.md và nghiêng\n"},
	{"nested emphasis, whole-paragraph flags",
	 "*Nghiêng có **đậm** bên trong*\n***Cả hai***\n",
	 "1 P h0 b0 i1 Nghiêng có đậm bên trong\n2 P h0 b1 i1 Cả hai\n"},
	{"emphasis does not cross a blank line or a cell edge",
	 "*một\n\nHai*\n\n| *a | b* |\n",
	 "1 P h0 b0 i0 *một\n3 P h0 b0 i0 Hai*\n5 T\n  5 *a|b*\n"},
	{"an unclosed bold block over two lines keeps its stars",
	 "**TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n",
	 "1 P h0 b0 i0 **TM. BAN THƯỜNG VỤ\n2 P h0 b0 i0 CHỦ TỊCH\n"},
};

/* The same reader on plain text: every character as written. */
static const struct {
	const char *name, *in, *want;
	int markup_line;   /* expected docmodel.markup_line */
} plain_cases[] = {
	{"stars, underscores and figures stay",
	 "Tập huấn cho 3*20 cán bộ (*)\nGiảm 5*3 vụ và 2*2=4\n{{7*7}}\n_x_ và *nghiêng* và một * lẻ\n",
	 "1 P h0 b0 i0 Tập huấn cho 3*20 cán bộ (*)\n2 P h0 b0 i0 Giảm 5*3 vụ và 2*2=4\n"
	 "3 P h0 b0 i0 {{7*7}}\n4 P h0 b0 i0 _x_ và *nghiêng* và một * lẻ\n", 0},
	{"Markdown syntax is text, and noted",
	 "Mở đầu\n## KẾ HOẠCH\n**không** đậm\n\\*thoát\\* <br> a\\\n* Mục một\n+ Mục hai\n",
	 "1 P h0 b0 i0 Mở đầu\n2 P h0 b0 i0 ## KẾ HOẠCH\n3 P h0 b0 i0 **không** đậm\n"
	 "4 P h0 b0 i0 \\*thoát\\* <br> a\\\n5 P h0 b0 i0 * Mục một\n6 P h0 b0 i0 + Mục hai\n", 2},
	{"a bold block is noted",
	 "**TM. BAN THƯỜNG VỤ\nCHỦ TỊCH**\n",
	 "1 P h0 b0 i0 **TM. BAN THƯỜNG VỤ\n2 P h0 b0 i0 CHỦ TỊCH**\n", 1},
	{"a glued bold title is not split",
	 "KẾ HOẠCH**Triển khai năm 2024**\n",
	 "1 P h0 b0 i0 KẾ HOẠCH**Triển khai năm 2024**\n", 1},
	{"tab and pipe tables keep their cells as written",
	 "STT\tNội dung\tGhi chú\n1\t3*20 **x** _y_\t(*)\n\n| a*b | c\\|d |\n|---|:---:|\n| 2*2 | **z** |\n",
	 "1 T\n  1 STT|Nội dung|Ghi chú\n  2 1|3*20 **x** _y_|(*)\n4 T\n  4 a*b|c\\|d\n  6 2*2|**z**\n", 2},
	{"rule lines are blank, white space is collapsed, page breaks joined",
	 "Trên\n***\n---\n  Hà   Nội,\xC2\xA0ngày\xE2\x80\x8B 21\n\nvà tiếp theo\n",
	 "1 P h0 b0 i0 Trên\n4 P h0 b0 i0 Hà Nội, ngày 21 và tiếp theo\n", 0},
	{"numbered and lettered items are paragraphs as written",
	 "1. Mục một: 2*3\na) Điểm a\n1.2. Mục con\n",
	 "1 P h0 b0 i0 1. Mục một: 2*3\n2 P h0 b0 i0 a) Điểm a\n3 P h0 b0 i0 1.2. Mục con\n", 0},
};

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arena a;
		arena_init(&a);
		struct docmodel d;
		int rc = reader_text(&a, cases[i].in, strlen(cases[i].in), DOC_MARKDOWN, &d);
		CHECK_INT(rc, 0, cases[i].name);
		char *got = render(&d);
		CHECK_STR(got, cases[i].want, cases[i].name);
		free(got);
		arena_cleanup(&a);
	}
}

static void test_plain_cases(void)
{
	for (size_t i = 0; i < sizeof plain_cases / sizeof plain_cases[0]; i++) {
		struct arena a;
		arena_init(&a);
		struct docmodel d;
		const char *in = plain_cases[i].in;
		int rc = reader_text(&a, in, strlen(in), DOC_TEXT, &d);
		CHECK_INT(rc, 0, plain_cases[i].name);
		char *got = render(&d);
		CHECK_STR(got, plain_cases[i].want, plain_cases[i].name);
		CHECK_INT(d.markup_line, plain_cases[i].markup_line, plain_cases[i].name);
		CHECK_INT(d.format, DOC_TEXT, plain_cases[i].name);
		free(got);
		arena_cleanup(&a);
	}
	/* Markdown input never sets markup_line. */
	struct arena a;
	arena_init(&a);
	struct docmodel d;
	const char *md = "## KẾ HOẠCH\n**đậm**\n";
	CHECK_INT(reader_text(&a, md, strlen(md), DOC_MARKDOWN, &d), 0, "markdown");
	CHECK_INT(d.markup_line, 0, "markdown: no markup note");
	CHECK_INT(d.format, DOC_MARKDOWN, "markdown: format kept");
	arena_cleanup(&a);
}

/* Append the characters of s that are not white space to *out. */
static void visible(const char *s, char **out, size_t *len, size_t *cap)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if (*len + 2 > *cap)
			*out = realloc(*out, *cap = *cap ? *cap * 2 : 256);
		(*out)[(*len)++] = *s;
		(*out)[*len] = 0;
	}
}

/* Plain text loses no character: the visible characters of all blocks,
 * in order, are those of the input (a document of paragraphs only, full of
 * the characters Markdown would take). */
static void test_plain_keeps_everything(void)
{
	const char *in =
		"**KẾ HOẠCH** #1 _Triển khai_ năm 2024\n"
		"Giảm 5*3 vụ; 2*2=4; {{7*7}}; a * b; _x_; __y__; ***z***\n\n"
		"\\*không thoát\\* và <br> và `mã` và [liên kết](x)\n"
		"## không phải tiêu đề ##\n"
		"- *Nội dung:* *(Có Phụ lục)* ten_tep_moi.txt\n";
	struct arena a;
	arena_init(&a);
	struct docmodel d;
	CHECK_INT(reader_text(&a, in, strlen(in), DOC_TEXT, &d), 0, "keeps everything");
	char *want = NULL, *got = NULL;
	size_t wl = 0, wc = 0, gl = 0, gc = 0;
	visible(in, &want, &wl, &wc);
	for (size_t i = 0; i < d.blocks_len; i++)
		if (d.blocks[i].kind == BLOCK_PARA)
			visible(d.blocks[i].text, &got, &gl, &gc);
	CHECK_STR(got ? got : "", want, "plain text keeps every visible character");
	free(want);
	free(got);
	arena_cleanup(&a);
}

static void test_formats(void)
{
	CHECK_INT(doc_format_from_name("ke-hoach.md"), DOC_MARKDOWN, ".md");
	CHECK_INT(doc_format_from_name("KE-HOACH.MD"), DOC_MARKDOWN, ".MD");
	CHECK_INT(doc_format_from_name("a.Markdown"), DOC_MARKDOWN, ".Markdown");
	CHECK_INT(doc_format_from_name("a.txt"), DOC_TEXT, ".txt");
	CHECK_INT(doc_format_from_name("md"), DOC_TEXT, "no extension");
	CHECK_INT(doc_format_from_name("a.md.txt"), DOC_TEXT, "last extension counts");
	CHECK_INT(doc_format_from_name(NULL), DOC_TEXT, "no name");
	enum doc_format f = DOC_TEXT;
	CHECK_INT(doc_format_parse("markdown", &f), 0, "parse markdown");
	CHECK_INT(f, DOC_MARKDOWN, "parsed markdown");
	CHECK_INT(doc_format_parse("text", &f), 0, "parse text");
	CHECK_INT(f, DOC_TEXT, "parsed text");
	CHECK_INT(doc_format_parse("md", &f), -1, "md is not a format name");
	CHECK_INT(doc_format_parse(NULL, &f), -1, "NULL");
	CHECK_STR(doc_format_name(DOC_MARKDOWN), "markdown", "name");
	CHECK_STR(doc_format_name(DOC_TEXT), "text", "name");
}

static void test_empty(void)
{
	const char *ins[] = {"", "\n\n  \n", "\t\n---\n", "\xEF\xBB\xBF\n"};
	for (size_t i = 0; i < sizeof ins / sizeof ins[0]; i++) {
		struct arena a;
		arena_init(&a);
		struct docmodel d;
		CHECK_INT(reader_text(&a, ins[i], strlen(ins[i]), DOC_MARKDOWN, &d), PH_EFORMAT, "no text");
		CHECK_INT(d.blocks_len, 0, "no blocks");
		arena_cleanup(&a);
	}
	struct arena a;
	arena_init(&a);
	struct docmodel d;
	CHECK_INT(reader_text(&a, "a\n\nb", 4, DOC_TEXT, &d), 0, "no final newline");
	CHECK_INT(d.lines, 3, "line count");
	arena_cleanup(&a);
}

/* ---- the real samples ---------------------------------------------- */

static const struct doc_block *block_at(const struct docmodel *d, int line, enum block_kind k)
{
	for (size_t i = 0; i < d->blocks_len; i++)
		if (d->blocks[i].line == line && d->blocks[i].kind == k)
			return &d->blocks[i];
	return NULL;
}

static const char *para(const struct docmodel *d, int line)
{
	const struct doc_block *b = block_at(d, line, BLOCK_PARA);
	return b ? b->text : "(none)";
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

static void no_markup_left(const struct docmodel *d, const char *name)
{
	int stray = 0;
	for (size_t i = 0; i < d->blocks_len; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind == BLOCK_PARA) {
			stray += strstr(b->text, "**") != NULL || b->text[0] == '#' ||
			         b->text[0] == '*' || ends_with(b->text, "*") || ends_with(b->text, " ");
		} else {
			for (size_t r = 0; r < b->rows_len; r++)
				for (size_t c = 0; c < b->rows[r].cells_len; c++)
					stray += strchr(b->rows[r].cells[c], '*') != NULL;
		}
	}
	CHECK_INT(stray, 0, name);
}

static void sample_ubdt(const struct docmodel *d)
{
	CHECK_INT(d->lines, 138, "ubdt lines");
	CHECK_STR(para(d, 3), "Số: 468 /KH- HLHPNVN-UBDT", "ubdt number line");
	const struct doc_block *b = block_at(d, 7, BLOCK_PARA);
	CHECK(b && strcmp(b->text, "KẾ HOẠCH") == 0, "ubdt type line split off");
	CHECK(b && b[1].line == 7 && b[1].bold &&
	      strcmp(b[1].text, "Triển khai Chương trình phối hợp công tác giữa Ủy ban Dân tộc và "
	                        "Hội Liên hiệp Phụ nữ Việt Nam năm 2024") == 0,
	      "ubdt title after the glued **");
	CHECK_STR(para(d, 8), "(none)", "ubdt title second line joined");
	b = block_at(d, 20, BLOCK_PARA);
	CHECK(b && strcmp(b->text, "II. NỘI DUNG HOẠT ĐỘNG") == 0 && !b->bold, "ubdt II split");
	CHECK(b && b[1].line == 20 && b[1].bold && strncmp(b[1].text, "1. Tuyên truyền", 17) == 0 &&
	      ends_with(b[1].text, "Chương trình MTQG DTTS và MN"), "ubdt 1. split");
	CHECK(ends_with(para(d, 54), "Đoàn Giám sát chuyên đề của Quốc hội và các Ban, ngành liên quan."),
	      "ubdt page break joined: %s", para(d, 54));
	CHECK_STR(para(d, 56), "(none)", "ubdt no paragraph at the continuation line");
	CHECK_STR(para(d, 30) + strlen(para(d, 30)) - 3, "MN.", "ubdt para 30 end");
	CHECK(strncmp(para(d, 30), "- Nội dung: Tuyên truyền", strlen("- Nội dung: Tuyên truyền")) == 0,
	      "ubdt italic label stripped");
	CHECK_STR(para(d, 122), "Y Vinh Tor", "ubdt signer name");
	CHECK_STR(para(d, 138), "- Lưu: VT UBND, VPĐP CTMTQG, VT TW Hội LHPNVN.", "ubdt last line");
	no_markup_left(d, "ubdt no markup left");
}

static void sample_laocai2024(const struct docmodel *d)
{
	CHECK_INT(d->lines, 170, "lc24 lines");
	const struct doc_block *b = block_at(d, 7, BLOCK_PARA);
	CHECK(b && b->heading == 2 && strcmp(b->text, "KẾ HOẠCH") == 0, "lc24 type heading");
	b = block_at(d, 33, BLOCK_PARA);
	CHECK(b && b->heading == 2 && b->bold && strcmp(b->text, "II. NỘI DUNG PHỐI HỢP") == 0, "lc24 II");
	b = block_at(d, 115, BLOCK_PARA);
	CHECK(b && b->bold && b->italic && strcmp(b->text, "Nơi nhận:") == 0, "lc24 Nơi nhận");
	CHECK_STR(para(d, 127), "TM. ỦY BAN NHÂN DÂN", "lc24 TM");
	CHECK_STR(para(d, 131), "Giàng Thị Dung", "lc24 name");
	CHECK(ends_with(para(d, 107), "để triển khai các hoạt động liên quan; triển khai thực hiện các nội dung "
	                             "phối hợp với UBND tỉnh, các sở, ban, ngành tỉnh, UBND cấp huyện trong năm 2024."),
	      "lc24 page break joined");
	CHECK_STR(para(d, 146), "Triển khai thực hiện các chương trình, dự án, đề án phát triển kinh tế - xã hội",
	          "lc24 appendix 02 title");
	CHECK_STR(para(d, 147), "(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2024 của UBND tỉnh Lào Cai)",
	          "lc24 appendix 02 note");
	int tables = 0;
	for (size_t i = 0; i < d->blocks_len; i++)
		tables += d->blocks[i].kind == BLOCK_TABLE;
	CHECK_INT(tables, 3, "lc24 three tables");
	b = block_at(d, 160, BLOCK_TABLE);
	CHECK(b != NULL, "lc24 appendix 03 table");
	if (b) {
		CHECK_INT(b->rows_len, 8, "lc24 appendix 03 rows (continued after the gap)");
		int w = 1;
		for (size_t r = 0; r < b->rows_len; r++)
			w &= b->rows[r].cells_len == 6;
		CHECK(w, "lc24 appendix 03 six cells in every row");
		CHECK_INT(b->rows[4].line, 167, "lc24 row 4 line");
		CHECK_STR(b->rows[4].cells[0], "4", "lc24 row 4 no");
		CHECK_STR(b->rows[7].cells[4], "Quý IV/2024", "lc24 row 7 time");
		CHECK_STR(b->rows[7].cells[5], "", "lc24 row 7 empty note");
		CHECK_STR(b->rows[2].cells[3], "UBND các huyện: Bảo Yên, Bắc Hà, UBND thị xã Sa Pa; Sở Du lịch; "
		                               "Sở Nội vụ; Sở Xây dựng", "lc24 row 2 coordinating");
	}
	no_markup_left(d, "lc24 no markup left");
}

static void sample_laocai2022(const struct docmodel *d)
{
	CHECK_INT(d->lines, 180, "lc22 lines");
	CHECK(ends_with(para(d, 77), "có kiểm tra, sơ kết, tổng kết, đánh giá kết quả, biểu dương khen thưởng kịp thời."),
	      "lc22 join 77/79");
	CHECK(ends_with(para(d, 99), "khóa XVI, nhiệm kỳ 2020-2025. Bồi dưỡng trang bị kiến thức pháp luật và kỹ năng "
	                             "tư vấn, giám sát, phản biện xã hội cho cán bộ Hội các cấp nhằm nâng cao chất "
	                             "lượng, hiệu quả công tác bảo vệ quyền và lợi ích hợp pháp chính đáng của phụ nữ."),
	      "lc22 join 99/101");
	CHECK_STR(para(d, 121), "(none)", "lc22 join 119/121");
	const struct doc_block *b = block_at(d, 175, BLOCK_PARA);
	CHECK(b && b->bold && strcmp(b->text, "TM. BAN THƯỜNG VỤ") == 0, "lc22 TM bold");
	b = block_at(d, 176, BLOCK_PARA);
	CHECK(b && b->bold && strcmp(b->text, "CHỦ TỊCH") == 0, "lc22 CHỦ TỊCH bold");
	CHECK_STR(para(d, 180), "Hà Thị Khánh Nguyệt", "lc22 name");
	CHECK(strstr(para(d, 93), "\"Hỗ trợ phụ nữ khởi nghiệp giai đoạn 2017-2025\"") != NULL,
	      "lc22 italic inside quotes");
	no_markup_left(d, "lc22 no markup left");
}

static void test_samples(void)
{
	static const struct {
		const char *path;
		void (*check)(const struct docmodel *);
	} samples[] = {
		{"../shared/samples/ubdt-hlhpnvn-2024-coordination-plan.txt", sample_ubdt},
		{"../shared/samples/laocai-2024-ubnd-hlhpn-coordination-plan.txt", sample_laocai2024},
		{"../shared/samples/laocai-2022-hlhpn-action-program.txt", sample_laocai2022},
	};
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		size_t n;
		char *s = sample_load(samples[i].path, &n);
		if (!s) {
			printf("SKIP: ../shared/samples not found\n");
			return;
		}
		struct arena a;
		arena_init(&a);
		struct docmodel d;
		CHECK_INT(reader_text(&a, s, n, DOC_MARKDOWN, &d), 0, samples[i].path);
		samples[i].check(&d);
		arena_cleanup(&a);
		free(s);
	}
}

/* Time must stay linear: a long run of lines that all join into one
 * paragraph, and many table rows. */
static void test_large(void)
{
	const char *unit = "tiếp tục đổi mới nội dung phương thức hoạt động\n";
	const char *row = "1\tTổ chức tuyên truyền\tHội LHPN tỉnh\tSở Tư pháp\tQuý II/2024\t\n";
	size_t reps = 100000, ul = strlen(unit), rl = strlen(row);
	size_t n = strlen("Đầu\n") + reps * ul + reps * rl;
	char *s = malloc(n + 1), *p = s;
	memcpy(p, "Đầu\n", strlen("Đầu\n"));
	p += strlen("Đầu\n");
	for (size_t i = 0; i < reps; i++, p += ul)
		memcpy(p, unit, ul);
	for (size_t i = 0; i < reps; i++, p += rl)
		memcpy(p, row, rl);
	*p = 0;
	n = (size_t)(p - s);
	clock_t t0 = clock();
	struct arena a;
	arena_init(&a);
	struct docmodel d;
	CHECK_INT(reader_text(&a, s, n, DOC_TEXT, &d), 0, "large");
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_INT(d.blocks_len, 2, "large: one paragraph and one table");
	/* identical rows stay: only a header row ("STT ...") is dropped when repeated */
	if (d.blocks_len == 2) {
		CHECK_INT(strlen(d.blocks[0].text), strlen("Đầu") + reps * ul, "large paragraph length");
		CHECK_INT(d.blocks[1].rows_len, reps, "large table rows");
	}
	CHECK(secs < 10.0, "large input took %.1f s", secs);
	CHECK(a.total < 4 * n, "large input used %zu bytes of arena for %zu bytes", a.total, n);
	arena_cleanup(&a);
	free(s);
}

int main(void)
{
	test_cases();
	test_plain_cases();
	test_plain_keeps_everything();
	test_formats();
	test_empty();
	test_samples();
	test_large();
	TEST_END("test_reader");
}
