package dev.tributary.kit.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.exceptions.response.Error;
import java.util.Optional;

/** One thing wrong with a request, for an error response: the field it concerns, if any, and why. */
record FieldError(@Nullable String field, String message) implements Error {

    @Override
    public Optional<String> getPath() {
        return Optional.ofNullable(field);
    }

    @Override
    public String getMessage() {
        return message;
    }
}
