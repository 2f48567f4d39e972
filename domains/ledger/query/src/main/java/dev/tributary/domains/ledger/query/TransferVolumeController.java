package dev.tributary.domains.ledger.query;

import dev.tributary.query.consistency.ReadsReports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The ledger's report for analysts (role {@code analyst} or {@code admin}): JSON, or CSV with {@code Accept: text/csv}. */
@ReadsReports
@Controller("/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class TransferVolumeController {

    private final JooqLedgerReads ledger;

    TransferVolumeController(JooqLedgerReads ledger) {
        this.ledger = ledger;
    }

    /**
     * Transfers sent and the money they moved, per UTC day; days without transfers answer zeros.
     *
     * @param from     first day (inclusive)
     * @param to       last day (exclusive), at most 3 years after {@code from}
     * @param currency the accounts' currency; amounts are in its minor units
     */
    @Get("/transfer-volume")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> transferVolume(HttpRequest<?> request, LocalDate from, LocalDate to,
                                   @QueryValue(defaultValue = "EUR") @Pattern(regexp = "[A-Z]{3}") String currency) {
        if (!from.isBefore(to) || ChronoUnit.DAYS.between(from, to) > 3 * 366) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "from must be before to, and at most 3 years before it");
        }
        return ledger.dailyVolume(from, to, currency).answer(request);
    }
}
