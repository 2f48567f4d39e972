package dev.tributary.readmodel;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Owns the read-model schema. Migrations live in {@code db/migration} on this module's classpath;
 * applying them is idempotent and safe from several processes at once (Flyway takes a lock).
 *
 * <p>The live read model is the {@value #LIVE} schema, and every read and write names its tables
 * without a schema, so a connection's {@code search_path} decides which copy it sees. A rebuild
 * migrates a fresh schema of its own, fills it, and takes the live one's place. The
 * {@value #CONTROL} schema holds what must survive that switch: the list of rebuilds.
 */
public final class ReadModelSchema {

    public static final String LIVE = "public";
    public static final String CONTROL = "tributary_control";

    private ReadModelSchema() {
    }

    /** Applies pending migrations to the live read model and the control schema; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        return migrate(readModel().dataSource(dataSource)) + migrate(control().dataSource(dataSource));
    }

    /** Applies pending migrations to the database at {@code jdbcUrl} and returns how many ran. */
    public static int migrate(String jdbcUrl, String user, String password) {
        return migrate(readModel().dataSource(jdbcUrl, user, password))
                + migrate(control().dataSource(jdbcUrl, user, password));
    }

    /** Creates {@code schema} if needed and migrates a complete read model into it. */
    public static int migrateInto(DataSource dataSource, String schema) {
        return migrate(readModel().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true));
    }

    private static FluentConfiguration readModel() {
        return Flyway.configure().locations("classpath:db/migration");
    }

    private static FluentConfiguration control() {
        return Flyway.configure().locations("classpath:db/control").schemas(CONTROL).defaultSchema(CONTROL)
                .createSchemas(true);
    }

    private static int migrate(FluentConfiguration configuration) {
        return configuration.load().migrate().migrationsExecuted;
    }
}
