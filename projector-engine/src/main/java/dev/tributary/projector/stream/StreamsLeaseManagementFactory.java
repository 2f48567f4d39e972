package dev.tributary.projector.stream;

import com.amazonaws.services.dynamodbv2.streamsadapter.DynamoDBStreamsLeaseManagementFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.coordinator.DeletedStreamListProvider;
import software.amazon.kinesis.coordinator.StreamInfoManager;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.ShardSyncTaskManager;
import software.amazon.kinesis.metrics.MetricsFactory;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Adapter 2.0.1 was built against KCL 3.1 and overrides only the 3-argument
 * {@code createShardSyncTaskManager}. KCL 3.4+ calls the 4-argument one, which would bypass the
 * adapter's DynamoDB Streams shard syncer and fail with "listShardsWithFilter not available".
 * Route it back to the adapter's.
 */
final class StreamsLeaseManagementFactory extends DynamoDBStreamsLeaseManagementFactory {

    StreamsLeaseManagementFactory(KinesisAsyncClient adapter, LeaseManagementConfig leases, RetrievalConfig retrieval) {
        super(adapter, leases, retrieval);
    }

    @Override
    public ShardSyncTaskManager createShardSyncTaskManager(MetricsFactory metricsFactory, StreamConfig streamConfig,
            DeletedStreamListProvider deletedStreamListProvider, StreamInfoManager streamInfoManager) {
        return createShardSyncTaskManager(metricsFactory, streamConfig, deletedStreamListProvider);
    }
}
