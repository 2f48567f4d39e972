package dev.tributary.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Owns the read-model schema. The engine's migrations ({@code db/engine}) run first, then each
 * domain's ({@link DomainReadModel#migrations()}), each with a history of its own
 * ({@code flyway_history_engine}, {@code flyway_history_<domain>}), so a domain's versions are its
 * own and a domain can be added to a running system. After each, the reader role is granted exactly
 * the tables the registry exposes ({@link ReaderGrants}). Applying them is idempotent and safe from
 * several processes at once (Flyway takes a lock).
 *
 * <p>A schema whose tables were created before they had a history of their own (a read model built
 * when every migration was in one {@code db/migration}, up to its V12) is adopted as it is: when a
 * history is missing and the first table of its V1 already exists, Flyway records V1 as the baseline
 * instead of running it.
 *
 * <p>The live read model is the {@value #LIVE} schema, and every read and write names its tables
 * without a schema, so a connection's {@code search_path} decides which copy it sees. A rebuild
 * migrates a fresh schema of its own, fills it, and takes the live one's place. The {@value #CONTROL}
 * schema holds what must survive that switch: the list of rebuilds.
 */
public final class ReadModelSchema {

    public static final String LIVE = "public";
    public static final String CONTROL = "tributary_control";
    static final String ENGINE = "engine";

    private ReadModelSchema() {
    }

    /** Applies pending migrations to the live read model and the control schema; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        return migrateInto(dataSource, LIVE) + migrate(control().dataSource(dataSource));
    }

    /** Applies pending migrations to the database at {@code jdbcUrl} and returns how many ran. */
    public static int migrate(String jdbcUrl, String user, String password) {
        return migrate(new org.postgresql.ds.PGSimpleDataSource() {
            {
                setURL(jdbcUrl);
                setUser(user);
                setPassword(password);
            }
        });
    }

    /** Creates {@code schema} if needed and migrates a complete read model into it. */
    public static int migrateInto(DataSource dataSource, String schema) {
        refuseUnfinishedSingleHistory(dataSource, schema);
        var models = ReadModels.loaded();
        int ran = migrate(part(dataSource, schema, ENGINE, "classpath:db/engine", "projection_position",
                ReadModels.ENGINE));
        for (DomainReadModel domain : models.domains()) {
            var tables = domain.projections().stream().flatMap(p -> p.tables().stream()).toList();
            ran += migrate(part(dataSource, schema, domain.domain(), domain.migrations(),
                    tables.isEmpty() ? null : tables.getFirst().name(), tables));
        }
        return ran;
    }

    private static FluentConfiguration part(DataSource dataSource, String schema, String owner, String location,
                                            String firstTable, List<ReadModelTable> tables) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations(location).table("flyway_history_" + owner)
                // A schema that holds other parts' tables is not empty, so a part's history always begins
                // with a baseline: version 1 when its tables are already there (adopted), else 0, so its V1 runs.
                .baselineOnMigrate(true)
                .baselineVersion(firstTable != null && exists(dataSource, schema, firstTable, owner) ? "1" : "0")
                .baselineDescription("before the migrations of " + owner)
                .callbacks(new ReaderGrants(tables));
    }

    /** Whether {@code table} exists in {@code schema} while the owner's history does not. */
    private static boolean exists(DataSource dataSource, String schema, String table, String owner) {
        try (Connection c = dataSource.getConnection();
             var statement = c.prepareStatement("SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?)) IS NOT NULL "
                     + "AND to_regclass(quote_ident(?) || '.' || quote_ident(?)) IS NULL")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            statement.setString(3, schema);
            statement.setString(4, "flyway_history_" + owner);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not inspect schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** The last migration of the single history that came before the engine's and the domains' own. */
    static final int LAST_SINGLE_HISTORY_VERSION = 12;

    /**
     * A read model whose single {@code flyway_schema_history} stops short of its V12 lacks changes the
     * adopted layout assumes; adopting it would leave it wrong without a word, so it is refused.
     */
    private static void refuseUnfinishedSingleHistory(DataSource dataSource, String schema) {
        try (Connection c = dataSource.getConnection();
             var statement = c.prepareStatement("SELECT to_regclass(quote_ident(?) || '.flyway_schema_history') IS NOT NULL "
                     + "AND to_regclass(quote_ident(?) || '.flyway_history_engine') IS NULL")) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            try (var result = statement.executeQuery()) {
                if (!result.next() || !result.getBoolean(1)) {
                    return;
                }
            }
            try (var versions = c.createStatement().executeQuery("SELECT coalesce(max(CAST(version AS int)), 0) FROM "
                    + "\"" + schema.replace("\"", "\"\"") + "\".flyway_schema_history WHERE success AND version ~ '^[0-9]+$'")) {
                versions.next();
                int reached = versions.getInt(1);
                if (reached < LAST_SINGLE_HISTORY_VERSION) {
                    throw new IllegalStateException("the read model in schema " + schema + " was migrated by an older Tributary up to V"
                            + reached + " of db/migration, short of V" + LAST_SINGLE_HISTORY_VERSION + "; start the previous release"
                            + " once so it finishes them, or drop the schema and let the projector rebuild it from the events table");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not inspect schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static FluentConfiguration control() {
        return Flyway.configure().locations("classpath:db/control").schemas(CONTROL).defaultSchema(CONTROL)
                .createSchemas(true);
    }

    private static int migrate(FluentConfiguration configuration) {
        return configuration.load().migrate().migrationsExecuted;
    }

    /**
     * After a part's migrations, grants {@code tributary_reader} SELECT on its exposed tables and
     * revokes it from its others, so the grants are what the registry says, in every schema, with no
     * GRANT in any migration.
     */
    static final class ReaderGrants implements Callback {

        private final List<ReadModelTable> tables;

        ReaderGrants(List<ReadModelTable> tables) {
            this.tables = tables;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            String schema = context.getConfiguration().getDefaultSchema();
            try (var statement = context.getConnection().createStatement()) {
                for (ReadModelTable table : tables) {
                    String qualified = quote(schema) + "." + quote(table.name());
                    statement.execute(table.exposed()
                            ? "GRANT SELECT ON " + qualified + " TO tributary_reader"
                            : "REVOKE ALL ON " + qualified + " FROM tributary_reader");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not grant the reader role its tables in " + schema + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "reader-grants";
        }

        private static String quote(String name) {
            return "\"" + name.replace("\"", "\"\"") + "\"";
        }
    }
}
