/* test_notice.c: reminders of report deadlines. Which users of which
 * units get a notice on which days (7 and 3 days before by default, any
 * --days, and the day itself; editors and up, active, of submitting units
 * without a submitted report — a draft does not count), the texts, once
 * only, nothing on a refused day list; outbox rows only for users with an
 * address; reading by the owner only; the day list parser and the address
 * check; the mail message (RFC 2047 subject that decodes back, CRLF
 * everywhere, base64 body), the back-off, and a failed delivery keeping
 * its row. */
#include "test.h"
#include "fixture.h"
#include "model/mail.h"
#include "model/notice.h"
#include "model/schedule.h"
#include "base/err.h"
#include "base/text.h"

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

/* A user of unit (by key) with role and address (NULL: none). */
static long long person(struct db *db, const char *login, const char *unit, const char *role,
                        const char *email, int disabled)
{
	long long id = 0;
	if (store_user_insert(db, login, login, fixture_unit(db, unit), role, "x",
	                      "2026-01-01T00:00:00Z", &id) ||
	    (email && store_user_set_email(db, id, email)) ||
	    (disabled && store_user_set_disabled(db, id, 1))) {
		fprintf(stderr, "cannot make user %s\n", login);
		exit(2);
	}
	return id;
}

static const struct {
	const char *today;
	int days[3];
	size_t ndays;
	int rc, created, mailed;
	const char *logins;   /* of the notices this run made, by id */
	const char *kind;     /* their kind */
} runs[] = {
	{"2026-12-02", {7, 3}, 2, 0, 0, 0, NULL, NULL},
	{"2026-12-03", {7, 3}, 2, 0, 2, 1, "an,chi", "due_soon"},
	{"2026-12-03", {7, 3}, 2, 0, 0, 0, NULL, NULL},
	{"2026-12-03", {3, 7, 7}, 3, 0, 0, 0, NULL, NULL},
	{"2026-12-13", {7, 3}, 2, 0, 4, 2, "an,chi,em,hoa", "due_soon"},
	{"2026-12-07", {7, 3}, 2, 0, 2, 1, "an,chi", "due_soon"},
	{"2026-12-08", {2}, 1, 0, 2, 1, "an,chi", "due_soon"},
	{"2026-12-09", {400}, 1, PH_EINVAL, 0, 0, NULL, NULL},
	{"2026-12-10", {0}, 0, 0, 2, 1, "an,chi", "due_today"},
	{"2026-12-10", {0}, 0, 0, 0, 0, NULL, NULL},
};

static void test_remind(struct db *db)
{
	char ctx[96], buf[256];
	long long last = 0;
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		struct ph_date today;
		date_parse_iso(runs[i].today, &today);
		int created = -1, mailed = -1;
		snprintf(ctx, sizeof ctx, "run %zu (%s)", i, runs[i].today);
		CHECK_INT(remind_run(db, today, runs[i].days, runs[i].ndays, &created, &mailed),
		          runs[i].rc, ctx);
		CHECK_INT(created, runs[i].created, ctx);
		CHECK_INT(mailed, runs[i].mailed, ctx);
		char last_s[32];
		snprintf(last_s, sizeof last_s, "%lld", last);
		if (runs[i].logins) {
			CHECK_STR(fixture_text(db, "SELECT group_concat(login, ',') FROM (SELECT u.login"
			          " FROM notices n JOIN users u ON u.id = n.user_id WHERE n.id > ?"
			          " ORDER BY u.login)", last_s, buf, sizeof buf), runs[i].logins, ctx);
			CHECK_STR(fixture_text(db, "SELECT group_concat(DISTINCT kind) FROM notices"
			          " WHERE id > ?", last_s, buf, sizeof buf), runs[i].kind, ctx);
		}
		last = count(db, "SELECT COALESCE(MAX(id), 0) FROM notices");
	}
	CHECK_INT(count(db, "SELECT COUNT(*) FROM notices"), 12, "notices in all");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM mail_outbox"), 6, "outbox rows in all");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM mail_outbox o JOIN notices n ON n.id = o.notice_id"
	                " JOIN users u ON u.id = n.user_id WHERE o.to_addr = u.email"),
	          6, "each mail to its notice's user's address");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM notices n JOIN users u ON u.id = n.user_id"
	                " WHERE u.login IN ('binh', 'dung', 'giang')"), 0,
	          "no viewer, disabled user, user of a unit outside the schedule");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM notices n JOIN users u ON u.id = n.user_id"
	                " WHERE u.login IN ('em', 'hoa') AND n.schedule_id = 1"), 0,
	          "nothing for the unit that submitted");
	CHECK_STR(fixture_text(db, "SELECT text FROM notices WHERE days_before = 7 AND schedule_id ="
	          " (SELECT id FROM report_schedules WHERE due = ?) LIMIT 1", "2026-12-10", buf,
	          sizeof buf), "Còn 7 ngày đến hạn nộp Báo cáo tổng kết năm 2026 (hạn 10/12/2026)",
	          "7-day text");
	CHECK_STR(fixture_text(db, "SELECT text FROM notices WHERE kind = ? LIMIT 1", "due_today",
	          buf, sizeof buf), "Hôm nay là hạn nộp Báo cáo tổng kết năm 2026", "on-the-day text");
	CHECK_STR(fixture_text(db, "SELECT subject FROM mail_outbox WHERE id = 1", NULL, buf,
	          sizeof buf), "Còn 7 ngày đến hạn nộp Báo cáo tổng kết năm 2026 (hạn 10/12/2026)",
	          "mail subject is the notice");
	CHECK(strstr(fixture_text(db, "SELECT body FROM mail_outbox WHERE id = 1", NULL, buf,
	             sizeof buf), "Kính gửi an,") != NULL, "mail body greets the user: %s", buf);
}

