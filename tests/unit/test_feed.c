/* test_feed.c: the calendar feed: TEXT escaping, line folding at 75
 * octets without splitting Vietnamese characters, summary truncation,
 * the VCALENDAR of a unit over a real database (events for the tasks it
 * leads and coordinates, none for other units' tasks, report deadlines
 * of its plans only, cancelled status, dates across a year end), and the
 * token: renewing revokes the old one, only the hash is stored, the
 * audit entry holds no token, another unit's editor is refused. */
#include "test.h"
#include "fixture.h"
#include "model/feed.h"
#include "base/err.h"

/* Escape s and compare with want. */
static void check_escape(const char *s, const char *want)
{
	struct buf b;
	buf_init(&b, 4096);
	CHECK_INT(feed_escape_text(&b, s), 0, s);
	CHECK_STR(buf_str(&b), want, s);
	buf_cleanup(&b);
}

/* Fold line and compare with want. */
static void check_fold(const char *line, const char *want, const char *ctx)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	CHECK_INT(feed_fold_line(&b, line), 0, ctx);
	CHECK_STR(buf_str(&b), want, ctx);
	buf_cleanup(&b);
}

/* n copies of s, in a. */
static char *rep(struct arena *a, const char *s, int n)
{
	size_t k = strlen(s);
	char *out = arena_alloc(a, k * (size_t)n + 1);
	for (int i = 0; i < n; i++)
		memcpy(out + k * (size_t)i, s, k);
	return out;
}

/* Checks every physical line of ical text: CRLF ends, at most 75 octets,
 * continuation lines start with a space followed by no UTF-8
 * continuation byte. Returns the unfolded text in a (CRLF kept between
 * logical lines). */
static char *check_lines(struct arena *a, const char *text, const char *ctx)
{
	size_t len = strlen(text), bad_len = 0, bad_end = 0, bad_split = 0;
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		const char *eol = strstr(text + i, "\r\n");
		if (!eol) {
			bad_end++;
			break;
		}
		size_t n = (size_t)(eol - (text + i));
		if (n > 75)
			bad_len++;
		const char *start = text + i;
		if (i > 0 && *start == ' ') { /* continuation: undo the fold */
			o -= 2;
			start++;
			n--;
			if (n && ((unsigned char)*start & 0xC0) == 0x80)
				bad_split++;
		}
		memcpy(out + o, start, n);
		o += n;
		memcpy(out + o, "\r\n", 2);
		o += 2;
		i += (size_t)(eol - (text + i)) + 2;
	}
	out[o] = 0;
	CHECK_INT(bad_len, 0, ctx);
	CHECK_INT(bad_end, 0, ctx);
	CHECK_INT(bad_split, 0, ctx);
	return out;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The VEVENT (unfolded) whose UID line is uid, copied into a; "" if none. */
static char *event(struct arena *a, const char *ical, const char *uid)
{
	const char *u = strstr(ical, uid);
	if (!u)
		return "";
	const char *b = u;
	while (b > ical && strncmp(b, "BEGIN:VEVENT", 12))
		b--;
	const char *e = strstr(u, "END:VEVENT");
	return e ? arena_strndup(a, b, (size_t)(e - b)) : "";
}

