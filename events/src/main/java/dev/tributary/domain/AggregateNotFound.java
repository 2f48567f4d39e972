package dev.tributary.domain;

import dev.tributary.events.AggregateId;
import java.util.Locale;

/** The command addresses an aggregate that does not exist. Answered with 404; nothing is written. */
public class AggregateNotFound extends RuntimeException {

    public AggregateNotFound(AggregateId aggregate) {
        super("no " + aggregate.type().name().toLowerCase(Locale.ROOT) + " " + aggregate.id());
    }
}
