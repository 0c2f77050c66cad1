/* indicator.h: indicators (issue 4, point 4): their definition, yearly
 * targets per unit level, and the values units report per period, written
 * from the web form, the API or a CSV file with per-row validation. The
 * roll-ups over the unit tree live in model/rollup.h. */
#ifndef PH_INDICATOR_H
#define PH_INDICATOR_H
#include <stddef.h>
#include "base/arena.h"

struct db;
struct user;

struct indicator {
	long long id;
	char *code, *name;
	char *measure;       /* unit of measure, NULL when none */
	char *type;          /* "count", "sum", "rate", "bool" */
	char *aggregation;   /* "sum" (count/sum), "ratio" (rate), "count_true" (bool) */
	char *levels;        /* reporting levels, comma-separated: "commune,branch" */
	char *kinds;         /* reporting unit kinds, comma-separated; NULL: any */
	int year_from, year_to; /* 0: open */
	char *created_at;
	long long owner_unit_id;/* the unit it belongs to (its definer's); 0: none
	                           (the command line's): administrators only */
	char *owner_name;    /* that unit's name and level (reads), or NULL */
	char *owner_level;
};

struct indicator_target {
	int year;
	char *level;
	char *op;            /* ">=", ">", "=", "<=" */
	double value;        /* for rate and bool: a percentage */
};

/* One value to write. unit is a key or a name (resolved through
 * unit_find) when unit_id is 0. has_den: a denominator was given. A
 * figure a person typed (a form field, a CSV cell, a JSON string) comes as
 * text and is read here, by vn_read_number, so that every way in reads
 * "2.500" as 2500 and refuses "2.5" with the same code and message. */
struct indicator_value_in {
	long long unit_id;
	const char *unit;
	const char *period;
	const char *num_text, *den_text; /* typed figures; NULL: use num, den */
	double num, den;     /* NAN: not a number (a JSON value of another type) */
	int has_den;
	int row;             /* row number for errors; 0: row_base + position */
};

/* One refused row: row number (1-based data row; the CSV reader counts
 * the header as row 1), the column ("unit", "period", "value",
 * "denominator", "file"), an English code and a Vietnamese message (static
 * strings, or in the arena of the call that refused the row). */
struct indicator_row_error {
	int row;
	const char *column;
	const char *code;
	const char *message;
};
/* Most refused rows an answer lists (the page, the API): a file with
 * thousands of bad rows gets the first ones and the count, not an answer
 * larger than the file. */
#define INDICATOR_ERRORS_SHOWN 100

/* A value as stored. */
struct indicator_value {
	long long unit_id;
	char *unit_name;
	char *period;
	double num, den;
	int has_den;
	char *source, *updated_at;
};

/* A period string: "2024", "2024-H1".."H2", "2024-Q1".."Q4",
 * "2024-01".."12". 0 with *year and end (ISO last day), or PH_EINVAL. */
int indicator_period_parse(const char *period, int *year, char end[static 11]);

/* A period in Vietnamese, in a: "Năm 2024", "6 tháng đầu năm 2024", "6
 * tháng cuối năm 2024", "Quý III/2024", "Tháng 9/2024"; the text itself
 * when it is not a period; NULL when a refuses the memory. */
const char *indicator_period_label(struct arena *a, const char *period);

/* "Đạt"-style labels: "Số lượng", "Tổng", "Tỷ lệ", "Có/không". */
const char *indicator_type_label(const char *type);

/* Create an indicator. It belongs to in->owner_unit_id when given, else
 * to the actor's unit (none for the command line), and the actor needs
 * ACT_INDICATOR_EDIT on that unit (a coordinator: in its reach); code
 * (ASCII letters, digits, . _ -), name, type and levels are required; the
 * aggregation follows the type. One transaction with an audit entry. 0
 * with *id, PH_EINVAL (err_detail-style reason in *why, static; also an
 * unknown owner), PH_EDUPLICATE (code taken), PH_EFORBIDDEN, PH_EDB. */
int indicator_add(struct db *db, const struct user *actor, const struct indicator *in,
                  long long *id, const char **why);

/* indicator_add inside the caller's open transaction: no begin or
 * commit; on an error the caller rolls back. Same codes. */
int indicator_add_tx(struct db *db, const struct user *actor, const struct indicator *in,
                     long long *id, const char **why);

