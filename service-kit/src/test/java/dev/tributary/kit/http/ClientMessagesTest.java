package dev.tributary.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientMessagesTest {

    @Test
    void an_unknown_property_is_reported_as_the_field_the_client_sent() {
        var rewritten = ClientMessages.rewrite("request", "Failed to convert argument [request] for value [null] due to: "
                + "Unknown property [isAdmin] encountered during deserialization of type: RegisterCustomerRequest request");

        assertThat(rewritten.field()).isEqualTo("isAdmin");
        assertThat(rewritten.message()).contains("unknown field");
    }

    @Test
    void a_path_variable_that_does_not_convert_names_the_variable_and_the_reason() {
        var rewritten = ClientMessages.rewrite("id",
                "Failed to convert argument [id] for value [nope] due to: Invalid UUID string: nope");

        assertThat(rewritten).isEqualTo(new ClientMessages.Rewritten("id", "Invalid UUID string: nope"));
    }

    @Test
    void parser_internals_are_stripped_from_invalid_json_messages() {
        var rewritten = ClientMessages.rewrite(null, "Invalid JSON: Unexpected end-of-input: expected close marker for Object "
                + "(start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])\n"
                + " at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 14]");

        assertThat(rewritten.message()).isEqualTo(
                "Invalid JSON: Unexpected end-of-input: expected close marker for Object (start marker at line: 1, column: 1)");
    }
}
