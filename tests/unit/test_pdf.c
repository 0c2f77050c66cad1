/* test_pdf.c: render_pdf (src/import/render.h) on PDFs that LibreOffice
 * makes here from HTML written by tests/pdf/make_pdfs.py: a plan with the
 * Decree 30 header, wrapped paragraphs, an appendix table over several
 * pages and the closing, whose extraction must equal that of the same plan
 * as text; the same table on landscape pages; Word plans written by the
 * script, whose PDF must read as the Word file does (render_docx) and
 * give the same extraction; the three real samples of
 * ../shared/samples turned into PDF, compared with their text; and bad
 * input: not a PDF, a truncated PDF, an encrypted one, a scan (an image
 * and no text), 1,001 pages (refused before reading) and 1,000 pages
 * (bounded time). Skips with a message when python3 or LibreOffice is
 * absent. */
#include "test.h"
#include "import/render.h"
#include "import/extract.h"
#include "model/document.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static int skipped;

static void rfree(struct rendering *r)
{
	free(r->text);
	free(r->places);
	for (size_t i = 0; i < r->notes_len; i++)
		free(r->notes[i].text);
	free(r->notes);
	memset(r, 0, sizeof *r);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	rewind(f);
	char *b = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (b && fread(b, 1, (size_t)len, f) != (size_t)len) {
		free(b);
		b = NULL;
	}
	fclose(f);
	if (b) {
		b[len] = 0;
		*n = (size_t)len;
	}
	return b;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int render_file(const char *dir, const char *name, struct rendering *r, char *why, size_t wl,
                       double *secs)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t n = 0;
	char *b = slurp(path, &n);
	if (!b) {
		snprintf(why, wl, "cannot read %.200s", name);
		return -1;
	}
	double t0 = now();
	int rc = render_pdf(b, n, r, why, wl);
	if (secs)
		*secs = now() - t0;
	free(b);
	return rc;
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The extractions of the text and of the rendering compared: the header
 * (number, symbol, date, issuers) must be equal; returns how many tasks
 * agree in content, lead, coordinating units and timeframe, and prints
 * the first that does not. */
static size_t compare(const char *ctx, const char *text, size_t tn, const struct rendering *r,
                      size_t *ntext, size_t *npdf)
{
	struct extraction a, b;
	extraction_init(&a);
	extraction_init(&b);
	int ra = document_extract(text, tn, DOC_TEXT, NULL, &a);
	int rb = document_extract(r->text, r->len, DOC_TEXT, NULL, &b);
	char c[160];
	snprintf(c, sizeof c, "%s: extract the text", ctx);
	CHECK_INT(ra, 0, c);
	snprintf(c, sizeof c, "%s: extract the rendering", ctx);
	CHECK_INT(rb, 0, c);
	snprintf(c, sizeof c, "%s: number", ctx);
	CHECK_STR(b.number, a.number, c);
	snprintf(c, sizeof c, "%s: symbol", ctx);
	CHECK_STR(b.symbol, a.symbol, c);
	snprintf(c, sizeof c, "%s: date", ctx);
	CHECK(a.date.y == b.date.y && a.date.m == b.date.m && a.date.d == b.date.d,
	      "%s: got %d-%d-%d want %d-%d-%d", c, b.date.y, b.date.m, b.date.d, a.date.y, a.date.m, a.date.d);
	snprintf(c, sizeof c, "%s: issuers", ctx);
	CHECK_STR(b.issuers, a.issuers, c);
	snprintf(c, sizeof c, "%s: title", ctx);
	CHECK_STR(b.title, a.title, c);
	size_t same = 0, shown = 0;
	for (size_t i = 0; i < a.tasks_len && i < b.tasks_len; i++) {
		const struct ex_task *x = &a.tasks[i], *y = &b.tasks[i];
		int ok = str_eq(x->content, y->content) && str_eq(x->lead.text, y->lead.text) &&
		         str_eq(x->timeframe_text, y->timeframe_text) &&
		         x->coordinating_len == y->coordinating_len;
		for (size_t k = 0; ok && k < x->coordinating_len; k++)
			ok = str_eq(x->coordinating[k].text, y->coordinating[k].text);
		if (ok) {
			same++;
		} else if (!shown++) {
			fprintf(stderr, "%s: task %zu differs:\n  text: %s | %s | %s\n  pdf:  %s | %s | %s\n", ctx, i + 1,
			        x->content ? x->content : "-", x->lead.text ? x->lead.text : "-",
			        x->timeframe_text ? x->timeframe_text : "-", y->content ? y->content : "-",
			        y->lead.text ? y->lead.text : "-", y->timeframe_text ? y->timeframe_text : "-");
		}
	}
	*ntext = a.tasks_len;
	*npdf = b.tasks_len;
	extraction_cleanup(&a);
	extraction_cleanup(&b);
	return same;
}

/* The rendering's conventions: one place a line, lines end in '\n', no
 * control character but '\t', no empty table cell run at the start. */
static void check_conventions(const char *ctx, const struct rendering *r)
{
	size_t lines = 0;
	int bad = 0;
	for (size_t i = 0; i < r->len; i++) {
		unsigned char c = (unsigned char)r->text[i];
		if (c == '\n')
			lines++;
		else if (c < 0x20 && c != '\t')
			bad = 1;
	}
	char c[160];
	snprintf(c, sizeof c, "%s: one place a line", ctx);
	CHECK_INT(r->places_len, lines, c);
	CHECK(!bad, "%s: no control characters", ctx);
	CHECK(r->len && r->text[r->len - 1] == '\n', "%s: ends with a line end", ctx);
	int order = 1;
	for (size_t i = 0; i < r->places_len; i++)
		if (r->places[i].line != (int)i + 1 || (i && r->places[i].page < r->places[i - 1].page))
			order = 0;
	CHECK(order, "%s: places numbered in order, pages ascending", ctx);
}

static const char *line_of(const struct rendering *r, int line, char *buf, size_t max)
{
	const char *s = r->text;
	for (int i = 1; *s; i++) {
		const char *e = strchr(s, '\n');
		size_t len = (size_t)(e - s);
		if (i == line) {
			if (len >= max)
				len = max - 1;
			memcpy(buf, s, len);
			buf[len] = 0;
			return buf;
		}
		s = e + 1;
	}
	return "";
}

static void plan(const char *dir)
{
	struct rendering r = {0};
	char why[256] = "";
	double secs = 0;
	int rc = render_file(dir, "plan.pdf", &r, why, sizeof why, &secs);
	CHECK_INT(rc, 0, "plan: render");
	if (rc) {
		fprintf(stderr, "plan: %s\n", why);
		return;
	}
	check_conventions("plan", &r);
	/* the header in reading order: left column, then right */
	const char *want[] = {"ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 15/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	                      "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 10 tháng 3 năm 2025\n\nKẾ HOẠCH\n"};
	CHECK(strncmp(r.text, want[0], strlen(want[0])) == 0, "plan: the header column by column, then the title");
	/* the table: its header once, 24 task rows and the section row */
	size_t header = 0, rows = 0, sect = 0;
	int tabn = 0, contiguous = 1;
	for (size_t i = 0; i < r.places_len; i++) {
		char b[2048];
		const char *ln = line_of(&r, (int)i + 1, b, sizeof b);
		if (!strncmp(ln, "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú", 70))
			header++;
		if (r.places[i].table) {
			if (tabn && r.places[i].table != tabn)
				contiguous = 0;
			tabn = r.places[i].table;
			rows++;
		}
		if (!strcmp(ln, "II. CÔNG TÁC KIỂM TRA, GIÁM SÁT\t\t\t\t\t"))
			sect++;
	}
	CHECK_INT(header, 1, "plan: the table's header once (repeated on 5 pages)");
	CHECK_INT(rows, 26, "plan: header, 24 tasks, a section row");
	CHECK_INT(sect, 1, "plan: the section row as its text in the first cell");
	CHECK(contiguous, "plan: one table over its pages");
	CHECK(strstr(r.text, "\n24\tTổ chức tuyên truyền, phổ biến các chủ trương, chính sách của Đảng, pháp luật của Nhà "
	                     "nước về bình đẳng giới và phòng, chống bạo lực gia đình đợt 24 tại các xã, phường.\tCông an "
	                     "tỉnh\tBan Dân tộc tỉnh; Sở Nội vụ\tQuý I/2025\t\n") != NULL,
	      "plan: the last row, cut by a page break, whole");
	CHECK(strstr(r.text, "\n\nNơi nhận:\n- Ủy ban nhân dân tỉnh;\n- Các sở, ban, ngành;\n- Lưu: VT;\n\n"
	                     "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n") != NULL,
	      "plan: the closing, recipients then the signature");
	CHECK(r.notes_len == 0, "plan: no note (Unicode fonts)");
	/* the same extraction as the text */
	char p[512];
	snprintf(p, sizeof p, "%s/plan.txt", dir);
	size_t tn = 0, nt = 0, np = 0;
	char *text = slurp(p, &tn);
	CHECK(text != NULL, "plan: its text");
	if (text) {
		size_t same = compare("plan", text, tn, &r, &nt, &np);
		CHECK_INT(nt, 24, "plan: tasks in the text");
		CHECK_INT(np, nt, "plan: as many tasks in the PDF");
		CHECK_INT(same, nt, "plan: every task the same");
		free(text);
	}
	fprintf(stderr, "plan.pdf (7 pages): %.1f ms\n", secs * 1000);
	rfree(&r);
}

static void landscape(const char *dir)
{
	struct rendering r = {0};
	char why[256] = "";
	int rc = render_file(dir, "landscape.pdf", &r, why, sizeof why, NULL);
	CHECK_INT(rc, 0, "landscape: render");
	if (rc)
		return;
	check_conventions("landscape", &r);
	size_t rows = 0, inorder = 1;
	int last = 0;
	for (size_t i = 0; i < r.places_len; i++) {
		char b[2048];
		const char *ln = line_of(&r, (int)i + 1, b, sizeof b);
		if (!r.places[i].table)
			continue;
		rows++;
		int k = atoi(ln);
		if (k) {
			if (k != last + 1)
				inorder = 0;
			last = k;
		}
		size_t tabs = 0;
		for (const char *q = ln; *q; q++)
			tabs += *q == '\t';
		if (tabs != 5)
			inorder = 0;
	}
	CHECK_INT(rows, 31, "landscape: header and 30 rows");
	CHECK(inorder && last == 30, "landscape: rows 1..30 in order, six cells each");
	rfree(&r);
}

static void samples(const char *dir)
{
	int found = 0;
	for (int k = 1; k <= 3; k++) {
		char name[64], p[512], ctx[64];
		snprintf(name, sizeof name, "sample-%d.pdf", k);
		snprintf(p, sizeof p, "%s/sample-%d.txt", dir, k);
		snprintf(ctx, sizeof ctx, "sample %d", k);
		size_t tn = 0;
		char *text = slurp(p, &tn);
		if (!text)
			continue;
		found++;
		struct rendering r = {0};
		char why[256] = "";
		int rc = render_file(dir, name, &r, why, sizeof why, NULL);
		CHECK_INT(rc, 0, ctx);
		if (!rc) {
			check_conventions(ctx, &r);
			size_t nt = 0, np = 0;
			size_t same = compare(ctx, text, tn, &r, &nt, &np);
			CHECK_INT(np, nt, "sample: as many tasks in the PDF as in the text");
			fprintf(stderr, "%s: %zu of %zu tasks the same in the PDF\n", ctx, same, nt);
			CHECK(same == nt, "%s: %zu of %zu tasks the same", ctx, same, nt);
			/* the whole text, blank lines aside, as the text reads */
			char *x = malloc(tn + 1), *y = malloc(r.len + 1);
			size_t xn = 0, yn = 0;
			for (size_t i = 0; x && i < tn; i++)
				if (!(text[i] == '\n' && (xn == 0 || x[xn - 1] == '\n')))
					x[xn++] = text[i];
			for (size_t i = 0; y && i < r.len; i++)
				if (!(r.text[i] == '\n' && (yn == 0 || y[yn - 1] == '\n')))
					y[yn++] = r.text[i];
			while (x && xn && x[xn - 1] == '\n')
				xn--;
			while (y && yn && y[yn - 1] == '\n')
				yn--;
			CHECK(x && y && xn == yn && memcmp(x, y, xn) == 0, "%s: the rendering reads as the text", ctx);
			free(x);
			free(y);
		}
		rfree(&r);
		free(text);
	}
	if (!found) {
		printf("SKIP: ../shared/samples not found: the samples are not compared as PDF\n");
		skipped++;
	}
}

/* The text of a rendering without its blank lines, malloc'd. */
static char *no_blank_lines(const char *t, size_t n, size_t *len)
{
	char *x = malloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; x && i < n; i++)
		if (!(t[i] == '\n' && (k == 0 || x[k - 1] == '\n')))
			x[k++] = t[i];
	if (x)
		x[k] = 0;
	*len = k;
	return x;
}

/* The extraction of the Word file and of its PDF compared in full: the
 * header (number, symbol, date, issuers, title), every task (content,
 * lead, each coordinating unit, timeframe), the recipients and the
 * signers; number: the header number both must give. */
static void compare_word(const char *ctx, const struct rendering *w, const struct rendering *r,
                         const char *number)
{
	struct extraction a, b;
	extraction_init(&a);
	extraction_init(&b);
	char c[160];
	snprintf(c, sizeof c, "%s: extract the Word file", ctx);
	CHECK_INT(document_extract(w->text, w->len, DOC_TEXT, NULL, &a), 0, c);
	snprintf(c, sizeof c, "%s: extract the PDF", ctx);
	CHECK_INT(document_extract(r->text, r->len, DOC_TEXT, NULL, &b), 0, c);
	snprintf(c, sizeof c, "%s: the Word file's number", ctx);
	CHECK_STR(a.number, number, c);
	snprintf(c, sizeof c, "%s: number", ctx);
	CHECK_STR(b.number, number, c);
	snprintf(c, sizeof c, "%s: symbol", ctx);
	CHECK_STR(b.symbol, a.symbol, c);
	CHECK(a.date.y == b.date.y && a.date.m == b.date.m && a.date.d == b.date.d && a.date.y == 2024,
	      "%s: date %d-%d-%d, want %d-%d-%d", ctx, b.date.y, b.date.m, b.date.d, a.date.y, a.date.m, a.date.d);
	snprintf(c, sizeof c, "%s: issuers", ctx);
	CHECK_STR(b.issuers, a.issuers, c);
	snprintf(c, sizeof c, "%s: title", ctx);
	CHECK_STR(b.title, a.title, c);
	snprintf(c, sizeof c, "%s: tasks in the Word file", ctx);
	CHECK_INT(a.tasks_len, 4, c);
	snprintf(c, sizeof c, "%s: tasks in the PDF", ctx);
	CHECK_INT(b.tasks_len, a.tasks_len, c);
	for (size_t i = 0; i < a.tasks_len && i < b.tasks_len; i++) {
		const struct ex_task *x = &a.tasks[i], *y = &b.tasks[i];
		snprintf(c, sizeof c, "%s: task %zu content", ctx, i + 1);
		CHECK_STR(y->content, x->content, c);
		snprintf(c, sizeof c, "%s: task %zu lead", ctx, i + 1);
		CHECK_STR(y->lead.text, x->lead.text, c);
		snprintf(c, sizeof c, "%s: task %zu timeframe", ctx, i + 1);
		CHECK_STR(y->timeframe_text, x->timeframe_text, c);
		snprintf(c, sizeof c, "%s: task %zu coordinating units", ctx, i + 1);
		CHECK_INT(y->coordinating_len, x->coordinating_len, c);
		for (size_t k = 0; k < x->coordinating_len && k < y->coordinating_len; k++) {
			snprintf(c, sizeof c, "%s: task %zu coordinating unit %zu", ctx, i + 1, k + 1);
			CHECK_STR(y->coordinating[k].text, x->coordinating[k].text, c);
		}
	}
	/* task 2's one unit, wrapped at its spaced dash in the PDF */
	if (b.tasks_len >= 2) {
		snprintf(c, sizeof c, "%s: task 2 has one coordinating unit", ctx);
		CHECK_INT(b.tasks[1].coordinating_len, 1, c);
		if (b.tasks[1].coordinating_len == 1) {
			snprintf(c, sizeof c, "%s: task 2 coordinating unit", ctx);
			CHECK_STR(b.tasks[1].coordinating[0].text, "Sở Lao động - Thương binh và Xã hội", c);
		}
	}
	snprintf(c, sizeof c, "%s: recipients", ctx);
	CHECK_INT(b.recipients_len, a.recipients_len, c);
	for (size_t k = 0; k < a.recipients_len && k < b.recipients_len; k++) {
		snprintf(c, sizeof c, "%s: recipient %zu", ctx, k + 1);
		CHECK_STR(b.recipients[k], a.recipients[k], c);
	}
	snprintf(c, sizeof c, "%s: signers", ctx);
	CHECK(a.signers_len == 1 && b.signers_len == a.signers_len, "%s: %zu and %zu", c, a.signers_len,
	      b.signers_len);
	for (size_t k = 0; k < a.signers_len && k < b.signers_len; k++) {
		snprintf(c, sizeof c, "%s: signer name", ctx);
		CHECK_STR(b.signers[k].name, a.signers[k].name, c);
		snprintf(c, sizeof c, "%s: signer position", ctx);
		CHECK_STR(b.signers[k].position, a.signers[k].position, c);
		snprintf(c, sizeof c, "%s: signer authority", ctx);
		CHECK_STR(b.signers[k].authority, a.signers[k].authority, c);
	}
	extraction_cleanup(&a);
	extraction_cleanup(&b);
}

/* The line of r holding exactly s, 0 when none. */
static int line_with(const struct rendering *r, const char *s)
{
	char b[2048];
	for (size_t i = 0; i < r->places_len; i++)
		if (!strcmp(line_of(r, (int)i + 1, b, sizeof b), s))
			return (int)i + 1;
	return 0;
}

/* The Word plans of make_pdfs.py (word-KIND.docx) and LibreOffice's PDF of
 * each: the PDF reads as the Word file (its lines equal, blank lines
 * aside), the same extraction, and the lines that an ordinary export
 * makes hard: the two header columns each a run of lines, a body
 * paragraph wrapped over lines one line, the appendix header wrapped in
 * its cells one row, a unit wrapped at its spaced dash one unit, the
 * closing's columns, a table in the middle of the body and the
 * paragraphs after it. */
static void word_plans(const char *dir)
{
	static const char *const kinds[] = {"simple", "inline", "appendix", "landscape"};
	const char *head_simple = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 99/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	                          "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 12 tháng 3 năm 2024\n\nKẾ HOẠCH\n\n";
	const char *head_other = "UBND TỈNH LÀO CAI\nSố: 27/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	                         "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 05 tháng 4 năm 2024\n\nKẾ HOẠCH\n\n";
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		char name[64], ctx[64], p[512], why[256] = "";
		snprintf(ctx, sizeof ctx, "word-%s", kinds[k]);
		snprintf(name, sizeof name, "word-%s.docx", kinds[k]);
		snprintf(p, sizeof p, "%s/%s", dir, name);
		size_t n = 0;
		char *data = slurp(p, &n);
		CHECK(data != NULL, "%s: the Word file was made", ctx);
		if (!data)
			continue;
		struct rendering w = {0}, r = {0};
		int rc = render_docx(data, n, &w, why, sizeof why);
		free(data);
		CHECK_INT(rc, 0, ctx);
		snprintf(name, sizeof name, "word-%s.pdf", kinds[k]);
		int rp = render_file(dir, name, &r, why, sizeof why, NULL);
		CHECK(rp == 0, "%s: render the PDF (%s)", ctx, why);
		if (rc || rp) {
			rfree(&w);
			rfree(&r);
			continue;
		}
		check_conventions(ctx, &r);
		int simple = k == 0;
		const char *head = simple ? head_simple : head_other;
		CHECK(strncmp(r.text, head, strlen(head)) == 0, "%s: the header's columns, left then right, then the title",
		      ctx);
		size_t xn, yn;
		char *x = no_blank_lines(w.text, w.len, &xn), *y = no_blank_lines(r.text, r.len, &yn);
		CHECK(x && y && xn == yn && memcmp(x, y, xn) == 0, "%s: the PDF reads as the Word file", ctx);
		if (x && y && (xn != yn || memcmp(x, y, xn) != 0))
			fprintf(stderr, "%s: Word file:\n%s\nPDF:\n%s\n", ctx, x, y);
		free(x);
		free(y);
		/* the appendix header, wrapped in its cells, one row; the unit
		 * wrapped at its spaced dash one unit */
		int hl = line_with(&r, "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú");
		CHECK(hl > 0, "%s: the table's header one row", ctx);
		int t2 = line_with(&r, "2\tHỗ trợ thành lập tổ hợp tác do phụ nữ làm chủ.\tHội LHPN tỉnh\t"
		                       "Sở Lao động - Thương binh và Xã hội\tQuý II, III/2024\t");
		CHECK(t2 == hl + 2, "%s: task 2's row, its unit whole (line %d, header %d)", ctx, t2, hl);
		if (hl > 0 && t2 > 0) {
			CHECK(r.places[hl - 1].table > 0 && r.places[hl - 1].table == r.places[t2 - 1].table &&
			      r.places[hl - 1].row == 1 && r.places[t2 - 1].row == 3,
			      "%s: the header row 1 of its table, task 2 row 3", ctx);
			CHECK(r.places[t2 - 1].page == (k == 3 ? 2 : k == 0 ? 1 : k == 1 ? 1 : 2),
			      "%s: task 2 on page %d", ctx, r.places[t2 - 1].page);
		}
		/* body lines wrapped: one paragraph, not a table row */
		const char *para = simple ? "Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai;"
		                          : "Trên đây là Kế hoạch phối hợp năm 2024 của Ủy ban nhân dân tỉnh.";
		int pl = line_with(&r, para);
		CHECK(pl > 0 && r.places[pl - 1].table == 0 && r.places[pl - 1].paragraph > 0,
		      "%s: a wrapped paragraph one line of the body", ctx);
		/* the closing: recipients, then the signature, each a run */
		const char *closing = simple ? "\n\nNơi nhận:\n- Hội Liên hiệp Phụ nữ tỉnh;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\n"
		                               "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Thử\n\n"
		                             : "\n\nNơi nhận:\n- Thường trực Tỉnh ủy, HĐND tỉnh;\n- Các sở, ban, ngành, đoàn thể "
		                               "tỉnh;\n- Lưu: VT, NC.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
		                               "Trần Thị Bình\n";
		CHECK(strstr(r.text, closing) != NULL, "%s: the closing's columns", ctx);
		if (k == 1) {
			/* the table in the middle of the body, the paragraphs after it */
			int after = line_with(&r, "III. TỔ CHỨC THỰC HIỆN");
			int last = line_with(&r, "4\tTuyên truyền trên các phương tiện thông tin đại chúng.\tHội LHPN tỉnh\t"
			                         "Sở TT&TT\tQuý IV/2024\t");
			CHECK(last > hl && after == last + 2 && r.places[after - 1].table == 0,
			      "%s: the body goes on after the table (rows end at %d, then %d)", ctx, last, after);
		}
		compare_word(ctx, &w, &r, simple ? "99/KH-UBND" : "27/KH-UBND");
		rfree(&w);
		rfree(&r);
	}
}

