package dev.tributary.bench.soak;

import dev.tributary.domains.ledger.events.Ledger;
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
final class Answers {

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

    /** An account at one version: where an accepted ledger answer says its event is. */
    record AccountVersion(UUID account, long version) {

        @Override
        public String toString() {
            return Ledger.account(account).pk() + "@" + version;
        }
    }

    /** What an accepted ledger command did to the account its answer named. */
    sealed interface Movement {

        /** As {@link EventFold#describe} puts the event it must be. */
        String describe();

        record Opened(String currency) implements Movement {
            public String describe() {
                return "opened in " + currency;
            }
        }

        record Deposited(long minor) implements Movement {
            public String describe() {
                return "deposit of " + minor;
            }
        }

        record Withdrawn(long minor) implements Movement {
            public String describe() {
                return "withdrawal of " + minor;
            }
        }

        record Sent(UUID to, long minor) implements Movement {
            public String describe() {
                return "transfer of " + minor + " to " + to;
            }
        }
    }

    final Map<UUID, Long> customers = new ConcurrentHashMap<>();
    final Map<UUID, Long> productPrices = new ConcurrentHashMap<>();
    final Map<UUID, Long> restocked = new ConcurrentHashMap<>();
    final Map<UUID, Order> orders = new ConcurrentHashMap<>();
    /** Accounts opened, by their currency. */
    final Map<UUID, String> accounts = new ConcurrentHashMap<>();
    /** Every accepted ledger command, by the account and version it answered with. */
    final Map<AccountVersion, Movement> movements = new ConcurrentHashMap<>();
    /** What the accepted ledger commands leave in each account: what the clients believe, and what must be. */
    final Map<UUID, Long> balances = new ConcurrentHashMap<>();
    /** Final answers to ledger commands, by command and status: {@code transfer 409}. */
    final Map<String, AtomicInteger> ledgerAnswers = new ConcurrentHashMap<>();
    /** Every accepted command's aggregate and the version it answered with. */
    final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    final AtomicInteger commands = new AtomicInteger();
    final AtomicInteger replays = new AtomicInteger();

    void answered(int status) {
        commands.incrementAndGet();
        byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
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

    /**
     * A ledger command's final answer; an accepted one's movement is kept under the version it answered
     * with. A retry with the same key answers the same version, so it is kept once.
     */
    void ledger(String command, int status, UUID account, long version, Movement movement) {
        ledgerAnswers.computeIfAbsent(command + " " + status, c -> new AtomicInteger()).incrementAndGet();
        if (status / 100 != 2) {
            return;
        }
        var at = new AccountVersion(account, version);
        var earlier = movements.putIfAbsent(at, movement);
        if (earlier != null) {
            if (!earlier.equals(movement)) {
                violations.add("two accepted answers name " + at + ": a " + earlier.describe() + " and a " + movement.describe());
            }
            return;
        }
        switch (movement) {
            case Movement.Opened opened -> {
                accounts.put(account, opened.currency());
                balances.putIfAbsent(account, 0L);
            }
            case Movement.Deposited deposited -> balances.merge(account, deposited.minor(), Long::sum);
            case Movement.Withdrawn withdrawn -> balances.merge(account, -withdrawn.minor(), Long::sum);
            case Movement.Sent sent -> {
                balances.merge(account, -sent.minor(), Long::sum);
                balances.merge(sent.to(), sent.minor(), Long::sum);
            }
        }
    }

    int ledgerCommands() {
        return ledgerAnswers.values().stream().mapToInt(AtomicInteger::get).sum();
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

    List<UUID> accountIds() {
        return new ArrayList<>(accounts.keySet());
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
