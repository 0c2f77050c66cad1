-- 005_submissions.sql: a unit's report for a schedule (issue 4, point 2).
-- A report is a chain of versions: editors write a draft, an approver
-- submits it, and from then on that version never changes; the receiving
-- unit's coordinator accepts it or returns it with a comment, and a
-- correction is a new version (version + 1) of the same schedule and unit.
-- Completeness (point 3) reads the first submitted version's time against
-- the schedule's due date.

CREATE TABLE report_submissions (
	id             INTEGER PRIMARY KEY,
	schedule_id    INTEGER NOT NULL REFERENCES report_schedules(id) ON DELETE CASCADE,
	unit_id        INTEGER NOT NULL REFERENCES units(id),
	version        INTEGER NOT NULL CHECK (version >= 1),
	status         TEXT NOT NULL CHECK (status IN ('draft','submitted','accepted','returned')),
	created_by     INTEGER REFERENCES users(id),   -- NULL: the command line
	created_at     TEXT NOT NULL,                  -- ISO date-time, UTC
	updated_at     TEXT NOT NULL,
	submitted_by   INTEGER REFERENCES users(id),
	submitted_at   TEXT,                           -- set once, when submitted
	reviewed_by    INTEGER REFERENCES users(id),
	reviewed_at    TEXT,
	review_comment TEXT,                           -- why it was returned (or a note on acceptance)
	UNIQUE (schedule_id, unit_id, version)
);
CREATE INDEX report_submissions_unit ON report_submissions(unit_id);

-- Narrative per plan section (section_id NULL: the general part).
CREATE TABLE submission_sections (
	submission_id INTEGER NOT NULL REFERENCES report_submissions(id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	section_id    INTEGER REFERENCES sections(id) ON DELETE SET NULL,
	title         TEXT,
	text          TEXT NOT NULL,
	PRIMARY KEY (submission_id, position)
);

-- The unit's tasks as of the cut-off: their status then, and a note.
CREATE TABLE submission_tasks (
	submission_id INTEGER NOT NULL REFERENCES report_submissions(id) ON DELETE CASCADE,
	task_id       INTEGER NOT NULL REFERENCES tasks(id),
	status        TEXT NOT NULL CHECK (status IN ('not_started','in_progress','done','cancelled')),
	note          TEXT,
	PRIMARY KEY (submission_id, task_id)
);
