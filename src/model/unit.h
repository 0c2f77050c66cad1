/* unit.h: the units registry use cases: seeding it from the embedded data
 * files, building the name resolver, finding a unit by name, listing. */
#ifndef PH_UNIT_H
#define PH_UNIT_H
#include <stddef.h>
#include "model/model.h"

struct db;
struct resolver;
struct user;

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

/* Unit levels and kinds with their Vietnamese labels, in the order forms
 * offer them: {"central", "Trung ương"}, ... and {"committee", "Ủy ban"}, ... */
extern const char *const unit_levels[5][2];
extern const char *const unit_kinds[6][2];
/* The Vietnamese label of a level or kind; the name itself when unknown,
 * NULL for NULL. */
const char *unit_level_label(const char *level);
/* The depth of a level in unit_levels: 0 central, 1 province, 2 district,
 * 3 commune, 4 branch; -1 for NULL or an unknown level. A larger rank is
 * a lower level. */
int unit_level_rank(const char *level);
const char *unit_kind_label(const char *kind);

/* One unit by id; PH_ENOTFOUND. */
int unit_get(struct db *db, struct arena *a, long long id, struct unit *out);
/* Its aliases (names an import resolves to it), collated. */
int unit_aliases(struct db *db, struct arena *a, long long id, char ***out,
                 size_t *n);

/* Management. Each checks ACT_UNIT_EDIT for actor (NULL = command line),
 * writes one transaction with an audit entry, and returns 0, PH_EINVAL
 * (empty name, unknown kind/level, bad or reversed dates, merging a unit
 * into itself or into one of its own descendants), PH_ENOTFOUND,
 * PH_EDUPLICATE (a sibling with the same name), PH_EFORBIDDEN or PH_EDB.
 * New units get a key made from the parent's key and the folded name. */
int unit_add(struct db *db, const struct user *actor, long long parent_id,
             const char *kind, const char *level, const char *name,
             const char *short_name, const char *valid_from,
             const char *valid_to, long long *id);
/* Rename; the old name stays as an alias so that documents still resolve.
 * short_name NULL keeps the short name, "" removes it (a replaced or
 * removed short name also stays as an alias). Unchanged names: no-op. */
int unit_rename(struct db *db, const struct user *actor, long long id,
                const char *name, const char *short_name);
/* Set validity dates (ISO or NULL). */
int unit_set_validity(struct db *db, const struct user *actor, long long id,
                      const char *valid_from, const char *valid_to);
/* Rename and set validity together, in one transaction with an audit
 * entry for each part written. set_names: rename as unit_rename does,
 * except that name NULL keeps the current name (short_name NULL keeps the
 * short name, "" removes it). set_validity: set both dates as
 * unit_set_validity does (NULL clears one). The sibling name check uses
 * the name and dates the unit has after the whole update. Any failure
 * changes nothing. Same return codes as unit_rename and
 * unit_set_validity; neither flag set only checks access and that the
 * unit exists. */
int unit_update(struct db *db, const struct user *actor, long long id,
                const char *name, const char *short_name, int set_names,
                const char *valid_from, const char *valid_to, int set_validity);
/* Add an alias. PH_EDUPLICATE when the unit already has it (or it is the
 * unit's name or short name). */
int unit_add_alias(struct db *db, const struct user *actor, long long id,
                   const char *alias);
/* Merge unit from into unit into on date (ISO; the last day of from):
 * from gets valid_to = date and successor = into, from's name, short name
 * and aliases become aliases of into, and the tasks from leads or
 * coordinates that are not done or cancelled move to into, as do from's
 * users and its units still open after date. PH_ECONFLICT
 * when from has been merged already; PH_EINVAL also when date is before
 * from's valid_from or into ends on or before date. */
int unit_merge(struct db *db, const struct user *actor, long long from,
               long long into, const char *date);
/* Accept a proposed unit (one an import created for a name that resolved
 * to nothing) into the registry: it is no longer marked proposed, takes
 * kind (NULL or "": keeps its kind) and level (NULL or "": its parent's
 * level). Checks ACT_UNIT_EDIT on the unit (a coordinator whose reach
 * holds it, an administrator); one transaction with an audit entry
 * "unit.accept". PH_ECONFLICT when it is not proposed (accepted already),
 * PH_EDUPLICATE when an accepted sibling has its name (merge it instead),
 * PH_EINVAL (unknown kind or level), PH_ENOTFOUND, PH_EFORBIDDEN, PH_EDB. */
int unit_accept(struct db *db, const struct user *actor, long long id, const char *kind,
                const char *level);

#endif
