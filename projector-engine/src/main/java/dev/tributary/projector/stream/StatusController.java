package dev.tributary.projector.stream;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

@Controller("/status")
@Secured(SecurityRule.IS_ANONYMOUS)
class StatusController {

    private final ProjectorStatus status;

    StatusController(ProjectorStatus status) {
        this.status = status;
    }

    /** Which shards this worker consumes, how far it has applied each, how far behind it is, and whether it is paused. */
    @Get
    ProjectorStatus.Snapshot status() {
        return status.snapshot();
    }
}
