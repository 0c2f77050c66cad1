/* feed.c: a unit's calendar feed: renewing its secret token, finding the
 * unit of a token, and writing the iCalendar text (RFC 5545) — with the
 * small pure text functions it needs (escaping, folding, truncating). */
#include "model/feed.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/task.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/date.h"
#include "base/err.h"
#include "base/token.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Longest SUMMARY text after the "Hạn ...: " prefix, in characters. */
#define SUMMARY_MAX 100

int feed_renew(struct db *db, const struct user *actor, long long unit_id,
               char token[static 65])
{
	char th[65], now[21];
	struct arena a;
	struct unit u;
	token[0] = 0;
	int rc = access_check(db, actor, ACT_FEED, unit_id);
	if (rc)
		return rc;
	if (sodium_init() < 0)
		return PH_ENOMEM;
	arena_init(&a);
	if ((rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, unit_id, &u);
	token_random(token);
	token_hash(token, th);
	audit_timestamp(time(NULL), now);
	if (!rc)
		rc = store_feed_set(db, unit_id, th, now, actor ? actor->id : 0);
	if (!rc)
		rc = audit_record(db, actor, "feed.renew", "unit", unit_id, NULL,
		                  "{\"feed\":\"renewed\"}");
	if (!rc)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		sodium_memzero(token, 65);
		token[0] = 0;
	}
out:
	arena_cleanup(&a);
	return rc;
}

int feed_unit_by_token(struct db *db, const char *token, long long *unit_id)
{
	char th[65];
	*unit_id = 0;
	if (!token_valid(token))
		return PH_ENOTFOUND;
	token_hash(token, th);
	return store_feed_unit(db, th, unit_id);
}

/* ---- text ---- */

int feed_escape_text(struct buf *out, const char *s)
{
	int rc = 0;
	for (const char *p = s ? s : ""; *p && !rc; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\' || c == ';' || c == ',') {
			char e[2] = {'\\', (char)c};
			rc = buf_append(out, e, 2);
		} else if (c == '\r' || c == '\n') {
			if (c == '\r' && p[1] == '\n')
				p++;
			rc = buf_puts(out, "\\n");
		} else if (c < 0x20 || c == 0x7F) {
			if (c == '\t')
				rc = buf_putc(out, ' ');
		} else {
			rc = buf_putc(out, (char)c);
		}
	}
	return rc;
}

int feed_fold_line(struct buf *out, const char *line)
{
	size_t len = strlen(line), pos = 0;
	int rc = 0;
	for (int first = 1; !rc; first = 0) {
		/* A continuation line's leading space counts in its 75 octets. */
		size_t room = first ? 75 : 74, end = pos + room;
		if (end >= len) {
			end = len;
		} else {
			while (end > pos && ((unsigned char)line[end] & 0xC0) == 0x80)
				end--;
			if (end == pos) /* not UTF-8: cut anyway */
				end = pos + room;
		}
		if (!first)
			rc = buf_putc(out, ' ');
		if (!rc)
			rc = buf_append(out, line + pos, end - pos);
		if (!rc)
			rc = buf_puts(out, "\r\n");
		pos = end;
		if (pos >= len)
			break;
	}
	return rc;
}

/* Byte length of the UTF-8 character starting with c (1 for a stray byte). */
static size_t char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

char *feed_truncate(struct arena *a, const char *s, size_t max)
{
	if (!s)
		return arena_strdup(a, "");
	size_t chars = 0, cut = 0, len = strlen(s);
	for (size_t i = 0; i < len; i += char_len((unsigned char)s[i])) {
		if (chars == (max ? max - 1 : 0))
			cut = i;
		chars++;
	}
	if (chars <= max)
		return arena_strdup(a, s);
	/* Prefer the last space in the final third of what is kept. */
	size_t sp = cut;
	while (sp > 0 && s[sp] != ' ')
		sp--;
	if (sp > 0 && sp >= cut * 2 / 3)
		cut = sp;
	while (cut > 0 && strchr(" ,;:.-", s[cut - 1]))
		cut--;
	return arena_printf(a, "%.*s…", (int)cut, s);
}

/* ---- the calendar ---- */

