package dev.tributary.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A launcher killed with {@code kill -9} leaves its Postgres running on the data directory. Stop it
 * cleanly (SIGTERM, Postgres's smart shutdown) so this launcher can start its own.
 */
final class OrphanedPostgres {

    private OrphanedPostgres() {
    }

    static void stopIfRunning(Path dataDirectory, PrintStream out) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(postgres -> {
                    out.println("tributary: stopping the Postgres (pid " + pid + ") a previous launcher left running");
                    postgres.destroy();
                    try {
                        postgres.onExit().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("Postgres pid " + pid + " on " + dataDirectory
                                + " did not stop; stop it and retry", e);
                    }
                });
    }
}
