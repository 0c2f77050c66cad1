/* schedule.h: report schedules (issue 4, point 1). A schedule is one
 * report due: its kind, the period it covers, the data cut-off (Decree
 * 09/2019/NĐ-CP, Article 12 by default, editable), the deadline, the
 * receiving unit, and the submitting units: an explicit list, a rule
 * "every unit of kind K below unit U" resolved against the units valid on
 * the due date, or both. Schedules are made by hand or from the report
 * deadlines a plan's import found. Submissions and completeness (points 2
 * and 3) hang off a schedule id and the units schedule_submitters gives. */
#ifndef PH_SCHEDULE_H
#define PH_SCHEDULE_H
#include <stddef.h>
#include "model/model.h"

struct db;
struct user;

enum schedule_kind {
	SCHED_MONTHLY = 0, SCHED_QUARTERLY, SCHED_HALF_YEAR, SCHED_NINE_MONTH,
	SCHED_ANNUAL, SCHED_AD_HOC, SCHED_KIND_COUNT
};

/* "monthly", "quarterly", "6-month", "9-month", "annual", "ad_hoc";
 * NULL outside the enum. */
const char *schedule_kind_name(int kind);
/* "Báo cáo tháng", ..., "Báo cáo đột xuất"; the name itself for an
 * unknown name (never NULL for a non-NULL name). */
const char *schedule_kind_label(const char *name);
/* Parse a kind name; 0 or PH_EINVAL. */
int schedule_kind_parse(const char *s, int *kind);

/* The period a report covers and its default data cut-off, ISO. */
struct schedule_period {
	char start[11], end[11];               /* calendar month/quarter/half/... */
	char cutoff_start[11], cutoff_end[11]; /* Decree 09, Article 12 */
};

/* Pure: the period of kind for year (1900-2200) and index (month 1-12 for
 * monthly, quarter 1-4 for quarterly, 0 otherwise) and its default
 * cut-off. Monthly: 15th of the previous month to the 14th; quarterly:
 * 15th of the month before the quarter to the 14th of its last month;
 * 6-month: 15/12 of the previous year to 14/6; 9-month: to 14/9; annual:
 * 15/12 of the previous year to 14/12. PH_EINVAL for ad hoc (no default),
 * a bad year or index. */
int schedule_period(int kind, int year, int index, struct schedule_period *out);

/* Pure: the period of kind a report due on due (ISO) most likely covers:
 * among the periods that began by the due date, the one whose end is
 * nearest to it (a 6-month report due 15/6 covers that half year, an
 * annual one due 10/01 the year before). 0 with *year and *index,
 * PH_EINVAL for ad hoc or a bad date. */
int schedule_period_for_due(int kind, const char *due, int *year, int *index);

struct schedule {
	long long id;
	long long plan_id;          /* 0: entered by hand */
	long long deadline_id;      /* the imported deadline it came from, or 0 */
	char *kind;                 /* kind name */
	char *title;
	int year;                   /* 0 when none (ad hoc) */
	int period_index;           /* month or quarter, 0 when it does not apply */
	char *period_start, *period_end;   /* ISO or NULL (ad hoc) */
	char *cutoff_start, *cutoff_end;   /* ISO or NULL (ad hoc from a plan) */
	char *due;                  /* ISO */
	long long receiving_unit_id;
	char *receiving_unit_name;
	char *rule_kind;            /* unit kind of the rule, or NULL */
	long long rule_parent_id;   /* 0 when no rule */
	char *rule_parent_name;
	long long *unit_ids;        /* the explicit list, ascending */
	size_t unit_ids_len;
	int submitters;             /* number of submitting units (lists) */
	char *created_at;
};

/* What schedule_create takes. Strings may be NULL or "" where optional. */
struct schedule_input {
	const char *kind;           /* required */
	const char *title;          /* empty: made from the kind and period */
	int year, period_index;     /* as for schedule_period; ad hoc: optional */
	const char *period_start, *period_end; /* ad hoc only: optional */
	const char *cutoff_start, *cutoff_end; /* empty: the default; ad hoc: required */
	const char *due;            /* required */
	long long receiving_unit_id;
	const long long *unit_ids;  /* explicit submitters (duplicates ignored) */
	size_t unit_ids_len;
	const char *rule_kind;      /* with rule_parent_id: every unit of that */
	long long rule_parent_id;   /* kind below that unit */
};

