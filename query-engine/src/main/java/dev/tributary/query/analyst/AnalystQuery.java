package dev.tributary.query.analyst;

import java.time.Duration;
import java.util.List;

/**
 * An analyst's query, checked and ready to run: one SELECT, with a value for each {@code ?} in it when it
 * was built with bind values. Without bind values its text runs as written, so a {@code ?} is Postgres's
 * own operator.
 *
 * @param rowCap  the most rows answered; a query that returns more is cut, and its answer says so
 * @param timeout when Postgres cancels it
 */
public record AnalystQuery(String sql, List<Object> binds, int rowCap, Duration timeout) {
}
