package dev.tributary.domains.shop.command.customer;

import static dev.tributary.command.snapshot.StateMaps.KIND;
import static dev.tributary.command.snapshot.StateMaps.text;

import dev.tributary.domains.shop.command.customer.CustomerState.Active;
import dev.tributary.domains.shop.command.customer.CustomerState.Deactivated;
import dev.tributary.domains.shop.command.customer.CustomerState.Unregistered;
import dev.tributary.command.snapshot.StateCodec;
import dev.tributary.command.snapshot.StateMaps;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Customer's snapshot format, schema 1.
 *
 * <pre>
 * {kind: Unregistered}
 * {kind: Active, name, email}
 * {kind: Deactivated}
 * </pre>
 */
final class CustomerStateCodec implements StateCodec<CustomerState> {

    static final CustomerStateCodec INSTANCE = new CustomerStateCodec();

    @Override
    public int schema() {
        return 1;
    }

    @Override
    public Map<String, AttributeValue> encode(CustomerState state) {
        return switch (state) {
            case Unregistered ignored -> Map.of(KIND, text("Unregistered"));
            case Active a -> Map.of(KIND, text("Active"), "name", text(a.name()), "email", text(a.email()));
            case Deactivated ignored -> Map.of(KIND, text("Deactivated"));
        };
    }

    @Override
    public CustomerState decode(Map<String, AttributeValue> encoded) {
        return switch (StateMaps.kind(encoded)) {
            case "Unregistered" -> new Unregistered();
            case "Active" -> new Active(text(encoded, "name"), text(encoded, "email"));
            case "Deactivated" -> new Deactivated();
            default -> throw StateMaps.unknownKind(StateMaps.kind(encoded));
        };
    }
}
