/* cmd_remind.c: `phoihop remind [--days 7,3] [--send]`: today's reminders
 * of report deadlines (notices and outbox mail, model/notice.c) and, with
 * --send or whenever $PHOIHOP_SMTP_URL is set, the mail of the outbox
 * (model/mail.c). Meant for a daily cron job or systemd timer. */
#include "cli/cli.h"
#include "model/mail.h"
#include "model/notice.h"
#include "db/db.h"
#include "base/date.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
"usage: phoihop [--db FILE] remind [--days 7,3] [--send] [--json]\n"
"\n"
"Remind the units that have not submitted a report: for every report\n"
"schedule due in one of the given numbers of days (default 7 and 3) or\n"
"today, every active user of a submitting unit without a submitted report\n"
"with the role editor or above gets one notice in the web interface and,\n"
"when the account has an e-mail address, one mail in the outbox. Running\n"
"it again the same day creates nothing new. Today is $PHOIHOP_TODAY when\n"
"set (YYYY-MM-DD).\n"
"\n"
"--send (or $PHOIHOP_SMTP_URL being set) then sends the outbox mail due\n"
"through $PHOIHOP_SMTP_URL (smtp://host:port, smtps://user:password@host)\n"
"from $PHOIHOP_MAIL_FROM. Mail the server refuses stays in the outbox and\n"
"is tried again by a later run (after 5 minutes, doubling, at most a day).\n"
"\n"
"The server does not remind by itself: run `phoihop remind --send` daily\n"
"from cron or a systemd timer.\n";

#define MAX_DAYS 16

int cmd_remind(int argc, char **argv, struct cli *c)
{
	const char *days_s = NULL;
	int send = 0, bad = 0;
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h")) {
			fputs(usage, stdout);
			return 0;
		}
		if (cli_opt(argc, argv, &i, "--days", &days_s, &bad))
			continue;
		if (cli_flag(argv, &i, "--send")) {
			send = 1;
			continue;
		}
		bad = cli_fail("remind", PH_EUSAGE, "unknown argument %s", argv[i]) || 1;
	}
	if (bad)
		return 1;
	int days[MAX_DAYS] = NOTICE_DEFAULT_DAYS;
	size_t ndays = 2;
	if (days_s && notice_parse_days(days_s, days, MAX_DAYS, &ndays))
		return cli_fail("remind", PH_EUSAGE, "--days takes numbers 0-%d separated by"
		                " commas (at most %d), not \"%s\"", NOTICE_DAYS_MAX, MAX_DAYS, days_s);
	const char *url = getenv("PHOIHOP_SMTP_URL");
	const char *from = getenv("PHOIHOP_MAIL_FROM");
	if (url && !*url)
		url = NULL;
	if (url)
		send = 1;
	if (send && !url)
		return cli_fail("remind", PH_EUSAGE, "--send needs $PHOIHOP_SMTP_URL"
		                " (smtp://host:port)");
	if (send && (!from || !*from))
		return cli_fail("remind", PH_EUSAGE, "sending needs $PHOIHOP_MAIL_FROM"
		                " (the sender's address)");
	struct db *db = NULL;
	int status = cli_open_db(c, &db);
	if (status)
		return status;
	struct ph_date today = date_today();
	char iso[11];
	date_iso(today, iso);
	int created = 0, mailed = 0, sent = 0, failed = 0;
	int rc = remind_run(db, today, days, ndays, &created, &mailed);
	if (rc) {
		rc = cli_fail("remind", rc, "%s", cli_db_why(db, rc, "cannot remind"));
		goto out;
	}
	if (send && (rc = mail_send_pending(db, url, from, &sent, &failed))) {
		rc = cli_fail("remind", rc, "%s", cli_db_why(db, rc,
		              rc == PH_EINVAL ? "$PHOIHOP_MAIL_FROM is not an e-mail address"
		              : "cannot send mail"));
		goto out;
	}
	if (c->json) {
		cli_print_json(json_pack("{s:s, s:i, s:i, s:b, s:i, s:i}", "today", iso,
		                         "notices", created, "mail_queued", mailed, "sent", send,
		                         "mail_sent", sent, "mail_failed", failed));
	} else {
		printf("Ngày %c%c/%c%c/%.4s: đã tạo %d thông báo nhắc hạn, %d thư chờ gửi.\n",
		       iso[8], iso[9], iso[5], iso[6], iso, created, mailed);
		if (send)
			printf("Đã gửi %d thư; %d thư chưa gửi được, sẽ thử lại ở lần chạy sau.\n",
			       sent, failed);
	}
	/* Mail that could not be sent is kept; the run itself succeeded, but a
	 * failure is worth a non-zero status for cron to report. */
	rc = failed ? 1 : 0;
	if (failed)
		fprintf(stderr, "phoihop: remind: %d mail(s) not sent; see mail_outbox.last_error\n",
		        failed);
out:
	db_close(db);
	return rc;
}
