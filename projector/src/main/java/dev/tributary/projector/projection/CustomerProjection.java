package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.CUSTOMERS;

import dev.tributary.events.CustomerEvent;
import dev.tributary.events.CustomerEvent.CustomerDeactivated;
import dev.tributary.events.CustomerEvent.CustomerEmailChanged;
import dev.tributary.events.CustomerEvent.CustomerRegistered;
import dev.tributary.events.CustomerEvent.CustomerRenamed;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.jooq.tables.records.CustomersRecord;
import dev.tributary.projector.projection.Statement.Shape;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;

/** The {@code customers} table. Updates apply only to a row older than the event. */
final class CustomerProjection {

    private CustomerProjection() {
    }

    static List<Statement> queries(DSLContext sql, StoredEvent stored, CustomerEvent event) {
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        return switch (event) {
            case CustomerRegistered registered -> List.of(Statement.of(Shape.CUSTOMER_REGISTERED, sql.insertInto(CUSTOMERS)
                    .set(CUSTOMERS.CUSTOMER_ID, registered.customerId())
                    .set(CUSTOMERS.NAME, registered.name())
                    .set(CUSTOMERS.EMAIL, registered.email())
                    .set(CUSTOMERS.REGISTERED_AT, at)
                    .set(CUSTOMERS.UPDATED_AT, at)
                    .set(CUSTOMERS.VERSION, stored.version())
                    .onConflict(CUSTOMERS.CUSTOMER_ID).doNothing()));
            case CustomerRenamed renamed -> update(Shape.CUSTOMER_RENAMED, sql, stored, at, sql.update(CUSTOMERS).set(CUSTOMERS.NAME, renamed.name()));
            case CustomerEmailChanged changed -> update(Shape.CUSTOMER_EMAIL_CHANGED, sql, stored, at, sql.update(CUSTOMERS).set(CUSTOMERS.EMAIL, changed.email()));
            case CustomerDeactivated ignored -> update(Shape.CUSTOMER_DEACTIVATED, sql, stored, at, sql.update(CUSTOMERS).set(CUSTOMERS.STATUS, "deactivated"));
        };
    }

    private static List<Statement> update(Shape shape, DSLContext sql, StoredEvent stored, OffsetDateTime at,
                                          UpdateSetMoreStep<CustomersRecord> change) {
        return List.of(Statement.of(shape, change
                .set(CUSTOMERS.UPDATED_AT, at)
                .set(CUSTOMERS.VERSION, stored.version())
                .where(CUSTOMERS.CUSTOMER_ID.eq(stored.aggregateId().id()))
                .and(CUSTOMERS.VERSION.lt(stored.version()))));
    }
}
