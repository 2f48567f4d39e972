package dev.tributary.domains.shop.projection;

import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.CUSTOMER_STATS;
import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_ORDER_STATUS;
import static dev.tributary.domains.shop.projection.jooq.Tables.DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_LINES;
import static dev.tributary.domains.shop.projection.jooq.Tables.ORDER_STATUS_HISTORY;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCTS;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_DAILY_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.PRODUCT_SHIPMENTS;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_CUSTOMER_SPEND;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_PRODUCT_SALES;
import static dev.tributary.domains.shop.projection.jooq.Tables.RECENT_WINDOW;

import dev.tributary.domains.shop.events.OrderEvent.OrderPlaced;
import dev.tributary.domains.shop.events.OrderEvent.OrderShipped;
import dev.tributary.domains.shop.events.Shop;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.DomainProjection;
import dev.tributary.readmodel.DomainReadModel;
import dev.tributary.readmodel.ReadModelTable;
import dev.tributary.readmodel.projection.EventHandler;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * The shop's read model, registered in {@code META-INF/services/dev.tributary.readmodel.DomainReadModel}:
 * its migrations ({@code db/shop}) and its projection, which keeps customers, the catalog with its
 * stock, orders, and the sales summaries.
 */
public final class ShopReadModel implements DomainReadModel {

    @Override
    public String domain() {
        return "shop";
    }

    @Override
    public String migrations() {
        return "classpath:db/shop";
    }

    @Override
    public List<DomainProjection> projections() {
        return List.of(new ShopProjection());
    }

    /** One projection for the whole shop: its tables share the order events' effects within a batch. */
    static final class ShopProjection implements DomainProjection {

        @Override
        public String name() {
            return "shop";
        }

        @Override
        public List<ReadModelTable> tables() {
            return List.of(
                    ReadModelTable.exposed(CUSTOMERS),
                    ReadModelTable.exposed(PRODUCTS),
                    ReadModelTable.exposed(ORDERS),
                    ReadModelTable.exposed(ORDER_LINES),
                    ReadModelTable.exposed(ORDER_STATUS_HISTORY),
                    ReadModelTable.exposed(DAILY_SALES),
                    ReadModelTable.exposed(DAILY_ORDER_STATUS),
                    ReadModelTable.exposed(CUSTOMER_STATS),
                    ReadModelTable.exposed(PRODUCT_SALES),
                    ReadModelTable.exposed(PRODUCT_DAILY_SALES),
                    ReadModelTable.internal(PRODUCT_SHIPMENTS),
                    ReadModelTable.exposed(RECENT_WINDOW),
                    ReadModelTable.exposed(RECENT_CUSTOMER_SPEND),
                    ReadModelTable.exposed(RECENT_PRODUCT_SALES));
        }

        @Override
        public EventHandler newHandler() {
            return new ReadModelHandlers();
        }

        /**
         * Shipping an order changes its products' stock rows, and a product added after the shipment
         * starts from it, so those products are locked too: without it, a concurrent writer adding the
         * product would miss the shipment. Products of orders placed and shipped within the batch are
         * known from its events, and locked with its aggregates.
         */
        @Override
        public Collection<String> alsoLocks(List<StoredEvent> batch) {
            var shipped = shipped(batch);
            if (shipped.isEmpty()) {
                return List.of();
            }
            return batch.stream().map(StoredEvent::data)
                    .filter(d -> d instanceof OrderPlaced placed && shipped.contains(placed.orderId()))
                    .flatMap(d -> ((OrderPlaced) d).lines().stream())
                    .map(line -> Shop.product(line.productId()).pk())
                    .toList();
        }

        /** Products of orders placed in earlier batches and shipped in this one: only the read model names them. */
        @Override
        public Collection<String> alsoLocksAfterReading(DSLContext db, List<StoredEvent> batch) {
            var shipped = shipped(batch);
            if (shipped.isEmpty()) {
                return List.of();
            }
            var products = new TreeSet<String>();
            db.selectDistinct(ORDER_LINES.PRODUCT_ID).from(ORDER_LINES).where(ORDER_LINES.ORDER_ID.in(shipped))
                    .forEach(r -> products.add(Shop.product(r.value1()).pk()));
            return products;
        }

        private static List<java.util.UUID> shipped(List<StoredEvent> batch) {
            return batch.stream().filter(e -> e.data() instanceof OrderShipped).map(e -> e.aggregateId().id()).toList();
        }
    }
}
