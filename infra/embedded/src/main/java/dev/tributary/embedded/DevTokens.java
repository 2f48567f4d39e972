package dev.tributary.embedded;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 bearer tokens for local stacks and tests, signed with the same secret the services are
 * given ({@code TRIBUTARY_AUTH_JWT_SECRET}). Production tokens come from your identity provider.
 */
public final class DevTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private DevTokens() {
    }

    /** A new random secret, long enough for HS256. */
    public static String newSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    public static String token(String secret, String subject, List<String> roles, Duration validity) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"" + subject + "\",\"iss\":\"tributary-local\",\"iat\":" + now
                + ",\"exp\":" + (now + validity.toSeconds()) + ",\"roles\":["
                + roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")) + "]}";
        String signingInput = encode(header) + "." + encode(payload);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
