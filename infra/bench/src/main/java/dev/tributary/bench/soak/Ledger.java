package dev.tributary.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the clients were told: every command's final answer, kept on the client side, and what the
 * accepted ones imply. The convergence checker compares the system's state with it.
 */
final class Ledger {

    /** A line of an accepted order, priced as the product was listed (prices never change in the soak). */
    record Line(UUID product, long quantity, long unitPriceMinor) {
    }

    /** An accepted order, and the accepted transitions of it by the version they produced. */
    record Order(UUID id, UUID customer, List<Line> lines, Map<Long, String> transitions) {

        String status() {
            return transitions.entrySet().stream().max(Map.Entry.comparingByKey()).map(Map.Entry::getValue).orElse("placed");
        }

        long totalMinor() {
            return lines.stream().mapToLong(l -> l.quantity() * l.unitPriceMinor()).sum();
        }
    }

    final Map<UUID, Long> customers = new ConcurrentHashMap<>();
    final Map<UUID, Long> productPrices = new ConcurrentHashMap<>();
    final Map<UUID, Long> restocked = new ConcurrentHashMap<>();
    final Map<UUID, Order> orders = new ConcurrentHashMap<>();
    /** Every accepted command's aggregate and the version it answered with. */
    final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    final AtomicInteger commands = new AtomicInteger();
    final AtomicInteger replays = new AtomicInteger();

    void answered(int status) {
        commands.incrementAndGet();
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    void accepted(String aggregate, long version) {
        acknowledged.merge(aggregate, version, Math::max);
    }

    void transition(UUID order, long version, String status) {
        var accepted = orders.get(order);
        if (accepted != null) {
            accepted.transitions().put(version, status);
        }
    }

    List<UUID> customerIds() {
        return new ArrayList<>(customers.keySet());
    }

    List<UUID> productIds() {
        return new ArrayList<>(productPrices.keySet());
    }

    List<UUID> orderIds() {
        return new ArrayList<>(orders.keySet());
    }

    /** Units promised to orders that are not cancelled, per product. */
    Map<UUID, Long> committed() {
        var committed = new java.util.HashMap<UUID, Long>();
        orders.values().stream().filter(o -> !o.status().equals("cancelled"))
                .forEach(o -> o.lines().forEach(l -> committed.merge(l.product(), l.quantity(), Long::sum)));
        return committed;
    }

    /** Units that left the warehouse, per product: on orders shipped or delivered. */
    Map<UUID, Long> shipped() {
        var shipped = new java.util.HashMap<UUID, Long>();
        orders.values().stream().filter(o -> o.status().equals("shipped") || o.status().equals("delivered"))
                .forEach(o -> o.lines().forEach(l -> shipped.merge(l.product(), l.quantity(), Long::sum)));
        return shipped;
    }
}
