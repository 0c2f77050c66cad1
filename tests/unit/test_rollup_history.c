/* test_rollup_history.c: roll-ups across a merge that re-parents the
 * merged unit's children (issue 4, point 5): the child counts under its
 * former parent in periods ending on or before the merge day, under the
 * new parent after, through unit_parent_history. A tree made for the test:
 *
 *   P (province)
 *   ├── D1 (district): A (commune) with branch X; E (commune)
 *   └── D2 (district): B (commune); F (commune) with branch Y
 *
 * A is merged into B on 2024-06-30 (X moves under B), then B into E on
 * 2024-12-31 (X moves under E). A failed merge and a rolled-back move
 * leave no history row. */
#include "test.h"
#include "fixture.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "base/err.h"
#include <math.h>

#define NEAR(got, want, ctx) CHECK(fabs((got) - (want)) < 1e-9, "%s: got %.12g, want %.12g", \
                                   (ctx), (double)(got), (double)(want))

struct hist {
	long long unit[16], parent[16];
	char to[16][11];
	size_t n;
};

static int hist_row(void *ctx, long long unit_id, long long parent_id, const char *valid_to)
{
	struct hist *h = ctx;
	if (h->n < 16) {
		h->unit[h->n] = unit_id;
		h->parent[h->n] = parent_id;
		snprintf(h->to[h->n], sizeof h->to[h->n], "%s", valid_to ? valid_to : "");
	}
	h->n++;
	return 0;
}

static struct hist history(struct db *db)
{
	struct hist h;
	memset(&h, 0, sizeof h);
	CHECK_INT(store_unit_parent_history_each(db, &h, hist_row), 0, "read history");
	return h;
}

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

