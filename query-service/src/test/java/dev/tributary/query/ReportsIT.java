package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reports over orders in the test currency XTS, which no other test uses. */
class ReportsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ADA = UUID.randomUUID();
    private static final UUID ALAN = UUID.randomUUID();
    private static final UUID GRACE = UUID.randomUUID();
    private static QueryFixture query;
    private static String analyst;

    @BeforeAll
    static void start() throws Exception {
        query = QueryFixture.shared();
        analyst = query.token("analyst");
        QueryFixture.execute(
                "INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) VALUES "
                        + "('" + ADA + "', 'Ada', 'ada@example.com', now(), now(), 1), ('" + ALAN + "', 'Alan, Jr.', 'alan@example.com', now(), now(), 1)");
        var gear = UUID.randomUUID();
        var wire = UUID.randomUUID();
        QueryFixture.execute("INSERT INTO products (product_id, sku, name, price_minor, currency, added_at, updated_at, version) VALUES "
                + "('" + gear + "', 'GEAR', 'Gear', 100, 'XTS', now(), now(), 1), ('" + wire + "', 'WIRE', 'Wire', 1000, 'XTS', now(), now(), 1)");
        var first = order(ADA, "placed", 1000, "2026-03-01T10:00:00Z");
        QueryFixture.execute("INSERT INTO order_lines VALUES ('" + first + "', 1, '" + gear + "', 5, 100), ('" + first + "', 2, '" + wire + "', 1, 600)");
        order(ADA, "paid", 2000, "2026-03-01T23:30:00Z");
        var cancelled = order(ALAN, "cancelled", 9000, "2026-03-02T09:00:00Z");
        QueryFixture.execute("INSERT INTO order_lines VALUES ('" + cancelled + "', 1, '" + gear + "', 90, 100)");
        order(ALAN, "delivered", 2500, "2026-03-02T12:00:00Z");
        order(GRACE, "shipped", 500, "2026-03-09T12:00:00Z");
        order(GRACE, "paid", 700, "2026-02-20T12:00:00Z");
        QueryFixture.summarizeSales("XTS");
    }


    @Test
    void daily_orders_and_revenue_count_every_order_and_only_the_revenue_of_those_not_cancelled() throws Exception {
        var days = json("/reports/revenue?from=2026-03-01&to=2026-03-10&currency=XTS");

        assertThat(days.findValuesAsText("day")).containsExactly("2026-03-01", "2026-03-02", "2026-03-09");
        assertThat(days.get(0).get("orders").asLong()).isEqualTo(2);
        assertThat(days.get(0).get("revenue_minor").asLong()).isEqualTo(3000);
        assertThat(days.get(1).get("orders").asLong()).isEqualTo(2);
        assertThat(days.get(1).get("revenue_minor").asLong()).as("the cancelled 9000 is not revenue").isEqualTo(2500);
    }

    @Test
    void days_begin_at_midnight_in_the_time_zone_asked_for() throws Exception {
        var berlin = json("/reports/revenue?from=2026-03-01&to=2026-03-03&currency=XTS&tz=Europe/Berlin");

        assertThat(berlin.findValuesAsText("day")).containsExactly("2026-03-01", "2026-03-02");
        assertThat(berlin.get(0).get("revenue_minor").asLong()).as("23:30 UTC is the next day in Berlin").isEqualTo(1000);
        assertThat(berlin.get(1).get("orders").asLong()).isEqualTo(3);
    }

    @Test
    void revenue_in_utc_read_from_the_daily_summary_equals_the_orders_summed_in_a_zone_at_the_same_offset() throws Exception {
        for (String by : new String[] {"day", "week", "month"}) {
            String range = "/reports/revenue?from=2026-02-16&to=2026-03-16&currency=XTS&by=" + by;
            assertThat(json(range + "&tz=UTC")).as("by " + by + ": London is at UTC+0 until 29 March")
                    .isEqualTo(json(range + "&tz=Europe/London"));
        }
    }

    @Test
    void weeks_and_months_group_the_same_orders() throws Exception {
        var months = json("/reports/revenue?from=2026-02-01&to=2026-04-01&by=month&currency=XTS");
        assertThat(months.findValuesAsText("month")).containsExactly("2026-02-01", "2026-03-01");
        assertThat(months.get(1).get("revenue_minor").asLong()).isEqualTo(6000);
        var weeks = json("/reports/revenue?from=2026-03-01&to=2026-03-16&by=week&currency=XTS");
        assertThat(weeks.findValuesAsText("week")).as("weeks start on Monday").containsExactly("2026-02-23", "2026-03-02", "2026-03-09");
    }

    @Test
    void top_customers_by_spend_since_a_date_come_with_their_order_count() throws Exception {
        var top = json("/reports/top-customers?since=2026-03-01&currency=XTS");

        assertThat(top.findValuesAsText("customer_id")).containsExactly(ADA.toString(), ALAN.toString(), GRACE.toString());
        assertThat(top.get(0).get("orders").asLong()).isEqualTo(2);
        assertThat(top.get(0).get("spend_minor").asLong()).isEqualTo(3000);
        assertThat(top.get(1).get("orders").asLong()).as("the cancelled order does not count").isEqualTo(1);
        assertThat(top.get(2).get("name").isNull()).as("an order can arrive before its customer").isTrue();
    }

    @Test
    void top_products_rank_by_units_or_revenue_of_orders_not_cancelled() throws Exception {
        var top = json("/reports/top-products?since=2026-03-01&currency=XTS");
        assertThat(top.findValuesAsText("sku")).containsExactly("GEAR", "WIRE");
        assertThat(top.get(0).get("units").asLong()).isEqualTo(5);
        var byRevenue = json("/reports/top-products?since=2026-03-01&by=revenue&currency=XTS");
        assertThat(byRevenue.findValuesAsText("sku")).containsExactly("WIRE", "GEAR");
    }

    @Test
    void top_products_from_the_daily_summary_equal_the_order_lines_summed_from_any_instant() throws Exception {
        for (String since : new String[] {"2026-02-20", "2026-03-01T00:00:00Z", "2026-03-01T09:59:59Z", "2026-03-01T10:00:00Z",
                "2026-03-01T10:00:01Z", "2026-02-28T23:00:00-02:00", "2026-03-02T12:00:00Z"}) {
            for (String by : new String[] {"units", "revenue"}) {
                assertThat(topProducts(since, by, 10, "XTS")).as("since " + since + " by " + by)
                        .isEqualTo(topProductsFromOrderLines(since, by, 10, "XTS"));
            }
        }
    }

    @Test
    void top_customers_from_the_recent_spend_equal_the_orders_summed_from_any_instant() throws Exception {
        // 600 orders of 150 customers over 30 days, every eleventh cancelled, in a currency of this test's own.
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                + "SELECT md5('xrc-order' || g)::uuid, md5('xrc-customer' || (g % 150))::uuid, "
                + "CASE WHEN g % 11 = 0 THEN 'cancelled' ELSE 'paid' END, (g * 7919) % 10000 + 1, 'XRC', "
                + "timestamptz '2026-05-29 00:00:00Z' + (g * 4099 % 2880) * interval '15 minutes', now(), 2 "
                + "FROM generate_series(1, 600) g");
        QueryFixture.summarizeRecent("XRC");
        var start = windowStart("XRC");

        for (var since : List.of(start.minusSeconds(1), start, start.plusNanos(1000), start.plusHours(6), start.plusHours(27),
                start.plusDays(3).minusSeconds(1), start.plusDays(3), start.plusDays(20))) {
            for (int limit : new int[] {1, 10, 1000}) {
                var top = json("/reports/top-customers?since=" + since + "&limit=" + limit + "&currency=XRC");
                var answered = new java.util.ArrayList<String>();
                top.forEach(row -> answered.add(row.get("customer_id").asText() + " " + row.get("orders").asLong() + " "
                        + row.get("spend_minor").asLong()));
                assertThat(answered).as("since " + since + ", top " + limit).isEqualTo(topFromOrders(since, limit, "XRC"));
            }
        }
    }

    @Test
    void top_customers_of_the_last_days_are_read_from_the_recent_spend() throws Exception {
        var customer = UUID.randomUUID();
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                + "VALUES (gen_random_uuid(), '" + customer + "', 'paid', 100, 'XRR', '2026-06-30T12:00:00Z', now(), 2)");
        QueryFixture.summarizeRecent("XRR");
        QueryFixture.execute("UPDATE recent_customer_spend SET spend_minor = 999 WHERE currency = 'XRR'");

        var recent = json("/reports/top-customers?since=" + windowStart("XRR").plusHours(1) + "&currency=XRR");
        var older = json("/reports/top-customers?since=" + windowStart("XRR").minusHours(1) + "&currency=XRR");

        assertThat(recent.get(0).get("spend_minor").asLong()).as("read from recent_customer_spend").isEqualTo(999);
        assertThat(older.get(0).get("spend_minor").asLong()).as("summed from the orders").isEqualTo(100);
    }

    @Test
    void top_products_from_the_recent_sales_equal_the_order_lines_summed_from_any_instant() throws Exception {
        // 600 orders of 1 to 3 lines of 40 products over 30 days, every eleventh cancelled, in a currency of this test's
        // own; every twentieth order lists a product twice.
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                        + "SELECT md5('xrp-order' || g)::uuid, md5('xrp-customer' || (g % 150))::uuid, "
                        + "CASE WHEN g % 11 = 0 THEN 'cancelled' ELSE 'paid' END, 1, 'XRP', "
                        + "timestamptz '2026-08-01 00:00:00Z' + (g * 4099 % 2880) * interval '15 minutes', now(), 2 "
                        + "FROM generate_series(1, 600) g",
                "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor) "
                        + "SELECT md5('xrp-order' || g)::uuid, n, md5('xrp-product' || (g * n * 7 % 40))::uuid, 1 + (g + n) % 5, "
                        + "100 + (g * 31 + n) % 900 FROM generate_series(1, 600) g, generate_series(1, 1 + g % 3) n");
        QueryFixture.summarizeSales("XRP");
        QueryFixture.summarizeRecent("XRP");
        var start = windowStart("XRP");

        for (var since : List.of(start.minusSeconds(1), start, start.plusNanos(1000), start.plusHours(6), start.plusHours(27),
                start.plusDays(3).minusSeconds(1), start.plusDays(3), start.plusDays(20))) {
            for (int limit : new int[] {1, 10, 1000}) {
                for (String by : new String[] {"units", "revenue"}) {
                    assertThat(topProducts(since.toString(), by, limit, "XRP")).as("since " + since + ", top " + limit + " by " + by)
                            .isEqualTo(topProductsFromOrderLines(since.toString(), by, limit, "XRP"));
                }
            }
        }
    }

    @Test
    void top_products_of_the_last_days_are_read_from_the_recent_sales() throws Exception {
        var order = UUID.randomUUID();
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                        + "VALUES ('" + order + "', gen_random_uuid(), 'paid', 300, 'XRS', '2026-06-30T12:00:00Z', now(), 2)",
                "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor) "
                        + "VALUES ('" + order + "', 1, gen_random_uuid(), 3, 100)");
        QueryFixture.summarizeSales("XRS");
        QueryFixture.summarizeRecent("XRS");
        QueryFixture.execute("UPDATE recent_product_sales SET units = 999 WHERE currency = 'XRS'");

        var recent = json("/reports/top-products?since=" + windowStart("XRS").plusHours(1) + "&currency=XRS");
        var older = json("/reports/top-products?since=" + windowStart("XRS").minusHours(1) + "&currency=XRS");

        assertThat(recent.get(0).get("units").asLong()).as("read from recent_product_sales").isEqualTo(999);
        assertThat(older.get(0).get("units").asLong()).as("summed from product_daily_sales").isEqualTo(3);
    }

    @Test
    void orders_by_status_from_the_daily_summary_equal_the_orders_counted_between_any_instants() throws Exception {
        // 500 orders over 6 days in every status, in a currency of this test's own; the report counts all currencies.
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                + "SELECT md5('xos-order' || g)::uuid, md5('xos-customer' || (g % 40))::uuid, "
                + "(ARRAY['placed', 'paid', 'shipped', 'delivered', 'cancelled'])[1 + g * 7 % 5], 100, 'XOS', "
                + "timestamptz '2026-07-10 00:00:00Z' + (g * 3001 % 864) * interval '10 minutes', now(), 2 "
                + "FROM generate_series(1, 500) g");
        QueryFixture.summarizeStatuses();

        String[][] ranges = {{"2026-07-10", "2026-07-16"}, {"2026-07-10T00:00:00Z", "2026-07-13T00:00:00Z"},
                {"2026-07-10T05:00:00Z", "2026-07-15T19:30:00Z"}, {"2026-07-11T23:59:59Z", "2026-07-12T00:00:01Z"},
                {"2026-07-12T10:00:00+02:00", "2026-07-14T09:00:00-05:00"}, {"2026-07-12T03:00:00Z", "2026-07-12T04:00:00Z"},
                {"2026-07-09", "2026-07-20"}};
        for (String[] range : ranges) {
            var counted = json("/reports/orders-by-status?from=" + range[0].replace("+", "%2B") + "&to=" + range[1]);
            var answered = new java.util.ArrayList<String>();
            counted.forEach(row -> answered.add(row.get("status").asText() + " " + row.get("orders").asLong()));
            assertThat(answered).as("from " + range[0] + " to " + range[1]).isEqualTo(statusesFromOrders(range[0], range[1]));
        }
    }

    /** The report straight from the orders: what the daily summary must agree with. */
    private static List<String> statusesFromOrders(String from, String to) throws Exception {
        var rows = new java.util.ArrayList<String>();
        try (var c = java.sql.DriverManager.getConnection(dev.tributary.embedded.SharedLocalInfra.postgres().jdbcUrl(),
                dev.tributary.embedded.LocalPostgres.USER, "");
             var statement = c.prepareStatement("SELECT status, count(*) FROM orders WHERE placed_at >= ?::timestamptz "
                     + "AND placed_at < ?::timestamptz GROUP BY status ORDER BY status")) {
            statement.setString(1, from.length() == 10 ? from + "T00:00:00Z" : from);
            statement.setString(2, to.length() == 10 ? to + "T00:00:00Z" : to);
            var result = statement.executeQuery();
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getLong(2));
            }
        }
        return rows;
    }

    private static java.time.OffsetDateTime windowStart(String currency) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(dev.tributary.embedded.SharedLocalInfra.postgres().jdbcUrl(),
                dev.tributary.embedded.LocalPostgres.USER, "");
             var statement = c.prepareStatement("SELECT window_start FROM recent_window WHERE currency = ?")) {
            statement.setString(1, currency);
            var result = statement.executeQuery();
            assertThat(result.next()).isTrue();
            return result.getObject(1, java.time.OffsetDateTime.class).withOffsetSameInstant(java.time.ZoneOffset.UTC);
        }
    }

    /** The report straight from the orders: what the recent spend must agree with. */
    private static List<String> topFromOrders(java.time.OffsetDateTime since, int limit, String currency) throws Exception {
        var rows = new java.util.ArrayList<String>();
        try (var c = java.sql.DriverManager.getConnection(dev.tributary.embedded.SharedLocalInfra.postgres().jdbcUrl(),
                dev.tributary.embedded.LocalPostgres.USER, "");
             var statement = c.prepareStatement("SELECT customer_id, count(*), sum(total_minor) FROM orders "
                     + "WHERE placed_at >= ? AND status <> 'cancelled' AND currency = ? GROUP BY customer_id ORDER BY 3 DESC, 1 LIMIT ?")) {
            statement.setObject(1, since);
            statement.setString(2, currency);
            statement.setInt(3, limit);
            var result = statement.executeQuery();
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getLong(2) + " " + result.getLong(3));
            }
        }
        return rows;
    }

    /** The same report straight from the order lines: what the summary must agree with. */
    /** The top-products report's rows, each as "product orders units revenue". */
    private List<String> topProducts(String since, String by, int limit, String currency) throws Exception {
        var top = json("/reports/top-products?since=" + since + "&by=" + by + "&limit=" + limit + "&currency=" + currency);
        var answered = new java.util.ArrayList<String>();
        top.forEach(row -> answered.add(row.get("product_id").asText() + " " + row.get("orders").asLong() + " "
                + row.get("units").asLong() + " " + row.get("revenue_minor").asLong()));
        return answered;
    }

    /** The report straight from the order lines: what the summaries must agree with. */
    private static List<String> topProductsFromOrderLines(String since, String by, int limit, String currency) throws Exception {
        var from = since.length() == 10 ? since + "T00:00:00Z" : since;
        var rows = new java.util.ArrayList<String>();
        try (var c = java.sql.DriverManager.getConnection(dev.tributary.embedded.SharedLocalInfra.postgres().jdbcUrl(),
                dev.tributary.embedded.LocalPostgres.USER, "");
             var statement = c.prepareStatement("SELECT l.product_id, count(DISTINCT o.order_id), sum(l.quantity), "
                     + "sum(l.quantity * l.unit_price_minor) AS revenue "
                     + "FROM order_lines l JOIN orders o ON o.order_id = l.order_id "
                     + "WHERE o.placed_at >= ?::timestamptz AND o.status <> 'cancelled' AND o.currency = ? "
                     + "GROUP BY l.product_id ORDER BY " + (by.equals("units") ? "3" : "4") + " DESC, l.product_id LIMIT ?")) {
            statement.setString(1, from);
            statement.setString(2, currency);
            statement.setInt(3, limit);
            var result = statement.executeQuery();
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getLong(2) + " " + result.getLong(3) + " " + result.getLong(4));
            }
        }
        return rows;
    }

    @Test
    void orders_by_status_average_order_value_and_cancellation_rate() throws Exception {
        var statuses = json("/reports/orders-by-status?from=2026-03-01&to=2026-03-03");
        assertThat(statuses.findValuesAsText("status")).contains("cancelled", "delivered", "paid", "placed");
        var value = json("/reports/order-value?from=2026-03-01&to=2026-03-10&currency=XTS").get(0);
        assertThat(value.get("orders").asLong()).isEqualTo(5);
        assertThat(value.get("cancelled").asLong()).isEqualTo(1);
        assertThat(value.get("cancellation_rate").asDouble()).isEqualTo(0.2);
        assertThat(value.get("revenue_minor").asLong()).isEqualTo(6000);
        assertThat(value.get("average_order_value_minor").asDouble()).isEqualTo(1500.0);
    }

    @Test
    void cohorts_follow_customers_from_the_month_of_their_first_order() throws Exception {
        var cohorts = json("/reports/cohorts?from=2026-02-01&to=2026-04-01");
        var grace = new java.util.ArrayList<String>();
        cohorts.forEach(row -> {
            if (row.get("cohort_month").asText().equals("2026-02-01")) {
                grace.add(row.get("month").asInt() + ":" + row.get("active_customers").asInt() + ":" + row.get("orders").asInt());
            }
        });
        assertThat(grace).as("a February cohort that ordered again in March").contains("0:1:1", "1:1:1");
    }

    @Test
    void reports_are_csv_when_asked_for() throws Exception {
        var response = query.send(query.request("/reports/top-customers?since=2026-03-01&limit=2&currency=XTS", analyst)
                .header("Accept", "text/csv"));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.body()).isEqualTo("customer_id,name,orders,spend_minor,currency\r\n"
                + ADA + ",Ada,2,3000,XTS\r\n" + ALAN + ",\"Alan, Jr.\",1,2500,XTS\r\n");
    }

    @Test
    void reports_are_for_analysts_and_refuse_bad_parameters_with_a_400() throws Exception {
        assertThat(query.get("/reports/top-customers?since=2026-03-01", query.token("reader")).statusCode()).isEqualTo(403);
        for (String path : new String[] {"/reports/revenue?from=2026-03-01&to=2026-03-02&tz=Mars/Olympus",
                "/reports/revenue?from=2026-03-02&to=2026-03-01", "/reports/revenue?from=2026-03-01&to=2026-03-02&by=hour",
                "/reports/top-customers?since=last-week", "/reports/top-customers?since=2026-03-01&limit=0",
                "/reports/revenue?from=2026-03-01"}) {
            var response = query.get(path, analyst);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    private static JsonNode json(String path) throws Exception {
        var response = query.get(path, analyst);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static UUID order(UUID customer, String status, long total, String placedAt) throws Exception {
        var id = UUID.randomUUID();
        QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                + "VALUES ('" + id + "', '" + customer + "', '" + status + "', " + total + ", 'XTS', '" + placedAt + "', '" + placedAt + "', 1)");
        return id;
    }
}
