package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.eventstore.EventItems;
import dev.tributary.domains.shop.events.OrderEvent;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderDelivered;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import dev.tributary.events.StoredEvent;
import dev.tributary.projector.rebuild.Rebuild;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The dashboard's four reports computed by a client from the events table alone, as one would without
 * a read model: a parallel Scan of the order events ({@code begins_with(pk, "Order#")}), folded as
 * they stream in into one small record per order (its status by its newest version; its customer,
 * lines and total only if it was placed in the window), then aggregated in memory. Customer and
 * product names are not looked up, which favours this side. Days and instants are UTC; the window is
 * {@code [from, to)}, and the top lists take every order placed since {@code from}, as the query
 * service's reports do.
 */
final class ScanReports {

    /** The four reports as comparable lines: what the query service answered must read the same. */
    record Answers(List<String> revenue, List<String> byStatus, List<String> topCustomers, List<String> topProducts) {

        /** The query service's answers, each a JSON array of row objects. */
        static Answers of(JsonNode revenue, JsonNode byStatus, JsonNode topCustomers, JsonNode topProducts) {
            return new Answers(
                    lines(revenue, r -> revenueLine(r.get("day").asText(), r.get("orders").asLong(), r.get("revenue_minor").asLong())),
                    lines(byStatus, r -> statusLine(r.get("status").asText(), r.get("orders").asLong())),
                    lines(topCustomers, r -> customerLine(r.get("customer_id").asText(), r.get("orders").asLong(),
                            r.get("spend_minor").asLong())),
                    lines(topProducts, r -> productLine(r.get("product_id").asText(), r.get("orders").asLong(), r.get("units").asLong(),
                            r.get("revenue_minor").asLong())));
        }

        /** Orders placed in the window, in any status. */
        long ordersInWindow() {
            return byStatus.stream().mapToLong(line -> Long.parseLong(line.substring(line.indexOf('=') + 1))).sum();
        }

        private static List<String> lines(JsonNode rows, Function<JsonNode, String> line) {
            var lines = new ArrayList<String>();
            rows.forEach(row -> lines.add(line.apply(row)));
            return lines;
        }

        private static String revenueLine(String day, long orders, long revenueMinor) {
            return day + " orders=" + orders + " revenue=" + revenueMinor;
        }

        private static String statusLine(String status, long orders) {
            return status + " orders=" + orders;
        }

        private static String customerLine(String id, long orders, long spendMinor) {
            return id + " orders=" + orders + " spend=" + spendMinor;
        }

        private static String productLine(String id, long orders, long units, long revenueMinor) {
            return id + " orders=" + orders + " units=" + units + " revenue=" + revenueMinor;
        }
    }

    private ScanReports() {
    }

    static Answers compute(DynamoDbClient dynamo, String table, int segments, LocalDate from, LocalDate to,
                           String currency, int limit) throws Exception {
        Instant since = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        var scanned = new AtomicLong();
        var orders = new ArrayList<Order>();
        try (var pool = Executors.newFixedThreadPool(Math.min(segments, Rebuild.SCAN_THREADS),
                Thread.ofPlatform().name("scan-", 0).factory())) {
            var parts = new ArrayList<Future<Map<UUID, Order>>>();
            for (int segment = 0; segment < segments; segment++) {
                int s = segment;
                parts.add(pool.submit(() -> scanSegment(dynamo, table, s, segments, since, scanned)));
            }
            for (var part : parts) {
                while (true) {
                    try {
                        orders.addAll(part.get(5, TimeUnit.SECONDS).values());
                        break;
                    } catch (TimeoutException notYet) {
                        System.out.printf(Locale.ROOT, "  scan: %,d items read%n", scanned.get());
                    }
                }
            }
        }
        return aggregate(orders, since, until, currency, limit);
    }

