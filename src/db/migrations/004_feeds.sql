-- 004_feeds.sql: calendar feeds. A unit has at most one secret feed
-- token; the database keeps only its SHA-256 (hex), so a stolen database
-- copy does not give the feed URLs away. Renewing replaces the row, which
-- revokes the old URL.

CREATE TABLE feed_tokens (
	unit_id    INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,            -- SHA-256 hex of the token in the URL
	created_at TEXT NOT NULL,                   -- ISO UTC date-time
	created_by INTEGER REFERENCES users(id)     -- NULL: the command line
);
