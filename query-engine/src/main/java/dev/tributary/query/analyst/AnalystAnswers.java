package dev.tributary.query.analyst;

import com.zaxxer.hikari.HikariDataSource;
import dev.tributary.kit.http.InvalidRequest;
import dev.tributary.query.consistency.Databases;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers analysts' queries ({@code /sql}, {@code /query}) without letting one of them hurt the service.
 * <ul>
 *   <li>Each runs as {@link ReadOnlyQueries} do, in a slot of {@link AnalystSlots}: at most
 *       {@code tributary.query.analyst-concurrency} (2) at once per caller and
 *       {@code tributary.query.analyst-global-concurrency} (4, the size of the {@link AnalystPool}) in all; beyond, 429.</li>
 *   <li>Its rows are read from a server-side cursor and written out as they arrive ({@link CappedRows},
 *       {@link AnswerPipe}), never built whole in memory.</li>
 *   <li>The answer holds at most {@code tributary.query.answer-byte-cap} bytes (4 MiB) of rows, and a
 *       value at most {@code tributary.query.value-char-cap} characters (65536); past a cap, or the query's
 *       row cap, the answer is cut and says so.</li>
 * </ul>
 * How a cut answer says so: its body always ends with a marker (see {@link Format}). The header
 * {@code Tributary-Truncated: true} is sent too when the whole answer was read before the headers went
 * out, which is so for every answer under {@value AnswerPipe#CHUNK_BYTES} bytes; a longer answer has
 * sent its headers before it knows, and only its marker says it. A query that fails before the headers go
 * out answers 400 with a problem; one that fails later (the timeout, a killed backend) ends its answer
 * with a marker that says so.
 */
@Singleton
public final class AnalystAnswers {

    public static final String TRUNCATED = "Tributary-Truncated";
    private static final Logger LOG = LoggerFactory.getLogger(AnalystAnswers.class);
    private static final Duration STALL = Duration.ofSeconds(30);

    private final DataSource pool;
    private final long byteCap;
    private final int valueChars;
    private final AnalystSlots slots;

    AnalystAnswers(AnalystPool analysts,
                   @Value("${tributary.query.answer-byte-cap:4194304}") long byteCap,
                   @Value("${tributary.query.value-char-cap:65536}") int valueChars,
                   @Value("${tributary.query.analyst-concurrency:2}") int perCaller,
                   @Value("${tributary.query.analyst-global-concurrency:4}") int inAll) {
        this.pool = analysts.pool;
        this.byteCap = byteCap;
        this.valueChars = valueChars;
        this.slots = new AnalystSlots(perCaller, inAll);
    }

    /**
     * Streams the answer to {@code query}, for {@code caller}, as JSON or, for {@code Accept: text/csv}, CSV.
     *
     * @throws AnalystSlots.Busy  when the caller, or analysts in all, have every slot in use (429)
     * @throws InvalidRequest     when Postgres refused the query or cancelled it at its timeout before it answered (400)
     */
    public HttpResponse<?> answer(HttpRequest<?> request, String caller, AnalystQuery query) {
        var format = Format.of(request);
        var slot = slots.take(caller);
        var headers = new CompletableFuture<Boolean>();
        var pipe = new AnswerPipe(STALL, () -> headers.complete(false));
        Thread.ofVirtual().name("analyst-query").start(() -> {
            try (slot) {
                stream(query, format, pipe, headers);
            } catch (Throwable e) {
                headers.completeExceptionally(e);
            }
        });
        boolean truncated;
        try {
            truncated = headers.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        MutableHttpResponse<InputStream> response = HttpResponse.ok((InputStream) pipe).contentType(format.contentType());
        return truncated ? response.header(TRUNCATED, "true") : response;
    }

    private void stream(AnalystQuery query, Format format, AnswerPipe pipe, CompletableFuture<Boolean> headers)
            throws AnswerPipe.ReaderGone, InterruptedException {
        var body = new AnswerBody(format, byteCap, pipe);
        try {
            ReadOnlyQueries.run(pool, query.timeout(), connection -> {
                CappedRows.write(connection, query, valueChars, body);
                return null;
            });
        } catch (AnswerPipe.ReaderGone | InterruptedException e) {
            return;
        } catch (Exception e) {
            if (!pipe.sent()) {
                headers.completeExceptionally(refusal(e, query));
                return;
            }
            LOG.warn("an analyst's query failed after its answer began: {}", e.toString());
            body.truncated(ReadOnlyQueries.timedOut(e) ? TimedOut.message(query.timeout()) : "the query failed: " + firstLine(e));
        }
        if (!pipe.sent()) {
            headers.complete(body.isTruncated());
        }
        body.end();
    }

    private static RuntimeException refusal(Exception e, AnalystQuery query) {
        if (ReadOnlyQueries.timedOut(e)) {
            return new TimedOut(query.timeout());
        }
        if (ReadOnlyQueries.reportedByPostgres(e)) {
            return new Refused("Postgres refused the query: " + firstLine(e));
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Postgres refused the query: a syntax error, a permission, a value out of range... */
    static final class Refused extends InvalidRequest {
        Refused(String message) {
            super(message);
        }
    }

    /** The query ran past the timeout and was cancelled. */
    static final class TimedOut extends InvalidRequest {
        TimedOut(Duration timeout) {
            super(message(timeout) + "; narrow it with filters or a smaller limit");
        }

        static String message(Duration timeout) {
            return "the query ran longer than " + timeout.toSeconds() + " s and was cancelled";
        }
    }
}
