package dev.tributary.kit.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * @param errors one entry per thing wrong with the request, so a client can show them all at once
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable String currentState,
        @Nullable List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One thing wrong with the request; {@code field} is the JSON path where there is one. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldProblem(@Nullable String field, String message) {
    }
}
