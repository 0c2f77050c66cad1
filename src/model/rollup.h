/* rollup.h: roll-ups of indicator values up the unit tree (issue 4,
 * point 5), kept in memory, process-wide, shared by every connection and
 * worker thread (guarded by one mutex).
 *
 * For each (indicator, period) asked for, an aggregate holds arrays indexed
 * by a dense unit index: the unit's own numerator, denominator and whether
 * it reported, and the sums over its subtree (itself included) with the
 * number of reporting units. It is built once from the database (one query
 * for the values; the unit tree is read once per generation) and then kept
 * current: indicator_write_values adds each change up the ancestor chain
 * while holding the lock across its transaction, so a value written is
 * visible in the next rollup_get and no request recomputes from SQL.
 *
 * The tree of a period: a unit's parent (units.parent_id), except that a
 * unit whose valid_to is before the period's last day and that has a
 * successor counts under its successor (its values for that period, if
 * any, add to the successor's subtree). The units table keeps only the
 * current parent, so a unit moved to a new parent by a merge counts under
 * the new parent in every period.
 *
 * Values: count/sum: the subtree sum of numerators; rate: 100 × summed
 * numerator / summed denominator (never an average of percentages);
 * bool: 100 × units answering yes / reporting units. Targets of rates and
 * bools are percentages.
 *
 * Memory: per aggregate about 45 bytes per unit (4.6 MB at 100,000
 * units); aggregates are built on first use only. */
#ifndef PH_ROLLUP_H
#define PH_ROLLUP_H
#include <stddef.h>
#include "base/arena.h"

struct db;

enum rollup_attain {
	ROLLUP_NO_DATA = 0,  /* chưa có số liệu */
	ROLLUP_MET,          /* đạt */
	ROLLUP_NOT_MET,      /* không đạt */
	ROLLUP_NO_TARGET,    /* no target for the unit's level and year */
};

struct rollup_result {
	int has_value;       /* 0: no unit of the subtree reported (or a 0 denominator) */
	double value;        /* sum, or a percentage for rate and bool */
	double num, den;     /* summed numerator and denominator (den: rates) */
	long long reporting; /* units of the subtree with a value */
	int own;             /* the unit itself reported */
	double own_num, own_den;
	int attain;          /* enum rollup_attain */
	int has_target;
	char op[3];          /* the target's operator */
	double target;
};

/* "Đạt", "Không đạt", "Chưa có số liệu", "Chưa có chỉ tiêu"; the CSS
 * class / API names "met", "not_met", "no_data", "no_target". */
const char *rollup_attain_label(int attain);
const char *rollup_attain_name(int attain);

/* Pure: the attainment of value against (op, target). */
int rollup_attainment(int has_value, double value, int has_target, const char *op,
                      double target);

/* The roll-up of indicator for period at unit. 0, PH_ENOTFOUND (no such
 * indicator or unit), PH_EINVAL (bad period), PH_ENOMEM, PH_EDB. */
int rollup_get(struct db *db, long long indicator, const char *period, long long unit,
               struct rollup_result *out);

/* The units counting directly under unit in period's tree (arena a),
 * in unit id order. Same codes as rollup_get. */
int rollup_children(struct db *db, struct arena *a, long long indicator, const char *period,
                    long long unit, long long **out, size_t *n);

/* For indicator.c: hold the lock across a value-writing transaction,
 * apply each committed change with rollup_apply_locked (a no-op when the
 * aggregate is not built), release. */
void rollup_write_lock(void);
void rollup_write_unlock(void);
void rollup_apply_locked(long long indicator, const char *period, long long unit,
                         int had, double old_num, double old_den,
                         double num, double den);

/* The unit tree changed (unit.c's write paths): every aggregate is
 * rebuilt on next use. Lock-free; safe from any thread. */
void rollup_units_changed(void);
/* An indicator's definition or targets changed: drop its aggregates. */
void rollup_indicator_changed(long long indicator);
/* Free every aggregate and the tree (tests; a process switching databases). */
void rollup_reset(void);

#endif
