package dev.tributary.projector.admin;

import dev.tributary.projector.projection.DeadLetters;
import dev.tributary.projector.stream.ProjectorControl;
import dev.tributary.projector.stream.ProjectorStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

/** Operating the projector: dead letters, pause and resume. Role {@code admin}. */
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
class AdminController {

    private final DeadLetters deadLetters;
    private final ProjectorControl control;
    private final ProjectorStatus status;

    AdminController(DeadLetters deadLetters, ProjectorControl control, ProjectorStatus status) {
        this.deadLetters = deadLetters;
        this.control = control;
        this.status = status;
    }

    /** Dead letters, newest first, without payloads; {@code state} is parked, awaiting-upgrade, waiting, skipped or resolved. */
    @Get("/dead-letters")
    List<DeadLetterView> deadLetters(@Nullable @QueryValue @Pattern(regexp = "parked|awaiting-upgrade|waiting|skipped|resolved") String state,
                                     @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return deadLetters.list(state, limit).stream().map(r -> DeadLetterView.of(r, false)).toList();
    }

    /** One dead letter with the full record it holds; 404 if there is none. */
    @Get("/dead-letters/{id}")
    Optional<DeadLetterView> deadLetter(long id) {
        return deadLetters.find(id).map(r -> DeadLetterView.of(r, true));
    }

    /** Applies the aggregate's held events again, after a fix; 409 if they still fail. */
    @Post("/dead-letters/{id}/retry")
    Optional<Resolved> retry(long id) {
        return deadLetters.find(id).map(found -> new Resolved(id, "resolved", deadLetters.retry(id)));
    }

    /** Gives up on a parked event and applies those waiting behind it; 409 if it is not parked. */
    @Post("/dead-letters/{id}/skip")
    Optional<Resolved> skip(long id) {
        return deadLetters.find(id).map(found -> new Resolved(id, "skipped", deadLetters.skip(id)));
    }

    /** Stops applying batches on this worker; leases are kept. */
    @Post("/pause")
    ProjectorStatus.Snapshot pause() {
        control.pause();
        return status.snapshot();
    }

    @Post("/resume")
    ProjectorStatus.Snapshot resume() {
        control.resume();
        return status.snapshot();
    }

    /** @param applied how many held events were applied to the read model */
    @Serdeable
    record Resolved(long id, String state, int applied) {
    }
}
