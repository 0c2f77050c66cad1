/* rollup_bench.c: in-process timings for issue 4, point 7 (built by
 * `make bench`; run by bench/national.sh):
 *   (a) rollup_get of one indicator and period at the national root, cold
 *       (aggregate built from the database) and warm (kept in memory);
 *   (b) in the same run, one plain C pass over the same values held in
 *       arrays (sum per province through a parent index array), and the
 *       ratios of the roll-up to it;
 *   (c) importing the three samples (document_check + document_extract +
 *       document_save) into a fresh temporary database.
 * Every figure is the median of several runs, timed with CLOCK_MONOTONIC.
 *
 * usage: rollup_bench DB [SAMPLES_DIR] [--code HPN-01] [--period 2025-H2]
 *                        [--root hpn.tw] [--repeat N] */
#include "model/rollup.h"
#include "model/document.h"
#include "model/access.h"
#include "model/unit.h"
#include "import/agency.h"
#include "import/extract.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_indicators.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The unit tree as arrays indexed by unit id. */
struct units {
	long long max, count;
	long long *parent;  /* by id; 0: root */
	char *is_province;  /* by id */
};

static int unit_cb(void *ctx, long long id, long long parent, long long successor,
                   const char *valid_to, const char *level, const char *kind)
{
	(void)successor, (void)valid_to, (void)kind;
	struct units *u = ctx;
	if (id > u->max) {
		long long nmax = id * 2;
		long long *p = realloc(u->parent, (size_t)(nmax + 1) * sizeof *p);
		char *q = p ? realloc(u->is_province, (size_t)(nmax + 1)) : NULL;
		if (p)
			u->parent = p;
		if (!q)
			return PH_ENOMEM;
		u->is_province = q;
		memset(p + u->max + 1, 0, (size_t)(nmax - u->max) * sizeof *p);
		memset(q + u->max + 1, 0, (size_t)(nmax - u->max));
		u->max = nmax;
	}
	u->count++;
	u->parent[id] = parent;
	u->is_province[id] = level && !strcmp(level, "province");
	return 0;
}

struct vals {
	size_t n, cap;
	long long *unit;
	double *num, *den;
};

static int val_cb(void *ctx, long long unit, double num, double den, int has_den)
{
	struct vals *v = ctx;
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 4096;
		long long *u = realloc(v->unit, cap * sizeof *u);
		if (u)
			v->unit = u;
		double *a = u ? realloc(v->num, cap * sizeof *a) : NULL;
		if (a)
			v->num = a;
		double *b = a ? realloc(v->den, cap * sizeof *b) : NULL;
		if (!b)
			return PH_ENOMEM;
		v->den = b;
		v->cap = cap;
	}
	v->unit[v->n] = unit;
	v->num[v->n] = num;
	v->den[v->n] = has_den ? den : 0;
	v->n++;
	return 0;
}

static int read_file(const char *path, char **out, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return PH_EIO;
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	*out = malloc((size_t)sz + 1);
	*n = *out ? fread(*out, 1, (size_t)sz, f) : 0;
	fclose(f);
	return *out && *n == (size_t)sz ? 0 : PH_EIO;
}

static const char *const samples[3] = {
	"laocai-2022-hlhpn-action-program.txt",
	"laocai-2024-ubnd-hlhpn-coordination-plan.txt",
	"ubdt-hlhpnvn-2024-coordination-plan.txt",
};

/* One import of the three samples into a fresh database; *ms: the time of
 * check + extract + save over the three. */
