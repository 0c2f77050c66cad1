/* test_rollup_tree.c: the compact roll-up structure on a synthetic tree of
 * 2 provinces x 50 communes x 30 branches, with values written through
 * the model. Every internal node's rollup_get is compared to sums computed
 * here independently (and every leaf to its own value), after the first
 * build, after incremental writes and after a rebuild; rollup_children
 * must list each node's children in unit id order; rollup_bytes must stay
 * far below the old 45 bytes per unit per aggregate. */
#include "test.h"
#include "fixture.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "base/err.h"
#include <math.h>

enum { NP = 2, NC = 50, NB = 30 };

static long long prov[NP], comm[NP][NC], branch[NP][NC][NB];

/* Expected values, kept independently of rollup.c: own value per unit. */
struct own {
	int has;
	double num, den;
};
static struct own own_p[NP], own_c[NP][NC], own_b[NP][NC][NB];

static long long unit(struct db *db, long long parent, const char *level, const char *name)
{
	long long id = 0;
	int rc = unit_add(db, access_system(), parent, "committee", level, name, NULL, NULL, NULL, &id);
	if (rc) {
		fprintf(stderr, "cannot add unit %s: %d\n", name, rc);
		exit(2);
	}
	return id;
}

static long long indicator(struct db *db, const char *code, const char *type)
{
	struct indicator in = {.code = (char *)code, .name = (char *)code, .type = (char *)type,
	                       .levels = "commune,branch"};
	long long id = 0;
	CHECK_INT(indicator_add(db, access_system(), &in, &id, NULL), 0, code);
	return id;
}

/* Write n values in one call and record them as expected. */
static void write_all(struct db *db, long long ind, struct indicator_value_in *v, size_t n)
{
	struct arena a;
	struct indicator_row_error *e = NULL;
	size_t ne = 0;
	arena_init(&a);
	int rc = indicator_write_values(db, &a, access_system(), ind, v, n, "api", 1, &e, &ne);
	CHECK(rc == 0, "write %zu values: %d (%s)", n, rc, ne ? e[0].code : "");
	arena_cleanup(&a);
}

static void add_value(struct indicator_value_in *v, size_t *n, struct own *o, long long u,
                      double num, double den, int rate)
{
	v[*n] = (struct indicator_value_in){.unit_id = u, .period = "2024-H1", .num = num,
	                                    .den = rate ? den : 0, .has_den = rate};
	(*n)++;
	o->has = 1;
	o->num = num;
	o->den = rate ? den : 0;
}

static void expect(struct db *db, long long ind, long long u, const struct own *self,
                   double num, double den, long long reporting, int rate, const char *what)
{
	struct rollup_result x;
	memset(&x, 0, sizeof x);
	int rc = rollup_get(db, ind, "2024-H1", u, &x);
	CHECK(rc == 0, "%s %lld: rollup_get %d", what, u, rc);
	CHECK(fabs(x.num - num) < 1e-6, "%s %lld: num %.6f, want %.6f", what, u, x.num, num);
	CHECK(fabs(x.den - den) < 1e-6, "%s %lld: den %.6f, want %.6f", what, u, x.den, den);
	CHECK(x.reporting == reporting, "%s %lld: reporting %lld, want %lld", what, u,
	      x.reporting, reporting);
	CHECK(x.own == self->has, "%s %lld: own %d, want %d", what, u, x.own, self->has);
	if (self->has)
		CHECK(fabs(x.own_num - self->num) < 1e-9 && fabs(x.own_den - self->den) < 1e-9,
		      "%s %lld: own value", what, u);
	int hv = rate ? reporting > 0 && den > 0 : reporting > 0;
	CHECK(x.has_value == hv, "%s %lld: has_value %d", what, u, x.has_value);
	if (hv)
		CHECK(fabs(x.value - (rate ? 100.0 * num / den : num)) < 1e-6, "%s %lld: value",
		      what, u);
}

