/* test_import_caps.c: what one document can create is capped (finding 11).
 * Generated documents larger than the caps: the extraction keeps exactly
 * the cap of tasks, coordinating agencies, proposed names and review
 * items, counts the rest, and a review item says in Vietnamese how many
 * were left out from which line; time and arena memory stay linear (a
 * document of 200,000 task rows within a bound of seconds and bytes per
 * input byte). Also: the caps hold for numbered activities, sections,
 * references and recipients. Memory that runs out (the extraction's arena
 * capped) is test_import_memory.c's. */
#include "test.h"
#include "import/extract.h"
#include "model/document.h"
#include "base/err.h"
#include "base/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A growable string for generating documents. */
struct gen {
	char *p;
	size_t len, cap;
};

static void add(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(g->p ? g->p + g->len : NULL, g->p ? g->cap - g->len : 0, fmt, ap);
		va_end(ap);
		if (g->p && (size_t)n < g->cap - g->len) {
			g->len += (size_t)n;
			return;
		}
		g->cap = g->cap ? g->cap * 2 + (size_t)n : 4096 + (size_t)n;
		g->p = realloc(g->p, g->cap);
		if (!g->p)
			exit(2);
	}
}

static const char head[] =
	"ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 99/KH-UBND\n\nLào Cai, ngày 02 tháng 01 năm 2024\n\n"
	"KẾ HOẠCH\nThử giới hạn của một văn bản năm 2024\n\nI. NỘI DUNG\n\n";
static const char table_head[] =
	"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n";

/* The review item that reports a cap of kind: one whose text names the
 * noun, at the given line; NULL when none. */
static const struct ex_review *left_out_item(const struct extraction *ex, const char *noun,
                                             int line)
{
	for (size_t i = 0; i < ex->review_len; i++)
		if (ex->review[i].line == line && strstr(ex->review[i].what, noun) &&
		    (strstr(ex->review[i].what, "giới hạn") || strstr(ex->review[i].what, "không được")))
			return &ex->review[i];
	return NULL;
}

static int extract(const struct gen *g, struct extraction *ex)
{
	extraction_init(ex);
	return document_extract(g->p, g->len, DOC_TEXT, NULL, ex);
}

/* 200,000 task rows: 5,000 tasks, 195,000 counted from the line of task
 * 5,001, in bounded time and memory. */
static void test_tasks(void)
{
	struct gen g = {0};
	add(&g, "%s%s", head, table_head);
	int first_row = 14; /* the line of row 1 (head has 12 lines, the header row 13) */
	const int rows = 200000;
	for (int i = 1; i <= rows; i++)
		add(&g, "%d\tViệc số %d\tSở Nội vụ\tSở Tư pháp\tQuý II/2024\n", i, i);
	clock_t t0 = clock();
	struct extraction ex;
	CHECK_INT(extract(&g, &ex), 0, "large table");
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_INT(ex.tasks_len, EXTRACT_MAX_TASKS, "tasks kept");
	CHECK_INT(ex.left_out[EX_TASKS], rows - EXTRACT_MAX_TASKS, "tasks counted");
	int line = first_row + EXTRACT_MAX_TASKS;
	CHECK_INT(ex.left_out_line[EX_TASKS], line, "first task left out");
	if (ex.tasks_len == EXTRACT_MAX_TASKS)
		CHECK_STR(ex.tasks[EXTRACT_MAX_TASKS - 1].content, "Việc số 5000", "the last task kept");
	const struct ex_review *r = left_out_item(&ex, "nhiệm vụ", line);
	CHECK(r != NULL, "no review item for the tasks left out");
	if (r) {
		CHECK(strstr(r->what, "5.000") && strstr(r->what, "195.000") &&
		      strstr(r->what, "không được nhập"), "review item: %s", r->what);
	}
	CHECK(secs < 20.0, "200,000 rows took %.1f s", secs);
	CHECK(ex.arena.total < 16 * g.len, "200,000 rows used %zu bytes of arena for %zu bytes",
	      ex.arena.total, g.len);
	extraction_cleanup(&ex);
	/* Exactly the cap: nothing left out, no such review item. */
	g.len = 0;
	add(&g, "%s%s", head, table_head);
	for (int i = 1; i <= EXTRACT_MAX_TASKS; i++)
		add(&g, "%d\tViệc số %d\tSở Nội vụ\tSở Tư pháp\tQuý II/2024\n", i, i);
	CHECK_INT(extract(&g, &ex), 0, "table at the cap");
	CHECK_INT(ex.tasks_len, EXTRACT_MAX_TASKS, "tasks at the cap");
	CHECK_INT(ex.left_out[EX_TASKS], 0, "none left out at the cap");
	for (size_t i = 0; i < ex.review_len; i++)
		CHECK(!strstr(ex.review[i].what, "giới hạn"), "cap reported at the cap: %s",
		      ex.review[i].what);
	extraction_cleanup(&ex);
	free(g.p);
}

