package dev.tributary.domains.shop.query.product;

import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCTS;

import dev.tributary.query.paging.Cursor;
import dev.tributary.query.paging.Page;
import jakarta.inject.Singleton;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

@Singleton
final class JooqProductReads {

    private final DSLContext sql;

    JooqProductReads(DSLContext sql) {
        this.sql = sql;
    }

    /**
     * Products by name, then id (keyset).
     *
     * @param text     matched, case-insensitively and as a substring, against name or sku; null for all
     * @param lowStock when set, only listed products with at most this many units available
     */
    Page<ProductView> search(String text, Long lowStock, Cursor after, int limit) {
        Condition where = DSL.noCondition();
        if (text != null && !text.isBlank()) {
            String pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where = where.and(PRODUCTS.NAME.likeIgnoreCase(pattern, '\\').or(PRODUCTS.SKU.likeIgnoreCase(pattern, '\\')));
        }
        if (lowStock != null) {
            where = where.and(PRODUCTS.STATUS.eq("listed")).and(PRODUCTS.ON_HAND.minus(PRODUCTS.RESERVED).le(lowStock));
        }
        if (after != null) {
            where = where.and(DSL.row(PRODUCTS.NAME, PRODUCTS.PRODUCT_ID).gt(after.key(), after.id()));
        }
        var rows = sql.selectFrom(PRODUCTS).where(where)
                .orderBy(PRODUCTS.NAME, PRODUCTS.PRODUCT_ID)
                .limit(limit + 1)
                .fetch();
        var items = rows.stream().limit(limit).map(p -> new ProductView(p.getProductId(), p.getSku(), p.getName(),
                new ProductView.Price(p.getPriceMinor(), p.getCurrency()), p.getOnHand(), p.getReserved(),
                p.getOnHand() - p.getReserved(), p.getStatus(), p.getCategory(), p.getVersion())).toList();
        String next = rows.size() > limit
                ? Cursor.after(rows.get(limit - 1).getName(), rows.get(limit - 1).getProductId()).encode() : null;
        return new Page<>(items, next);
    }
}
