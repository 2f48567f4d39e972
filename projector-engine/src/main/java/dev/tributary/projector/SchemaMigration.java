package dev.tributary.projector;

import static dev.tributary.readmodel.jooq.Tables.PROJECTION_POSITION;

import dev.tributary.projector.projection.Failures;
import dev.tributary.readmodel.ReadModelSchema;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tributary.projector.projection.ProjectionStates;

/**
 * The projector owns the read-model schema: it applies pending Flyway migrations before it consumes
 * anything, then touches it through jOOQ so the first batch does not pay for warming up. Turn off with
 * {@code tributary.projector.migrate=false} where migrations run elsewhere.
 *
 * <p>With {@code tributary.projector.analyst-password} set, it then gives the analysts' login
 * ({@value #ANALYST}, created by the engine's migration) that password, hashed with SCRAM-SHA-256 on this
 * side, so the plain password never travels in SQL or lands in a server log. The query service logs in with
 * the same value ({@code tributary.query.analyst-password}); the AWS stack passes both from one secret. A
 * password that cannot be set is logged as an error and the projector goes on: only analysts' SQL waits.
 *
 * <p>A projector that starts before its database (a restart during an outage, a whole stack coming up
 * at once) waits for it, up to {@code tributary.projector.database-wait} (2 minutes), saying so in the
 * log, instead of exiting at once. Any other failure of a migration stops the start.
 */
@Context
@Requires(property = "tributary.projector.migrate", notEquals = "false")
final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    static final String ANALYST = "tributary_analyst";

    SchemaMigration(DataSource dataSource, DSLContext sql,
                    @Value("${tributary.projector.database-wait:2m}") Duration wait,
                    @Value("${tributary.projector.analyst-password:}") String analystPassword) {
        var deadline = Instant.now().plus(wait);
        var backoff = Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(5));
        while (true) {
            try {
                int applied = ReadModelSchema.migrate(dataSource);
                if (applied > 0) {
                    LOG.info("applied {} read-model migration(s)", applied);
                }
                sql.fetchCount(PROJECTION_POSITION);
                ProjectionStates.register(sql);
                if (!analystPassword.isEmpty()) {
                    setAnalystPassword(dataSource, analystPassword);
                }
                return;
            } catch (RuntimeException e) {
                var unreachable = Failures.unreachable(e);
                if (unreachable == null || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.warn("Postgres is not reachable ({}); retrying in {} ms, for up to {} s in all", unreachable,
                        backoff.next().toMillis(), wait.toSeconds());
                if (!backoff.pause()) {
                    throw e;
                }
            }
        }
    }

    private static void setAnalystPassword(DataSource dataSource, String password) {
        try (var connection = dataSource.getConnection()) {
            connection.unwrap(org.postgresql.PGConnection.class).alterUserPassword(ANALYST, password.toCharArray(), "scram-sha-256");
            LOG.info("the analysts' login {} has the password of tributary.projector.analyst-password", ANALYST);
        } catch (java.sql.SQLException e) {
            LOG.error("could not give the analysts' login {} its password (POST /sql and /query answer 503 until it has one): {}",
                    ANALYST, e.getMessage());
        }
    }
}