/* Numbered activities count against the same cap. */
static void test_activities(void)
{
	struct gen g = {0};
	add(&g, "%s", head);
	const int n = EXTRACT_MAX_TASKS + 300;
	for (int i = 0; i < n; i++)
		add(&g, "%d. Hoạt động %d\n- Cơ quan chủ trì: Sở Nội vụ\n- Thời gian thực hiện: Quý III/2024\n\n",
		    i % 90 + 1, i);
	struct extraction ex;
	CHECK_INT(extract(&g, &ex), 0, "activities");
	CHECK_INT(ex.tasks_len, EXTRACT_MAX_TASKS, "activities kept");
	CHECK_INT(ex.left_out[EX_TASKS], 300, "activities counted");
	CHECK(left_out_item(&ex, "nhiệm vụ", ex.left_out_line[EX_TASKS]) != NULL,
	      "review item for activities left out");
	extraction_cleanup(&ex);
	free(g.p);
}

/* One task with 120 coordinating agencies keeps 50; 1,500 distinct new
 * lead names propose 1,000, the rest are kept as text, unlisted. */
static void test_agencies(void)
{
	struct gen g = {0};
	add(&g, "%s%s1\tViệc nhiều đơn vị\tSở Nội vụ\t", head, table_head);
	for (int i = 0; i < 120; i++)
		add(&g, "%sBan Phối Hợp Số %d", i ? "; " : "", i);
	add(&g, "\tQuý II/2024\n");
	const int names = 1500;
	for (int i = 0; i < names; i++)
		add(&g, "%d\tViệc %d\tBan Chủ Trì Số %d\t\tQuý II/2024\n", i + 2, i, i);
	struct extraction ex;
	CHECK_INT(extract(&g, &ex), 0, "agencies");
	CHECK(ex.tasks_len > 0 && ex.tasks[0].coordinating_len == EXTRACT_MAX_COORDINATING,
	      "coordinating kept: %zu", ex.tasks_len ? ex.tasks[0].coordinating_len : 0);
	CHECK_INT(ex.left_out[EX_COORDINATING], 120 - EXTRACT_MAX_COORDINATING, "coordinating counted");
	CHECK(left_out_item(&ex, "cơ quan phối hợp", 14) != NULL, "review item for coordinating");
	CHECK_INT(ex.proposed_len, EXTRACT_MAX_PROPOSED, "proposed kept");
	/* without a registry everything is new: Sở Nội vụ, the 50 coordinating
	 * names and the names of the first 949 leads are proposed */
	size_t unlisted = 0;
	for (size_t i = 0; i < ex.tasks_len; i++)
		unlisted += (size_t)ex.tasks[i].lead.unlisted;
	CHECK_INT(unlisted, names - (EXTRACT_MAX_PROPOSED - EXTRACT_MAX_COORDINATING - 1),
	          "unlisted leads");
	CHECK_INT(ex.left_out[EX_PROPOSED], unlisted, "each unlisted name counted once");
	CHECK(ex.tasks_len == (size_t)names + 1 && ex.tasks[names].lead.unlisted &&
	      ex.tasks[names].lead.unit_id == 0 &&
	      strcmp(ex.tasks[names].lead.text, "Ban Chủ Trì Số 1499") == 0,
	      "the last lead is kept as written, unlisted");
	CHECK(left_out_item(&ex, "tên đơn vị mới", ex.left_out_line[EX_PROPOSED]) != NULL,
	      "review item for names not proposed");
	extraction_cleanup(&ex);
	free(g.p);
}

