package dev.tributary.command.customer.registering;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /customers}. Unknown fields are rejected. */
@Serdeable
public record RegisterCustomerRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 254) @Email String email) {
}
