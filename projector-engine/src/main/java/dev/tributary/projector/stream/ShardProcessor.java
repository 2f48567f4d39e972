package dev.tributary.projector.stream;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.tributary.eventstore.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.projector.Backoff;
import dev.tributary.projector.CrashPoint;
import dev.tributary.projector.projection.DeadLetters;
import dev.tributary.projector.projection.Failures;
import dev.tributary.projector.projection.GapRepairingProjection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * Consumes one shard. Each GetRecords batch is applied to Postgres in one transaction, and only
 * then checkpointed, so a crash at any point loses nothing: the batch is redelivered and the
 * position guard skips what was already applied.
 *
 * <p>KCL moves past a batch whose {@code processRecords} returns or throws, so this returns only
 * once every record is applied or parked:
 * <ul>
 *   <li>a failure that is not the event's fault ({@link Failures#isPoison}), such as an outage, is
 *       retried with backoff for as long as it lasts;</li>
 *   <li>an undecodable record is parked as a dead letter at once;</li>
 *   <li>a batch that fails otherwise {@code maxAttempts} times is applied event by event, and the
 *       event that keeps failing is parked; later events of its aggregate wait behind it.</li>
 * </ul>
 * On shutdown an unapplied batch is abandoned without a checkpoint and will be delivered again.
 */
