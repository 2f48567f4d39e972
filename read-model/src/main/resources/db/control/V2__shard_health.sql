-- What each projector worker says of the shards it holds, every few seconds, so the query service and
-- the dashboard see a stall without calling the projector. It lives in the control schema because it
-- describes the pipe, not the read model, and must survive a rebuild's switch.
CREATE TABLE shard_health (
    shard_id      text        PRIMARY KEY,
    worker        text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('caught-up', 'applying', 'stalled', 'paused')),
    lag_millis    bigint      NOT NULL,
    waiting_since timestamptz,
    stalled_since timestamptz,
    reason        text,
    reported_at   timestamptz NOT NULL DEFAULT now()
);
