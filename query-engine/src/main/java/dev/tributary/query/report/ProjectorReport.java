package dev.tributary.query.report;

import static dev.tributary.readmodel.jooq.Tables.SHARD_PROGRESS;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.consistency.PipeHealth;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The projector's progress per shard: the newest event it has applied, when it last committed, and
 * how far behind the event was at that commit (from the reports database); and, from the primary,
 * what its worker last reported: its state, its lag now, since when and why it is stalled, when it
 * reported, and whether that report is older than {@code projector-silent-after}. A shard that
 * stalled before its first commit has a report and no progress. Stalled and silent shards first.
 */
@Singleton
final class ProjectorReport {

    private final DSLContext sql;
    private final PipeHealth pipe;

    ProjectorReport(Databases databases, PipeHealth pipe) {
        this.sql = databases.reports().sql();
        this.pipe = pipe;
    }

    Report report() {
        var lag = DSL.field("(extract(epoch from ({0} - {1})) * 1000)::bigint", Long.class, SHARD_PROGRESS.UPDATED_AT,
                SHARD_PROGRESS.LAST_EVENT_AT).as("lag_millis");
        var progress = new LinkedHashMap<String, List<Object>>();
        sql.select(SHARD_PROGRESS.SHARD_ID, SHARD_PROGRESS.LAST_EVENT_AT, SHARD_PROGRESS.UPDATED_AT, lag)
                .from(SHARD_PROGRESS).orderBy(SHARD_PROGRESS.UPDATED_AT.desc()).limit(100)
                .forEach(r -> progress.put(r.value1(), List.of(r.value2().toInstant().toString(), r.value3().toInstant().toString(), r.value4())));
        var reported = new HashMap<String, PipeHealth.Shard>();
        pipe.shards().forEach(shard -> reported.put(shard.shardId(), shard));
        var shardIds = new ArrayList<>(progress.keySet());
        reported.keySet().stream().filter(id -> !progress.containsKey(id)).sorted().forEach(shardIds::add);
        shardIds.sort(Comparator.comparing(id -> !troubled(reported.get(id))));
        var table = new ArrayList<List<Object>>();
        for (String id : shardIds) {
            var row = new ArrayList<Object>(List.of(id));
            row.addAll(progress.getOrDefault(id, Arrays.asList(null, null, null)));
            var shard = reported.get(id);
            row.addAll(shard == null ? Arrays.asList(null, null, null, null, null, null, null)
                    : Arrays.asList(shard.state(), shard.worker(), shard.lagMillis(), instant(shard.stalledSince()),
                            shard.reason(), instant(shard.reportedAt()), shard.silent()));
            table.add(row);
        }
        return new Report(List.of("shard_id", "last_event_at", "committed_at", "lag_millis", "state", "worker", "live_lag_millis",
                "stalled_since", "reason", "reported_at", "silent"), table);
    }

    private static boolean troubled(PipeHealth.Shard shard) {
        return shard != null && (shard.stalled() || shard.silent());
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