static void put(struct db *db, long long ind, long long unit, const char *period, double num)
{
	struct arena a;
	struct indicator_row_error *e = NULL;
	size_t ne = 0;
	struct indicator_value_in v = {.unit_id = unit, .period = period, .num = num};
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

/* Checks u's roll-up: value and reporting units, or no data (want < 0). */
static void expect(struct db *db, long long ind, const char *period, long long u,
                   double want, long long reporting, const char *ctx)
{
	struct rollup_result x = get(db, ind, period, u);
	if (want < 0) {
		CHECK(!x.has_value, "%s: want no data, got %.12g", ctx, x.value);
		return;
	}
	CHECK(x.has_value, "%s: no data", ctx);
	NEAR(x.value, want, ctx);
	CHECK(x.reporting == reporting, "%s: reporting %lld, want %lld", ctx, x.reporting,
	      reporting);
}

int main(void)
{
	struct db *db = fixture_open();
	long long P = unit(db, 0, "province", "Tỉnh Lịch Sử");
	long long D1 = unit(db, P, "district", "Huyện Đông"), D2 = unit(db, P, "district", "Huyện Tây");
	long long A = unit(db, D1, "commune", "Xã An"), E = unit(db, D1, "commune", "Xã Yên");
	long long B = unit(db, D2, "commune", "Xã Bình"), F = unit(db, D2, "commune", "Xã Phú");
	long long X = unit(db, A, "branch", "Chi hội Thôn Một");
	long long Y = unit(db, F, "branch", "Chi hội Thôn Hai");
	struct hist h0 = history(db);

	struct indicator in = {.code = "LS", .name = "Lịch sử", .type = "count",
	                       .levels = "commune,branch"};
	long long LS = 0;
	CHECK_INT(indicator_add(db, access_system(), &in, &LS, NULL), 0, "indicator");

	/* Values:
	 *   2023-H2: X 1
	 *   2024-H1: X 5, A 3, B 11
	 *   2024-H2: X 8, B 2
	 *   2025-H1: X 4, E 1 */
	put(db, LS, X, "2023-H2", 1);
	put(db, LS, X, "2024-H1", 5);
	put(db, LS, A, "2024-H1", 3);
	put(db, LS, B, "2024-H1", 11);
	put(db, LS, X, "2024-H2", 8);
	put(db, LS, B, "2024-H2", 2);
	put(db, LS, X, "2025-H1", 4);
	put(db, LS, E, "2025-H1", 1);
	/* Build the aggregates before the merge too: the merge must drop them. */
	expect(db, LS, "2024-H1", A, 8, 2, "A 2024-H1 before the merge");

	/* ---- A into B on 2024-06-30: X moves under B. ---- */
	CHECK_INT(unit_merge(db, access_system(), A, B, "2024-06-30"), 0, "merge A into B");
	struct unit xu;
	struct arena a;
	arena_init(&a);
	CHECK_INT(store_unit_get(db, &a, X, &xu), 0, "X");
	CHECK(xu.parent_id == B, "X's current parent is B: %lld", xu.parent_id);
	struct hist h = history(db);
	CHECK(h.n == h0.n + 1, "one history row after the merge: %zu (before %zu)", h.n, h0.n);
	int found = 0;
	for (size_t i = 0; i < h.n && i < 16; i++)
		if (h.unit[i] == X) {
			found++;
			CHECK(h.parent[i] == A, "X's former parent is A: %lld", h.parent[i]);
			CHECK_STR(h.to[i], "2024-06-30", "X held A through the merge day");
		}
	CHECK_INT(found, 1, "X's history row");

	/* 2023-H2 (ends 2023-12-31, before the merge): X under A.
	 *   A = 1 (1 reporting: X), D1 = 1, B and D2 no data, P = 1. */
	expect(db, LS, "2023-H2", A, 1, 1, "A 2023-H2");
	expect(db, LS, "2023-H2", D1, 1, 1, "D1 2023-H2");
	expect(db, LS, "2023-H2", B, -1, 0, "B 2023-H2");
	expect(db, LS, "2023-H2", D2, -1, 0, "D2 2023-H2");
	/* 2024-H1 (ends 2024-06-30, A's last day): X under A, A under D1.
	 *   A = 3 + 5 = 8 (2), D1 = 8 (2); B = 11 (1), D2 = 11 (1);
	 *   P = 8 + 11 = 19 (3). Counting X under B in every period would
	 *   give A = 3, B = 16. */
	expect(db, LS, "2024-H1", A, 8, 2, "A 2024-H1");
	expect(db, LS, "2024-H1", D1, 8, 2, "D1 2024-H1");
	expect(db, LS, "2024-H1", B, 11, 1, "B 2024-H1");
	expect(db, LS, "2024-H1", D2, 11, 1, "D2 2024-H1");
	expect(db, LS, "2024-H1", P, 19, 3, "P 2024-H1");
	long long *kids = NULL;
	size_t nk = 0;
	CHECK_INT(rollup_children(db, &a, LS, "2024-H1", A, &kids, &nk), 0, "A's children H1");
	CHECK(nk == 1 && kids[0] == X, "A's children 2024-H1: X (%zu)", nk);
	CHECK_INT(rollup_children(db, &a, LS, "2024-H1", B, &kids, &nk), 0, "B's children H1");
	CHECK_INT(nk, 0, "B's children 2024-H1");
	/* 2024-H2 (ends 2024-12-31): X under B, A (gone) under B, no value.
	 *   B = 2 + 8 = 10 (2), D2 = 10 (2), A and D1 no data, P = 10 (2). */
	expect(db, LS, "2024-H2", B, 10, 2, "B 2024-H2");
	expect(db, LS, "2024-H2", D2, 10, 2, "D2 2024-H2");
	expect(db, LS, "2024-H2", A, -1, 0, "A 2024-H2");
	expect(db, LS, "2024-H2", D1, -1, 0, "D1 2024-H2");
	expect(db, LS, "2024-H2", P, 10, 2, "P 2024-H2");
	CHECK_INT(rollup_children(db, &a, LS, "2024-H2", B, &kids, &nk), 0, "B's children H2");
	CHECK(nk == 2 && kids[0] == A && kids[1] == X, "B's children 2024-H2: A, X (%zu)", nk);

	/* ---- A failed merge writes no history: F (with Y) into A, which is
	 * gone by 2024-12-31. ---- */
	size_t before = history(db).n;
	CHECK_INT(unit_merge(db, access_system(), F, A, "2024-12-31"), PH_EINVAL, "merge into a gone unit");
	CHECK(history(db).n == before, "failed merge: %zu rows, want %zu", history(db).n, before);
	CHECK_INT(store_unit_get(db, &a, Y, &xu), 0, "Y");
	CHECK(xu.parent_id == F, "Y still under F: %lld", xu.parent_id);
	/* The history row goes with the move's transaction: rolled back, none. */
	CHECK_INT(db_begin(db), 0, "begin");
	CHECK_INT(store_unit_move_members(db, F, E, "2025-03-31"), 0, "move inside");
	CHECK(history(db).n == before + 1, "row inside the transaction: %zu", history(db).n);
	CHECK_INT(db_rollback(db), 0, "rollback");
	CHECK(history(db).n == before, "rolled back: %zu rows, want %zu", history(db).n, before);

	/* ---- B into E on 2024-12-31: X moves again, under E. ----
	 * X's rows: (A, 2024-06-30), (B, 2024-12-31); the smallest valid_to
	 * on or after the period's end wins.
	 *   2024-H1: X under A, as before: A = 8 (2), P = 19 (3).
	 *   2024-H2 (ends 2024-12-31, B's last day): X under B, B under D2:
	 *     B = 10 (2), D2 = 10 (2), E and D1 no data.
	 *   2025-H1: X under E, A under B under E, all in D1:
	 *     E = 1 + 4 = 5 (2), D1 = 5 (2), D2 no data, P = 5 (2). */
	CHECK_INT(unit_merge(db, access_system(), B, E, "2024-12-31"), 0, "merge B into E");
	h = history(db);
	CHECK(h.n == before + 1, "second merge adds one row: %zu", h.n);
	found = 0;
	for (size_t i = 0; i < h.n && i < 16; i++)
		if (h.unit[i] == X && !strcmp(h.to[i], "2024-12-31")) {
			found++;
			CHECK(h.parent[i] == B, "X's second former parent is B: %lld", h.parent[i]);
		}
	CHECK_INT(found, 1, "X's second history row");
	expect(db, LS, "2024-H1", A, 8, 2, "A 2024-H1 after two merges");
	expect(db, LS, "2024-H1", P, 19, 3, "P 2024-H1 after two merges");
	expect(db, LS, "2024-H2", B, 10, 2, "B 2024-H2 after two merges");
	expect(db, LS, "2024-H2", D2, 10, 2, "D2 2024-H2 after two merges");
	expect(db, LS, "2024-H2", E, -1, 0, "E 2024-H2");
	expect(db, LS, "2024-H2", D1, -1, 0, "D1 2024-H2 after two merges");
	expect(db, LS, "2025-H1", E, 5, 2, "E 2025-H1");
	expect(db, LS, "2025-H1", D1, 5, 2, "D1 2025-H1");
	expect(db, LS, "2025-H1", D2, -1, 0, "D2 2025-H1");
	expect(db, LS, "2025-H1", P, 5, 2, "P 2025-H1");
	/* Rebuilt from scratch, the same. */
	rollup_reset();
	expect(db, LS, "2024-H1", A, 8, 2, "A 2024-H1 rebuilt");
	expect(db, LS, "2024-H2", B, 10, 2, "B 2024-H2 rebuilt");

	arena_cleanup(&a);
	rollup_reset();
	fixture_close(db);
	TEST_END("test_rollup_history");
}