static void test_read(struct db *db, struct arena *a)
{
	long long an = fixture_int(db, "SELECT id FROM users WHERE login = ?", "an");
	long long chi = fixture_int(db, "SELECT id FROM users WHERE login = ?", "chi");
	struct user u_an = fixture_person(an, "an", fixture_unit(db, "laocai.so-yte"), ROLE_EDITOR);
	struct user u_chi = fixture_person(chi, "chi", fixture_unit(db, "laocai.so-yte"),
	                                   ROLE_APPROVER);
	struct user u_admin = fixture_person(9999, "admin", fixture_unit(db, "laocai.ubnd"),
	                                     ROLE_ADMIN);
	struct notice *n = NULL;
	size_t len = 0;
	long long total = 0, unread = 0;
	CHECK_INT(notices_for_user(db, a, an, 0, 50, 0, &n, &len, &total), 0, "list");
	CHECK_INT(total, 5, "an's notices");
	CHECK_INT(len, 5, "one page");
	for (size_t i = 1; i < len; i++)
		CHECK(n[i - 1].id > n[i].id, "newest first at %zu", i);
	CHECK(len && n[0].kind && !strcmp(n[0].kind, "due_today"), "newest is today's");
	CHECK(len && n[0].unit_name && strstr(n[0].unit_name, "Y tế"), "unit name joined");
	CHECK(len && n[0].due && !strcmp(n[0].due, "2026-12-10"), "due joined");
	long long id = len ? n[0].id : 0;
	CHECK_INT(notices_for_user(db, a, an, 0, 2, 4, &n, &len, &total), 0, "second page");
	CHECK_INT(len, 1, "offset 4 of 5");

	CHECK_INT(notice_mark_read(db, &u_chi, id), PH_EFORBIDDEN, "someone else's notice");
	CHECK_INT(notice_mark_read(db, &u_admin, id), PH_EFORBIDDEN, "even an administrator");
	CHECK_INT(notice_mark_read(db, NULL, id), PH_EUNAUTH, "no user");
	CHECK_INT(notice_mark_read(db, &u_an, 999999), PH_ENOTFOUND, "no such notice");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM notices WHERE read_at IS NOT NULL"), 0,
	          "refusals change nothing");
	CHECK_INT(notice_unread_count(db, an, &unread), 0, "unread count");
	CHECK_INT(unread, 5, "all unread");
	CHECK_INT(notice_mark_read(db, &u_an, id), 0, "the owner reads");
	CHECK_INT(notice_mark_read(db, &u_an, id), 0, "reading again is fine");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM notices WHERE read_at IS NOT NULL"), 1,
	          "one notice read");
	CHECK_INT(notice_unread_count(db, an, &unread), 0, "unread count");
	CHECK_INT(unread, 4, "one fewer unread");
	CHECK_INT(notices_for_user(db, a, an, 1, 50, 0, &n, &len, &total), 0, "unread only");
	CHECK_INT(total, 4, "unread only total");
	for (size_t i = 0; i < len; i++)
		CHECK(n[i].id != id && !n[i].read_at, "unread list holds no read notice");
	CHECK_INT(notice_unread_count(db, chi, &unread), 0, "chi's count");
	CHECK_INT(unread, 5, "chi's notices untouched");
}