/* Sum everything here and compare with every unit's roll-up. */
static void check_all(struct db *db, long long ind, int rate, const char *what)
{
	for (int p = 0; p < NP; p++) {
		double pn = own_p[p].num, pd = own_p[p].den;
		long long pr = own_p[p].has;
		for (int c = 0; c < NC; c++) {
			double cn = own_c[p][c].num, cd = own_c[p][c].den;
			long long cr = own_c[p][c].has;
			for (int b = 0; b < NB; b++) {
				const struct own *o = &own_b[p][c][b];
				cn += o->num;
				cd += o->den;
				cr += o->has;
				expect(db, ind, branch[p][c][b], o, o->num, o->den, o->has, rate, what);
			}
			expect(db, ind, comm[p][c], &own_c[p][c], cn, cd, cr, rate, what);
			pn += cn;
			pd += cd;
			pr += cr;
		}
		expect(db, ind, prov[p], &own_p[p], pn, pd, pr, rate, what);
	}
}

static int ascending_equal(const long long *got, size_t n, const long long *want, size_t m)
{
	if (n != m)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i] || (i && got[i] <= got[i - 1]))
			return 0;
	return 1;
}

static void check_children(struct db *db, long long ind)
{
	struct arena a;
	long long *kids = NULL;
	size_t nk = 0;
	arena_init(&a);
	for (int p = 0; p < NP; p++) {
		CHECK_INT(rollup_children(db, &a, ind, "2024-H1", prov[p], &kids, &nk), 0, "children P");
		CHECK(ascending_equal(kids, nk, comm[p], NC), "province %d children: %zu in id order",
		      p, nk);
		for (int c = 0; c < NC; c++) {
			CHECK_INT(rollup_children(db, &a, ind, "2024-H1", comm[p][c], &kids, &nk), 0,
			          "children C");
			CHECK(ascending_equal(kids, nk, branch[p][c], NB),
			      "commune %d/%d children: %zu in id order", p, c, nk);
		}
	}
	CHECK_INT(rollup_children(db, &a, ind, "2024-H1", branch[1][7][3], &kids, &nk), 0,
	          "children of a leaf");
	CHECK_INT(nk, 0, "a branch has no children");
	CHECK_INT(rollup_children(db, &a, ind, "2024-H1", 99999999, &kids, &nk), PH_ENOTFOUND,
	          "children of an unknown unit");
	arena_cleanup(&a);
}

