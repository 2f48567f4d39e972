package dev.tributary.domains.shop.query.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as apps see it. {@code lines} and {@code history} are filled for a single order and left
 * out of lists.
 */
@Serdeable
public record OrderView(UUID id, UUID customerId, String status, Amount total, Instant placedAt, Instant updatedAt,
                        long version, @Nullable List<Line> lines, @Nullable List<StatusChange> history) {

    @Serdeable
    public record Amount(long minor, String currency) {
    }

    @Serdeable
    public record Line(int lineNo, UUID productId, long quantity, Amount unitPrice) {
    }

    /** @param version the order's version that made the change */
    @Serdeable
    public record StatusChange(String status, Instant at, long version) {
    }
}
