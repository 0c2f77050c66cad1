/* test_plan_page.c: a plan's tasks a page at a time (task_plan_page): by
 * key in document order, forward and backward, positions that repeat
 * (the key is position then id), the neighbour keys, the number of the
 * first task, the ends, and keys that are not the plan's. */
#include "test.h"
#include "fixture.h"
#include "model/task.h"
#include "base/arena.h"
#include "base/err.h"

#define N 450

int main(void)
{
	struct db *db = fixture_open();
	long long plan = fixture_plan(db, "hash-paging"), other = fixture_plan(db, "hash-other");
	long long ids[N];
	/* Written out of order, with every position used twice: document
	 * order is position, then id. */
	int order[N];
	for (int i = 0; i < N; i++)
		order[i] = i;
	for (int i = 0; i < N; i++) {
		int j = (i * 7919) % N, t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	long long by_pos[N];
	for (int k = 0; k < N; k++) {
		int i = order[k];
		char content[32];
		snprintf(content, sizeof content, "Nhiệm vụ %d", i);
		by_pos[i] = fixture_task(db, plan, i / 2, content, 0, NULL, NULL, NULL);
	}
	/* Expected order: by position, and by id within a position. */
	for (int i = 0; i < N; i += 2) {
		long long a = by_pos[i], b = by_pos[i + 1];
		ids[i] = a < b ? a : b;
		ids[i + 1] = a < b ? b : a;
	}
	long long foreign = fixture_task(db, other, 1, "Của kế hoạch khác", 0, NULL, NULL, NULL);

	struct arena a;
	arena_init(&a);
	struct task_page pg;
	long long after = 0;
	int pages = 0, at = 0, in_order = 1;
	/* Forward through the whole plan. */
	do {
		CHECK_INT(task_plan_page(db, &a, plan, after, 0, 200, &pg), 0, "a page forward");
		CHECK_INT(pg.first, at + 1, "the page's first task number");
		for (size_t i = 0; i < pg.n; i++)
			in_order &= pg.t[i].id == ids[at + (int)i];
		at += (int)pg.n;
		CHECK(pages == 0 ? pg.prev == 0 : pg.prev == pg.t[0].id, "prev key of page %d", pages);
		after = pg.next;
		pages++;
	} while (after && pages < 10);
	CHECK(in_order, "pages follow document order (position, then id)");
	CHECK_INT(at, N, "every task once");
	CHECK_INT(pages, 3, "200 + 200 + 50");
	CHECK_INT(pg.n, 50, "the last page");
	CHECK_INT(pg.next, 0, "no next key on the last page");

	/* Backward from the last page's previous key. */
	long long before = pg.prev;
	CHECK_INT(task_plan_page(db, &a, plan, 0, before, 200, &pg), 0, "a page backward");
	CHECK_INT(pg.n, 200, "a full page");
	CHECK(pg.t[0].id == ids[200] && pg.t[199].id == ids[399], "the tasks just before the key,"
	      " in document order");
	CHECK_INT(pg.first, 201, "its first number");
	CHECK(pg.next == ids[399] && pg.prev == ids[200], "both neighbours");
	CHECK_INT(task_plan_page(db, &a, plan, 0, pg.prev, 200, &pg), 0, "back to the start");
	CHECK(pg.n == 200 && pg.t[0].id == ids[0] && pg.prev == 0, "the first page, no prev");
	CHECK_INT(task_plan_page(db, &a, plan, 0, ids[5], 200, &pg), 0, "a short page backward");
	CHECK(pg.n == 5 && pg.t[0].id == ids[0] && pg.prev == 0 && pg.next == ids[4],
	      "the five tasks before, no prev");

	/* The default size, and a key in the middle of a repeated position. */
	CHECK_INT(task_plan_page(db, &a, plan, ids[10], 0, 0, &pg), 0, "default size");
	CHECK_INT(pg.limit, TASK_PAGE_SIZE, "the default page size");
	CHECK(pg.n == (size_t)TASK_PAGE_SIZE && pg.t[0].id == ids[11], "starts right after the key");
	CHECK_INT(task_plan_page(db, &a, plan, 0, 0, 100000, &pg), 0, "a huge limit");
	CHECK_INT(pg.limit, TASK_PAGE_MAX, "capped");
	CHECK(pg.t[0].coords_len == 0 && pg.t[0].content, "tasks come whole");

	/* After the last task: an empty page. */
	CHECK_INT(task_plan_page(db, &a, plan, ids[N - 1], 0, 200, &pg), 0, "after the end");
	CHECK(pg.n == 0 && pg.next == 0 && pg.prev == 0, "empty, no keys");

	/* Keys that are not the plan's. */
	CHECK_INT(task_plan_page(db, &a, plan, foreign, 0, 200, &pg), PH_EINVAL, "a foreign key");
	CHECK_INT(task_plan_page(db, &a, plan, 0, 99999999, 200, &pg), PH_EINVAL, "no such task");
	CHECK_INT(task_plan_page(db, &a, plan, ids[1], ids[2], 200, &pg), PH_EINVAL, "both keys");
	CHECK_INT(task_plan_page(db, &a, plan, -3, 0, 200, &pg), PH_EINVAL, "a negative key");
	arena_cleanup(&a);
	fixture_close(db);
	TEST_END("test_plan_page");
}
