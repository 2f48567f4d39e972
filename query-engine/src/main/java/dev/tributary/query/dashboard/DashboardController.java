package dev.tributary.query.dashboard;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The dashboard, and every domain's panels on it: each domain's query module ships a script as
 * {@code META-INF/tributary/dashboard.js}, which registers its panels with {@code tributary.domain(...)}
 * (see the dashboard's {@code dashboard.js}). They are served in one answer, in classpath order, so the
 * dashboard shows the panels of exactly the domains this query service runs; each as a string the page
 * runs on its own, so one that does not even parse leaves the others' panels drawn. Code, not data: no
 * token.
 */
@Controller("/dashboard")
@Secured(SecurityRule.IS_ANONYMOUS)
class DashboardController {

    static final String PANELS = "META-INF/tributary/dashboard.js";

    private final String script;

    DashboardController() {
        this.script = "tributary.scripts([" + String.join(",\n", sources().stream().map(DashboardController::quoted).toList()) + "]);\n";
    }

    /** {@code /dashboard}: the page itself is static, under {@code /dashboard/}; its data needs an analyst's token. */
    @Get
    HttpResponse<?> page(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return HttpResponse.seeOther(URI.create("/dashboard/index.html" + (query == null ? "" : "?" + query)));
    }

    @Get(uri = "/domains.js", produces = "text/javascript")
    HttpResponse<String> domains() {
        return HttpResponse.ok(script).header("Cache-Control", "no-cache");
    }

    private static List<String> sources() {
        var sources = new ArrayList<String>();
        try {
            for (URL url : Collections.list(DashboardController.class.getClassLoader().getResources(PANELS))) {
                try (InputStream in = url.openStream()) {
                    sources.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the domains' dashboard panels (" + PANELS + ")", e);
        }
        return sources;
    }

    /** A JavaScript string literal (JSON's) holding {@code source}. */
    static String quoted(String source) {
        var out = new StringBuilder(source.length() + 16).append('"');
        JsonStringEncoder.getInstance().quoteAsString(source, out);
        return out.append('"').toString();
    }
}
