package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The README's walk-through, run as written: its {@code bash} blocks, in order, in one shell, against
 * a running stack. A block followed by a {@code json} block must print JSON with the same top-level
 * keys; one followed by an {@code http} block must answer with the same status code.
 */
final class ReadmeWalkThrough {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");
    private static final String MARK = "@@walk-through block ";

    record Block(String script, String expectedKind, String expected) {
    }

    static List<Block> blocks(Path readme) throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf("\n## Walk-through");
        assertThat(start).as("README has a '## Walk-through' section").isPositive();
        int end = text.indexOf("\n## ", start + 1);
        var matcher = FENCE.matcher(text.substring(start, end < 0 ? text.length() : end));
        var blocks = new ArrayList<Block>();
        while (matcher.find()) {
            String kind = matcher.group(1);
            if (kind.equals("bash")) {
                blocks.add(new Block(matcher.group(2), null, null));
            } else if (!blocks.isEmpty() && blocks.getLast().expectedKind() == null) {
                var last = blocks.removeLast();
                blocks.add(new Block(last.script(), kind, matcher.group(2)));
            }
        }
        return blocks;
    }

    /** Runs the blocks and checks each answer against what the README shows. */
    static void run(List<Block> blocks, String token, LocalSettings ports) throws Exception {
        var script = new StringBuilder("set -u\n");
        for (int i = 0; i < blocks.size(); i++) {
            script.append("echo '").append(MARK).append(i).append("'\n").append(withPorts(blocks.get(i).script(), ports)).append("\necho\n");
        }
        var process = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true);
        process.environment().put("TRIBUTARY_TOKEN", token);
        var running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String[] parts = output.split(Pattern.quote(MARK) + "\\d+\\n", -1);
        assertThat(parts).as(output).hasSize(blocks.size() + 1);
        for (int i = 0; i < blocks.size(); i++) {
            var block = blocks.get(i);
            String answer = parts[i + 1].strip();
            if ("json".equals(block.expectedKind())) {
                assertThat(keys(JSON.readTree(answer))).as("block %d:%n%s%nanswered%n%s", i, block.script(), answer)
                        .isEqualTo(keys(JSON.readTree(block.expected())));
            } else if ("http".equals(block.expectedKind())) {
                assertThat(statusLine(answer)).as("block %d:%n%s%nanswered%n%s", i, block.script(), answer)
                        .isEqualTo(statusLine(block.expected()));
            }
        }
    }

    private static String withPorts(String script, LocalSettings ports) {
        return script.replace("127.0.0.1:8081", "127.0.0.1:" + ports.commandPort())
                .replace("127.0.0.1:8082", "127.0.0.1:" + ports.queryPort())
                .replace("127.0.0.1:8083", "127.0.0.1:" + ports.projectorPort());
    }

    /** Top-level keys of an object, or of an array's first row. */
    private static Set<String> keys(JsonNode node) {
        JsonNode shape = node.isArray() && !node.isEmpty() ? node.get(0) : node;
        var keys = new TreeSet<String>();
        shape.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String statusLine(String http) {
        String first = http.lines().findFirst().orElse("");
        return first.split(" ").length > 1 ? first.split(" ")[1] : first;
    }
}
