package dev.tributary.domains.ledger.query;

import dev.tributary.query.consistency.ReadsReports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** The ledger's largest accounts, for analysts (role {@code analyst} or {@code admin}): JSON, or CSV with {@code Accept: text/csv}. */
@ReadsReports
@Controller("/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class LargestAccountsController {

    private final JooqLedgerReads ledger;

    LargestAccountsController(JooqLedgerReads ledger) {
        this.ledger = ledger;
    }

    /**
     * The accounts with the largest balances, largest first.
     *
     * @param currency the accounts' currency; balances are in its minor units
     * @param limit    how many, 1 to 1000
     */
    @Get("/largest-accounts")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> largestAccounts(HttpRequest<?> request,
                                    @QueryValue(defaultValue = "EUR") @Pattern(regexp = "[A-Z]{3}") String currency,
                                    @QueryValue(defaultValue = "10") @Min(1) @Max(1000) int limit) {
        return ledger.largestAccounts(currency, limit).answer(request);
    }
}
