-- 003_schedules.sql: report schedules (issue 4, point 1). A schedule says
-- which report is due (kind and the period it covers), the data cut-off
-- the figures are taken at (Decree 09/2019/NĐ-CP, Article 12 by default,
-- editable), the deadline, the receiving unit and who submits: an
-- explicit list of units (report_schedule_units), a rule "every unit of
-- kind K below unit U" (rule_kind, rule_parent_id), or both. The rule is
-- resolved when read, against the units valid on the due date, so the
-- submissions and completeness of later points join on schedule id and
-- unit id. Dates are ISO text.

CREATE TABLE report_schedules (
	id                INTEGER PRIMARY KEY,
	plan_id           INTEGER REFERENCES plans(id) ON DELETE SET NULL,
	deadline_id       INTEGER UNIQUE REFERENCES report_deadlines(id) ON DELETE SET NULL,
	                                            -- the imported deadline it came from
	kind              TEXT NOT NULL CHECK (kind IN ('monthly','quarterly','6-month','9-month','annual','ad_hoc')),
	title             TEXT NOT NULL,
	year              INTEGER,                  -- NULL only for an ad hoc report
	period_index      INTEGER,                  -- month 1-12 (monthly), quarter 1-4 (quarterly)
	period_start      TEXT,                     -- the period the report covers
	period_end        TEXT,
	cutoff_start      TEXT,                     -- the data cut-off
	cutoff_end        TEXT,
	due               TEXT NOT NULL,            -- the deadline
	receiving_unit_id INTEGER NOT NULL REFERENCES units(id),
	rule_kind         TEXT,                     -- units.kind of the rule, or NULL
	rule_parent_id    INTEGER REFERENCES units(id),
	created_by        INTEGER REFERENCES users(id), -- NULL: the command line
	created_at        TEXT NOT NULL
);
CREATE INDEX report_schedules_due ON report_schedules(due);
CREATE INDEX report_schedules_plan ON report_schedules(plan_id);

CREATE TABLE report_schedule_units (
	schedule_id INTEGER NOT NULL REFERENCES report_schedules(id) ON DELETE CASCADE,
	unit_id     INTEGER NOT NULL REFERENCES units(id),
	PRIMARY KEY (schedule_id, unit_id)
);
CREATE INDEX report_schedule_units_unit ON report_schedule_units(unit_id);
