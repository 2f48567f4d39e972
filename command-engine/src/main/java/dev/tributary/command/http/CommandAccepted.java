package dev.tributary.command.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * The body of every successful command: which aggregate, and its version after the command. The
 * {@code Consistency-Token} header ({@code <pk>@<version>}) lets a later query wait for the read
 * model to catch up with this write.
 */
@Serdeable
public record CommandAccepted(UUID id, String aggregate, long version) {
}
