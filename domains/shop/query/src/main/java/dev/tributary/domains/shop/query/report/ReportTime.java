package dev.tributary.domains.shop.query.report;

import static dev.tributary.domains.shop.projection.jooq.Tables.ORDERS;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The days and wall clocks the reports group orders by. */
final class ReportTime {

    private ReportTime() {
    }

    /** The first UTC midnight at or after an instant. */
    static LocalDate startOfDayOnOrAfter(OffsetDateTime instant) {
        var utc = instant.withOffsetSameInstant(ZoneOffset.UTC);
        return utc.toLocalTime().equals(LocalTime.MIDNIGHT) ? utc.toLocalDate() : utc.toLocalDate().plusDays(1);
    }

    /** When an order was placed, on the wall clock of {@code zone}. */
    static Field<LocalDateTime> placedIn(ZoneId zone) {
        return DSL.field("({0} AT TIME ZONE {1})", SQLDataType.LOCALDATETIME, ORDERS.PLACED_AT, DSL.val(zone.getId()));
    }
}
