package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.ORDERS;
import static dev.tributary.readmodel.jooq.Tables.ORDER_LINES;
import static dev.tributary.readmodel.jooq.Tables.ORDER_STATUS_HISTORY;
import static dev.tributary.readmodel.jooq.Tables.PRODUCTS;
import static dev.tributary.readmodel.jooq.Tables.PRODUCT_SHIPMENTS;

import dev.tributary.events.OrderEvent;
import dev.tributary.events.OrderEvent.OrderCancelled;
import dev.tributary.events.OrderEvent.OrderDelivered;
import dev.tributary.events.OrderEvent.OrderLine;
import dev.tributary.events.OrderEvent.OrderPaid;
import dev.tributary.events.OrderEvent.OrderPlaced;
import dev.tributary.events.OrderEvent.OrderShipped;
import dev.tributary.events.StoredEvent;
import dev.tributary.projector.projection.Statement.Shape;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code orders}, {@code order_lines} and {@code order_status_history} tables, and through
 * {@link SalesProjection} the summaries, which it writes once per batch. Shipping also takes the shipped units out of their
 * products' stock: off the shelf, and no longer reserved.
 */
final class OrderProjection {

    private OrderProjection() {
    }

    static List<Statement> queries(DSLContext sql, StoredEvent stored, OrderEvent event, SalesProjection sales) {
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        return switch (event) {
            case OrderPlaced placed -> {
                sales.placed(placed, at);
                yield placed(sql, stored, placed, at);
            }
            case OrderPaid ignored -> status(sql, stored, "paid", at);
            case OrderShipped ignored -> {
                var queries = new ArrayList<>(status(sql, stored, "shipped", at));
                queries.addAll(shipped(sql, stored));
                yield queries;
            }
            case OrderDelivered ignored -> status(sql, stored, "delivered", at);
            case OrderCancelled ignored -> {
                sales.cancelled(stored.aggregateId().id());
                yield status(sql, stored, "cancelled", at);
            }
        };
    }

    private static List<Statement> placed(DSLContext sql, StoredEvent stored, OrderPlaced placed, OffsetDateTime at) {
        var queries = new ArrayList<Statement>();
        queries.add(Statement.of(Shape.ORDER_INSERTED, sql.insertInto(ORDERS)
                .set(ORDERS.ORDER_ID, placed.orderId())
                .set(ORDERS.CUSTOMER_ID, placed.customerId())
                .set(ORDERS.STATUS, "placed")
                .set(ORDERS.TOTAL_MINOR, placed.total().minor())
                .set(ORDERS.CURRENCY, placed.total().currency())
                .set(ORDERS.PLACED_AT, at)
                .set(ORDERS.UPDATED_AT, at)
                .set(ORDERS.VERSION, stored.version())
                .onConflict(ORDERS.ORDER_ID).doNothing()));
        int lineNo = 0;
        for (OrderLine line : placed.lines()) {
            queries.add(Statement.of(Shape.ORDER_LINE_INSERTED, sql.insertInto(ORDER_LINES, ORDER_LINES.ORDER_ID, ORDER_LINES.LINE_NO, ORDER_LINES.PRODUCT_ID,
                            ORDER_LINES.QUANTITY, ORDER_LINES.UNIT_PRICE_MINOR)
                    .values(placed.orderId(), ++lineNo, line.productId(), line.quantity(), line.unitPrice().minor())
                    .onConflictDoNothing()));
        }
        queries.add(history(sql, stored, "placed", at));
        return queries;
    }

    /**
     * Shipped units leave the shelf and are no longer reserved. They are also counted in
     * {@code product_shipments}, so a product projected after the order starts from them.
     */
    private static List<Statement> shipped(DSLContext sql, StoredEvent stored) {
        var lines = DSL.select(ORDER_LINES.PRODUCT_ID, DSL.sum(ORDER_LINES.QUANTITY).cast(Long.class).as("units"))
                .from(ORDER_LINES)
                .where(ORDER_LINES.ORDER_ID.eq(stored.aggregateId().id()))
                .groupBy(ORDER_LINES.PRODUCT_ID)
                .asTable("shipped");
        var product = lines.field(ORDER_LINES.PRODUCT_ID);
        var units = lines.field("units", Long.class);
        return List.of(
                Statement.of(Shape.SHIPPED_STOCK_TAKEN, sql.update(PRODUCTS)
                        .set(PRODUCTS.ON_HAND, PRODUCTS.ON_HAND.minus(units))
                        .set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.minus(units))
                        .from(lines)
                        .where(PRODUCTS.PRODUCT_ID.eq(product))),
                Statement.of(Shape.SHIPPED_UNITS_COUNTED, sql.insertInto(PRODUCT_SHIPMENTS, PRODUCT_SHIPMENTS.PRODUCT_ID, PRODUCT_SHIPMENTS.UNITS)
                        .select(DSL.select(product, units).from(lines))
                        .onConflict(PRODUCT_SHIPMENTS.PRODUCT_ID).doUpdate()
                        .set(PRODUCT_SHIPMENTS.UNITS, PRODUCT_SHIPMENTS.UNITS.plus(DSL.excluded(PRODUCT_SHIPMENTS.UNITS)))));
    }

    private static List<Statement> status(DSLContext sql, StoredEvent stored, String status, OffsetDateTime at) {
        return List.of(
                Statement.of(Shape.ORDER_STATUS_CHANGED, sql.update(ORDERS)
                        .set(ORDERS.STATUS, status)
                        .set(ORDERS.UPDATED_AT, at)
                        .set(ORDERS.VERSION, stored.version())
                        .where(ORDERS.ORDER_ID.eq(stored.aggregateId().id()))
                        .and(ORDERS.VERSION.lt(stored.version()))),
                history(sql, stored, status, at));
    }

    private static Statement history(DSLContext sql, StoredEvent stored, String status, OffsetDateTime at) {
        return Statement.of(Shape.ORDER_HISTORY_INSERTED, sql.insertInto(ORDER_STATUS_HISTORY)
                .set(ORDER_STATUS_HISTORY.ORDER_ID, stored.aggregateId().id())
                .set(ORDER_STATUS_HISTORY.VERSION, stored.version())
                .set(ORDER_STATUS_HISTORY.STATUS, status)
                .set(ORDER_STATUS_HISTORY.AT, at)
                .onConflictDoNothing());
    }
}
