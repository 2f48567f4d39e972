package dev.tributary.query.consistency;

import dev.tributary.kit.sql.JooqContexts;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read model's databases. App reads go to the primary ({@code datasources.default}). Reports,
 * ad-hoc queries and analysts' SQL go to {@code datasources.reports} when it is configured (a read
 * replica), and to the primary otherwise. Each database has its own {@link ProjectionWatcher}, so a
 * read-your-writes wait goes by the positions of the database that will answer.
 */
@Context
public final class Databases {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);
    public static final String REPORTS = "reports";

    private final Database primary;
    private final Database reports;

    Databases(DSLContext primarySql, DataSource primaryPool, BeanContext beans) {
        primary = new Database("primary", primarySql, primaryPool, new ProjectionWatcher("primary", primaryPool));
        reports = beans.findBean(DataSource.class, Qualifiers.byName(REPORTS))
                .map(pool -> new Database(REPORTS, JooqContexts.over(pool), pool, new ProjectionWatcher(REPORTS, pool)))
                .orElse(primary);
        if (reports != primary) {
            LOG.info("reports, /query and /sql read from datasources.reports; app reads from the primary");
        }
    }

    public Database primary() {
        return primary;
    }

    /** The replica for reports if one is configured, else the primary. */
    public Database reports() {
        return reports;
    }

    @PreDestroy
    void stop() {
        primary.watcher().stop();
        if (reports != primary) {
            reports.watcher().stop();
        }
    }

    /**
     * One Postgres holding the read model.
     *
     * @param name    {@code primary} or {@code reports}
     * @param sql     jOOQ over its pool
     * @param pool    its connection pool
     * @param watcher how far the projector's work has reached it
     */
    public record Database(String name, DSLContext sql, DataSource pool, ProjectionWatcher watcher) {
    }
}
