package dev.tributary.domains.shop.query.customer;

import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMERS;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

@Singleton
final class JooqCustomerReads {

    private final DSLContext sql;

    JooqCustomerReads(DSLContext sql) {
        this.sql = sql;
    }

    Optional<CustomerView> byId(UUID id) {
        return sql.selectFrom(CUSTOMERS)
                .where(CUSTOMERS.CUSTOMER_ID.eq(id))
                .fetchOptional(r -> new CustomerView(r.getCustomerId(), r.getName(), r.getEmail(),
                        r.getRegisteredAt().toInstant(), r.getVersion()));
    }
}
