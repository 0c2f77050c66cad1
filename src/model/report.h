/* report.h: a unit's report for a schedule (issue 4, point 2) and the
 * completeness of a schedule (point 3). A report is a chain of versions
 * (report_submissions): editors write a draft, an approver submits it and
 * from then on its content never changes, the receiving unit's
 * coordinator accepts it or returns it with a comment, and a correction
 * of a submitted, returned or accepted version is a new version, which
 * is submitted and reviewed again; the versions before it stay as they
 * were.
 *
 * Task statuses are taken as of the schedule's cut-off end: the status
 * before the first "task.status" audit entry made after that day, else
 * the current status.
 *
 * Indicator values: the indicators in scope of a report are those the
 * unit's level and kind report (indicator_reports) whose years include
 * the schedule's year, for the schedule's period of values
 * (schedule_value_period; none for 9-month and ad hoc reports). Each
 * version keeps its own figures (submission_values); a first draft starts
 * from the values already stored for the unit and period. Submitting a
 * version writes its figures to indicator_values (source "report") and
 * the roll-ups in the same transaction. */
#ifndef PH_REPORT_H
#define PH_REPORT_H
#include <stddef.h>
#include "model/model.h"
#include "model/schedule.h"
#include "model/indicator.h"

struct db;
struct user;

#define REPORT_TEXT_MAX 20000   /* bytes of one section's narrative */
#define REPORT_COMMENT_MAX 2000 /* bytes of a review comment or a task note */

struct report_section {
	long long section_id;   /* 0: the general part */
	char *title;            /* may be NULL */
	char *text;             /* may be "" in a draft */
};

struct report_task {
	long long task_id;
	char *no, *content;     /* from the task (reading only) */
	char *status;           /* not_started|in_progress|done|cancelled */
	char *note;             /* may be NULL */
};

/* An indicator figure of a report. */
struct report_value {
	long long indicator_id;
	char *code, *name, *measure, *type; /* from the indicator (reading only) */
	int has_value;          /* 0: no figure (input: clear it) */
	double num, den;        /* den only for rates */
	int has_den;
};

struct report_version {
	long long id;           /* 0: a proposal never saved */
	int version;            /* 1, 2, ...; 0 for a proposal */
	char *status;           /* draft|submitted|accepted|returned; NULL: proposal */
	char *created_by, *created_at, *updated_at;     /* logins; NULL: command line */
	char *submitted_by, *submitted_at;
	char *reviewed_by, *reviewed_at, *review_comment;
	struct report_section *sections;
	size_t nsections;
	struct report_task *tasks;
	size_t ntasks;
	struct report_value *values; /* versions: the figures it holds; basis:
	                                every indicator in scope */
	size_t nvalues;
};

struct report {
	struct schedule schedule;
	struct unit unit;
	struct report_version *versions; /* newest first */
	size_t n;
	/* What a draft would hold now: the latest version's content, or
	 * when there is none the defaults (the plan's level-1 sections or a
	 * general part, the unit's tasks as of the cut-off). Never NULL once
	 * report_get returned 0. */
	struct report_version *basis;
	char period[12];        /* the period of values; "" when none */
	size_t drafts_hidden;   /* drafts left out of versions (and basis)
	                           because the reader may not read them */
};

/* What a draft writes. n = 0 keeps the basis's part. */
struct report_draft {
	const struct report_section *sections;
	size_t nsections;
	const struct report_task *tasks;
	size_t ntasks;
	const struct report_value *values; /* by indicator_id; has_value 0 clears */
	size_t nvalues;
};

/* The report of unit_id for schedule_id with every version actor may
 * read, newest first, in a. Submitted, returned and accepted versions are
 * read by every signed-in user; a draft (a version not yet sent) only
 * with ACT_PRIVATE_READ on unit_id (its users, those of units above it
 * and of the units it reports to, administrators): for anyone else drafts
 * are left out of versions and basis and counted in drafts_hidden.
 * PH_ENOTFOUND when there is no such schedule, or the unit is not one of
 * its submitters; PH_EUNAUTH (no actor), PH_EDB, PH_ENOMEM (a refused
 * memory). */
int report_get(struct db *db, const struct user *actor, struct arena *a, long long schedule_id,
               long long unit_id, struct report *out);

