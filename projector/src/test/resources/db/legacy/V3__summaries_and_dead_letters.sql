-- Summary tables, kept by the projector in the same transaction as the events that change them.
-- Every change is an increment (or a least/greatest), so the result does not depend on the order in
-- which different aggregates' events arrive. Revenue is counted when an order is placed and taken back
-- when it is cancelled. Money is kept per currency and never summed across currencies.

-- Per UTC day of placement: orders placed, revenue of those not cancelled, and how many were cancelled.
CREATE TABLE daily_sales (
    day           date    NOT NULL,
    currency      char(3) NOT NULL,
    orders        bigint  NOT NULL DEFAULT 0,
    revenue_minor bigint  NOT NULL DEFAULT 0,
    cancelled     bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (day, currency)
);

-- Per customer: orders not cancelled and what they came to; first and last placement of any order.
CREATE TABLE customer_stats (
    customer_id          uuid        NOT NULL,
    currency             char(3)     NOT NULL,
    orders               bigint      NOT NULL DEFAULT 0,
    lifetime_spend_minor bigint      NOT NULL DEFAULT 0,
    first_order_at       timestamptz NOT NULL,
    last_order_at        timestamptz NOT NULL,
    PRIMARY KEY (customer_id, currency)
);
CREATE INDEX customer_stats_spend_idx ON customer_stats (currency, lifetime_spend_minor DESC);
CREATE INDEX customer_stats_first_order_idx ON customer_stats (first_order_at);

-- Per product: orders not cancelled that contain it, their units and revenue.
CREATE TABLE product_sales (
    product_id    uuid    NOT NULL,
    currency      char(3) NOT NULL,
    orders        bigint  NOT NULL DEFAULT 0,
    units         bigint  NOT NULL DEFAULT 0,
    revenue_minor bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, currency)
);
CREATE INDEX product_sales_units_idx ON product_sales (units DESC);
CREATE INDEX product_sales_revenue_idx ON product_sales (currency, revenue_minor DESC);

-- Units shipped per product. Shipping is an order event that changes a product's stock; when the
-- order is projected before the product exists, the product starts from what has already shipped.
CREATE TABLE product_shipments (
    product_id uuid   PRIMARY KEY,
    units      bigint NOT NULL
);

-- Events the projector could not apply: undecodable, or failing every attempt. 'parked' is the failing
-- event; 'waiting' are later events of the same aggregate, held back so its versions stay in order.
-- Retrying applies them all from the events table; skipping passes over the parked event only.
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
    UNIQUE (aggregate, version)
);
CREATE INDEX dead_letter_open_idx ON dead_letter (aggregate) WHERE state IN ('parked', 'waiting');
