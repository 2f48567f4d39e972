package dev.tributary.command.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the order endpoints. Unknown fields are rejected. */
final class OrderRequests {

    static final long MAX_QUANTITY = 10_000L;

    private OrderRequests() {
    }

    @Serdeable
    record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(MAX_QUANTITY) Long quantity) {
    }

    @Serdeable
    record Place(@NotNull UUID customerId,
                 @NotNull @Size(min = 1, max = OrderDecider.MAX_LINES) List<@NotNull @Valid Line> lines) {
    }

    @Serdeable
    record Cancel(@Nullable @Size(max = 500) String reason) {
    }
}
