package dev.tributary.projector.admin;

import dev.tributary.projector.rebuild.Rebuild;
import dev.tributary.projector.rebuild.RebuildProgress;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/** Rebuilding the read model from the events table. Role {@code admin}. */
@Controller("/admin/rebuild")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
class RebuildController {

    private final Rebuild rebuild;

    RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * Starts a rebuild: 202 with its progress, which {@code GET} then follows; 409 while one runs.
     *
     * @param force    make the rebuild live even if it differs from the current read model
     * @param segments   how many segments the parallel Scan of the events table is split into; up to
     *                   {@value Rebuild#SCAN_THREADS} of them are read at once
     * @param projection rebuild this projection alone (its tables are switched in; every other projection
     *                   goes on serving); the whole read model when absent. 422 when no domain registers it.
     */
    @Post
    HttpResponse<RebuildProgress> start(@QueryValue(defaultValue = "false") boolean force,
                                        @QueryValue(defaultValue = "4") @Min(1) @Max(Rebuild.MAX_SEGMENTS) int segments,
                                        @Nullable @QueryValue @Size(max = 64) String projection) {
        return HttpResponse.accepted().body(rebuild.start(force, segments, projection));
    }

    /** The latest rebuild this projector ran; 404 if none. */
    @Get
    Optional<RebuildProgress> progress() {
        return rebuild.current();
    }
}
