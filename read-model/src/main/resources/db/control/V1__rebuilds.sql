-- Read-model rebuilds. While a rebuild is 'building', the projector applies every live batch to its
-- schema as well as to the live one, in the same transaction.
CREATE TABLE rebuilds (
    schema_name text        PRIMARY KEY,
    state       text        NOT NULL CHECK (state IN ('building', 'switched', 'abandoned')),
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    events      bigint      NOT NULL DEFAULT 0,
    note        text
);
