package dev.tributary.domains.shop.query.customer;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A customer as apps see it. {@code version} is the customer aggregate's version this view reflects. */
@Serdeable
public record CustomerView(UUID id, String name, String email, Instant registeredAt, long version) {
}