static const struct {
	const char *in;
	int rc;
	size_t n;
	int first, last;
} day_lists[] = {
	{"7,3", 0, 2, 7, 3}, {"1", 0, 1, 1, 1}, {"0,14,30", 0, 3, 0, 30}, {"366", 0, 1, 366, 366},
	{"367", PH_EINVAL, 0, 0, 0}, {"", PH_EINVAL, 0, 0, 0}, {"7,", PH_EINVAL, 0, 0, 0},
	{",7", PH_EINVAL, 0, 0, 0}, {"-1", PH_EINVAL, 0, 0, 0}, {"7;3", PH_EINVAL, 0, 0, 0},
	{"a", PH_EINVAL, 0, 0, 0}, {"1,2,3,4,5", PH_EINVAL, 0, 0, 0},
};

static const struct {
	const char *s;
	int ok;
} emails[] = {
	{"an@yte.laocai.gov.vn", 1}, {"nguyen.van-an+bc@example.vn", 1}, {"a@b.co", 1},
	{"an@localhost", 0}, {"an", 0}, {"@x.vn", 0}, {"an@", 0}, {"an@@x.vn", 0},
	{"an b@x.vn", 0}, {"an@x..vn", 0}, {"an@-x.vn", 0}, {"an@x-.vn", 0},
	{"ân@x.vn", 0}, {"an@x.vn\r\nBcc: y@z.vn", 0}, {"<an@x.vn>", 0}, {"", 0},
};

static void test_parsers(void)
{
	char ctx[96];
	for (size_t i = 0; i < sizeof day_lists / sizeof *day_lists; i++) {
		int d[4] = {-1, -1, -1, -1};
		size_t n = 99;
		snprintf(ctx, sizeof ctx, "days \"%s\"", day_lists[i].in);
		CHECK_INT(notice_parse_days(day_lists[i].in, d, 4, &n), day_lists[i].rc, ctx);
		if (day_lists[i].rc)
			continue;
		CHECK_INT(n, day_lists[i].n, ctx);
		CHECK_INT(d[0], day_lists[i].first, ctx);
		CHECK_INT(d[n - 1], day_lists[i].last, ctx);
	}
	for (size_t i = 0; i < sizeof emails / sizeof *emails; i++) {
		snprintf(ctx, sizeof ctx, "address \"%s\"", emails[i].s);
		CHECK_INT(user_email_valid(emails[i].s), emails[i].ok, ctx);
	}
	CHECK_INT(mail_backoff(1), 300, "first back-off 5 minutes");
	CHECK_INT(mail_backoff(2), 600, "doubles");
	CHECK_INT(mail_backoff(4), 2400, "doubles again");
	CHECK_INT(mail_backoff(30), 86400, "at most a day");
}

/* Decode the RFC 2047 words of an unfolded header value into out. */
static int decode_words(const char *v, char *out, size_t cap)
{
	size_t len = 0;
	const char *p = v;
	while ((p = strstr(p, "=?UTF-8?B?"))) {
		p += 10;
		const char *end = strstr(p, "?=");
		if (!end)
			return -1;
		size_t got = 0;
		if (sodium_base642bin((unsigned char *)out + len, cap - len - 1, p, (size_t)(end - p),
		                      NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL))
			return -1;
		if (!text_utf8_valid(out + len, got, NULL))
			return -2; /* a word split a character */
		len += got;
		p = end + 2;
	}
	out[len] = 0;
	return 0;
}

