-- A build says it is alive. The projector running a rebuild or a backfill writes its phase, its progress
-- and a heartbeat every few seconds, so any service can show where it stands. A build whose heartbeat
-- stops (its projector was killed) is marked 'orphaned' by any projector: live batches stop going to its
-- schema, another build of the same projection may start, and a backfill it was doing starts again.
ALTER TABLE rebuilds ADD COLUMN worker text;
ALTER TABLE rebuilds ADD COLUMN phase text;
ALTER TABLE rebuilds ADD COLUMN estimated bigint;
ALTER TABLE rebuilds ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE rebuilds DROP CONSTRAINT rebuilds_state_check;
ALTER TABLE rebuilds ADD CONSTRAINT rebuilds_state_check CHECK (state IN ('building', 'switched', 'abandoned', 'orphaned'));
