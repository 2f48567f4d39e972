package dev.tributary.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes a streaming hot standby of a running {@link LocalPostgres} without {@code pg_basebackup}
 * (zonky ships only initdb, pg_ctl and postgres): a low-level base backup ({@code pg_backup_start},
 * a file copy, {@code pg_backup_stop}), a physical replication slot so the primary keeps the WAL the
 * standby still needs, then {@code standby.signal} and {@code primary_conninfo}.
 */
final class StandbyReplica {

    /** Directories whose contents a base backup leaves out (they are rebuilt or irrelevant at start). */
    private static final Set<String> CONTENTS_LEFT_OUT = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    private static final Set<String> FILES_LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "backup_label.old");

    private StandbyReplica() {
    }

    static LocalPostgres start(LocalPostgres primary) {
        int port = Ports.free();
        String slot = "standby_" + port;
        try {
            Path directory = Files.createTempDirectory("tributary-standby-");
            baseBackup(primary, slot, directory);
            Files.createFile(directory.resolve("standby.signal"));
            // In the file, not on the command line: zonky passes options through pg_ctl, which splits them at spaces.
            Files.writeString(directory.resolve("postgresql.auto.conf"), String.join("\n",
                    "primary_conninfo = 'host=127.0.0.1 port=" + primary.port() + " user=" + LocalPostgres.USER + "'",
                    "primary_slot_name = '" + slot + "'",
                    "hot_standby = on", ""), StandardOpenOption.APPEND);
            var postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return LocalPostgres.replica(postgres, () -> {
                dropSlot(primary, slot);
                delete(directory);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("the standby did not start: " + e.getMessage(), e);
        }
    }

    private static void baseBackup(LocalPostgres primary, String slot, Path target) throws IOException {
        try (var connection = DriverManager.getConnection(primary.jdbcUrl("postgres"), LocalPostgres.USER, "");
             var statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            var directory = statement.executeQuery("SHOW data_directory");
            directory.next();
            Path source = Path.of(directory.getString(1));
            statement.execute("SELECT pg_backup_start('tributary standby', true)");
            copy(source, target);
            var stop = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(true)");
            stop.next();
            Files.writeString(target.resolve("backup_label"), stop.getString(1));
            String tablespaceMap = stop.getString(2);
            if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                Files.writeString(target.resolve("tablespace_map"), tablespaceMap);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a base backup of the primary: " + e.getMessage(), e);
        }
    }

    /** Copies a live data directory; files that vanish while it is copied are not needed by the backup. */
    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                boolean leftOut = !dir.equals(source) && CONTENTS_LEFT_OUT.contains(dir.getFileName().toString());
                return leftOut ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!FILES_LEFT_OUT.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException vanished) {
                        return FileVisitResult.CONTINUE;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static void dropSlot(LocalPostgres primary, String slot) {
        try (var connection = DriverManager.getConnection(primary.jdbcUrl("postgres"), LocalPostgres.USER, "");
             var statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
        } catch (SQLException primaryGone) {
            // The primary is already stopped; its slot goes with it.
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
