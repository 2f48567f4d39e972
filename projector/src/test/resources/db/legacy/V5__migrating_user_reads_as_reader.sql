-- The login that runs the migrations (and, in the shipped deployment, the query service) becomes a
-- member of tributary_reader, so analysts' SQL can SET LOCAL ROLE to it. Since PostgreSQL 16 a role's
-- creator holds ADMIN OPTION on it but is not a member, and a managed database's master user (RDS) is
-- not a superuser. Repeating the grant in a rebuilt schema changes nothing.
GRANT tributary_reader TO CURRENT_USER;