static int import_once(const char *dir, int run, double *ms)
{
	char path[4096], dbpath[256], why[256];
	snprintf(dbpath, sizeof dbpath, "/tmp/rollup_bench_%ld_%d.db", (long)getpid(), run);
	struct db *db = NULL;
	long long added = 0;
	int rc = db_open(dbpath, &db, why, sizeof why);
	if (!rc)
		rc = unit_seed(db, &added, why, sizeof why);
	struct resolver *r = rc ? NULL : unit_resolver_db(db, &rc);
	*ms = 0;
	for (int i = 0; !rc && i < 3; i++) {
		char *raw = NULL, *text = NULL;
		size_t n = 0, len = 0;
		int bad = 0;
		snprintf(path, sizeof path, "%s/%s", dir, samples[i]);
		rc = read_file(path, &raw, &n);
		struct extraction ex;
		extraction_init(&ex);
		double t0 = now_ms();
		if (!rc)
			rc = document_check(raw, n, &text, &len, &bad, why, sizeof why);
		if (!rc)
			rc = document_extract(text, len, DOC_MARKDOWN, r, &ex);
		long long doc = 0, plan = 0;
		if (!rc)
			rc = document_save(db, access_system(), &ex, samples[i], text, len, &doc, &plan);
		*ms += now_ms() - t0;
		if (rc)
			fprintf(stderr, "rollup_bench: import %s: %s\n", samples[i], err_name(rc));
		extraction_cleanup(&ex);
		free(text);
		free(raw);
	}
	resolver_free(r);
	db_close(db);
	char side[300];
	unlink(dbpath);
	snprintf(side, sizeof side, "%s-wal", dbpath);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", dbpath);
	unlink(side);
	return rc;
}

