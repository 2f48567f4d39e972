package dev.tributary.domains.ledger.command;

import dev.tributary.kit.http.KnownCurrency;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/** Request bodies of the account endpoints. Unknown fields are rejected. */
final class AccountRequests {

    private AccountRequests() {
    }

    @Serdeable
    record Open(@NotBlank @Size(max = 200) String owner, @NotNull @KnownCurrency String currency) {
    }

    /**
     * An amount in minor units of the account's currency: a whole number from 1 to 10^12. Read as a
     * decimal so that 10.5 is refused rather than quietly truncated.
     */
    @Serdeable
    record Amount(@NotNull @Digits(integer = 13, fraction = 0) @DecimalMin("1") @DecimalMax("1000000000000") BigDecimal minor) {
    }

    @Serdeable
    record Transfer(@NotNull UUID to,
                    @NotNull @Digits(integer = 13, fraction = 0) @DecimalMin("1") @DecimalMax("1000000000000") BigDecimal minor) {
    }
}
