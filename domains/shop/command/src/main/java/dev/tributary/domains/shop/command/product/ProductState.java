package dev.tributary.domains.shop.command.product;

import dev.tributary.events.Money;

/** What a decision about a Product needs to know. {@code available} is stock not promised to any order. */
public sealed interface ProductState {

    record Unlisted() implements ProductState {
    }

    record Listed(String sku, String name, Money price, long available, String category) implements ProductState {
    }

    record Discontinued(long available) implements ProductState {
    }
}
