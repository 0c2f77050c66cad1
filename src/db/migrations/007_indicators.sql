-- 007_indicators.sql: indicators, their yearly targets per unit level, and
-- the values units report per period (issue 4, points 4 and 5). Roll-ups
-- are not stored: model/rollup.c keeps them in memory, built from
-- indicator_values and updated as values are written.

CREATE TABLE indicators (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,           -- short stable code, e.g. HN-01
	name        TEXT NOT NULL,
	measure     TEXT,                           -- unit of measure as shown ("hộ", "%")
	type        TEXT NOT NULL CHECK (type IN ('count','sum','rate','bool')),
	aggregation TEXT NOT NULL CHECK (aggregation IN ('sum','ratio','count_true')),
	levels      TEXT NOT NULL,                  -- reporting unit levels, comma-separated: "commune,branch"
	kinds       TEXT,                           -- reporting unit kinds, comma-separated; NULL: any
	year_from   INTEGER,                        -- first year values may be entered for; NULL: any
	year_to     INTEGER,                        -- last year; NULL: any
	created_at  TEXT NOT NULL
);

CREATE TABLE indicator_targets (
	indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
	year         INTEGER NOT NULL,
	level        TEXT NOT NULL,                 -- the unit level the target applies to
	op           TEXT NOT NULL CHECK (op IN ('>=','>','=','<=')),
	value        REAL NOT NULL,
	PRIMARY KEY (indicator_id, year, level)
);

CREATE TABLE indicator_values (
	indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
	unit_id      INTEGER NOT NULL REFERENCES units(id),
	period       TEXT NOT NULL,                 -- '2024', '2024-H1', '2024-Q3', '2024-09'
	numerator    REAL NOT NULL,                 -- the value for count/sum, 0/1 for bool
	denominator  REAL,                          -- rates only
	source       TEXT NOT NULL CHECK (source IN ('form','api','csv')),
	updated_by   INTEGER REFERENCES users(id),  -- NULL: the command line
	updated_at   TEXT NOT NULL,
	PRIMARY KEY (indicator_id, unit_id, period)
);
CREATE INDEX indicator_values_period ON indicator_values(indicator_id, period);
