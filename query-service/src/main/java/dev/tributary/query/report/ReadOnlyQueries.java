package dev.tributary.query.report;

import dev.tributary.kit.http.InvalidRequest;
import java.time.Duration;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * How analysts' own queries run: in a READ ONLY transaction, as the role {@code tributary_reader}
 * (migration V4: it may only read the business tables), cancelled by Postgres after a timeout.
 */
public final class ReadOnlyQueries {

    private ReadOnlyQueries() {
    }

    /** @throws TimedOut when Postgres cancelled the query at the timeout */
    public static <T> T run(DSLContext sql, Duration timeout, Function<DSLContext, T> work) {
        try {
            return sql.transactionResult(tx -> {
                DSLContext db = tx.dsl();
                db.execute("SET TRANSACTION READ ONLY");
                db.execute("SET LOCAL ROLE tributary_reader");
                db.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
                return work.apply(db);
            });
        } catch (DataAccessException e) {
            if ("57014".equals(e.sqlState())) {
                throw new TimedOut(timeout);
            }
            throw e;
        }
    }

    /** The query ran past the timeout and was cancelled. */
    public static final class TimedOut extends InvalidRequest {
        TimedOut(Duration timeout) {
            super("the query ran longer than " + timeout.toSeconds() + " s and was cancelled; narrow it with filters or a smaller limit");
        }
    }
}
