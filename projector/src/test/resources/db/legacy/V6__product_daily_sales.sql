-- Per UTC day of placement and product: orders not cancelled that contain it (each once, however many
-- of its lines list it), their units and revenue. Kept by the projector in the same transaction as the
-- orders: a placed order adds, a cancelled one takes back out. "Top products since a date" sums a row
-- per day and product here instead of every order line, so it stays flat as orders grow.
CREATE TABLE product_daily_sales (
    day           date    NOT NULL,
    currency      char(3) NOT NULL,
    product_id    uuid    NOT NULL,
    orders        bigint  NOT NULL DEFAULT 0,
    units         bigint  NOT NULL DEFAULT 0,
    revenue_minor bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (currency, day, product_id)
);

-- A read model built before this table: fill it from the orders it already holds.
INSERT INTO product_daily_sales (day, currency, product_id, orders, units, revenue_minor)
SELECT (o.placed_at AT TIME ZONE 'UTC')::date, o.currency, l.product_id, count(DISTINCT o.order_id), sum(l.quantity),
       sum(l.quantity * l.unit_price_minor)
FROM orders o JOIN order_lines l ON l.order_id = o.order_id
WHERE o.status <> 'cancelled'
GROUP BY 1, 2, 3;

GRANT SELECT ON product_daily_sales TO tributary_reader;
