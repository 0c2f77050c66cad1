/* test_tasks.c: the task extractor (src/import/extract_tasks.c).
 *
 * Part one builds small documents by hand as docmodels (no reader
 * involved): each case is a list of source lines, where a line holding a
 * TAB is a table row, consecutive rows form one table, "" is a blank line
 * that ends a table, and GAP is a blank line the reader has already bridged
 * (the table goes on, as after a page break). Each case then checks the
 * tasks and the review lines the extractor produced.
 *
 * Part two runs the reader, the header extractor and the task extractor on
 * the three real documents in ../shared/samples (run from the repository
 * root) with the shipped registry, and checks counts and fields. It is
 * skipped when the samples are absent. */
#include "test.h"
#include "import/extract.h"
#include "import/agency.h"
#include "model/registry.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GAP "\x01"

/* ---- building documents by hand ---------------------------------------- */

static void add_para(struct arena *a, struct docmodel *d, int line, const char *text)
{
	struct doc_block *b = ARENA_PUSH(a, d->blocks, d->blocks_len, d->blocks_cap);
	b->kind = BLOCK_PARA;
	b->line = line;
	b->text = arena_strdup(a, text);
}

static void add_row(struct arena *a, struct doc_block *b, int line, const char *text)
{
	struct doc_row *r = ARENA_PUSH(a, b->rows, b->rows_len, b->rows_cap);
	r->line = line;
	size_t n = 1;
	for (const char *p = text; *p; p++)
		n += *p == '\t';
	r->cells = arena_alloc(a, n * sizeof *r->cells);
	const char *s = text;
	for (;;) {
		const char *t = strchr(s, '\t');
		size_t len = t ? (size_t)(t - s) : strlen(s);
		r->cells[r->cells_len++] = text_trim(arena_strndup(a, s, len));
		if (!t)
			break;
		s = t + 1;
	}
}

/* lines[0] is source line 1; NULL ends the list. */
static void build(struct arena *a, struct docmodel *d, const char *const *lines)
{
	memset(d, 0, sizeof *d);
	struct doc_block *table = NULL;
	int n = 0;
	for (; lines[n]; n++) {
		const char *s = lines[n];
		int line = n + 1;
		if (strcmp(s, GAP) == 0)
			continue;
		if (!*s) {
			table = NULL;
			continue;
		}
		if (strchr(s, '\t')) {
			if (!table) {
				table = ARENA_PUSH(a, d->blocks, d->blocks_len, d->blocks_cap);
				table->kind = BLOCK_TABLE;
				table->line = line;
			}
			add_row(a, table, line, s);
			continue;
		}
		table = NULL;
		add_para(a, d, line, s);
	}
	d->lines = n;
}

/* ---- checking ----------------------------------------------------------- */

static struct extraction ex;
static struct arena doc_arena;
static const char *cur; /* case name for messages */

static void run(const char *name, const char *const *lines, const struct resolver *r,
                int year)
{
	struct docmodel d;
	extraction_cleanup(&ex);
	arena_cleanup(&doc_arena);
	extraction_init(&ex);
	arena_init(&doc_arena);
	build(&doc_arena, &d, lines);
	ex.year = year;
	ex.period.year = year;
	cur = name;
	extract_tasks(&d, r, &ex);
}

static const struct ex_task *task(size_t i)
{
	CHECK(i < ex.tasks_len, "%s: task %zu missing (have %zu)", cur, i, ex.tasks_len);
	return i < ex.tasks_len ? &ex.tasks[i] : NULL;
}

static char ctx_buf[200];
static const char *at(const char *what, size_t i)
{
	snprintf(ctx_buf, sizeof ctx_buf, "%s: task %zu %s", cur, i, what);
	return ctx_buf;
}

/* A task's main fields; NULL wants NULL. coords: "A|B|C" or NULL for none. */
static void check_task(size_t i, const char *no, const char *section, const char *content,
                       const char *lead, const char *coords, const char *time,
                       enum tf_kind kind, const char *notes, int line, const char *source)
{
	const struct ex_task *t = task(i);
	if (!t)
		return;
	CHECK_STR(t->no, no, at("no", i));
	CHECK_STR(t->section, section, at("section", i));
	CHECK_STR(t->content, content, at("content", i));
	CHECK_STR(t->lead.text, lead, at("lead", i));
	char got[1000] = "";
	for (size_t k = 0; k < t->coordinating_len; k++) {
		if (k)
			strcat(got, "|");
		strncat(got, t->coordinating[k].text, sizeof got - strlen(got) - 2);
	}
	CHECK_STR(t->coordinating_len ? got : NULL, coords, at("coordinating", i));
	CHECK_STR(t->timeframe_text, time, at("timeframe text", i));
	CHECK_INT(t->timeframe.kind, kind, at("timeframe kind", i));
	CHECK_STR(t->notes, notes, at("notes", i));
	CHECK_INT(t->line, line, at("line", i));
	CHECK_STR(t->source, source, at("source", i));
}

/* A review item on line `line` whose text starts with `prefix`. */
static void check_review(int line, const char *prefix)
{
	for (size_t i = 0; i < ex.review_len; i++)
		if (ex.review[i].line == line &&
		    strncmp(ex.review[i].what, prefix, strlen(prefix)) == 0) {
			CHECK(1, "review");
			return;
		}
	CHECK(0, "%s: no review on line %d starting \"%s\"", cur, line, prefix);
	for (size_t i = 0; i < ex.review_len; i++)
		fprintf(stderr, "    have %d: %s\n", ex.review[i].line, ex.review[i].what);
}

static void check_counts(size_t tasks, size_t reviews)
{
	char m[200];
	snprintf(m, sizeof m, "%s: tasks", cur);
	CHECK_INT(ex.tasks_len, tasks, m);
	snprintf(m, sizeof m, "%s: review items", cur);
	CHECK_INT(ex.review_len, reviews, m);
	if (ex.review_len != reviews)
		for (size_t i = 0; i < ex.review_len; i++)
			fprintf(stderr, "    review %d: %s\n", ex.review[i].line, ex.review[i].what);
}

/* ---- tables --------------------------------------------------------------- */

static void test_synonyms(void)
{
	static const char *const doc[] = {
		"PHỤ LỤC SỐ 2: DANH MỤC NHIỆM VỤ",                                  /* 1 */
		"(Kèm theo Kế hoạch số 12/KH-UBND)",                                  /* 2 */
		"TT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\tGhi chú",  /* 3 */
		"1.\tTập huấn cho cán bộ Hội.\tHội LHPN tỉnh\tSở Tư pháp, Sở Nội vụ\tQuý I/2024\tỞ 9 huyện", /* 4 */
		"2\tHội thi tuyên truyền.\tSở Tư pháp\tHội LHPN tỉnh; các đơn vị liên quan\tThực hiện thường xuyên\t", /* 5 */
		NULL};
	run("synonyms", doc, NULL, 2024);
	check_counts(2, 0);
	check_task(0, "1", "PHỤ LỤC SỐ 2", "Tập huấn cho cán bộ Hội.", "Hội LHPN tỉnh",
	           "Sở Tư pháp|Sở Nội vụ", "Quý I/2024", TF_RANGE, "Ở 9 huyện", 4, "table");
	check_task(1, "2", "PHỤ LỤC SỐ 2", "Hội thi tuyên truyền.", "Sở Tư pháp",
	           "Hội LHPN tỉnh|các đơn vị liên quan", "Thực hiện thường xuyên", TF_ONGOING,
	           NULL, 5, "table");
	const struct ex_task *t = task(0);
	if (t) {
		CHECK_INT(t->timeframe.start.m, 1, "synonyms: Quý I starts in January");
		CHECK_INT(t->timeframe.end.m, 3, "synonyms: Quý I ends in March");
		CHECK_INT(t->timeframe.end.y, 2024, "synonyms: year from the document");
	}
	t = task(1);
	if (t && t->coordinating_len == 2) {
		CHECK_INT(t->coordinating[0].group, 0, "synonyms: one agency is no group");
		CHECK_INT(t->coordinating[1].group, 1, "synonyms: group phrase kept as group");
	}
}

