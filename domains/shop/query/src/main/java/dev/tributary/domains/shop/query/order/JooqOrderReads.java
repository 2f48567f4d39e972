package dev.tributary.domains.shop.query.order;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_STATUS_HISTORY;

import dev.tributary.query.paging.Cursor;
import dev.tributary.query.paging.Page;
import dev.tributary.domains.shop.projection.jooq.tables.records.OrdersRecord;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

@Singleton
final class JooqOrderReads {

    private final DSLContext sql;

    JooqOrderReads(DSLContext sql) {
        this.sql = sql;
    }

    Optional<OrderView> byId(UUID id) {
        return sql.selectFrom(ORDERS).where(ORDERS.ORDER_ID.eq(id)).fetchOptional().map(order -> {
            var lines = sql.selectFrom(ORDER_LINES).where(ORDER_LINES.ORDER_ID.eq(id)).orderBy(ORDER_LINES.LINE_NO)
                    .fetch(l -> new OrderView.Line(l.getLineNo(), l.getProductId(), l.getQuantity(),
                            new OrderView.Amount(l.getUnitPriceMinor(), order.getCurrency())));
            var history = sql.selectFrom(ORDER_STATUS_HISTORY).where(ORDER_STATUS_HISTORY.ORDER_ID.eq(id))
                    .orderBy(ORDER_STATUS_HISTORY.VERSION)
                    .fetch(h -> new OrderView.StatusChange(h.getStatus(), h.getAt().toInstant(), h.getVersion()));
            return view(order, lines, history);
        });
    }

    /** Newest first, by keyset on {@code (placed_at, order_id)}, served by {@code orders_customer_idx}. */
    Page<OrderView> ofCustomer(UUID customer, List<String> statuses, OffsetDateTime from, OffsetDateTime to,
                               Cursor after, int limit) {
        Condition where = ORDERS.CUSTOMER_ID.eq(customer);
        if (!statuses.isEmpty()) {
            where = where.and(ORDERS.STATUS.in(statuses));
        }
        if (from != null) {
            where = where.and(ORDERS.PLACED_AT.ge(from));
        }
        if (to != null) {
            where = where.and(ORDERS.PLACED_AT.lt(to));
        }
        if (after != null) {
            where = where.and(DSL.row(ORDERS.PLACED_AT, ORDERS.ORDER_ID).lt(after.keyAsTime(), after.id()));
        }
        var rows = sql.selectFrom(ORDERS).where(where)
                .orderBy(ORDERS.PLACED_AT.desc(), ORDERS.ORDER_ID.desc())
                .limit(limit + 1)
                .fetch();
        var items = rows.stream().limit(limit).map(o -> view(o, null, null)).toList();
        String next = rows.size() > limit
                ? Cursor.after(rows.get(limit - 1).getPlacedAt(), rows.get(limit - 1).getOrderId()).encode() : null;
        return new Page<>(items, next);
    }

    private static OrderView view(OrdersRecord o, List<OrderView.Line> lines, List<OrderView.StatusChange> history) {
        return new OrderView(o.getOrderId(), o.getCustomerId(), o.getStatus(), new OrderView.Amount(o.getTotalMinor(), o.getCurrency()),
                o.getPlacedAt().toInstant(), o.getUpdatedAt().toInstant(), o.getVersion(), lines, history);
    }
}