int main(void)
{
	struct db *db = fixture_open();
	char name[64];
	for (int p = 0; p < NP; p++) {
		snprintf(name, sizeof name, "Tỉnh Tổng Hợp %d", p + 1);
		prov[p] = unit(db, 0, "province", name);
		for (int c = 0; c < NC; c++) {
			snprintf(name, sizeof name, "Xã Tổng Hợp %d-%d", p + 1, c + 1);
			comm[p][c] = unit(db, prov[p], "commune", name);
			for (int b = 0; b < NB; b++) {
				snprintf(name, sizeof name, "Chi bộ %d-%d-%d", p + 1, c + 1, b + 1);
				branch[p][c][b] = unit(db, comm[p][c], "branch", name);
			}
		}
	}

	size_t cap = NP * NC * NB + NP * NC, n = 0;
	struct indicator_value_in *v = calloc(cap, sizeof *v);
	if (!v)
		return 2;

	/* Rate: about 4 branches in 5 report, num <= den; every seventh
	 * commune reports its own value too. */
	long long R = indicator(db, "TYLE", "rate");
	for (int p = 0; p < NP; p++)
		for (int c = 0; c < NC; c++) {
			if (c % 7 == 3)
				add_value(v, &n, &own_c[p][c], comm[p][c], 3 + c % 5, 10 + p, 1);
			for (int b = 0; b < NB; b++)
				if ((p * 31 + c * 17 + b * 13) % 5)
					add_value(v, &n, &own_b[p][c][b], branch[p][c][b], (b * 7 + c) % 23,
					          23 + (p + c + b) % 11, 1);
		}
	write_all(db, R, v, n);
	check_all(db, R, 1, "rate built");
	check_children(db, R);

	/* Incremental: change some values, add some that were missing. */
	n = 0;
	for (int p = 0; p < NP; p++)
		for (int c = p; c < NC; c += 9)
			for (int b = 0; b < NB; b += 4)
				add_value(v, &n, &own_b[p][c][b], branch[p][c][b], (c + b) % 19, 40, 1);
	add_value(v, &n, &own_c[1][10], comm[1][10], 5, 8, 1);
	write_all(db, R, v, n);
	check_all(db, R, 1, "rate incremental");
	rollup_reset();
	check_all(db, R, 1, "rate rebuilt");

	/* A count indicator in the same period: a second aggregate sharing
	 * the period's tree. Its added bytes are the aggregate's own. */
	size_t na1 = 0, na2 = 0;
	size_t b1 = rollup_bytes(&na1);
	memset(own_b, 0, sizeof own_b);
	memset(own_c, 0, sizeof own_c);
	long long K = indicator(db, "SOLUONG", "count");
	n = 0;
	for (int p = 0; p < NP; p++)
		for (int c = 0; c < NC; c++)
			for (int b = 0; b < NB; b++)
				if ((p + c + b) % 3)
					add_value(v, &n, &own_b[p][c][b], branch[p][c][b], p * 1000 + c * 10 + b,
					          0, 0);
	write_all(db, K, v, n);
	check_all(db, K, 0, "count built");
	size_t b2 = rollup_bytes(&na2);
	CHECK_INT(na1, 1, "one aggregate before");
	CHECK_INT(na2, 2, "two aggregates after");
	long long units = fixture_int(db, "SELECT count(*) FROM units", NULL);
	CHECK(units >= NP * (1 + NC * (1 + NB)), "units: %lld", units);
	size_t per_agg = b2 - b1;
	fprintf(stderr, "rollup_tree: %lld units, %zu bytes held for %zu aggregates, "
	        "%zu bytes per aggregate (%.2f per unit; the old layout: 45 per unit)\n",
	        units, b2, na2, per_agg, (double)per_agg / (double)units);
	/* The old layout held 45 bytes per unit per aggregate. */
	CHECK(b2 > b1 && per_agg * 10 < 45 * (size_t)units,
	      "bytes per aggregate %zu, not far below 45 x %lld", per_agg, units);
	CHECK(b2 < 45 * (size_t)units * na2, "total %zu not below the old layout", b2);
	/* Another period end with the same tree shares its structure: only
	 * the aggregate is added. It has no values; its children are the
	 * same. */
	struct rollup_result x;
	CHECK_INT(rollup_get(db, K, "2023-H2", prov[1], &x), 0, "2023-H2");
	CHECK_INT(x.has_value, 0, "2023-H2 has no values");
	CHECK_INT(x.reporting, 0, "2023-H2 nobody reporting");
	size_t b3 = rollup_bytes(&na1);
	CHECK_INT(na1, 3, "three aggregates");
	CHECK(b3 - b2 < per_agg + 256, "a period with the same tree adds %zu bytes", b3 - b2);
	struct arena a;
	long long *kids = NULL;
	size_t nk = 0;
	arena_init(&a);
	CHECK_INT(rollup_children(db, &a, K, "2023-H2", comm[1][49], &kids, &nk), 0, "children");
	CHECK(ascending_equal(kids, nk, branch[1][49], NB), "2023-H2 children: %zu", nk);
	arena_cleanup(&a);
	rollup_reset();
	CHECK_INT(rollup_bytes(&na1), 0, "nothing held after reset");

	free(v);
	fixture_close(db);
	TEST_END("test_rollup_tree");
}
