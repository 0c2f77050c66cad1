/* pdf_bench.c: the time to read and extract a PDF plan (issue 10, point
 * 9: a 20-page PDF in at most 300 ms). For each file given: render_pdf
 * (poppler and the layout) and document_extract on the rendering, RUNS
 * times (default 10); prints the pages, the median and the slowest run of
 * each step, and the tasks found. Run by bench/pdf.sh.
 *   build/bench/pdf_bench FILE.pdf... */
#include "import/render.h"
#include "import/extract.h"
#include "model/document.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void rfree(struct rendering *r)
{
	free(r->text);
	free(r->places);
	for (size_t i = 0; i < r->notes_len; i++)
		free(r->notes[i].text);
	free(r->notes);
}

int main(int argc, char **argv)
{
	int runs = getenv("RUNS") ? atoi(getenv("RUNS")) : 10;
	if (runs < 1 || runs > 1000)
		runs = 10;
	int status = 0;
	for (int a = 1; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		if (!f) {
			fprintf(stderr, "%s: cannot open\n", argv[a]);
			return 2;
		}
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		rewind(f);
		char *b = malloc((size_t)n);
		if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
			fclose(f);
			return 2;
		}
		fclose(f);
		double *tr = calloc((size_t)runs, sizeof *tr), *te = calloc((size_t)runs, sizeof *te),
		       *tt = calloc((size_t)runs, sizeof *tt);
		int pages = 0;
		size_t tasks = 0;
		for (int k = 0; k < runs && tr && te && tt; k++) {
			struct rendering r;
			char why[256];
			double t0 = now();
			int rc = render_pdf(b, (size_t)n, &r, why, sizeof why);
			double t1 = now();
			if (rc) {
				fprintf(stderr, "%s: %s\n", argv[a], why);
				status = 1;
				break;
			}
			struct extraction ex;
			extraction_init(&ex);
			rc = document_extract(r.text, r.len, DOC_TEXT, NULL, &ex);
			double t2 = now();
			tasks = ex.tasks_len;
			pages = r.places_len ? r.places[r.places_len - 1].page : 0;
			extraction_cleanup(&ex);
			rfree(&r);
			tr[k] = t1 - t0;
			te[k] = t2 - t1;
			tt[k] = t2 - t0;
		}
		if (!status && tr && te && tt) {
			qsort(tr, (size_t)runs, sizeof *tr, cmp);
			qsort(te, (size_t)runs, sizeof *te, cmp);
			qsort(tt, (size_t)runs, sizeof *tt, cmp);
			printf("%s: %d pages, %zu tasks; render_pdf median %.1f ms (max %.1f), "
			       "document_extract median %.1f ms (max %.1f), both median %.1f ms (max %.1f), %d runs\n",
			       argv[a], pages, tasks, tr[runs / 2], tr[runs - 1], te[runs / 2], te[runs - 1],
			       tt[runs / 2], tt[runs - 1], runs);
		}
		free(tr);
		free(te);
		free(tt);
		free(b);
	}
	return status;
}
