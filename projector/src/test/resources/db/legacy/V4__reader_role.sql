-- The role analysts' plain SQL runs as (SET LOCAL ROLE in the query service): it can read the business
-- tables of this schema and nothing else, and cannot write. Roles are cluster-wide, so it is created
-- once; the grants are per schema, so a rebuilt schema gets them too. The query service's login must be
-- a member of it (GRANT tributary_reader TO <query-service user>; a superuser already is).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tributary_reader') THEN
        CREATE ROLE tributary_reader NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO tributary_reader;
GRANT SELECT ON customers, products, orders, order_lines, order_status_history, daily_sales, customer_stats, product_sales
    TO tributary_reader;