/* "20250630" for an ISO date; 0 when it is not a full date. */
static int ical_date(const char *iso, char out[static 9], char next[static 9])
{
	struct ph_date d;
	if (!iso || date_parse_iso(iso, &d) || !date_is_full(d))
		return 0;
	snprintf(out, 9, "%04d%02d%02d", d.y, d.m, d.d);
	if (++d.d > date_days_in_month(d.y, d.m)) {
		d.d = 1;
		if (++d.m > 12) {
			d.m = 1;
			d.y++;
		}
	}
	snprintf(next, 9, "%04d%02d%02d", d.y, d.m, d.d);
	return 1;
}

/* Writes content lines through a scratch buffer. */
struct ical {
	struct buf *out;
	struct buf line;
	int rc;
};

/* name:value, value written as is (dates, identifiers, URIs). A NULL
 * value is one the arena refused to make: the calendar fails. */
static void raw(struct ical *c, const char *name, const char *value)
{
	if (!c->rc && !value)
		c->rc = PH_ENOMEM;
	if (c->rc)
		return;
	c->line.len = 0;
	if ((c->rc = buf_puts(&c->line, name)) || (c->rc = buf_putc(&c->line, ':')) ||
	    (c->rc = buf_puts(&c->line, value)))
		return;
	c->rc = feed_fold_line(c->out, buf_str(&c->line));
}

/* name:value with value escaped as TEXT; a NULL value as in raw(). */
static void text(struct ical *c, const char *name, const char *value)
{
	if (!c->rc && !value)
		c->rc = PH_ENOMEM;
	if (c->rc)
		return;
	c->line.len = 0;
	if ((c->rc = buf_puts(&c->line, name)) || (c->rc = buf_putc(&c->line, ':')) ||
	    (c->rc = feed_escape_text(&c->line, value)))
		return;
	c->rc = feed_fold_line(c->out, buf_str(&c->line));
}

static const char *kind_label(const char *kind)
{
	static const char *const labels[][2] = {
		{"6-month", "Sơ kết 6 tháng"}, {"9-month", "9 tháng"},
		{"annual", "Tổng kết năm"}, {"quarterly", "Hằng quý"},
		{"monthly", "Hằng tháng"},
	};
	for (size_t i = 0; kind && i < sizeof labels / sizeof *labels; i++)
		if (strcmp(kind, labels[i][0]) == 0)
			return labels[i][1];
	return NULL;
}

/* The host part of host (no port, only [A-Za-z0-9.-]) in a, or
 * "phoihop"; NULL when a refuses the memory. */
static const char *uid_host(struct arena *a, const char *host)
{
	size_t n = 0;
	while (host && ((host[n] >= 'a' && host[n] <= 'z') || (host[n] >= 'A' && host[n] <= 'Z') ||
	                (host[n] >= '0' && host[n] <= '9') || host[n] == '.' || host[n] == '-'))
		n++;
	return n ? arena_strndup(a, host, n) : "phoihop";
}

static void task_event(struct ical *c, struct arena *a, const struct feed_task *t,
                       const char *host, const char *base_url, const char *stamp)
{
	char day[9], next[9];
	if (!ical_date(t->end, day, next))
		return;
	const char *role = t->lead ? "chủ trì" : "phối hợp";
	const char *summary = feed_truncate(a, t->content, SUMMARY_MAX);
	raw(c, "BEGIN", "VEVENT");
	raw(c, "UID", arena_printf(a, "task-%lld@%s", t->id, host));
	raw(c, "DTSTAMP", stamp);
	raw(c, "DTSTART;VALUE=DATE", day);
	raw(c, "DTEND;VALUE=DATE", next);
	text(c, "SUMMARY", summary ? arena_printf(a, "Hạn nhiệm vụ: %s", summary) : NULL);
	text(c, "DESCRIPTION", arena_printf(a,
	     "Kế hoạch: %s\nĐơn vị chủ trì: %s\nVai trò của đơn vị: %s\n"
	     "Trạng thái: %s\nNội dung: %s",
	     t->plan_title ? t->plan_title : "", t->lead_name ? t->lead_name : "—",
	     role, task_status_label(t->status), t->content ? t->content : ""));
	text(c, "CATEGORIES", t->lead ? "Nhiệm vụ chủ trì" : "Nhiệm vụ phối hợp");
	raw(c, "STATUS", t->status && strcmp(t->status, "cancelled") == 0 ? "CANCELLED"
	                                                                   : "CONFIRMED");
	raw(c, "TRANSP", "TRANSPARENT");
	if (base_url)
		raw(c, "URL", arena_printf(a, "%s/tasks/%lld", base_url, t->id));
	raw(c, "END", "VEVENT");
}

