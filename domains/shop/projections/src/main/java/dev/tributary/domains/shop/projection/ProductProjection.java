package dev.tributary.domains.shop.projection;

import dev.tributary.readmodel.projection.Shape;
import dev.tributary.readmodel.projection.Statement;
import dev.tributary.readmodel.projection.VersionedUpdate;

import static dev.tributary.readmodel.projection.Shape.AT;
import static dev.tributary.readmodel.projection.Shape.VERSION;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCTS;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_SHIPMENTS;

import dev.tributary.domains.shop.events.ProductEvent;
import dev.tributary.domains.shop.events.ProductEvent.ProductAdded;
import dev.tributary.domains.shop.events.ProductEvent.ProductCategoryChanged;
import dev.tributary.domains.shop.events.ProductEvent.ProductDiscontinued;
import dev.tributary.domains.shop.events.ProductEvent.ProductPriceChanged;
import dev.tributary.domains.shop.events.ProductEvent.ProductRestocked;
import dev.tributary.domains.shop.events.ProductEvent.StockReleased;
import dev.tributary.domains.shop.events.ProductEvent.StockReserved;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.projection.Shape.Column;
import dev.tributary.readmodel.projection.Shape.Rows;
import dev.tributary.domains.shop.projection.jooq.tables.records.ProductsRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code products} table. Updates apply only to a row older than the event. */
final class ProductProjection {

    private static final Column<UUID> PRODUCT = new Column<>("product_id", SQLDataType.UUID);
    private static final Column<String> SKU = new Column<>("sku", SQLDataType.CLOB);
    private static final Column<String> NAME = new Column<>("name", SQLDataType.CLOB);
    private static final Column<Long> PRICE = new Column<>("price_minor", SQLDataType.BIGINT);
    private static final Column<String> CURRENCY = new Column<>("currency", SQLDataType.CLOB);
    private static final Column<Long> QUANTITY = new Column<>("quantity", SQLDataType.BIGINT);
    private static final Column<String> CATEGORY = new Column<>("category", SQLDataType.CLOB);

    private static final VersionedUpdate<ProductsRecord> UPDATE = new VersionedUpdate<>(PRODUCTS, PRODUCTS.PRODUCT_ID, PRODUCTS.UPDATED_AT, PRODUCTS.VERSION);

    private static final Shape ADDED = Shape.of("product added", List.of(PRODUCT, SKU, NAME, PRICE, CURRENCY, CATEGORY, AT, VERSION),
            (db, v) -> db.insertInto(PRODUCTS, PRODUCTS.PRODUCT_ID, PRODUCTS.SKU, PRODUCTS.NAME, PRODUCTS.PRICE_MINOR,
                            PRODUCTS.CURRENCY, PRODUCTS.CATEGORY, PRODUCTS.ADDED_AT, PRODUCTS.UPDATED_AT, PRODUCTS.ON_HAND, PRODUCTS.RESERVED,
                            PRODUCTS.VERSION)
                    .select(DSL.select(v.get(PRODUCT), v.get(SKU), v.get(NAME), v.get(PRICE), v.get(CURRENCY), v.get(CATEGORY), v.get(AT),
                            v.get(AT), alreadyShipped(v), alreadyShipped(v), v.get(VERSION)).from(v.table()))
                    .onConflict(PRODUCTS.PRODUCT_ID).doNothing());
    private static final Shape PRICE_CHANGED = UPDATE.shape("product price changed", List.of(PRICE, CURRENCY),
            (update, v) -> update.set(PRODUCTS.PRICE_MINOR, v.get(PRICE)).set(PRODUCTS.CURRENCY, v.get(CURRENCY)));
    private static final Shape CATEGORY_CHANGED = UPDATE.shape("product category changed", List.of(CATEGORY),
            (update, v) -> update.set(PRODUCTS.CATEGORY, v.get(CATEGORY)));
    private static final Shape RESTOCKED = UPDATE.shape("product restocked", List.of(QUANTITY),
            (update, v) -> update.set(PRODUCTS.ON_HAND, PRODUCTS.ON_HAND.plus(v.get(QUANTITY))));
    private static final Shape RESERVED = UPDATE.shape("stock reserved", List.of(QUANTITY),
            (update, v) -> update.set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.plus(v.get(QUANTITY))));
    private static final Shape RELEASED = UPDATE.shape("stock released", List.of(QUANTITY),
            (update, v) -> update.set(PRODUCTS.RESERVED, PRODUCTS.RESERVED.minus(v.get(QUANTITY))));
    private static final Shape DISCONTINUED = UPDATE.shape("product discontinued", List.of(),
            (update, v) -> update.set(PRODUCTS.STATUS, "discontinued"));

    private ProductProjection() {
    }

    static List<Statement> queries(StoredEvent stored, ProductEvent event) {
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        UUID id = stored.aggregateId().id();
        long version = stored.version();
        return List.of(switch (event) {
            case ProductAdded added -> ADDED.row(added.productId(), added.sku(), added.name(), added.price().minor(),
                    added.price().currency(), added.category(), at, version);
            case ProductCategoryChanged changed -> CATEGORY_CHANGED.row(id, at, version, changed.category());
            case ProductPriceChanged changed -> PRICE_CHANGED.row(id, at, version, changed.price().minor(), changed.price().currency());
            case ProductRestocked restocked -> RESTOCKED.row(id, at, version, restocked.quantity());
            case StockReserved reserved -> RESERVED.row(id, at, version, reserved.quantity());
            case StockReleased released -> RELEASED.row(id, at, version, released.quantity());
            case ProductDiscontinued ignored -> DISCONTINUED.row(id, at, version);
        });
    }

    /** Orders for the product that shipped before it was projected: their units have left its stock. */
    private static Field<Long> alreadyShipped(Rows v) {
        return DSL.coalesce(DSL.field(DSL.select(PRODUCT_SHIPMENTS.UNITS.neg()).from(PRODUCT_SHIPMENTS)
                .where(PRODUCT_SHIPMENTS.PRODUCT_ID.eq(v.get(PRODUCT)))), 0L);
    }
}
