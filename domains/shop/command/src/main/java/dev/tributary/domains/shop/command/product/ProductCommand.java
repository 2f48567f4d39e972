package dev.tributary.domains.shop.command.product;

import dev.tributary.events.Money;
import java.util.UUID;

/** What can be asked of a Product. Reserve and Release come from orders, not from clients directly. */
public sealed interface ProductCommand {

    UUID productId();

    record AddProduct(UUID productId, String sku, String name, Money price, String category) implements ProductCommand {
    }

    record ChangeCategory(UUID productId, String category) implements ProductCommand {
    }

    record ChangePrice(UUID productId, Money price) implements ProductCommand {
    }

    record Restock(UUID productId, long quantity) implements ProductCommand {
    }

    record Discontinue(UUID productId) implements ProductCommand {
    }

    record ReserveStock(UUID productId, UUID orderId, long quantity) implements ProductCommand {
    }

    record ReleaseStock(UUID productId, UUID orderId, long quantity) implements ProductCommand {
    }
}
