package dev.tributary.domains.shop.command.product;

import dev.tributary.command.handling.Aggregate;
import dev.tributary.domains.shop.events.ProductEvent;

/** The Product aggregate as the command engine runs it: its decider, and its snapshot format. */
public final class ProductAggregate {

    public static final Aggregate<ProductCommand, ProductState, ProductEvent> INSTANCE =
            new Aggregate<>(ProductDecider.INSTANCE, ProductStateCodec.INSTANCE);

    private ProductAggregate() {
    }
}