int indicator_get(struct db *db, struct arena *a, long long id, struct indicator *out);
int indicator_list(struct db *db, struct arena *a, struct indicator **out, size_t *n);

/* Set (insert or replace) the target of year and level. Checks
 * ACT_INDICATOR_EDIT on the indicator's owner unit, and (but for
 * administrators) that level is the owner's level or one below it: a
 * district's indicator sets no province target. PH_EINVAL (bad year,
 * level, operator, a negative value, a rate above 100), PH_ENOTFOUND,
 * PH_EFORBIDDEN (*why says when it is the level), PH_EDB. */
int indicator_set_target(struct db *db, const struct user *actor, long long id, int year,
                         const char *level, const char *op, double value, const char **why);
/* indicator_set_target inside the caller's open transaction (the caller
 * commits or rolls back, and calls rollup_indicator_changed after a
 * commit). Same codes. */
int indicator_set_target_tx(struct db *db, const struct user *actor, long long id, int year,
                            const char *level, const char *op, double value, const char **why);
int indicator_targets(struct db *db, struct arena *a, long long id,
                      struct indicator_target **out, size_t *n);

/* Write n values of indicator id from source ("form", "api", "csv"), all
 * or nothing: every row is validated (unknown unit, a unit not of a
 * reporting level or kind, a negative or non-finite number, a bool other
 * than 0/1, a rate without a denominator, a denominator of 0, a numerator
 * above the denominator, a period that does not parse or is outside the
 * indicator's years, the same unit and period twice, ACT_VALUE_ENTER on
 * the unit) and when any row is refused nothing is written: the refused
 * rows go to *errs (arena a) and PH_EINVAL (or PH_EFORBIDDEN when the
 * only problems are permissions) is returned. Otherwise one transaction
 * with one audit entry per value, and the in-memory roll-ups are updated
 * before returning. A typed figure that vn_read_number refuses is a row
 * error with its code (ambiguous_number, foreign_number, not_a_number,
 * number_too_long) and its message. row_base: the row number of in[0] (2
 * for a CSV with a header, 1 otherwise). PH_ENOTFOUND, PH_EDB, PH_ENOMEM
 * (the arena refused memory; nothing written). */
int indicator_write_values(struct db *db, struct arena *a, const struct user *actor,
                           long long id, const struct indicator_value_in *in, size_t n,
                           const char *source, int row_base,
                           struct indicator_row_error **errs, size_t *nerrs);

/* Check one value of indicator ind for unit_id and period as
 * indicator_write_values checks a row (den NULL: no denominator). 0, or
 * PH_EINVAL / PH_EFORBIDDEN (only a permission problem) with the first
 * refusal in *err (may be NULL; row 1). PH_EDB is reported as a refusal
 * of the unit. PH_ENOMEM when the arena refused memory. */
int indicator_check_value(struct db *db, struct arena *a, const struct user *actor,
                          const struct indicator *ind, long long unit_id, const char *period,
                          double num, const double *den, struct indicator_row_error *err);

/* One value written inside a caller's transaction, and what it replaced,
 * for the roll-ups. */
struct indicator_change {
	long long indicator_id, unit_id;
	const char *period;     /* the caller's string; must outlive the apply */
	int had;                /* a value was there before */
	double old_num, old_den, num, den;
};

/* Write one checked value (indicator_check_value) of indicator id inside
 * the caller's open transaction, with its audit entry "indicator.value".
 * source: "form", "api", "csv" or "report"; at: ISO UTC time. The caller
 * takes rollup_write_lock before its db_begin, commits, then calls
 * indicator_apply_changes and rollup_write_unlock. Fills *ch. PH_EDB. */
int indicator_put_value_tx(struct db *db, const struct user *actor, long long id,
                           long long unit_id, const char *period, double num,
                           const double *den, const char *source, const char *at,
                           struct indicator_change *ch);

/* Apply n committed changes to the in-memory roll-ups; the caller holds
 * rollup_write_lock. */
void indicator_apply_changes(const struct indicator_change *ch, size_t n);

/* Values of indicator id for one period (every unit), by unit name. */
int indicator_values(struct db *db, struct arena *a, long long id, const char *period,
                     struct indicator_value **out, size_t *n);

/* 1 when level (and kind) may report indicator ind. */
int indicator_reports(const struct indicator *ind, const char *level, const char *kind);

#endif
