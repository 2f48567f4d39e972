package dev.tributary.projector;

import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;

import dev.tributary.readmodel.ReadModelSchema;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projector owns the read-model schema: it applies pending Flyway migrations before it consumes
 * anything, then touches it through jOOQ so the first batch does not pay for warming up. Turn off with {@code tributary.projector.migrate=false} where migrations run elsewhere.
 */
@Context
@Requires(property = "tributary.projector.migrate", notEquals = "false")
final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    SchemaMigration(DataSource dataSource, DSLContext sql) {
        int applied = ReadModelSchema.migrate(dataSource);
        if (applied > 0) {
            LOG.info("applied {} read-model migration(s)", applied);
        }
        sql.fetchCount(PROJECTION_POSITION);
    }
}
