package dev.tributary.projector.stream;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.tributary.events.EventItems;
import dev.tributary.events.StoredEvent;
import dev.tributary.projector.projection.GapRepairingProjection;
import dev.tributary.projector.projection.ProjectedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>KCL skips a batch whose {@code processRecords} throws, so this never throws: a failed apply is
 * retried with backoff until it succeeds or the worker shuts down. On shutdown an unapplied batch
 * is abandoned without a checkpoint and will be delivered again.
 */
final class ShardProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ShardProcessor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final GapRepairingProjection projection;
    private final ProjectorStatus status;
    private final BooleanSupplier stopping;
    private String shardId = "?";
    private String appliedThrough;

    ShardProcessor(GapRepairingProjection projection, ProjectorStatus status, BooleanSupplier stopping) {
        this.projection = projection;
        this.status = status;
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
            return;
        }
        var last = records.getLast();
        if (!applyUntilDone(records)) {
            return;
        }
        appliedThrough = last.sequenceNumber();
        checkpoint(input.checkpointer(), appliedThrough);
    }

    /**
     * The batch's event time is its newest event's {@code occurredAt} (microseconds, set by the
     * command service), not the stream's approximate creation time, which is whole seconds on AWS
     * and coarser on DynamoDB Local.
     */
    private ProjectedBatch batch(List<DynamoDBStreamsClientRecord> records) {
        var last = records.getLast();
        var events = events(records);
        var newest = events.stream().map(StoredEvent::occurredAt).max(java.util.Comparator.naturalOrder())
                .orElse(last.getRecord().dynamodb().approximateCreationDateTime());
        return new ProjectedBatch(shardId, last.sequenceNumber(), newest, events);
    }

    private List<StoredEvent> events(List<DynamoDBStreamsClientRecord> records) {
        var events = new ArrayList<StoredEvent>(records.size());
        for (var record : records) {
            var change = record.getRecord();
            if (change.eventName() != OperationType.INSERT) {
                LOG.warn("shard {}: ignoring {} of {}; events are append-only", shardId, change.eventNameAsString(),
                        change.dynamodb().keys());
                continue;
            }
            events.add(EventItems.fromItem(change.dynamodb().newImage()));
        }
        return events;
    }

    /** Decoding is inside the retry too: whatever fails, KCL must not move past these records. */
    private boolean applyUntilDone(List<DynamoDBStreamsClientRecord> records) {
        String lastSequenceNumber = records.getLast().sequenceNumber();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                var batch = batch(records);
                int applied = projection.apply(batch);
                status.applied(shardId, batch.lastSequenceNumber(), batch.lastEventAt(), applied);
                if (attempt > 1) {
                    LOG.info("shard {}: batch ending {} applied after {} attempts", shardId, lastSequenceNumber, attempt);
                }
                return true;
            } catch (RuntimeException e) {
                status.retried(shardId);
                if (stopping.getAsBoolean()) {
                    LOG.warn("shard {}: shutting down with the batch ending {} unapplied; it will be redelivered",
                            shardId, lastSequenceNumber);
                    return false;
                }
                LOG.warn("shard {}: applying the batch ending {} failed (attempt {}), retrying in {} ms: {}",
                        shardId, lastSequenceNumber, attempt, backoff.toMillis(), e.toString());
                if (!sleep(backoff)) {
                    return false;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
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

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
