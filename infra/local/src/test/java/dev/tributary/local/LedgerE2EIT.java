package dev.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger, the second domain, through the whole stack as the launcher starts it: accounts opened and
 * funded over HTTP, transfers raced against one another, balances and the daily volume read back from
 * the query service. Money moves atomically or not at all: however the transfers interleave, no account
 * is overdrawn and the total is conserved.
 */
class LedgerE2EIT {

    @TempDir
    static Path data;
    private static StackUnderTest stack;

    @BeforeAll
    static void start() {
        stack = StackUnderTest.start(data);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void racing_transfers_never_overdraw_and_the_read_model_and_the_report_agree_to_the_cent() throws Exception {
        String alice = open("Alice", "EUR");
        String bob = open("Bob", "EUR");
        var funded = stack.post("/accounts/" + alice + "/deposit", "{\"minor\":10000}");
        assertThat(funded.statusCode()).as(funded.body()).isEqualTo(200);

        // Eight transfers of 3,000 race for 10,000: three fit, and the others are refused whole.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var answers = new ArrayList<HttpResponse<String>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var calls = new ArrayList<Callable<HttpResponse<String>>>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> stack.post("/accounts/" + alice + "/transfer", "{\"to\":\"" + bob + "\",\"minor\":3000}"));
            }
            for (var future : pool.invokeAll(calls)) {
                answers.add(future.get());
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(today.equals(LocalDate.now(ZoneOffset.UTC)),
                "the transfers straddled midnight UTC, so the daily report's rows cannot be known; run it again");
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(200, 409));
        assertThat(answers.stream().filter(a -> a.statusCode() == 200)).hasSize(3);
        assertThat(answers.stream().filter(a -> a.statusCode() == 409))
                .allSatisfy(a -> assertThat(a.body()).contains("insufficient-funds").contains("fewer than the 3000"));

        var aliceRead = awaitBalance(alice, 1000);
        var bobRead = awaitBalance(bob, 9000);
        assertThat(aliceRead).contains("\"direction\":\"out\"").doesNotContain("\"direction\":\"in\"");
        assertThat(bobRead).contains("\"direction\":\"in\"");
        assertThat(Pattern.compile("\"direction\":\"in\"").matcher(bobRead).results().count()).isEqualTo(3);

        var report = stack.query("/reports/transfer-volume?from=" + today + "&to=" + today.plusDays(1) + "&currency=EUR", "application/json", null);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("[{\"day\":\"" + today + "\",\"currency\":\"EUR\",\"transfers\":3,\"volume_minor\":9000}]");
        var csv = stack.query("/reports/transfer-volume?from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&currency=EUR", "text/csv", null);
        assertThat(csv.body()).isEqualTo("day,currency,transfers,volume_minor\r\n" + today.minusDays(1) + ",EUR,0,0\r\n" + today + ",EUR,3,9000\r\n");

        var largest = stack.query("/reports/largest-accounts?currency=EUR&limit=1000", "application/json", null).body();
        assertThat(largest).contains("{\"account_id\":\"" + bob + "\",\"owner\":\"Bob\",\"balance_minor\":9000}")
                .contains("{\"account_id\":\"" + alice + "\",\"owner\":\"Alice\",\"balance_minor\":1000}");
        assertThat(largest.indexOf(bob)).as("largest first").isLessThan(largest.indexOf(alice));
    }

    @Test
    void a_transfer_that_cannot_be_made_is_refused_and_writes_nothing() throws Exception {
        String carol = open("Carol", "EUR");
        String dave = open("Dave", "USD");
        stack.post("/accounts/" + carol + "/deposit", "{\"minor\":500}");

        var otherCurrency = stack.post("/accounts/" + carol + "/transfer", "{\"to\":\"" + dave + "\",\"minor\":100}");
        var nobody = stack.post("/accounts/" + carol + "/transfer", "{\"to\":\"" + java.util.UUID.randomUUID() + "\",\"minor\":100}");
        var itself = stack.post("/accounts/" + carol + "/transfer", "{\"to\":\"" + carol + "\",\"minor\":100}");
        var fraction = stack.post("/accounts/" + carol + "/transfer", "{\"to\":\"" + dave + "\",\"minor\":1.5}");
        var overdraw = stack.post("/accounts/" + carol + "/withdraw", "{\"minor\":501}");

        assertThat(otherCurrency.statusCode()).as(otherCurrency.body()).isEqualTo(422);
        assertThat(otherCurrency.body()).contains("holds USD and cannot receive EUR");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(422);
        assertThat(itself.statusCode()).as(itself.body()).isEqualTo(422);
        assertThat(fraction.statusCode()).as(fraction.body()).isEqualTo(400);
        assertThat(overdraw.statusCode()).as(overdraw.body()).isEqualTo(409);
        assertThat(List.of(otherCurrency, nobody, itself, fraction, overdraw))
                .allSatisfy(a -> assertThat(a.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json")));

        var last = stack.post("/accounts/" + carol + "/withdraw", "{\"minor\":500}");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(last.body()).as("open, deposit, withdraw: nothing else was written").contains("\"version\":3");
        assertThat(awaitBalance(carol, 0)).contains("\"transfers\":[]");
        assertThat(awaitBalance(dave, 0)).contains("\"transfers\":[]");
    }

    private static String open(String owner, String currency) throws Exception {
        var opened = stack.post("/accounts", "{\"owner\":\"" + owner + "\",\"currency\":\"" + currency + "\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/accounts/"));
        return StackUnderTest.field(opened.body(), "id");
    }

    private static String awaitBalance(String account, long balance) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            var read = stack.query("/accounts/" + account, "application/json", null);
            body = read.body();
            if (read.statusCode() == 200 && body.contains("\"balanceMinor\":" + balance + ",")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("account " + account + " did not reach a balance of " + balance + ": " + body);
    }
}
