package dev.tributary.query.adhoc;

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
import jakarta.validation.Valid;

/** {@code POST /query}: ad-hoc queries for analysts, as JSON or CSV. */
@ReadsReports
@Controller("/query")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class AdHocController {

    private final AdHocQueries queries;

    AdHocController(AdHocQueries queries) {
        this.queries = queries;
    }

    @Post
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> query(HttpRequest<?> request, @Valid @Body AdHocQuery query) {
        return queries.run(query).answer(request);
    }
}
