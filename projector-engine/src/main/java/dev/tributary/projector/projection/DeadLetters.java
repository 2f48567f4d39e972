package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.DEAD_LETTER;
import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;

import dev.tributary.eventstore.EventItems;
import dev.tributary.events.StorableText;
import dev.tributary.domain.DomainRejection;
import dev.tributary.readmodel.jooq.tables.records.DeadLetterRecord;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events the projector could not apply, and the way back for them.
 *
 * <ul>
 *   <li>{@link #park} records a poison event in every target schema; its aggregate's later events
 *       then wait behind it (see {@link Projection}) while other aggregates flow on.</li>
 *   <li>{@link #retry} re-reads the aggregate's unapplied events from the events table and applies
 *       them in one transaction, after a fix; if they still fail, nothing changes but the attempt count.</li>
 *   <li>{@link #skip} passes over the parked event for good and then retries those waiting behind it.</li>
 * </ul>
 * Retry and skip act on the live read model.
 */
@Singleton
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** States of a dead letter that hold its aggregate. */
    public static final List<String> OPEN = List.of("parked", "waiting", "awaiting-upgrade");

    private final DSLContext sql;
    private final Targets targets;
    private final Projection projection;
    private final EventLog log;

    DeadLetters(DSLContext sql, Targets targets, Projection projection, EventLog log) {
        this.sql = sql;
        this.targets = targets;
        this.projection = projection;
        this.log = log;
    }

    /**
     * Parks a stream record that could not be applied, in every target schema; safe to repeat.
     *
     * @param state {@code parked}, or {@code awaiting-upgrade} for a record this version cannot read yet
     */
    public void park(String shardId, String sequenceNumber, Map<String, AttributeValue> item, String error, int attempts, String state) {
        park(null, shardId, sequenceNumber, item, error, attempts, state);
    }

    /** Parks an item a rebuild's scan could not decode, in the rebuild's schema only. */
    public void parkIn(String schema, Map<String, AttributeValue> item, String error, String state) {
        park(schema, "scan", null, item, error, 1, state);
    }

    /** The state an event that failed is parked in: {@code awaiting-upgrade} when only a newer version can read what it needs. */
    public static String stateFor(Throwable failure) {
        return Failures.awaitsUpgrade(failure) ? "awaiting-upgrade" : "parked";
    }

    private void park(String onlySchema, String shardId, String sequenceNumber, Map<String, AttributeValue> item,
                      String error, int attempts, String state) {
        var pk = item.get(EventItems.PK);
        var sk = item.get(EventItems.SK);
        var type = item.get(EventItems.TYPE);
        String aggregate = pk == null || pk.s() == null ? "unknown" : StorableText.sanitized(pk.s());
        long version = parseVersion(sk);
        String eventType = type == null || type.s() == null ? null : StorableText.sanitized(type.s());
        String why = StorableText.sanitized(error == null ? "unknown error" : error);
        String payload = EventItems.toJson(item);
        byte[] raw = EventItems.toRawJson(item);
        sql.transaction(tx -> {
            DSLContext db = tx.dsl();
            Projection.lock(db, aggregate);
            for (String schema : onlySchema == null ? targets.schemas(db) : List.of(onlySchema)) {
                Targets.use(db, schema);
                db.insertInto(DEAD_LETTER)
                        .set(DEAD_LETTER.AGGREGATE, aggregate)
                        .set(DEAD_LETTER.VERSION, version)
                        .set(DEAD_LETTER.EVENT_TYPE, eventType)
                        .set(DEAD_LETTER.SHARD_ID, shardId)
                        .set(DEAD_LETTER.SEQUENCE_NUMBER, sequenceNumber)
                        .set(DEAD_LETTER.PAYLOAD, JSONB.valueOf(payload))
                        .set(DEAD_LETTER.RAW, raw)
                        .set(DEAD_LETTER.ERROR, why)
                        .set(DEAD_LETTER.ATTEMPTS, attempts)
                        .set(DEAD_LETTER.STATE, state)
                        .onConflict(DEAD_LETTER.AGGREGATE, DEAD_LETTER.VERSION).doUpdate()
                        .set(DEAD_LETTER.STATE, state)
                        .set(DEAD_LETTER.ERROR, why)
                        .set(DEAD_LETTER.RAW, raw)
                        .set(DEAD_LETTER.ATTEMPTS, DEAD_LETTER.ATTEMPTS.plus(attempts))
                        .where(DEAD_LETTER.STATE.in(OPEN))
                        .execute();
            }
        });
        if (state.equals("awaiting-upgrade")) {
            LOG.warn("holding {}@{} from shard {} ({}) until a projector that reads it: {}; its later events wait behind it",
                    aggregate, version, shardId, sequenceNumber, why);
        } else {
            LOG.error("parked {}@{} from shard {} ({}) after {} attempt(s): {}; its later events wait behind it",
                    aggregate, version, shardId, sequenceNumber, attempts, why);
        }
    }

    /** Dead letters, newest first; {@code state} null for all. */
    public List<DeadLetterRecord> list(String state, int limit) {
        var query = sql.selectFrom(DEAD_LETTER).where(DSL.noCondition());
        if (state != null) {
            query = query.and(DEAD_LETTER.STATE.eq(state));
        }
        return query.orderBy(DEAD_LETTER.ID.desc()).limit(limit).fetch();
    }

    public Optional<DeadLetterRecord> find(long id) {
        return sql.selectFrom(DEAD_LETTER).where(DEAD_LETTER.ID.eq(id)).fetchOptional();
    }

    /** How many dead letters are parked or waiting. */
    public int open() {
        return sql.fetchCount(DEAD_LETTER, DEAD_LETTER.STATE.in(OPEN));
    }

    /**
     * Applies the dead letter's aggregate's unapplied events, through the newest one held, from the
     * events table.
     *
     * @return how many events were applied
     * @throws NotOpen         when the dead letter was already resolved or skipped
     * @throws StillFailing    when applying failed again; the attempt is counted and nothing else changes
     */
    public int retry(long id) {
        var letter = find(id).orElseThrow(() -> new NotFound(id));
        String aggregate = letter.getAggregate();
        try {
            return sql.transactionResult(tx -> {
                DSLContext db = tx.dsl();
                Projection.lock(db, aggregate);
                var open = db.select(DSL.max(DEAD_LETTER.VERSION)).from(DEAD_LETTER)
                        .where(DEAD_LETTER.AGGREGATE.eq(aggregate)).and(DEAD_LETTER.STATE.in(OPEN))
                        .fetchOne(0, Long.class);
                if (open == null) {
                    throw new NotOpen(letter);
                }
                long position = db.select(PROJECTION_POSITION.VERSION).from(PROJECTION_POSITION)
                        .where(PROJECTION_POSITION.AGGREGATE.eq(aggregate)).fetchOptional(PROJECTION_POSITION.VERSION).orElse(0L);
                db.update(DEAD_LETTER).set(DEAD_LETTER.STATE, "resolved").set(DEAD_LETTER.RESOLVED_AT, DSL.currentOffsetDateTime())
                        .where(DEAD_LETTER.AGGREGATE.eq(aggregate)).and(DEAD_LETTER.STATE.in(OPEN)).execute();
                var events = log.between(aggregate, position + 1, open);
                int applied = projection.applyHere(db, ProjectedBatch.scanned(events), projection.live(db));
                db.execute("SELECT pg_notify(?, ?)", Projection.CHANNEL, "dead-letter");
                LOG.info("retried {}: applied {} event(s) of {} from version {}", id, applied, aggregate, position + 1);
                return applied;
            });
        } catch (NotOpen e) {
            throw e;
        } catch (RuntimeException e) {
            String error = StorableText.sanitized(e.getMessage() == null ? e.toString() : e.getMessage());
            sql.update(DEAD_LETTER).set(DEAD_LETTER.ATTEMPTS, DEAD_LETTER.ATTEMPTS.plus(1)).set(DEAD_LETTER.ERROR, error)
                    .where(DEAD_LETTER.AGGREGATE.eq(aggregate)).and(DEAD_LETTER.STATE.eq("parked")).execute();
            throw new StillFailing(letter, error);
        }
    }

    /**
     * Gives up on a parked event: its aggregate's position moves past it without applying it, and the
     * events waiting behind it are retried.
     *
     * @return how many waiting events were then applied
     */
    public int skip(long id) {
        var letter = find(id).orElseThrow(() -> new NotFound(id));
        if (!"parked".equals(letter.getState())) {
            throw new NotOpen(letter);
        }
        sql.transaction(tx -> {
            DSLContext db = tx.dsl();
            Projection.lock(db, letter.getAggregate());
            int skipped = db.update(DEAD_LETTER).set(DEAD_LETTER.STATE, "skipped").set(DEAD_LETTER.RESOLVED_AT, DSL.currentOffsetDateTime())
                    .where(DEAD_LETTER.ID.eq(id)).and(DEAD_LETTER.STATE.eq("parked")).execute();
            if (skipped == 0) {
                throw new NotOpen(letter);
            }
            db.insertInto(PROJECTION_POSITION, PROJECTION_POSITION.AGGREGATE, PROJECTION_POSITION.VERSION)
                    .values(letter.getAggregate(), letter.getVersion())
                    .onConflict(PROJECTION_POSITION.AGGREGATE).doUpdate()
                    .set(PROJECTION_POSITION.VERSION, DSL.excluded(PROJECTION_POSITION.VERSION))
                    .set(PROJECTION_POSITION.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(PROJECTION_POSITION.VERSION.lt(DSL.excluded(PROJECTION_POSITION.VERSION)))
                    .execute();
        });
        LOG.warn("skipped {}@{} (dead letter {}); the read model no longer reflects it", letter.getAggregate(),
                letter.getVersion(), id);
        var waiting = sql.select(DEAD_LETTER.ID).from(DEAD_LETTER)
                .where(DEAD_LETTER.AGGREGATE.eq(letter.getAggregate())).and(DEAD_LETTER.STATE.eq("waiting"))
                .orderBy(DEAD_LETTER.VERSION).limit(1).fetchOptional(DEAD_LETTER.ID);
        return waiting.map(this::retry).orElse(0);
    }

    private static long parseVersion(AttributeValue sk) {
        try {
            return sk == null || sk.n() == null ? 0 : Long.parseLong(sk.n());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** No dead letter has this id. */
    public static final class NotFound extends RuntimeException {
        NotFound(long id) {
            super("no dead letter " + id);
        }
    }

    /** The dead letter was already dealt with. */
    public static final class NotOpen extends DomainRejection {
        NotOpen(DeadLetterRecord letter) {
            super("dead letter " + letter.getId() + " is " + letter.getState() + ", not open", letter.getState());
        }
    }

    /** Applying the held events failed again. */
    public static final class StillFailing extends DomainRejection {
        StillFailing(DeadLetterRecord letter, String error) {
            super("dead letter " + letter.getId() + " (" + letter.getAggregate() + "@" + letter.getVersion()
                    + ") still fails: " + error, "parked");
        }
    }
}
