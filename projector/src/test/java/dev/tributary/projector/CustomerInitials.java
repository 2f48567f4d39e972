package dev.tributary.projector;

import dev.tributary.domains.shop.events.CustomerEvent.CustomerRegistered;
import dev.tributary.domains.shop.events.CustomerEvent.CustomerRenamed;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.DomainProjection;
import dev.tributary.readmodel.DomainReadModel;
import dev.tributary.readmodel.ReadModelTable;
import dev.tributary.readmodel.projection.EventHandler;
import dev.tributary.readmodel.projection.Statement;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A domain of the tests alone (registered in the test classpath's META-INF/services): one projection,
 * each customer's initial, to add to a read model that already has history. Written with plain jOOQ, as a
 * team's first projection might be.
 */
public final class CustomerInitials implements DomainReadModel {

    static final String NAME = "customer-initials";
    static final Table<?> TABLE = DSL.table(DSL.name("customer_initials"));
    static final Field<UUID> CUSTOMER = DSL.field(DSL.name("customer_id"), UUID.class);
    static final Field<String> INITIAL = DSL.field(DSL.name("initial"), String.class);
    static final Field<Long> VERSION = DSL.field(DSL.name("version"), Long.class);

    @Override
    public String domain() {
        return "initials";
    }

    @Override
    public String migrations() {
        return "classpath:db/initials";
    }

    @Override
    public List<DomainProjection> projections() {
        return List.of(new DomainProjection() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public List<ReadModelTable> tables() {
                return List.of(ReadModelTable.internal(TABLE, List.of(CUSTOMER, INITIAL, VERSION)));
            }

            @Override
            public EventHandler newHandler() {
                return new EventHandler() {
                    @Override
                    public List<Statement> queries(StoredEvent event) {
                        return switch (event.data()) {
                            case CustomerRegistered registered -> List.of(Statement.alone(DSL.insertInto(TABLE, CUSTOMER, INITIAL, VERSION)
                                    .values(registered.customerId(), initial(registered.name()), event.version()).onConflictDoNothing()));
                            case CustomerRenamed renamed -> List.of(Statement.alone(DSL.update(TABLE).set(INITIAL, initial(renamed.name()))
                                    .set(VERSION, event.version()).where(CUSTOMER.eq(renamed.customerId())).and(VERSION.lt(event.version()))));
                            default -> List.of();
                        };
                    }

                    @Override
                    public List<Query> totals(DSLContext sql) {
                        return List.of();
                    }
                };
            }
        });
    }

    private static String initial(String name) {
        return name.isEmpty() ? "" : Character.toString(Character.toUpperCase(name.codePointAt(0)));
    }
}
