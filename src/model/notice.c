/* notice.c: reminder use cases (see notice.h): today's reminders of the
 * schedules due soon or today to the units that have not submitted, with
 * their outbox mail, and a user's notices (list, unread count, marking
 * read by the owner). */
#include "model/notice.h"
#include "model/audit.h"
#include "model/schedule.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/err.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* today + days into out (ISO); 0 or PH_EINVAL. Local noon avoids any
 * daylight-saving edge; mktime normalizes the day of the month. */
static int add_days(struct ph_date today, int days, char out[static 11])
{
	struct tm t;
	memset(&t, 0, sizeof t);
	t.tm_year = today.y - 1900;
	t.tm_mon = today.m - 1;
	t.tm_mday = today.d + days;
	t.tm_hour = 12;
	t.tm_isdst = -1;
	if (mktime(&t) == (time_t)-1)
		return PH_EINVAL;
	return date_iso((struct ph_date){t.tm_year + 1900, t.tm_mon + 1, t.tm_mday}, out)
	       ? 0 : PH_EINVAL;
}

/* "dd/mm/yyyy" of an ISO date in a (the text itself when not ISO); NULL
 * when a refuses the memory. */
static char *vn_date(struct arena *a, const char *iso)
{
	struct ph_date d;
	if (!iso || date_parse_iso(iso, &d))
		return arena_strdup(a, iso ? iso : "");
	return arena_printf(a, "%02d/%02d/%04d", d.d, d.m, d.y);
}

/* The reminder's sentence (also the mail subject); NULL when a refuses
 * the memory. */
static char *notice_text(struct arena *a, const struct schedule *s, int days)
{
	if (days == 0)
		return arena_printf(a, "Hôm nay là hạn nộp %s", s->title);
	const char *due = vn_date(a, s->due);
	return due ? arena_printf(a, "Còn %d ngày đến hạn nộp %s (hạn %s)", days, s->title, due)
	           : NULL;
}

/* The mail body; NULL when a refuses the memory. */
static char *mail_body(struct arena *a, const struct store_recipient *p,
                       const struct schedule *s, const struct unit *u, const char *text)
{
	const char *due = vn_date(a, s->due);
	if (!due)
		return NULL;
	return arena_printf(a,
	    "Kính gửi %s,\n\n"
	    "%s.\n\n"
	    "Đơn vị nộp: %s\n"
	    "Đơn vị nhận: %s\n"
	    "Hạn nộp: %s\n\n"
	    "Xem lịch báo cáo trong phoihop: /schedules/%lld\n\n"
	    "Thư này do phoihop gửi tự động vì đơn vị của ông/bà chưa nộp báo cáo.\n",
	    p->name, text, u->name, s->receiving_unit_name ? s->receiving_unit_name : "",
	    due, s->id);
}

int notice_parse_days(const char *s, int *out, size_t max, size_t *n)
{
	*n = 0;
	if (!s || !*s)
		return PH_EINVAL;
	for (const char *p = s;;) {
		if (*p < '0' || *p > '9')
			return PH_EINVAL;
		char *end;
		long v = strtol(p, &end, 10);
		if (v > NOTICE_DAYS_MAX || *n >= max)
			return PH_EINVAL;
		out[(*n)++] = (int)v;
		if (!*end)
			return 0;
		if (*end != ',')
			return PH_EINVAL;
		p = end + 1;
	}
}

/* Remind one schedule's units due in days; counts into *created, *mailed. */
static int remind_schedule(struct db *db, struct arena *a, const struct schedule *s,
                           int days, const char *at, int *created, int *mailed)
{
	struct unit *u = NULL;
	size_t nu = 0;
	int rc = schedule_submitters(db, a, s, &u, &nu);
	const char *text = rc ? NULL : notice_text(a, s, days);
	if (!rc && !text)
		rc = PH_ENOMEM;
	for (size_t i = 0; !rc && i < nu; i++) {
		int yes = 0;
		if ((rc = store_unit_submitted(db, s->id, u[i].id, &yes)) || yes)
			continue;
		struct store_recipient *p = NULL;
		size_t np = 0;
		rc = store_notice_recipients(db, a, u[i].id, &p, &np);
		for (size_t k = 0; !rc && k < np; k++) {
			long long id = 0;
			rc = store_notice_insert(db, p[k].id, u[i].id, s->id,
			                         days ? "due_soon" : "due_today", days, text, at, &id);
			if (rc || !id)
				continue;
			(*created)++;
			if (!p[k].email)
				continue;
			const char *body = mail_body(a, &p[k], s, &u[i], text);
			rc = body ? store_outbox_insert(db, id, p[k].email, text, body, at, NULL)
			          : PH_ENOMEM;
			if (!rc)
				(*mailed)++;
		}
	}
	return rc;
}

int remind_run(struct db *db, struct ph_date today, const int *days, size_t ndays,
               int *created, int *mailed)
{
	int ncreated = 0, nmailed = 0;
	struct arena a;
	arena_init(&a);
	int want[NOTICE_DAYS_MAX + 1];
	char due[NOTICE_DAYS_MAX + 1][11];
	memset(want, 0, sizeof want);
	want[0] = 1;
	int rc = date_is_full(today) ? 0 : PH_EINVAL;
	for (size_t i = 0; !rc && i < ndays; i++) {
		if (days[i] < 0 || days[i] > NOTICE_DAYS_MAX)
			rc = PH_EINVAL;
		else
			want[days[i]] = 1;
	}
	for (int d = 0; !rc && d <= NOTICE_DAYS_MAX; d++)
		if (want[d])
			rc = add_days(today, d, due[d]);
	if (rc)
		goto out;
	char at[21];
	audit_timestamp(time(NULL), at);
	struct schedule *s = NULL;
	size_t ns = 0;
	if ((rc = db_begin(db)))
		goto out;
	rc = schedule_list(db, &a, &s, &ns);
	for (size_t i = 0; !rc && i < ns; i++)
		for (int d = 0; !rc && d <= NOTICE_DAYS_MAX; d++)
			if (want[d] && s[i].due && !strcmp(s[i].due, due[d]))
				rc = remind_schedule(db, &a, &s[i], d, at, &ncreated, &nmailed);
	if (!rc)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		ncreated = nmailed = 0;
	}
out:
	arena_cleanup(&a);
	if (created)
		*created = ncreated;
	if (mailed)
		*mailed = nmailed;
	return rc;
}

int notices_for_user(struct db *db, struct arena *a, long long user_id, int unread_only,
                     int limit, int offset, struct notice **out, size_t *n,
                     long long *total)
{
	return store_notices_list(db, a, user_id, unread_only, limit, offset, out, n, total);
}

int notice_unread_count(struct db *db, long long user_id, long long *n)
{
	return store_notices_unread(db, user_id, n);
}

int notice_mark_read(struct db *db, const struct user *actor, long long id)
{
	if (!actor || actor->disabled)
		return PH_EUNAUTH;
	int rc = db_begin(db);
	if (rc)
		return rc;
	long long owner = 0;
	rc = store_notice_owner(db, id, &owner);
	if (!rc && owner != actor->id)
		rc = PH_EFORBIDDEN;
	char at[21];
	audit_timestamp(time(NULL), at);
	if (!rc)
		rc = store_notice_set_read(db, id, at);
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}
