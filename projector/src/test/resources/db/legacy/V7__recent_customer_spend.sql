-- Spend per customer over the recent orders, so "top customers of the last 30 days" reads the top rows
-- of an index instead of summing every order of the window (tens of thousands at a million orders a
-- year, nearly one per customer, which no per-day or per-month table compresses).
--
-- recent_window: per currency, where "recent" starts: 30 days (720 hours) before the newest order
-- placed in that currency. It only moves forward, and it moves with the orders, not with the clock, so
-- a rebuild from the same events reaches the same window and the same rows. While the shop takes
-- orders, "the last 30 days" asked now starts within moments of it.
-- previous_start is where it started before the batch being applied; between batches it equals
-- window_start.
CREATE TABLE recent_window (
    currency       char(3)     PRIMARY KEY,
    window_start   timestamptz NOT NULL,
    previous_start timestamptz NOT NULL
);

-- Per customer and currency: orders placed at or after the currency's window_start and not cancelled,
-- and what they came to. A customer with no such order has no row.
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

-- A read model built before these tables: fill them from the orders it already holds.
INSERT INTO recent_window (currency, window_start, previous_start)
SELECT currency, start, start
FROM (SELECT currency, max(placed_at) - interval '720 hours' AS start
      FROM orders GROUP BY currency) newest;

INSERT INTO recent_customer_spend (customer_id, currency, orders, spend_minor)
SELECT o.customer_id, o.currency, count(*), sum(o.total_minor)
FROM orders o JOIN recent_window w ON w.currency = o.currency
WHERE o.placed_at >= w.window_start AND o.status <> 'cancelled'
GROUP BY 1, 2;

GRANT SELECT ON recent_window, recent_customer_spend TO tributary_reader;