static void text_tests(struct arena *a)
{
	check_escape("", "");
	check_escape("plain", "plain");
	check_escape("a,b;c\\d", "a\\,b\\;c\\\\d");
	check_escape("dòng 1\ndòng 2", "dòng 1\\ndòng 2");
	check_escape("x\r\ny\rz", "x\\ny\\nz");
	check_escape("tab\there\x01!", "tab here!");
	check_escape("Sở Y tế; Sở Nội vụ, UBND", "Sở Y tế\\; Sở Nội vụ\\, UBND");

	/* ASCII: exactly 75 octets stay on one line, 76 fold. */
	char *l75 = rep(a, "x", 75), *l76 = rep(a, "x", 76), *l150 = rep(a, "y", 150);
	check_fold(l75, arena_printf(a, "%s\r\n", l75), "75 octets");
	check_fold(l76, arena_printf(a, "%s\r\n x\r\n", l75), "76 octets");
	check_fold(l150, arena_printf(a, "%s\r\n %s\r\n y\r\n", rep(a, "y", 75), rep(a, "y", 74)),
	           "150 octets: 75 + 74 + 1");
	check_fold("", "\r\n", "empty");
	/* Vietnamese: "ệ" is 3 octets. "AB:" + 24 × ệ = 75 octets: one line. */
	char *e24 = arena_printf(a, "AB:%s", rep(a, "ệ", 24));
	CHECK_INT(strlen(e24), 75, "test line length");
	check_fold(e24, arena_printf(a, "%s\r\n", e24), "75 octets of Vietnamese");
	/* "ABC:" + 24 × ệ = 76: the 24th ệ would straddle octet 75, so it moves. */
	check_fold(arena_printf(a, "ABC:%s", rep(a, "ệ", 24)),
	           arena_printf(a, "ABC:%s\r\n ệ\r\n", rep(a, "ệ", 23)), "no split at 75");
	/* "SUMMARY:" (8) + 30 × ệ: 8 + 22×3 = 74 on the first line, then 8. */
	check_fold(arena_printf(a, "SUMMARY:%s", rep(a, "ệ", 30)),
	           arena_printf(a, "SUMMARY:%s\r\n %s\r\n", rep(a, "ệ", 22), rep(a, "ệ", 8)),
	           "multibyte across two lines");
	/* Mixed widths (1-4 octets) over many lines: unfolds to the original. */
	char *mixed = arena_printf(a, "DESCRIPTION:%s", rep(a, "Hạn nhiệm vụ 𝔸 đảm bảo; ", 20));
	struct buf b;
	buf_init(&b, 1 << 16);
	CHECK_INT(feed_fold_line(&b, mixed), 0, "fold mixed");
	char *un = check_lines(a, buf_str(&b), "mixed lines");
	CHECK_STR(un, arena_printf(a, "%s\r\n", mixed), "mixed unfolds to the original");
	buf_cleanup(&b);

	/* Truncation. */
	CHECK_STR(feed_truncate(a, "Ngắn gọn", 100), "Ngắn gọn", "short text kept");
	CHECK_STR(feed_truncate(a, NULL, 10), "", "NULL");
	CHECK_STR(feed_truncate(a, "Tổ chức hội nghị tổng kết công tác", 20), "Tổ chức hội nghị…",
	          "cut at a word boundary");
	CHECK_STR(feed_truncate(a, "ĐĐĐĐĐĐĐĐĐĐĐĐ", 5), "ĐĐĐĐ…", "no space: cut by characters");
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	text_tests(&a);

	struct db *db = fixture_open();
	char buf[256];
	long long yte = fixture_unit(db, "laocai.so-yte");
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	long long yenbai = fixture_unit(db, "yenbai.ubnd");
	struct user editor = fixture_person(0, "bientap", yte, ROLE_EDITOR);
	struct user viewer = fixture_person(0, "v", yte, ROLE_VIEWER);
	struct user far = fixture_person(0, "f", yenbai, ROLE_EDITOR);
	long long uid = 0;
	CHECK_INT(user_add(db, access_system(), "bientap", "Biên tập", yte, ROLE_EDITOR, "12345678", &uid), 0,
	          "user");
	editor.id = uid;

	long long plan = fixture_plan(db, "hash-feed-1");
	long long plan2 = fixture_plan(db, "hash-feed-2");
	long long t_lead = fixture_task(db, plan, 1,
	        "Kiểm tra, giám sát an toàn thực phẩm; báo cáo \\ kết quả", yte, "Sở Y tế",
	        "2025-06-30", NULL);
	long long t_coord = fixture_task(db, plan, 2, "Tuyên truyền phòng chống dịch bệnh", ubnd,
	                                 "UBND tỉnh", "2025-12-31", "cancelled");
	long long t_other = fixture_task(db, plan, 3, "Việc của đơn vị khác", ubnd, "UBND tỉnh",
	                                 "2025-09-30", NULL);
	long long t_noend = fixture_task(db, plan, 4, "Thường xuyên", yte, "Sở Y tế", NULL, NULL);
	long long t_plan2 = fixture_task(db, plan2, 1, "Kế hoạch khác", ubnd, "UBND tỉnh",
	                                 "2025-03-31", NULL);
	CHECK_INT(store_coordinator_insert(db, t_coord, 1, yte, "Sở Y tế", 0), 0, "coordinator");
	CHECK_INT(store_deadline_insert(db, plan, 1, "Báo cáo sơ kết 6 tháng, trước ngày 15/6",
	                                "6-month", "2025-06-15", "UBND tỉnh", ubnd, 40), 0, "deadline");
	CHECK_INT(store_deadline_insert(db, plan, 2, "Báo cáo không rõ ngày", "other", NULL, NULL,
	                                0, 41), 0, "deadline without date");
	CHECK_INT(store_deadline_insert(db, plan2, 1, "Báo cáo của kế hoạch khác", "annual",
	                                "2025-12-15", NULL, 0, 9), 0, "other plan's deadline");

	struct buf out;
	buf_init(&out, 1 << 20);
	CHECK_INT(feed_ical(db, &a, yte, &out, "lich.example.vn:8080", "https://lich.example.vn"), 0,
	          "feed");
	char *ical = check_lines(&a, buf_str(&out), "feed lines");
	CHECK(strncmp(ical, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0, "calendar opens: %.40s",
	      ical);
	CHECK(strstr(ical, "\r\nEND:VCALENDAR\r\n") != NULL, "calendar closes");
	CHECK(strstr(ical, "\r\nCALSCALE:GREGORIAN\r\n") && strstr(ical, "\r\nPRODID:"),
	      "calendar properties");
	CHECK(strstr(ical, "\r\nX-WR-CALNAME:Hạn nhiệm vụ – Sở Y tế") != NULL, "calendar name: %s",
	      ical);
	CHECK_INT(count_of(ical, "BEGIN:VEVENT"), 3, "two tasks and one deadline");
	CHECK_INT(count_of(ical, "END:VEVENT"), 3, "events closed");

	char *e1 = event(&a, ical, arena_printf(&a, "UID:task-%lld@lich.example.vn\r\n", t_lead));
	CHECK(strstr(e1, "DTSTART;VALUE=DATE:20250630\r\n") != NULL, "lead task start: %s", e1);
	CHECK(strstr(e1, "DTEND;VALUE=DATE:20250701\r\n") != NULL, "lead task end: next day");
	CHECK(strstr(e1, "SUMMARY:Hạn nhiệm vụ: Kiểm tra\\, giám sát an toàn thực phẩm\\; báo cáo "
	                 "\\\\ kết quả\r\n") != NULL, "escaped summary: %s", e1);
	CHECK(strstr(e1, "Vai trò của đơn vị: chủ trì\\n") != NULL, "lead role");
	CHECK(strstr(e1, "Trạng thái: Chưa bắt đầu") != NULL, "status label");
	CHECK(strstr(e1, "\r\nSTATUS:CONFIRMED\r\n") != NULL, "not cancelled");
	CHECK(strstr(e1, arena_printf(&a, "\r\nURL:https://lich.example.vn/tasks/%lld\r\n", t_lead)),
	      "task URL");
	CHECK(strstr(e1, "\r\nDTSTAMP:") != NULL && strstr(e1, "Z\r\n") != NULL, "DTSTAMP in UTC");

	char *e2 = event(&a, ical, arena_printf(&a, "UID:task-%lld@lich.example.vn\r\n", t_coord));
	CHECK(strstr(e2, "DTEND;VALUE=DATE:20260101\r\n") != NULL, "end across the year: %s", e2);
	CHECK(strstr(e2, "Vai trò của đơn vị: phối hợp\\n") != NULL, "coordinating role");
	struct unit lead_unit;
	CHECK_INT(unit_get(db, &a, ubnd, &lead_unit), 0, "lead unit");
	CHECK(strstr(e2, arena_printf(&a, "Đơn vị chủ trì: %s\\n", lead_unit.name)) != NULL,
	      "lead unit named by the registry: %s", e2);
	CHECK(strstr(e2, "\r\nSTATUS:CANCELLED\r\n") != NULL, "cancelled task");

	CHECK(!strstr(ical, arena_printf(&a, "task-%lld@", t_other)), "another unit's task absent");
	CHECK(!strstr(ical, arena_printf(&a, "task-%lld@", t_noend)), "task without end absent");
	CHECK(!strstr(ical, arena_printf(&a, "task-%lld@", t_plan2)), "other plan's task absent");

	char *d1 = event(&a, ical, arena_printf(&a, "UID:deadline-%lld-1@lich.example.vn\r\n", plan));
	CHECK(strstr(d1, "SUMMARY:Hạn báo cáo: Báo cáo sơ kết 6 tháng\\, trước ngày 15/6\r\n") != NULL,
	      "deadline summary: %s", d1);
	CHECK(strstr(d1, "DTSTART;VALUE=DATE:20250615\r\n") && strstr(d1, "DTEND;VALUE=DATE:20250616\r\n"),
	      "deadline dates");
	CHECK(strstr(d1, "Nơi nhận: UBND tỉnh") != NULL, "receiver");
	CHECK(!strstr(ical, arena_printf(&a, "deadline-%lld-", plan2)), "other plan's deadline absent");
	CHECK(!strstr(ical, arena_printf(&a, "deadline-%lld-2@", plan)), "undated deadline absent");

	/* A unit with nothing: an empty but valid calendar; an unknown unit. */
	out.len = 0;
	CHECK_INT(feed_ical(db, &a, yenbai, &out, NULL, NULL), 0, "empty feed");
	CHECK_INT(count_of(buf_str(&out), "BEGIN:VEVENT"), 0, "no events");
	CHECK(strstr(buf_str(&out), "END:VCALENDAR\r\n") != NULL, "still a calendar");
	out.len = 0;
	CHECK_INT(feed_ical(db, &a, 999999, &out, NULL, NULL), PH_ENOTFOUND, "unknown unit");
	/* No base URL: no URL property; UIDs fall back to "phoihop". */
	out.len = 0;
	CHECK_INT(feed_ical(db, &a, yte, &out, NULL, NULL), 0, "feed without host");
	CHECK(!strstr(buf_str(&out), "\r\nURL:"), "no URL without a base");
	CHECK(strstr(buf_str(&out), arena_printf(&a, "UID:task-%lld@phoihop\r\n", t_lead)) != NULL,
	      "default UID host");
	buf_cleanup(&out);

	/* Tokens. */
	char tok1[65], tok2[65], tok3[65] = "unchanged";
	long long unit = 0;
	CHECK_INT(feed_renew(db, &editor, yte, tok1), 0, "editor makes the feed");
	CHECK_INT(strlen(tok1), 64, "64 hex characters");
	CHECK_INT(feed_unit_by_token(db, tok1, &unit), 0, "token resolves");
	CHECK_INT(unit, yte, "to its unit");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM feed_tokens WHERE token_hash = ?", tok1), 0,
	          "the token itself is not stored");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM feed_tokens", NULL), 1, "one row");
	CHECK_INT(feed_renew(db, &viewer, yte, tok2), 0, "a viewer of the unit may renew");
	CHECK(strcmp(tok1, tok2) != 0, "a new token");
	CHECK_INT(feed_unit_by_token(db, tok1, &unit), PH_ENOTFOUND, "old token revoked");
	CHECK_INT(feed_unit_by_token(db, tok2, &unit), 0, "new token works");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM feed_tokens", NULL), 1, "still one row");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = ?", "feed.renew"), 2,
	          "both renewals audited");
	fixture_text(db, "SELECT COALESCE(after_json, '') || COALESCE(before_json, '') FROM audit_log"
	                 " WHERE action = ? ORDER BY id DESC", "feed.renew", buf, sizeof buf);
	CHECK(!strstr(buf, tok2) && !strstr(buf, tok1), "no token in the audit log: %s", buf);
	CHECK_INT(feed_renew(db, &far, yte, tok3), PH_EFORBIDDEN, "another unit's editor refused");
	CHECK_STR(tok3, "", "no token on refusal");
	CHECK_INT(feed_unit_by_token(db, tok2, &unit), 0, "refusal changed nothing");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = ?", "feed.renew"), 2,
	          "refusal not audited");
	CHECK_INT(feed_renew(db, access_system(), 999999, tok3), PH_ENOTFOUND, "unknown unit");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM feed_tokens", NULL), 1, "nothing added");
	CHECK_INT(feed_unit_by_token(db, "abc", &unit), PH_ENOTFOUND, "malformed token");
	char upper[65];
	snprintf(upper, sizeof upper, "%s", tok2);
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 32);
	CHECK(strcmp(upper, tok2) == 0 || feed_unit_by_token(db, upper, &unit) == PH_ENOTFOUND,
	      "upper-case variant is not the token");
	CHECK_INT(feed_renew(db, access_system(), ubnd, tok3), 0, "command line renews any unit");

	/* Base URLs from a Host header. */
	CHECK_STR(feed_base_url(&a, "lich.example.vn", 1), "https://lich.example.vn", "https");
	CHECK_STR(feed_base_url(&a, "127.0.0.1:8080", 0), "http://127.0.0.1:8080", "http with port");
	CHECK_STR(feed_base_url(&a, "[::1]:80", 0), "http://[::1]:80", "IPv6");
	CHECK(feed_base_url(&a, "evil.vn/\"><x", 0) == NULL, "bad host refused");
	CHECK(feed_base_url(&a, "", 0) == NULL && feed_base_url(&a, NULL, 0) == NULL, "no host");

	fixture_close(db);
	arena_cleanup(&a);
	TEST_END("test_feed");
}