    private static Map<UUID, Order> scanSegment(DynamoDbClient dynamo, String table, int segment, int segments,
                                                Instant since, AtomicLong scanned) {
        var orders = new HashMap<UUID, Order>();
        var pages = dynamo.scanPaginator(r -> r.tableName(table).segment(segment).totalSegments(segments)
                .filterExpression("begins_with(pk, :order)")
                .expressionAttributeValues(Map.of(":order", AttributeValue.fromS("Order#"))));
        for (var page : pages) {
            for (var item : page.items()) {
                StoredEvent event = EventItems.fromItem(item);
                orders.computeIfAbsent(event.aggregateId().id(), id -> new Order()).fold(event, since);
            }
            scanned.addAndGet(page.scannedCount());
        }
        return orders;
    }

    private static Answers aggregate(List<Order> orders, Instant since, Instant until, String currency, int limit) {
        var revenue = new TreeMap<LocalDate, long[]>();
        var byStatus = new TreeMap<String, Long>();
        var customers = new HashMap<String, long[]>();
        var products = new HashMap<String, long[]>();
        for (var order : orders) {
            if (order.placed == null) {
                continue;
            }
            boolean inWindow = order.placedAt.isBefore(until);
            boolean sameCurrency = order.placed.total().currency().equals(currency);
            boolean kept = !order.status.equals("cancelled");
            long total = order.placed.total().minor();
            if (inWindow) {
                byStatus.merge(order.status, 1L, Long::sum);
                if (sameCurrency) {
                    long[] day = revenue.computeIfAbsent(LocalDate.ofInstant(order.placedAt, ZoneOffset.UTC), d -> new long[2]);
                    day[0]++;
                    day[1] += kept ? total : 0;
                }
            }
            if (!kept || !sameCurrency) {
                continue;
            }
            long[] customer = customers.computeIfAbsent(order.placed.customerId().toString(), c -> new long[2]);
            customer[0]++;
            customer[1] += total;
            var distinct = new HashSet<String>();
            for (var line : order.placed.lines()) {
                String id = line.productId().toString();
                long[] product = products.computeIfAbsent(id, p -> new long[3]);
                product[0] += distinct.add(id) ? 1 : 0;
                product[1] += line.quantity();
                product[2] += line.quantity() * line.unitPrice().minor();
            }
        }
        return new Answers(
                revenue.entrySet().stream().map(e -> Answers.revenueLine(e.getKey().toString(), e.getValue()[0], e.getValue()[1])).toList(),
                byStatus.entrySet().stream().map(e -> Answers.statusLine(e.getKey(), e.getValue())).toList(),
                top(customers, 1, limit).stream().map(e -> Answers.customerLine(e.getKey(), e.getValue()[0], e.getValue()[1])).toList(),
                top(products, 1, limit).stream()
                        .map(e -> Answers.productLine(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList());
    }

    /** The largest by {@code values[by]}, ties by id as Postgres orders uuids (their lower-case text). */
    private static List<Map.Entry<String, long[]>> top(Map<String, long[]> totals, int by, int limit) {
        return totals.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[by]).thenComparing(Map.Entry::getKey))
                .limit(limit)
                .toList();
    }

    /** What one order contributes: its status by its newest version, and its placement if in the window. */
    private static final class Order {
        long version;
        String status;
        Instant placedAt;
        OrderPlaced placed;

        void fold(StoredEvent event, Instant since) {
            switch ((OrderEvent) event.data()) {
                case OrderPlaced p -> {
                    if (!event.occurredAt().isBefore(since)) {
                        placedAt = event.occurredAt();
                        placed = p;
                    }
                    status(event.version(), "placed");
                }
                case OrderPaid ignored -> status(event.version(), "paid");
                case OrderShipped ignored -> status(event.version(), "shipped");
                case OrderDelivered ignored -> status(event.version(), "delivered");
                case OrderCancelled ignored -> status(event.version(), "cancelled");
            }
        }

        private void status(long eventVersion, String name) {
            if (eventVersion > version) {
                version = eventVersion;
                status = name;
            }
        }
    }
}
