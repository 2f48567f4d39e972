package dev.tributary.projector.stream;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Makes DynamoDB Local's stream look like AWS's to the KCL streams adapter 2.0.1. Used only when an
 * endpoint override is configured; on AWS the plain client is used.
 *
 * <ul>
 *   <li>DynamoDB Local's stream ARNs carry the pseudo-region {@code ddblocal}, which the adapter
 *       rejects. KCL sees the configured region instead; DynamoDB Local gets its own ARN back.</li>
 *   <li>DynamoDB Local ignores {@code DescribeStream}'s {@code ShardFilter(CHILD_SHARDS)}, which the
 *       adapter uses at shard end to find the children. The filter is applied here.</li>
 * </ul>
 */
final class LocalStreamsClient implements DynamoDbStreamsClient {

    static final String LOCAL_REGION = ":ddblocal:";

    private final DynamoDbStreamsClient local;
    private final String region;

    LocalStreamsClient(DynamoDbStreamsClient local, String region) {
        this.local = local;
        this.region = ":" + region + ":";
    }

    /** The ARN that KCL should be given for a DynamoDB Local stream ARN. */
    String toKcl(String arn) {
        return arn == null ? null : arn.replace(LOCAL_REGION, region);
    }

    private String toLocal(String arn) {
        return arn == null ? null : arn.replace(region, LOCAL_REGION);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        var filter = request.shardFilter();
        var response = local.describeStream(request.toBuilder().streamArn(toLocal(request.streamArn())).shardFilter((software.amazon.awssdk.services.dynamodb.model.ShardFilter) null).build());
        StreamDescription description = response.streamDescription();
        List<Shard> shards = description.shards();
        if (filter != null && filter.type() == ShardFilterType.CHILD_SHARDS) {
            shards = shards.stream().filter(s -> filter.shardId().equals(s.parentShardId())).toList();
        }
        return response.toBuilder()
                .streamDescription(description.toBuilder().streamArn(toKcl(description.streamArn())).shards(shards).build())
                .build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return local.getShardIterator(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return local.getRecords(request);
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        var response = local.listStreams(request);
        return response.toBuilder()
                .streams(response.streams().stream().map(s -> s.toBuilder().streamArn(toKcl(s.streamArn())).build()).toList())
                .lastEvaluatedStreamArn(toKcl(response.lastEvaluatedStreamArn()))
                .build();
    }

    @Override
    public String serviceName() {
        return local.serviceName();
    }

    @Override
    public void close() {
        local.close();
    }
}