static void test_swapped(void)
{
	static const char *const doc[] = {
		"I. NHIỆM VỤ CỤ THỂ",                                                     /* 1 */
		"",                                                                        /* 2 */
		"Nội dung công việc\tSố TT\tThời gian\tPhối hợp\tChủ trì",                 /* 3 */
		"Tổ chức hội nghị sơ kết\t1\tTháng 6/2024\tSở Nội vụ\tUBND tỉnh",          /* 4 */
		"Khảo sát mô hình\t2\tQuý III/2024\t\tHội LHPN tỉnh",                      /* 5 */
		NULL};
	run("swapped columns", doc, NULL, 2024);
	check_counts(2, 0);
	/* no appendix heading: the section is the level-1 heading before */
	check_task(0, "1", "I. NHIỆM VỤ CỤ THỂ", "Tổ chức hội nghị sơ kết", "UBND tỉnh",
	           "Sở Nội vụ", "Tháng 6/2024", TF_RANGE, NULL, 4, "table");
	check_task(1, "2", "I. NHIỆM VỤ CỤ THỂ", "Khảo sát mô hình", "Hội LHPN tỉnh",
	           NULL, "Quý III/2024", TF_RANGE, NULL, 5, "table");
}

static void test_ragged(void)
{
	static const char *const doc[] = {
		"PHỤ LỤC 01",                                                              /* 1 */
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú", /* 2 */
		"1\tNhiệm vụ đủ cột.\tHội LHPN tỉnh\tSở Tư pháp\tQuý II/2024\t",           /* 3 */
		"2\tDòng thiếu cột.\tHội LHPN tỉnh",                                       /* 4 */
		"3\tDòng thừa cột.\tHội LHPN tỉnh\tSở Tư pháp\tQuý III/2024\t\tthừa\tthừa nữa", /* 5 */
		"4\tNhiệm vụ đủ cột nữa.\tSở Tư pháp\t\tQuý IV/2024\t",                    /* 6 */
		NULL};
	run("ragged rows", doc, NULL, 2024);
	check_counts(2, 2);
	check_review(4, "Dòng bảng có 3 ô, tiêu đề có 6 cột");
	check_review(5, "Dòng bảng có 8 ô, tiêu đề có 6 cột");
	check_task(0, "1", "PHỤ LỤC 01", "Nhiệm vụ đủ cột.", "Hội LHPN tỉnh", "Sở Tư pháp",
	           "Quý II/2024", TF_RANGE, NULL, 3, "table");
	check_task(1, "4", "PHỤ LỤC 01", "Nhiệm vụ đủ cột nữa.", "Sở Tư pháp", NULL,
	           "Quý IV/2024", TF_RANGE, NULL, 6, "table");
}

/* Page-break artifacts: a row split over two pages, the header repeated on
 * the next page, the column-number row, a table cut in two blocks. */
static void test_page_breaks(void)
{
	static const char *const doc[] = {
		"PHỤ LỤC 03",                                                              /* 1 */
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú", /* 2 */
		"(1)\t(2)\t(3)\t(4)\t(5)\t(6)",                                            /* 3 */
		"1\tTổ chức các hoạt động tiếp xúc, đối thoại.\tHội LHPN tỉnh\tUBND tỉnh; các sở,\tQuý II,\t", /* 4 */
		GAP,                                                                       /* 5 */
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú", /* 6 */
		"\t\t\tban, ngành\tIII/2024\t",                                            /* 7 */
		"2\tRà soát cơ sở vật chất.\tHội LHPN tỉnh\tSở Tài chính\tQuý I, II/2024\t", /* 8 */
		"",                                                                        /* 9 */
		"- 5 -",                                                                   /* 10: page number */
		"",                                                                        /* 11 */
		"3\tTổ chức đón đoàn\tHội LHPN tỉnh\tSở Ngoại vụ\tQuý IV/2024\t",           /* 12 */
		"\t\t\t\t\tĐoàn 20 người",                                                  /* 13 */
		"4\t\tHội LHPN tỉnh\tSở Ngoại vụ\tQuý IV/2024\t",                          /* 14 */
		NULL};
	run("page breaks", doc, NULL, 2024);
	check_counts(3, 3);
	check_task(0, "1", "PHỤ LỤC 03", "Tổ chức các hoạt động tiếp xúc, đối thoại.",
	           "Hội LHPN tỉnh", "UBND tỉnh|các sở, ban, ngành", "Quý II, III/2024",
	           TF_RANGE, NULL, 4, "table");
	check_task(1, "2", "PHỤ LỤC 03", "Rà soát cơ sở vật chất.", "Hội LHPN tỉnh",
	           "Sở Tài chính", "Quý I, II/2024", TF_RANGE, NULL, 8, "table");
	/* the second block has no header: it continues the table above */
	check_task(2, "3", "PHỤ LỤC 03", "Tổ chức đón đoàn", "Hội LHPN tỉnh", "Sở Ngoại vụ",
	           "Quý IV/2024", TF_RANGE, "Đoàn 20 người", 12, "table");
	check_review(7, "Dòng bảng không có nội dung (có thể do ngắt trang): đã nối vào "
	             "nhiệm vụ số 1 ở dòng 4");
	check_review(13, "Dòng bảng không có nội dung (có thể do ngắt trang)");
	check_review(14, "Dòng bảng số 4 không có nội dung");
	const struct ex_task *t = task(0);
	if (t) {
		CHECK_INT(t->timeframe.start.m, 4, "page breaks: joined time starts in April");
		CHECK_INT(t->timeframe.end.m, 9, "page breaks: joined time ends in September");
		CHECK(t->coordinating_len == 2 && t->coordinating[1].group,
		      "page breaks: the joined group phrase is a group");
	}
}

static void test_unreadable_time(void)
{
	static const char *const doc[] = {
		"PHỤ LỤC",                                                                 /* 1 */
		"STT\tNội dung\tChủ trì\tPhối hợp\tThời gian thực hiện",                   /* 2 */
		"1\tGiải quyết kiến nghị.\tHội LHPN tỉnh\tSở Tư pháp\tKhi có yêu cầu",     /* 3 */
		"2\tHọp giao ban.\tHội LHPN tỉnh\tSở Nội vụ\tQuý II/2024.",                /* 4 */
		NULL};
	run("unreadable time", doc, NULL, 2024);
	check_counts(2, 1);
	check_review(3, "Không đọc được thời gian thực hiện: «Khi có yêu cầu»");
	check_task(0, "1", "PHỤ LỤC", "Giải quyết kiến nghị.", "Hội LHPN tỉnh", "Sở Tư pháp",
	           "Khi có yêu cầu", TF_NONE, NULL, 3, "table");
	/* the closing full stop is not part of the phrase */
	check_task(1, "2", "PHỤ LỤC", "Họp giao ban.", "Hội LHPN tỉnh", "Sở Nội vụ",
	           "Quý II/2024", TF_RANGE, NULL, 4, "table");
	/* without a year, "Quý II" cannot be placed: kept as text, reviewed */
	static const char *const noyear[] = {
		"STT\tNội dung\tChủ trì\tThời gian",
		"1\tHọp giao ban.\tHội LHPN tỉnh\tQuý II",
		NULL};
	run("time without a year", noyear, NULL, 0);
	check_counts(1, 1);
	check_review(2, "Không đọc được thời gian thực hiện: «Quý II»");
}

