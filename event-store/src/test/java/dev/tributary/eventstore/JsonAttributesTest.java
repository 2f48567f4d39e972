package dev.tributary.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonAttributesTest {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"s\":\"text\",\"n\":42,\"big\":12345678901234567890,\"d\":19.99,\"neg\":-7}",
            "{\"flag\":true,\"none\":null,\"list\":[1,\"two\",{\"three\":3}],\"nested\":{\"a\":{\"b\":[]}}}",
            "{\"minor\":9223372036854775807,\"unicode\":\"Zürich ✓\"}"
    })
    void json_survives_the_round_trip_through_attribute_values(String text) throws Exception {
        var tree = json.readTree(text);
        assertThat(JsonAttributes.toJson(JsonAttributes.toAttribute(tree)).toString())
                .isEqualTo(tree.toString());
    }
}
