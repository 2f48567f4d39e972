package dev.tributary.command.http;

import dev.tributary.command.handling.CommandContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the headers every command accepts.
 *
 * <ul>
 *   <li>{@code Idempotency-Key}: 1–200 visible ASCII characters. Keys are scoped to the caller, so
 *       two callers cannot collide or read each other's answers.</li>
 *   <li>{@code If-Match}: the version the aggregate must be at, as {@code 3} or {@code "3"}.</li>
 * </ul>
 * The request hash, computed only when there is a key, covers the method, the path and the parsed
 * body, so formatting differences in the JSON do not make a retry look like a different request.
 */
@Singleton
public final class CommandContexts {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IF_MATCH = "If-Match";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern VERSION = Pattern.compile("\"?(\\d{1,18})\"?");

    private final JsonMapper json;

    CommandContexts(JsonMapper json) {
        this.json = json;
    }

    public CommandContext of(HttpRequest<?> request, @Nullable Object body) {
        String key = key(request);
        return new CommandContext(UUID.randomUUID(), key, key == null ? null : hash(request, body), ifMatch(request));
    }

    private static String key(HttpRequest<?> request) {
        String key = request.getHeaders().get(IDEMPOTENCY_KEY);
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    IDEMPOTENCY_KEY + " must be 1 to 200 visible ASCII characters, such as a UUID");
        }
        String caller = request.getUserPrincipal().map(java.security.Principal::getName).orElse("anonymous");
        return caller + "\u0000" + key;
    }

    private static Long ifMatch(HttpRequest<?> request) {
        String value = request.getHeaders().get(IF_MATCH);
        if (value == null) {
            return null;
        }
        var matcher = VERSION.matcher(value.strip());
        if (!matcher.matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    IF_MATCH + " must be the aggregate version the command expects, such as 3");
        }
        return Long.parseLong(matcher.group(1));
    }

    private String hash(HttpRequest<?> request, @Nullable Object body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethodName() + " " + request.getPath() + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                digest.update(json.writeValueAsBytes(body));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
