package dev.tributary.domains.shop.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.shop.command.customer.CustomerState.Active;
import dev.tributary.domains.shop.command.customer.CustomerState.Deactivated;
import dev.tributary.domains.shop.command.customer.CustomerState.Unregistered;
import dev.tributary.command.snapshot.CodecSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CustomerStateCodecTest {

    private static final CustomerStateCodec CODEC = CustomerStateCodec.INSTANCE;

    @Test
    void every_customer_state_decodes_to_exactly_what_was_encoded() {
        CodecSpec.roundTrips(CODEC, CustomerState.class, List.of(
                new Unregistered(),
                new Active("Ada Lovelace", "ada@example.com"),
                new Active("Zoë O'Brien-Łukasiewicz 李", "zoe+tag@sub.example.co.uk"),
                new Deactivated()));
    }

    @Test
    void an_incomplete_or_unknown_customer_state_is_refused() {
        CodecSpec.refusesIncomplete(CODEC, new Active("Ada", "ada@example.com"));
    }

    @Test
    void the_format_is_pinned_so_changing_it_means_bumping_the_schema() {
        assertThat(CODEC.schema()).isEqualTo(1);
        assertThat(CODEC.encode(new Active("Ada", "ada@example.com"))).isEqualTo(Map.of(
                "kind", AttributeValue.fromS("Active"),
                "name", AttributeValue.fromS("Ada"),
                "email", AttributeValue.fromS("ada@example.com")));
    }
}
