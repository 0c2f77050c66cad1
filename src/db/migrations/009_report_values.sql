-- 009_report_values.sql: a report holds the values of the indicators in
-- scope (issue 4, point 2). Each version keeps its own figures, so the
-- history of a report stays readable after a correction; when a version
-- is submitted its figures are written to indicator_values with source
-- 'report' and count in the roll-ups from then on.

CREATE TABLE submission_values (
	submission_id INTEGER NOT NULL REFERENCES report_submissions(id) ON DELETE CASCADE,
	indicator_id  INTEGER NOT NULL REFERENCES indicators(id),
	period        TEXT NOT NULL,                -- the schedule's period: '2024-H1', '2024', ...
	numerator     REAL NOT NULL,
	denominator   REAL,                         -- rates only
	PRIMARY KEY (submission_id, indicator_id)
);

-- indicator_values.source gains 'report'. A CHECK constraint cannot be
-- altered in place in SQLite, so the table is rebuilt with its rows.
CREATE TABLE indicator_values_009 (
	indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
	unit_id      INTEGER NOT NULL REFERENCES units(id),
	period       TEXT NOT NULL,
	numerator    REAL NOT NULL,
	denominator  REAL,
	source       TEXT NOT NULL CHECK (source IN ('form','api','csv','report')),
	updated_by   INTEGER REFERENCES users(id),
	updated_at   TEXT NOT NULL,
	PRIMARY KEY (indicator_id, unit_id, period)
);
INSERT INTO indicator_values_009 (indicator_id, unit_id, period, numerator, denominator,
                                  source, updated_by, updated_at)
	SELECT indicator_id, unit_id, period, numerator, denominator, source, updated_by,
	       updated_at FROM indicator_values;
DROP TABLE indicator_values;
ALTER TABLE indicator_values_009 RENAME TO indicator_values;
CREATE INDEX indicator_values_period ON indicator_values(indicator_id, period);
