-- 011_reach.sql: who may see and change what, by unit (issue 9, point 6;
-- docs/ACCESS.md). A coordinator reads the audit entries about the units in
-- its reach, so each entry records the unit it is about; an indicator
-- belongs to the unit of whoever defined it, and only that unit's
-- coordinators (and above) or administrators change it or its targets.
-- The program fills both at write time (model/audit.c, model/indicator.c);
-- the rows already there are filled below where the unit can be derived.

-- The unit an entry is about: a task's lead unit, the unit itself, a
-- user's unit, a report's submitting unit, a schedule's receiving unit, an
-- imported plan's importer's unit, an indicator's owner unit (a value: the
-- unit the value is for). NULL: none known; only administrators read it.
ALTER TABLE audit_log ADD COLUMN unit_id INTEGER REFERENCES units(id);
CREATE INDEX audit_unit ON audit_log(unit_id);

-- The unit an indicator belongs to. NULL: defined by the command line (or
-- before this migration, by nobody known); only administrators change it.
ALTER TABLE indicators ADD COLUMN owner_unit_id INTEGER REFERENCES units(id);

-- Back-fill. What the rows say today stands for what they said then: a
-- task whose lead moved in a merge counts under its new lead, a user who
-- changed unit under the new one.
UPDATE audit_log SET unit_id = (SELECT t.lead_unit_id FROM tasks t WHERE t.id = audit_log.entity_id)
	WHERE entity = 'task';
UPDATE audit_log SET unit_id = entity_id
	WHERE entity = 'unit' AND entity_id IN (SELECT id FROM units);
UPDATE audit_log SET unit_id = (SELECT u.unit_id FROM users u WHERE u.id = audit_log.entity_id)
	WHERE entity = 'user';
UPDATE audit_log SET unit_id = (SELECT s.unit_id FROM report_submissions s
                                WHERE s.id = audit_log.entity_id)
	WHERE entity = 'report';
UPDATE audit_log SET unit_id = (SELECT s.receiving_unit_id FROM report_schedules s
                                WHERE s.id = audit_log.entity_id)
	WHERE entity = 'schedule';
-- A plan: the importer's unit. Imports from the command line have no user,
-- so their entries stay without a unit.
UPDATE audit_log SET unit_id = (SELECT u.unit_id FROM users u WHERE u.id = audit_log.user_id)
	WHERE entity = 'plan' AND user_id IS NOT NULL;

-- An indicator's owner: the unit of the user whose entry created it. Those
-- the command line defined (the demo's) stay without an owner.
UPDATE indicators SET owner_unit_id = (
	SELECT u.unit_id FROM audit_log a JOIN users u ON u.id = a.user_id
	WHERE a.entity = 'indicator' AND a.entity_id = indicators.id AND a.action = 'indicator.add'
	ORDER BY a.id LIMIT 1);
-- Its definition and targets: the owner. Its values ('indicator.value')
-- name their unit only inside after_json, which portable SQL cannot read:
-- those written before this migration get the owner too (NULL for the
-- command line's indicators), later ones the unit of the value.
UPDATE audit_log SET unit_id = (SELECT i.owner_unit_id FROM indicators i
                                WHERE i.id = audit_log.entity_id)
	WHERE entity = 'indicator';
