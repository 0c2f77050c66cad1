/* notice.h: reminders of report deadlines (issue 4, point 3). A daily run
 * (`phoihop remind`, from cron or a systemd timer) finds the schedules due
 * a configured number of days from today and today itself, and for every
 * submitting unit that has not submitted (no report_submissions row with
 * submitted_at) writes one in-app notice to each active user of that unit
 * with the role editor or above, and, for a user with an e-mail address,
 * one mail in the outbox (mail.h sends it). A reminder already made is
 * never made twice. */
#ifndef PH_NOTICE_H
#define PH_NOTICE_H
#include <stddef.h>
#include "base/arena.h"
#include "base/date.h"

struct db;
struct user;

/* Days before the deadline reminded by default (the day itself, 0, is
 * always reminded as well). */
#define NOTICE_DEFAULT_DAYS {7, 3}
/* Largest number of days before a deadline a reminder may be made. */
#define NOTICE_DAYS_MAX 366

struct notice {
	long long id;
	long long user_id;
	long long unit_id;
	char *unit_name;
	long long schedule_id;
	char *schedule_title;
	char *due;            /* the schedule's deadline, ISO */
	char *kind;           /* "due_soon" or "due_today" */
	int days_before;
	char *text;           /* Vietnamese, as shown */
	char *created_at;     /* ISO date-time, UTC */
	char *read_at;        /* NULL: unread */
};

/* Make today's reminders. days (ndays of them, each 1..NOTICE_DAYS_MAX;
 * duplicates ignored) are the days before a deadline to remind on; the
 * deadline day itself (0) is always reminded. For every schedule due on
 * today + d, every submitting unit without a submitted report and every
 * active user of that unit with role editor or above: one notice
 * ("Còn N ngày đến hạn nộp <title> (hạn dd/mm/yyyy)", "Hôm nay là hạn nộp
 * <title>") and, when the user has an e-mail address, one outbox row. One
 * transaction; reminders already made are skipped. *created (may be NULL)
 * receives the number of new notices, *mailed (may be NULL) the number of
 * new outbox rows. PH_EINVAL (a day out of range, today not a full date),
 * PH_EDB. */
int remind_run(struct db *db, struct ph_date today, const int *days, size_t ndays,
               int *created, int *mailed);

/* Parse a comma-separated list of days ("7,3,1") into out (at most max
 * entries); *n receives their number. PH_EINVAL for anything but numbers
 * 0..NOTICE_DAYS_MAX separated by commas, or too many. */
int notice_parse_days(const char *s, int *out, size_t max, size_t *n);

/* The notices of user_id, newest first, a page of them (limit, offset),
 * only the unread ones when unread_only; in a. *total receives the number
 * matching. PH_EDB. */
int notices_for_user(struct db *db, struct arena *a, long long user_id, int unread_only,
                     int limit, int offset, struct notice **out, size_t *n,
                     long long *total);

/* The number of unread notices of user_id. PH_EDB. */
int notice_unread_count(struct db *db, long long user_id, long long *n);

/* Mark notice id read. Only its owner may: PH_EUNAUTH (no actor),
 * PH_ENOTFOUND (no such notice), PH_EFORBIDDEN (someone else's), PH_EDB.
 * Marking a read notice again changes nothing and returns 0. */
int notice_mark_read(struct db *db, const struct user *actor, long long id);

#endif