final class ShardProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ShardProcessor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final GapRepairingProjection projection;
    private final DeadLetters deadLetters;
    private final ProjectorStatus status;
    private final ProjectorControl control;
    private final int maxAttempts;
    private final BooleanSupplier stopping;
    private String shardId = "?";
    private String appliedThrough;
    private String lastError;
    /** The dead-letter state the last failure calls for: awaiting-upgrade when it met an event of a newer version. */
    private String lastState = "parked";

    ShardProcessor(GapRepairingProjection projection, DeadLetters deadLetters, ProjectorStatus status,
                   ProjectorControl control, int maxAttempts, BooleanSupplier stopping) {
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.status = status;
        this.control = control;
        this.maxAttempts = maxAttempts;
        this.stopping = stopping;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        status.consuming(shardId);
        LOG.info("consuming shard {} from {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        List<DynamoDBStreamsClientRecord> records = input.records();
        if (records.isEmpty()) {
            status.drained(shardId);
            return;
        }
        status.received(shardId, writtenAt(records.getFirst()));
        if (!control.awaitRunning(stopping)) {
            return;
        }
        var segment = new ArrayList<Decoded>();
        for (var record : records) {
            var change = record.getRecord();
            if (change.eventName() != OperationType.INSERT) {
                LOG.warn("shard {}: ignoring {} of {}; events are append-only", shardId, change.eventNameAsString(),
                        change.dynamodb().keys());
                continue;
            }
            StoredEvent event;
            try {
                event = EventItems.fromItem(change.dynamodb().newImage());
            } catch (RuntimeException e) {
                String undecodable = e.getMessage() == null ? e.toString() : e.getMessage();
                String state = DeadLetters.stateFor(e);
                if (!applyUntilDone(segment) || !untilDone(() -> park(record, undecodable, 1, state))) {
                    return;
                }
                segment.clear();
                continue;
            }
            segment.add(new Decoded(record, event));
        }
        if (!applyUntilDone(segment)) {
            return;
        }
        appliedThrough = records.getLast().sequenceNumber();
        status.drained(shardId);
        CrashPoint.reached("after-commit");
        checkpoint(input.checkpointer(), appliedThrough);
    }

    /**
     * The batch's event time is its newest event's {@code occurredAt} (microseconds, set by the
     * command service), not the stream's approximate creation time, which is whole seconds on AWS
     * and coarser on DynamoDB Local.
     */
    private ProjectedBatch batch(List<Decoded> records) {
        var events = new ArrayList<StoredEvent>(records.size());
        Map<UUID, String> sequenceNumbers = new HashMap<>();
        Instant newest = Instant.EPOCH;
        for (var decoded : records) {
            var event = decoded.event();
            events.add(event);
            sequenceNumbers.put(event.eventId(), decoded.record().sequenceNumber());
            newest = event.occurredAt().isAfter(newest) ? event.occurredAt() : newest;
        }
        return new ProjectedBatch(shardId, records.getLast().record().sequenceNumber(), newest, events, sequenceNumbers);
    }

    /**
     * When a record was written, as well as it can be told: the stream's approximate creation time is
     * whole seconds on AWS and whole minutes on DynamoDB Local, so the event's own {@code occurredAt},
     * stamped by the command service just before the write, wins when it is later.
     */
    private static Instant writtenAt(DynamoDBStreamsClientRecord record) {
        var change = record.getRecord().dynamodb();
        Instant approximate = change.approximateCreationDateTime();
        try {
            var occurred = change.newImage() == null ? null : change.newImage().get(EventItems.OCCURRED_AT);
            Instant stamped = occurred == null || occurred.s() == null ? null : Instant.parse(occurred.s());
            return approximate == null || stamped != null && stamped.isAfter(approximate) ? stamped : approximate;
        } catch (java.time.format.DateTimeParseException e) {
            return approximate;
        }
    }

    /** A stream record and the event it holds, decoded once. */
    private record Decoded(DynamoDBStreamsClientRecord record, StoredEvent event) {
    }

    /** Applies decodable records: as one batch, or event by event once the batch has failed too often. */
    private boolean applyUntilDone(List<Decoded> records) {
        if (records.isEmpty()) {
            return true;
        }
        var batch = batch(records);
        Outcome outcome = attempt(batch, maxAttempts);
        if (outcome != Outcome.POISONED) {
            return outcome == Outcome.APPLIED;
        }
        LOG.warn("shard {}: the batch ending {} failed {} times; applying its {} events one by one to find the poison",
                shardId, batch.lastSequenceNumber(), maxAttempts, records.size());
        for (var decoded : records) {
            var single = batch(List.of(decoded));
            Outcome alone = attempt(single, maxAttempts);
            if (alone == Outcome.STOPPED) {
                return false;
            }
            String state = lastState;
            if (alone == Outcome.POISONED && !untilDone(() -> park(decoded.record(), lastError, maxAttempts, state))) {
                return false;
            }
        }
        return true;
    }

    /** Retries a failure that is not the event's fault without limit, and a poison one up to {@code limit} attempts. */
    private Outcome attempt(ProjectedBatch batch, int limit) {
        var backoff = Backoff.exponential(FIRST_BACKOFF, MAX_BACKOFF);
        int failures = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                int applied = projection.apply(batch);
                status.applied(shardId, batch.lastSequenceNumber(), batch.lastEventAt(), applied);
                if (attempt > 1) {
                    LOG.info("shard {}: batch ending {} applied after {} attempts", shardId, batch.lastSequenceNumber(), attempt);
                }
                return Outcome.APPLIED;
            } catch (RuntimeException e) {
                lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                lastState = DeadLetters.stateFor(e);
                status.retried(shardId, lastError);
                boolean poison = Failures.isPoison(e);
                if (poison && ++failures >= limit || Failures.awaitsUpgrade(e)) {
                    return Outcome.POISONED; // an event of a newer version (gap repair met one) is no better on a retry
                }
                if (stopping.getAsBoolean()) {
                    LOG.warn("shard {}: shutting down with the batch ending {} unapplied; it will be redelivered",
                            shardId, batch.lastSequenceNumber());
                    return Outcome.STOPPED;
                }
                LOG.warn("shard {}: applying the batch ending {} failed (attempt {}{}), retrying in {} ms: {}",
                        shardId, batch.lastSequenceNumber(), attempt, poison ? " of " + limit : ", will retry until it passes",
                        backoff.next().toMillis(), e.toString());
                if (!backoff.pause()) {
                    return Outcome.STOPPED;
                }
            }
        }
    }

    private void park(DynamoDBStreamsClientRecord record, String error, int attempts, String state) {
        deadLetters.park(shardId, record.sequenceNumber(), record.getRecord().dynamodb().newImage(), error, attempts, state);
        status.parked(shardId);
    }

    /** Runs a step (parking) until it succeeds; only an outage can fail it, so it is retried until shutdown. */
    private boolean untilDone(Runnable step) {
        var backoff = Backoff.exponential(FIRST_BACKOFF, MAX_BACKOFF);
        while (true) {
            try {
                step.run();
                return true;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    return false;
                }
                status.retried(shardId, "could not park a dead letter: " + e);
                LOG.warn("shard {}: could not park a dead letter, retrying in {} ms: {}", shardId, backoff.next().toMillis(), e.toString());
                if (!backoff.pause()) {
                    return false;
                }
            }
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        status.released(shardId);
        LOG.info("lost the lease on shard {}; another worker continues from its last checkpoint", shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        try {
            input.checkpointer().checkpoint();
            LOG.info("shard {} ended and is checkpointed; its children start now", shardId);
        } catch (Exception e) {
            LOG.error("shard {} ended but could not be checkpointed; child shards wait until it is", shardId, e);
        }
        status.released(shardId);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (appliedThrough != null) {
            checkpoint(input.checkpointer(), appliedThrough);
        }
        status.released(shardId);
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer, String sequenceNumber) {
        try {
            checkpointer.checkpoint(sequenceNumber);
        } catch (Exception e) {
            LOG.warn("shard {}: checkpoint at {} failed; the batch may be redelivered and will be skipped: {}",
                    shardId, sequenceNumber, e.toString());
        }
    }

    private enum Outcome { APPLIED, POISONED, STOPPED }
}
