-- The shop's read model. Before domains had migrations of their own, these tables came from
-- db/migration V1 to V10; a read model built then is adopted as it is (ReadModelSchema). Which tables
-- analysts may read, and which a rebuild compares, is said in ShopReadModel, not here.

-- No foreign keys across aggregates: the stream orders events per aggregate, not across aggregates, so
-- an order may be projected before its customer when they sit on different shards.
CREATE TABLE customers (
    customer_id   uuid        PRIMARY KEY,
    name          text        NOT NULL,
    email         text        NOT NULL,
    registered_at timestamptz NOT NULL,
    version       bigint      NOT NULL CHECK (version >= 1),
    status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
    updated_at    timestamptz NOT NULL
);
CREATE INDEX customers_email_idx ON customers (lower(email));

-- Stock: on_hand is physically in the warehouse (restocked minus shipped); reserved is promised to
-- orders that have not shipped or been cancelled. Available to promise = on_hand - reserved.
CREATE TABLE products (
    product_id  uuid        PRIMARY KEY,
    sku         text        NOT NULL,
    name        text        NOT NULL,
    price_minor bigint      NOT NULL CHECK (price_minor > 0),
    currency    char(3)     NOT NULL,
    on_hand     bigint      NOT NULL DEFAULT 0,
    reserved    bigint      NOT NULL DEFAULT 0,
    status      text        NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'discontinued')),
    added_at    timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 1)
);
CREATE INDEX products_sku_idx ON products (sku);
CREATE INDEX products_available_idx ON products ((on_hand - reserved)) WHERE status = 'listed';

CREATE TABLE orders (
    order_id    uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled')),
    total_minor bigint      NOT NULL CHECK (total_minor >= 0),
    currency    char(3)     NOT NULL,
    placed_at   timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 1)
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, order_id);
CREATE INDEX orders_status_idx ON orders (status, placed_at);
CREATE INDEX orders_placed_at_idx ON orders (placed_at);

CREATE TABLE order_lines (
    order_id         uuid   NOT NULL REFERENCES orders ON DELETE CASCADE,
    line_no          int    NOT NULL CHECK (line_no >= 1),
    product_id       uuid   NOT NULL,
    quantity         bigint NOT NULL CHECK (quantity > 0),
    unit_price_minor bigint NOT NULL CHECK (unit_price_minor > 0),
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product_idx ON order_lines (product_id);

CREATE TABLE order_status_history (
    order_id uuid        NOT NULL REFERENCES orders ON DELETE CASCADE,
    version  bigint      NOT NULL,
    status   text        NOT NULL,
    at       timestamptz NOT NULL,
    PRIMARY KEY (order_id, version)
);

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

-- Per UTC day of placement and product: orders not cancelled that contain it (each once, however many
-- of its lines list it), their units and revenue. "Top products since a date" sums a row per day and
-- product here instead of every order line, so it stays flat as orders grow.
CREATE TABLE product_daily_sales (
    day           date    NOT NULL,
    currency      char(3) NOT NULL,
    product_id    uuid    NOT NULL,
    orders        bigint  NOT NULL DEFAULT 0,
    units         bigint  NOT NULL DEFAULT 0,
    revenue_minor bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (currency, day, product_id)
);

-- recent_window: per currency, where "recent" starts: the UTC day of the newest order placed in that
-- currency and the 29 before it. It only moves forward, and with the orders, not with the clock, so a
-- rebuild from the same events reaches the same window and the same rows. previous_start is where it
-- started before the batch being applied; between batches it equals window_start.
CREATE TABLE recent_window (
    currency       char(3)     PRIMARY KEY,
    window_start   timestamptz NOT NULL,
    previous_start timestamptz NOT NULL
);

-- Per customer and currency: orders placed at or after the currency's window_start and not cancelled,
-- and what they came to, so "top customers of the last 30 days" reads the top rows of an index.
CREATE TABLE recent_customer_spend (
    customer_id uuid    NOT NULL,
    currency    char(3) NOT NULL,
    orders      bigint  NOT NULL,
    spend_minor bigint  NOT NULL,
    PRIMARY KEY (customer_id, currency)
);
CREATE INDEX recent_customer_spend_rank_idx ON recent_customer_spend (currency, spend_minor DESC, customer_id);
-- Rows whose last recent order left the window or was cancelled, deleted in the same transaction.
CREATE INDEX recent_customer_spend_empty_idx ON recent_customer_spend (customer_id) WHERE orders = 0;

-- Per UTC day of placement: how many of the orders placed that day are in each status now. A change of
-- status moves an order from one row of its day to another.
CREATE TABLE daily_order_status (
    day    date   NOT NULL,
    status text   NOT NULL CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled')),
    orders bigint NOT NULL,
    PRIMARY KEY (day, status)
);
-- Rows whose orders all moved on, deleted in the same transaction, so the table depends on the orders
-- alone and not on how the events were batched.
CREATE INDEX daily_order_status_empty_idx ON daily_order_status (day) WHERE orders = 0;

-- Per product and currency: the orders placed at or after window_start and not cancelled that contain
-- the product (each once), their units and revenue, so "top products of the last 30 days" reads the
-- top rows of an index.
CREATE TABLE recent_product_sales (
    product_id    uuid    NOT NULL,
    currency      char(3) NOT NULL,
    orders        bigint  NOT NULL,
    units         bigint  NOT NULL,
    revenue_minor bigint  NOT NULL,
    PRIMARY KEY (product_id, currency)
);
CREATE INDEX recent_product_sales_units_idx ON recent_product_sales (currency, units DESC, product_id);
CREATE INDEX recent_product_sales_revenue_idx ON recent_product_sales (currency, revenue_minor DESC, product_id);
CREATE INDEX recent_product_sales_empty_idx ON recent_product_sales (product_id) WHERE orders = 0;
