package dev.tributary.domains.shop.projection;

import dev.tributary.readmodel.projection.EventHandler;
import dev.tributary.readmodel.projection.Statement;

import dev.tributary.domains.shop.events.CustomerEvent;
import dev.tributary.domains.shop.events.OrderEvent;
import dev.tributary.domains.shop.events.ProductEvent;
import dev.tributary.events.StoredEvent;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/** Every shop event's effect on the shop's tables, by a switch over its aggregates; other domains' events have none. One instance per batch. */
final class ReadModelHandlers implements EventHandler {

    private final SalesProjection sales = new SalesProjection();

    @Override
    public List<Statement> queries(StoredEvent event) {
        return switch (event.data()) {
            case CustomerEvent customer -> CustomerProjection.queries(event, customer);
            case ProductEvent product -> ProductProjection.queries(event, product);
            case OrderEvent order -> OrderProjection.queries(event, order, sales);
            default -> List.of();
        };
    }

    @Override
    public List<Query> totals(DSLContext sql) {
        return sales.queries(sql);
    }
}
