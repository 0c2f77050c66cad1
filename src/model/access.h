/* access.h: the one permission check. Pages, the API and the command line
 * all reach the model, and every model use case that reads restricted data
 * or writes anything asks access.c first; no caller decides by itself. The
 * whole rule, role x action x reach with its reasons, is docs/ACCESS.md;
 * in short:
 *
 *   reach        a user's own unit; a coordinator's also every unit below
 *                it; an administrator's (and the command line's) every unit
 *   viewer       reads what is shared: plans, tasks, units, schedules,
 *                sent reports, indicators
 *   editor       + a task's status where its unit leads, notes and files
 *                where it leads or coordinates, its unit's report drafts
 *                and values
 *   approver     + submits its unit's reports
 *   coordinator  + all of that within its reach; imports plans whose leads
 *                are in its reach or the document's parties (or below
 *                them); manages and accepts units in its reach; sets up
 *                schedules received by and submitted by units in its
 *                reach, reviews the reports they receive; reads the audit
 *                entries about its reach; defines indicators (its unit's)
 *                and sets their targets at its level and below
 *   administrator everything, users included
 *
 * Private reads (report drafts, a task's notes, files, history): users of
 * the unit they belong to, of units above it, of units it reports to, and
 * administrators, whatever their role.
 *
 * The command line acts as access_system() (trusted: it has the database
 * file); a NULL user is refused, so a forgotten actor fails closed. */
#ifndef PH_ACCESS_H
#define PH_ACCESS_H
#include <stddef.h>

struct db;
struct user;
struct task;

enum access_action {
	ACT_READ = 0,      /* read plans, tasks, units (any signed-in user) */
	ACT_TASK_STATUS,   /* change a task's status: unit = lead unit */
	ACT_TASK_NOTE,     /* add a note or a file: unit = lead or a coordinator */
	ACT_REPORT_SUBMIT, /* submit a unit's report (approver and up) */
	ACT_IMPORT,        /* import a document as a plan */
	ACT_UNIT_EDIT,     /* add/rename/merge/date a unit: unit = the unit (or parent for add) */
	ACT_AUDIT_READ,    /* read the audit log */
	ACT_USER_ADMIN,    /* manage users */
	ACT_SCHEDULE_EDIT, /* set up a report schedule: unit = the receiving unit */
	ACT_FEED,          /* create or renew a unit's calendar feed: unit = that unit */
	ACT_REPORT_DRAFT,  /* write a unit's report draft (editor and up): unit = the submitting unit */
	ACT_REPORT_REVIEW, /* accept or return a report: unit = the receiving unit */
	ACT_INDICATOR_EDIT,/* define an indicator, change it or its targets
	                      (coordinator and up): unit = its owner unit */
	ACT_VALUE_ENTER,   /* enter indicator values: unit = the unit the value is for */
	ACT_PRIVATE_READ,  /* read a unit's report drafts, task notes, files and
	                      history: unit = the unit they belong to; its users,
	                      those of units above it and of units it reports
	                      to (any role), administrators */
	ACT_SESSION,       /* one's own session and notices (any signed-in user) */
	ACT_SIGN_IN,       /* sign in (public: no session yet) */
	ACT_PUBLIC,        /* public bytes: assets, the OpenAPI document */
	ACT_FEED_READ,     /* a calendar feed by its secret token (public: the
	                      token is the credential) */
	ACT_COUNT          /* number of actions; not an action */
};

/* The route-level check the dispatcher makes before a handler runs: 0
 * when the action needs no sign-in (access_public) or user's role is at
 * least the action's least role; PH_EUNAUTH without a user (or for a
 * disabled one), PH_EFORBIDDEN otherwise. No unit is looked at: the
 * model checks the unit concerned through access_check. */
int access_route(const struct user *user, enum access_action act);
/* A Vietnamese sentence saying what a refused user may not do, for the
 * error page of a refusal ("Bạn không có quyền nhập văn bản."). Static;
 * never NULL. */
const char *access_refusal_vi(enum access_action act);
/* 1 when act needs no signed-in user (sign-in, public bytes, feeds). */
int access_public(enum access_action act);
/* The stable English name of an action ("task_status"), for docs and
 * tests; "?" for a value that is not an action. */
const char *access_name(enum access_action act);

/* 0 when user may do act on unit_id (0 = no particular unit),
 * PH_EUNAUTH when user is NULL or a disabled account, PH_EFORBIDDEN
 * otherwise, PH_EDB when the unit tree cannot be read. */
int access_check(struct db *db, const struct user *user,
                 enum access_action act, long long unit_id);
/* The same for a task: ACT_TASK_STATUS looks at the lead unit,
 * ACT_TASK_NOTE and ACT_PRIVATE_READ at the lead and every coordinating
 * unit (any of them will do). */
int access_task(struct db *db, const struct user *user,
                enum access_action act, const struct task *t);
/* 0 when an import by user may give the lead of a task to unit_id: the
 * unit is in the user's reach (ACT_IMPORT), or it is one of the
 * document's parties or below one (parties: the unit ids of its resolved
 * issuers and of the bodies a joint plan names, document_reach in
 * document.h). Coordinating units are not checked: they may be any.
 * PH_EFORBIDDEN otherwise (also without the role to import), PH_EUNAUTH,
 * PH_EDB. */
int access_import_lead(struct db *db, const struct user *user, long long unit_id,
                       const long long *parties, size_t nparties);
/* 1 when unit_id is the user's unit or (for a coordinator or
 * administrator) below it; administrators reach every unit. 0 for a
 * NULL or disabled user. */
int access_in_scope(struct db *db, const struct user *user, long long unit_id);

/* The actor of the command line (and of the demo it builds): whoever can
 * open the database file may do everything, so it is an administrator
 * with no account (id 0: the audit log shows "the command line") and no
 * unit (what it creates sits at the top level). Static; never NULL. The
 * model refuses a NULL actor (PH_EUNAUTH): only this one is trusted. */
const struct user *access_system(void);

#endif
