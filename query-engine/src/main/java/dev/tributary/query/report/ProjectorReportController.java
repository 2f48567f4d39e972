package dev.tributary.query.report;

import dev.tributary.query.consistency.ReadsReports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/** The pipe's own report, whatever the domains: JSON, or CSV with {@code Accept: text/csv}. Role {@code analyst} or {@code admin}. */
@ReadsReports
@Controller("/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class ProjectorReportController {

    private final ProjectorReport projector;
    private final BuildReport builds;

    ProjectorReportController(ProjectorReport projector, BuildReport builds) {
        this.projector = projector;
        this.builds = builds;
    }

    /**
     * The projector's progress per shard, for the dashboard: what it last committed, and what its
     * worker last reported (state, lag now, since when and why stalled, silent when that report is stale).
     */
    @Get("/projector")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> projector(HttpRequest<?> request) {
        return projector.report().answer(request);
    }

    /**
     * The read model's builds: projections waiting to be backfilled with no build running, the running
     * rebuilds and backfills (phase, events read, the table's estimated size, heartbeat, silent when it
     * stopped), and the ten most recent finished ones with how they ended.
     */
    @Get("/builds")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> builds(HttpRequest<?> request) {
        return builds.report().answer(request);
    }

}
