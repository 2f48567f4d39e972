-- Customers can be deactivated.
ALTER TABLE customers
    ADD COLUMN status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
    ADD COLUMN updated_at timestamptz;
UPDATE customers SET updated_at = registered_at;
ALTER TABLE customers ALTER COLUMN updated_at SET NOT NULL;

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

-- No foreign keys to customers or products: the stream orders events per aggregate, not across
-- aggregates, so an order may be projected before its customer when they sit on different shards.
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