static void test_lead_cells(void)
{
	static const char *const doc[] = {
		"Phụ lục 1",                                                               /* 1 */
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",   /* 2 */
		"1\tTuyên truyền pháp luật.\tSở Tư pháp; Hội LHPN tỉnh\tSở Nội vụ\tNăm 2024", /* 3 */
		"2\tHọp liên ngành.\t\tSở Nội vụ\tNăm 2024",                               /* 4 */
		"I\tNHIỆM VỤ KHÁC\t\t\t",                                                   /* 5 */
		"3\tHội thi.\tHội LHPN tỉnh\t\tNăm 2024",                                  /* 6 */
		NULL};
	run("lead cells", doc, NULL, 2024);
	check_counts(3, 2);
	check_task(0, "1", "Phụ lục 1", "Tuyên truyền pháp luật.", "Sở Tư pháp", "Sở Nội vụ",
	           "Năm 2024", TF_RANGE, NULL, 3, "table");
	check_review(3, "Nhiều cơ quan chủ trì: lấy «Sở Tư pháp» làm cơ quan chủ trì; chưa "
	             "ghi nhận «Hội LHPN tỉnh»");
	check_task(1, "2", "Phụ lục 1", "Họp liên ngành.", NULL, "Sở Nội vụ", "Năm 2024",
	           TF_RANGE, NULL, 4, "table");
	check_review(4, "Nhiệm vụ số 2 không ghi cơ quan chủ trì");
	/* the group row "I | NHIỆM VỤ KHÁC" is not a task: a section of the table */
	check_task(2, "3", "Phụ lục 1 – I. NHIỆM VỤ KHÁC", "Hội thi.", "Hội LHPN tỉnh", NULL, "Năm 2024",
	           TF_RANGE, NULL, 6, "table");
	/* two lead lines in one activity: the first leads, the second is said */
	static const char *const two[] = {
		"1. Hội nghị liên tịch",                                                   /* 1 */
		"- Hội LHPN tỉnh: Chủ trì nội dung.",                                      /* 2 */
		"- Cơ quan chủ trì: Sở Nội vụ",                                            /* 3 */
		"- Thời gian thực hiện: Quý I/2024",                                       /* 4 */
		NULL};
	run("two leads", two, NULL, 2024);
	check_counts(1, 1);
	check_task(0, "1", NULL, "Hội nghị liên tịch", "Hội LHPN tỉnh", NULL, "Quý I/2024",
	           TF_RANGE, NULL, 1, "activity");
	check_review(3, "Nhiệm vụ đã có cơ quan chủ trì «Hội LHPN tỉnh»; chưa ghi nhận "
	             "«Sở Nội vụ» là chủ trì");

	/* "Thời gian thực hiện:" with nothing after it and a label below: the
	 * label line is not taken for the phrase, and there is no task */
	static const char *const empty[] = {
		"1. Hội nghị liên tịch",                                                   /* 1 */
		"- Thời gian thực hiện:",                                                  /* 2 */
		"- Cơ quan chủ trì: Sở Nội vụ",                                            /* 3 */
		NULL};
	run("empty time label", empty, NULL, 2024);
	check_counts(0, 1);
	check_review(1, "Mục 1 ghi cơ quan chủ trì/phối hợp nhưng không ghi thời gian");
}

/* Section rows: one cell filled with a heading, the others empty, as a
 * Word table merged over all columns renders (and as a table typed so). */
static void test_section_rows(void)
{
	static const char *const doc[] = {
		"II. NỘI DUNG PHỐI HỢP",                                                  /* 1 */
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",   /* 2 */
		"I. CÔNG TÁC TUYÊN TRUYỀN\t\t\t\t",                                        /* 3 */
		"1\tTuyên truyền pháp luật.\tHội LHPN tỉnh\tSở Tư pháp\tQuý II/2025",       /* 4 */
		"2\tHội thi pháp luật.\tHội LHPN tỉnh\t\tQuý IV/2025",                     /* 5 */
		"\tII. CÔNG TÁC KIỂM TRA:\t\t\t",                                          /* 6: STT empty */
		"3\tKiểm tra thực hiện.\tSở Tư pháp\t\tTháng 11/2025",                     /* 7 */
		"PHẦN III\t\t\t\t",                                                        /* 8 */
		"4\tSơ kết.\tSở Tư pháp\t\tTháng 12/2025",                                 /* 9 */
		"B) Nhiệm vụ khác\t",                                                      /* 10: a short row */
		"5\tTổng kết.\tSở Tư pháp\t\tTháng 12/2025",                               /* 11 */
		"Phần thứ hai: Các nhiệm vụ\t\t\t\t",                                      /* 12 */
		"6\tBáo cáo.\tSở Tư pháp\t\tTháng 12/2025",                                /* 13 */
		NULL};
	run("section rows", doc, NULL, 2025);
	check_counts(6, 0);
	check_task(0, "1", "II. NỘI DUNG PHỐI HỢP – I. CÔNG TÁC TUYÊN TRUYỀN",
	           "Tuyên truyền pháp luật.", "Hội LHPN tỉnh", "Sở Tư pháp", "Quý II/2025",
	           TF_RANGE, NULL, 4, "table");
	check_task(1, "2", "II. NỘI DUNG PHỐI HỢP – I. CÔNG TÁC TUYÊN TRUYỀN",
	           "Hội thi pháp luật.", "Hội LHPN tỉnh", NULL, "Quý IV/2025", TF_RANGE,
	           NULL, 5, "table");
	/* the heading under an empty STT is not the continuation of task 2 */
	check_task(2, "3", "II. NỘI DUNG PHỐI HỢP – II. CÔNG TÁC KIỂM TRA",
	           "Kiểm tra thực hiện.", "Sở Tư pháp", NULL, "Tháng 11/2025", TF_RANGE,
	           NULL, 7, "table");
	check_task(3, "4", "II. NỘI DUNG PHỐI HỢP – PHẦN III", "Sơ kết.", "Sở Tư pháp",
	           NULL, "Tháng 12/2025", TF_RANGE, NULL, 9, "table");
	check_task(4, "5", "II. NỘI DUNG PHỐI HỢP – B) Nhiệm vụ khác", "Tổng kết.",
	           "Sở Tư pháp", NULL, "Tháng 12/2025", TF_RANGE, NULL, 11, "table");
	check_task(5, "6", "II. NỘI DUNG PHỐI HỢP – Phần thứ hai: Các nhiệm vụ", "Báo cáo.",
	           "Sở Tư pháp", NULL, "Tháng 12/2025", TF_RANGE, NULL, 13, "table");

	/* a table under no heading: the row's title alone; a new table starts
	 * again from its own heading */
	static const char *const bare[] = {
		"STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện",                    /* 1 */
		"A. NHIỆM VỤ CHUNG\t\t\t",                                                 /* 2 */
		"1\tHọp giao ban.\tSở Nội vụ\tQuý I/2025",                                 /* 3 */
		"",                                                                        /* 4 */
		"PHỤ LỤC 02",                                                              /* 5 */
		"STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện",                    /* 6 */
		"1\tHội nghị.\tSở Nội vụ\tQuý II/2025",                                    /* 7 */
		NULL};
	run("section rows, bare", bare, NULL, 2025);
	check_counts(2, 0);
	check_task(0, "1", "A. NHIỆM VỤ CHUNG", "Họp giao ban.", "Sở Nội vụ", NULL,
	           "Quý I/2025", TF_RANGE, NULL, 3, "table");
	check_task(1, "1", "PHỤ LỤC 02", "Hội nghị.", "Sở Nội vụ", NULL, "Quý II/2025",
	           TF_RANGE, NULL, 7, "table");

	/* not section rows: a bare number, a heading with another cell filled,
	 * a title without a number, "Phần mềm ..." (a word, not a part), and a
	 * heading in the lead column */
	static const char *const not[] = {
		"PHỤ LỤC 01",                                                              /* 1 */
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",   /* 2 */
		"1\tTuyên truyền.\tHội LHPN tỉnh\tSở Tư pháp\tQuý II/2025",                 /* 3 */
		"\tCông tác kiểm tra\t\t\t",                                               /* 4 */
		"\tPhần mềm quản lý\t\t\t",                                                /* 5 */
		"II.\t\t\t\t",                                                             /* 6 */
		"I. CÔNG TÁC TUYÊN TRUYỀN\t\t\t\tQuý II/2025",                             /* 7 */
		"\t\tI. Sở Tư pháp\t\t",                                                   /* 8 */
		"\tCông tác kiểm tra\t\t\t",                                               /* 9 */
		NULL};
	run("not section rows", not, NULL, 2025);
	check_counts(2, 6);
	/* a title without a number (or "Phần mềm", a word) under a task is that
	 * task cut by a page break, as before */
	check_review(4, "Dòng bảng không có nội dung (có thể do ngắt trang)");
	check_review(5, "Dòng bảng không có nội dung (có thể do ngắt trang)");
	check_task(0, "1", "PHỤ LỤC 01", "Tuyên truyền. Công tác kiểm tra Phần mềm quản lý",
	           "Hội LHPN tỉnh", "Sở Tư pháp", "Quý II/2025", TF_RANGE, NULL, 3, "table");
	/* a bare number, a heading with another cell filled, a heading in the
	 * lead column: rows without content, reported as before */
	check_review(6, "Dòng bảng số II. không có nội dung");
	check_review(7, "Dòng bảng số I. CÔNG TÁC TUYÊN TRUYỀN không có nội dung");
	check_review(8, "Dòng bảng không có nội dung: không được nhập");
	/* content without a number or lead, under no task: a task without lead */
	check_task(1, NULL, "PHỤ LỤC 01", "Công tác kiểm tra", NULL, NULL, NULL, TF_NONE,
	           NULL, 9, "table");
	check_review(9, "Nhiệm vụ không ghi cơ quan chủ trì");
}

