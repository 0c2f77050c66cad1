/* feed.h: a unit's calendar feed (RFC 5545 iCalendar): the secret token
 * in its URL, and the VCALENDAR text with the end dates of the tasks the
 * unit leads or coordinates and the report deadlines of their plans. The
 * small text functions (escaping, folding) are public so tests can check
 * them on their own. */
#ifndef PH_FEED_H
#define PH_FEED_H
#include <stddef.h>
#include "base/arena.h"
#include "base/buf.h"

struct db;
struct user;

/* A task as the feed shows it (read by store_feed_tasks). */
struct feed_task {
	long long id, plan_id;
	char *plan_title, *content;
	char *lead_name;     /* registry name of the lead unit, or as written */
	char *status;        /* not_started|in_progress|done|cancelled */
	char *end;           /* ISO end date */
	int lead;            /* 1: the unit leads it; 0: it coordinates */
};

/* A report deadline as the feed shows it (read by store_feed_deadlines). */
struct feed_deadline {
	long long plan_id;
	int position;        /* within the plan: with plan_id, a stable key */
	char *plan_title, *text, *kind, *due, *to_text;
};

/* Make a new secret token for unit_id's feed, replacing (and so revoking)
 * any earlier one. token receives the 64 hex characters; only their
 * SHA-256 is stored. Checks ACT_FEED for actor, audits "feed.renew"
 * (without the token), one transaction. 0, PH_EFORBIDDEN, PH_EUNAUTH,
 * PH_ENOTFOUND (no such unit), PH_ENOMEM or PH_EDB; token is "" on
 * failure. */
int feed_renew(struct db *db, const struct user *actor, long long unit_id,
               char token[static 65]);

/* The unit whose current feed token is token. PH_ENOTFOUND for a token
 * that is malformed, unknown or revoked; PH_EDB. */
int feed_unit_by_token(struct db *db, const char *token, long long *unit_id);

/* Append unit_id's VCALENDAR to out (CRLF lines, folded at 75 octets).
 * host names the UIDs ("task-12@host"; NULL: "phoihop"); base_url, when
 * not NULL (e.g. "https://example.vn", no trailing slash), adds a URL
 * to each event. a holds temporary records. PH_ENOTFOUND (no such unit),
 * PH_EDB, PH_ETOOBIG or PH_ENOMEM (from out, or a refused memory: out
 * then holds part of a calendar and must not be sent). */
int feed_ical(struct db *db, struct arena *a, long long unit_id, struct buf *out,
              const char *host, const char *base_url);

/* s as an iCalendar TEXT value: backslash, semicolon and comma escaped
 * with a backslash, line breaks (LF, CRLF, CR) as \n, other control
 * characters dropped. Appends to out; 0, PH_ETOOBIG or PH_ENOMEM. */
int feed_escape_text(struct buf *out, const char *s);

/* Append the content line line followed by CRLF, folded so that no
 * physical line exceeds 75 octets: continuation lines start with one
 * space, and a UTF-8 character is never split. 0, PH_ETOOBIG, PH_ENOMEM. */
int feed_fold_line(struct buf *out, const char *line);

/* s cut to at most max characters (code points) at a word boundary when
 * one is near, with "…" appended when cut; s itself when short enough.
 * Result in a ("" for NULL); NULL only when a refuses the memory. */
char *feed_truncate(struct arena *a, const char *s, size_t max);

/* "http://host" or "https://host" (https 1) for a Host header value, or
 * NULL when host is empty or holds anything but letters, digits, '.',
 * '-', ':' and IPv6 brackets. In a; NULL too when a refuses the memory
 * (arena_failed tells). */
char *feed_base_url(struct arena *a, const char *host, int https);

#endif
