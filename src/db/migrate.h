/* migrate.h: versioned schema migrations, applied on open. Each migration
 * is a file src/db/migrations/NNN_name.sql embedded in the binary; NNN is
 * its version. Applied versions are recorded in schema_migrations. */
#ifndef PH_MIGRATE_H
#define PH_MIGRATE_H
#include <stddef.h>

struct db;

/* Apply every migration newer than the database, each in its own
 * transaction. Returns 0, PH_EDB, or PH_ESCHEMA when the database has a
 * version this binary does not know; err says why. */
int migrate_apply(struct db *db, char *err, size_t errlen);

/* Highest migration version this binary carries. */
int migrate_latest(void);

#endif
