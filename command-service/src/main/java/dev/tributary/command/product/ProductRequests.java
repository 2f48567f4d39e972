package dev.tributary.command.product;

import dev.tributary.events.Money;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the product endpoints. Unknown fields are rejected. */
final class ProductRequests {

    static final long MAX_PRICE_MINOR = 100_000_000L;
    static final long MAX_RESTOCK = 1_000_000L;

    private ProductRequests() {
    }

    /** A price in minor units (cents) of an ISO 4217 currency: 1 to 100,000,000. */
    @Serdeable
    record Price(@NotNull @Min(1) @Max(MAX_PRICE_MINOR) Long minor,
                 @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

        Money toMoney() {
            return new Money(minor, currency);
        }
    }

    @Serdeable
    record Add(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String sku,
               @NotBlank @Size(max = 200) String name,
               @NotNull @Valid Price price) {
    }

    @Serdeable
    record ChangePrice(@NotNull @Valid Price price) {
    }

    @Serdeable
    record Restock(@NotNull @Min(1) @Max(MAX_RESTOCK) Long quantity) {
    }
}
