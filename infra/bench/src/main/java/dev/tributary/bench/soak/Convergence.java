package dev.tributary.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.embedded.LocalPostgres;
import dev.tributary.local.RebuildClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The verdict after the soak. Once the projector has caught up with the events table, it checks:
 * <ul>
 *   <li>no lost write: every accepted command's effect is in DynamoDB and in the read model;</li>
 *   <li>no phantom: nothing exists there that the clients were not told was accepted;</li>
 *   <li>no oversell: no stock below zero or promised beyond what is on hand;</li>
 *   <li>agreement: the read model equals a rebuild from the events table, table by table;</li>
 *   <li>reports: orders by status, daily revenue, top products and the top customers of the last 30
 *       days from the query service equal the same figures folded from the events table.</li>
 * </ul>
 */
final class Convergence {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most rows the top-products report gives. */
    private static final int TOP = 1000;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> mismatches = new ArrayList<>();

    List<String> check(Ledger ledger, EventFold fold, String jdbcUrl, Function<String, URI> query, String analystToken,
                       URI rebuild, String adminToken) throws Exception {
        mismatches.addAll(ledger.violations);
        checkWriteSide(ledger, fold);
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            checkReadModel(ledger, fold, db);
        }
        checkReports(fold, query, analystToken);
        checkRebuild(rebuild, adminToken);
        return mismatches;
    }

    /** Waits until every aggregate's projected version is its last version in the events table. */
    static boolean awaitCaughtUp(EventFold fold, String jdbcUrl, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
                if (positions(db).equals(fold.versions)) {
                    return true;
                }
            } catch (SQLException postgresNotBack) {
                // try again
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Every poison item written past the API is the one undecodable item, and is parked in the read model. */
    static List<String> parked(java.util.Set<String> poisoned, EventFold fold, String jdbcUrl) throws SQLException {
        var found = new ArrayList<String>();
        var expected = new java.util.TreeSet<String>();
        poisoned.forEach(pk -> expected.add(dev.tributary.events.StorableText.sanitized(pk)));
        if (!expected.equals(fold.undecodable)) {
            found.add("undecodable items in the events table: expected the poison " + expected + ", found " + fold.undecodable);
        }
        var parked = new java.util.TreeSet<String>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             var rows = db.createStatement().executeQuery("SELECT aggregate FROM dead_letter WHERE state = 'parked'")) {
            while (rows.next()) {
                parked.add(rows.getString(1));
            }
        }
        if (!parked.equals(expected)) {
            found.add("parked dead letters: expected the poison " + expected + ", found " + parked);
        }
        return found;
    }

    private void checkWriteSide(Ledger ledger, EventFold fold) {
        same("customers in DynamoDB", ledger.customers.keySet(), fold.customers);
        same("products in DynamoDB", ledger.productPrices.keySet(), fold.products.keySet());
        same("orders in DynamoDB", ledger.orders.keySet(), fold.orders.keySet());
        ledger.orders.values().forEach(order -> {
            var stored = fold.orders.get(order.id());
            if (stored != null) {
                same("status of order " + order.id() + " in DynamoDB", order.status(), stored.status());
                same("total of order " + order.id() + " in DynamoDB", order.totalMinor(), stored.totalMinor());
            }
        });
        ledger.acknowledged.forEach((aggregate, version) -> {
            if (fold.versions.getOrDefault(aggregate, 0L) < version) {
                mismatches.add("lost write: " + aggregate + "@" + version + " was acknowledged but is not in DynamoDB");
            }
        });
        fold.products.forEach((id, stock) -> {
            same("units restocked of product " + id, ledger.restocked.getOrDefault(id, 0L), stock.restocked());
            if (stock.onHand() < 0 || stock.reserved() < 0 || stock.reserved() > stock.onHand()) {
                mismatches.add("oversold in DynamoDB: product " + id + " " + stock);
            }
        });
    }

    private void checkReadModel(Ledger ledger, EventFold fold, Connection db) throws SQLException {
        var positions = positions(db);
        ledger.acknowledged.forEach((aggregate, version) -> {
            if (positions.getOrDefault(aggregate, 0L) < version) {
                mismatches.add("lost write: " + aggregate + "@" + version + " was acknowledged but the read model is at "
                        + positions.getOrDefault(aggregate, 0L));
            }
        });
        same("customers in the read model", ledger.customers.keySet(), ids(db, "SELECT customer_id FROM customers"));
        var committed = ledger.committed();
        var shipped = ledger.shipped();
        var products = new HashMap<UUID, long[]>();
        try (var rows = db.createStatement().executeQuery("SELECT product_id, on_hand, reserved FROM products")) {
            while (rows.next()) {
                products.put(rows.getObject(1, UUID.class), new long[] {rows.getLong(2), rows.getLong(3)});
            }
        }
        same("products in the read model", ledger.productPrices.keySet(), products.keySet());
        products.forEach((id, stock) -> {
            long out = shipped.getOrDefault(id, 0L);
            same("on hand of product " + id, ledger.restocked.getOrDefault(id, 0L) - out, stock[0]);
            same("reserved of product " + id, committed.getOrDefault(id, 0L) - out, stock[1]);
            if (stock[0] < 0 || stock[1] < 0 || stock[1] > stock[0]) {
                mismatches.add("oversold in the read model: product " + id + " on hand " + stock[0] + ", reserved " + stock[1]);
            }
        });
        var orders = new HashMap<UUID, String>();
        try (var rows = db.createStatement().executeQuery("SELECT order_id, status, total_minor FROM orders")) {
            while (rows.next()) {
                orders.put(rows.getObject(1, UUID.class), rows.getString(2) + "/" + rows.getLong(3));
            }
        }
        same("orders in the read model", ledger.orders.keySet(), orders.keySet());
        ledger.orders.values().forEach(o -> same("order " + o.id() + " in the read model", o.status() + "/" + o.totalMinor(),
                orders.get(o.id())));
    }

    private void checkReports(EventFold fold, Function<String, URI> query, String token) throws Exception {
        var byStatus = new TreeMap<String, Long>();
        fold.orders.values().forEach(o -> byStatus.merge(o.status(), 1L, Long::sum));
        var reported = new TreeMap<String, Long>();
        report(query, token, "/reports/orders-by-status?from=2000-01-01&to=2100-01-01")
                .forEach(row -> reported.put(row.get("status").asText(), row.get("orders").asLong()));
        same("report orders-by-status", byStatus, reported);

        var revenue = new TreeMap<String, String>();
        fold.orders.values().forEach(o -> revenue.merge(o.placedAt().atZone(ZoneOffset.UTC).toLocalDate().toString(),
                "1/" + (o.status().equals("cancelled") ? 0 : o.totalMinor()), Convergence::addPair));
        var reportedRevenue = new TreeMap<String, String>();
        var today = java.time.LocalDate.now(ZoneOffset.UTC);
        report(query, token, "/reports/revenue?by=day&currency=EUR&from=" + today.minusDays(3) + "&to=" + today.plusDays(2))
                .forEach(row -> reportedRevenue.put(row.get("day").asText(), row.get("orders").asLong() + "/" + row.get("revenue_minor").asLong()));
        same("report revenue by day", revenue, reportedRevenue);

        var units = new HashMap<String, Long>();
        fold.orders.values().stream().filter(o -> !o.status().equals("cancelled"))
                .forEach(o -> o.lines().forEach(l -> units.merge(l.productId().toString(), l.quantity(), Long::sum)));
        var top = new ArrayList<String>();
        units.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).forEach(e -> top.add(e.getKey() + "=" + e.getValue()));
        var reportedTop = new ArrayList<String>();
        report(query, token, "/reports/top-products?since=2000-01-01&by=units&limit=" + TOP)
                .forEach(row -> reportedTop.add(row.get("product_id").asText() + "=" + row.get("units").asLong()));
        same("report top-products by units, in order", top, reportedTop);

        // The dashboard's "last 30 days": it starts within a day after the recent window, so the report reads recent_customer_spend.
        var spend = new HashMap<UUID, long[]>();
        fold.orders.values().stream().filter(o -> !o.status().equals("cancelled"))
                .forEach(o -> spend.merge(o.customer(), new long[] {1, o.totalMinor()}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
        var topCustomers = new ArrayList<String>();
        spend.entrySet().stream()
                .sorted(Comparator.<Map.Entry<UUID, long[]>>comparingLong(e -> -e.getValue()[1])
                        .thenComparing(Map.Entry::getKey, Convergence::asPostgresOrders))
                .limit(TOP).forEach(e -> topCustomers.add(e.getKey() + ": " + e.getValue()[0] + " orders, " + e.getValue()[1]));
        var reportedCustomers = new ArrayList<String>();
        report(query, token, "/reports/top-customers?currency=EUR&limit=" + TOP + "&since=" + today.minusDays(29))
                .forEach(row -> reportedCustomers.add(row.get("customer_id").asText() + ": " + row.get("orders").asLong() + " orders, "
                        + row.get("spend_minor").asLong()));
        same("report top-customers of the last 30 days, in order", topCustomers, reportedCustomers);

        // The same window read from recent_product_sales, by revenue; an order counts once per product it lists.
        var sales = new HashMap<UUID, long[]>();
        fold.orders.values().stream().filter(o -> !o.status().equals("cancelled")).forEach(o -> {
            var inOrder = new HashMap<UUID, long[]>();
            o.lines().forEach(l -> inOrder.merge(l.productId(), new long[] {1, l.quantity(), l.quantity() * l.unitPrice().minor()},
                    (a, b) -> new long[] {1, a[1] + b[1], a[2] + b[2]}));
            inOrder.forEach((product, sold) -> sales.merge(product, sold, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]}));
        });
        var topProducts = new ArrayList<String>();
        sales.entrySet().stream()
                .sorted(Comparator.<Map.Entry<UUID, long[]>>comparingLong(e -> -e.getValue()[2])
                        .thenComparing(Map.Entry::getKey, Convergence::asPostgresOrders))
                .limit(TOP).forEach(e -> topProducts.add(e.getKey() + ": " + e.getValue()[0] + " orders, " + e.getValue()[1] + " units, "
                        + e.getValue()[2]));
        var reportedProducts = new ArrayList<String>();
        report(query, token, "/reports/top-products?currency=EUR&by=revenue&limit=" + TOP + "&since=" + today.minusDays(29))
                .forEach(row -> reportedProducts.add(row.get("product_id").asText() + ": " + row.get("orders").asLong() + " orders, "
                        + row.get("units").asLong() + " units, " + row.get("revenue_minor").asLong()));
        same("report top-products of the last 30 days by revenue, in order", topProducts, reportedProducts);
    }

    /** Postgres orders uuids by their bytes, as unsigned numbers; {@link UUID#compareTo} compares signed halves. */
    private static int asPostgresOrders(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private void checkRebuild(URI rebuild, String token) throws Exception {
        try {
            var outcome = RebuildClient.run(rebuild, token, false, 2, Duration.ofMillis(250), Duration.ofMinutes(5),
                    schema -> { }, progress -> { });
            if (!outcome.agreed()) {
                mismatches.add("the read model differs from a rebuild from the events table: " + outcome);
            }
        } catch (java.io.IOException e) {
            mismatches.add("the rebuild did not run: " + e.getMessage());
        }
    }

    private List<JsonNode> report(Function<String, URI> query, String token, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(query.apply(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            mismatches.add(path + " answered " + response.statusCode() + ": " + response.body());
            return List.of();
        }
        var rows = new ArrayList<JsonNode>();
        JSON.readTree(response.body()).forEach(rows::add);
        return rows;
    }

    private static String addPair(String a, String b) {
        var x = a.split("/");
        var y = b.split("/");
        return (Long.parseLong(x[0]) + Long.parseLong(y[0])) + "/" + (Long.parseLong(x[1]) + Long.parseLong(y[1]));
    }

    private void same(String what, Object expected, Object actual) {
        if (expected instanceof java.util.Set<?> e && actual instanceof java.util.Set<?> a && !e.equals(a)) {
            var lost = new java.util.HashSet<Object>(e);
            lost.removeAll(a);
            var phantom = new java.util.HashSet<Object>(a);
            phantom.removeAll(e);
            mismatches.add(what + ": " + lost.size() + " accepted but missing " + head(lost) + ", "
                    + phantom.size() + " never accepted but present " + head(phantom));
            return;
        }
        if (!Objects.equals(expected, actual)) {
            String e = String.valueOf(expected);
            String a = String.valueOf(actual);
            mismatches.add(what + ": expected " + (e.length() > 300 ? e.substring(0, 300) + "…" : e)
                    + ", found " + (a.length() > 300 ? a.substring(0, 300) + "…" : a));
        }
    }

    private static String head(java.util.Collection<?> values) {
        return values.stream().limit(5).map(String::valueOf).toList().toString();
    }

    private static Map<String, Long> positions(Connection db) throws SQLException {
        var positions = new TreeMap<String, Long>();
        try (var rows = db.createStatement().executeQuery("SELECT aggregate, version FROM projection_position")) {
            while (rows.next()) {
                positions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return positions;
    }

    private static java.util.Set<UUID> ids(Connection db, String sql) throws SQLException {
        var ids = new java.util.HashSet<UUID>();
        try (var rows = db.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
