package dev.tributary.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack lives and listens. Every value can be changed by environment variable.
 *
 * @param home               the repository root, where the services' build output is
 * @param dataDirectory      DynamoDB Local's and Postgres's files; kept across restarts
 * @param classDataDirectory the services' class-data archives, which make every start after the first
 *                           faster; outside the data directory, so deleting the data keeps them
 */
public record LocalSettings(
        Path home,
        Path dataDirectory,
        Path classDataDirectory,
        int dynamoPort,
        int postgresPort,
        int commandPort,
        int queryPort,
        int projectorPort) {

    public static LocalSettings fromEnvironment(Path home, Map<String, String> env) {
        return new LocalSettings(
                home,
                Path.of(env.getOrDefault("TRIBUTARY_DATA_DIR", home.resolve(".data").toString())),
                classDataDirectory(home),
                port(env, "TRIBUTARY_DYNAMODB_PORT", 8000),
                port(env, "TRIBUTARY_POSTGRES_PORT", 5433),
                port(env, "TRIBUTARY_COMMAND_PORT", 8081),
                port(env, "TRIBUTARY_QUERY_PORT", 8082),
                port(env, "TRIBUTARY_PROJECTOR_PORT", 8083));
    }

    /**
     * {@code .cache/cds/jdk-<version>} in the repository: an archive holds this checkout's jar paths and
     * serves one JDK build, so each JDK keeps its own and switching back and forth stays warm.
     */
    private static Path classDataDirectory(Path home) {
        return home.resolve(".cache/cds").resolve("jdk-" + Runtime.version());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
        }
    }

    public String dynamoEndpoint() {
        return "http://127.0.0.1:" + dynamoPort;
    }
}
