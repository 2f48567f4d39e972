package dev.tributary.kit.sql;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** jOOQ over the service's Postgres pool ({@code datasources.default}). */
@Factory
@Requires(classes = DSLContext.class)
@Requires(beans = DataSource.class)
public class JooqContexts {

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    @Singleton
    DSLContext dsl(DataSource dataSource) {
        return over(dataSource);
    }

    /** jOOQ as every Tributary service uses it, over any Postgres pool. */
    public static DSLContext over(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES, new Settings()
                .withRenderSchema(true)
                .withExecuteLogging(false));
    }
}
