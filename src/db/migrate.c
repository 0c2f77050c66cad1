/* migrate.c: applies the embedded migrations in version order. */
#include "db/migrate.h"
#include "db/db.h"
#include "base/assets.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prefix[] = "src/db/migrations/";

/* Version of a migration asset, or 0 when the asset is not a migration. */
static int version_of(const struct asset *a)
{
	size_t n = sizeof prefix - 1;
	if (strncmp(a->name, prefix, n) != 0)
		return 0;
	return atoi(a->name + n);
}

int migrate_latest(void)
{
	int max = 0;
	for (unsigned long i = 0; i < assets_len; i++)
		if (version_of(&assets[i]) > max)
			max = version_of(&assets[i]);
	return max;
}

static int current_version(struct db *db, int *out)
{
	struct db_stmt *st = NULL;
	*out = 0;
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                " version INTEGER PRIMARY KEY,"
	                " applied_at TEXT NOT NULL)"))
		return PH_EDB;
	int rc = db_prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &st);
	if (rc)
		return rc;
	if (db_step(st) == DB_ROW)
		*out = (int)db_col_int(st, 0);
	else
		rc = PH_EDB;
	db_finalize(st);
	return rc;
}

int migrate_apply(struct db *db, char *err, size_t errlen)
{
	int have = 0, rc = current_version(db, &have);
	if (rc) {
		snprintf(err, errlen, "cannot read schema version: %s", db_errmsg(db));
		return rc;
	}
	int latest = migrate_latest();
	if (have > latest) {
		snprintf(err, errlen, "database schema version %d is newer than this program's %d", have, latest);
		return PH_ESCHEMA;
	}
	for (int v = have + 1; v <= latest; v++) {
		const struct asset *m = NULL;
		for (unsigned long i = 0; i < assets_len; i++)
			if (version_of(&assets[i]) == v)
				m = &assets[i];
		if (!m) {
			snprintf(err, errlen, "migration %03d is missing from this build", v);
			return PH_EDB;
		}
		struct db_stmt *st = NULL;
		rc = db_begin(db);
		if (!rc)
			rc = db_exec(db, m->data);
		if (!rc)
			rc = db_prepare(db, "INSERT INTO schema_migrations (version, applied_at)"
			                    " VALUES (?, CURRENT_TIMESTAMP)", &st);
		if (!rc)
			rc = db_bind_int(st, 1, v);
		if (!rc && db_step(st) != DB_DONE)
			rc = PH_EDB;
		db_finalize(st);
		if (!rc)
			rc = db_commit(db);
		if (rc) {
			snprintf(err, errlen, "migration %s failed: %s", m->name, db_errmsg(db));
			db_rollback(db);
			return PH_EDB;
		}
	}
	return 0;
}
