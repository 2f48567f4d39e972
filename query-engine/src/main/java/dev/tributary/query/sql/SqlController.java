package dev.tributary.query.sql;

import dev.tributary.query.analyst.AnalystAnswers;
import dev.tributary.query.consistency.ReadsReports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /sql}: one read-only SELECT from an analyst, streamed as JSON (an array of row objects)
 * or, for {@code Accept: text/csv}, CSV with a header line.
 * <p>
 * A cut answer says so in its body, always: past the row cap ({@code tributary.query.sql-row-cap}),
 * the byte cap of the answer ({@code tributary.query.answer-byte-cap}) or the value cap
 * ({@code tributary.query.value-char-cap}), or when the query failed after its answer began, the JSON
 * array ends with {@code {"@truncated": "<why>"}} and the CSV with a line whose first cell is
 * {@code # truncated: <why>}. The header {@code Tributary-Truncated: true} is sent as well when the
 * answer was complete before its headers went out (every answer under 32 KiB); a longer answer
 * streams its headers first and only its marker says it was cut.
 * <p>
 * A caller may run two queries at once (tributary.query.analyst-concurrency), analysts half the pool
 * in all; beyond that the answer is 429 with {@code Retry-After}.
 */
@ReadsReports
@Controller("/sql")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class SqlController {

    private final AnalystSql analystSql;
    private final AnalystAnswers answers;

    SqlController(AnalystSql analystSql, AnalystAnswers answers) {
        this.analystSql = analystSql;
        this.answers = answers;
    }

    @Post
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> run(HttpRequest<?> request, Authentication caller, @Valid @Body Statement statement) {
        return answers.answer(request, caller.getName(), analystSql.query(statement.sql()));
    }

    @Serdeable
    record Statement(@NotBlank @Size(max = 20_000) @dev.tributary.kit.http.MultiLine String sql) {
    }
}
