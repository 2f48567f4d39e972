package dev.tributary.readmodel;

import java.util.List;

/**
 * A domain's part of the read model: its migrations and the projections that keep its tables. Found
 * with {@link java.util.ServiceLoader}: a domain registers by naming its implementation in
 * {@code META-INF/services/dev.tributary.readmodel.DomainReadModel}. The projector applies its
 * projections; the query side reads its table list for the analysts' allow-list.
 */
public interface DomainReadModel {

    /** The domain's name, lower case: its migrations' history is {@code flyway_history_<domain>}. */
    String domain();

    /**
     * Where its Flyway migrations are, such as {@code classpath:db/shop}. Their versions are the
     * domain's own; they run after the engine's, in every schema the read model is built in. They create
     * tables and indexes only: grants follow from {@link ReadModelTable#exposed()}.
     */
    String migrations();

    List<DomainProjection> projections();
}
