/* migrate.c: applies the embedded migrations in version order, and checks
 * the version of a database opened for reading only. */
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

/* The version recorded in db, read without writing: 0 for a database
 * without the table (a new one). */
static int current_version(struct db *db, int *out)
{
	struct db_stmt *st = NULL;
	int yes = 0;
	*out = 0;
	int rc = db_has_table(db, "schema_migrations", &yes);
	if (rc || !yes)
		return rc;
	rc = db_prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &st);
	if (rc)
		return rc;
	int s = db_step(st);
	if (s == DB_ROW)
		*out = (int)db_col_int(st, 0);
	else
		rc = s < 0 ? -s : PH_EDB;
	db_finalize(st);
	return rc;
}

static const struct asset *migration(int v)
{
	for (unsigned long i = 0; i < assets_len; i++)
		if (version_of(&assets[i]) == v)
			return &assets[i];
	return NULL;
}

int migrate_check(struct db *db, const char *path, char *err, size_t errlen)
{
	int have = 0, rc = current_version(db, &have);
	int latest = migrate_latest();
	if (rc)
		snprintf(err, errlen, "cannot read the schema version of %s: %s", path, db_errmsg(db));
	else if (have > latest)
		snprintf(err, errlen, "database schema version %d is newer than this program's %d",
		         have, latest), rc = PH_ESCHEMA;
	else if (have < latest)
		snprintf(err, errlen, "%s has schema version %d and this program needs %d: upgrade it"
		         " with `phoihop --db %s init` (or any command that writes)",
		         path, have, latest, path), rc = PH_ESCHEMAOLD;
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
	/* Another process may migrate at the same time: each step reads the
	 * version again inside its transaction, under the write lock. */
	while (have < latest) {
		struct db_stmt *st = NULL;
		const struct asset *m = NULL;
		rc = db_begin(db);
		if (!rc)
			rc = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			                 " version INTEGER PRIMARY KEY,"
			                 " applied_at TEXT NOT NULL)");
		if (!rc)
			rc = current_version(db, &have);
		if (!rc && have < latest && !(m = migration(have + 1))) {
			snprintf(err, errlen, "migration %03d is missing from this build", have + 1);
			db_rollback(db);
			return PH_EDB;
		}
		if (!rc && m)
			rc = db_exec(db, m->data);
		if (!rc && m)
			rc = db_prepare(db, "INSERT INTO schema_migrations (version, applied_at)"
			                    " VALUES (?, CURRENT_TIMESTAMP)", &st);
		if (!rc && m)
			rc = db_bind_int(st, 1, have + 1);
		if (!rc && m) {
			int s = db_step(st);
			rc = s == DB_DONE ? 0 : s < 0 ? -s : PH_EDB;
		}
		db_finalize(st);
		if (!rc)
			rc = db_commit(db);
		if (rc) {
			snprintf(err, errlen, "%s %s failed: %s", m ? "migration" : "schema upgrade",
			         m ? m->name : "", db_errmsg(db));
			db_rollback(db);
			return rc;
		}
		if (m)
			have++;
	}
	if (have > latest) {
		snprintf(err, errlen, "database schema version %d is newer than this program's %d", have, latest);
		return PH_ESCHEMA;
	}
	return 0;
}
