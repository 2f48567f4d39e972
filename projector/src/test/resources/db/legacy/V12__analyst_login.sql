-- The login analysts' SQL runs on: its own sessions, member of tributary_reader and of nothing else.
-- Analysts' SQL used to run as the query service's login under SET LOCAL ROLE tributary_reader, which the
-- login itself may undo (set_config('role', 'none', true)) if any text slips past the SQL check. On this
-- login there is nothing to return to. Roles are cluster-wide, so it is created once. Where logins need a
-- password (RDS), set one: ALTER ROLE tributary_analyst PASSWORD '...'; and give it to the query service
-- as TRIBUTARY_QUERY_ANALYST_PASSWORD.
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
