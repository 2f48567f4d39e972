package dev.tributary.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The soak's short version, for CI: 90 s of random commands while the projector worker holding the
 * shard is killed with {@code kill -9} three times, a second worker comes and goes, Postgres is down
 * for 30 s and the query service restarts. The checker must find no lost write, no phantom, no
 * oversell, no overdraft, money conserved across transfers, a read model equal to a rebuild, and
 * reports equal to a fold of the events table.
 */
class SoakIT {

    @Test
    void under_kills_an_outage_and_restarts_every_accepted_command_is_projected_once_and_nothing_else() throws Exception {
        var home = Path.of(System.getProperty("tributary.home", "../..")).toAbsolutePath().normalize();

        var verdict = Soak.run(home, Duration.ofSeconds(90), 3, 7, System.out);

        System.out.println(verdict.describe());
        assertThat(verdict.faults()).as("projector kills").filteredOn(f -> f.startsWith("kill -9")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(verdict.faults()).as("other faults").contains("second worker w2 started", "Postgres stopped for 30 s",
                "query service restarted");
        assertThat(verdict.commands()).as("commands answered").isGreaterThan(500);
        assertThat(verdict.ledgerCommands()).as("ledger commands answered").isGreaterThan(20);
        assertThat(verdict.leaseMoves()).as("the shard moved between the workers").isPositive();
        assertThat(verdict.mismatches()).as(verdict.describe()).isEmpty();
    }
}
