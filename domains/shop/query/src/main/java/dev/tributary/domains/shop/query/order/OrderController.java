package dev.tributary.domains.shop.query.order;

import dev.tributary.query.paging.Cursor;
import dev.tributary.query.paging.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Orders for apps: one order in full, and a customer's orders page by page. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"reader", "analyst", "admin"})
class OrderController {

    private final JooqOrderReads orders;

    OrderController(JooqOrderReads orders) {
        this.orders = orders;
    }

    /** The order with its lines and status history; 404 when the read model does not have it (yet). */
    @Get("/orders/{id}")
    OrderView byId(UUID id) {
        return orders.byId(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no order " + id + " in the read model; one placed moments ago may not be projected yet"));
    }

    /**
     * A customer's orders, newest first.
     *
     * @param status any of placed, paid, shipped, delivered, cancelled; repeat for several
     * @param from   placed at or after this instant (ISO-8601, e.g. 2026-11-01T00:00:00Z)
     * @param to     placed before this instant
     * @param after  the {@code next} cursor of the previous page
     * @param limit  1 to 100
     */
    @Get("/customers/{id}/orders")
    Page<OrderView> ofCustomer(UUID id,
                               @Nullable @QueryValue List<@Pattern(regexp = "placed|paid|shipped|delivered|cancelled") String> status,
                               @Nullable @QueryValue OffsetDateTime from,
                               @Nullable @QueryValue OffsetDateTime to,
                               @Nullable @QueryValue String after,
                               @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return orders.ofCustomer(id, status == null ? List.of() : status, from, to,
                after == null ? null : Cursor.decode(after), limit);
    }
}
