package dev.tributary.bench.soak;

import dev.tributary.domains.ledger.events.AccountEvent;
import dev.tributary.domains.ledger.events.AccountEvent.AccountOpened;
import dev.tributary.domains.ledger.events.AccountEvent.MoneyDeposited;
import dev.tributary.domains.ledger.events.AccountEvent.MoneyWithdrawn;
import dev.tributary.domains.ledger.events.AccountEvent.TransferReceived;
import dev.tributary.domains.ledger.events.AccountEvent.TransferSent;
import dev.tributary.domains.shop.events.CustomerEvent;
import dev.tributary.eventstore.EventItems;
import dev.tributary.domains.shop.events.OrderEvent;
import dev.tributary.domains.shop.events.ProductEvent;
import dev.tributary.events.StoredEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The shop and the ledger folded straight from the events table, with none of the projector's code:
 * the independent account that the read model and the reports are checked against. An event of a
 * domain it does not fold is a violation, not skipped: a new domain must be taught here first.
 */
final class EventFold {

    record Order(UUID customer, List<OrderEvent.OrderLine> lines, long totalMinor, Instant placedAt, String status) {
    }

    record Stock(long onHand, long reserved, long restocked) {
    }

    /** An account: its balance, and what came in by deposit and went out by withdrawal. */
    record Account(String currency, long balance, long deposited, long withdrawn) {
    }

    /** A transfer as its sending account stored it. */
    record Transfer(UUID from, UUID to, long minor, String currency, Instant at) {
    }

    /** Transfers sent on one UTC day in one currency, and the money they moved. */
    record Volume(long transfers, long volumeMinor) {

        Volume plus(Volume other) {
            return new Volume(transfers + other.transfers, volumeMinor + other.volumeMinor);
        }
    }

    final Map<String, Long> versions = new TreeMap<>();
    final Map<UUID, Order> orders = new HashMap<>();
    final Map<UUID, Stock> products = new HashMap<>();
    final java.util.Set<UUID> customers = new java.util.HashSet<>();
    final Map<UUID, Account> accounts = new HashMap<>();
    /** Every account's events by the version they have, as the clients' answers name them. */
    final Map<Answers.AccountVersion, AccountEvent> accountEvents = new HashMap<>();
    /** Transfers by id, from their {@code TransferSent}. */
    final Map<UUID, Transfer> transfersSent = new HashMap<>();
    /** Transfers by id, from their {@code TransferReceived}: the receiving account and the transfer as it tells it. */
    final Map<UUID, Transfer> transfersReceived = new HashMap<>();
    /** Per UTC day and currency ({@code 2026-12-06 EUR}), as {@code ledger_daily_transfers} keeps them. */
    final Map<String, Volume> dailyTransfers = new TreeMap<>();
    /** What no command could have stored, and events of a type this fold does not know. */
    final List<String> violations = new ArrayList<>();
    /** Events of a type no case folds, by type: a domain the soak has not been taught. */
    private final Map<String, Long> unfolded = new TreeMap<>();
    long events;
    /** Aggregates of items no reader can decode: the projector parks them, and the fold leaves them out. */
    final java.util.Set<String> undecodable = new java.util.TreeSet<>();

