/* bench_docx.c: reading and extracting a Word plan in process (issue 10,
 * point 9: a 20-page .docx in at most 100 ms). Built by `make bench`.
 *
 *   bench_docx [FILE.docx] [--repeat N]
 *
 * Without FILE it writes the 22-page plan of tests/import/docx/make_docx.py
 * --bench into a temporary folder (python3, run from the project's root).
 * Each run is render_docx of the bytes in memory, then document_extract of
 * the rendering with the embedded registry; prints the median, the fastest
 * and the slowest run in ms, for the rendering alone and for both, and
 * the tasks found (so that a run that extracts nothing is seen). */
#include "import/render.h"
#include "import/extract.h"
#include "import/agency.h"
#include "model/document.h"
#include "model/unit.h"
#include "base/buf.h"
#include "base/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *file = NULL;
	int repeat = 30;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else
			file = argv[i];
	}
	if (repeat < 1)
		repeat = 1;
	char tmp[64] = "", path[128];
	if (!file) {
		snprintf(tmp, sizeof tmp, "/tmp/bench_docx.XXXXXX");
		if (!mkdtemp(tmp)) {
			perror("mkdtemp");
			return 2;
		}
		snprintf(path, sizeof path, "%s/plan20.docx", tmp);
		char cmd[256];
		snprintf(cmd, sizeof cmd, "python3 tests/import/docx/make_docx.py --bench %s", path);
		if (system(cmd) != 0) {
			fprintf(stderr, "bench_docx: make_docx.py --bench failed\n");
			return 2;
		}
		file = path;
	}
	struct buf b;
	buf_init(&b, 64u << 20);
	if (buf_read_file(&b, file)) {
		fprintf(stderr, "bench_docx: cannot read %s\n", file);
		return 2;
	}
	int rc = 0;
	struct resolver *res = unit_resolver_embedded(&rc);
	if (!res) {
		fprintf(stderr, "bench_docx: no registry (%d)\n", rc);
		return 2;
	}
	double *render_ms = calloc((size_t)repeat, sizeof *render_ms);
	double *total_ms = calloc((size_t)repeat, sizeof *total_ms);
	size_t tasks = 0, bytes = 0, lines = 0;
	for (int i = 0; i < repeat; i++) {
		double t0 = now_ms();
		struct rendering r;
		char why[256];
		rc = render_docx(b.data, b.len, &r, why, sizeof why);
		double t1 = now_ms();
		if (rc) {
			fprintf(stderr, "bench_docx: render_docx: %d (%s)\n", rc, why);
			return 1;
		}
		struct extraction ex;
		extraction_init(&ex);
		rc = document_extract(r.text, r.len, DOC_TEXT, res, &ex);
		double t2 = now_ms();
		if (rc) {
			fprintf(stderr, "bench_docx: document_extract: %d\n", rc);
			return 1;
		}
		tasks = ex.tasks_len;
		bytes = r.len;
		lines = r.places_len;
		extraction_cleanup(&ex);
		rendering_free(&r);
		render_ms[i] = t1 - t0;
		total_ms[i] = t2 - t0;
	}
	qsort(render_ms, (size_t)repeat, sizeof *render_ms, cmp);
	qsort(total_ms, (size_t)repeat, sizeof *total_ms, cmp);
	printf("bench_docx: %s (%zu bytes): rendered %zu bytes in %zu lines, %zu tasks\n", file,
	       b.len, bytes, lines, tasks);
	printf("bench_docx: render_docx          median %.2f ms (min %.2f, max %.2f), %d runs\n",
	       render_ms[repeat / 2], render_ms[0], render_ms[repeat - 1], repeat);
	printf("bench_docx: + document_extract   median %.2f ms (min %.2f, max %.2f)\n",
	       total_ms[repeat / 2], total_ms[0], total_ms[repeat - 1]);
	free(render_ms);
	free(total_ms);
	resolver_free(res);
	buf_cleanup(&b);
	text_cleanup();
	if (tmp[0]) {
		unlink(path);
		rmdir(tmp);
	}
	return 0;
}
