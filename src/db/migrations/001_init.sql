-- 001_init.sql: the first schema. Units registry, documents and what was
-- extracted from them, plans, sections, tasks, reporting deadlines, targets.
-- Dates are ISO text (YYYY-MM-DD), which both SQLite and PostgreSQL compare
-- correctly as text. Portable SQL only: types and constraints both accept.

CREATE TABLE units (
	id           INTEGER PRIMARY KEY,
	key          TEXT NOT NULL UNIQUE,          -- stable identifier, e.g. laocai.so-noivu
	parent_id    INTEGER REFERENCES units(id),
	kind         TEXT NOT NULL CHECK (kind IN ('committee','department','mass_org','party','front','other')),
	level        TEXT CHECK (level IN ('central','province','district','commune','branch')),
	name         TEXT NOT NULL,                 -- full official name
	short_name   TEXT,
	valid_from   TEXT,                          -- NULL: since ever
	valid_to     TEXT,                          -- NULL: still valid
	successor_id INTEGER REFERENCES units(id),  -- who took over after valid_to
	proposed     INTEGER NOT NULL DEFAULT 0     -- 1: created by an import, awaiting review
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE unit_aliases (
	unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
	alias   TEXT NOT NULL,
	PRIMARY KEY (unit_id, alias)
);

CREATE TABLE abbreviations (
	abbrev    TEXT PRIMARY KEY,
	expansion TEXT NOT NULL
);

CREATE TABLE documents (
	id            INTEGER PRIMARY KEY,
	type          TEXT NOT NULL CHECK (type IN ('plan','program','report','decision','regulation','other')),
	type_text     TEXT,
	number        TEXT,
	symbol        TEXT,
	place         TEXT,
	date          TEXT,
	year          INTEGER,
	title         TEXT,
	issuers       TEXT,
	source_name   TEXT NOT NULL,                -- file name it was imported from
	content_hash  TEXT NOT NULL UNIQUE,         -- SHA-256 of the NFC text
	original_text TEXT NOT NULL,
	imported_at   TEXT NOT NULL
);

CREATE TABLE legal_references (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	text        TEXT NOT NULL,
	kind        TEXT,
	number      TEXT,
	date        TEXT,
	issuer      TEXT,
	line        INTEGER
);

CREATE TABLE recipients (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	text        TEXT NOT NULL,
	PRIMARY KEY (document_id, position)
);

CREATE TABLE signers (
	document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	name         TEXT,
	title        TEXT,                          -- "PHÓ CHỦ TỊCH"
	authority    TEXT,                          -- "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
	organization TEXT,
	PRIMARY KEY (document_id, position)
);

CREATE TABLE review_items (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	line        INTEGER,
	what        TEXT NOT NULL,
	PRIMARY KEY (document_id, position)
);

CREATE TABLE plans (
	id           INTEGER PRIMARY KEY,
	document_id  INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
	title        TEXT NOT NULL,
	period_start TEXT,
	period_end   TEXT
);

CREATE TABLE sections (
	id        INTEGER PRIMARY KEY,
	plan_id   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	parent_id INTEGER REFERENCES sections(id),
	position  INTEGER NOT NULL,
	no        TEXT,
	title     TEXT,
	level     INTEGER NOT NULL,
	line      INTEGER
);

CREATE TABLE tasks (
	id             INTEGER PRIMARY KEY,
	plan_id        INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	no             TEXT,
	section        TEXT,                        -- "PHỤ LỤC 02" or the section title
	content        TEXT NOT NULL,
	lead_unit_id   INTEGER REFERENCES units(id),
	lead_text      TEXT,                        -- as written
	timeframe_text TEXT,
	start_date     TEXT,
	end_date       TEXT,
	timeframe_kind TEXT CHECK (timeframe_kind IN ('range','ongoing','deadline')),
	expected       INTEGER NOT NULL DEFAULT 0,
	notes          TEXT,
	status         TEXT NOT NULL DEFAULT 'not_started'
	               CHECK (status IN ('not_started','in_progress','done','cancelled')),
	source         TEXT,                        -- 'table' or 'activity'
	line           INTEGER
);
CREATE INDEX tasks_plan ON tasks(plan_id, position);
CREATE INDEX tasks_lead ON tasks(lead_unit_id);
CREATE INDEX tasks_end ON tasks(end_date);

CREATE TABLE task_coordinators (
	task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	unit_id  INTEGER REFERENCES units(id),
	text     TEXT NOT NULL,
	is_group INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (task_id, position)
);
CREATE INDEX task_coordinators_unit ON task_coordinators(unit_id);

CREATE TABLE report_deadlines (
	id         INTEGER PRIMARY KEY,
	plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	due_date   TEXT,
	to_text    TEXT,
	to_unit_id INTEGER REFERENCES units(id),
	line       INTEGER
);

CREATE TABLE targets (
	id        INTEGER PRIMARY KEY,
	plan_id   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	text      TEXT NOT NULL,
	op        TEXT NOT NULL CHECK (op IN ('>=','>','=','<=','<')),
	value     REAL NOT NULL,
	unit      TEXT,
	year_from INTEGER,
	year_to   INTEGER,
	each_year INTEGER NOT NULL DEFAULT 0,
	line      INTEGER
);