int main(int argc, char **argv)
{
	const char *dbpath = NULL, *samples_dir = NULL, *code = "HPN-01", *period = "2025-H2",
	           *root_key = "hpn.tw";
	int repeat = 7;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--code") && i + 1 < argc)
			code = argv[++i];
		else if (!strcmp(argv[i], "--period") && i + 1 < argc)
			period = argv[++i];
		else if (!strcmp(argv[i], "--root") && i + 1 < argc)
			root_key = argv[++i];
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!dbpath)
			dbpath = argv[i];
		else
			samples_dir = argv[i];
	}
	if (!dbpath || repeat < 1 || repeat > 1000) {
		fprintf(stderr, "usage: rollup_bench DB [SAMPLES_DIR] [--code C] [--period P]"
		        " [--root KEY] [--repeat N]\n");
		return 2;
	}
	char why[256];
	struct db *db = NULL;
	long long ind = 0, root = 0;
	int rc = db_open(dbpath, &db, why, sizeof why);
	if (rc) {
		fprintf(stderr, "rollup_bench: %s: %s\n", dbpath, why);
		return 2;
	}
	if (store_indicator_by_code(db, code, &ind) || store_unit_by_key(db, root_key, &root)) {
		fprintf(stderr, "rollup_bench: no indicator %s or unit %s (run phoihop demo first)\n",
		        code, root_key);
		db_close(db);
		return 2;
	}
	double *t = calloc((size_t)repeat, sizeof *t);
	struct rollup_result x = {0};
	int status = 0;

	/* (a) cold: everything dropped (tree and aggregates), then only the
	 * aggregate dropped (the tree kept), then warm. */
	for (int i = 0; i < repeat && !rc; i++) {
		rollup_reset();
		double t0 = now_ms();
		rc = rollup_get(db, ind, period, root, &x);
		t[i] = now_ms() - t0;
	}
	double cold_all = median(t, repeat);
	for (int i = 0; i < repeat && !rc; i++) {
		rollup_indicator_changed(ind);
		double t0 = now_ms();
		rc = rollup_get(db, ind, period, root, &x);
		t[i] = now_ms() - t0;
	}
	double cold_agg = median(t, repeat);
	int warm_n = repeat * 100;
	double *tw = calloc((size_t)warm_n, sizeof *tw);
	for (int i = 0; i < warm_n && !rc; i++) {
		double t0 = now_ms();
		rc = rollup_get(db, ind, period, root, &x);
		tw[i] = now_ms() - t0;
	}
	double warm = median(tw, warm_n);
	free(tw);
	if (rc) {
		fprintf(stderr, "rollup_bench: rollup_get: %s\n", err_name(rc));
		status = 1;
		goto done;
	}

	/* (b) the plain pass: values and the tree loaded into arrays first
	 * (timed apart), then one pass summing per province. */
	struct units u = {0};
	struct vals v = {0};
	double l0 = now_ms();
	rc = store_indicator_units_each(db, unit_cb, &u);
	double l1 = now_ms();
	if (!rc)
		rc = store_indicator_values_each(db, ind, period, val_cb, &v);
	double l2 = now_ms();
	/* Province index of every value's unit, by walking up once. */
	long long nprov = 0, *prov_of = calloc((size_t)u.max + 1, sizeof *prov_of);
	for (long long id = 1; !rc && id <= u.max; id++)
		if (u.is_province[id])
			prov_of[id] = ++nprov;
	int *vp = malloc((v.n ? v.n : 1) * sizeof *vp);
	for (size_t i = 0; !rc && i < v.n; i++) {
		long long a = v.unit[i];
		while (a && a <= u.max && !prov_of[a])
			a = u.parent[a];
		vp[i] = a && a <= u.max ? (int)prov_of[a] : 0;
	}
	double *sum = calloc((size_t)nprov + 1, sizeof *sum), *sden = calloc((size_t)nprov + 1,
	                                                                      sizeof *sden);
	double total = 0;
	int pass_n = repeat * 20;
	double *tp = calloc((size_t)pass_n, sizeof *tp);
	for (int k = 0; k < pass_n && !rc; k++) {
		memset(sum, 0, ((size_t)nprov + 1) * sizeof *sum);
		memset(sden, 0, ((size_t)nprov + 1) * sizeof *sden);
		double t0 = now_ms();
		for (size_t i = 0; i < v.n; i++) {
			sum[vp[i]] += v.num[i];
			sden[vp[i]] += v.den[i];
		}
		total = 0;
		for (long long p = 0; p <= nprov; p++)
			total += sum[p];
		tp[k] = now_ms() - t0;
	}
	double pass = median(tp, pass_n);
	free(tp);
	if (rc) {
		fprintf(stderr, "rollup_bench: loading the arrays: %s\n", err_name(rc));
		status = 1;
	} else {
		printf("indicator %s, period %s, root %s: %zu values, %lld units, %lld provinces\n",
		       code, period, root_key, v.n, u.count, nprov);
		printf("roll-up total %.1f (plain pass total %.1f)%s\n", x.num, total,
		       x.num == total ? "" : "  MISMATCH");
		if (x.num != total)
			status = 1;
		printf("rollup_get cold (tree + aggregate from the database): %10.3f ms\n", cold_all);
		printf("rollup_get cold (aggregate only, tree kept):          %10.3f ms\n", cold_agg);
		size_t naggs = 0, bytes = rollup_bytes(&naggs);
		printf("roll-up memory: %zu bytes in %zu aggregate(s) with their trees\n", bytes, naggs);
		printf("rollup_get warm (aggregate kept in memory):           %10.4f ms (%.0f ns)\n",
		       warm, warm * 1e6);
		printf("load into arrays (tree %.1f ms + values %.1f ms):     %10.3f ms\n",
		       l1 - l0, l2 - l1, l2 - l0);
		printf("plain C pass over the arrays (sum per province):      %10.4f ms (%.0f ns)\n",
		       pass, pass * 1e6);
		printf("ratio warm roll-up / plain pass:                      %10.2f\n",
		       pass > 0 ? warm / pass : 0);
		printf("ratio cold roll-up (aggregate only) / plain pass:     %10.1f\n",
		       pass > 0 ? cold_agg / pass : 0);
		printf("ratio cold roll-up (aggregate only) / (values load + pass): %4.2f\n",
		       (l2 - l1 + pass) > 0 ? cold_agg / (l2 - l1 + pass) : 0);
	}
	free(prov_of);
	free(vp);
	free(sum);
	free(sden);
	free(u.parent);
	free(u.is_province);
	free(v.unit);
	free(v.num);
	free(v.den);

	/* (c) importing the three samples. */
	if (!samples_dir || access(samples_dir, R_OK)) {
		printf("import: skipped (no samples directory%s%s)\n", samples_dir ? " " : "",
		       samples_dir ? samples_dir : "");
	} else {
		int n = repeat < 5 ? repeat : 5, ok = 1;
		for (int i = 0; i < n && ok; i++)
			ok = import_once(samples_dir, i, &t[i]) == 0;
		if (ok)
			printf("import of the 3 samples (check + extract + save):     %10.2f ms\n",
			       median(t, n));
		else
			status = 1;
	}
done:
	free(t);
	rollup_reset();
	db_close(db);
	return status;
}