/* The units a schedule use case found outside the actor's reach:
 * schedule_create names the submitters it refused, schedule_from_plan the
 * lead units it left out. The caller sets a (its arena, where units are
 * allocated); units NULL and n 0 when there were none. */
struct schedule_outside {
	struct arena *a;
	struct unit *units;
	size_t n;
	size_t cap;           /* room in units (the model's business) */
};

/* Create a schedule. Checks ACT_SCHEDULE_EDIT for actor on the receiving
 * unit and on every submitting unit: each explicit one and the rule's
 * parent (whose units below are then in reach too). Validates every
 * field, and writes the schedule, its explicit units and an audit entry
 * "schedule.create" in one transaction. *id (may be NULL) receives the
 * new id. PH_EINVAL (an unknown kind, a bad or missing
 * year/month/quarter, a date that is not ISO, reversed dates, a cut-off
 * ending after the deadline, no deadline, no cut-off for an ad hoc
 * report, an unknown receiving or submitting unit, an unknown rule kind,
 * half a rule, no submitters at all), PH_EFORBIDDEN (out of reach:
 * outside, may be NULL, then names the submitting units refused),
 * PH_EUNAUTH, PH_EDB; *why (may be NULL) then points at a static English
 * sentence naming the field. */
int schedule_create(struct db *db, const struct user *actor,
                    const struct schedule_input *in, long long *id,
                    const char **why, struct schedule_outside *outside);

/* The period key of the indicator values a report for s holds (see
 * indicator_period_parse): "2024-H1" for a 6-month report, "2024" for an
 * annual one, "2024-Q3" quarterly, "2024-09" monthly. PH_ENOTFOUND for
 * 9-month and ad hoc reports, whose span is no period of values. */
int schedule_value_period(const struct schedule *s, char out[static 12]);

/* The Vietnamese sentence for a why of schedule_create or
 * schedule_from_plan (for pages); a general one for NULL or an unknown
 * why. Never NULL. */
const char *schedule_reason_vi(const char *why);

/* Every schedule, soonest deadline first, with names and the number of
 * submitting units, in a. */
int schedule_list(struct db *db, struct arena *a, struct schedule **out, size_t *n);

/* One schedule and (subs not NULL) its submitting units; PH_ENOTFOUND. */
int schedule_get(struct db *db, struct arena *a, long long id, struct schedule *out,
                 struct unit **subs, size_t *nsubs);

/* The submitting units of s: the units of kind rule_kind anywhere below
 * rule_parent_id that are valid on s->due (not proposed), plus the
 * explicit list; each once, in Vietnamese name order, in a. */
int schedule_submitters(struct db *db, struct arena *a, const struct schedule *s,
                        struct unit **out, size_t *n);

/* Make one schedule per report deadline of plan_id not yet turned into a
 * schedule: kinds 6-month, annual, 9-month, quarterly keep theirs (period
 * from the due date, default cut-off ending no later than the due date),
 * others become ad hoc with the due date only. The receiving unit is the
 * deadline's resolved unit, else receiving_unit_id (0: none); the
 * submitters are the plan's lead units in the actor's reach. Lead units
 * outside it are left out, never silently: outside (may be NULL) lists
 * them. One transaction with an audit entry per schedule. *created and
 * *skipped (may be NULL) receive the numbers made and passed over
 * (already made, or without a due date). PH_ENOTFOUND (no plan),
 * PH_EINVAL (a deadline without a receiving unit, a plan without lead
 * units; *why says), PH_EFORBIDDEN (the receiving unit, or every lead
 * unit, outside the reach), PH_EDB. */
int schedule_from_plan(struct db *db, const struct user *actor, long long plan_id,
                       long long receiving_unit_id, int *created, int *skipped,
                       const char **why, struct schedule_outside *outside);

#endif
