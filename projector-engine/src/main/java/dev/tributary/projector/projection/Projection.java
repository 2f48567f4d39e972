package dev.tributary.projector.projection;


import dev.tributary.readmodel.projection.EventHandler;
import dev.tributary.readmodel.projection.Shape;
import dev.tributary.readmodel.projection.Statement;
import dev.tributary.readmodel.projection.WritePlan;

import static dev.tributary.readmodel.jooq.Tables.DEAD_LETTER;
import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;
import static dev.tributary.readmodel.jooq.Tables.SHARD_PROGRESS;

import dev.tributary.eventstore.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.projector.CrashPoint;
import dev.tributary.readmodel.DomainProjection;
import dev.tributary.readmodel.ReadModelSchema;
import dev.tributary.readmodel.ReadModels;
import dev.tributary.readmodel.Rebuilds;
import dev.tributary.events.StorableText;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a stream batch to the read model in one Postgres transaction: the read-model changes, the
 * new aggregate positions and the shard's progress commit together or not at all, in the live
 * schema and in every rebuild in progress.
 *
 * <p>Effectively once: an event at or below its aggregate's stored position was applied before
 * (a redelivery) and is skipped, so applying the same batch twice has one effect. Writers that may
 * touch the same aggregate at once (the live consumer and a rebuild's scan) take a transaction-scoped
 * advisory lock per aggregate, in a fixed order, before reading positions.
 *
 * <p>An aggregate with a dead letter is held: its later events are recorded as waiting behind it
 * and not applied, so its versions are never applied out of order.
 *
 * <p>Round trips per batch and schema do not grow with its size: one read of positions, then the
 * writes as set-based statements, one per shape and round ({@link WritePlan}), and the summaries'
 * increments summed per row into one statement per table. After the commit, {@code NOTIFY projection_advanced} wakes read-your-writes waiters.
 */
@Singleton
public final class Projection {

    public static final String CHANNEL = "projection_advanced";
    private static final Logger LOG = LoggerFactory.getLogger(Projection.class);

    private static final Shape.Column<String> AGGREGATE = new Shape.Column<>("aggregate", SQLDataType.CLOB);
    private static final Shape POSITIONS = Shape.of("positions", List.of(AGGREGATE, Shape.VERSION), (db, v) -> db
            .insertInto(PROJECTION_POSITION, PROJECTION_POSITION.AGGREGATE, PROJECTION_POSITION.VERSION)
            .select(DSL.select(v.get(AGGREGATE), v.get(Shape.VERSION)).from(v.table()))
            .onConflict(PROJECTION_POSITION.AGGREGATE).doUpdate()
            .set(PROJECTION_POSITION.VERSION, DSL.excluded(PROJECTION_POSITION.VERSION))
            .set(PROJECTION_POSITION.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(PROJECTION_POSITION.VERSION.lt(DSL.excluded(PROJECTION_POSITION.VERSION))));

    private final DSLContext sql;
    private final Targets targets;

    Projection(DSLContext sql, Targets targets) {
        this.sql = sql;
        this.targets = targets;
    }

    /**
     * Applies a live batch to every target schema.
     *
     * @return how many events changed the live read model (the rest were redeliveries or held)
     * @throws EventGapException when an event skips versions of its aggregate; nothing was written
     */
    public int apply(ProjectedBatch batch) {
        return sql.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            lock(db, batch.events());
            int applied = 0;
            for (Targets.Target target : targets.targets(db)) {
                Targets.use(db, target.schema());
                if (target.schema().equals(ReadModelSchema.LIVE)) {
                    applied = applyHere(db, batch, target);
                } else {
                    applyToBuild(db, batch, target);
                }
            }
            LOG.debug("shard {}: applied {} of {} events", batch.shardId(), applied, batch.events().size());
            return applied;
        });
    }

    /**
     * Applies events to one schema only, in a transaction of their own: how a rebuild fills its schema.
     *
     * @param projection the only projection to apply; null for all
     */
    public int applyTo(String schema, String projection, ProjectedBatch batch) {
        return sql.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            lock(db, batch.events());
            Targets.use(db, schema);
            return applyHere(db, batch, new Targets.Target(schema, projection, java.util.Set.of()));
        });
    }

    /**
     * Applies a live batch to a rebuild's schema within a savepoint. An event its projections cannot
     * apply (a poison failure) abandons that rebuild, in this transaction, and the live batch goes on: a
     * faulty projection being rebuilt or backfilled never stops the live read model. Any other failure
     * (a deadlock, an outage) fails the batch, which is retried.
     */
    private void applyToBuild(DSLContext db, ProjectedBatch batch, Targets.Target target) {
        try {
            db.transaction(nested -> applyHere(nested.dsl(), batch, target));
        } catch (EventGapException gap) {
            throw gap;
        } catch (RuntimeException e) {
            if (!Failures.isPoison(e)) {
                throw e;
            }
            String why = StorableText.sanitized("a live batch failed in it: " + (e.getMessage() == null ? e : e.getMessage()));
            Rebuilds.abandon(db, target.schema(), why, null);
            LOG.error("rebuild {} abandoned: {}", target.schema(), why);
        }
    }

    /** The live read model as the live consumer applies to it now: every projection but those being backfilled. */
    Targets.Target live(DSLContext db) {
        return targets.targets(db).getFirst();
    }

    /**
     * Applies events inside the caller's transaction, to the schema its {@code search_path} names and with
     * the projections {@code target} applies there; the caller holds the aggregates' locks.
     */
    int applyHere(DSLContext db, ProjectedBatch batch, Targets.Target target) {
        Map<String, Position> positions = positions(db, batch.events());
        lockAfterReading(db, batch.events());
        var handlers = ReadModels.loaded().projections().stream().filter(p -> target.applies(p.name()))
                .map(DomainProjection::newHandler).toList();
        var plan = new WritePlan();
        Map<String, Integer> rounds = new HashMap<>();
        Map<String, Long> advanced = new LinkedHashMap<>();
        int applied = 0;
        for (StoredEvent event : batch.events()) {
            String aggregate = event.aggregateId().pk();
            Position position = positions.getOrDefault(aggregate, Position.NONE);
            if (event.version() <= position.version()) {
                continue;
            }
            int round = rounds.merge(aggregate, 1, Integer::sum);
            if (position.held()) {
                plan.add(round, "waiting", List.of(Statement.alone(waiting(db, batch, event))));
                continue;
            }
            if (event.version() != position.version() + 1) {
                throw new EventGapException(aggregate, position.version(), event.version());
            }
            for (EventHandler handler : handlers) {
                plan.add(round, event.type(), handler.queries(event));
            }
            positions.put(aggregate, new Position(event.version(), false));
            advanced.put(aggregate, event.version());
            applied++;
        }
        plan.add(rounds.values().stream().max(Integer::compare).orElse(0) + 1, "totals",
                handlers.stream().flatMap(h -> h.totals(db).stream()).map(Statement::alone).toList());
        plan.execute(db);
        List<Query> bookkeeping = new ArrayList<>();
        if (!advanced.isEmpty()) {
            bookkeeping.add(upsertPositions(db, advanced));
        }
        if (batch.shardId() != null) {
            bookkeeping.add(progress(db, batch));
        }
        if (applied > 0 && batch.shardId() != null) {
            bookkeeping.add(db.query("SELECT pg_notify(?, ?)", CHANNEL, batch.shardId()));
        }
        if (!bookkeeping.isEmpty()) {
            db.batch(bookkeeping).execute();
        }
        CrashPoint.reached("mid-batch");
        return applied;
    }

    /**
     * Serializes writers per aggregate; a fixed order (by hash) keeps two writers from deadlocking. Besides
     * the batch's own aggregates, each projection names those its statements also change
     * ({@link DomainProjection#alsoLocks}).
     */
    static void lock(DSLContext db, List<StoredEvent> events) {
        var aggregates = new java.util.TreeSet<String>();
        events.forEach(e -> aggregates.add(e.aggregateId().pk()));
        ReadModels.loaded().projections().forEach(p -> aggregates.addAll(p.alsoLocks(events)));
        lock(db, aggregates.toArray(String[]::new));
    }

    static void lock(DSLContext db, String... aggregates) {
        if (aggregates.length == 0) {
            return;
        }
        db.fetch("SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(a, 0) AS h "
                + "FROM unnest(CAST(? AS text[])) AS a ORDER BY h) AS ordered", (Object) aggregates);
    }

    /**
     * Aggregates only the read model can name ({@link DomainProjection#alsoLocksAfterReading}), locked after
     * the batch's own, so two writers can deadlock; Postgres then aborts one, and its batch is retried.
     */
    private static void lockAfterReading(DSLContext db, List<StoredEvent> events) {
        var aggregates = new java.util.TreeSet<String>();
        ReadModels.loaded().projections().forEach(p -> aggregates.addAll(p.alsoLocksAfterReading(db, events)));
        lock(db, aggregates.toArray(String[]::new));
    }

    private static Map<String, Position> positions(DSLContext db, List<StoredEvent> events) {
        var aggregates = events.stream().map(e -> e.aggregateId().pk()).distinct().toArray(String[]::new);
        var positions = new HashMap<String, Position>();
        if (aggregates.length == 0) {
            return positions;
        }
        var wanted = DSL.unnest(DSL.val(aggregates)).as("wanted", "aggregate");
        var aggregate = wanted.field("aggregate", String.class);
        var held = DSL.exists(DSL.selectOne().from(DEAD_LETTER)
                .where(DEAD_LETTER.AGGREGATE.eq(aggregate))
                .and(DEAD_LETTER.STATE.in(DeadLetters.OPEN)));
        db.select(aggregate, DSL.coalesce(PROJECTION_POSITION.VERSION, 0L), DSL.field(held))
                .from(wanted)
                .leftJoin(PROJECTION_POSITION).on(PROJECTION_POSITION.AGGREGATE.eq(aggregate))
                .forEach(r -> positions.put(r.value1(), new Position(r.value2(), r.value3())));
        return positions;
    }

    private static Query waiting(DSLContext db, ProjectedBatch batch, StoredEvent event) {
        return db.insertInto(DEAD_LETTER)
                .set(DEAD_LETTER.AGGREGATE, event.aggregateId().pk())
                .set(DEAD_LETTER.VERSION, event.version())
                .set(DEAD_LETTER.EVENT_TYPE, event.type())
                .set(DEAD_LETTER.SHARD_ID, batch.shardId() == null ? "scan" : batch.shardId())
                .set(DEAD_LETTER.SEQUENCE_NUMBER, batch.sequenceNumbers().get(event.eventId()))
                .set(DEAD_LETTER.PAYLOAD, JSONB.valueOf(EventItems.toJson(EventItems.toItem(event))))
                .set(DEAD_LETTER.ERROR, "waiting behind an earlier event of " + event.aggregateId().pk() + " that could not be applied")
                .set(DEAD_LETTER.ATTEMPTS, 0)
                .set(DEAD_LETTER.STATE, "waiting")
                .onConflictDoNothing();
    }

    private static Query progress(DSLContext db, ProjectedBatch batch) {
        var lastEventAt = batch.lastEventAt().atOffset(ZoneOffset.UTC);
        return db.insertInto(SHARD_PROGRESS)
                .set(SHARD_PROGRESS.SHARD_ID, batch.shardId())
                .set(SHARD_PROGRESS.SEQUENCE_NUMBER, batch.lastSequenceNumber())
                .set(SHARD_PROGRESS.LAST_EVENT_AT, lastEventAt)
                .set(SHARD_PROGRESS.UPDATED_AT, DSL.currentOffsetDateTime())
                .onConflict(SHARD_PROGRESS.SHARD_ID).doUpdate()
                .set(SHARD_PROGRESS.SEQUENCE_NUMBER, batch.lastSequenceNumber())
                .set(SHARD_PROGRESS.LAST_EVENT_AT, lastEventAt)
                .set(SHARD_PROGRESS.UPDATED_AT, DSL.currentOffsetDateTime());
    }

    private static Query upsertPositions(DSLContext db, Map<String, Long> advanced) {
        return POSITIONS.query(db, advanced.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
    }

    /** @param held whether the aggregate has a dead letter its later events must wait behind */
    record Position(long version, boolean held) {
        static final Position NONE = new Position(0, false);
    }
}
