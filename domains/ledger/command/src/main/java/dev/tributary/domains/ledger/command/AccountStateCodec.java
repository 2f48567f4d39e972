package dev.tributary.domains.ledger.command;

import static dev.tributary.command.snapshot.StateMaps.KIND;
import static dev.tributary.command.snapshot.StateMaps.number;
import static dev.tributary.command.snapshot.StateMaps.text;

import dev.tributary.command.snapshot.StateCodec;
import dev.tributary.command.snapshot.StateMaps;
import dev.tributary.domains.ledger.command.AccountState.Open;
import dev.tributary.domains.ledger.command.AccountState.Unopened;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An Account's snapshot format, schema 1.
 *
 * <pre>
 * {kind: Unopened}
 * {kind: Open, owner, currency, balance}
 * </pre>
 */
final class AccountStateCodec implements StateCodec<AccountState> {

    static final AccountStateCodec INSTANCE = new AccountStateCodec();

    @Override
    public int schema() {
        return 1;
    }

    @Override
    public Map<String, AttributeValue> encode(AccountState state) {
        return switch (state) {
            case Unopened ignored -> Map.of(KIND, text("Unopened"));
            case Open open -> Map.of(KIND, text("Open"), "owner", text(open.owner()), "currency", text(open.currency()),
                    "balance", number(open.balanceMinor()));
        };
    }

    @Override
    public AccountState decode(Map<String, AttributeValue> encoded) {
        return switch (StateMaps.kind(encoded)) {
            case "Unopened" -> new Unopened();
            case "Open" -> new Open(text(encoded, "owner"), text(encoded, "currency"), number(encoded, "balance"));
            default -> throw StateMaps.unknownKind(StateMaps.kind(encoded));
        };
    }
}
