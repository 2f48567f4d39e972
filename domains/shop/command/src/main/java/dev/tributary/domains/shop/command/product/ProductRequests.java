package dev.tributary.domains.shop.command.product;

import dev.tributary.events.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import dev.tributary.kit.http.KnownCurrency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the product endpoints. Unknown fields are rejected. */
final class ProductRequests {

    private ProductRequests() {
    }

    /**
     * A price in minor units (cents) of an ISO 4217 currency: a whole number from 1 to 100,000,000.
     * Read as a decimal so that 10.5 is refused rather than quietly truncated.
     */
    @Serdeable
    record Price(@NotNull @Digits(integer = 9, fraction = 0) @DecimalMin("1") @DecimalMax("100000000") BigDecimal minor,
                 @NotNull @KnownCurrency String currency) {

        Money toMoney() {
            return new Money(minor.longValueExact(), currency);
        }
    }

    /** @param category optional: {@value dev.tributary.domains.shop.events.Shop#UNCATEGORIZED} when absent */
    @Serdeable
    record Add(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String sku,
               @NotBlank @Size(max = 200) String name,
               @NotNull @Valid Price price,
               @Nullable @Pattern(regexp = CATEGORY, message = CATEGORY_RULE) String category) {

        String categoryOrDefault() {
            return category == null ? dev.tributary.domains.shop.events.Shop.UNCATEGORIZED : category;
        }
    }

    @Serdeable
    record ChangeCategory(@NotNull @Pattern(regexp = CATEGORY, message = CATEGORY_RULE) String category) {
    }

    /** A category: lower-case words of letters and digits joined by single dashes, 1 to 60 characters. */
    static final String CATEGORY = "(?=.{1,60}$)[a-z0-9]+(-[a-z0-9]+)*";
    static final String CATEGORY_RULE = "must be 1 to 60 lower-case letters and digits, in words joined by single dashes, such as home-office";

    @Serdeable
    record ChangePrice(@NotNull @Valid Price price) {
    }

    @Serdeable
    record Restock(@NotNull @Digits(integer = 7, fraction = 0) @DecimalMin("1") @DecimalMax("1000000") BigDecimal quantity) {
    }
}
