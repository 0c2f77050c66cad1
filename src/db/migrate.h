/* migrate.h: versioned schema migrations, applied on open. Each migration
 * is a file src/db/migrations/NNN_name.sql embedded in the binary; NNN is
 * its version. Applied versions are recorded in schema_migrations. */
#ifndef PH_MIGRATE_H
#define PH_MIGRATE_H
#include <stddef.h>

struct db;

/* Apply every migration newer than the database, each in its own
 * transaction under the write lock (a database that is up to date is only
 * read, so opening it never waits for the lock). Returns 0, PH_EBUSY (the
 * lock could not be had in time), PH_EDB, or PH_ESCHEMA when the database
 * has a version this binary does not know; err says why. */
int migrate_apply(struct db *db, char *err, size_t errlen);

/* For a read-only connection: 0 when the database at path has exactly
 * this binary's schema, PH_ESCHEMAOLD when it needs migrating (err names
 * the command that does it), PH_ESCHEMA when it is newer, or the error of
 * reading it. */
int migrate_check(struct db *db, const char *path, char *err, size_t errlen);

/* Highest migration version this binary carries. */
int migrate_latest(void);

#endif
