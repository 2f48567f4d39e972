package dev.tributary.projector.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Removes the health rows of shards that are over. A worker removes its rows when it stops cleanly, and the
 * next owner of a shard overwrites its row; but a worker killed just after its shard ended leaves that row
 * behind, and nobody ever takes a finished shard over. Unremoved, that row would keep the query service's
 * {@code /health} DOWN as a silent projector for good (DynamoDB closes stream shards every few hours).
 *
 * <p>Every {@code tributary.projector.ended-shards-check} (30 s), each projector looks at the rows not
 * reported for {@value #SILENT_SECONDS} s, and removes those whose shard's lease in the KCL lease table is
 * checkpointed {@code SHARD_END}, or is gone (KCL deletes a finished shard's lease once its children have
 * started). A row whose shard still has a lease that is not finished stays: that shard is really stuck.
 */
@Singleton
@Requires(property = "tributary.projector.enabled", notEquals = "false")
final class EndedShards {

    private static final Logger LOG = LoggerFactory.getLogger(EndedShards.class);
    static final int SILENT_SECONDS = 60;

    private final DSLContext sql;
    private final DynamoDbClient dynamo;
    private final String leaseTable;

    EndedShards(DSLContext sql, DynamoDbClient dynamo, StreamSettings settings) {
        this.sql = sql;
        this.dynamo = dynamo;
        this.leaseTable = settings.applicationName();
    }

    @Scheduled(fixedDelay = "${tributary.projector.ended-shards-check:30s}", initialDelay = "${tributary.projector.ended-shards-check:30s}")
    void forget() {
        try {
            var silent = sql.fetch("SELECT shard_id FROM tributary_control.shard_health WHERE reported_at < now() - make_interval(secs => ?)",
                    SILENT_SECONDS).getValues(0, String.class);
            for (String shard : silent) {
                if (ended(lease(shard))
                        && sql.execute("DELETE FROM tributary_control.shard_health WHERE shard_id = ? "
                        + "AND reported_at < now() - make_interval(secs => ?)", shard, SILENT_SECONDS) > 0) {
                    LOG.info("shard {} is over, and its last worker stopped without removing its health row; the row is removed",
                            shard);
                }
            }
        } catch (ResourceNotFoundException e) {
            LOG.debug("no lease table {} yet; ended shards are looked for again later", leaseTable);
        } catch (RuntimeException e) {
            LOG.warn("could not look for the health rows of ended shards (tried again in a moment): {}", e.toString());
        }
    }

    private Map<String, AttributeValue> lease(String shard) {
        return dynamo.getItem(g -> g.tableName(leaseTable).consistentRead(true)
                .key(Map.of("leaseKey", AttributeValue.fromS(shard)))).item();
    }

    /** Whether a shard whose lease item is {@code lease} (empty when it has none) is over. */
    static boolean ended(Map<String, AttributeValue> lease) {
        if (lease == null || lease.isEmpty()) {
            return true;
        }
        var checkpoint = lease.get("checkpoint");
        return checkpoint != null && "SHARD_END".equals(checkpoint.s());
    }
}
