-- Positions: the last event version applied per aggregate. Written in the same transaction as every
-- read-model change, so an event at or below it is a redelivery and is skipped.
CREATE TABLE projection_position (
    aggregate  text        PRIMARY KEY,
    version    bigint      NOT NULL CHECK (version >= 1),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Stream progress per shard: what the projector has committed, and how fresh it is.
CREATE TABLE shard_progress (
    shard_id        text        PRIMARY KEY,
    sequence_number text        NOT NULL,
    last_event_at   timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customers (
    customer_id   uuid        PRIMARY KEY,
    name          text        NOT NULL,
    email         text        NOT NULL,
    registered_at timestamptz NOT NULL,
    version       bigint      NOT NULL CHECK (version >= 1)
);

CREATE INDEX customers_email_idx ON customers (lower(email));