/* Write the draft of unit_id's report for schedule_id. Checks
 * ACT_REPORT_DRAFT on unit_id. A draft is updated in place; with no
 * version yet this makes version 1; after a submitted, returned or
 * accepted version a new version (a correction) starting from its
 * content. in->sections
 * replace the narrative: each section_id must be 0 or a section of the
 * schedule's plan, text at most REPORT_TEXT_MAX. in->tasks override the
 * status and note of the unit's tasks by task_id (a task not in the
 * report is PH_EINVAL; a NULL status or note keeps the one there, an
 * empty note clears it). in->values set or clear figures by indicator_id:
 * an indicator not in scope is PH_EINVAL, and each figure is checked like
 * a value row (indicator_check_value); a refused figure gives PH_EINVAL
 * (or PH_EFORBIDDEN) with the refusal in *verr (may be NULL; its row is
 * the 1-based position in in->values). One transaction with an audit
 * entry "report.draft". *version (may be NULL) receives the version
 * number written. PH_ENOTFOUND, PH_EFORBIDDEN, PH_EUNAUTH, PH_EINVAL
 * (*why, may be NULL, says which field), PH_EDB, PH_ENOMEM (its arena
 * refused memory: nothing written). */
int report_save_draft(struct db *db, const struct user *actor, long long schedule_id,
                      long long unit_id, const struct report_draft *in, int *version,
                      const char **why, struct indicator_row_error *verr);
/* report_save_draft working in the caller's arena a (the records it reads
 * stay there until the caller frees a), so that a request's memory cap
 * covers it: PH_ENOMEM, and nothing written, when a refuses memory. */
int report_save_draft_in(struct db *db, struct arena *a, const struct user *actor,
                         long long schedule_id, long long unit_id,
                         const struct report_draft *in, int *version, const char **why,
                         struct indicator_row_error *verr);

/* Submit the latest version, which must be a draft (PH_ECONFLICT
 * otherwise, PH_ENOTFOUND when there is none). Checks ACT_REPORT_SUBMIT
 * on unit_id. Sets submitted_at (UTC now; its day is PHOIHOP_TODAY when
 * that is set, like date_today) and submitted_by; from then on that
 * version's content never changes. Its indicator figures are written to
 * indicator_values (source "report", an audit entry each) in the same
 * transaction, and the roll-ups updated after the commit. Audit
 * "report.submit". */
int report_submit(struct db *db, const struct user *actor, long long schedule_id,
                  long long unit_id);
/* report_submit in the caller's arena, as report_save_draft_in. */
int report_submit_in(struct db *db, struct arena *a, const struct user *actor,
                     long long schedule_id, long long unit_id);

/* Accept (accept = 1) or return (0) the newest version that is not a
 * draft (a correction being drafted does not hold up the review of what
 * was sent before it), which must be submitted (PH_ECONFLICT otherwise).
 * Checks ACT_REPORT_REVIEW on the schedule's receiving unit. A return needs a comment (PH_EINVAL).
 * Audit "report.accept" or "report.return". */
int report_review(struct db *db, const struct user *actor, long long schedule_id,
                  long long unit_id, int accept, const char *comment);

/* "Bản nháp", "Đã gửi", "Đã chấp nhận", "Bị trả lại"; "Chưa có" for NULL. */
const char *report_status_label(const char *status);

/* ---- completeness (point 3) ---- */

enum compliance_state { COMPLY_ON_TIME = 0, COMPLY_LATE, COMPLY_MISSING };

struct compliance_row {
	struct unit unit;
	int state;              /* enum compliance_state */
	int days;               /* late: days late; missing: days overdue
	                           (0: not yet due or due today) */
	char *submitted_at;     /* the first submitted version's time, or NULL */
	int latest_version;     /* 0: nothing written */
	char *latest_status;    /* NULL: nothing written */
};

struct compliance {
	struct schedule schedule;
	struct compliance_row *rows; /* the submitting units, Vietnamese order */
	size_t n;
	int on_time, late, missing, overdue, not_due; /* overdue + not_due = missing */
};

/* The completeness of schedule_id as of today: for every submitting unit
 * on time (the first submitted version's day <= due), late (by days) or
 * missing (overdue by days when due < today). PH_ENOTFOUND, PH_EDB,
 * PH_ENOMEM. */
int compliance_list(struct db *db, struct arena *a, long long schedule_id,
                    struct ph_date today, struct compliance *out);

/* "on_time", "late", "missing". */
const char *compliance_state_name(int state);

/* Days from a to b (b - a), both full dates. */
long long report_days_between(struct ph_date a, struct ph_date b);

#endif
