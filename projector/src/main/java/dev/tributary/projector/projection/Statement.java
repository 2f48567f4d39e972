package dev.tributary.projector.projection;

import org.jooq.Query;

/**
 * A read-model statement, and the shape it has: which handler statement it is. Every statement of
 * one shape renders to the same SQL and differs only in its bind values, so a batch renders each
 * shape once and binds the rest ({@link WritePlan}). A statement without a shape is rendered alone.
 * With assertions on (as in every test run), each statement is also rendered and checked against its
 * shape's SQL, so a shape whose SQL varied would fail the tests instead of running the wrong statement.
 */
record Statement(Shape shape, Query query) {

    static Statement of(Shape shape, Query query) {
        return new Statement(shape, query);
    }

    static Statement alone(Query query) {
        return new Statement(null, query);
    }

    /** One per statement a handler writes for an event. */
    enum Shape {
        CUSTOMER_REGISTERED, CUSTOMER_RENAMED, CUSTOMER_EMAIL_CHANGED, CUSTOMER_DEACTIVATED,
        PRODUCT_ADDED, PRODUCT_PRICE_CHANGED, PRODUCT_RESTOCKED, STOCK_RESERVED, STOCK_RELEASED, PRODUCT_DISCONTINUED,
        ORDER_INSERTED, ORDER_LINE_INSERTED, ORDER_STATUS_CHANGED, ORDER_HISTORY_INSERTED, SHIPPED_STOCK_TAKEN,
        SHIPPED_UNITS_COUNTED
    }
}