/* Task i runs from start to end (ISO; "" for a date not set). */
static void check_span(size_t i, const char *start, const char *end)
{
	const struct ex_task *t = task(i);
	if (!t)
		return;
	char s[11] = "", e[11] = "";
	if (t->timeframe.start.y)
		date_iso(t->timeframe.start, s);
	if (t->timeframe.end.y)
		date_iso(t->timeframe.end, e);
	CHECK_STR(s, start, at("start", i));
	CHECK_STR(e, end, at("end", i));
}

/* Separate start and end columns: the start of the one, the end of the
 * other; one side alone; a side that does not read is reviewed. */
static void test_start_end_columns(void)
{
	static const char *const doc[] = {
		"PHỤ LỤC 01",                                                              /* 1 */
		"STT\tNội dung\tCơ quan chủ trì\tThời gian bắt đầu\tThời gian kết thúc",   /* 2 */
		"1\tKhảo sát.\tSở Y tế\tTháng 3/2025\tTháng 6/2025",                       /* 3 */
		"2\tTập huấn.\tSở Y tế\tQuý II/2025\tQuý III/2025",                        /* 4 */
		"3\tHội thảo.\tSở Y tế\t15/3/2025\t30/6/2025",                             /* 5 */
		"4\tSơ kết.\tSở Y tế\t\tTháng 6/2025",                                     /* 6 */
		"5\tTổng kết.\tSở Y tế\tTháng 11/2025\t",                                  /* 7 */
		"6\tGiám sát.\tSở Y tế\tTháng 3\tQuý IV/2025",                             /* 8: year of the plan */
		"7\tĐối thoại.\tSở Y tế\tTháng 3/2025\ttrước ngày 30/6/2025",              /* 9 */
		"8\tKiểm tra.\tSở Y tế\tKhi có yêu cầu\tTháng 6/2025",                     /* 10 */
		"9\tBáo cáo.\tSở Y tế\tTháng 3/2025\tsau đó",                              /* 11 */
		"10\tHọp.\tSở Y tế\tTháng 9/2025\tTháng 6/2025",                           /* 12 */
		"11\tTuyên truyền.\tSở Y tế\ttrước ngày 15/3/2025\tTháng 6/2025",          /* 13 */
		"12\tVận động.\tSở Y tế\tTháng 3/2025\tThường xuyên",                      /* 14 */
		NULL};
	run("start and end columns", doc, NULL, 2025);
	check_counts(12, 5);
	check_task(0, "1", "PHỤ LỤC 01", "Khảo sát.", "Sở Y tế", NULL,
	           "Tháng 3/2025 – Tháng 6/2025", TF_RANGE, NULL, 3, "table");
	check_span(0, "2025-03-01", "2025-06-30");
	check_task(1, "2", "PHỤ LỤC 01", "Tập huấn.", "Sở Y tế", NULL,
	           "Quý II/2025 – Quý III/2025", TF_RANGE, NULL, 4, "table");
	check_span(1, "2025-04-01", "2025-09-30");
	/* a lone date at the start is that day, not "before it" */
	check_task(2, "3", "PHỤ LỤC 01", "Hội thảo.", "Sở Y tế", NULL,
	           "15/3/2025 – 30/6/2025", TF_RANGE, NULL, 5, "table");
	check_span(2, "2025-03-15", "2025-06-30");
	/* one side empty: the other alone, as the parser reads it */
	check_task(3, "4", "PHỤ LỤC 01", "Sơ kết.", "Sở Y tế", NULL, "Tháng 6/2025",
	           TF_RANGE, NULL, 6, "table");
	check_span(3, "2025-06-01", "2025-06-30");
	check_task(4, "5", "PHỤ LỤC 01", "Tổng kết.", "Sở Y tế", NULL, "Tháng 11/2025",
	           TF_RANGE, NULL, 7, "table");
	check_span(4, "2025-11-01", "2025-11-30");
	check_span(5, "2025-03-01", "2025-12-31");
	/* an end that is a deadline phrase ends on its day */
	check_task(6, "7", "PHỤ LỤC 01", "Đối thoại.", "Sở Y tế", NULL,
	           "Tháng 3/2025 – trước ngày 30/6/2025", TF_RANGE, NULL, 9, "table");
	check_span(6, "2025-03-01", "2025-06-30");
	/* refusals: kept as written, no dates, on the review list */
	check_task(7, "8", "PHỤ LỤC 01", "Kiểm tra.", "Sở Y tế", NULL,
	           "Khi có yêu cầu – Tháng 6/2025", TF_NONE, NULL, 10, "table");
	check_span(7, "", "");
	check_review(10, "Không đọc được thời gian bắt đầu: «Khi có yêu cầu»");
	check_task(8, "9", "PHỤ LỤC 01", "Báo cáo.", "Sở Y tế", NULL,
	           "Tháng 3/2025 – sau đó", TF_NONE, NULL, 11, "table");
	check_review(11, "Không đọc được thời gian kết thúc: «sau đó»");
	check_task(9, "10", "PHỤ LỤC 01", "Họp.", "Sở Y tế", NULL,
	           "Tháng 9/2025 – Tháng 6/2025", TF_NONE, NULL, 12, "table");
	check_span(9, "", "");
	check_review(12, "Thời gian kết thúc «Tháng 6/2025» trước thời gian bắt đầu "
	             "«Tháng 9/2025»");
	check_task(10, "11", "PHỤ LỤC 01", "Tuyên truyền.", "Sở Y tế", NULL,
	           "trước ngày 15/3/2025 – Tháng 6/2025", TF_NONE, NULL, 13, "table");
	check_review(13, "Thời gian bắt đầu «trước ngày 15/3/2025» không cho biết ngày "
	             "bắt đầu");
	check_task(11, "12", "PHỤ LỤC 01", "Vận động.", "Sở Y tế", NULL,
	           "Tháng 3/2025 – Thường xuyên", TF_NONE, NULL, 14, "table");
	check_review(14, "Thời gian kết thúc «Thường xuyên» không cho biết ngày kết thúc");

	/* the other ways the two columns are named */
	static const char *const names[][2] = {
		{"Thời gian thực hiện Bắt đầu", "Thời gian thực hiện Kết thúc"},
		{"Ngày bắt đầu", "Ngày hoàn thành"},
		{"Từ ngày", "Đến ngày"},
		{"Bắt đầu", "Hoàn thành"},
		{"Thời hạn bắt đầu", "Thời hạn hoàn thành"},
	};
	for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
		char head[200];
		snprintf(head, sizeof head, "STT\tNội dung\tCơ quan chủ trì\t%s\t%s",
		         names[n][0], names[n][1]);
		const char *const one[] = {head, "1\tKhảo sát.\tSở Y tế\tTháng 3/2025\tQuý III/2025",
		                           NULL};
		run(names[n][0], one, NULL, 2025);
		check_counts(1, 0);
		check_span(0, "2025-03-01", "2025-09-30");
	}

	/* the header typed on two rows, repeated after a page break */
	static const char *const two[] = {
		"STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\t",                  /* 1 */
		"\t\t\tBắt đầu\tKết thúc",                                                 /* 2 */
		"1\tKhảo sát.\tSở Y tế\tTháng 3/2025\tTháng 6/2025",                       /* 3 */
		GAP,                                                                       /* 4 */
		"STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\t",                  /* 5 */
		"\t\t\tBắt đầu\tKết thúc",                                                 /* 6 */
		"2\tTổng hợp.\tSở Y tế\tTháng 7/2025\tQuý IV/2025",                        /* 7 */
		NULL};
	run("two-row header typed", two, NULL, 2025);
	check_counts(2, 0);
	check_task(0, "1", NULL, "Khảo sát.", "Sở Y tế", NULL, "Tháng 3/2025 – Tháng 6/2025",
	           TF_RANGE, NULL, 3, "table");
	check_span(0, "2025-03-01", "2025-06-30");
	check_task(1, "2", NULL, "Tổng hợp.", "Sở Y tế", NULL, "Tháng 7/2025 – Quý IV/2025",
	           TF_RANGE, NULL, 7, "table");
	check_span(1, "2025-07-01", "2025-12-31");

	/* one side alone: the time column when named so ("Thời hạn hoàn
	 * thành", as before), else not imported ("Hoàn thành" may be a status);
	 * beside a time column, both sides are not imported */
	static const char *const alone[] = {
		"STT\tNội dung\tCơ quan chủ trì\tThời hạn hoàn thành",                    /* 1 */
		"1\tKhảo sát.\tSở Y tế\tQuý II/2025",                                      /* 2 */
		"",                                                                        /* 3 */
		"STT\tNội dung\tCơ quan chủ trì\tHoàn thành",                             /* 4 */
		"1\tKhảo sát.\tSở Y tế\tx",                                                /* 5 */
		"",                                                                        /* 6 */
		"STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\tBắt đầu\tKết thúc",  /* 7 */
		"1\tKhảo sát.\tSở Y tế\tNăm 2025\tTháng 3/2025\tTháng 6/2025",             /* 8 */
		NULL};
	run("one side alone", alone, NULL, 2025);
	check_counts(3, 3);
	check_task(0, "1", NULL, "Khảo sát.", "Sở Y tế", NULL, "Quý II/2025", TF_RANGE, NULL,
	           2, "table");
	check_review(4, "Cột «Hoàn thành» của bảng nhiệm vụ không được nhập");
	check_task(1, "1", NULL, "Khảo sát.", "Sở Y tế", NULL, NULL, TF_NONE, NULL, 5,
	           "table");
	check_review(7, "Cột «Bắt đầu» của bảng nhiệm vụ không được nhập");
	check_review(7, "Cột «Kết thúc» của bảng nhiệm vụ không được nhập");
	check_task(2, "1", NULL, "Khảo sát.", "Sở Y tế", NULL, "Năm 2025", TF_RANGE, NULL, 8,
	           "table");

	/* an activity's "Thời gian hoàn thành:" line is still its time line */
	static const char *const act[] = {
		"1. Hội nghị sơ kết",                                                      /* 1 */
		"- Cơ quan chủ trì: Sở Y tế",                                              /* 2 */
		"- Thời gian hoàn thành: Quý II/2025",                                     /* 3 */
		NULL};
	run("activity end label", act, NULL, 2025);
	check_counts(1, 0);
	check_task(0, "1", NULL, "Hội nghị sơ kết", "Sở Y tế", NULL, "Quý II/2025", TF_RANGE,
	           NULL, 1, "activity");
}

