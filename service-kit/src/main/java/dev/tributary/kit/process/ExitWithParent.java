package dev.tributary.kit.process;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For services started by a supervisor (the local launcher): when the supervisor dies, even by
 * {@code kill -9}, this service shuts down cleanly instead of lingering on its ports.
 * Enabled by {@code tributary.exit-with-parent=true}.
 */
@Context
@Requires(property = "tributary.exit-with-parent", value = "true")
final class ExitWithParent {

    private static final Logger LOG = LoggerFactory.getLogger(ExitWithParent.class);

    ExitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            LOG.warn("parent process {} exited; shutting down", parent.pid());
            System.exit(0);
        }));
    }
}
