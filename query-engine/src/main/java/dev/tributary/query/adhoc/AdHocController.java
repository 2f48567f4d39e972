package dev.tributary.query.adhoc;

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
import jakarta.validation.Valid;

/**
 * {@code POST /query}: ad-hoc queries for analysts, streamed as JSON or CSV, within the same caps and
 * slots as {@code POST /sql}, and cut the same way (see {@link AnalystAnswers}).
 */
@ReadsReports
@Controller("/query")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class AdHocController {

    private final AdHocQueries queries;
    private final AnalystAnswers answers;

    AdHocController(AdHocQueries queries, AnalystAnswers answers) {
        this.queries = queries;
        this.answers = answers;
    }

    @Post
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> query(HttpRequest<?> request, Authentication caller, @Valid @Body AdHocQuery query) {
        return answers.answer(request, caller.getName(), queries.compile(query));
    }
}
