package dev.tributary.events;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one aggregate. Its DynamoDB partition key is {@code <type>#<id>}, for example
 * {@code Customer#0b6c...}. Parsing accepts only the aggregate types a domain registered.
 */
public record AggregateId(AggregateType type, UUID id) {

    public AggregateId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public String pk() {
        return type.name() + "#" + id;
    }

    /** Parses a partition key; throws {@link IllegalArgumentException} when it is not one. */
    public static AggregateId parse(String pk) {
        int hash = pk.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("not an aggregate key: " + pk);
        }
        return new AggregateId(AggregateType.named(pk.substring(0, hash)), UUID.fromString(pk.substring(hash + 1)));
    }

    @Override
    public String toString() {
        return pk();
    }
}
