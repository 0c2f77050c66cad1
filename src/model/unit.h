/* unit.h: the units registry use cases: seeding it from the embedded data
 * files, building the name resolver, finding a unit by name, listing. */
#ifndef PH_UNIT_H
#define PH_UNIT_H
#include <stddef.h>
#include "model/model.h"

struct db;
struct resolver;

/* Load data/units.tsv and data/abbreviations.tsv (embedded) into an empty
 * registry, in one transaction. Does nothing when units exist. *added
 * (may be NULL) receives the number of units added. 0, PH_EINVAL (bad
 * data file; err says where), PH_EDB. */
int unit_seed(struct db *db, long long *added, char *err, size_t errlen);

/* A resolver over every unit of the database (names, short names,
 * aliases, abbreviations). NULL with *rc set on failure. Caller frees
 * with resolver_free(). */
struct resolver *unit_resolver_db(struct db *db, int *rc);

/* The same over the embedded registry, without any database (for a dry
 * run with no database yet). */
struct resolver *unit_resolver_embedded(int *rc);

/* Find a unit by its key or any of its names. 0 with *id, PH_ENOTFOUND. */
int unit_find(struct db *db, const struct resolver *r, const char *name,
              long long *id);

/* All units, sorted by Vietnamese collation of their names. */
int unit_list(struct db *db, struct arena *a, struct unit **out, size_t *n);

#endif
