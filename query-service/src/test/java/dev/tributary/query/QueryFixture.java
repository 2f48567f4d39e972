package dev.tributary.query;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.readmodel.ReadModelSchema;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The query service over the module's shared Postgres, with the read-model schema migrated. */
final class QueryFixture implements AutoCloseable {

    static final int ANSWER_BYTE_CAP = 256 * 1024;
    static final int VALUE_CHAR_CAP = 4096;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String secret = DevTokens.newSecret();
    private final EmbeddedServer server;

    private static QueryFixture shared;

    /**
     * The module's one query service over the shared Postgres, started by the first test class that
     * asks and stopped when the test JVM exits.
     */
    static synchronized QueryFixture shared() {
        if (shared == null) {
            shared = new QueryFixture(SharedLocalInfra.postgres(), Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-query-service"));
        }
        return shared;
    }

    /** The query service over {@code postgres}'s read model, with more {@code settings}. */
    QueryFixture(LocalPostgres postgres, Map<String, Object> settings) {
        ReadModelSchema.migrate(postgres.jdbcUrl(), LocalPostgres.USER, "");
        var properties = new java.util.HashMap<String, Object>(Map.of(
                "micronaut.server.port", -1,
                "datasources.default.url", postgres.jdbcUrl(),
                "tributary.auth.jwt-secret", secret,
                "tributary.query.consistency-wait", "5s",
                "tributary.query.sql-timeout", "1s",
                "tributary.query.sql-row-cap", "50",
                "tributary.query.answer-byte-cap", Integer.toString(ANSWER_BYTE_CAP),
                "tributary.query.value-char-cap", Integer.toString(VALUE_CHAR_CAP)));
        properties.putAll(settings);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    /** The running query service's beans. */
    io.micronaut.context.ApplicationContext context() {
        return server.getApplicationContext();
    }

    String uri(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    String token(String... roles) {
        return DevTokens.token(secret, "test", List.of(roles), Duration.ofHours(1));
    }

    /** A token for the caller {@code subject}. */
    String tokenFor(String subject, String... roles) {
        return DevTokens.token(secret, subject, List.of(roles), Duration.ofHours(1));
    }

    /** POSTs {@code {"sql": sql}} to /sql as an analyst named {@code caller}, accepting {@code accept}. */
    HttpResponse<String> sql(String caller, String accept, String sql) throws Exception {
        String body = "{\"sql\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(sql) + "}";
        return send(request("/sql", tokenFor(caller, "analyst")).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, token("reader"));
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send(request(path, token));
    }

    HttpRequest.Builder request(String path, String token) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void execute(String... statements) throws Exception {
        execute(SharedLocalInfra.postgres(), statements);
    }

    /**
     * Fills the daily summaries for orders seeded straight into {@code orders} and {@code order_lines},
     * as the projector keeps them ({@code SummariesIT} proves that), per UTC day of placement:
     * {@code daily_sales}, every order and the revenue of those not cancelled; {@code product_daily_sales},
     * per product the orders not cancelled (each once), their units and revenue.
     */
    static void summarizeSales(String currency) throws Exception {
        summarizeStatuses();
        execute("INSERT INTO daily_sales (day, currency, orders, revenue_minor, cancelled) "
                        + "SELECT (placed_at AT TIME ZONE 'UTC')::date, currency, count(*), "
                        + "coalesce(sum(total_minor) FILTER (WHERE status <> 'cancelled'), 0), count(*) FILTER (WHERE status = 'cancelled') "
                        + "FROM orders WHERE currency = '" + currency + "' GROUP BY 1, 2",
                "INSERT INTO product_daily_sales (day, currency, product_id, orders, units, revenue_minor) "
                        + "SELECT (o.placed_at AT TIME ZONE 'UTC')::date, o.currency, l.product_id, count(DISTINCT o.order_id), "
                        + "sum(l.quantity), sum(l.quantity * l.unit_price_minor) "
                        + "FROM orders o JOIN order_lines l ON l.order_id = o.order_id "
                        + "WHERE o.status <> 'cancelled' AND o.currency = '" + currency + "' GROUP BY 1, 2, 3");
    }

    /** Refills {@code daily_order_status} from every order in {@code orders}, as the projector keeps it. */
    static void summarizeStatuses() throws Exception {
        execute("DELETE FROM daily_order_status",
                "INSERT INTO daily_order_status (day, status, orders) "
                        + "SELECT (placed_at AT TIME ZONE 'UTC')::date, status, count(*) FROM orders GROUP BY 1, 2");
    }

    /**
     * Fills {@code recent_window}, {@code recent_customer_spend} and {@code recent_product_sales} for a
     * currency's orders seeded straight into {@code orders}, as the projector keeps them
     * ({@code SummariesIT} proves that): the window starts at the midnight, UTC, 29 days before the
     * newest order's UTC day.
     */
    static void summarizeRecent(String currency) throws Exception {
        execute("DELETE FROM recent_customer_spend WHERE currency = '" + currency + "'",
                "DELETE FROM recent_product_sales WHERE currency = '" + currency + "'",
                "DELETE FROM recent_window WHERE currency = '" + currency + "'",
                "INSERT INTO recent_window (currency, window_start, previous_start) SELECT currency, s, s FROM ("
                        + "SELECT currency, (date_trunc('day', max(placed_at) AT TIME ZONE 'UTC') - interval '29 days') AT TIME ZONE 'UTC' AS s "
                        + "FROM orders WHERE currency = '" + currency + "' GROUP BY currency) newest",
                "INSERT INTO recent_customer_spend (customer_id, currency, orders, spend_minor) "
                        + "SELECT o.customer_id, o.currency, count(*), sum(o.total_minor) FROM orders o JOIN recent_window w USING (currency) "
                        + "WHERE o.currency = '" + currency + "' AND o.placed_at >= w.window_start AND o.status <> 'cancelled' GROUP BY 1, 2",
                "INSERT INTO recent_product_sales (product_id, currency, orders, units, revenue_minor) "
                        + "SELECT l.product_id, o.currency, count(DISTINCT o.order_id), sum(l.quantity), sum(l.quantity * l.unit_price_minor) "
                        + "FROM orders o JOIN recent_window w USING (currency) JOIN order_lines l ON l.order_id = o.order_id "
                        + "WHERE o.currency = '" + currency + "' AND o.placed_at >= w.window_start AND o.status <> 'cancelled' GROUP BY 1, 2");
    }

    static void execute(LocalPostgres postgres, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "")) {
            for (String statement : statements) {
                c.createStatement().execute(statement);
            }
        }
    }

    /**
     * Waits, for up to a minute, until {@code count} or more backends of the shared Postgres match {@code where}
     * (a condition on {@code pg_stat_activity}), and then signals them with {@code signal}
     * ({@code pg_cancel_backend} or {@code pg_terminate_backend}); null signals none. How many matched.
     */
    static int awaitBackends(String where, int count, String signal) throws Exception {
        var deadline = java.time.Instant.now().plusSeconds(60);
        String condition = "pid <> pg_backend_pid() AND query NOT LIKE '%pg_stat_activity%' AND (" + where + ")";
        while (true) {
            try (Connection c = DriverManager.getConnection(SharedLocalInfra.postgres().jdbcUrl(), LocalPostgres.USER, "");
                 var rows = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE " + condition)) {
                rows.next();
                int found = rows.getInt(1);
                if (found >= count) {
                    if (signal != null) {
                        c.createStatement().execute("SELECT " + signal + "(pid) FROM pg_stat_activity WHERE " + condition);
                    }
                    return found;
                }
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + count + " backends where " + where + " within a minute");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
