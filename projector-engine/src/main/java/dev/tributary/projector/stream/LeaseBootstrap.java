package dev.tributary.projector.stream;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.HashKeyRangeForLease;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseRefresher;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * Prepares the lease table before the scheduler starts, which takes first-record latency from
 * about a minute to seconds. Left to itself, KCL waits for the table and its index in 10 s polls,
 * sleeps a random 1–30 s on an empty table, then waits for a lease assignment round.
 *
 * <p>Only an empty lease table gets leases: one per open shard, from TRIM_HORIZON, owned by this
 * worker, exactly as the adapter's shard syncer would create them. A table that already has leases
 * is left alone; KCL resumes from their checkpoints.
 */
final class LeaseBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseBootstrap.class);

    private LeaseBootstrap() {
    }

    static void prepare(DynamoDBLeaseRefresher leases, DynamoDbStreamsClient streams, String streamArn, String workerId)
            throws Exception {
        leases.createLeaseTableIfNotExists();
        leases.waitUntilLeaseTableExists(1, 120);
        leases.createLeaseOwnerToLeaseKeyIndexIfNotExists();
        leases.waitUntilLeaseOwnerToLeaseKeyIndexExists(1, 120);
        if (!leases.isLeaseTableEmpty()) {
            return;
        }
        int created = 0;
        for (Shard shard : openShards(streams, streamArn)) {
            var lease = new Lease();
            lease.leaseKey(shard.shardId());
            lease.leaseOwner(workerId);
            lease.leaseCounter(0L);
            lease.parentShardIds(shard.parentShardId() == null ? List.of() : List.of(shard.parentShardId()));
            lease.ownerSwitchesSinceCheckpoint(0L);
            lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
            lease.hashKeyRange(new HashKeyRangeForLease(BigInteger.ZERO, BigInteger.ONE));
            if (leases.createLeaseIfNotExists(lease)) {
                created++;
            }
        }
        LOG.info("lease table was empty: created {} lease(s) from TRIM_HORIZON for worker {}", created, workerId);
    }

    private static List<Shard> openShards(DynamoDbStreamsClient streams, String streamArn) {
        var open = new ArrayList<Shard>();
        String start = null;
        do {
            String exclusiveStart = start;
            var description = streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
                    .streamDescription();
            description.shards().stream()
                    .filter(s -> s.sequenceNumberRange() == null || s.sequenceNumberRange().endingSequenceNumber() == null)
                    .forEach(open::add);
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return open;
    }
}
