package dev.tributary.bench;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.bench.CommandBench.Operation;
import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.EventQueries;
import dev.tributary.events.Money;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.impl.client.CloseableHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The commands the command benchmark times, each as an HTTP call to the service and as the DynamoDB
 * calls the service makes for it, made straight from the SDK.
 *
 * <ul>
 *   <li><b>Registering a customer</b>, the lightest command: one conditional {@code PutItem}.</li>
 *   <li><b>Placing an order of one line</b>, the command the domain is about: the customer and the
 *       product are each loaded (a consistent {@code GetItem} of the snapshot, then a consistent
 *       {@code Query} of the events), and the order's event and the product's reservation are one
 *       {@code TransactWriteItems}, each conditional on its version.</li>
 * </ul>
 * Orders take the products in turn, so two orders in flight never race for one product on either path.
 */
final class CommandWorkloads {

    private static final int CUSTOMERS = 64;
    private static final int PRODUCTS = 2048;
    private static final Money PRICE = new Money(1000, "EUR");
    private static final String NEW_KEY = "attribute_not_exists(" + EventItems.PK + ")";

    private final CloseableHttpClient http;
    private final URI service;
    private final String token;
    private final DynamoDbClient dynamo;
    private final TableNames tables = TableNames.DEFAULTS;

    CommandWorkloads(CloseableHttpClient http, URI service, String token, DynamoDbClient dynamo) {
        this.http = http;
        this.service = service;
        this.token = token;
        this.dynamo = dynamo;
    }

    /** What a figure times: a title for the table, a key for the results, and the two paths. */
    record Workload(String id, String title, Operation viaService, Operation viaSdk) {
    }

    Workload registration() {
        String body = "{\"name\":\"Bench Customer\",\"email\":\"bench@example.com\"}";
        URI customers = service.resolve("/customers");
        return new Workload("commands", "POST /customers vs the same PutItem from the SDK",
                () -> expect(201, BenchHttp.post(http, customers, token, body)),
                () -> {
                    var id = UUID.randomUUID();
                    var event = new StoredEvent(Shop.customer(id), 1, UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                            new CustomerRegistered(id, "Bench Customer", "bench@example.com"));
                    dynamo.putItem(p -> p.tableName(tables.events()).item(EventItems.toItem(event)).conditionExpression(NEW_KEY));
                });
    }

    /** Registers the customers and stocks the products it orders (through the service), then returns the workload. */
    Workload orderPlacement() throws Exception {
        System.out.println("commands: registering " + CUSTOMERS + " customers and stocking " + PRODUCTS + " products to order");
        var customers = new ArrayList<UUID>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(create("/customers", "{\"name\":\"Bench Customer " + i + "\",\"email\":\"bench" + i + "@example.com\"}"));
        }
        var products = new ArrayList<UUID>();
        for (int i = 0; i < PRODUCTS; i++) {
            UUID product = create("/products", "{\"sku\":\"BENCH-" + i + "\",\"name\":\"Bench product " + i
                    + "\",\"price\":{\"minor\":" + PRICE.minor() + ",\"currency\":\"" + PRICE.currency() + "\"}}");
            expect(200, BenchHttp.post(http, service.resolve("/products/" + product + "/restock"), token, "{\"quantity\":1000000}"));
            products.add(product);
        }
        var turn = new AtomicLong();
        URI orders = service.resolve("/orders");
        return new Workload("orders", "POST /orders of one line vs the same GetItems, Queries and TransactWriteItems from the SDK",
                () -> {
                    long n = turn.getAndIncrement();
                    expect(201, BenchHttp.post(http, orders, token, "{\"customerId\":\"" + customers.get((int) (n % CUSTOMERS))
                            + "\",\"lines\":[{\"productId\":\"" + products.get((int) (n % PRODUCTS)) + "\",\"quantity\":1}]}"));
                },
                () -> {
                    long n = turn.getAndIncrement();
                    placeOrder(customers.get((int) (n % CUSTOMERS)), products.get((int) (n % PRODUCTS)));
                });
    }

    private void placeOrder(UUID customerId, UUID productId) {
        var customer = Shop.customer(customerId);
        var product = Shop.product(productId);
        snapshot(customer);
        EventQueries.all(dynamo, tables.events(), customer);
        snapshot(product);
        List<StoredEvent> history = EventQueries.all(dynamo, tables.events(), product);
        long productVersion = history.getLast().version();
        var orderId = UUID.randomUUID();
        var commandId = UUID.randomUUID();
        var at = Instant.now();
        var placed = new StoredEvent(Shop.order(orderId), 1, UUID.randomUUID(), at, commandId, new OrderPlaced(orderId, customerId, List.of(new OrderLine(productId, 1, PRICE)), PRICE));
        var reserved = new StoredEvent(product, productVersion + 1, UUID.randomUUID(), at, commandId, new StockReserved(productId, orderId, 1));
        dynamo.transactWriteItems(t -> t.transactItems(put(placed), put(reserved)));
    }

    private void snapshot(AggregateId aggregate) {
        dynamo.getItem(g -> g.tableName(tables.snapshots()).consistentRead(true)
                .key(Map.of(EventItems.PK, AttributeValue.fromS(aggregate.pk()))));
    }

    private TransactWriteItem put(StoredEvent event) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.events()).item(EventItems.toItem(event))
                .conditionExpression(NEW_KEY).build()).build();
    }

    private UUID create(String path, String body) throws Exception {
        var answer = BenchHttp.postForResponse(http, service.resolve(path), token, body);
        return UUID.fromString(answer.createdId().orElseThrow(
                () -> new IllegalStateException("POST " + path + " answered " + answer.status() + ": " + answer.body())));
    }

    private static void expect(int expected, int status) {
        if (status != expected) {
            throw new IllegalStateException("the command answered " + status + ", not " + expected);
        }
    }
}
