package dev.tributary.query.paging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of results; {@code next} is the cursor for the following page, null on the last. */
@Serdeable
public record Page<T>(List<T> items, @Nullable String next) {
}
