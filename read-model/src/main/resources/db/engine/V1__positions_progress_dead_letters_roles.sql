-- The engine's own tables, beside every domain's in each read-model schema. Before domains had migrations
-- of their own, these came from db/migration V1, V3, V4, V5, V11 and V12; a read model built then is
-- adopted as it is (ReadModelSchema).

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

-- Events the projector could not apply: undecodable, or failing every attempt. 'parked' is the failing
-- event; 'waiting' are later events of the same aggregate, held back so its versions stay in order.
-- Retrying applies them all from the events table; skipping passes over the parked event only.
-- raw: a parked record's exact content beside the sanitized jsonb view, as JSON with every character
-- outside printable ASCII escaped, so NULs and lone surrogates that text and jsonb refuse survive.
CREATE TABLE dead_letter (
    id              bigserial   PRIMARY KEY,
    aggregate       text        NOT NULL,
    version         bigint      NOT NULL,
    event_type      text,
    shard_id        text        NOT NULL,
    sequence_number text,
    payload         jsonb       NOT NULL,
    error           text        NOT NULL,
    attempts        int         NOT NULL,
    state           text        NOT NULL CHECK (state IN ('parked', 'waiting', 'skipped', 'resolved')),
    parked_at       timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    raw             bytea,
    UNIQUE (aggregate, version)
);
CREATE INDEX dead_letter_open_idx ON dead_letter (aggregate) WHERE state IN ('parked', 'waiting');

-- The role analysts' SQL reads as: the tables the domains expose to analysts and nothing else, never
-- writing. Roles are cluster-wide, so it is created once; the grants are per schema and are made after
-- every migration, from the domains' table lists (ReaderGrants), so a rebuilt schema gets them too.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tributary_reader') THEN
        CREATE ROLE tributary_reader NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO tributary_reader;

-- The migrating login is a member of tributary_reader. Since PostgreSQL 16 a role's creator holds ADMIN
-- OPTION on it but is not a member, and a managed database's master user (RDS) is not a superuser.
GRANT tributary_reader TO CURRENT_USER;

-- The login analysts' SQL runs on: its own sessions, member of tributary_reader and of nothing else, so
-- there is no other role to return to. Where logins need a password (RDS), set one:
-- ALTER ROLE tributary_analyst PASSWORD '...'; and give it to the query service as
-- TRIBUTARY_QUERY_ANALYST_PASSWORD.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tributary_analyst') THEN
        CREATE ROLE tributary_analyst LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 32;
        ALTER ROLE tributary_analyst SET default_transaction_read_only = on;
        ALTER ROLE tributary_analyst SET statement_timeout = '30s';
        ALTER ROLE tributary_analyst SET work_mem = '16MB';
    END IF;
END
$$;
GRANT tributary_reader TO tributary_analyst;
