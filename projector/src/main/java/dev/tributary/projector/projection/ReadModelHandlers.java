package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.CUSTOMERS;

import dev.tributary.events.CustomerEvent;
import dev.tributary.events.CustomerEvent.CustomerRegistered;
import dev.tributary.events.StoredEvent;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/** Every event's effect on the read model, by an exhaustive switch over the event types. */
final class ReadModelHandlers implements EventHandler {

    @Override
    public List<Query> queries(DSLContext sql, StoredEvent event) {
        return switch (event.data()) {
            case CustomerEvent customer -> customer(sql, event, customer);
        };
    }

    private static List<Query> customer(DSLContext sql, StoredEvent stored, CustomerEvent event) {
        return switch (event) {
            case CustomerRegistered registered -> List.of(sql.insertInto(CUSTOMERS)
                    .set(CUSTOMERS.CUSTOMER_ID, registered.customerId())
                    .set(CUSTOMERS.NAME, registered.name())
                    .set(CUSTOMERS.EMAIL, registered.email())
                    .set(CUSTOMERS.REGISTERED_AT, stored.occurredAt().atOffset(ZoneOffset.UTC))
                    .set(CUSTOMERS.VERSION, stored.version())
                    .onConflict(CUSTOMERS.CUSTOMER_ID).doNothing());
        };
    }
}
