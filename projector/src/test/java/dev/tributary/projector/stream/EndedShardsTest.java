package dev.tributary.projector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EndedShardsTest {

    @Test
    void a_shard_is_over_when_its_lease_is_gone_or_checkpointed_at_shard_end_and_otherwise_it_is_still_being_read() {
        assertThat(EndedShards.ended(Map.of())).as("no lease: KCL deleted it after the shard's children started").isTrue();
        assertThat(EndedShards.ended(Map.of("leaseKey", AttributeValue.fromS("shardId-1"),
                "checkpoint", AttributeValue.fromS("SHARD_END")))).isTrue();
        assertThat(EndedShards.ended(Map.of("leaseKey", AttributeValue.fromS("shardId-1"),
                "checkpoint", AttributeValue.fromS("49600000000000000000000000001")))).as("a stuck shard stays DOWN").isFalse();
        assertThat(EndedShards.ended(Map.of("leaseKey", AttributeValue.fromS("shardId-1"),
                "checkpoint", AttributeValue.fromS("TRIM_HORIZON")))).isFalse();
        assertThat(EndedShards.ended(Map.of("leaseKey", AttributeValue.fromS("shardId-1")))).isFalse();
    }
}
