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
}
