package dev.tributary.query.analyst;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tributary.query.consistency.Databases;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * The connections analysts' SQL runs on: a pool of its own, to the reports database, logged in as
 * {@code tributary.query.analyst-user} ({@code tributary_analyst}, migration V12), which holds
 * nothing but {@code tributary_reader}'s reads. So even text that got past the SQL check runs with no
 * more rights than that role, and app reads never wait for an analyst's connection.
 */
@Singleton
final class AnalystPool implements AutoCloseable {

    final HikariDataSource pool;

    AnalystPool(Databases databases,
                @Value("${tributary.query.analyst-user:tributary_analyst}") String user,
                @Value("${tributary.query.analyst-password:}") String password,
                @Value("${tributary.query.analyst-global-concurrency:4}") int connections) throws SQLException {
        var config = new HikariConfig();
        config.setPoolName("analysts");
        config.setJdbcUrl(databases.reports().pool().unwrap(HikariDataSource.class).getJdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
    }

    @PreDestroy
    @Override
    public void close() {
        pool.close();
    }
}
