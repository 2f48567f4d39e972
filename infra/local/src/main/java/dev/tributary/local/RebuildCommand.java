package dev.tributary.local;

import dev.tributary.embedded.DevTokens;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tributary rebuild [--force] [--segments N] [--projection NAME] [--projector URL --token TOKEN]}:
 * rebuilds the read model, or one projection of it, from the events table through the projector's admin API, printing progress until it
 * finishes. Against the local stack it needs no arguments: it finds the projector's port and mints an
 * admin token from the local secret. Exits 0 when the rebuild became live, 1 otherwise.
 */
public final class RebuildCommand {

    private RebuildCommand() {
    }

    public static void main(String[] args) throws Exception {
        var settings = LocalSettings.fromEnvironment(Path.of(System.getProperty("tributary.home", ".")), System.getenv());
        boolean force = false;
        int segments = 4;
        String projector = "http://127.0.0.1:" + settings.projectorPort();
        String token = null;
        String projection = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--force" -> force = true;
                case "--segments" -> segments = Integer.parseInt(args[++i]);
                case "--projector" -> projector = args[++i];
                case "--token" -> token = args[++i];
                case "--projection" -> projection = args[++i];
                default -> {
                    System.err.println("usage: ./tributary rebuild [--force] [--segments N] [--projection NAME] [--projector URL --token TOKEN]");
                    System.exit(2);
                }
            }
        }
        if (token == null) {
            Path secret = settings.dataDirectory().resolve("auth/jwt-secret");
            if (!Files.exists(secret)) {
                System.err.println("tributary: no local secret at " + secret + "; start the stack first (./tributary start), "
                        + "or pass --projector URL --token TOKEN");
                System.exit(1);
            }
            token = DevTokens.token(Files.readString(secret).strip(), "rebuild-command", List.of("admin"), Duration.ofHours(12));
        }
        System.exit(run(URI.create(projector + "/admin/rebuild"), token, force, segments, projection) ? 0 : 1);
    }

    private static boolean run(URI rebuild, String token, boolean force, int segments, String projection) throws Exception {
        try {
            var outcome = RebuildClient.run(rebuild, token, force, segments, projection, Duration.ofSeconds(1), Duration.ofDays(1),
                    schema -> System.out.println("tributary: rebuilding " + (projection == null ? "the read model" : "projection " + projection)
                            + " into " + schema
                            + (force ? " (forced: it becomes live even if it differs)" : "")),
                    progress -> {
                        long estimated = progress.path("estimated").asLong();
                        System.out.printf(Locale.ROOT, "  %-9s %,d%s events scanned, %,.0f events/s%n", progress.path("state").asText(),
                                progress.path("scanned").asLong(),
                                estimated > 0 ? String.format(Locale.ROOT, " of about %,d", estimated) : "",
                                progress.path("eventsPerSecond").asDouble());
                    });
            outcome.differences().forEach((table, difference) ->
                    System.out.println("  differs: " + table + ": live " + difference.replace(" vs ", ", rebuilt ")));
            System.out.println("tributary: " + outcome.message());
            return "switched".equals(outcome.state());
        } catch (RebuildClient.Refused e) {
            System.err.println("tributary: " + e.getMessage());
            return false;
        }
    }
}
