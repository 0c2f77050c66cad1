/* test_rollup.c: roll-ups of indicator values with hand-computed
 * expectations. A tree made for the test:
 *
 *   P (province)
 *   ├── D1 (district): C11, C12, C13 (communes)
 *   └── D2 (district): C21, C22, C23
 *
 * A count indicator, a rate indicator (where the average of percentages
 * and the ratio of sums differ), a missing value, attainment for each
 * operator, an incremental update equal to a full rebuild, and a merge of
 * commune A (under D1) into commune B (under D2) on 2024-03-31. */
#include "test.h"
#include "fixture.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "base/err.h"
#include <math.h>

#define NEAR(got, want, ctx) CHECK(fabs((got) - (want)) < 1e-9, "%s: got %.12g, want %.12g", \
                                   (ctx), (double)(got), (double)(want))

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
	                       .levels = "commune"};
	long long id = 0;
	int rc = indicator_add(db, access_system(), &in, &id, NULL);
	CHECK_INT(rc, 0, code);
	return id;
}

static void put(struct db *db, long long ind, long long unit, const char *period, double num,
                double den, int has_den)
{
	struct arena a;
	struct indicator_row_error *e = NULL;
	size_t ne = 0;
	struct indicator_value_in v = {.unit_id = unit, .period = period, .num = num, .den = den,
	                               .has_den = has_den};
	arena_init(&a);
	int rc = indicator_write_values(db, &a, access_system(), ind, &v, 1, "api", 1, &e, &ne);
	CHECK(rc == 0, "write %s %lld: %d (%s)", period, unit, rc, ne ? e[0].code : "");
	arena_cleanup(&a);
}

static struct rollup_result get(struct db *db, long long ind, const char *period, long long u)
{
	struct rollup_result x;
	memset(&x, 0, sizeof x);
	int rc = rollup_get(db, ind, period, u, &x);
	CHECK_INT(rc, 0, "rollup_get");
	return x;
}

