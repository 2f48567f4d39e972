package dev.tributary.domains.shop.projection;

import dev.tributary.readmodel.projection.Shape;
import dev.tributary.readmodel.projection.Statement;
import dev.tributary.readmodel.projection.VersionedUpdate;

import static dev.tributary.readmodel.projection.Shape.AT;
import static dev.tributary.readmodel.projection.Shape.VERSION;
import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMERS;

import dev.tributary.domains.shop.events.CustomerEvent;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerDeactivated;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerEmailChanged;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.projection.Shape.Column;
import dev.tributary.readmodel.projection.Shape.Rows;
import dev.tributary.domains.shop.projection.jooq.tables.records.CustomersRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code customers} table. Updates apply only to a row older than the event. */
final class CustomerProjection {

    private static final Column<UUID> CUSTOMER = new Column<>("customer_id", SQLDataType.UUID);
    private static final Column<String> NAME = new Column<>("name", SQLDataType.CLOB);
    private static final Column<String> EMAIL = new Column<>("email", SQLDataType.CLOB);

    private static final VersionedUpdate<CustomersRecord> UPDATE = new VersionedUpdate<>(CUSTOMERS, CUSTOMERS.CUSTOMER_ID, CUSTOMERS.UPDATED_AT, CUSTOMERS.VERSION);

    private static final Shape REGISTERED = Shape.of("customer registered", List.of(CUSTOMER, NAME, EMAIL, AT, VERSION),
            (db, v) -> db.insertInto(CUSTOMERS, CUSTOMERS.CUSTOMER_ID, CUSTOMERS.NAME, CUSTOMERS.EMAIL, CUSTOMERS.REGISTERED_AT,
                            CUSTOMERS.UPDATED_AT, CUSTOMERS.VERSION)
                    .select(DSL.select(v.get(CUSTOMER), v.get(NAME), v.get(EMAIL), v.get(AT), v.get(AT), v.get(VERSION)).from(v.table()))
                    .onConflict(CUSTOMERS.CUSTOMER_ID).doNothing());
    private static final Shape RENAMED = UPDATE.shape("customer renamed", List.of(NAME),
            (update, v) -> update.set(CUSTOMERS.NAME, v.get(NAME)));
    private static final Shape EMAIL_CHANGED = UPDATE.shape("customer email changed", List.of(EMAIL),
            (update, v) -> update.set(CUSTOMERS.EMAIL, v.get(EMAIL)));
    private static final Shape DEACTIVATED = UPDATE.shape("customer deactivated", List.of(),
            (update, v) -> update.set(CUSTOMERS.STATUS, "deactivated"));

    private CustomerProjection() {
    }

    static List<Statement> queries(StoredEvent stored, CustomerEvent event) {
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        UUID id = stored.aggregateId().id();
        long version = stored.version();
        return List.of(switch (event) {
            case CustomerRegistered registered -> REGISTERED.row(registered.customerId(), registered.name(), registered.email(), at, version);
            case CustomerRenamed renamed -> RENAMED.row(id, at, version, renamed.name());
            case CustomerEmailChanged changed -> EMAIL_CHANGED.row(id, at, version, changed.email());
            case CustomerDeactivated ignored -> DEACTIVATED.row(id, at, version);
        });
    }
}
