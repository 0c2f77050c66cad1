/* fixture.h: a real SQLite database in a temporary directory for the model
 * tests (users, access, tasks, units), with the shipped registry loaded,
 * and small helpers to read it back with plain SQL. */
#ifndef PH_TEST_FIXTURE_H
#define PH_TEST_FIXTURE_H
#include "db/db.h"
#include "db/store.h"
#include "model/access.h"
#include "model/unit.h"
#include "model/user.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fixture_dir[64];

/* A fresh database with the registry; exits on failure (nothing to test). */
static inline struct db *fixture_open(void)
{
	char path[128], err[512] = "";
	struct db *db = NULL;
	long long added = 0;
	snprintf(fixture_dir, sizeof fixture_dir, "/tmp/phoihop-test-XXXXXX");
	if (sodium_init() < 0 || !mkdtemp(fixture_dir)) {
		perror("fixture");
		exit(2);
	}
	snprintf(path, sizeof path, "%s/t.db", fixture_dir);
	if (db_open(path, &db, err, sizeof err) || unit_seed(db, &added, err, sizeof err)) {
		fprintf(stderr, "fixture: %s\n", err);
		exit(2);
	}
	return db;
}

static inline void fixture_close(struct db *db)
{
	char cmd[128];
	if (db_open_statements(db) != 0)
		fprintf(stderr, "fixture: %d statement(s) left open\n", db_open_statements(db));
	db_close(db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fixture_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fixture: could not remove %s\n", fixture_dir);
}

/* The first column of the first row of sql with one optional text
 * parameter, as an integer; -1 when there is no row. */
static inline long long fixture_int(struct db *db, const char *sql, const char *param)
{
	struct db_stmt *st = NULL;
	long long v = -1;
	if (db_prepare(db, sql, &st) == 0 && (!param || db_bind_text(st, 1, param) == 0) &&
	    db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

/* The same as text, copied into buf ("" for no row or NULL). */
static inline const char *fixture_text(struct db *db, const char *sql, const char *param,
                                char *buf, size_t len)
{
	struct db_stmt *st = NULL;
	buf[0] = 0;
	if (db_prepare(db, sql, &st) == 0 && (!param || db_bind_text(st, 1, param) == 0) &&
	    db_step(st) == DB_ROW && db_col_text(st, 0))
		snprintf(buf, len, "%s", db_col_text(st, 0));
	db_finalize(st);
	return buf;
}

/* Id of the unit with that registry key; exits when missing. */
static inline long long fixture_unit(struct db *db, const char *key)
{
	long long id = 0;
	if (store_unit_by_key(db, key, &id)) {
		fprintf(stderr, "fixture: no unit %s\n", key);
		exit(2);
	}
	return id;
}

/* A user record in memory (as a session would give), for access checks. */
static inline struct user fixture_person(long long id, const char *login, long long unit_id, int role)
{
	struct user u;
	memset(&u, 0, sizeof u);
	u.id = id;
	u.login = (char *)login;
	u.name = (char *)login;
	u.unit_id = unit_id;
	u.role = role;
	return u;
}

/* A document and an empty plan to hang tasks on; returns the plan id. */
static inline long long fixture_plan(struct db *db, const char *hash)
{
	long long doc = 0, plan = 0;
	if (store_document_insert(db, "plan", "KẾ HOẠCH", "1/KH-TEST", "KH-TEST", "Lào Cai",
	                          "2024-01-15", 2024, "Kế hoạch thử", NULL, "test.txt", hash,
	                          "văn bản thử", "text", &doc) ||
	    store_plan_insert(db, doc, "Kế hoạch thử", "2024-01-01", "2024-12-31", &plan)) {
		fprintf(stderr, "fixture: cannot make a plan\n");
		exit(2);
	}
	return plan;
}

/* A task of plan at position pos, led by lead (0: none), ending end (ISO
 * or NULL), in status. Its search text is left NULL (as before 002). */
static inline long long fixture_task(struct db *db, long long plan, int pos, const char *content,
                              long long lead, const char *lead_text, const char *end,
                              const char *status)
{
	long long id = 0;
	char no[16];
	snprintf(no, sizeof no, "%d", pos);
	if (store_task_insert(db, plan, pos, no, "PHỤ LỤC", content, lead, lead_text, NULL,
	                      NULL, end, end ? "deadline" : NULL, 0, NULL, "table", pos, &id) ||
	    (status && store_task_set_status(db, id, status))) {
		fprintf(stderr, "fixture: cannot make task %d\n", pos);
		exit(2);
	}
	return id;
}

#endif
