package dev.tributary.domains.shop.command.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.command.product.ProductState.Discontinued;
import dev.tributary.domains.shop.command.product.ProductState.Listed;
import dev.tributary.domains.shop.command.product.ProductState.Unlisted;
import dev.tributary.command.snapshot.CodecSpec;
import dev.tributary.events.Money;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProductStateCodecTest {

    private static final ProductStateCodec CODEC = ProductStateCodec.INSTANCE;

    @Test
    void every_product_state_decodes_to_exactly_what_was_encoded() {
        CodecSpec.roundTrips(CODEC, ProductState.class, List.of(
                new Unlisted(),
                new Listed("SKU-1", "Widget", new Money(1999, "EUR"), 0, "uncategorized"),
                new Listed("a.b_c-9", "Ünïcødé \"quoted\" name, with: punctuation 🚀", new Money(100_000_000, "JPY"), 12_345, "uncategorized"),
                new Listed("SKU-MAX", "x", new Money(1, "USD"), Long.MAX_VALUE, "uncategorized"),
                new Discontinued(0),
                new Discontinued(42),
                new Discontinued(Long.MAX_VALUE)));
    }

    @Test
    void an_incomplete_or_unknown_product_state_is_refused() {
        CodecSpec.refusesIncomplete(CODEC, new Listed("SKU-1", "Widget", new Money(1999, "EUR"), 7, "uncategorized"));
        CodecSpec.refusesIncomplete(CODEC, new Discontinued(3));
    }

    @Test
    void the_format_is_pinned_so_changing_it_means_bumping_the_schema() {
        assertThat(CODEC.schema()).isEqualTo(2);
        assertThat(CODEC.encode(new Listed("SKU-1", "Widget", new Money(1999, "EUR"), 7, "home-office"))).isEqualTo(Map.of(
                "kind", AttributeValue.fromS("Listed"),
                "sku", AttributeValue.fromS("SKU-1"),
                "name", AttributeValue.fromS("Widget"),
                "price", AttributeValue.fromM(Map.of("minor", AttributeValue.fromN("1999"), "currency", AttributeValue.fromS("EUR"))),
                "available", AttributeValue.fromN("7"),
                "category", AttributeValue.fromS("home-office")));
        assertThat(CODEC.encode(new Discontinued(3))).isEqualTo(Map.of(
                "kind", AttributeValue.fromS("Discontinued"), "available", AttributeValue.fromN("3")));
    }
}
