package dev.tributary.domains.shop.command.product;

import static dev.tributary.command.snapshot.StateMaps.KIND;
import static dev.tributary.command.snapshot.StateMaps.money;
import static dev.tributary.command.snapshot.StateMaps.number;
import static dev.tributary.command.snapshot.StateMaps.text;

import dev.tributary.domains.shop.command.product.ProductState.Discontinued;
import dev.tributary.domains.shop.command.product.ProductState.Listed;
import dev.tributary.domains.shop.command.product.ProductState.Unlisted;
import dev.tributary.command.snapshot.StateCodec;
import dev.tributary.command.snapshot.StateMaps;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Product's snapshot format, schema 2.
 *
 * <pre>
 * {kind: Unlisted}
 * {kind: Listed, sku, name, price: {minor, currency}, available, category}
 * {kind: Discontinued, available}
 * </pre>
 */
final class ProductStateCodec implements StateCodec<ProductState> {

    static final ProductStateCodec INSTANCE = new ProductStateCodec();

    /** 2: a listed product's category. Snapshots of 1 are ignored, and such products are folded from their events. */
    @Override
    public int schema() {
        return 2;
    }

    @Override
    public Map<String, AttributeValue> encode(ProductState state) {
        return switch (state) {
            case Unlisted ignored -> Map.of(KIND, text("Unlisted"));
            case Listed l -> Map.of(KIND, text("Listed"), "sku", text(l.sku()), "name", text(l.name()),
                    "price", money(l.price()), "available", number(l.available()), "category", text(l.category()));
            case Discontinued d -> Map.of(KIND, text("Discontinued"), "available", number(d.available()));
        };
    }

    @Override
    public ProductState decode(Map<String, AttributeValue> encoded) {
        return switch (StateMaps.kind(encoded)) {
            case "Unlisted" -> new Unlisted();
            case "Listed" -> new Listed(text(encoded, "sku"), text(encoded, "name"), money(encoded, "price"),
                    number(encoded, "available"), text(encoded, "category"));
            case "Discontinued" -> new Discontinued(number(encoded, "available"));
            default -> throw StateMaps.unknownKind(StateMaps.kind(encoded));
        };
    }
}
