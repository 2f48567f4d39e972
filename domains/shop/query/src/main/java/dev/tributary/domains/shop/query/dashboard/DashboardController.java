package dev.tributary.domains.shop.query.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;

/** {@code /dashboard}: the page itself is static (under {@code /dashboard/}); its data needs an analyst's token. */
@Controller("/dashboard")
@Secured(SecurityRule.IS_ANONYMOUS)
class DashboardController {

    @Get
    HttpResponse<?> page(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return HttpResponse.seeOther(URI.create("/dashboard/index.html" + (query == null ? "" : "?" + query)));
    }
}
