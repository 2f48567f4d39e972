package dev.tributary.domains.shop.query.customer;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;

@Controller("/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"reader", "analyst", "admin"})
class CustomerController {

    private final JooqCustomerReads customers;

    CustomerController(JooqCustomerReads customers) {
        this.customers = customers;
    }

    /** One customer; 404 when the read model does not have it (yet). An id that is not a UUID gets 400. */
    @Get("/{id}")
    CustomerView byId(UUID id) {
        return customers.byId(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no customer " + id + " in the read model; one registered moments ago may not be projected yet"));
    }
}
