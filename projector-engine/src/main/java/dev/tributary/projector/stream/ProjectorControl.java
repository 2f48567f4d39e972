package dev.tributary.projector.stream;

import jakarta.inject.Singleton;
import java.util.function.BooleanSupplier;

/**
 * Pausing: while paused, this worker's shard consumers hold their next batch unapplied (KCL reads
 * no further on those shards) and keep their leases. The state is this process's only; a restart
 * resumes.
 */
@Singleton
public final class ProjectorControl {

    private volatile boolean paused;

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean paused() {
        return paused;
    }

    /** Blocks while paused; false when {@code stopping} turned true first. */
    boolean awaitRunning(BooleanSupplier stopping) {
        while (paused) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping.getAsBoolean();
    }
}
