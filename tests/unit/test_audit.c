/* test_audit.c: the unit each audit entry is about (written with the entry)
 * and the reach of the audit log (finding 17): a coordinator below the top
 * of the tree (the provincial Women's Union) reads the entries about its
 * units only, an administrator all of them, nobody else any; and
 * migration 011's back-fill of the entries written before it. */
#include "test.h"
#include "fixture.h"
#include "model/audit.h"
#include "model/indicator.h"
#include "model/schedule.h"
#include "model/task.h"
#include "base/err.h"

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

/* The unit of the newest entry of action about entity id. */
static long long unit_of(struct db *db, const char *action, long long id)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COALESCE(unit_id, 0) FROM audit_log WHERE action = '%s'"
	         " AND entity_id = %lld ORDER BY id DESC LIMIT 1", action, id);
	return count(db, sql);
}

/* Ids of units at or below root, as a small membership test. */
static int within(struct db *db, long long unit, long long root)
{
	int yes = 0;
	return unit > 0 && store_unit_within(db, unit, root, &yes) == 0 && yes;
}

int main(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	const struct user *cli = access_system();
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long bacha = fixture_unit(db, "laocai.bacha.hlhpn");
	long long tinhdoan = fixture_unit(db, "laocai.tinhdoan");
	long long ubnd = fixture_unit(db, "laocai.ubnd");

	/* Entries about units on both sides. */
	long long branch = 0, u1 = 0, u2 = 0;
	CHECK_INT(unit_add(db, cli, bacha, "mass_org", "commune", "Hội LHPN xã Thử", NULL, NULL,
	                   NULL, &branch), 0, "unit below the Women's Union");
	CHECK_INT(user_add(db, cli, "bt.bacha", "Biên tập Bắc Hà", bacha, ROLE_EDITOR,
	                   "mat-khau-thu-1", &u1), 0, "user of Bắc Hà");
	CHECK_INT(user_add(db, cli, "bt.tinhdoan", "Biên tập Tỉnh đoàn", tinhdoan, ROLE_EDITOR,
	                   "mat-khau-thu-1", &u2), 0, "user of Tỉnh đoàn");
	long long plan = fixture_plan(db, "hash-audit-1");
	long long t1 = fixture_task(db, plan, 1, "Việc của Bắc Hà", bacha, "Hội LHPN huyện Bắc Hà",
	                            NULL, NULL);
	long long t2 = fixture_task(db, plan, 2, "Việc của Tỉnh đoàn", tinhdoan, "Tỉnh đoàn",
	                            NULL, NULL);
	long long t3 = fixture_task(db, plan, 3, "Việc không ghi chủ trì", 0, NULL, NULL, NULL);
	CHECK_INT(task_set_status(db, cli, t1, "in_progress"), 0, "status t1");
	CHECK_INT(task_set_status(db, cli, t2, "in_progress"), 0, "status t2");
	CHECK_INT(task_set_status(db, cli, t3, "in_progress"), 0, "status t3");
	const long long subs[] = {tinhdoan};
	struct schedule_input in = {.kind = "annual", .year = 2024, .due = "2024-12-20",
	                            .receiving_unit_id = tinhdoan, .unit_ids = subs,
	                            .unit_ids_len = 1};
	long long sid = 0;
	CHECK_INT(schedule_create(db, cli, &in, &sid, NULL, NULL), 0, "schedule of Tỉnh đoàn");

	/* Written with each entry. */
	CHECK_INT(unit_of(db, "unit.add", branch), branch, "unit.add: the unit itself");
	CHECK_INT(unit_of(db, "user.add", u1), bacha, "user.add: the user's unit");
	CHECK_INT(unit_of(db, "user.add", u2), tinhdoan, "user.add: the user's unit");
	CHECK_INT(unit_of(db, "task.status", t1), bacha, "task.status: the lead unit");
	CHECK_INT(unit_of(db, "task.status", t2), tinhdoan, "task.status: the lead unit");
	CHECK_INT(unit_of(db, "task.status", t3), 0, "a task without a lead: no unit");
	CHECK_INT(unit_of(db, "schedule.create", sid), tinhdoan, "schedule: the receiving unit");

	/* Reading: the Women's Union's coordinator sees its subtree. */
	struct user dp = fixture_person(0, "dp", hlhpn, ROLE_COORDINATOR);
	struct user up = fixture_person(0, "up", ubnd, ROLE_COORDINATOR);
	struct user admin = fixture_person(0, "admin", ubnd, ROLE_ADMIN);
	struct user viewer = fixture_person(0, "xem", hlhpn, ROLE_VIEWER);
	struct audit_filter f = {.limit = 500};
	struct audit_entry *e = NULL;
	size_t n = 0;
	long long total = 0;
	CHECK_INT(audit_list(db, &dp, &a, &f, &e, &n, &total), 0, "coordinator reads");
	int mine = 0, others = 0;
	for (size_t i = 0; i < n; i++) {
		mine += within(db, e[i].unit_id, hlhpn);
		others += !within(db, e[i].unit_id, hlhpn);
	}
	CHECK_INT(others, 0, "only entries about the coordinator's reach");
	CHECK_INT(mine, 3, "the branch, the user and the task of Bắc Hà");
	CHECK_INT(total, (long long)n, "total counts the same entries");
	f.entity = "user";
	CHECK_INT(audit_list(db, &dp, &a, &f, &e, &n, &total), 0, "filtered by entity");
	CHECK(n == 1 && e[0].entity_id == u1, "the one user of its reach");
	f.entity = NULL;

	CHECK_INT(audit_list(db, &up, &a, &f, &e, &n, &total), 0, "UBND tỉnh's coordinator reads");
	CHECK_INT(total, 0, "nothing written about UBND tỉnh's units");

	CHECK_INT(audit_list(db, &admin, &a, &f, &e, &n, &total), 0, "administrator reads");
	CHECK_INT(total, count(db, "SELECT COUNT(*) FROM audit_log"), "administrators read all");
	CHECK_INT(audit_list(db, &viewer, &a, &f, &e, &n, &total), PH_EFORBIDDEN, "viewer refused");
	CHECK_INT(audit_list(db, NULL, &a, &f, &e, &n, &total), PH_EUNAUTH, "no actor refused");

	/* Indicators: one defined by a real coordinator account, one by the
	 * command line. */
	long long dpid = 0, ind = 0, cli_ind = 0;
	CHECK_INT(user_add(db, cli, "dp.that", "Điều phối Phụ nữ", hlhpn, ROLE_COORDINATOR,
	                   "mat-khau-thu-1", &dpid), 0, "a coordinator account");
	struct user real;
	CHECK_INT(user_get(db, &a, dpid, &real), 0, "read it");
	struct indicator in1 = {.code = "AU-1", .name = "Chỉ tiêu thử", .type = "count",
	                        .levels = "province"};
	struct indicator in2 = {.code = "AU-2", .name = "Chỉ tiêu dòng lệnh", .type = "count",
	                        .levels = "province"};
	CHECK_INT(indicator_add(db, &real, &in1, &ind, NULL), 0, "indicator of the coordinator");
	CHECK_INT(indicator_add(db, cli, &in2, &cli_ind, NULL), 0, "indicator of the command line");
	CHECK_INT(unit_of(db, "indicator.add", ind), hlhpn, "indicator.add: the owner");

	/* Migration 011's back-fill: the same database as before 011 (the
	 * columns gone, the version not applied), opened again. */
	long long entries = count(db, "SELECT COUNT(*) FROM audit_log");
	/* Later migrations are undone too, newest first, so that they apply
	 * again on top of 011. */
	CHECK_INT(db_exec(db, "DROP TABLE import_uploads; DROP TABLE document_files;"
	                      " ALTER TABLE review_items DROP COLUMN place;"
	                      " ALTER TABLE documents DROP COLUMN format;"
	                      " DROP INDEX attachments_user_time;"
	                      " DROP INDEX audit_unit;"
	                      " ALTER TABLE audit_log DROP COLUMN unit_id;"
	                      " ALTER TABLE indicators DROP COLUMN owner_unit_id;"
	                      " DELETE FROM schema_migrations WHERE version >= 11"), 0,
	          "back to schema 010");
	db_close(db);
	char path[128], err[256] = "";
	snprintf(path, sizeof path, "%s/t.db", fixture_dir);
	db = NULL;
	CHECK_INT(db_open(path, &db, err, sizeof err), 0, "migrate again");
	if (!db) {
		fprintf(stderr, "cannot reopen: %s\n", err);
		return 1;
	}
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log"), entries, "no entry lost");
	CHECK_INT(unit_of(db, "unit.add", branch), branch, "back-filled: unit");
	CHECK_INT(unit_of(db, "user.add", u1), bacha, "back-filled: user");
	CHECK_INT(unit_of(db, "task.status", t1), bacha, "back-filled: task");
	CHECK_INT(unit_of(db, "task.status", t2), tinhdoan, "back-filled: task");
	CHECK_INT(unit_of(db, "schedule.create", sid), tinhdoan, "back-filled: schedule");
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT COALESCE(owner_unit_id, 0) FROM indicators WHERE id = %lld",
	         ind);
	CHECK_INT(count(db, sql), hlhpn, "back-filled: the definer's unit owns the indicator");
	snprintf(sql, sizeof sql, "SELECT COALESCE(owner_unit_id, 0) FROM indicators WHERE id = %lld",
	         cli_ind);
	CHECK_INT(count(db, sql), 0, "back-filled: the command line's has no owner");
	CHECK_INT(unit_of(db, "indicator.add", ind), hlhpn, "back-filled: indicator entry");
	CHECK_INT(audit_list(db, &dp, &a, &f, &e, &n, &total), 0, "coordinator reads after 011");
	CHECK_INT(total, 5, "the same entries: three, the account and the indicator");

	arena_cleanup(&a);
	fixture_close(db);
	TEST_END("test_audit");
}
