package dev.tributary.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A real Postgres server (zonky's embedded binaries) started from this JVM.
 *
 * <p>Durable instances keep their data directory and run with {@code fsync} and
 * {@code synchronous_commit} on, so a committed transaction survives a crash. Throwaway instances
 * live in a temporary directory that is deleted on close.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "tributary";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Runnable onClose;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this(postgres, () -> { });
        createDatabaseIfMissing();
    }

    private LocalPostgres(EmbeddedPostgres postgres, Runnable onClose) {
        this.postgres = postgres;
        this.onClose = onClose;
    }

    /** A throwaway server on a free port; its data is deleted on close. */
    public static LocalPostgres startThrowaway() {
        return start(Ports.free(), null);
    }

    /**
     * Starts the server.
     *
     * @param dataDirectory kept across restarts, with fsync on; null for a throwaway instance
     */
    public static LocalPostgres start(int port, Path dataDirectory) {
        return start(port, dataDirectory, true);
    }

    /**
     * Starts the server with no JVM shutdown hook of its own: the caller stops it, from its own hook, after
     * whatever uses it. The local stack does, so that Postgres outlives the services it stops on Ctrl-C: with
     * both hooks running at once, Postgres went first, and the projector waited out its connection timeout
     * to withdraw its shard reports (10 s of a 12 s stop).
     */
    public static LocalPostgres startStoppedByCaller(int port, Path dataDirectory) {
        return start(port, dataDirectory, false);
    }

    private static LocalPostgres start(int port, Path dataDirectory, boolean shutdownHook) {
        var builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(shutdownHook)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        try {
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of the {@value #DATABASE} database. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * A database of its own, for a test that changes the whole read model (a rebuild swaps schemas).
     *
     * @param database lower-case letters, digits and underscores
     * @return its JDBC URL
     */
    public String createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        createDatabaseIfMissing(database);
        return jdbcUrl(database);
    }

    private void createDatabaseIfMissing() {
        createDatabaseIfMissing(DATABASE);
    }

    private void createDatabaseIfMissing(String database) {
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             var statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * A hot-standby replica of this server, streaming its WAL like an RDS read replica: read-only,
     * and behind by however long replay takes ({@code SELECT pg_wal_replay_pause()} on the replica
     * holds it back). It is made from a base backup taken over SQL, with a replication slot on this
     * server that its close drops; its data is deleted on close.
     */
    public LocalPostgres startReplica() {
        return StandbyReplica.start(this);
    }

    static LocalPostgres replica(EmbeddedPostgres postgres, Runnable onClose) {
        return new LocalPostgres(postgres, onClose);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            onClose.run();
        }
    }
}
