-- The ledger's read model: balances, transfers, and the daily transfer volume. Which tables analysts may
-- read, and which a rebuild compares, is said in LedgerReadModel, not here.

-- One row per account, its balance the fold of its events: never negative, as the decider allows.
CREATE TABLE ledger_accounts (
    account_id    uuid        PRIMARY KEY,
    owner         text        NOT NULL,
    currency      char(3)     NOT NULL,
    balance_minor bigint      NOT NULL CHECK (balance_minor >= 0),
    opened_at     timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL CHECK (version >= 1)
);

-- One row per transfer, written from the sending account's event: the receiving one's carries the same
-- transfer and changes only its balance.
CREATE TABLE ledger_transfers (
    transfer_id  uuid        PRIMARY KEY,
    from_account uuid        NOT NULL,
    to_account   uuid        NOT NULL,
    amount_minor bigint      NOT NULL CHECK (amount_minor > 0),
    currency     char(3)     NOT NULL,
    at           timestamptz NOT NULL
);
CREATE INDEX ledger_transfers_from_idx ON ledger_transfers (from_account, at DESC);
CREATE INDEX ledger_transfers_to_idx ON ledger_transfers (to_account, at DESC);

-- Per UTC day and currency: transfers sent and the money they moved. Every change is an increment, so
-- the result does not depend on the order in which different accounts' events arrive.
CREATE TABLE ledger_daily_transfers (
    day          date    NOT NULL,
    currency     char(3) NOT NULL,
    transfers    bigint  NOT NULL,
    volume_minor bigint  NOT NULL,
    PRIMARY KEY (day, currency)
);
