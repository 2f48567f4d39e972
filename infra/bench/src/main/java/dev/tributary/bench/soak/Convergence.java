package dev.tributary.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.domains.ledger.events.AccountEvent;
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
 *   <li>no overdraft, and money conserved: every balance is what the accepted ledger commands leave,
 *       never below zero, and all of them together are the deposits less the withdrawals; every
 *       accepted transfer is a {@code TransferSent} with the {@code TransferReceived} of the same
 *       transfer on the other account; the transfers and their daily volume in the read model are the
 *       ones in the events table;</li>
 *   <li>agreement: the read model equals a rebuild from the events table, table by table;</li>
 *   <li>reports: orders by status, daily revenue, top products, the top customers of the last 30 days
 *       and the daily transfer volume from the query service equal the same figures folded from the
 *       events table.</li>
 * </ul>
 */
final class Convergence {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most rows the top-products report gives. */
    private static final int TOP = 1000;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> mismatches = new ArrayList<>();

    List<String> check(Answers answers, EventFold fold, String jdbcUrl, Function<String, URI> query, String analystToken,
                       URI rebuild, String adminToken) throws Exception {
        mismatches.addAll(answers.violations);
        mismatches.addAll(fold.violations);
        checkWriteSide(answers, fold);
        checkLedgerWriteSide(answers, fold);
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "")) {
            checkReadModel(answers, fold, db);
            checkLedgerReadModel(answers, fold, db);
        }
        checkReports(fold, query, analystToken);
        checkTransferVolume(fold, query, analystToken);
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

    private void checkWriteSide(Answers answers, EventFold fold) {
        same("customers in DynamoDB", answers.customers.keySet(), fold.customers);
        same("products in DynamoDB", answers.productPrices.keySet(), fold.products.keySet());
        same("orders in DynamoDB", answers.orders.keySet(), fold.orders.keySet());
        answers.orders.values().forEach(order -> {
            var stored = fold.orders.get(order.id());
            if (stored != null) {
                same("status of order " + order.id() + " in DynamoDB", order.status(), stored.status());
                same("total of order " + order.id() + " in DynamoDB", order.totalMinor(), stored.totalMinor());
            }
        });
        answers.acknowledged.forEach((aggregate, version) -> {
            if (fold.versions.getOrDefault(aggregate, 0L) < version) {
                mismatches.add("lost write: " + aggregate + "@" + version + " was acknowledged but is not in DynamoDB");
            }
        });
        fold.products.forEach((id, stock) -> {
            same("units restocked of product " + id, answers.restocked.getOrDefault(id, 0L), stock.restocked());
            if (stock.onHand() < 0 || stock.reserved() < 0 || stock.reserved() > stock.onHand()) {
                mismatches.add("oversold in DynamoDB: product " + id + " " + stock);
            }
        });
    }

    private void checkReadModel(Answers answers, EventFold fold, Connection db) throws SQLException {
        var positions = positions(db);
        answers.acknowledged.forEach((aggregate, version) -> {
            if (positions.getOrDefault(aggregate, 0L) < version) {
                mismatches.add("lost write: " + aggregate + "@" + version + " was acknowledged but the read model is at "
                        + positions.getOrDefault(aggregate, 0L));
            }
        });
        same("customers in the read model", answers.customers.keySet(), ids(db, "SELECT customer_id FROM customers"));
        var committed = answers.committed();
        var shipped = answers.shipped();
        var products = new HashMap<UUID, long[]>();
        try (var rows = db.createStatement().executeQuery("SELECT product_id, on_hand, reserved FROM products")) {
            while (rows.next()) {
                products.put(rows.getObject(1, UUID.class), new long[] {rows.getLong(2), rows.getLong(3)});
            }
        }
        same("products in the read model", answers.productPrices.keySet(), products.keySet());
        products.forEach((id, stock) -> {
            long out = shipped.getOrDefault(id, 0L);
            same("on hand of product " + id, answers.restocked.getOrDefault(id, 0L) - out, stock[0]);
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
        same("orders in the read model", answers.orders.keySet(), orders.keySet());
        answers.orders.values().forEach(o -> same("order " + o.id() + " in the read model", o.status() + "/" + o.totalMinor(),
                orders.get(o.id())));
    }

    /**
     * The ledger in DynamoDB against the clients' answers: every accepted command's event at the version
     * it answered, nothing else, and each accepted transfer received, whole, by the account it named.
     */
    private void checkLedgerWriteSide(Answers answers, EventFold fold) {
        same("accounts in DynamoDB", answers.accounts.keySet(), fold.accounts.keySet());
        var told = new java.util.HashSet<Answers.AccountVersion>();
        fold.accountEvents.forEach((at, event) -> {
            if (!(event instanceof AccountEvent.TransferReceived)) {
                told.add(at);
            }
        });
        same("ledger events in DynamoDB, by the account version answered", answers.movements.keySet(), told);
        answers.movements.forEach((at, movement) -> {
            var stored = fold.accountEvents.get(at);
            if (stored == null) {
                return;
            }
            same("event at " + at + " in DynamoDB", movement.describe(), EventFold.describe(stored));
            if (movement instanceof Answers.Movement.Sent sent && stored instanceof AccountEvent.TransferSent transfer) {
                var received = fold.transfersReceived.get(transfer.transferId());
                same("transfer " + transfer.transferId() + " (" + at + ") received in DynamoDB",
                        at.account() + " -> " + sent.to() + ": " + sent.minor(),
                        received == null ? "nothing" : received.from() + " -> " + received.to() + ": " + received.minor());
            }
        });
        same("transfers received in DynamoDB, against those sent", fold.transfersSent.keySet(), fold.transfersReceived.keySet());
        fold.transfersSent.forEach((id, sent) -> {
            var received = fold.transfersReceived.get(id);
            if (received != null) {
                same("transfer " + id + " as received in DynamoDB", sent.from() + " -> " + sent.to() + ": " + sent.minor() + " " + sent.currency(),
                        received.from() + " -> " + received.to() + ": " + received.minor() + " " + received.currency());
            }
        });
        fold.accounts.forEach((id, account) -> same("balance of account " + id + " in DynamoDB", answers.balances.getOrDefault(id, 0L),
                account.balance()));
        same("all balances in DynamoDB, against deposits less withdrawals", deposits(fold) - withdrawals(fold),
                fold.accounts.values().stream().mapToLong(EventFold.Account::balance).sum());
    }

    /** Balances, transfers and the daily volume in the read model against the fold. */
    private void checkLedgerReadModel(Answers answers, EventFold fold, Connection db) throws SQLException {
        var balances = new HashMap<UUID, Long>();
        try (var rows = db.createStatement().executeQuery("SELECT account_id, balance_minor FROM ledger_accounts")) {
            while (rows.next()) {
                balances.put(rows.getObject(1, UUID.class), rows.getLong(2));
            }
        }
        same("accounts in the read model", answers.accounts.keySet(), balances.keySet());
        balances.forEach((id, balance) -> {
            var folded = fold.accounts.get(id);
            same("balance of account " + id + " in the read model", folded == null ? null : folded.balance(), balance);
            if (balance < 0) {
                mismatches.add("overdrawn in the read model: account " + id + " has " + balance);
            }
        });
        same("all balances in the read model, against deposits less withdrawals", deposits(fold) - withdrawals(fold),
                balances.values().stream().mapToLong(Long::longValue).sum());

        var transfers = new java.util.HashSet<String>();
        try (var rows = db.createStatement().executeQuery(
                "SELECT transfer_id, from_account, to_account, amount_minor, currency, at FROM ledger_transfers")) {
            while (rows.next()) {
                transfers.add(transfer(rows.getObject(1, UUID.class), new EventFold.Transfer(rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class), rows.getLong(4), rows.getString(5),
                        rows.getObject(6, java.time.OffsetDateTime.class).toInstant())));
            }
        }
        same("transfers in the read model (rows)", (long) fold.transfersSent.size(), (long) transfers.size());
        var sent = new java.util.HashSet<String>();
        fold.transfersSent.forEach((id, transfer) -> sent.add(transfer(id, transfer)));
        same("transfers in the read model", sent, transfers);

        var daily = new TreeMap<String, EventFold.Volume>();
        try (var rows = db.createStatement().executeQuery("SELECT day, currency, transfers, volume_minor FROM ledger_daily_transfers")) {
            while (rows.next()) {
                daily.put(rows.getObject(1, java.time.LocalDate.class) + " " + rows.getString(2),
                        new EventFold.Volume(rows.getLong(3), rows.getLong(4)));
            }
        }
        same("ledger_daily_transfers", fold.dailyTransfers, daily);
    }

    private static String transfer(UUID id, EventFold.Transfer transfer) {
        return id + ": " + transfer.from() + " -> " + transfer.to() + " " + transfer.minor() + " " + transfer.currency() + " at " + transfer.at();
    }

    private static long deposits(EventFold fold) {
        return fold.accounts.values().stream().mapToLong(EventFold.Account::deposited).sum();
    }

    private static long withdrawals(EventFold fold) {
        return fold.accounts.values().stream().mapToLong(EventFold.Account::withdrawn).sum();
    }

    /** The transfer-volume report, EUR, around today: the days with transfers, as the fold counts them. */
    private void checkTransferVolume(EventFold fold, Function<String, URI> query, String token) throws Exception {
        var today = java.time.LocalDate.now(ZoneOffset.UTC);
        var expected = new TreeMap<String, EventFold.Volume>();
        fold.dailyTransfers.forEach((day, volume) -> {
            if (day.endsWith(" EUR")) {
                expected.put(day, volume);
            }
        });
        var reported = new TreeMap<String, EventFold.Volume>();
        report(query, token, "/reports/transfer-volume?currency=EUR&from=" + today.minusDays(3) + "&to=" + today.plusDays(2))
                .forEach(row -> {
                    if (row.get("transfers").asLong() != 0) {
                        reported.put(row.get("day").asText() + " " + row.get("currency").asText(),
                                new EventFold.Volume(row.get("transfers").asLong(), row.get("volume_minor").asLong()));
                    }
                });
        same("report transfer-volume by day", expected, reported);
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
