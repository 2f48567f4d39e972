package dev.tributary.readmodel.projection;

import org.jooq.Query;

/** What an event does to the read model: a row of a set-based {@link Shape}, or a statement of its own. */
public sealed interface Statement {

    /** A statement of its own; it may be built without a {@code DSLContext} ({@code DSL.insertInto(...)}): it runs in the batch's. */
    static Statement alone(Query query) {
        return new Alone(query);
    }

    record Row(Shape shape, Object[] values) implements Statement {
    }

    record Alone(Query query) implements Statement {
    }
}