static void bad_input(const char *dir)
{
	struct rendering r = {0};
	char why[256];
	CHECK_INT(render_pdf("hello, world", 12, &r, why, sizeof why), PH_EFORMAT, "bad: not a PDF");
	CHECK(r.text == NULL && r.places == NULL, "bad: nothing on failure");
	CHECK_INT(render_pdf("", 0, &r, why, sizeof why), PH_EFORMAT, "bad: empty");
	CHECK_INT(render_pdf("%PDF-1.4\n%garbage\n", 18, &r, why, sizeof why), PH_EFORMAT, "bad: a header only");
	/* truncated: the first 2 KB of the plan: no page left to read */
	char p[512];
	snprintf(p, sizeof p, "%s/plan.pdf", dir);
	size_t n = 0;
	char *b = slurp(p, &n);
	if (b) {
		int rc = render_pdf(b, 2048, &r, why, sizeof why);
		CHECK(rc == PH_EFORMAT || rc == PH_EEMPTY, "bad: truncated PDF refused (%d: %s)", rc, why);
		rfree(&r);
		free(b);
	}
	double secs = 0;
	int rc = render_file(dir, "encrypted.pdf", &r, why, sizeof why, NULL);
	CHECK_INT(rc, PH_EENCRYPTED, "bad: encrypted");
	CHECK(strstr(why, "password") != NULL, "bad: encrypted says so");
	rc = render_file(dir, "scan.pdf", &r, why, sizeof why, NULL);
	CHECK_INT(rc, PH_ESCANNED, "bad: a scan");
	CHECK(strstr(why, "scan") != NULL, "bad: a scan says so");
	rc = render_file(dir, "many.pdf", &r, why, sizeof why, &secs);
	CHECK_INT(rc, PH_ETOOBIG, "bad: 1,001 pages");
	CHECK(secs < 2, "bad: 1,001 pages refused before reading them (%.2f s)", secs);
	rc = render_file(dir, "limit.pdf", &r, why, sizeof why, &secs);
	CHECK_INT(rc, 0, "bad: 1,000 pages read");
	CHECK(secs < RENDER_MAX_SECONDS, "bad: 1,000 pages in bounded time (%.2f s)", secs);
	if (!rc) {
		check_conventions("1,000 pages", &r);
		/* "ù": the hand-written PDF's WinAnsi text */
		CHECK(strstr(r.text, "trang 999. Dòng cùa trang 1000.") != NULL && strstr(r.text, "1000\n") == NULL &&
		      strstr(r.text, ". 999 ") == NULL, "1,000 pages: the body kept, page numbers dropped");
	}
	fprintf(stderr, "1,000 pages: %.2f s\n", secs);
	rfree(&r);
}

int main(void)
{
	char dir[] = "/tmp/phoihop-pdf-XXXXXX";
	if (!mkdtemp(dir)) {
		printf("SKIP: test_pdf: no temporary directory\n");
		printf("test_pdf: 0 passed, 0 failed, 1 skipped\n");
		return 0;
	}
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "python3 tests/pdf/make_pdfs.py %s ../shared/samples >&2", dir);
	int st = system(cmd);
	int code = st == -1 ? -1 : WEXITSTATUS(st);
	if (code == 77 || code == 127 || code == -1) {
		printf("SKIP: test_pdf: %s; the PDF fixtures cannot be made\n",
		       code == 77 ? "LibreOffice (soffice) is not installed" : "python3 is not available");
		printf("test_pdf: 0 passed, 0 failed, 1 skipped\n");
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd)) {}
		return 0;
	}
	CHECK_INT(code, 0, "make the fixtures (tests/pdf/make_pdfs.py)");
	if (code == 0) {
		plan(dir);
		landscape(dir);
		word_plans(dir);
		samples(dir);
		bad_input(dir);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd)) {}
	printf("test_pdf: %d passed, %d failed, %d skipped\n", test_passed, test_failed, skipped);
	return test_failed != 0;
}
