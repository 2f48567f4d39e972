package dev.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void ports_are_never_handed_out_twice_and_never_from_the_range_the_kernel_picks_from() {
        var seen = new HashSet<Integer>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(Ports.LOWEST, Ports.HIGHEST);
        }
    }

    @Test
    void the_ports_lie_below_the_range_the_kernel_hands_out_on_this_machine() throws Exception {
        var range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(range), "no Linux port range to read");
        int ephemeralLowest = Integer.parseInt(java.nio.file.Files.readString(range).trim().split("\\s+")[0]);
        org.junit.jupiter.api.Assumptions.assumeTrue(ephemeralLowest >= 22_000, "this machine's ephemeral range leaves no room below it");
        assertThat(Ports.HIGHEST).isLessThan(ephemeralLowest);
    }
}
