/* mail.c: sending the mail outbox over SMTP with libcurl (see mail.h):
 * forming an RFC 5322 / MIME message (RFC 2047 subject, base64 UTF-8
 * body, CRLF), the back-off of failed rows, and the send loop. */
#include "model/mail.h"
#include "model/audit.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/buf.h"
#include "base/err.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows sent per call at most (a daily run has few). */
#define BATCH 500
/* Bytes of UTF-8 per encoded word at most: 39 bytes give 52 base64
 * characters, 64 with "=?UTF-8?B?" and "?=" (the limit is 75), so even
 * the first line "Subject: =?UTF-8?B?...?=" stays within 78. */
#define WORD_BYTES 39

/* Append base64 of n bytes at p (one line, no breaks). */
static int put_base64(struct buf *b, const void *p, size_t n)
{
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *tmp = malloc(len);
	if (!tmp)
		return PH_ENOMEM;
	sodium_bin2base64(tmp, len, p, n, sodium_base64_VARIANT_ORIGINAL);
	int rc = buf_puts(b, tmp);
	free(tmp);
	return rc;
}

/* The subject as RFC 2047 encoded words, split between UTF-8 characters,
 * folded with CRLF SP. Pure ASCII without specials is written as is. */
static int put_subject(struct buf *b, const char *s)
{
	int plain = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e || (*p == '=' && p[1] == '?'))
			plain = 0;
	if (plain && strlen(s) < 900)
		return buf_puts(b, s);
	int rc = 0;
	size_t len = strlen(s), at = 0;
	while (!rc && at < len) {
		size_t n = len - at < WORD_BYTES ? len - at : WORD_BYTES;
		/* Back off to the start of a UTF-8 character. */
		while (n > 0 && at + n < len && ((unsigned char)s[at + n] & 0xC0) == 0x80)
			n--;
		if (n == 0)
			n = len - at < WORD_BYTES ? len - at : WORD_BYTES;
		if (at > 0)
			rc = buf_puts(b, "\r\n ");
		if (!rc)
			rc = buf_puts(b, "=?UTF-8?B?");
		if (!rc)
			rc = put_base64(b, s + at, n);
		if (!rc)
			rc = buf_puts(b, "?=");
		at += n;
	}
	return rc;
}

/* The body with CRLF line ends, as base64 in lines of 76 characters. */
static int put_body(struct buf *b, const char *body)
{
	struct buf crlf;
	buf_init(&crlf, 16u << 20);
	int rc = 0;
	for (const char *p = body; !rc && *p; p++) {
		if (*p == '\r')
			continue;
		rc = *p == '\n' ? buf_puts(&crlf, "\r\n") : buf_putc(&crlf, *p);
	}
	if (!rc && crlf.len && buf_str(&crlf)[crlf.len - 1] != '\n')
		rc = buf_puts(&crlf, "\r\n");
	const char *d = buf_str(&crlf);
	for (size_t at = 0; !rc && at < crlf.len; at += 57) {
		size_t n = crlf.len - at < 57 ? crlf.len - at : 57;
		rc = put_base64(b, d + at, n);
		if (!rc)
			rc = buf_puts(b, "\r\n");
	}
	buf_cleanup(&crlf);
	return rc;
}

