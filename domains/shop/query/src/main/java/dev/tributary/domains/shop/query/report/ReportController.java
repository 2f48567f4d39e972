package dev.tributary.domains.shop.query.report;

import dev.tributary.query.consistency.ReadsReports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Reports for analysts (role {@code analyst} or {@code admin}): JSON by default, CSV with
 * {@code Accept: text/csv}. Amounts are in minor units of one currency.
 */
@ReadsReports
@Controller("/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"analyst", "admin"})
class ReportController {

    private static final String CSV = "text/csv";
    private final RevenueReport revenue;
    private final TopCustomersReport topCustomers;
    private final TopProductsReport topProducts;
    private final OrdersByStatusReport ordersByStatus;
    private final OrderValueReport orderValue;
    private final RevenueByCategoryReport revenueByCategory;
    private final CohortsReport cohorts;

    ReportController(RevenueReport revenue, TopCustomersReport topCustomers, TopProductsReport topProducts,
                     OrdersByStatusReport ordersByStatus, OrderValueReport orderValue, CohortsReport cohorts,
                     RevenueByCategoryReport revenueByCategory) {
        this.revenue = revenue;
        this.topCustomers = topCustomers;
        this.topProducts = topProducts;
        this.ordersByStatus = ordersByStatus;
        this.orderValue = orderValue;
        this.revenueByCategory = revenueByCategory;
        this.cohorts = cohorts;
    }

    /**
     * Orders placed and revenue per day, week or month: "daily orders and revenue" with {@code by=day}.
     *
     * @param from first day (inclusive), in {@code tz}
     * @param to   last day (exclusive), at most 10 years after {@code from}
     * @param by   day, week (starting Monday) or month
     * @param tz   an IANA time zone such as Europe/Berlin; days begin at its midnight
     */
    @Get("/revenue")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    HttpResponse<?> revenue(HttpRequest<?> request, LocalDate from, LocalDate to,
                            @QueryValue(defaultValue = "day") @Pattern(regexp = "day|week|month") String by,
                            @QueryValue(defaultValue = "UTC") String tz,
                            @QueryValue(defaultValue = "EUR") @Pattern(regexp = "[A-Z]{3}") String currency) {
        if (!from.isBefore(to) || ChronoUnit.YEARS.between(from, to) >= 10) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "from must be before to, and at most 10 years before it");
        }
        return revenue.report(from, to, RevenueReport.Period.valueOf(by.toUpperCase(Locale.ROOT)), zone(tz), currency).answer(request);
    }

    /**
     * "Top 10 customers by total spend since a date, with their order count": orders placed since
     * then and not cancelled.
     *
     * @param since an ISO-8601 date (midnight UTC) or instant
     */
    @Get("/top-customers")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    HttpResponse<?> topCustomers(HttpRequest<?> request, String since,
                                 @QueryValue(defaultValue = "10") @Min(1) @Max(1000) int limit,
                                 @QueryValue(defaultValue = "EUR") @Pattern(regexp = "[A-Z]{3}") String currency) {
        return topCustomers.report(instant(since), limit, currency).answer(request);
    }

    /** The products that sold most since a date, on orders not cancelled, {@code by} units or revenue. */
    @Get("/top-products")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    HttpResponse<?> topProducts(HttpRequest<?> request, String since,
                                @QueryValue(defaultValue = "units") @Pattern(regexp = "units|revenue") String by,
                                @QueryValue(defaultValue = "10") @Min(1) @Max(1000) int limit,
                                @QueryValue(defaultValue = "EUR") @Pattern(regexp = "[A-Z]{3}") String currency) {
        return topProducts.report(instant(since), limit, TopProductsReport.By.valueOf(by.toUpperCase(Locale.ROOT)), currency)
                .answer(request);
    }

    /** Orders placed in {@code [from, to)} (dates or instants) by their current status. */
    @Get("/orders-by-status")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    HttpResponse<?> ordersByStatus(HttpRequest<?> request, String from, String to) {
        return ordersByStatus.report(instant(from), instant(to)).answer(request);
    }

    /** Average order value and cancellation rate of the orders placed in {@code [from, to)}. */
    /**
     * Revenue by category: orders placed in {@code [from, to)} and not cancelled, per product category,
     * highest revenue first.
     *
     * @param from an ISO-8601 date (midnight UTC) or instant
     * @param to   the same, after {@code from}
     */
    @Get("/revenue-by-category")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    HttpResponse<?> revenueByCategory(HttpRequest<?> request, String from, String to,
                                      @QueryValue(defaultValue = "EUR") @Pattern(regexp = "[A-Z]{3}") String currency) {
        var start = instant(from);
        var end = instant(to);
        if (!start.isBefore(end)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        return revenueByCategory.report(start, end, currency).answer(request);
    }

    @Get("/order-value")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    HttpResponse<?> orderValue(HttpRequest<?> request, String from, String to,
                               @QueryValue(defaultValue = "EUR") @Pattern(regexp = "[A-Z]{3}") String currency) {
        return orderValue.report(instant(from), instant(to), currency).answer(request);
    }

    /**
     * Customers by the month of their first order, and their orders in the months after. Cohorts whose
     * first month falls in {@code [from, to)}, months as the calendar runs in {@code tz}.
     */
    @Get("/cohorts")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    HttpResponse<?> cohorts(HttpRequest<?> request, LocalDate from, LocalDate to, @QueryValue(defaultValue = "UTC") String tz) {
        if (!from.isBefore(to)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        return cohorts.report(from, to, zone(tz)).answer(request);
    }

    private static ZoneId zone(String tz) {
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "tz must be an IANA time zone such as Europe/Berlin, not " + tz);
        }
    }

    private static OffsetDateTime instant(String since) {
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay().atOffset(java.time.ZoneOffset.UTC)
                    : OffsetDateTime.parse(since);
        } catch (DateTimeException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "dates must be a date (2026-01-01, midnight UTC) or an instant "
                    + "(2026-01-01T00:00:00Z), not " + since);
        }
    }

}
