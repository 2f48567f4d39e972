package dev.tributary.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service in a JVM of its own, started from the classpath its module's build wrote, with its
 * output prefixed by its name. It exits by itself if the launcher dies.
 */
public final class ServiceProcess {

    private final String name;
    private final Process process;
    private final String identity;

    /**
     * The environment a service needs against local stand-ins: dummy AWS credentials and a region
     * (DynamoDB Local accepts any), and the secret its bearer tokens are signed with.
     */
    public static Map<String, String> localEnvironment(String jwtSecret) {
        return Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1",
                "TRIBUTARY_AUTH_JWT_SECRET", jwtSecret);
    }

    /** {@link #localEnvironment} with logs at WARN, for services that tests and benchmarks start. */
    public static Map<String, String> quietLocalEnvironment(String jwtSecret) {
        var environment = new java.util.HashMap<>(localEnvironment(jwtSecret));
        environment.put("TRIBUTARY_LOG_LEVEL", "WARN");
        return Map.copyOf(environment);
    }

    private ServiceProcess(String name, Process process, String identity) {
        this.name = name;
        this.process = process;
        this.identity = identity;
    }

    /**
     * @param classDataDirectory where the JVM keeps this service's class-data archive: built on the first
     *                           start, it cuts later start-ups; rebuilt by the JVM when the classpath changes
     */
    public static ServiceProcess start(String name, Path module, String mainClass, Map<String, String> properties,
                                Map<String, String> environment, Path classDataDirectory, PrintStream out) {
        String classpath = jarOf(module) + java.io.File.pathSeparator + classpathOf(module);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx1g");
        command.add("--enable-native-access=ALL-UNNAMED");
        createDirectories(classDataDirectory);
        command.add("-XX:+AutoCreateSharedArchive");
        command.add("-XX:SharedArchiveFile=" + classDataDirectory.resolve(name + ".jsa"));
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        String identity = name + "-" + java.util.UUID.randomUUID();
        command.add("-Dmicronaut.server.server-header=" + identity);
        command.addAll(List.of("-Dtributary.exit-with-parent=true", "-cp", classpath, mainClass));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            var process = builder.start();
            pipeOutput(name, process, out);
            return new ServiceProcess(name, process, identity);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's jar, not its classes directory: class-data archives accept jars only. */
    private static Path jarOf(Path module) {
        try (var files = Files.list(module.resolve("target"))) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.startsWith("tributary-") && name.endsWith(".jar")
                                && !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in " + module.resolve("target") + ": build first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpathOf(Path module) {
        Path file = module.resolve("target/runtime.classpath");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: build first (./tributary start does)");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the process's output to {@code out}, each line prefixed with the name, until the process
     * ends. The copy runs on a daemon platform thread: a read from a process pipe blocks in native code,
     * which holds a virtual thread's carrier for as long as the process stays silent, and a few silent
     * services held every carrier of a 2-core machine, so no virtual thread in the launcher ran.
     */
    static Thread pipeOutput(String name, Process process, PrintStream out) {
        return Thread.ofPlatform().daemon().name(name + "-output").start(() -> pipe(name, process, out));
    }

    private static void pipe(String name, Process process, PrintStream out) {
        String prefix = String.format("%-9s | ", name);
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(prefix + line);
            }
        } catch (IOException ignored) {
            // the process is gone; its exit is reported by whoever waits for it
        }
    }

    String name() {
        return name;
    }

    /**
     * What this process, and no other, sends as its {@code Server} header: {@link Readiness} checks it, so
     * a port answered by some other server is never taken for this service being ready.
     */
    String identity() {
        return identity;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Waits for the process to end by itself; its exit value, or empty if it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** Kills the process at once (SIGKILL, as {@code kill -9}) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Asks the service to shut down (SIGTERM) and waits for it; kills it if it does not stop in time. */
    public void stop(long timeoutSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
