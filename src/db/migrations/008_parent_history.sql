-- 008_parent_history.sql: the former parents of units re-parented by a
-- merge (issue 4, point 5), so roll-ups of periods before the move count a
-- unit under the parent it had then. units.parent_id keeps the current
-- parent; one row here per parent a unit left, with the last day it held.

CREATE TABLE unit_parent_history (
	unit_id   INTEGER NOT NULL REFERENCES units(id),
	parent_id INTEGER REFERENCES units(id),   -- the former parent; NULL: a root
	valid_to  TEXT NOT NULL,                  -- ISO date, the last day parent_id held
	PRIMARY KEY (unit_id, valid_to)
);