char *mail_message(struct arena *a, const char *from, const char *to, const char *subject,
                   const char *body, long long id, time_t when)
{
	static const char *const wday[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	                                  "Aug", "Sep", "Oct", "Nov", "Dec"};
	if (!a || !from || !to || !subject || !body || !user_email_valid(from) ||
	    !user_email_valid(to))
		return NULL;
	struct tm t;
	if (!gmtime_r(&when, &t))
		return NULL;
	struct buf b;
	buf_init(&b, 32u << 20);
	int rc = buf_printf(&b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	                    wday[t.tm_wday], t.tm_mday, mon[t.tm_mon], t.tm_year + 1900,
	                    t.tm_hour, t.tm_min, t.tm_sec);
	if (!rc)
		rc = buf_printf(&b, "From: %s\r\nTo: %s\r\nMessage-ID: <%lld.%lld@%s>\r\nSubject: ",
		                from, to, id, (long long)when, strchr(from, '@') + 1);
	if (!rc)
		rc = put_subject(&b, subject);
	if (!rc)
		rc = buf_puts(&b, "\r\nMIME-Version: 1.0\r\n"
		              "Content-Type: text/plain; charset=UTF-8\r\n"
		              "Content-Transfer-Encoding: base64\r\n\r\n");
	if (!rc)
		rc = put_body(&b, body);
	char *out = rc ? NULL : arena_strdup(a, buf_str(&b));
	buf_cleanup(&b);
	return out;
}

long mail_backoff(int attempts)
{
	long s = 300;
	for (int i = 1; i < attempts && s < 86400; i++)
		s *= 2;
	return s < 86400 ? s : 86400;
}

/* The message being read by libcurl. */
struct upload {
	const char *data;
	size_t len, at;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
	struct upload *u = userp;
	size_t room = size * nmemb, n = u->len - u->at;
	if (n > room)
		n = room;
	memcpy(ptr, u->data + u->at, n);
	u->at += n;
	return n;
}

/* Hand one message to the server; 0, or non-zero with why in err. */
static int deliver(CURL *c, const char *url, const char *from, const char *to,
                   const char *msg, char err[CURL_ERROR_SIZE])
{
	struct upload u = {msg, strlen(msg), 0};
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	if (!rcpt) {
		snprintf(err, CURL_ERROR_SIZE, "out of memory");
		return 1;
	}
	err[0] = 0;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	CURLcode res = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	if (res != CURLE_OK && !err[0])
		snprintf(err, CURL_ERROR_SIZE, "%s", curl_easy_strerror(res));
	return res != CURLE_OK;
}

/* Record the outcome of one row in its own transaction. */
static int record(struct db *db, const struct store_mail *m, int ok, const char *err)
{
	char now[21], next[21];
	time_t t = time(NULL);
	audit_timestamp(t, now);
	audit_timestamp(t + mail_backoff(m->attempts + 1), next);
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = ok ? store_outbox_sent(db, m->id, now) : store_outbox_failed(db, m->id, err, next);
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int mail_send_pending(struct db *db, const char *smtp_url, const char *from, int *sent,
                      int *failed)
{
	int nsent = 0, nfailed = 0;
	struct arena a;
	arena_init(&a);
	CURL *c = NULL;
	int rc = smtp_url && *smtp_url && from && user_email_valid(from) ? 0 : PH_EINVAL;
	char now[21];
	audit_timestamp(time(NULL), now);
	struct store_mail *m = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_outbox_due(db, &a, now, BATCH, &m, &n);
	if (rc || n == 0)
		goto out;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(c = curl_easy_init())) {
		rc = PH_ENOMEM;
		goto out;
	}
	char err[CURL_ERROR_SIZE];
	for (size_t i = 0; !rc && i < n; i++) {
		char *msg = mail_message(&a, from, m[i].to, m[i].subject, m[i].body, m[i].id,
		                         time(NULL));
		if (!msg && arena_failed(&a)) {
			rc = PH_ENOMEM; /* not the row's fault: it stays due */
			break;
		}
		int ok = 0;
		if (!msg)
			snprintf(err, sizeof err, "cannot form the message (bad address?)");
		else
			ok = deliver(c, smtp_url, from, m[i].to, msg, err) == 0;
		rc = record(db, &m[i], ok, err);
		if (ok)
			nsent++;
		else
			nfailed++;
	}
out:
	if (c) {
		curl_easy_cleanup(c);
		curl_global_cleanup();
	}
	arena_cleanup(&a);
	if (sent)
		*sent = nsent;
	if (failed)
		*failed = nfailed;
	return rc;
}
