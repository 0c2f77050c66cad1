/* mail.h: e-mail from the outbox (mail_outbox, written by notice.c) over
 * SMTP with libcurl. A message is formed per RFC 5322 with MIME: the
 * subject encoded as RFC 2047 UTF-8 words, the body base64 UTF-8 plain
 * text, CRLF line ends. A failed row keeps its place: its attempts, last
 * error and a later next attempt are recorded, and a later run retries. */
#ifndef PH_MAIL_H
#define PH_MAIL_H
#include <stddef.h>
#include <time.h>
#include "base/arena.h"

struct db;

/* Pure: the whole message for from, to, subject and body (UTF-8, LF or
 * CRLF line ends), dated when, with Message-ID <id.when@domain of from>,
 * into a (NUL-terminated). NULL when from or to is not an address
 * (user_email_valid) or an argument is NULL, and NULL when a refuses the
 * memory (arena_failed(a) tells). */
char *mail_message(struct arena *a, const char *from, const char *to, const char *subject,
                   const char *body, long long id, time_t when);

/* Seconds to wait before attempt number attempts + 1 after attempts
 * failures: 5 minutes doubled per failure, at most 24 hours. */
long mail_backoff(int attempts);

/* Send the outbox rows due (not sent, next_attempt_at passed), oldest
 * first, through smtp_url ("smtp://host:port", "smtps://...", user and
 * password may be in it) from the address from. Each row is updated in
 * its own transaction: sent_at on success; attempts + 1, last_error and
 * next_attempt_at (mail_backoff) on failure. *sent and *failed (may be
 * NULL) receive the counts. PH_EINVAL (no URL, from not an address),
 * PH_EDB. A failed delivery is not an error of the call. */
int mail_send_pending(struct db *db, const char *smtp_url, const char *from, int *sent,
                      int *failed);

#endif
