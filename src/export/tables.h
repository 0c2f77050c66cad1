/* tables.h: the table exports (.xlsx and .csv) the pages, the API and
 * the command line offer, one function each, so that the three ways out
 * give the same file: the task list with the filters of its page, a
 * schedule's completeness, an indicator's roll-ups over units and
 * periods, the dashboard's table and the audit log. (A plan's tasks:
 * export_plan_tasks in export.h.) Columns, sheet names and statuses are
 * Vietnamese; units by name, people by full name where the data has it.
 *
 * Each takes format (EXPORT_CSV or EXPORT_XLSX) and sep (',' or ';',
 * CSV only; 0 is ','), appends the file to out and leaves out as it was
 * on failure. Common failures: PH_EINVAL (another format or sep),
 * PH_ETOOBIG (past TABLE_ROWS_MAX rows or out's cap), PH_ENOMEM, PH_EDB,
 * PH_EIO (no temporary file for an .xlsx). Access is the caller's: these
 * read what every signed-in user reads, except the audit log, which
 * checks ACT_AUDIT_READ for its actor. */
#ifndef PH_EXPORT_TABLES_H
#define PH_EXPORT_TABLES_H
#include <stddef.h>
#include "base/date.h"

struct db;
struct arena;
struct buf;
struct user;
struct task_query;

/* Most bytes of one exported file (the server's answer cap). */
#define EXPORT_MAX (60u * 1024 * 1024)

/* Every task matching q (as /tasks and GET /api/v1/tasks list them, in
 * q's order; q's limit and offset are ignored): STT, TT, content, plan,
 * section, lead, coordinating units, timeframe, start, end, status,
 * overdue, notes. PH_EINVAL also for a bad filter (task_search's). */
int export_tasks(struct db *db, const struct task_query *q, int format, char sep,
                 struct buf *out);

/* The completeness of schedule_id as of today (compliance_list): one row
 * per submitting unit with its state, days late, first submission and
 * latest version. PH_ENOTFOUND. */
int export_compliance(struct db *db, struct arena *a, long long schedule_id,
                      struct ph_date today, int format, char sep, struct buf *out);

/* The roll-ups of indicator id (rollup_get) for unit_id and each unit
 * directly under it in period's tree, over the periods of the
 * indicator's years split like period (years, halves, quarters or
 * months; the last 48): one row per unit and period with the value,
 * numerator and denominator (rates), reporting units, the unit's own
 * figure, the target and the attainment. PH_ENOTFOUND (no such indicator
 * or unit), PH_EINVAL (a bad period). Memory from a. */
int export_indicator(struct db *db, struct arena *a, long long id, const char *period,
                     long long unit_id, int format, char sep, struct buf *out);

/* The dashboard's table (/dashboards): the units directly under unit_id
 * in period's tree (unit_id itself when none) by every indicator, two
 * columns each (the rolled-up value, the attainment). PH_ENOTFOUND,
 * PH_EINVAL (a bad period). Memory from a. */
int export_dashboard(struct db *db, struct arena *a, const char *period, long long unit_id,
                     int format, char sep, struct buf *out);

/* The audit log entries actor may read (audit_each: administrators all,
 * a coordinator those about its reach) made on UTC days from..to (a date
 * that is not full leaves that end open), newest first. PH_EFORBIDDEN,
 * PH_EUNAUTH. The command line passes access_system(). */
int export_audit(struct db *db, const struct user *actor, struct ph_date from,
                 struct ph_date to, int format, char sep, struct buf *out);

/* "stem.xlsx" or "stem.csv" in a (the download's name); NULL when a
 * refuses it. */
const char *export_file_name(struct arena *a, const char *stem, int format);

#endif