static void test_message(struct arena *a)
{
	const char *subject = "Còn 7 ngày đến hạn nộp Báo cáo tổng kết năm 2026 của Ủy ban nhân dân"
	                      " tỉnh Lào Cai (hạn 10/12/2026)";
	const char *body = "Kính gửi Nguyễn Văn An,\n\nCòn 7 ngày.\n";
	char *m = mail_message(a, "phoihop@laocai.gov.vn", "an@yte.laocai.gov.vn", subject, body,
	                       42, (time_t)1796083200); /* 2026-12-01 00:00:00 UTC, a Tuesday */
	CHECK(m != NULL, "message formed");
	if (!m)
		return;
	CHECK(strncmp(m, "Date: Tue, 01 Dec 2026 00:00:00 +0000\r\n", 39) == 0, "Date first: %.40s", m);
	CHECK(strstr(m, "\r\nFrom: phoihop@laocai.gov.vn\r\n") != NULL, "From");
	CHECK(strstr(m, "\r\nTo: an@yte.laocai.gov.vn\r\n") != NULL, "To");
	CHECK(strstr(m, "\r\nMessage-ID: <42.1796083200@laocai.gov.vn>\r\n") != NULL, "Message-ID");
	CHECK(strstr(m, "\r\nMIME-Version: 1.0\r\n") != NULL, "MIME-Version");
	CHECK(strstr(m, "\r\nContent-Type: text/plain; charset=UTF-8\r\n") != NULL, "Content-Type");
	CHECK(strstr(m, "\r\nContent-Transfer-Encoding: base64\r\n\r\n") != NULL, "CTE, blank line");
	int bare_lf = 0, long_line = 0, high = 0;
	size_t line = 0;
	for (const char *p = m; *p; p++) {
		if (*p == '\n') {
			bare_lf += p == m || p[-1] != '\r';
			long_line += line > 79;
			line = 0;
		} else {
			line++;
		}
		high += (unsigned char)*p >= 0x80;
	}
	CHECK_INT(bare_lf, 0, "every line ends in CRLF");
	CHECK_INT(long_line, 0, "no line over 78 characters");
	CHECK_INT(high, 0, "the message is 7-bit ASCII");
	CHECK(m[strlen(m) - 1] == '\n' && m[strlen(m) - 2] == '\r', "ends with CRLF");

	/* Unfold the Subject and decode it back. */
	const char *s = strstr(m, "\r\nSubject: ");
	char unfolded[1024] = "", decoded[1024] = "";
	size_t k = 0;
	int words = 0;
	for (s = s ? s + 11 : ""; *s && k < sizeof unfolded - 1; s++) {
		if (s[0] == '\r' && s[1] == '\n') {
			if (s[2] != ' ')
				break;
			s += 2;
			continue;
		}
		unfolded[k++] = *s;
	}
	unfolded[k] = 0;
	for (const char *p = unfolded; (p = strstr(p, "=?UTF-8?B?")); p++)
		words++;
	CHECK(words >= 2, "a long subject takes several words (%d)", words);
	CHECK_INT(decode_words(unfolded, decoded, sizeof decoded), 0, "subject decodes");
	CHECK_STR(decoded, subject, "subject round trip");

	/* The body: base64 lines decoding to the text with CRLF. */
	const char *b = strstr(m, "\r\n\r\n");
	char b64[512] = "", plain[512] = "";
	k = 0;
	for (b = b ? b + 4 : ""; *b && k < sizeof b64 - 1; b++)
		if (*b != '\r' && *b != '\n')
			b64[k++] = *b;
	size_t got = 0;
	CHECK_INT(sodium_base642bin((unsigned char *)plain, sizeof plain - 1, b64, k, NULL, &got,
	                            NULL, sodium_base64_VARIANT_ORIGINAL), 0, "body decodes");
	plain[got] = 0;
	CHECK_STR(plain, "Kính gửi Nguyễn Văn An,\r\n\r\nCòn 7 ngày.\r\n", "body with CRLF");

	char *ascii = mail_message(a, "p@x.vn", "a@y.vn", "Nhac han", "x", 1, 0);
	CHECK(ascii && strstr(ascii, "\r\nSubject: Nhac han\r\n"), "plain ASCII subject kept");
	CHECK(mail_message(a, "p@x.vn", "a@y.vn\r\nBcc: z@w.vn", "s", "b", 1, 0) == NULL,
	      "header injection refused");
	CHECK(mail_message(a, "phoihop", "a@y.vn", "s", "b", 1, 0) == NULL, "bad sender refused");
}

