package dev.tributary.domains.ledger.query;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;

/** Accounts for apps: balance and latest transfers. */
@Controller("/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"reader", "analyst", "admin"})
class AccountReadController {

    private final JooqLedgerReads ledger;

    AccountReadController(JooqLedgerReads ledger) {
        this.ledger = ledger;
    }

    /** One account; 404 when the read model does not have it (yet). An id that is not a UUID gets 400. */
    @Get("/{id}")
    AccountView byId(UUID id) {
        return ledger.account(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no account " + id + " in the read model; one opened moments ago may not be projected yet"));
    }
}
