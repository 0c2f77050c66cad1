-- 006_notices.sql: reminders of report deadlines (issue 4, point 3). A
-- notice is shown in the application to one user; the same reminder is
-- made once per user, schedule, kind and number of days before (the
-- UNIQUE key), so running the reminders twice creates nothing. Mail goes
-- through an outbox: a row is written in the same transaction as its
-- notice and stays until the mail server took it (sent_at), with its
-- attempts, the last error and when to try again, so nothing is lost
-- while the server is down. Times are ISO text in UTC.

ALTER TABLE users ADD COLUMN email TEXT;        -- NULL: no mail, notices only

CREATE TABLE notices (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	unit_id     INTEGER NOT NULL REFERENCES units(id),  -- the unit that has to submit
	schedule_id INTEGER NOT NULL REFERENCES report_schedules(id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('due_soon','due_today')),
	days_before INTEGER NOT NULL CHECK (days_before >= 0),
	text        TEXT NOT NULL,                  -- Vietnamese, as shown
	created_at  TEXT NOT NULL,
	read_at     TEXT,                           -- NULL: unread
	UNIQUE (user_id, schedule_id, kind, days_before)
);
CREATE INDEX notices_user ON notices(user_id, created_at);

CREATE TABLE mail_outbox (
	id              INTEGER PRIMARY KEY,
	notice_id       INTEGER REFERENCES notices(id) ON DELETE SET NULL,
	to_addr         TEXT NOT NULL,
	subject         TEXT NOT NULL,              -- UTF-8; encoded when sent
	body            TEXT NOT NULL,              -- UTF-8 plain text, LF line ends
	created_at      TEXT NOT NULL,
	attempts        INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT,
	next_attempt_at TEXT NOT NULL,              -- not tried again before this
	sent_at         TEXT                        -- NULL: still to send
);
CREATE INDEX mail_outbox_pending ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL;
