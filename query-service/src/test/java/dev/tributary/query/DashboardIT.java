package dev.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium}), over seeded orders in the currencies
 * XPT (five days) and XPD (one day), which no other test uses. Chromium is installed with apt-get if it
 * is missing and that is possible; otherwise the test is skipped with a message. Screenshots go to
 * {@code target/dashboard.png}, {@code target/dashboard-one-day.png}, {@code target/dashboard-stalled.png} and
 * {@code target/dashboard-builds.png}.
 */
class DashboardIT {

    private static QueryFixture query;
    private static String chromium;

    @BeforeAll
    static void start() throws Exception {
        chromium = findOrInstallChromium();
        query = QueryFixture.shared();
        var customer = UUID.randomUUID();
        var product = UUID.randomUUID();
        QueryFixture.execute(
                "INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) VALUES ('" + customer
                        + "', 'Dashboard Dora', 'dora@example.com', now(), now(), 1)",
                "INSERT INTO products (product_id, sku, name, price_minor, currency, on_hand, reserved, added_at, updated_at, version) "
                        + "VALUES ('" + product + "', 'DASH-1', 'Dashboard Widget', 1000, 'XPT', 5, 2, now(), now(), 1)",
                "INSERT INTO shard_progress (shard_id, sequence_number, last_event_at, updated_at) VALUES ('shard-dashboard', '9', now() - interval '40 milliseconds', now())");
        for (int daysAgo = 0; daysAgo < 5; daysAgo++) {
            var order = UUID.randomUUID();
            var placed = LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo).atTime(6, 0).atOffset(ZoneOffset.UTC);
            QueryFixture.execute("INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) "
                            + "VALUES ('" + order + "', '" + customer + "', '" + (daysAgo == 0 ? "placed" : "paid") + "', 2000, 'XPT', '" + placed
                            + "', '" + placed + "', 1)",
                    "INSERT INTO order_lines VALUES ('" + order + "', 1, '" + product + "', 2, 1000)");
        }
        QueryFixture.summarizeSales("XPT");
        seedOneDayWithLongNamesAndLowStock();
        seedLedger();
    }

    /** XPT in the ledger: three accounts, and transfers on two days. */
    private static void seedLedger() throws Exception {
        for (int i = 1; i <= 3; i++) {
            QueryFixture.execute("INSERT INTO ledger_accounts (account_id, owner, currency, balance_minor, opened_at, updated_at, version) "
                    + "VALUES ('" + UUID.randomUUID() + "', 'Dashboard owner " + i + "', 'XPT', " + 10_000 * i + ", now(), now(), 1)");
        }
        QueryFixture.execute("INSERT INTO ledger_daily_transfers (day, currency, transfers, volume_minor) VALUES "
                + "(CAST(now() AT TIME ZONE 'UTC' AS date), 'XPT', 3, 4500), (CAST(now() AT TIME ZONE 'UTC' AS date) - 2, 'XPT', 1, 1200)");
    }

    /** XPD: today's orders only, products with long names, and more low-stock products than the panel shows. */
    private static void seedOneDayWithLongNamesAndLowStock() throws Exception {
        var customer = UUID.randomUUID();
        QueryFixture.execute("INSERT INTO customers (customer_id, name, email, registered_at, updated_at, version) VALUES ('" + customer
                + "', 'Maximiliane Auguste von Oberhausen-Westerwald', 'max@example.com', now(), now(), 1)");
        var today = LocalDate.now(ZoneOffset.UTC).atTime(0, 5).atOffset(ZoneOffset.UTC);
        for (int i = 0; i < 14; i++) {
            var product = UUID.randomUUID();
            var order = UUID.randomUUID();
            String name = i == 0 ? "Heavy-duty stainless steel magnetic knife strip with wall anchors, 60 cm" : "Low stock item " + i;
            QueryFixture.execute("INSERT INTO products (product_id, sku, name, price_minor, currency, on_hand, reserved, added_at, updated_at, version) "
                            + "VALUES ('" + product + "', 'ACC-6A89-" + i + "', '" + name + "', 1500, 'XPD', " + (i % 4) + ", 0, now(), now(), 1)",
                    "INSERT INTO orders (order_id, customer_id, status, total_minor, currency, placed_at, updated_at, version) VALUES ('" + order
                            + "', '" + customer + "', 'paid', " + 1500 * (i + 1) + ", 'XPD', '" + today + "', '" + today + "', 1)",
                    "INSERT INTO order_lines VALUES ('" + order + "', 1, '" + product + "', " + (i == 0 ? 20 : i) + ", 1500)");
        }
        QueryFixture.summarizeSales("XPD");
    }


    @Test
    void the_dashboard_renders_every_chart_and_table_with_data_from_the_read_model() throws Exception {
        String url = query.uri("/dashboard?currency=XPT") + "#token=" + query.token("analyst");

        String dom = chromium("--dump-dom", url);
        chromium("--screenshot=" + Path.of("target/dashboard.png").toAbsolutePath(), url);

        var counts = rendered(dom);
        assertThat(counts).containsEntry("revenue", 30).containsEntry("customers", 1).containsEntry("products", 1);
        assertThat(counts).as("tables shared with other tests' rows hold at least ours")
                .hasEntrySatisfying("stock", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("statuses", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("shards", n -> assertThat(n).isPositive());
        assertThat(revenuePoints(dom)).as("the seeded revenue, one point a day").isEqualTo(5);
        assertThat(dom).contains("projector lag:").contains("data as of");
        assertThat(lowStockAvailable(dom)).as("low stock, lowest first").isSorted().hasSizeLessThanOrEqualTo(10);
        assertThat(emptyPanels(dom)).as("panels that show their empty note").doesNotContain("revenue", "customers", "products");
        assertThat(Path.of("target/dashboard.png")).isNotEmptyFile();
    }

    @Test
    void every_domain_on_the_classpath_brings_its_panels_and_the_ledgers_draw_its_reports() throws Exception {
        String dom = chromium("--dump-dom", query.uri("/dashboard?currency=XPT") + "#token=" + query.token("analyst"));

        assertThat(error(dom)).isEqualTo("none");
        assertThat(dom).contains("data-domains=\"probe,shop,ledger\"");
        assertThat(rendered(dom)).as("every day of the window, and the three accounts")
                .containsEntry("transfer-volume", 30).containsEntry("largest-accounts", 3);
        assertThat(emptyPanels(dom)).doesNotContain("transfer-volume", "largest-accounts");
        assertThat(dom).contains("Transfer volume, last 30 days (XPT, UTC days)");
    }

    @Test
    void a_domain_whose_panels_fail_shows_its_error_and_every_other_domain_still_draws() throws Exception {
        String dom = chromium("--dump-dom", query.uri("/dashboard?currency=XPT&break=probe") + "#token=" + query.token("analyst"));

        assertThat(error(dom)).isEqualTo("probe: broken on purpose");
        assertThat(rendered(dom)).containsEntry("revenue", 30).containsEntry("transfer-volume", 30)
                .hasEntrySatisfying("shards", n -> assertThat(n).isPositive());
    }

    @Test
    void one_day_of_data_shows_both_series_and_the_low_stock_list_stops_at_ten_and_counts_the_rest() throws Exception {
        String url = query.uri("/dashboard?currency=XPD") + "#token=" + query.token("analyst");

        String dom = chromium("--dump-dom", url);
        chromium("--screenshot=" + Path.of("target/dashboard-one-day.png").toAbsolutePath(), url);

        assertThat(revenuePoints(dom)).as("one day of orders").isEqualTo(1);
        assertThat(rendered(dom)).containsEntry("stock", 10).containsEntry("products", 10);
        var more = Pattern.compile("data-stock-more=\"(\\d+)\"").matcher(dom);
        assertThat(more.find()).isTrue();
        assertThat(Integer.parseInt(more.group(1))).as("14 seeded, 10 shown").isGreaterThanOrEqualTo(4);
        assertThat(dom).contains("and " + more.group(1) + " more");
    }

    @Test
    void a_stalled_shard_turns_its_row_red_and_raises_a_banner_with_its_reason() throws Exception {
        QueryFixture.execute("INSERT INTO tributary_control.shard_health (shard_id, worker, state, lag_millis, stalled_since, reason) "
                + "VALUES ('shard-dashboard', 'worker-dashboard', 'stalled', 95000, now() - interval '90 seconds', 'product 7 rejects its event')");
        try {
            String url = query.uri("/dashboard?currency=XPT") + "#token=" + query.token("analyst");

            String dom = chromium("--dump-dom", url);
            chromium("--screenshot=" + Path.of("target/dashboard-stalled.png").toAbsolutePath(), url);

            assertThat(error(dom)).isEqualTo("none");
            assertThat(dom).containsPattern("<p id=\"alarm\" class=\"alarm\" role=\"alert\">Projector stalled: shard shard-dashboard "
                    + "stalled since [^<]+: product 7 rejects its event</p>");
            assertThat(dom).contains("<tr class=\"trouble\"><td title=\"shard-dashboard\">shard-dashboard</td>");
        } finally {
            QueryFixture.execute("DELETE FROM tributary_control.shard_health WHERE shard_id = 'shard-dashboard'");
        }
    }

    @Test
    void builds_show_their_progress_and_a_backfill_nobody_runs_raises_the_banner() throws Exception {
        QueryFixture.execute("INSERT INTO tributary_control.projections (name, state, since) "
                        + "VALUES ('dashboard-waiting', 'backfilling', now() - interval '5 minutes')",
                "INSERT INTO tributary_control.rebuilds (schema_name, state, projection, phase, events, estimated, worker, heartbeat_at) "
                        + "VALUES ('rebuild_dashboard_running', 'building', 'dashboard-running', 'scanning', 500, 1000, 'worker-dashboard/1', now())");
        try {
            String url = query.uri("/dashboard?currency=XPT") + "#token=" + query.token("analyst");

            String dom = chromium("--dump-dom", url);
            chromium("--screenshot=" + Path.of("target/dashboard-builds.png").toAbsolutePath(), url);

            assertThat(error(dom)).isEqualTo("none");
            assertThat(dom).contains("<td title=\"building: scanning\">building: scanning</td>")
                    .contains("500 of ~1000 events (50%)")
                    .contains("<tr class=\"trouble\"><td title=\"dashboard-waiting\">dashboard-waiting</td>");
            assertThat(dom).containsPattern("<p id=\"alarm\" class=\"alarm\" role=\"alert\">Projector stalled: [^<]*projection "
                    + "dashboard-waiting backfilling since [^<]+ with no build running");
        } finally {
            QueryFixture.execute("DELETE FROM tributary_control.projections WHERE name = 'dashboard-waiting'",
                    "DELETE FROM tributary_control.rebuilds WHERE schema_name = 'rebuild_dashboard_running'");
        }
    }

    @Test
    void a_domain_script_that_fails_as_it_loads_shows_its_error_and_every_other_domain_still_draws() throws Exception {
        String dom = chromium("--dump-dom", query.uri("/dashboard?currency=XPT&break=probe-script") + "#token=" + query.token("analyst"));

        assertThat(error(dom)).isEqualTo("domain panels script 1: the script broke on purpose");
        assertThat(dom).contains("data-domains=\"domain panels script 1,shop,ledger\"");
        assertThat(rendered(dom)).containsEntry("revenue", 30).containsEntry("transfer-volume", 30);
    }

    @Test
    void markup_in_the_address_never_reaches_the_page_and_the_currency_falls_back_to_eur() throws Exception {
        String markup = java.net.URLEncoder.encode("<img src=x onerror=\"document.title='owned'\">", java.nio.charset.StandardCharsets.UTF_8);
        String dom = chromium("--dump-dom", query.uri("/dashboard?currency=" + markup) + "#token=" + query.token("analyst"));

        assertThat(dom).doesNotContain("<img").doesNotContain("owned");
        assertThat(error(dom)).isEqualTo("?currency= takes three capital letters, such as EUR; showing EUR");
        assertThat(dom).contains("Revenue, last 30 days (EUR, UTC days)");
        assertThat(rendered(dom)).containsEntry("revenue", 30);
    }

    @Test
    void a_currency_with_no_orders_yet_shows_a_note_in_each_of_its_panels_instead_of_empty_charts() throws Exception {
        String dom = chromium("--dump-dom", query.uri("/dashboard?currency=XNO") + "#token=" + query.token("analyst"));

        assertThat(error(dom)).isEqualTo("none");
        assertThat(emptyPanels(dom)).contains("revenue", "customers", "products", "categories", "transfer-volume", "largest-accounts");
        assertThat(dom).as("a ranking with nothing to rank hides its axes")
                .containsPattern("<canvas id=\"categories\"[^>]* style=\"display: none;")
                .containsPattern("<canvas id=\"customers\"[^>]* style=\"display: none;");
        assertThat(dom).contains("No orders in XNO in the last 30 days yet.")
                .contains("No customer has ordered in XNO in the last 30 days yet.")
                .contains("No product has sold in XNO in the last 30 days yet.")
                .contains("No transfers in XNO in the last 30 days yet.");
    }

    private static java.util.Map<String, Integer> rendered(String dom) {
        var matcher = Pattern.compile("data-rendered=\"([^\"]*)\"").matcher(dom);
        assertThat(matcher.find()).as("the page finished rendering; error: " + error(dom)).isTrue();
        var counts = new java.util.HashMap<String, Integer>();
        for (String part : matcher.group(1).split(",")) {
            counts.put(part.substring(0, part.indexOf(':')), Integer.parseInt(part.substring(part.indexOf(':') + 1)));
        }
        return counts;
    }

    private static List<Integer> lowStockAvailable(String dom) {
        var table = dom.substring(dom.indexOf("<table id=\"stock\""), dom.indexOf("</table>", dom.indexOf("<table id=\"stock\"")));
        var matcher = Pattern.compile("<tr[^>]*>(?:<td[^>]*>[^<]*</td>){2}<td[^>]*>(-?\\d+)</td>").matcher(table);
        var available = new ArrayList<Integer>();
        while (matcher.find()) {
            available.add(Integer.parseInt(matcher.group(1)));
        }
        return available;
    }

    private static List<String> emptyPanels(String dom) {
        var matcher = Pattern.compile("data-empty=\"([^\"]*)\"").matcher(dom);
        assertThat(matcher.find()).as("the page finished rendering; error: " + error(dom)).isTrue();
        return matcher.group(1).isEmpty() ? List.of() : List.of(matcher.group(1).split(","));
    }

    private static long revenuePoints(String dom) {
        var matcher = Pattern.compile("data-revenue-days=\"(\\d+)\"").matcher(dom);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static String error(String dom) {
        var matcher = Pattern.compile("data-error=\"([^\"]*)\"").matcher(dom);
        return matcher.find() ? matcher.group(1) : "none";
    }

    private static String chromium(String what, String url) throws Exception {
        var command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-"), "--window-size=1400,1300",
                "--virtual-time-budget=10000", what, url));
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }

    private static String findOrInstallChromium() throws IOException, InterruptedException {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            System.out.println("DashboardIT: chromium is missing; installing Debian's chromium package with apt-get");
            var install = new ProcessBuilder("bash", "-c", "(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1")
                    .inheritIO().start();
            if (install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0 && Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                return "/usr/bin/chromium";
            }
        }
        System.out.println("DashboardIT SKIPPED: Debian's chromium package is not installed and could not be installed here");
        Assumptions.abort("chromium is not installed and could not be installed");
        return null;
    }
}