static void test_send_failure(struct db *db)
{
	int sent = -1, failed = -1;
	CHECK_INT(mail_send_pending(db, "smtp://127.0.0.1:1", "not an address", &sent, &failed),
	          PH_EINVAL, "bad sender");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM mail_outbox WHERE attempts > 0"), 0,
	          "a refused call tries nothing");
	CHECK_INT(mail_send_pending(db, "smtp://127.0.0.1:1", "phoihop@laocai.gov.vn", &sent,
	                            &failed), 0, "server down is not an error of the call");
	CHECK_INT(sent, 0, "nothing sent");
	CHECK_INT(failed, 6, "every row failed");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM mail_outbox WHERE attempts = 1 AND sent_at IS NULL"
	                " AND last_error IS NOT NULL AND next_attempt_at > created_at"), 6,
	          "rows kept with attempts, error, later attempt");
	CHECK_INT(mail_send_pending(db, "smtp://127.0.0.1:1", "phoihop@laocai.gov.vn", &sent,
	                            &failed), 0, "again at once");
	CHECK_INT(failed, 0, "the back-off holds the rows");
	CHECK_INT(count(db, "SELECT MAX(attempts) FROM mail_outbox"), 1, "no second attempt yet");
}

int main(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	long long yte = fixture_unit(db, "laocai.so-yte");
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	person(db, "an", "laocai.so-yte", "editor", "an@yte.laocai.gov.vn", 0);
	person(db, "chi", "laocai.so-yte", "approver", NULL, 0);
	person(db, "binh", "laocai.so-yte", "viewer", "binh@yte.laocai.gov.vn", 0);
	person(db, "dung", "laocai.so-yte", "editor", "dung@yte.laocai.gov.vn", 1);
	person(db, "em", "laocai.hlhpn", "coordinator", "em@hlhpn.laocai.gov.vn", 0);
	person(db, "hoa", "laocai.hlhpn", "editor", NULL, 0);
	person(db, "giang", "laocai.ubnd", "admin", "giang@laocai.gov.vn", 0);
	long long ids[] = {yte, hlhpn};
	struct schedule_input in = {.kind = "annual", .year = 2026, .due = "2026-12-10",
	                            .title = "Báo cáo tổng kết năm 2026",
	                            .cutoff_start = "2025-12-15", .cutoff_end = "2026-12-05",
	                            .receiving_unit_id = ubnd, .unit_ids = ids, .unit_ids_len = 2};
	long long s1 = 0, s2 = 0;
	struct schedule_input in2 = in;
	in2.kind = "ad_hoc";
	in2.title = "Báo cáo đột xuất về phòng chống dịch";
	in2.due = "2026-12-20";
	in2.cutoff_start = "2026-12-01";
	in2.cutoff_end = "2026-12-15";
	in2.year = 0;
	const char *why = NULL;
	if (schedule_create(db, access_system(), &in, &s1, &why, NULL) ||
	    schedule_create(db, access_system(), &in2, &s2, &why, NULL)) {
		fprintf(stderr, "cannot make schedules: %s\n", why ? why : "?");
		return 2;
	}
	/* hlhpn submitted the first report; yte only has a draft of the second. */
	fixture_int(db, "INSERT INTO report_submissions (schedule_id, unit_id, version, status,"
	            " created_at, updated_at, submitted_at) SELECT 1, id, 1, 'submitted', 'x', 'x',"
	            " '2026-12-01T00:00:00Z' FROM units WHERE key = ?", "laocai.hlhpn");
	fixture_int(db, "INSERT INTO report_submissions (schedule_id, unit_id, version, status,"
	            " created_at, updated_at) SELECT 2, id, 1, 'draft', 'x', 'x'"
	            " FROM units WHERE key = ?", "laocai.so-yte");
	CHECK_INT(s1, 1, "first schedule id");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM report_submissions"), 2, "fixture submissions");
	test_parsers();
	test_remind(db);
	test_read(db, &a);
	test_message(&a);
	test_send_failure(db);
	arena_cleanup(&a);
	fixture_close(db);
	text_cleanup();
	TEST_END("test_notice");
}
