package dev.tributary.domains.shop.projection;

import dev.tributary.readmodel.projection.Shape;
import dev.tributary.readmodel.projection.Statement;
import dev.tributary.readmodel.projection.VersionedUpdate;

import static dev.tributary.readmodel.projection.Shape.AT;
import static dev.tributary.readmodel.projection.Shape.VERSION;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_STATUS_HISTORY;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCTS;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_SHIPMENTS;

import dev.tributary.domains.shop.events.OrderEvent;
import dev.tributary.domains.shop.events.OrderEvent.OrderCancelled;
import dev.tributary.domains.shop.events.OrderEvent.OrderDelivered;
import dev.tributary.domains.shop.events.OrderEvent.OrderLine;
import dev.tributary.domains.shop.events.OrderEvent.OrderPaid;
import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.projection.Shape.Column;
import dev.tributary.readmodel.projection.Shape.Rows;
import dev.tributary.domains.shop.projection.jooq.tables.records.OrdersRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The {@code orders}, {@code order_lines} and {@code order_status_history} tables, and through
 * {@link SalesProjection} the summaries, which it writes once per batch. Shipping also takes the
 * shipped units out of their products' stock: off the shelf, and no longer reserved.
 */
final class OrderProjection {

    private static final Column<UUID> ORDER = new Column<>("order_id", SQLDataType.UUID);
    private static final Column<UUID> CUSTOMER = new Column<>("customer_id", SQLDataType.UUID);
    private static final Column<Long> TOTAL = new Column<>("total_minor", SQLDataType.BIGINT);
    private static final Column<String> CURRENCY = new Column<>("currency", SQLDataType.CLOB);
    private static final Column<Integer> LINE_NO = new Column<>("line_no", SQLDataType.INTEGER);
    private static final Column<UUID> PRODUCT = new Column<>("product_id", SQLDataType.UUID);
    private static final Column<Long> QUANTITY = new Column<>("quantity", SQLDataType.BIGINT);
    private static final Column<Long> UNIT_PRICE = new Column<>("unit_price_minor", SQLDataType.BIGINT);
    private static final Column<String> STATUS = new Column<>("status", SQLDataType.CLOB);

    private static final VersionedUpdate<OrdersRecord> UPDATE = new VersionedUpdate<>(ORDERS, ORDERS.ORDER_ID, ORDERS.UPDATED_AT, ORDERS.VERSION);

