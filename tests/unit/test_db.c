/* test_db.c: the SQLite backend, migrations and the one-transaction import
 * on a real database file in a temporary directory. */
#include "test.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/store.h"
#include "model/unit.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/phoihop-test-db-XXXXXX";

static long long count(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	long long n = -1;
	if (db_prepare(db, sql, &st) == 0 && db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	char path[256], err[512] = "";
	snprintf(path, sizeof path, "%s/t.db", dir);
	struct db *db = NULL;

	CHECK_INT(db_open(path, &db, err, sizeof err), 0, "open creates the file");
	CHECK(migrate_latest() >= 1, "at least one migration is embedded");
	CHECK_INT(count(db, "SELECT MAX(version) FROM schema_migrations"), migrate_latest(),
	          "all migrations applied");
	CHECK_INT(count(db, "PRAGMA foreign_keys"), 1, "foreign keys on");

	long long added = 0;
	CHECK_INT(unit_seed(db, &added, err, sizeof err), 0, "registry seeds");
	CHECK(added > 40, "registry has units (%lld)", added);
	CHECK_INT(unit_seed(db, &added, err, sizeof err), 0, "seeding again is a no-op");
	CHECK_INT(added, 0, "seeding again adds nothing");
	CHECK(count(db, "SELECT COUNT(*) FROM units WHERE successor_id IS NOT NULL") > 0,
	      "2025 mergers have successors");

	/* Foreign keys refuse a task of a plan that does not exist. */
	long long id = 0;
	int rc = store_task_insert(db, 9999, 1, "1", NULL, "x", 0, NULL, NULL, NULL, NULL,
	                           NULL, 0, NULL, "table", 1, &id);
	CHECK(rc != 0, "a task of a missing plan is refused");

	/* A rolled-back transaction leaves nothing. */
	CHECK_INT(db_begin(db), 0, "begin");
	CHECK_INT(store_unit_insert(db, "test.x", 0, "other", "province", "Đơn vị thử",
	                            NULL, NULL, NULL, 0, &id), 0, "insert in transaction");
	CHECK_INT(db_rollback(db), 0, "rollback");
	long long found = 0;
	CHECK_INT(store_unit_by_key(db, "test.x", &found), PH_ENOTFOUND, "rolled back unit is gone");

	/* A bad kind is refused by the schema. */
	rc = store_unit_insert(db, "test.y", 0, "nonsense", "province", "Y", NULL, NULL, NULL, 0, &id);
	CHECK(rc != 0, "unknown kind refused by CHECK constraint");
	CHECK_INT(db_open_statements(db), 0, "every statement finalized");

	/* Reused statements (the connection's cache) start clean: no rows of
	 * the last run, no bindings left, and one SQL text prepared twice at
	 * once gives two independent statements. */
	static const char by_key[] = "SELECT name FROM units WHERE key = ?";
	struct db_stmt *a = NULL, *b = NULL;
	CHECK_INT(db_prepare(db, by_key, &a), 0, "prepare");
	db_bind_text(a, 1, "laocai.ubnd");
	CHECK_INT(db_step(a), DB_ROW, "a finds the committee");
	CHECK_INT(db_prepare(db, by_key, &b), 0, "the same SQL while a is open");
	CHECK(a != b, "a statement in use is never handed out twice");
	db_bind_text(b, 1, "laocai.hlhpn");
	CHECK_INT(db_step(b), DB_ROW, "b finds the Women's Union");
	CHECK_STR(db_col_text(a, 0), "Ủy ban nhân dân tỉnh Lào Cai", "a keeps its own row");
	CHECK_INT(db_open_statements(db), 2, "two statements open");
	db_finalize(a);
	db_finalize(b);
	CHECK_INT(db_prepare(db, by_key, &a), 0, "prepare again (from the cache)");
	CHECK_INT(db_step(a), DB_DONE, "no binding left over: key = NULL finds nothing");
	db_finalize(a);
	/* More distinct statements than the cache holds, all usable. */
	struct arena ar;
	arena_init(&ar);
	for (int i = 0; i < 100; i++) {
		const char *sql = arena_printf(&ar, "SELECT %d", i);
		CHECK_INT(db_prepare(db, sql, &a), 0, "prepare distinct statement");
		CHECK(db_step(a) == DB_ROW && db_col_int(a, 0) == i, "statement %d answers", i);
		db_finalize(a);
	}
	/* A buffer reused for other text is not mistaken for the old SQL. */
	char sql_buf[64];
	snprintf(sql_buf, sizeof sql_buf, "SELECT 'first'");
	CHECK_INT(db_prepare(db, sql_buf, &a), 0, "prepare from a buffer");
	db_step(a);
	CHECK_STR(db_col_text(a, 0), "first", "first text");
	db_finalize(a);
	snprintf(sql_buf, sizeof sql_buf, "SELECT 'second'");
	CHECK_INT(db_prepare(db, sql_buf, &a), 0, "same buffer, new text");
	db_step(a);
	CHECK_STR(db_col_text(a, 0), "second", "the new text runs, not the cached one");
	db_finalize(a);
	arena_cleanup(&ar);
	CHECK_INT(db_open_statements(db), 0, "every statement finalized again");
	db_close(db);

	/* A database from a newer program is refused, not damaged. */
	CHECK_INT(db_open(path, &db, err, sizeof err), 0, "reopen");
	CHECK_INT(db_exec(db, "INSERT INTO schema_migrations VALUES (9999, 'future')"), 0, "fake newer schema");
	db_close(db);
	db = NULL;
	CHECK_INT(db_open(path, &db, err, sizeof err), PH_ESCHEMA, "newer schema refused");
	CHECK(db == NULL, "no handle on refusal");

	snprintf(path, sizeof path, "%s/no-such-dir/t.db", dir);
	CHECK_INT(db_open(path, &db, err, sizeof err), PH_EIO, "unopenable path refused");

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_END("test_db");
}
