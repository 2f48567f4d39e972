-- The recent window now holds whole UTC days: the day of the newest order placed in the currency and
-- the 29 before it, so it starts at a midnight, UTC, where the dashboard's "last 30 days" starts.
-- Before, it started 720 hours before the newest order, up to a day earlier, and every such report
-- summed the order lines of that stretch.
--
-- A read model built before: move each window to its new start (never earlier than the old one) and
-- refill both recent tables from the orders it holds, as the projector keeps them from now on.
UPDATE recent_window w
SET window_start = newest.start, previous_start = newest.start
FROM (SELECT currency, (date_trunc('day', max(placed_at) AT TIME ZONE 'UTC') - interval '29 days') AT TIME ZONE 'UTC' AS start
      FROM orders GROUP BY currency) newest
WHERE newest.currency = w.currency;

DELETE FROM recent_customer_spend;
INSERT INTO recent_customer_spend (customer_id, currency, orders, spend_minor)
SELECT o.customer_id, o.currency, count(*), sum(o.total_minor)
FROM orders o JOIN recent_window w ON w.currency = o.currency
WHERE o.placed_at >= w.window_start AND o.status <> 'cancelled'
GROUP BY 1, 2;

DELETE FROM recent_product_sales;
INSERT INTO recent_product_sales (product_id, currency, orders, units, revenue_minor)
SELECT l.product_id, o.currency, count(DISTINCT o.order_id), sum(l.quantity), sum(l.quantity * l.unit_price_minor)
FROM orders o
JOIN recent_window w ON w.currency = o.currency
JOIN order_lines l ON l.order_id = o.order_id
WHERE o.placed_at >= w.window_start AND o.status <> 'cancelled'
GROUP BY 1, 2;
