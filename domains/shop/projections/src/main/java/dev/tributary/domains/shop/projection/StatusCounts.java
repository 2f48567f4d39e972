package dev.tributary.domains.shop.projection;

import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_ORDER_STATUS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_STATUS_HISTORY;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Keeps {@code daily_order_status}: per UTC day of placement, how many orders are in each status. Over
 * a batch an order moves at most once, from where it was before the batch to where it is after, however
 * many of its events the batch holds; one upsert per batch counts each of its orders out of the first
 * (read from {@code order_status_history} at the version before its first event in the batch; an order
 * placed in the batch was nowhere) and into the second (read from {@code orders}), in key order, so
 * two shards' batches take the rows they share in the same order. Rows left at zero
 * are deleted, so the table does not depend on how events were batched. It runs after the batch's
 * other statements. One instance per batch.
 */
final class StatusCounts {

    private final Set<UUID> placed;
    private final Map<UUID, Long> changedFrom = new LinkedHashMap<>();

    /** @param placed the orders the batch places, as its {@link SalesProjection} records them */
    StatusCounts(Set<UUID> placed) {
        this.placed = placed;
    }

    /** A status event at {@code version} of an order; the first of the batch tells where the order was. */
    void changed(UUID order, long version) {
        if (!placed.contains(order)) {
            changedFrom.merge(order, version - 1, Math::min);
        }
    }

    boolean isEmpty() {
        return placed.isEmpty() && changedFrom.isEmpty();
    }

    /** The upsert, then the deletion of the rows it left at zero. */
    List<Query> queries(DSLContext sql) {
        return List.of(upsert(sql), sql.deleteFrom(DAILY_ORDER_STATUS).where(DAILY_ORDER_STATUS.ORDERS.eq(0L)));
    }

    private Query upsert(DSLContext sql) {
        var touched = new LinkedHashSet<>(placed);
        touched.addAll(changedFrom.keySet());
        var o = ORDERS.as("o");
        var h = ORDER_STATUS_HISTORY.as("h");
        var now = DSL.select(SalesCancellations.utcDay(o).as("day"), o.STATUS.as("status"), DSL.inline(1L).as("orders"))
                .from(DSL.unnest(DSL.val(touched.toArray(UUID[]::new), SQLDataType.UUID.array())).as("t", "order_id"))
                .join(o).on(o.ORDER_ID.eq(DSL.field(DSL.name("t", "order_id"), UUID.class)));
        var before = DSL.select(SalesCancellations.utcDay(o), h.STATUS, DSL.inline(-1L))
                .from(DSL.table("unnest({0}, {1})",
                                DSL.val(changedFrom.keySet().toArray(UUID[]::new), SQLDataType.UUID.array()),
                                DSL.val(changedFrom.values().toArray(Long[]::new), SQLDataType.BIGINT.array()))
                        .as("c", "order_id", "version"))
                .join(o).on(o.ORDER_ID.eq(DSL.field(DSL.name("c", "order_id"), UUID.class)))
                .join(h).on(h.ORDER_ID.eq(o.ORDER_ID)).and(h.VERSION.eq(DSL.field(DSL.name("c", "version"), Long.class)));
        var moves = now.unionAll(before).asTable("m");
        var day = moves.field("day", LocalDate.class);
        var status = moves.field("status", String.class);
        return sql.insertInto(DAILY_ORDER_STATUS, DAILY_ORDER_STATUS.DAY, DAILY_ORDER_STATUS.STATUS, DAILY_ORDER_STATUS.ORDERS)
                .select(DSL.select(day, status, DSL.sum(moves.field("orders", Long.class)).cast(SQLDataType.BIGINT))
                        .from(moves)
                        .groupBy(day, status)
                        .orderBy(day, status))
                .onConflict(DAILY_ORDER_STATUS.DAY, DAILY_ORDER_STATUS.STATUS).doUpdate()
                .set(DAILY_ORDER_STATUS.ORDERS, DAILY_ORDER_STATUS.ORDERS.plus(DSL.excluded(DAILY_ORDER_STATUS.ORDERS)));
    }
}
