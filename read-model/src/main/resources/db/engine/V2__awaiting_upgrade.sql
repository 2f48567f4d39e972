-- 'awaiting-upgrade': a record this version of the projector cannot read yet (its type, aggregate type or
-- schema version is newer than it knows: a rolling deploy in progress). Its aggregate is held like a parked
-- one, but it is no poison: a projector that reads it resumes it by itself.
ALTER TABLE dead_letter DROP CONSTRAINT dead_letter_state_check;
ALTER TABLE dead_letter ADD CONSTRAINT dead_letter_state_check
    CHECK (state IN ('parked', 'waiting', 'awaiting-upgrade', 'skipped', 'resolved'));
DROP INDEX dead_letter_open_idx;
CREATE INDEX dead_letter_open_idx ON dead_letter (aggregate) WHERE state IN ('parked', 'waiting', 'awaiting-upgrade');
