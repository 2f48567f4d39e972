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
 * and this JVM never hands out the same port twice.
 */
public final class Ports {

    /** Below Linux's default ephemeral range (32768–60999) and above the ports services commonly take. */
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;
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