    static EventFold of(DynamoDbClient dynamo, String table) {
        var fold = new EventFold();
        dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .map(item -> {
                    try {
                        return EventItems.fromItem(item);
                    } catch (dev.tributary.eventstore.UndecodableEventException poison) {
                        fold.undecodable.add(dev.tributary.events.StorableText.sanitized(item.get(EventItems.PK).s()));
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing((StoredEvent e) -> e.aggregateId().pk()).thenComparingLong(StoredEvent::version))
                .forEach(fold::apply);
        fold.unfolded.forEach((type, count) -> fold.violations.add("the soak does not fold " + type + " (" + count
                + " events in DynamoDB): teach EventFold and Convergence its domain"));
        return fold;
    }

    private void apply(StoredEvent event) {
        events++;
        versions.merge(event.aggregateId().pk(), event.version(), Math::max);
        switch (event.data()) {
            case CustomerEvent.CustomerRegistered registered -> customers.add(registered.customerId());
            case CustomerEvent customer -> { }
            case ProductEvent.ProductAdded added -> products.put(added.productId(), new Stock(0, 0, 0));
            case ProductEvent.ProductRestocked restocked -> products.computeIfPresent(restocked.productId(),
                    (id, s) -> new Stock(s.onHand() + restocked.quantity(), s.reserved(), s.restocked() + restocked.quantity()));
            case ProductEvent.StockReserved reserved -> products.computeIfPresent(reserved.productId(),
                    (id, s) -> new Stock(s.onHand(), s.reserved() + reserved.quantity(), s.restocked()));
            case ProductEvent.StockReleased released -> products.computeIfPresent(released.productId(),
                    (id, s) -> new Stock(s.onHand(), s.reserved() - released.quantity(), s.restocked()));
            case ProductEvent product -> { }
            case OrderEvent.OrderPlaced placed -> orders.put(placed.orderId(),
                    new Order(placed.customerId(), placed.lines(), placed.total().minor(), event.occurredAt(), "placed"));
            case OrderEvent.OrderPaid paid -> status(paid.orderId(), "paid");
            case OrderEvent.OrderShipped shipped -> {
                status(shipped.orderId(), "shipped");
                orders.get(shipped.orderId()).lines().forEach(line -> products.computeIfPresent(line.productId(),
                        (id, s) -> new Stock(s.onHand() - line.quantity(), s.reserved() - line.quantity(), s.restocked())));
            }
            case OrderEvent.OrderDelivered delivered -> status(delivered.orderId(), "delivered");
            case OrderEvent.OrderCancelled cancelled -> status(cancelled.orderId(), "cancelled");
            case AccountEvent account -> account(event, account);
            default -> unfolded.merge(event.data().getClass().getName(), 1L, Long::sum);
        }
    }

    private void account(StoredEvent event, AccountEvent account) {
        UUID id = event.aggregateId().id();
        accountEvents.put(new Answers.AccountVersion(id, event.version()), account);
        switch (account) {
            case AccountOpened opened -> accounts.put(id, new Account(opened.currency(), 0, 0, 0));
            case MoneyDeposited deposited -> move(event, deposited.amount().minor(), deposited.amount().minor(), 0);
            case MoneyWithdrawn withdrawn -> move(event, -withdrawn.amount().minor(), 0, withdrawn.amount().minor());
            case TransferSent sent -> {
                move(event, -sent.amount().minor(), 0, 0);
                var transfer = new Transfer(id, sent.toAccountId(), sent.amount().minor(), sent.amount().currency(), event.occurredAt());
                if (transfersSent.put(sent.transferId(), transfer) != null) {
                    violations.add("transfer " + sent.transferId() + " sent twice in DynamoDB");
                }
                dailyTransfers.merge(event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate() + " " + sent.amount().currency(),
                        new Volume(1, sent.amount().minor()), Volume::plus);
            }
            case TransferReceived received -> {
                move(event, received.amount().minor(), 0, 0);
                var transfer = new Transfer(received.fromAccountId(), id, received.amount().minor(), received.amount().currency(),
                        event.occurredAt());
                if (transfersReceived.put(received.transferId(), transfer) != null) {
                    violations.add("transfer " + received.transferId() + " received twice in DynamoDB");
                }
            }
        }
    }

    /** Adds {@code delta} to the account's balance, which must not fall below zero. */
    private void move(StoredEvent event, long delta, long deposited, long withdrawn) {
        var account = accounts.computeIfPresent(event.aggregateId().id(),
                (id, a) -> new Account(a.currency(), a.balance() + delta, a.deposited() + deposited, a.withdrawn() + withdrawn));
        if (account == null) {
            violations.add("money moved in " + event.aggregateId().pk() + "@" + event.version() + " before it was opened");
        } else if (account.balance() < 0) {
            violations.add("overdrawn in DynamoDB: " + event.aggregateId().pk() + "@" + event.version() + " leaves " + account.balance());
        }
    }

    /** What an account event did, as {@link Answers.Movement#describe} puts what an answer said. */
    static String describe(AccountEvent event) {
        return switch (event) {
            case AccountOpened opened -> "opened in " + opened.currency();
            case MoneyDeposited deposited -> "deposit of " + deposited.amount().minor();
            case MoneyWithdrawn withdrawn -> "withdrawal of " + withdrawn.amount().minor();
            case TransferSent sent -> "transfer of " + sent.amount().minor() + " to " + sent.toAccountId();
            case TransferReceived received -> "receipt of " + received.amount().minor() + " from " + received.fromAccountId();
        };
    }

    private void status(UUID order, String status) {
        orders.computeIfPresent(order, (id, o) -> new Order(o.customer(), o.lines(), o.totalMinor(), o.placedAt(), status));
    }
}
