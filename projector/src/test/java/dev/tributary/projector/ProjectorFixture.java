package dev.tributary.projector;

import dev.tributary.domains.shop.events.Shop;

import dev.tributary.embedded.DevTokens;
import dev.tributary.embedded.SharedLocalInfra;
import dev.tributary.events.AggregateId;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import dev.tributary.embedded.LocalPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The module's shared DynamoDB Local and Postgres, with an events table of the test's own, and the
 * projector running against them when started.
 */
final class ProjectorFixture implements AutoCloseable {

    final TableNames tables;
    final DynamoDbClient dynamo;
    final String applicationName;
    final String secret = DevTokens.newSecret();
    private final String jdbcUrl;
    private EmbeddedServer projector;

    ProjectorFixture() {
        this(SharedLocalInfra.postgres().jdbcUrl());
    }

    /** @param jdbcUrl the database of the read model: the shared one, or one of the test's own */
    ProjectorFixture(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tables = new TableNames("events-" + suffix, "idempotency-" + suffix);
        applicationName = "projector-" + suffix;
        dynamo = SharedLocalInfra.dynamo().client();
        EventStoreTables.createIfMissing(dynamo, tables);
    }

    Map<String, Object> properties() {
        var properties = new HashMap<String, Object>();
        properties.put("micronaut.server.port", -1);
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("tributary.auth.jwt-secret", secret);
        properties.put("tributary.dynamodb.endpoint", SharedLocalInfra.dynamo().endpoint().toString());
        properties.put("tributary.dynamodb.events-table", tables.events());
        properties.put("tributary.dynamodb.idempotency-table", tables.idempotency());
        properties.put("tributary.projector.application-name", applicationName);
        properties.put("tributary.projector.worker-id", "test-worker");
        properties.put("tributary.projector.idle-between-reads", "50ms");
        return properties;
    }

    ApplicationContext startProjector() {
        return startProjector(Map.of());
    }

    /** @param overrides configuration that differs from the fixture's */
    ApplicationContext startProjector(Map<String, Object> overrides) {
        var properties = properties();
        properties.putAll(overrides);
        projector = ApplicationContext.run(EmbeddedServer.class, properties);
        return projector.getApplicationContext();
    }

    /** Stops the running projector, as a deploy does before the next version starts. */
    void stopProjector() {
        if (projector != null) {
            projector.close();
            projector = null;
        }
    }

    /** The read model without the stream consumer, for tests that drive the projection directly. */
    ApplicationContext startReadModelOnly() {
        var properties = properties();
        properties.put("tributary.projector.enabled", "false");
        projector = ApplicationContext.run(EmbeddedServer.class, properties);
        return projector.getApplicationContext();
    }

    static StoredEvent registered(UUID customerId, String name) {
        return new StoredEvent(Shop.customer(customerId), 1, UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(), new CustomerRegistered(customerId, name, name.toLowerCase().replace(' ', '.') + "@example.com"));
    }

    static StoredEvent event(AggregateId aggregate, long version, dev.tributary.events.DomainEvent data) {
        return new StoredEvent(aggregate, version, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                UUID.randomUUID(), data);
    }

    void append(StoredEvent event) {
        append(event, true);
    }

    /** @param onlyIfNew false to overwrite an item, as an operator repairing a corrupt event would */
    void append(StoredEvent event, boolean onlyIfNew) {
        dynamo.putItem(p -> {
            p.tableName(tables.events()).item(EventItems.toItem(event));
            if (onlyIfNew) {
                p.conditionExpression("attribute_not_exists(pk)");
            }
        });
    }

    java.net.URI uri(String path) {
        return projector.getURI().resolve(path);
    }

    String token(String... roles) {
        return DevTokens.token(secret, "test", List.of(roles), Duration.ofHours(1));
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
    }

    /** The first column of the first row {@code sql} answers in the read model, or 0 without rows. */
    long count(String sql) throws SQLException {
        try (var c = database(); var rows = c.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Polls {@code condition} until it holds, for at most two minutes (a busy machine is slow, not wrong). */
    static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached within 120 s");
    }

    static Connection postgres() throws SQLException {
        return DriverManager.getConnection(SharedLocalInfra.postgres().jdbcUrl(), LocalPostgres.USER, "");
    }

    @Override
    public void close() {
        if (projector != null) {
            projector.close();
        }
        dynamo.close();
    }
}
