/* withdraw.h: withdrawing an import. A plan imported by mistake is
 * removed with everything the import stored (the document with its
 * references, recipients, signers and review items; the plan with its
 * sections, tasks, coordinators, deadlines and targets; the indicators it
 * made from targets; the proposed units it created that nothing else
 * uses) and the report schedules made from it (with their units and
 * notices), in one transaction with an audit entry "document.withdraw"
 * naming what was removed. Only while nothing has been recorded against
 * it: no task status changed from what the import set (nor changed and
 * changed back: no audit entry about its tasks), no note, no file, no
 * report or report draft on its schedules, tasks or sections, no value of
 * its indicators. Who may: docs/ACCESS.md ("Withdrawing an import"). */
#ifndef PH_WITHDRAW_H
#define PH_WITHDRAW_H
#include <stddef.h>
#include "db/store.h"

struct db;
struct arena;
struct user;
struct json_t;

struct withdraw_info {
	long long plan_id, document_id;
	char *title, *number, *source_name, *imported_at; /* in the arena given */
	long long import_user_id;  /* who imported it; 0: the command line */
	long long import_unit_id;  /* the importer's unit; 0: none */
	struct store_withdraw_counts n; /* what is there, and what was recorded */
	long long *indicators;     /* indicators the import made */
	size_t indicators_len;
	long long indicator_values;/* their values (recorded against it) */
	long long *units;          /* proposed units it created that nothing else uses */
	size_t units_len;
};

/* Read what withdrawing plan_id would remove and what was recorded
 * against it, after checking that actor may withdraw it. Writes nothing.
 * Strings and arrays in a. 0, PH_ENOTFOUND (no such plan), PH_EUNAUTH,
 * PH_EFORBIDDEN, PH_EDB, PH_ENOMEM. A 0 answer does not mean it may be
 * withdrawn: see withdraw_recorded. */
int withdraw_check(struct db *db, const struct user *actor, struct arena *a,
                   long long plan_id, struct withdraw_info *out);

/* 1 when something was recorded against the plan (it cannot be withdrawn). */
int withdraw_recorded(const struct withdraw_info *w);

/* The Vietnamese sentence naming what was recorded ("Không thể rút lại
 * việc nhập: đã có 2 nhiệm vụ đổi trạng thái, 1 ghi chú."), in a; NULL
 * when nothing was (or the arena refused). */
const char *withdraw_reason_vi(struct arena *a, const struct withdraw_info *w);

/* The stable English codes of what was recorded, comma-separated
 * ("task_status,notes"), in a; "" when nothing. Codes: task_status,
 * task_history, notes, files, reports, report_tasks, report_sections,
 * indicator_values. */
const char *withdraw_conflicts(struct arena *a, const struct withdraw_info *w);

/* {"plan_id", "document_id", "title", "tasks", "sections", ...,
 * "indicators": [ids], "proposed_units": [ids]}: what is (or was)
 * removed. NULL when memory ran out. */
struct json_t *withdraw_json(const struct withdraw_info *w);

/* Withdraw plan_id: withdraw_check, then, in one transaction (checking
 * again inside it), delete it all and write the audit entry
 * "document.withdraw" about the importer's unit, with withdraw_json as
 * the record before. out (may be NULL) receives what was removed, or
 * what was recorded when refused. 0; PH_ECONFLICT when something was
 * recorded against it (nothing written); PH_ENOTFOUND, PH_EUNAUTH,
 * PH_EFORBIDDEN, PH_EBUSY, PH_EDB, PH_ENOMEM. */
int withdraw_plan(struct db *db, const struct user *actor, struct arena *a,
                  long long plan_id, struct withdraw_info *out);

#endif
