-- Per UTC day of placement: how many of the orders placed that day are in each status now. Kept by the
-- projector in the same transaction as the orders: a placed order counts under 'placed'; a change of
-- status moves it from one row of its day to another. "Orders by status" over a month sums a row per
-- day and status here instead of every order, so it stays flat as orders grow.
CREATE TABLE daily_order_status (
    day    date   NOT NULL,
    status text   NOT NULL CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled')),
    orders bigint NOT NULL,
    PRIMARY KEY (day, status)
);
-- Rows whose orders all moved on, deleted in the same transaction, so the table depends on the orders
-- alone and not on how the events were batched.
CREATE INDEX daily_order_status_empty_idx ON daily_order_status (day) WHERE orders = 0;

-- A read model built before this table: fill it from the orders it already holds.
INSERT INTO daily_order_status (day, status, orders)
SELECT (placed_at AT TIME ZONE 'UTC')::date, status, count(*)
FROM orders
GROUP BY 1, 2;

GRANT SELECT ON daily_order_status TO tributary_reader;
