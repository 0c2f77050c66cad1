-- 002_people.sql: people and what they do. Users and their sessions, the
-- audit log, dated progress notes and attached files of tasks, and the
-- folded text tasks are searched by. Times are ISO text in UTC
-- ("2026-11-23T10:15:00Z"), written by the program, so they compare as text.

CREATE TABLE users (
	id         INTEGER PRIMARY KEY,
	login      TEXT NOT NULL UNIQUE,            -- [a-z0-9._-], 2-64 characters
	name       TEXT NOT NULL,                   -- display name, Vietnamese
	unit_id    INTEGER NOT NULL REFERENCES units(id),
	role       TEXT NOT NULL CHECK (role IN ('viewer','editor','approver','coordinator','admin')),
	pw_hash    TEXT NOT NULL,                   -- Argon2id string (libsodium crypto_pwhash_str)
	disabled   INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,                -- SHA-256 hex of the token the browser holds
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,                   -- the session's CSRF token
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL                    -- moved forward on use
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	user_id     INTEGER REFERENCES users(id),   -- NULL: the command line
	user_login  TEXT,                           -- kept as it was when the entry was made
	action      TEXT NOT NULL,                  -- "task.status", "unit.merge", ...
	entity      TEXT NOT NULL,                  -- "task", "unit", "user", "plan"
	entity_id   INTEGER,
	before_json TEXT,
	after_json  TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE task_notes (
	id         INTEGER PRIMARY KEY,
	task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	user_id    INTEGER REFERENCES users(id),    -- NULL: the command line
	note_date  TEXT NOT NULL,                   -- the day the progress refers to
	text       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX task_notes_task ON task_notes(task_id, note_date);

CREATE TABLE attachments (
	id         INTEGER PRIMARY KEY,
	task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	user_id    INTEGER REFERENCES users(id),
	name       TEXT NOT NULL,                   -- file name as uploaded, NFC, no path
	mime       TEXT NOT NULL,
	size       INTEGER NOT NULL,
	sha256     TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX attachments_task ON attachments(task_id);

-- The bytes apart from the record, so that listing attachments never reads
-- them; written in the same transaction as the record.
CREATE TABLE attachment_data (
	attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
	data          BLOB NOT NULL
);

-- text_fold() of a task's number, section, content, lead and notes: lower
-- case, no diacritics, đ -> d. Filled by the program (task_index_backfill
-- for rows written before this column existed).
ALTER TABLE tasks ADD COLUMN search TEXT;
CREATE INDEX tasks_unindexed ON tasks(id) WHERE search IS NULL;
CREATE INDEX tasks_status ON tasks(status);
