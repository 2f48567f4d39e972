package dev.tributary.projector.projection;

import static dev.tributary.readmodel.jooq.Tables.PRODUCTS;
import static dev.tributary.readmodel.jooq.Tables.PRODUCT_SHIPMENTS;

import dev.tributary.events.ProductEvent;
import dev.tributary.events.ProductEvent.ProductAdded;
import dev.tributary.events.ProductEvent.ProductDiscontinued;
import dev.tributary.events.ProductEvent.ProductPriceChanged;
import dev.tributary.events.ProductEvent.ProductRestocked;
import dev.tributary.events.ProductEvent.StockReleased;
import dev.tributary.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.jooq.tables.records.ProductsRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.UpdateSetMoreStep;

/** The {@code products} table. Updates apply only to a row older than the event. */
final class ProductProjection {

    private ProductProjection() {
    }

    static List<Query> queries(DSLContext sql, StoredEvent stored, ProductEvent event) {
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        return switch (event) {
            case ProductAdded added -> List.of(sql.insertInto(PRODUCTS)
                    .set(PRODUCTS.PRODUCT_ID, added.productId())
                    .set(PRODUCTS.SKU, added.sku())
                    .set(PRODUCTS.NAME, added.name())
                    .set(PRODUCTS.PRICE_MINOR, added.price().minor())
                    .set(PRODUCTS.CURRENCY, added.price().currency())
                    .set(PRODUCTS.ADDED_AT, at)
                    .set(PRODUCTS.UPDATED_AT, at)
                    .set(PRODUCTS.ON_HAND, alreadyShipped(added))
                    .set(PRODUCTS.RESERVED, alreadyShipped(added))
                    .set(PRODUCTS.VERSION, stored.version())
                    .onConflict(PRODUCTS.PRODUCT_ID).doNothing());
            case ProductPriceChanged changed -> update(sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.PRICE_MINOR, changed.price().minor())
                    .set(PRODUCTS.CURRENCY, changed.price().currency()));
            case ProductRestocked restocked -> update(sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.ON_HAND, PRODUCTS.ON_HAND.plus(restocked.quantity())));
            case StockReserved reserved -> update(sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.plus(reserved.quantity())));
            case StockReleased released -> update(sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.minus(released.quantity())));
            case ProductDiscontinued ignored -> update(sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.STATUS, "discontinued"));
        };
    }

    /** Orders for the product that shipped before it was projected: their units have left its stock. */
    private static Field<Long> alreadyShipped(ProductAdded added) {
        return DSL.coalesce(DSL.field(DSL.select(PRODUCT_SHIPMENTS.UNITS.neg()).from(PRODUCT_SHIPMENTS)
                .where(PRODUCT_SHIPMENTS.PRODUCT_ID.eq(added.productId()))), 0L);
    }

    private static List<Query> update(DSLContext sql, StoredEvent stored, OffsetDateTime at,
                                      UpdateSetMoreStep<ProductsRecord> change) {
        return List.of(change
                .set(PRODUCTS.UPDATED_AT, at)
                .set(PRODUCTS.VERSION, stored.version())
                .where(PRODUCTS.PRODUCT_ID.eq(stored.aggregateId().id()))
                .and(PRODUCTS.VERSION.lt(stored.version())));
    }
}
