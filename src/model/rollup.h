/* rollup.h: roll-ups of indicator values up the unit tree (issue 4,
 * point 5), kept in memory, process-wide, shared by every connection and
 * worker thread (guarded by one mutex).
 *
 * For each (indicator, period) asked for, an aggregate holds, for the
 * internal nodes of the period's tree only (units with at least one unit
 * counting under them), the sums over the subtree (itself included), the
 * number of reporting units and the node's own value. A leaf's subtree is
 * its own value, which rollup_get reads from the database (one
 * primary-key lookup of indicator_values) when asked for a leaf. The
 * aggregate is built once from the database (one query for the values and
 * one pass in C; the unit tree is read once per generation) and then kept
 * current: indicator_write_values adds each change up the chain of
 * internal ancestors while holding the lock across its transaction, so a
 * value written is visible in the next rollup_get and no request
 * recomputes from SQL.
 *
 * The structure of a period's tree (each unit's parent there, the dense
 * index of internal nodes, and each internal node's children in unit id
 * order as CSR arrays) is built once per unit generation and period end
 * date and shared by every aggregate of periods ending that day; two
 * period ends with identical trees (no merge between them) share one.
 *
 * The tree of a period ending on day E: a unit's parent is the one it
 * held on E, that is the parent_id of its unit_parent_history row with
 * the smallest valid_to >= E if any (a merge re-parenting the merged
 * unit's open children records their former parent there), else
 * units.parent_id; except that a unit whose valid_to is before E and that
 * has a successor counts under its successor (its values for that period,
 * if any, add to the successor's subtree). So a child moved by a merge
 * on day D counts under its former parent in periods ending on or before
 * D and under the new one after. The history is read once per unit
 * generation, with the unit tree.
 *
 * Values: count/sum: the subtree sum of numerators; rate: 100 × summed
 * numerator / summed denominator (never an average of percentages);
 * bool: 100 × units answering yes / reporting units. Targets of rates and
 * bools are percentages.
 *
 * Memory, with N units and I internal nodes: the unit tree 36 bytes per
 * unit (array capacity, once) plus 4 per unit and 23 per history row;
 * each distinct period tree 12 bytes per
 * unit + 4 per internal node; each aggregate 37 bytes per internal node
 * + about 200 bytes (rollup_bytes reports the total). Measured on the
 * national demo data (102,369 units, 3,352 internal nodes, 20 indicators
 * x 8 half-years): 124,408 bytes per aggregate (1.2 bytes per unit; the
 * previous layout held 45 bytes per unit, 4.6 MB per aggregate), 28.3 MB
 * for all 160 aggregates with the shared trees (previously about 740 MB
 * allocated, 544 MB resident). Reading a leaf costs one indexed query
 * (about 3.5 us in SQLite against 0.5 us before); an internal node or a
 * child list is read from memory. Aggregates are built on first use only. */
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

/* The bytes the roll-ups hold now (unit tree, period trees, aggregates);
 * *naggs (may be NULL) receives the number of aggregates built. */
size_t rollup_bytes(size_t *naggs);

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
