package dev.tributary.query.report;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Every domain's dashboard panels: each domain's query module ships a script as
 * {@code META-INF/tributary/dashboard.js}, which registers its panels with {@code tributary.domain(...)}
 * (see the dashboard's {@code dashboard.js}). They are served as one script, in classpath order, so the
 * dashboard shows the panels of exactly the domains this query service runs. Code, not data: no token.
 */
@Controller("/dashboard")
@Secured(SecurityRule.IS_ANONYMOUS)
class DashboardPanelsController {

    static final String PANELS = "META-INF/tributary/dashboard.js";

    private final String script;

    DashboardPanelsController() {
        this.script = concatenated();
    }

    @Get(uri = "/domains.js", produces = "text/javascript")
    HttpResponse<String> domains() {
        return HttpResponse.ok(script).header("Cache-Control", "no-cache");
    }

    private static String concatenated() {
        var all = new StringBuilder();
        try {
            for (URL url : Collections.list(DashboardPanelsController.class.getClassLoader().getResources(PANELS))) {
                try (InputStream in = url.openStream()) {
                    all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append(";\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the domains' dashboard panels (" + PANELS + ")", e);
        }
        return all.toString();
    }
}
