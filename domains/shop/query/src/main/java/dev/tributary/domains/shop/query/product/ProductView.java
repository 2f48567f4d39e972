package dev.tributary.domains.shop.query.product;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * A product as apps see it.
 *
 * @param onHand    units in the warehouse
 * @param reserved  units promised to orders not yet shipped or cancelled
 * @param available units that can still be ordered: on hand minus reserved
 */
@Serdeable
public record ProductView(UUID id, String sku, String name, Price price, long onHand, long reserved, long available,
                          String status, long version) {

    @Serdeable
    public record Price(long minor, String currency) {
    }
}
