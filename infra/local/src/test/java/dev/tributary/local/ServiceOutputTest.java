package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServiceOutputTest {

    @Test
    void a_services_lines_are_copied_with_its_name_in_front() throws Exception {
        var copied = new ByteArrayOutputStream();
        var process = new ProcessBuilder("printf", "first\\nsecond\\n").start();
        ServiceProcess.pipeOutput("command", process, new PrintStream(copied, true, StandardCharsets.UTF_8)).join(10_000);
        assertThat(copied.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("command   | first", "command   | second");
    }
}