    private static final Shape PLACED = Shape.of("order placed", List.of(ORDER, CUSTOMER, TOTAL, CURRENCY, AT, VERSION),
            (db, v) -> db.insertInto(ORDERS, ORDERS.ORDER_ID, ORDERS.CUSTOMER_ID, ORDERS.STATUS, ORDERS.TOTAL_MINOR, ORDERS.CURRENCY,
                            ORDERS.PLACED_AT, ORDERS.UPDATED_AT, ORDERS.VERSION)
                    .select(DSL.select(v.get(ORDER), v.get(CUSTOMER), DSL.val("placed"), v.get(TOTAL), v.get(CURRENCY), v.get(AT),
                            v.get(AT), v.get(VERSION)).from(v.table()))
                    .onConflict(ORDERS.ORDER_ID).doNothing());
    private static final Shape LINE_ADDED = Shape.of("order line added", List.of(ORDER, LINE_NO, PRODUCT, QUANTITY, UNIT_PRICE),
            (db, v) -> db.insertInto(ORDER_LINES, ORDER_LINES.ORDER_ID, ORDER_LINES.LINE_NO, ORDER_LINES.PRODUCT_ID,
                            ORDER_LINES.QUANTITY, ORDER_LINES.UNIT_PRICE_MINOR)
                    .select(DSL.select(v.get(ORDER), v.get(LINE_NO), v.get(PRODUCT), v.get(QUANTITY), v.get(UNIT_PRICE)).from(v.table()))
                    .onConflictDoNothing());
    private static final Shape STATUS_CHANGED = UPDATE.shape("order status changed", List.of(STATUS),
            (update, v) -> update.set(ORDERS.STATUS, v.get(STATUS)));
    private static final Shape HISTORY = Shape.of("order status history", List.of(ORDER, VERSION, STATUS, AT),
            (db, v) -> db.insertInto(ORDER_STATUS_HISTORY, ORDER_STATUS_HISTORY.ORDER_ID, ORDER_STATUS_HISTORY.VERSION,
                            ORDER_STATUS_HISTORY.STATUS, ORDER_STATUS_HISTORY.AT)
                    .select(DSL.select(v.get(ORDER), v.get(VERSION), v.get(STATUS), v.get(AT)).from(v.table()))
                    .onConflictDoNothing());
    private static final Shape SHIPPED_STOCK_TAKEN = Shape.of("shipped stock taken", List.of(ORDER), (db, v) -> {
        var shipped = shippedUnits(v);
        var units = shipped.field("units", Long.class);
        return db.update(PRODUCTS)
                .set(PRODUCTS.ON_HAND, PRODUCTS.ON_HAND.minus(units))
                .set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.minus(units))
                .from(shipped)
                .where(PRODUCTS.PRODUCT_ID.eq(shipped.field(ORDER_LINES.PRODUCT_ID)));
    });
    private static final Shape SHIPPED_UNITS_COUNTED = Shape.of("shipped units counted", List.of(ORDER), (db, v) -> {
        var shipped = shippedUnits(v);
        return db.insertInto(PRODUCT_SHIPMENTS, PRODUCT_SHIPMENTS.PRODUCT_ID, PRODUCT_SHIPMENTS.UNITS)
                .select(DSL.select(shipped.field(ORDER_LINES.PRODUCT_ID), shipped.field("units", Long.class)).from(shipped))
                .onConflict(PRODUCT_SHIPMENTS.PRODUCT_ID).doUpdate()
                .set(PRODUCT_SHIPMENTS.UNITS, PRODUCT_SHIPMENTS.UNITS.plus(DSL.excluded(PRODUCT_SHIPMENTS.UNITS)));
    });

    private OrderProjection() {
    }

    static List<Statement> queries(StoredEvent stored, OrderEvent event, SalesProjection sales) {
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        return switch (event) {
            case OrderPlaced placed -> {
                sales.placed(placed, at);
                yield placed(stored, placed, at);
            }
            case OrderPaid ignored -> status(stored, "paid", at, sales);
            case OrderShipped ignored -> {
                var statements = new ArrayList<>(status(stored, "shipped", at, sales));
                statements.add(SHIPPED_STOCK_TAKEN.row(stored.aggregateId().id()));
                statements.add(SHIPPED_UNITS_COUNTED.row(stored.aggregateId().id()));
                yield statements;
            }
            case OrderDelivered ignored -> status(stored, "delivered", at, sales);
            case OrderCancelled ignored -> {
                sales.cancelled(stored.aggregateId().id());
                yield status(stored, "cancelled", at, sales);
            }
        };
    }

    private static List<Statement> placed(StoredEvent stored, OrderPlaced placed, OffsetDateTime at) {
        var statements = new ArrayList<Statement>(placed.lines().size() + 2);
        statements.add(PLACED.row(placed.orderId(), placed.customerId(), placed.total().minor(), placed.total().currency(), at,
                stored.version()));
        int lineNo = 0;
        for (OrderLine line : placed.lines()) {
            statements.add(LINE_ADDED.row(placed.orderId(), ++lineNo, line.productId(), line.quantity(), line.unitPrice().minor()));
        }
        statements.add(HISTORY.row(placed.orderId(), stored.version(), "placed", at));
        return statements;
    }

    private static List<Statement> status(StoredEvent stored, String status, OffsetDateTime at, SalesProjection sales) {
        UUID id = stored.aggregateId().id();
        sales.statusChanged(id, stored.version());
        return List.of(STATUS_CHANGED.row(id, at, stored.version(), status), HISTORY.row(id, stored.version(), status, at));
    }

    /**
     * The units the rows' orders shipped, summed per product across them, so a product is changed once
     * however many of the orders list it. Shipped units are also counted in {@code product_shipments},
     * so a product projected after the order starts from them.
     */
    private static Table<?> shippedUnits(Rows v) {
        return DSL.select(ORDER_LINES.PRODUCT_ID, DSL.sum(ORDER_LINES.QUANTITY).cast(Long.class).as("units"))
                .from(v.table())
                .join(ORDER_LINES).on(ORDER_LINES.ORDER_ID.eq(v.get(ORDER)))
                .groupBy(ORDER_LINES.PRODUCT_ID)
                .asTable("shipped");
    }
}