/* 3,000 rows of the wrong width: 1,000 review items and one more saying
 * how many were not listed. */
static void test_review(void)
{
	struct gen g = {0};
	add(&g, "%s%s", head, table_head);
	for (int i = 0; i < 3000; i++)
		add(&g, "%d\tThiếu cột\tSở Nội vụ\n", i + 1);
	struct extraction ex;
	CHECK_INT(extract(&g, &ex), 0, "ragged rows");
	size_t listed = 0;
	for (size_t i = 0; i < ex.review_len; i++)
		listed += strstr(ex.review[i].what, "Dòng bảng có 3 ô") != NULL;
	CHECK_INT(ex.review_len, EXTRACT_MAX_REVIEW + 1, "the cap, and one item more");
	CHECK(listed > EXTRACT_MAX_REVIEW - 10 && listed <= EXTRACT_MAX_REVIEW,
	      "ragged rows listed: %zu", listed);
	CHECK(ex.left_out[EX_REVIEW] >= 3000 - listed, "review items counted: %zu",
	      ex.left_out[EX_REVIEW]);
	const struct ex_review *last = ex.review_len ? &ex.review[ex.review_len - 1] : NULL;
	CHECK(last && strstr(last->what, "không được liệt kê") && strstr(last->what, "1.000"),
	      "the last item says how many more: %s", last ? last->what : "");
	extraction_cleanup(&ex);
	free(g.p);
}

/* Sections, references and recipients have their caps too. */
static void test_other_kinds(void)
{
	struct gen g = {0};
	add(&g, "%s", head);
	for (int i = 0; i < EXTRACT_MAX_REFERENCES + 20; i++)
		add(&g, "Căn cứ Quyết định số %d/QĐ-UBND ngày 01/01/2023 của Ủy ban nhân dân tỉnh;\n", i + 1);
	for (int i = 0; i < EXTRACT_MAX_SECTIONS + 10; i++)
		add(&g, "%d. Mục số %d\n", i % 90 + 1, i);
	add(&g, "Nơi nhận:\n");
	for (int i = 0; i < EXTRACT_MAX_RECIPIENTS + 5; i++)
		add(&g, "- Sở số %d;\n", i);
	struct extraction ex;
	CHECK_INT(extract(&g, &ex), 0, "other kinds");
	CHECK_INT(ex.references_len, EXTRACT_MAX_REFERENCES, "references kept");
	CHECK_INT(ex.left_out[EX_REFERENCES], 20, "references counted");
	CHECK_INT(ex.sections_len, EXTRACT_MAX_SECTIONS, "sections kept");
	CHECK(ex.left_out[EX_SECTIONS] >= 10, "sections counted: %zu", ex.left_out[EX_SECTIONS]);
	CHECK_INT(ex.recipients_len, EXTRACT_MAX_RECIPIENTS, "recipients kept");
	CHECK_INT(ex.left_out[EX_RECIPIENTS], 5, "recipients counted");
	CHECK(left_out_item(&ex, "văn bản dẫn chiếu", ex.left_out_line[EX_REFERENCES]) &&
	      left_out_item(&ex, "mục", ex.left_out_line[EX_SECTIONS]) &&
	      left_out_item(&ex, "nơi nhận", ex.left_out_line[EX_RECIPIENTS]),
	      "review items for references, sections, recipients");
	extraction_cleanup(&ex);
	free(g.p);
}

int main(void)
{
	test_tasks();
	test_activities();
	test_agencies();
	test_review();
	test_other_kinds();
	text_cleanup();
	TEST_END("test_import_caps");
}
