package dev.tributary.domains.shop.command.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Request bodies of the order endpoints. Unknown fields are rejected. */
final class OrderRequests {

    private OrderRequests() {
    }

    /** A quantity is a whole number from 1 to 10,000; read as a decimal so that 1.5 is refused, not truncated. */
    @Serdeable
    record Line(@NotNull UUID productId,
                @NotNull @Digits(integer = 5, fraction = 0) @DecimalMin("1") @DecimalMax("10000") BigDecimal quantity) {
    }

    @Serdeable
    record Place(@NotNull UUID customerId,
                 @NotNull @Size(min = 1, max = OrderDecider.MAX_LINES) List<@NotNull @Valid Line> lines) {
    }

    @Serdeable
    record Cancel(@Nullable @Size(max = 500) String reason) {
    }
}
