package dev.tributary.command.snapshot;

import dev.tributary.events.AggregateId;
import dev.tributary.eventstore.EventItems;
import dev.tributary.eventstore.TableNames;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Snapshots in their own DynamoDB table (no stream), one item per aggregate, replaced as it grows:
 *
 * <pre>
 * pk (S) = &lt;AggregateType&gt;#&lt;id&gt;   version (N)   stateSchema (N)   commandId (S)   takenAt (S)   state (M)
 * </pre>
 *
 * Reads are a consistent {@code GetItem} with a time limit. Writes are a {@code PutItem} on condition
 * {@code attribute_not_exists(pk) OR version < :version}, made in the background by a {@link SnapshotWriter}
 * that this store drains before the DynamoDB client closes.
 */
@Singleton
final class DynamoSnapshots implements Snapshots {

    static final String VERSION = "version";
    static final String STATE_SCHEMA = "stateSchema";
    static final String COMMAND_ID = "commandId";
    static final String TAKEN_AT = "takenAt";
    static final String STATE = "state";

    private final DynamoDbClient dynamo;
    private final String table;
    private final SnapshotSettings settings;
    private final SnapshotWriter writer = new SnapshotWriter();
    private final SnapshotWarnings warnings = new SnapshotWarnings();
    private final Clock clock;

    @Inject
    DynamoSnapshots(DynamoDbClient dynamo, TableNames tables, SnapshotSettings settings) {
        this(dynamo, tables, settings, Clock.systemUTC());
    }

    DynamoSnapshots(DynamoDbClient dynamo, TableNames tables, SnapshotSettings settings, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.snapshots();
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public <S> Optional<Snapshot<S>> find(AggregateId aggregate, StateCodec<S> codec) {
        Map<String, AttributeValue> item;
        try {
            item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key(aggregate))
                    .overrideConfiguration(o -> o.apiCallTimeout(settings.snapshotReadTimeout()))).item();
        } catch (SdkException e) {
            warnings.failed("cannot read snapshots from table " + table, e);
            return Optional.empty();
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (otherSchema(item, codec)) {
            warnings.unusable(name(aggregate, item.get(VERSION)), "its state has schema " + item.get(STATE_SCHEMA).n()
                    + ", and this service reads schema " + codec.schema() + "; it is left to a service that reads it");
            return Optional.empty();
        }
        try {
            return Optional.of(decode(aggregate, item, codec));
        } catch (RuntimeException e) {
            discard(aggregate, item.get(VERSION), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public <S> void save(Snapshot<S> snapshot, StateCodec<S> codec) {
        Map<String, AttributeValue> item;
        try {
            item = encode(snapshot, codec);
        } catch (RuntimeException e) {
            warnings.failed("cannot encode the snapshot of " + snapshot.aggregate() + " at version " + snapshot.version(), e);
            return;
        }
        if (!writer.offer(snapshot.aggregate().pk(), snapshot.version(), () -> put(item, snapshot.version()))) {
            warnings.failed("snapshot of " + snapshot.aggregate() + " dropped",
                    new IllegalStateException("more than " + SnapshotWriter.MAX_PENDING + " aggregates wait for theirs"));
        }
    }

    @Override
    public void discard(Snapshot<?> snapshot, String why) {
        discard(snapshot.aggregate(), StateMaps.number(snapshot.version()), why);
    }

    /**
     * Logs the snapshot and deletes it if it is still the one at {@code version} (as stored, whatever its
     * type), since nothing can read it and a snapshot is replaced only by a newer version.
     */
    private void discard(AggregateId aggregate, @Nullable AttributeValue version, String why) {
        warnings.unusable(name(aggregate, version), why);
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key(aggregate))
                    .conditionExpression(version == null ? "attribute_not_exists(#version)" : "#version = :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(version == null ? null : Map.of(":version", version)));
        } catch (ConditionalCheckFailedException replaced) {
            return;
        } catch (SdkException e) {
            warnings.failed("cannot delete the snapshot " + name(aggregate, version), e);
        }
    }

    /** Waits until every snapshot saved before this call is written or given up. */
    void flush() {
        writer.flush();
    }

    @PreDestroy
    void close() {
        writer.close();
    }

    private void put(Map<String, AttributeValue> item, long version) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #version < :version")
                    .expressionAttributeNames(Map.of("#pk", EventItems.PK, "#version", VERSION))
                    .expressionAttributeValues(Map.of(":version", StateMaps.number(version))));
        } catch (ConditionalCheckFailedException newerThere) {
            return;
        } catch (SdkException e) {
            warnings.failed("cannot write snapshots to table " + table, e);
        }
    }

    private <S> Map<String, AttributeValue> encode(Snapshot<S> snapshot, StateCodec<S> codec) {
        return Map.of(
                EventItems.PK, AttributeValue.fromS(snapshot.aggregate().pk()),
                VERSION, StateMaps.number(snapshot.version()),
                STATE_SCHEMA, StateMaps.number(codec.schema()),
                COMMAND_ID, StateMaps.uuid(snapshot.commandId()),
                TAKEN_AT, StateMaps.text(clock.instant().toString()),
                STATE, AttributeValue.fromM(codec.encode(snapshot.state())));
    }

    /** Whether the snapshot is well formed in another schema: a newer or older service's, not a broken one. */
    private static boolean otherSchema(Map<String, AttributeValue> item, StateCodec<?> codec) {
        try {
            return StateMaps.number(item, STATE_SCHEMA) != codec.schema();
        } catch (UndecodableState e) {
            return false;
        }
    }

    private static <S> Snapshot<S> decode(AggregateId aggregate, Map<String, AttributeValue> item, StateCodec<S> codec) {
        if (!aggregate.pk().equals(StateMaps.text(item, EventItems.PK))) {
            throw new UndecodableState("it is keyed for another aggregate");
        }
        if (StateMaps.number(item, STATE_SCHEMA) != codec.schema()) {
            throw new UndecodableState("its state schema is not " + codec.schema());
        }
        long version = StateMaps.number(item, VERSION);
        if (version < 1) {
            throw new UndecodableState("its version is " + version);
        }
        return new Snapshot<>(aggregate, version, StateMaps.uuid(item, COMMAND_ID), codec.decode(StateMaps.map(item, STATE)));
    }

    private static Map<String, AttributeValue> key(AggregateId aggregate) {
        return Map.of(EventItems.PK, AttributeValue.fromS(aggregate.pk()));
    }

    private static String name(AggregateId aggregate, @Nullable AttributeValue version) {
        return aggregate.pk() + "@" + (version == null ? "?" : version.n() != null ? version.n() : version.toString());
    }
}
