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
import dev.tributary.projector.projection.Statement.Shape;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.UpdateSetMoreStep;

/** The {@code products} table. Updates apply only to a row older than the event. */
final class ProductProjection {

    private ProductProjection() {
    }

    static List<Statement> queries(DSLContext sql, StoredEvent stored, ProductEvent event) {
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        return switch (event) {
            case ProductAdded added -> List.of(Statement.of(Shape.PRODUCT_ADDED, sql.insertInto(PRODUCTS)
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
                    .onConflict(PRODUCTS.PRODUCT_ID).doNothing()));
            case ProductPriceChanged changed -> update(Shape.PRODUCT_PRICE_CHANGED, sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.PRICE_MINOR, changed.price().minor())
                    .set(PRODUCTS.CURRENCY, changed.price().currency()));
            case ProductRestocked restocked -> update(Shape.PRODUCT_RESTOCKED, sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.ON_HAND, PRODUCTS.ON_HAND.plus(restocked.quantity())));
            case StockReserved reserved -> update(Shape.STOCK_RESERVED, sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.plus(reserved.quantity())));
            case StockReleased released -> update(Shape.STOCK_RELEASED, sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.minus(released.quantity())));
            case ProductDiscontinued ignored -> update(Shape.PRODUCT_DISCONTINUED, sql, stored, at, sql.update(PRODUCTS)
                    .set(PRODUCTS.STATUS, "discontinued"));
        };
    }

    /** Orders for the product that shipped before it was projected: their units have left its stock. */
    private static Field<Long> alreadyShipped(ProductAdded added) {
        return DSL.coalesce(DSL.field(DSL.select(PRODUCT_SHIPMENTS.UNITS.neg()).from(PRODUCT_SHIPMENTS)
                .where(PRODUCT_SHIPMENTS.PRODUCT_ID.eq(added.productId()))), 0L);
    }

    private static List<Statement> update(Shape shape, DSLContext sql, StoredEvent stored, OffsetDateTime at,
                                          UpdateSetMoreStep<ProductsRecord> change) {
        return List.of(Statement.of(shape, change
                .set(PRODUCTS.UPDATED_AT, at)
                .set(PRODUCTS.VERSION, stored.version())
                .where(PRODUCTS.PRODUCT_ID.eq(stored.aggregateId().id()))
                .and(PRODUCTS.VERSION.lt(stored.version()))));
    }
}
