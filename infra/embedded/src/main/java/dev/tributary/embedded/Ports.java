package dev.tributary.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TCP ports for the servers that tests, benchmarks and the local stack start on this machine.
 *
 * <p>Asking the kernel for port 0 hands out a port from the ephemeral range, the range it also uses
 * for the local end of outgoing connections, and it may hand the same port out again as soon as it
 * is closed. A service that stops and starts again on its port (the soak restarts the query service
 * while projector workers restart beside it) could then find its port taken: by a worker that asked
 * for a free port in that window, or by any client's outgoing connection. The soak once saw its query
 * service's port answered by a projector, and every report came back 404.
 *
 * <p>So the ports come from below the ephemeral range, where the kernel never picks one by itself,
 * and this JVM never hands out the same port twice. (Two test JVMs at once could still pick the same
 * port; a build here runs one at a time.)
 */
public final class Ports {

    /**
     * The 12,000 ports just below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range};
     * on Linux's default, 32768–60999, these are 20768–32767), and never below 10000. A machine whose
     * ephemeral range starts below 22000 leaves no such room; there the ports come from 20000–32000, and
     * only the rule of never handing a port out twice holds.
     */
    static final int LOWEST;
    static final int HIGHEST;

    static {
        int ephemeralLowest = ephemeralLowest();
        if (ephemeralLowest >= 22_000) {
            HIGHEST = ephemeralLowest - 1;
            LOWEST = Math.max(10_000, HIGHEST - 12_000);
        } else {
            LOWEST = 20_000;
            HIGHEST = 32_000;
        }
    }
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port that is free now, that this JVM has not handed out before, and that the kernel does not pick by itself. */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port between " + LOWEST + " and " + HIGHEST
                + " after 1,000 tries: is something holding that range?");
    }

    /** The first port of the kernel's ephemeral range; Linux's default when it cannot be read. */
    private static int ephemeralLowest() {
        try {
            String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
