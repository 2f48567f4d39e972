package dev.tributary.domains.shop.query.product;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * A product as apps see it.
 *
 * @param onHand    units in the warehouse
 * @param reserved  units promised to orders not yet shipped or cancelled
 * @param available units that can still be ordered: on hand minus reserved
 * @param category  its category; {@code uncategorized} for products added without one
 */
@Serdeable
public record ProductView(UUID id, String sku, String name, Price price, long onHand, long reserved, long available,
                          String status, String category, long version) {

    @Serdeable
    public record Price(long minor, String currency) {
    }
}
