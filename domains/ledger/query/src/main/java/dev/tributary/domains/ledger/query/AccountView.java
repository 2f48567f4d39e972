package dev.tributary.domains.ledger.query;

import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An account as apps see it: its balance in minor units of its currency, and its latest transfers.
 *
 * @param transfers the latest transfers in or out, newest first
 */
@Serdeable
public record AccountView(UUID id, String owner, String currency, long balanceMinor, OffsetDateTime openedAt, long version,
                          List<Transfer> transfers) {

    /** @param direction {@code in} or {@code out} */
    @Serdeable
    public record Transfer(UUID id, String direction, UUID otherAccount, long amountMinor, OffsetDateTime at) {
    }
}
