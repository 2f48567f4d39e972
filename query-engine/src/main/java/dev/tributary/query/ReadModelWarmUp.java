package dev.tributary.query;

import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;

import io.micronaut.context.annotation.Context;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Touches the read model at start-up, so the pool and jOOQ are warm before the first request, and
 * says so early if the schema is missing (the projector creates it).
 */
@Context
final class ReadModelWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelWarmUp.class);

    ReadModelWarmUp(DSLContext sql) {
        try {
            sql.fetchCount(PROJECTION_POSITION);
        } catch (RuntimeException e) {
            LOG.warn("the read model is not readable yet (has the projector run its migrations?): {}", e.getMessage());
        }
    }
}