static void test_other_tables(void)
{
	/* a table that is not a task table, and a "chủ trì, phối hợp" column */
	static const char *const doc[] = {
		"Chỉ tiêu\tNăm 2023\tNăm 2024",                                            /* 1 */
		"Tỷ lệ tập hợp hội viên\t80%\t85%",                                        /* 2 */
		"",                                                                        /* 3 */
		"STT\tNội dung\tCơ quan chủ trì, phối hợp\tThời gian thực hiện",           /* 4 */
		"1\tHọp liên tịch.\tHội LHPN tỉnh, Sở Nội vụ, Sở Tư pháp\tQuý I/2024",     /* 5 */
		NULL};
	run("other tables", doc, NULL, 2024);
	check_counts(1, 2);
	check_review(1, "Bảng không có dòng tiêu đề nhận ra được");
	check_review(4, "Cột «Cơ quan chủ trì, phối hợp» gộp chủ trì và phối hợp");
	check_task(0, "1", NULL, "Họp liên tịch.", "Hội LHPN tỉnh", "Sở Nội vụ|Sở Tư pháp",
	           "Quý I/2024", TF_RANGE, NULL, 5, "table");

	/* an unknown column is reported once, its cells are not imported */
	static const char *const extra[] = {
		"STT\tNội dung\tCơ quan chủ trì\tKinh phí (triệu đồng)\tThời gian",
		"1\tHọp.\tHội LHPN tỉnh\t20\tQuý I/2024",
		NULL};
	run("unknown column", extra, NULL, 2024);
	check_counts(1, 1);
	check_review(1, "Cột «Kinh phí (triệu đồng)» của bảng nhiệm vụ không được nhập");
}

/* The section of a table: the appendix heading as written, up to its
 * number; a mention of an appendix in running text is no heading. */
static void test_appendix_names(void)
{
	static const char *const doc[] = {
		"II. NỘI DUNG PHỐI HỢP",                                                   /* 1 */
		"(Có Phụ lục số 01 kèm theo)",                                             /* 2 */
		"STT\tNội dung\tChủ trì\tThời gian",                                       /* 3 */
		"1\tHọp.\tHội LHPN tỉnh\tQuý I/2024",                                      /* 4 */
		"Phụ lục số 03. Các nhiệm vụ khác",                                        /* 5 */
		"STT\tNội dung\tChủ trì\tThời gian",                                       /* 6 */
		"1\tHọp.\tHội LHPN tỉnh\tQuý I/2024",                                      /* 7 */
		"PHỤ LỤC II: NHIỆM VỤ NĂM 2024",                                           /* 8 */
		"STT\tNội dung\tChủ trì\tThời gian",                                       /* 9 */
		"1\tHọp.\tHội LHPN tỉnh\tQuý I/2024",                                      /* 10 */
		"PHỤ LỤC KÈM THEO KẾ HOẠCH",                                               /* 11 */
		"STT\tNội dung\tChủ trì\tThời gian",                                       /* 12 */
		"1\tHọp.\tHội LHPN tỉnh\tQuý I/2024",                                      /* 13 */
		NULL};
	run("appendix names", doc, NULL, 2024);
	check_counts(4, 0);
	static const char *const want[] = {"II. NỘI DUNG PHỐI HỢP", "Phụ lục số 03",
		"PHỤ LỤC II", "PHỤ LỤC KÈM THEO KẾ HOẠCH"};
	for (size_t i = 0; i < 4 && i < ex.tasks_len; i++)
		CHECK_STR(ex.tasks[i].section, want[i], at("section", i));
}

/* ---- numbered activities --------------------------------------------------- */

