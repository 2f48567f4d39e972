package dev.tributary.domains.shop.command.customer;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of the customer endpoints. Unknown fields are rejected. */
final class CustomerRequests {

    private CustomerRequests() {
    }

    @Serdeable
    record Register(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 254) @Email String email) {
    }

    @Serdeable
    record Rename(@NotBlank @Size(max = 200) String name) {
    }

    @Serdeable
    record ChangeEmail(@NotBlank @Size(max = 254) @Email String email) {
    }
}
