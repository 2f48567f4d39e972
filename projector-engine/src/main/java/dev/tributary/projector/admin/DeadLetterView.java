package dev.tributary.projector.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.readmodel.jooq.tables.records.DeadLetterRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;
import java.util.Map;

/** A dead letter as the admin API shows it; {@code payload} is the stream record's item, attribute by attribute. */
@Serdeable
record DeadLetterView(long id, String aggregate, long version, @Nullable String eventType, String shardId,
                      @Nullable String sequenceNumber, String state, int attempts, String error,
                      OffsetDateTime parkedAt, @Nullable OffsetDateTime resolvedAt, @Nullable Map<String, Object> payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static DeadLetterView of(DeadLetterRecord r, boolean withPayload) {
        return new DeadLetterView(r.getId(), r.getAggregate(), r.getVersion(), r.getEventType(), r.getShardId(),
                r.getSequenceNumber(), r.getState(), r.getAttempts(), r.getError(), r.getParkedAt(), r.getResolvedAt(),
                withPayload ? payload(r) : null);
    }

    private static Map<String, Object> payload(DeadLetterRecord r) {
        try {
            return JSON.readValue(r.getPayload().data(), new TypeReference<>() { });
        } catch (Exception e) {
            return Map.of("unreadable", r.getPayload().data());
        }
    }
}
