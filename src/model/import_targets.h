/* import_targets.h: turning the targets an import extracted (struct
 * ex_target) into indicators with yearly targets, chosen by the reviewer
 * in the import review (issue 4, point 4). The pure mapping (which years,
 * which default type) and the write that document_save_with runs inside
 * its own transaction, so that a plan and its indicators are saved
 * together or not at all. */
#ifndef PH_IMPORT_TARGETS_H
#define PH_IMPORT_TARGETS_H
#include <stddef.h>

struct db;
struct user;
struct extraction;
struct ex_target;

/* One target the reviewer chose to track: the index into ex->targets
 * (0-based), the indicator's name and code, its type (NULL: the default
 * of import_targets_default_type) and the unit level its targets apply
 * to (NULL: the level of the importing user's unit). */
struct import_target_choice {
	size_t target;
	const char *name, *code, *type, *level;
};

/* Most years one target can span. */
#define IMPORT_TARGETS_MAX_YEARS 50

/* "rate" when the target's unit is "%", else "count". Static string. */
const char *import_targets_default_type(const struct ex_target *t);

/* The years target t applies to, written to years (room for
 * IMPORT_TARGETS_MAX_YEARS): every year from year_from to year_to when
 * each_year and both are known, else the single year year_to (or
 * year_from, or doc_year when the text names no year). Returns how many
 * (0: no year known or the range is backwards or too long). */
size_t import_targets_years(const struct ex_target *t, int doc_year, int *years);

/* Create one indicator per choice, with a target for each of its years
 * (op and value from the extraction), INSIDE the caller's open
 * transaction (the caller commits, or rolls back on any error), with an
 * audit entry per indicator naming plan_id. ids (room for n, may be NULL)
 * gets the new indicator ids. Returns 0; PH_EINVAL with *why (English,
 * static or in no arena: a string literal) for a bad index, name, code,
 * type, level, a target without a year, or an operator an indicator
 * cannot hold; PH_EDUPLICATE (a code taken, or the same code twice);
 * PH_EFORBIDDEN (no ACT_INDICATOR_EDIT); PH_EDB; PH_ENOMEM. */
int import_targets_save(struct db *db, const struct user *actor, const struct extraction *ex,
                        const struct import_target_choice *choices, size_t n, long long plan_id,
                        long long *ids, const char **why);

#endif