static void test_activities(void)
{
	static const char *const doc[] = {
		"I. MỤC ĐÍCH, YÊU CẦU",                                                    /* 1 */
		"1. Mục đích",                                                             /* 2 */
		"Tăng cường phối hợp giữa hai cơ quan.",                                   /* 3 */
		"2. Yêu cầu",                                                              /* 4 */
		"- Bám sát chương trình phối hợp đã ký.",                                  /* 5 */
		"II. NỘI DUNG HOẠT ĐỘNG",                                                  /* 6 */
		"1. Tổ chức Hội thảo về bình đẳng giới",                                   /* 7 */
		"- Trung ương Hội LHPN Việt Nam: Chủ trì xây dựng kế hoạch, tổ chức hội thảo.", /* 8 */
		"- Uỷ ban Dân tộc: Phối hợp với Trung ương Hội LHPN Việt Nam chủ trì, tổ chức Hội thảo.", /* 9 */
		"- Thời gian thực hiện: Quý IV (dự kiến tháng 10/2024).",                  /* 10 */
		"2. Tuyên truyền trên báo chí",                                            /* 11 */
		"- Nội dung: Phối hợp tuyên truyền về Dự án 8.",                            /* 12 */
		"Thời gian thực hiện: Năm 2024",                                           /* 13 */
		"3. Sơ kết công tác phối hợp năm 2024",                                    /* 14 */
		"- Uỷ ban Dân tộc: Phối hợp xây dựng báo cáo năm 2024; chủ trì xây dựng Kế hoạch năm 2025.", /* 15 */
		"- Trung ương Hội LHPN Việt Nam: Chủ trì xây dựng báo cáo; phối hợp xây dựng Kế hoạch năm 2025.", /* 16 */
		"- Thời gian: Quý IV/2024",                                                /* 17 */
		"4. Khảo sát thực tế tại địa phương",                                      /* 18 */
		"Cơ quan chủ trì: Ủy ban Dân tộc",                                         /* 19 */
		"Cơ quan phối hợp: Sở Tư pháp, Sở Nội vụ; các đơn vị liên quan",           /* 20 */
		"Thời hạn: trước ngày 15/6/2024",                                          /* 21 */
		"5. Tập huấn kỹ năng",                                                     /* 22 */
		"- Chủ trì: Hội LHPN tỉnh; Phối hợp: Sở Nội vụ, Sở Y tế",                  /* 23 */
		"- Thời gian thực hiện:",                                                  /* 24 */
		"Quý III/2024",                                                            /* 25 */
		"6. Hội nghị giao ban",                                                    /* 26 */
		"- Thời gian thực hiện: Khi có yêu cầu",                                   /* 27 */
		"7. Khám sức khỏe cho phụ nữ",                                             /* 28 */
		"- Sở Y tế: Phối hợp và chủ trì phần tư vấn.",                             /* 29 */
		"- Hội LHPN tỉnh: Chủ trì, phối hợp với các cơ sở y tế.",                  /* 30 */
		"- Sở Tài chính: Bố trí kinh phí để phối hợp thực hiện.",                   /* 31 */
		"- Thời gian thực hiện: Quý II/2024",                                      /* 32 */
		"III. TỔ CHỨC THỰC HIỆN",                                                  /* 33 */
		"1. Trung ương Hội LHPN Việt Nam",                                         /* 34 */
		"- Chủ trì xây dựng Kế hoạch phối hợp năm 2024.",                          /* 35 */
		"2. Ủy ban Dân tộc",                                                       /* 36 */
		"- Sở Tư pháp: Chủ trì hướng dẫn nghiệp vụ.",                              /* 37 */
		"- Sở Nội vụ: Theo dõi, đôn đốc.",                                         /* 38 */
		"3. Các sở, ngành",                                                        /* 39 */
		"Cơ quan chủ trì: Sở Nội vụ",                                              /* 40 */
		NULL};
	run("activities", doc, NULL, 2024);
	const char *sec = "II. NỘI DUNG HOẠT ĐỘNG";
	check_counts(7, 3);
	check_task(0, "1", sec, "Tổ chức Hội thảo về bình đẳng giới",
	           "Trung ương Hội LHPN Việt Nam", "Uỷ ban Dân tộc",
	           "Quý IV (dự kiến tháng 10/2024)", TF_RANGE, NULL, 7, "activity");
	check_task(1, "2", sec, "Tuyên truyền trên báo chí", NULL, NULL, "Năm 2024", TF_RANGE,
	           NULL, 11, "activity");
	/* the first role word decides: "Phối hợp ...; chủ trì ..." coordinates */
	check_task(2, "3", sec, "Sơ kết công tác phối hợp năm 2024",
	           "Trung ương Hội LHPN Việt Nam", "Uỷ ban Dân tộc", "Quý IV/2024", TF_RANGE,
	           NULL, 14, "activity");
	check_task(3, "4", sec, "Khảo sát thực tế tại địa phương", "Ủy ban Dân tộc",
	           "Sở Tư pháp|Sở Nội vụ|các đơn vị liên quan", "trước ngày 15/6/2024",
	           TF_DEADLINE, NULL, 18, "activity");
	check_task(4, "5", sec, "Tập huấn kỹ năng", "Hội LHPN tỉnh", "Sở Nội vụ|Sở Y tế",
	           "Quý III/2024", TF_RANGE, NULL, 22, "activity");
	check_task(5, "6", sec, "Hội nghị giao ban", NULL, NULL, "Khi có yêu cầu", TF_NONE,
	           NULL, 26, "activity");
	check_review(27, "Không đọc được thời gian thực hiện: «Khi có yêu cầu»");
	/* the first role word among the first words decides; an agency with
	 * no role word is reported, not guessed */
	check_task(6, "7", sec, "Khám sức khỏe cho phụ nữ", "Hội LHPN tỉnh", "Sở Y tế",
	           "Quý II/2024", TF_RANGE, NULL, 28, "activity");
	check_review(31, "Không rõ «Sở Tài chính» chủ trì hay phối hợp: «Bố trí kinh phí");
	/* "Cơ quan chủ trì:" without a time line: not a task, but said; role
	 * lines of items that are not tasks are not reviewed (line 38) */
	check_review(39, "Mục 3 ghi cơ quan chủ trì/phối hợp nhưng không ghi thời gian");
	const struct ex_task *t = task(0);
	if (t)
		CHECK_INT(t->timeframe.expected, 1, "activities: dự kiến is expected");
	t = task(3);
	if (t)
		CHECK(t->timeframe.end.m == 6 && t->timeframe.end.d == 15,
		      "activities: deadline 15/6");
}

static void test_numbering(void)
{
	/* "1.1." items are activities too; "1.1.1." lines belong to the body */
	static const char *const doc[] = {
		"II. NHIỆM VỤ",                                                            /* 1 */
		"1. Công tác tuyên truyền",                                                /* 2 */
		"1.1. Tuyên truyền trên Cổng thông tin điện tử",                           /* 3 */
		"1.1.1. Đăng tin, bài hằng tháng.",                                        /* 4 */
		"Thời gian thực hiện: Thực hiện thường xuyên",                             /* 5 */
		"1.2 Tọa đàm chuyên đề",                                                   /* 6 */
		"2) Giám sát chính sách",                                                  /* 7 */
		"Thời gian thực hiện: 6 tháng cuối năm 2024",                               /* 8 */
		"",                                                                        /* 9 */
		"STT\tNội dung\tChủ trì\tThời gian",                                        /* 10 */
		"1\tHọp tổng kết.\tHội LHPN tỉnh\tTháng 12/2024",                           /* 11 */
		NULL};
	run("numbering", doc, NULL, 2024);
	CHECK_INT(ex.tasks_len, 3, "numbering: tasks");
	check_task(0, "1.1", "II. NHIỆM VỤ", "Tuyên truyền trên Cổng thông tin điện tử", NULL,
	           NULL, "Thực hiện thường xuyên", TF_ONGOING, NULL, 3, "activity");
	const struct ex_task *t = task(1);
	if (t) {
		CHECK_STR(t->no, "2", "numbering: \"2)\" item");
		CHECK_STR(t->timeframe_text, "6 tháng cuối năm 2024", "numbering: time text");
		CHECK_INT(t->line, 7, "numbering: line");
	}
	/* tasks come in document order, tables after the activities above */
	check_task(2, "1", "II. NHIỆM VỤ", "Họp tổng kết.", "Hội LHPN tỉnh", NULL,
	           "Tháng 12/2024", TF_RANGE, NULL, 11, "table");
}

