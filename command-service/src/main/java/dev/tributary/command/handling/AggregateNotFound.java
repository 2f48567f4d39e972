package dev.tributary.command.handling;

import dev.tributary.events.AggregateId;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** The command addresses an aggregate that does not exist. Answered with 404. */
public class AggregateNotFound extends HttpStatusException {

    public AggregateNotFound(AggregateId aggregate) {
        super(HttpStatus.NOT_FOUND, "no " + aggregate.type().name().toLowerCase() + " " + aggregate.id());
    }
}
