package dev.tributary.command.handling;

import dev.tributary.events.AggregateId;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** {@code If-Match} named a version the aggregate is not at. Answered with 412; nothing is written. */
public class VersionMismatch extends HttpStatusException {

    public VersionMismatch(AggregateId aggregate, long demanded, long current) {
        super(HttpStatus.PRECONDITION_FAILED, "If-Match demanded version " + demanded + " of " + aggregate
                + ", but it is at version " + current);
    }
}
