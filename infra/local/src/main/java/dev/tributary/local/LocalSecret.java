package dev.tributary.local;

import dev.tributary.embedded.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The local stack's token-signing secret: made once, kept with the data, readable by the owner only. */
final class LocalSecret {

    private LocalSecret() {
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            String secret = DevTokens.newSecret();
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }
}
