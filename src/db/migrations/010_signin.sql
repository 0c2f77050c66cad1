-- 010_signin.sql: sign-in throttling that a restart does not forget and
-- that several servers share (issue 9, point 3). Failures are rows, so
-- that no table slot can be taken over by a chosen key: each limit is a
-- count of rows in a window. Device cookies mark a browser that signed in
-- as a user before; its owner's sign-ins are not throttled per login, so
-- that an attacker guessing passwords cannot lock the owner out.

CREATE TABLE signin_failures (
	id      INTEGER PRIMARY KEY,
	at      INTEGER NOT NULL,             -- Unix seconds
	login   TEXT NOT NULL,                -- as typed, or the SHA-256 of what cannot be a login
	address TEXT NOT NULL,                -- the client address
	device  TEXT,                         -- SHA-256 of the device cookie that vouched for the try, or NULL
	trusted INTEGER NOT NULL DEFAULT 0    -- 1: that device cookie belonged to the login
);
CREATE INDEX signin_failures_login ON signin_failures(login, at);
CREATE INDEX signin_failures_address ON signin_failures(address, at);
CREATE INDEX signin_failures_device ON signin_failures(device, at);
CREATE INDEX signin_failures_at ON signin_failures(at);

CREATE TABLE signin_devices (
	token_hash TEXT PRIMARY KEY,          -- SHA-256 of the cookie's token
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL           -- Unix seconds
);
CREATE INDEX signin_devices_user ON signin_devices(user_id);
