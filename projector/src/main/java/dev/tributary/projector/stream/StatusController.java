package dev.tributary.projector.stream;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller("/status")
class StatusController {

    private final ProjectorStatus status;

    StatusController(ProjectorStatus status) {
        this.status = status;
    }

    /** Which shards this worker consumes, how far it has applied each, and how far behind it is. */
    @Get
    ProjectorStatus.Snapshot status() {
        return status.snapshot();
    }
}
