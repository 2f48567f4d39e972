package dev.tributary.query.sql;

import dev.tributary.query.consistency.ReadsReports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /sql}: one read-only SELECT from an analyst, as JSON rows or CSV. */
@ReadsReports
@Controller("/sql")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class SqlController {

    private final AnalystSql analystSql;

    SqlController(AnalystSql analystSql) {
        this.analystSql = analystSql;
    }

    /** Answers the rows; {@code Tributary-Truncated: true} when the row cap cut them short. */
    @Post
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> run(HttpRequest<?> request, @Valid @Body Statement statement) {
        var result = analystSql.run(statement.sql());
        var response = (MutableHttpResponse<?>) result.report().answer(request);
        return result.truncated() ? response.header("Tributary-Truncated", "true") : response;
    }

    @Serdeable
    record Statement(@NotBlank @Size(max = 20_000) String sql) {
    }
}
