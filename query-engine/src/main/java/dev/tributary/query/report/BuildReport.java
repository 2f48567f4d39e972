package dev.tributary.query.report;

import dev.tributary.query.consistency.BuildHealth;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The read model's builds, for the dashboard: first each projection that is backfilling with no build
 * running (state {@code waiting}, with {@code started_at} the time it began backfilling: its tables are
 * not served in full, and nothing is filling them), then
 * the running builds with their phase, progress and heartbeat, then the ten most recent finished ones
 * with how they ended.
 */
@Singleton
final class BuildReport {

    private static final int SHOWN = 10;

    private final BuildHealth builds;

    BuildReport(BuildHealth builds) {
        this.builds = builds;
    }

    Report report() {
        var rows = new ArrayList<List<Object>>();
        for (var waiting : builds.backfilling()) {
            if (waiting.unattended()) {
                rows.add(Arrays.asList(waiting.projection(), "waiting", null, null, null, null, instant(waiting.since()), null, null,
                        false, "backfilling with no build running: its tables are not served in full", null));
            }
        }
        var recent = builds.builds(SHOWN + 10);
        long finished = 0;
        for (var build : recent) {
            if (!build.state().equals("building") && finished++ >= SHOWN) {
                continue;
            }
            rows.add(Arrays.asList(build.projection() == null ? "all" : build.projection(), build.state(),
                    build.state().equals("building") ? build.phase() : null, build.events(), build.estimated(), build.worker(),
                    instant(build.startedAt()), instant(build.heartbeatAt()), instant(build.finishedAt()), build.silent(), build.note(),
                    build.schema()));
        }
        return new Report(List.of("projection", "state", "phase", "events", "estimated", "worker", "started_at", "heartbeat_at",
                "finished_at", "silent", "note", "schema"), rows);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