/* With a resolver: names resolve, unknown names are proposed once. */
static void test_resolver(void)
{
	struct resolver *r = resolver_new();
	struct ph_date open = {0, 0, 0};
	CHECK(r != NULL, "resolver_new");
	if (!r)
		return;
	resolver_add(r, 7, "Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "Hội Liên hiệp Phụ nữ tỉnh Lào Cai", open, open);
	resolver_add(r, 7, "Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "Hội LHPN tỉnh", open, open);
	resolver_add(r, 9, "Sở Tư pháp tỉnh Lào Cai", "Sở Tư pháp", open, open);
	resolver_add(r, 11, "Ủy ban Dân tộc", "Ủy ban Dân tộc", open, open);
	resolver_add(r, 12, "Ban Dân tộc tỉnh Lào Cai", "Ban Dân tộc tỉnh", open, open);
	static const char *const doc[] = {
		"PHỤ LỤC 01",
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",
		"1\tHọp.\tHội LHPN tỉnh\tSở Tư pháp; Sở Du lịch Ảo\tQuý I/2024",
		"2\tHọp nữa.\tSở Du lịch Ảo\tSở Tư pháp; các sở, ban, ngành\tQuý II/2024",
		"II. NỘI DUNG",
		"1. Khảo sát",
		"- Ban Dân tộc tỉnh: Mời phối hợp tổ chức khảo sát.",
		"- Thời gian thực hiện: Quý III/2024",
		NULL};
	run("resolver", doc, r, 2024);
	const struct ex_task *t = task(0);
	if (t) {
		CHECK_INT(t->lead.unit_id, 7, "resolver: lead resolved");
		CHECK_STR(t->lead.unit, "Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "resolver: canonical");
		CHECK(t->coordinating_len == 2 && t->coordinating[0].unit_id == 9 &&
		      t->coordinating[1].unit_id == 0, "resolver: coordinating resolved / not");
	}
	t = task(1);
	if (t) {
		CHECK_INT(t->lead.unit_id, 0, "resolver: unknown lead");
		CHECK(t->coordinating_len == 2 && t->coordinating[1].group &&
		      t->coordinating[1].unit == NULL, "resolver: group not resolved");
	}
	/* an agency known to the resolver but not by its first word */
	check_task(2, "1", "II. NỘI DUNG", "Khảo sát", NULL, "Ban Dân tộc tỉnh", "Quý III/2024",
	           TF_RANGE, NULL, 6, "activity");
	t = task(2);
	if (t && t->coordinating_len)
		CHECK_INT(t->coordinating[0].unit_id, 12, "resolver: activity agency resolved");
	CHECK_INT(ex.proposed_len, 1, "resolver: an unknown name is proposed once");
	if (ex.proposed_len)
		CHECK_STR(ex.proposed[0].name, "Sở Du lịch Ảo", "resolver: proposed name");
	resolver_free(r);
}

/* ---- the real documents ----------------------------------------------------- */

static struct resolver *load_registry(struct arena *a)
{
	struct buf ub, ab;
	buf_init(&ub, 16 << 20);
	buf_init(&ab, 1 << 20);
	char err[300] = "";
	struct registry_entry *u = NULL;
	struct registry_abbrev *x = NULL;
	size_t nu = 0, nx = 0;
	int rc = buf_read_file(&ub, "data/units.tsv");
	if (!rc)
		rc = buf_read_file(&ab, "data/abbreviations.tsv");
	if (!rc)
		rc = registry_parse(a, buf_str(&ub), &u, &nu, err, sizeof err);
	if (!rc)
		rc = registry_parse_abbrevs(a, buf_str(&ab), &x, &nx, err, sizeof err);
	CHECK(rc == 0, "load the registry (run from the repository root): %d %s", rc, err);
	struct resolver *r = rc ? NULL : resolver_new();
	for (size_t i = 0; r && !rc && i < nx; i++)
		rc = resolver_add_abbrev(r, x[i].abbrev, x[i].expansion);
	for (size_t i = 0; r && !rc && i < nu; i++) {
		int id = (int)i + 1;
		rc = resolver_add(r, id, u[i].name, u[i].name, u[i].valid_from, u[i].valid_to);
		if (!rc && u[i].short_name)
			rc = resolver_add(r, id, u[i].name, u[i].short_name, u[i].valid_from, u[i].valid_to);
		for (size_t k = 0; !rc && k < u[i].aliases_len; k++)
			rc = resolver_add(r, id, u[i].name, u[i].aliases[k], u[i].valid_from, u[i].valid_to);
	}
	buf_cleanup(&ub);
	buf_cleanup(&ab);
	return r;
}

/* Read a sample into ex (reader, header, tasks). Returns the number of
 * review items the task extractor added, -1 when the file cannot be read. */
static int load_sample(const char *file, const struct resolver *r, struct arena *a)
{
	char path[300];
	snprintf(path, sizeof path, "../shared/samples/%s", file);
	struct buf b;
	buf_init(&b, 16 << 20);
	int rc = buf_read_file(&b, path);
	CHECK(rc == 0, "read %s", path);
	if (rc) {
		buf_cleanup(&b);
		return -1;
	}
	char *nfc = text_nfc(buf_str(&b), b.len);
	buf_cleanup(&b);
	struct docmodel d;
	rc = nfc ? reader_text(a, nfc, strlen(nfc), DOC_MARKDOWN, &d) : -1; /* the samples are Markdown */
	CHECK(rc == 0, "reader_text %s", file);
	extraction_cleanup(&ex);
	extraction_init(&ex);
	cur = file;
	if (rc) {
		free(nfc);
		return -1;
	}
	extract_header(&d, &ex);
	size_t before = ex.review_len;
	extract_tasks(&d, r, &ex);
	free(nfc);
	return (int)(ex.review_len - before);
}

static const struct ex_task *find(const char *section, const char *no)
{
	for (size_t i = 0; i < ex.tasks_len; i++)
		if (ex.tasks[i].section && strcmp(ex.tasks[i].section, section) == 0 &&
		    ex.tasks[i].no && strcmp(ex.tasks[i].no, no) == 0)
			return &ex.tasks[i];
	CHECK(0, "%s: no task %s in %s", cur, no, section);
	return NULL;
}

static void check_coords(const struct ex_task *t, const char *const *want, const char *what)
{
	if (!t)
		return;
	size_t n = 0;
	while (want[n])
		n++;
	CHECK_INT(t->coordinating_len, n, what);
	for (size_t i = 0; i < n && i < t->coordinating_len; i++) {
		CHECK_STR(t->coordinating[i].text, want[i], what);
		int group = strncmp(want[i], "các ", strlen("các ")) == 0;
		CHECK_INT(t->coordinating[i].group, group, what);
		if (!group)
			CHECK(t->coordinating[i].unit_id > 0, "%s: %s resolves", what, want[i]);
	}
}

static void test_samples(void)
{
	struct stat st;
	if (stat("../shared/samples", &st) != 0) {
		printf("SKIP: ../shared/samples not found\n");
		return;
	}
	struct arena a;
	arena_init(&a);
	struct resolver *r = load_registry(&a);

	/* the 2022 action program names no task with a time: none invented */
	int rv = load_sample("laocai-2022-hlhpn-action-program.txt", r, &a);
	CHECK_INT(ex.tasks_len, 0, "2022 program: tasks");
	CHECK_INT(rv, 0, "2022 program: task review items");

	/* Lào Cai 2024: the three appendix tables, 3 + 3 + 7 rows */
	rv = load_sample("laocai-2024-ubnd-hlhpn-coordination-plan.txt", r, &a);
	CHECK_INT(ex.tasks_len, 13, "Lào Cai 2024: tasks");
	CHECK_INT(rv, 0, "Lào Cai 2024: task review items");
	int per[3] = {0, 0, 0};
	for (size_t i = 0; i < ex.tasks_len; i++) {
		const struct ex_task *t = &ex.tasks[i];
		CHECK_STR(t->source, "table", "Lào Cai 2024: source");
		CHECK_STR(t->lead.text, "Hội LHPN tỉnh", "Lào Cai 2024: lead");
		CHECK(t->lead.unit_id > 0, "Lào Cai 2024: lead resolves");
		CHECK(t->timeframe.kind != TF_NONE, "Lào Cai 2024: timeframe %s read",
		      t->timeframe_text ? t->timeframe_text : "(null)");
		CHECK(t->notes == NULL, "Lào Cai 2024: empty notes are NULL");
		for (int k = 0; k < 3; k++) {
			char s[32];
			snprintf(s, sizeof s, "PHỤ LỤC 0%d", k + 1);
			per[k] += t->section && strcmp(t->section, s) == 0;
		}
	}
	CHECK_INT(per[0], 3, "Lào Cai 2024: PHỤ LỤC 01 tasks");
	CHECK_INT(per[1], 3, "Lào Cai 2024: PHỤ LỤC 02 tasks");
	CHECK_INT(per[2], 7, "Lào Cai 2024: PHỤ LỤC 03 tasks");
	const struct ex_task *t = find("PHỤ LỤC 03", "2");
	static const char *const c32[] = {"UBND huyện Bảo Yên", "UBND huyện Bắc Hà",
		"UBND thị xã Sa Pa", "Sở Du lịch", "Sở Nội vụ", "Sở Xây dựng", NULL};
	check_coords(t, c32, "PHỤ LỤC 03 row 2 coordinating");
	if (t) {
		CHECK_STR(t->timeframe_text, "Quý II, III/2024", "PHỤ LỤC 03 row 2 time");
		CHECK(t->timeframe.start.y == 2024 && t->timeframe.start.m == 4 &&
		      t->timeframe.end.m == 9 && t->timeframe.end.d == 30,
		      "PHỤ LỤC 03 row 2: 2024-04-01..2024-09-30");
		CHECK(strncmp(t->content, "Tổ chức giám sát theo Đề án 15 của Tỉnh ủy:",
		              strlen("Tổ chức giám sát theo Đề án 15 của Tỉnh ủy:")) == 0,
		      "PHỤ LỤC 03 row 2 content");
	}
	static const char *const c33[] = {"UBND tỉnh", "các sở, ban, ngành", NULL};
	check_coords(find("PHỤ LỤC 03", "3"), c33, "PHỤ LỤC 03 row 3 coordinating");
	t = find("PHỤ LỤC 03", "4");
	if (t)
		CHECK_INT(t->line, 167, "PHỤ LỤC 03 row 4 line (after the blank lines)");
	static const char *const c37[] = {"Sở Ngoại vụ", "các sở, ban, ngành liên quan", NULL};
	check_coords(find("PHỤ LỤC 03", "7"), c37, "PHỤ LỤC 03 row 7 coordinating");
	static const char *const c21[] = {"Sở LĐ-TB&XH", "Sở Văn hóa và Thể thao", "Sở Tư pháp",
		"Ban Dân tộc tỉnh", NULL};
	check_coords(find("PHỤ LỤC 02", "1"), c21, "PHỤ LỤC 02 row 1 coordinating");
	t = find("PHỤ LỤC 01", "1");
	if (t) {
		CHECK_STR(t->timeframe_text, "Thực hiện thường xuyên", "PHỤ LỤC 01 row 1 time");
		CHECK_INT(t->timeframe.kind, TF_ONGOING, "PHỤ LỤC 01 row 1 ongoing");
		CHECK_INT(t->line, 140, "PHỤ LỤC 01 row 1 line");
	}

	/* UBDT 2024: seven numbered activities with their time lines */
	rv = load_sample("ubdt-hlhpnvn-2024-coordination-plan.txt", r, &a);
	CHECK_INT(ex.tasks_len, 7, "UBDT 2024: tasks");
	CHECK_INT(rv, 0, "UBDT 2024: task review items");
	static const struct {
		const char *time;
		int lead;     /* TW Hội leads, Ủy ban Dân tộc coordinates */
		int expected;
		int line;
		int m0, m1;   /* months of the range */
	} want[] = {
		{"Năm 2024", 0, 0, 20, 1, 12},
		{"Từ quý II đến quý IV/2024", 0, 0, 28, 4, 12},
		{"Quý IV (dự kiến tháng 10/2024)", 1, 1, 36, 10, 10},
		{"Từ quý I- IV/2024", 0, 0, 44, 1, 12},
		{"Từ quý II - IV/2024", 0, 0, 62, 4, 12},
		{"Dự kiến quý II-III/2024", 1, 1, 74, 4, 9},
		{"Quý IV (dự kiến tháng 12/2024)", 1, 1, 82, 12, 12},
	};
	for (size_t i = 0; i < 7 && i < ex.tasks_len; i++) {
		const struct ex_task *k = &ex.tasks[i];
		char no[4], m[80];
		snprintf(no, sizeof no, "%zu", i + 1);
		snprintf(m, sizeof m, "UBDT activity %zu", i + 1);
		CHECK_STR(k->no, no, m);
		CHECK_STR(k->source, "activity", m);
		CHECK_STR(k->section, "II. NỘI DUNG HOẠT ĐỘNG", m);
		CHECK_STR(k->timeframe_text, want[i].time, m);
		CHECK_INT(k->timeframe.kind, TF_RANGE, m);
		CHECK_INT(k->timeframe.expected, want[i].expected, m);
		CHECK_INT(k->timeframe.start.m, want[i].m0, m);
		CHECK_INT(k->timeframe.end.m, want[i].m1, m);
		CHECK_INT(k->timeframe.end.y, 2024, m);
		CHECK_INT(k->line, want[i].line, m);
		if (want[i].lead) {
			CHECK_STR(k->lead.text, "Trung ương Hội LHPN Việt Nam", m);
			CHECK(k->lead.unit_id > 0, "%s: lead resolves", m);
			CHECK_INT(k->coordinating_len, 1, m);
			if (k->coordinating_len) {
				CHECK_STR(k->coordinating[0].text, "Uỷ ban Dân tộc", m);
				CHECK(k->coordinating[0].unit_id > 0, "%s: Ủy ban Dân tộc resolves", m);
			}
		} else {
			CHECK_STR(k->lead.text, NULL, m);
			CHECK_INT(k->coordinating_len, 0, m);
		}
	}
	if (ex.tasks_len >= 7) {
		CHECK_STR(ex.tasks[6].content, "Sơ kết công tác phối hợp năm 2024 và xây dựng Kế "
		          "hoạch triển khai Chương trình phối hợp năm 2025", "UBDT activity 7 content");
		CHECK_STR(ex.tasks[3].content, "Phối hợp triển khai công tác chỉ đạo, điều hành; "
		          "theo dõi, đánh giá thực hiện Chương trình MTQG DTTS & MN",
		          "UBDT activity 4 content");
	}
	resolver_free(r);
	arena_cleanup(&a);
}

int main(void)
{
	extraction_init(&ex);
	arena_init(&doc_arena);
	test_synonyms();
	test_swapped();
	test_ragged();
	test_page_breaks();
	test_unreadable_time();
	test_lead_cells();
	test_section_rows();
	test_start_end_columns();
	test_other_tables();
	test_appendix_names();
	test_activities();
	test_numbering();
	test_resolver();
	test_samples();
	extraction_cleanup(&ex);
	arena_cleanup(&doc_arena);
	text_cleanup();
	TEST_END("test_tasks");
}
