package dev.tributary.readmodel;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Owns the read-model schema. Migrations live in {@code db/migration} on this module's classpath;
 * applying them is idempotent and safe from several processes at once (Flyway takes a lock).
 */
public final class ReadModelSchema {

    private ReadModelSchema() {
    }

    /** Applies pending migrations and returns how many ran. */
    public static int migrate(DataSource dataSource) {
        return migrate(configure().dataSource(dataSource));
    }

    /** Applies pending migrations to the database at {@code jdbcUrl} and returns how many ran. */
    public static int migrate(String jdbcUrl, String user, String password) {
        return migrate(configure().dataSource(jdbcUrl, user, password));
    }

    private static FluentConfiguration configure() {
        return Flyway.configure().locations("classpath:db/migration");
    }

    private static int migrate(FluentConfiguration configuration) {
        return configuration.load().migrate().migrationsExecuted;
    }
}
