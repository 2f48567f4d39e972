package dev.tributary.query.analyst;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * How analysts' own queries run: on one connection of the {@link AnalystPool} (the login
 * {@code tributary_analyst}), in a READ ONLY transaction, as the role {@code tributary_reader}
 * (migration V4: it may only read the business tables), cancelled by Postgres
 * after a timeout, with intervals written as ISO-8601 durations. The transaction is always rolled
 * back, since it wrote nothing. If the work fails in any way but an error Postgres reported about the
 * query (a syntax error, a permission, the timeout), the connection is evicted from the pool rather than
 * returned to it: a result abandoned halfway or a broken backend never reaches an app read.
 */
final class ReadOnlyQueries {

    private ReadOnlyQueries() {
    }

    /** Work on the connection inside the transaction. */
    interface Work<T> {
        T on(Connection connection) throws Exception;
    }

    static <T> T run(DataSource pool, Duration timeout, Work<T> work) throws Exception {
        try (Connection connection = pool.getConnection()) {
            try {
                connection.setAutoCommit(false);
                try (var settings = connection.createStatement()) {
                    settings.execute("SET TRANSACTION READ ONLY");
                    settings.execute("SET LOCAL ROLE tributary_reader");
                    settings.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
                    settings.execute("SET LOCAL intervalstyle = 'iso_8601'");
                }
                T result = work.on(connection);
                connection.rollback();
                return result;
            } catch (Exception | Error e) {
                if (!reportedByPostgres(e)) {
                    pool.unwrap(HikariDataSource.class).evictConnection(connection);
                }
                throw e;
            }
        }
    }

    static boolean reportedByPostgres(Throwable e) {
        return e instanceof SQLException sql && sql.getSQLState() != null
                && !sql.getSQLState().startsWith("08") && !sql.getSQLState().startsWith("57P");
    }

    /** True when Postgres cancelled the statement at the timeout. */
    static boolean timedOut(Throwable e) {
        return e instanceof SQLException sql && "57014".equals(sql.getSQLState());
    }
}