static void deadline_event(struct ical *c, struct arena *a, const struct feed_deadline *d,
                           const char *host, const char *base_url, const char *stamp)
{
	char day[9], next[9];
	if (!ical_date(d->due, day, next))
		return;
	const char *kind = kind_label(d->kind);
	const char *summary = feed_truncate(a, d->text, SUMMARY_MAX);
	raw(c, "BEGIN", "VEVENT");
	raw(c, "UID", arena_printf(a, "deadline-%lld-%d@%s", d->plan_id, d->position, host));
	raw(c, "DTSTAMP", stamp);
	raw(c, "DTSTART;VALUE=DATE", day);
	raw(c, "DTEND;VALUE=DATE", next);
	text(c, "SUMMARY", summary ? arena_printf(a, "Hạn báo cáo: %s", summary) : NULL);
	text(c, "DESCRIPTION", arena_printf(a, "Kế hoạch: %s%s%s%s%s\nYêu cầu: %s",
	     d->plan_title ? d->plan_title : "",
	     kind ? "\nLoại báo cáo: " : "", kind ? kind : "",
	     d->to_text ? "\nNơi nhận: " : "", d->to_text ? d->to_text : "",
	     d->text ? d->text : ""));
	text(c, "CATEGORIES", "Hạn báo cáo");
	raw(c, "STATUS", "CONFIRMED");
	raw(c, "TRANSP", "TRANSPARENT");
	if (base_url)
		raw(c, "URL", arena_printf(a, "%s/plans/%lld", base_url, d->plan_id));
	raw(c, "END", "VEVENT");
}

int feed_ical(struct db *db, struct arena *a, long long unit_id, struct buf *out,
              const char *host, const char *base_url)
{
	struct unit u;
	struct feed_task *tasks = NULL;
	struct feed_deadline *dl = NULL;
	size_t nt = 0, nd = 0;
	int rc = store_unit_get(db, a, unit_id, &u);
	if (!rc)
		rc = store_feed_tasks(db, a, unit_id, &tasks, &nt);
	if (!rc)
		rc = store_feed_deadlines(db, a, unit_id, &dl, &nd);
	if (rc)
		return rc;

	char stamp[17];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	const char *h = uid_host(a, host);
	if (!h)
		return PH_ENOMEM;

	struct ical c = {.out = out};
	buf_init(&c.line, out->max);
	raw(&c, "BEGIN", "VCALENDAR");
	raw(&c, "VERSION", "2.0");
	raw(&c, "PRODID", "-//phoihop//Lich nhac han//VI");
	raw(&c, "CALSCALE", "GREGORIAN");
	raw(&c, "METHOD", "PUBLISH");
	text(&c, "X-WR-CALNAME", arena_printf(a, "Hạn nhiệm vụ – %s", u.name));
	text(&c, "X-WR-CALDESC", arena_printf(a, "Hạn các nhiệm vụ %s chủ trì hoặc phối hợp "
	                                      "và hạn báo cáo của các kế hoạch liên quan.", u.name));
	raw(&c, "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh");
	raw(&c, "REFRESH-INTERVAL;VALUE=DURATION", "PT6H");
	raw(&c, "X-PUBLISHED-TTL", "PT6H");
	for (size_t i = 0; i < nt && !c.rc; i++)
		task_event(&c, a, &tasks[i], h, base_url, stamp);
	for (size_t i = 0; i < nd && !c.rc; i++)
		deadline_event(&c, a, &dl[i], h, base_url, stamp);
	raw(&c, "END", "VCALENDAR");
	buf_cleanup(&c.line);
	/* Every NULL the arena gave went through raw() or text(), but the
	 * sticky mark is the last word: no calendar from a failed arena. */
	return c.rc ? c.rc : arena_failed(a) ? PH_ENOMEM : 0;
}

char *feed_base_url(struct arena *a, const char *host, int https)
{
	if (!host || !*host || strlen(host) > 255)
		return NULL;
	for (const char *p = host; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr(".-:[]", *p)))
			return NULL;
	return arena_printf(a, "%s://%s", https ? "https" : "http", host);
}
