package dev.tributary.domains.shop.projection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The keys of the summary rows and what placed orders add to them; each sum is order-free. */
final class SalesTotals {

    private SalesTotals() {
    }

    record Day(LocalDate day, String currency) {
    }

    record Daily(long orders, long revenue) {
        Daily plus(Daily other) {
            return new Daily(orders + other.orders, revenue + other.revenue);
        }
    }

    record Buyer(UUID customer, String currency) {
    }

    record Spend(long orders, long total, OffsetDateTime first, OffsetDateTime last) {
        Spend plus(Spend other) {
            return new Spend(orders + other.orders, total + other.total,
                    first.isBefore(other.first) ? first : other.first, last.isAfter(other.last) ? last : other.last);
        }
    }

    record Sold(UUID product, String currency) {
    }

    record SoldOnDay(LocalDate day, UUID product, String currency) {
    }

    record Units(long orders, long units, long revenue) {
        Units plus(Units other) {
            return new Units(orders + other.orders, units + other.units, revenue + other.revenue);
        }
    }
}