int main(void)
{
	struct db *db = fixture_open();
	long long P = unit(db, 0, "province", "Tỉnh Thử Nghiệm");
	long long D1 = unit(db, P, "district", "Huyện Một"), D2 = unit(db, P, "district", "Huyện Hai");
	long long C11 = unit(db, D1, "commune", "Xã Mười Một"), C12 = unit(db, D1, "commune", "Xã Mười Hai");
	long long C13 = unit(db, D1, "commune", "Xã Mười Ba");
	long long C21 = unit(db, D2, "commune", "Xã Hai Mốt"), C22 = unit(db, D2, "commune", "Xã Hai Hai");
	long long C23 = unit(db, D2, "commune", "Xã Hai Ba");
	struct rollup_result x;

	/* ---- count: HO, 2024-H1 ----
	 * C11 40, C12 30, C13 35 -> D1 = 105 (3 reporting)
	 * C21 50, C22 20, C23 missing -> D2 = 70 (2 reporting)
	 * P = 105 + 70 = 175 (5 reporting)
	 * Targets 2024: commune > 30, district >= 105, province = 175. */
	long long HO = indicator(db, "HO", "count");
	CHECK_INT(indicator_set_target(db, access_system(), HO, 2024, "commune", ">", 30, NULL), 0, "target >");
	CHECK_INT(indicator_set_target(db, access_system(), HO, 2024, "district", ">=", 105, NULL), 0, "target >=");
	CHECK_INT(indicator_set_target(db, access_system(), HO, 2024, "province", "=", 175, NULL), 0, "target =");
	put(db, HO, C11, "2024-H1", 40, 0, 0);
	put(db, HO, C12, "2024-H1", 30, 0, 0);
	put(db, HO, C13, "2024-H1", 35, 0, 0);
	put(db, HO, C21, "2024-H1", 50, 0, 0);
	put(db, HO, C22, "2024-H1", 20, 0, 0);
	x = get(db, HO, "2024-H1", D1);
	NEAR(x.value, 105, "HO D1");
	CHECK_INT(x.reporting, 3, "HO D1 reporting");
	CHECK_INT(x.attain, ROLLUP_MET, "HO D1 105 >= 105: đạt");
	x = get(db, HO, "2024-H1", D2);
	NEAR(x.value, 70, "HO D2");
	CHECK_INT(x.reporting, 2, "HO D2 reporting");
	CHECK_INT(x.attain, ROLLUP_NOT_MET, "HO D2 70 >= 105: không đạt");
	x = get(db, HO, "2024-H1", P);
	NEAR(x.value, 175, "HO P");
	CHECK_INT(x.reporting, 5, "HO P reporting");
	CHECK_INT(x.attain, ROLLUP_MET, "HO P 175 = 175: đạt");
	CHECK_INT(get(db, HO, "2024-H1", C11).attain, ROLLUP_MET, "C11 40 > 30: đạt");
	CHECK_INT(get(db, HO, "2024-H1", C12).attain, ROLLUP_NOT_MET, "C12 30 > 30: không đạt");
	x = get(db, HO, "2024-H1", C23);
	CHECK_INT(x.has_value, 0, "C23 missing");
	CHECK_INT(x.attain, ROLLUP_NO_DATA, "C23: chưa có số liệu");
	CHECK_STR(rollup_attain_label(x.attain), "Chưa có số liệu", "label");
	/* Another period has nothing; no target for 2025 either. */
	CHECK_INT(get(db, HO, "2024-H2", P).attain, ROLLUP_NO_DATA, "HO P 2024-H2");

	/* Incremental: C23 = 25 -> D2 = 95 (3 reporting), P = 200 (6);
	 * C11 40 -> 10 -> D1 = 75 (still 3), P = 170. */
	put(db, HO, C23, "2024-H1", 25, 0, 0);
	put(db, HO, C11, "2024-H1", 10, 0, 0);
	x = get(db, HO, "2024-H1", D2);
	NEAR(x.value, 95, "HO D2 after C23");
	CHECK_INT(x.reporting, 3, "HO D2 reporting after C23");
	x = get(db, HO, "2024-H1", D1);
	NEAR(x.value, 75, "HO D1 after C11 change");
	CHECK_INT(x.reporting, 3, "HO D1 reporting after change");
	CHECK_INT(x.attain, ROLLUP_NOT_MET, "HO D1 75 >= 105");
	struct rollup_result inc = get(db, HO, "2024-H1", P);
	NEAR(inc.value, 170, "HO P incremental");
	CHECK_INT(inc.reporting, 6, "HO P reporting incremental");
	rollup_reset();
	struct rollup_result full = get(db, HO, "2024-H1", P);
	NEAR(full.value, inc.value, "HO P rebuilt = incremental");
	CHECK_INT(full.reporting, inc.reporting, "reporting rebuilt = incremental");
	NEAR(get(db, HO, "2024-H1", D2).value, 95, "HO D2 rebuilt");

	/* ---- rate: TL, 2024-H1 ----
	 * C11 9/10 (90 %), C12 10/100 (10 %) -> D1 = 19/110 = 17.2727... %
	 *   (the average of the percentages would be 50 %)
	 * C21 30/40 (75 %) -> D2 = 75 %
	 * P = (9 + 10 + 30) / (10 + 100 + 40) = 49/150 = 32.6666... %
	 *   (the average of the three percentages would be 58.333... %)
	 * Targets 2024: district <= 20, province <= 40. */
	long long TL = indicator(db, "TL", "rate");
	CHECK_INT(indicator_set_target(db, access_system(), TL, 2024, "district", "<=", 20, NULL), 0, "target <=");
	CHECK_INT(indicator_set_target(db, access_system(), TL, 2024, "province", "<=", 40, NULL), 0, "target <= P");
	put(db, TL, C11, "2024-H1", 9, 10, 1);
	put(db, TL, C12, "2024-H1", 10, 100, 1);
	put(db, TL, C21, "2024-H1", 30, 40, 1);
	x = get(db, TL, "2024-H1", D1);
	NEAR(x.value, 100.0 * 19 / 110, "TL D1 ratio of sums");
	NEAR(x.num, 19, "TL D1 numerator");
	NEAR(x.den, 110, "TL D1 denominator");
	CHECK(fabs(x.value - 50) > 1, "TL D1 is not the average of percentages");
	CHECK_INT(x.attain, ROLLUP_MET, "TL D1 17.27 <= 20: đạt");
	x = get(db, TL, "2024-H1", D2);
	NEAR(x.value, 75, "TL D2");
	CHECK_INT(x.attain, ROLLUP_NOT_MET, "TL D2 75 <= 20: không đạt");
	x = get(db, TL, "2024-H1", P);
	NEAR(x.value, 100.0 * 49 / 150, "TL P ratio of sums");
	CHECK(fabs(x.value - 175.0 / 3) > 1, "TL P is not the average of percentages");
	CHECK_INT(x.reporting, 3, "TL P reporting");
	CHECK_INT(x.attain, ROLLUP_MET, "TL P 32.67 <= 40: đạt");
	/* No target for communes: the fourth state. */
	CHECK_INT(get(db, TL, "2024-H1", C11).attain, ROLLUP_NO_TARGET, "TL C11 no target");

	/* ---- merge: commune A (under D1) into commune B (under D2) on
	 * 2024-03-31. Indicator M (count):
	 *   A 2023-H2 = 7: the period ends 2023-12-31, before the merge, so it
	 *     counts under D1: D1 = 7, D2 no data.
	 *   A 2024-H1 = 4, B 2024-H1 = 6: the period ends 2024-06-30, after A's
	 *     valid_to, so A counts under B: B = 10 (2 reporting), D2 = 10,
	 *     D1 no data, P = 10. Before the merge (same values) D1 = 4. */
	long long A = unit(db, D1, "commune", "Xã A"), B = unit(db, D2, "commune", "Xã B");
	long long M = indicator(db, "M", "count");
	put(db, M, A, "2023-H2", 7, 0, 0);
	put(db, M, A, "2024-H1", 4, 0, 0);
	put(db, M, B, "2024-H1", 6, 0, 0);
	NEAR(get(db, M, "2024-H1", D1).value, 4, "M D1 before merge");
	NEAR(get(db, M, "2024-H1", D2).value, 6, "M D2 before merge");
	CHECK_INT(unit_merge(db, access_system(), A, B, "2024-03-31"), 0, "merge");
	x = get(db, M, "2023-H2", D1);
	NEAR(x.value, 7, "M D1 2023-H2 (A under its old district)");
	CHECK_INT(get(db, M, "2023-H2", D2).has_value, 0, "M D2 2023-H2 no data");
	x = get(db, M, "2024-H1", B);
	NEAR(x.value, 10, "M B 2024-H1 (A's value under B)");
	CHECK_INT(x.reporting, 2, "M B reporting");
	NEAR(get(db, M, "2024-H1", D2).value, 10, "M D2 2024-H1");
	CHECK_INT(get(db, M, "2024-H1", D1).has_value, 0, "M D1 2024-H1 no data");
	NEAR(get(db, M, "2024-H1", P).value, 10, "M P 2024-H1");
	/* The merge bumped the generation: HO is rebuilt and unchanged. */
	NEAR(get(db, HO, "2024-H1", P).value, 170, "HO P after merge");

	/* Children of a period's tree: B has A in 2024-H1, nothing in 2023-H2. */
	struct arena a;
	long long *kids = NULL;
	size_t nk = 0;
	arena_init(&a);
	CHECK_INT(rollup_children(db, &a, M, "2024-H1", B, &kids, &nk), 0, "children");
	CHECK(nk == 1 && kids[0] == A, "B's children 2024-H1: %zu", nk);
	CHECK_INT(rollup_children(db, &a, M, "2023-H2", B, &kids, &nk), 0, "children 2023");
	CHECK_INT(nk, 0, "B's children 2023-H2");
	CHECK_INT(rollup_children(db, &a, M, "2023-H2", D1, &kids, &nk), 0, "D1 children 2023");
	CHECK_INT(nk, 4, "D1's children 2023-H2 (C11, C12, C13, A)");
	arena_cleanup(&a);

	/* Pure attainment, each operator at and around the target. */
	CHECK_INT(rollup_attainment(1, 5, 1, ">=", 5), ROLLUP_MET, ">= equal");
	CHECK_INT(rollup_attainment(1, 4.9, 1, ">=", 5), ROLLUP_NOT_MET, ">= below");
	CHECK_INT(rollup_attainment(1, 5, 1, ">", 5), ROLLUP_NOT_MET, "> equal");
	CHECK_INT(rollup_attainment(1, 5.1, 1, ">", 5), ROLLUP_MET, "> above");
	CHECK_INT(rollup_attainment(1, 5, 1, "=", 5), ROLLUP_MET, "= equal");
	CHECK_INT(rollup_attainment(1, 6, 1, "=", 5), ROLLUP_NOT_MET, "= other");
	CHECK_INT(rollup_attainment(1, 5, 1, "<=", 5), ROLLUP_MET, "<= equal");
	CHECK_INT(rollup_attainment(1, 5.1, 1, "<=", 5), ROLLUP_NOT_MET, "<= above");
	CHECK_INT(rollup_attainment(0, 0, 1, ">=", 5), ROLLUP_NO_DATA, "no data");
	CHECK_INT(rollup_get(db, HO, "2024-H9", P, &x), PH_EINVAL, "bad period");
	CHECK_INT(rollup_get(db, HO, "2024-H1", 999999, &x), PH_ENOTFOUND, "unknown unit");
	CHECK_INT(rollup_get(db, 999, "2024-H1", P, &x), PH_ENOTFOUND, "unknown indicator");

	rollup_reset();
	fixture_close(db);
	TEST_END("test_rollup");
}
