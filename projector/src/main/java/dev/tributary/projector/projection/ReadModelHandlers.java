package dev.tributary.projector.projection;

import dev.tributary.events.CustomerEvent;
import dev.tributary.events.OrderEvent;
import dev.tributary.events.ProductEvent;
import dev.tributary.events.StoredEvent;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/** Every event's effect on the read model, by an exhaustive switch over the aggregates; one instance per batch. */
final class ReadModelHandlers implements EventHandler {

    private final SalesProjection sales = new SalesProjection();

    @Override
    public List<Statement> queries(StoredEvent event) {
        return switch (event.data()) {
            case CustomerEvent customer -> CustomerProjection.queries(event, customer);
            case ProductEvent product -> ProductProjection.queries(event, product);
            case OrderEvent order -> OrderProjection.queries(event, order, sales);
        };
    }

    @Override
    public List<Query> totals(DSLContext sql) {
        return sales.queries(sql);
    }
}
