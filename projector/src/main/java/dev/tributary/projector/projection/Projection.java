package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;
import static dev.tributary.readmodel.jooq.Tables.SHARD_PROGRESS;

import dev.tributary.events.StoredEvent;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a stream batch to the read model in one Postgres transaction: the read-model changes, the
 * new aggregate positions and the shard's progress commit together or not at all.
 *
 * <p>Effectively once: an event at or below its aggregate's stored position was applied before
 * (a redelivery) and is skipped, so applying the same batch twice has one effect. Round trips per
 * batch are constant: one read of positions, one JDBC batch of writes, one commit.
 *
 * <p>After the commit, {@code NOTIFY projection_advanced} wakes read-your-writes waiters.
 */
@Singleton
public final class Projection {

    public static final String CHANNEL = "projection_advanced";
    private static final Logger LOG = LoggerFactory.getLogger(Projection.class);

    private final DSLContext sql;
    private final EventHandler handlers = new ReadModelHandlers();

    Projection(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * @return how many events changed the read model (the rest were redeliveries)
     * @throws EventGapException when an event skips versions of its aggregate; nothing was written
     */
    public int apply(ProjectedBatch batch) {
        return sql.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            Map<String, Long> positions = positions(db, batch.events());
            List<Query> writes = new ArrayList<>();
            Map<String, Long> advanced = new LinkedHashMap<>();
            int applied = 0;
            for (StoredEvent event : batch.events()) {
                String aggregate = event.aggregateId().pk();
                long current = positions.getOrDefault(aggregate, 0L);
                if (event.version() <= current) {
                    continue;
                }
                if (event.version() != current + 1) {
                    throw new EventGapException(aggregate, current, event.version());
                }
                writes.addAll(handlers.queries(db, event));
                positions.put(aggregate, event.version());
                advanced.put(aggregate, event.version());
                applied++;
            }
            if (!advanced.isEmpty()) {
                writes.add(upsertPositions(db, advanced));
            }
            writes.add(db.insertInto(SHARD_PROGRESS)
                    .set(SHARD_PROGRESS.SHARD_ID, batch.shardId())
                    .set(SHARD_PROGRESS.SEQUENCE_NUMBER, batch.lastSequenceNumber())
                    .set(SHARD_PROGRESS.LAST_EVENT_AT, batch.lastEventAt().atOffset(ZoneOffset.UTC))
                    .set(SHARD_PROGRESS.UPDATED_AT, DSL.currentOffsetDateTime())
                    .onConflict(SHARD_PROGRESS.SHARD_ID).doUpdate()
                    .set(SHARD_PROGRESS.SEQUENCE_NUMBER, batch.lastSequenceNumber())
                    .set(SHARD_PROGRESS.LAST_EVENT_AT, batch.lastEventAt().atOffset(ZoneOffset.UTC))
                    .set(SHARD_PROGRESS.UPDATED_AT, DSL.currentOffsetDateTime()));
            if (applied > 0) {
                writes.add(db.query("SELECT pg_notify(?, ?)", CHANNEL, batch.shardId()));
            }
            db.batch(writes).execute();
            LOG.debug("shard {}: applied {} of {} events", batch.shardId(), applied, batch.events().size());
            return applied;
        });
    }

    private static Map<String, Long> positions(DSLContext db, List<StoredEvent> events) {
        var aggregates = events.stream().map(e -> e.aggregateId().pk()).distinct().toList();
        var positions = new HashMap<String, Long>();
        if (aggregates.isEmpty()) {
            return positions;
        }
        db.select(PROJECTION_POSITION.AGGREGATE, PROJECTION_POSITION.VERSION)
                .from(PROJECTION_POSITION)
                .where(PROJECTION_POSITION.AGGREGATE.in(aggregates))
                .forUpdate()
                .forEach(r -> positions.put(r.value1(), r.value2()));
        return positions;
    }

    private static Query upsertPositions(DSLContext db, Map<String, Long> advanced) {
        var insert = db.insertInto(PROJECTION_POSITION, PROJECTION_POSITION.AGGREGATE, PROJECTION_POSITION.VERSION);
        for (var entry : advanced.entrySet()) {
            insert = insert.values(entry.getKey(), entry.getValue());
        }
        return insert.onConflict(PROJECTION_POSITION.AGGREGATE).doUpdate()
                .set(PROJECTION_POSITION.VERSION, DSL.excluded(PROJECTION_POSITION.VERSION))
                .set(PROJECTION_POSITION.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(PROJECTION_POSITION.VERSION.lt(DSL.excluded(PROJECTION_POSITION.VERSION)));
    }
}
