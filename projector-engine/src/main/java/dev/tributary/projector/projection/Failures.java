package dev.tributary.projector.projection;

import java.io.IOException;
import java.sql.SQLException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Tells a poison event from everything else. Only a failure caused by the event's own content is
 * poison: it cannot be decoded, a handler throws on it, or Postgres rejects the values it produces
 * (SQLSTATE class 22, data exception; 23, integrity constraint violation; or 54, a limit such as an
 * index row too large for a 300 KB name). Such a failure repeats
 * on every attempt, so after a few the event is parked.
 *
 * <p>Anything else says nothing about the event: Postgres or DynamoDB unreachable or restarting, a
 * deadlock, a missing table or permission after a bad deploy. Those are retried for as long as they
 * last and never park an event, because parking would then hold back every aggregate at once.
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isPoison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
            }
            if (t instanceof SdkException || t instanceof IOException) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code failure} is an event this version cannot read yet, written by a newer one: met while
     * decoding, or while gap repair fetched a missing event from the events table. Retrying cannot help until
     * this projector is upgraded; the aggregate waits, {@code awaiting-upgrade}.
     */
    public static boolean awaitsUpgrade(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.tributary.eventstore.NotReadableYet) {
                return true;
            }
        }
        return false;
    }

    /** Why Postgres could not be reached, if that is what {@code failure} says; null otherwise. */
    public static String unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return t.getMessage();
            }
        }
        return null;
    }
}
