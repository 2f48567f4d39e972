package dev.tributary.domains.ledger.query;

import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_ACCOUNTS;
import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_DAILY_TRANSFERS;
import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_TRANSFERS;

import dev.tributary.query.consistency.Databases;
import dev.tributary.query.report.Report;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

@Singleton
final class JooqLedgerReads {

    private static final int LATEST_TRANSFERS = 20;

    private final DSLContext sql;
    private final DSLContext reports;

    JooqLedgerReads(Databases databases) {
        this.sql = databases.primary().sql();
        this.reports = databases.reports().sql();
    }

    Optional<AccountView> account(UUID id) {
        return sql.selectFrom(LEDGER_ACCOUNTS).where(LEDGER_ACCOUNTS.ACCOUNT_ID.eq(id)).fetchOptional().map(a -> {
            var out = sql.select(LEDGER_TRANSFERS.TRANSFER_ID, DSL.inline("out").as("direction"), LEDGER_TRANSFERS.TO_ACCOUNT.as("other"),
                            LEDGER_TRANSFERS.AMOUNT_MINOR, LEDGER_TRANSFERS.AT)
                    .from(LEDGER_TRANSFERS).where(LEDGER_TRANSFERS.FROM_ACCOUNT.eq(id))
                    .orderBy(LEDGER_TRANSFERS.AT.desc()).limit(LATEST_TRANSFERS);
            var in = sql.select(LEDGER_TRANSFERS.TRANSFER_ID, DSL.inline("in").as("direction"), LEDGER_TRANSFERS.FROM_ACCOUNT.as("other"),
                            LEDGER_TRANSFERS.AMOUNT_MINOR, LEDGER_TRANSFERS.AT)
                    .from(LEDGER_TRANSFERS).where(LEDGER_TRANSFERS.TO_ACCOUNT.eq(id))
                    .orderBy(LEDGER_TRANSFERS.AT.desc()).limit(LATEST_TRANSFERS);
            var latest = sql.select(DSL.asterisk()).from(out.unionAll(in).asTable("t"))
                    .orderBy(DSL.field(DSL.name("t", "at")).desc(), DSL.field(DSL.name("t", "transfer_id"))).limit(LATEST_TRANSFERS)
                    .fetch(r -> new AccountView.Transfer(r.get(LEDGER_TRANSFERS.TRANSFER_ID.getName(), UUID.class),
                            r.get("direction", String.class), r.get("other", UUID.class),
                            r.get(LEDGER_TRANSFERS.AMOUNT_MINOR.getName(), Long.class),
                            r.get(LEDGER_TRANSFERS.AT.getName(), java.time.OffsetDateTime.class)));
            return new AccountView(a.getAccountId(), a.getOwner(), a.getCurrency(), a.getBalanceMinor(), a.getOpenedAt(),
                    a.getVersion(), latest);
        });
    }

    /** Every UTC day from {@code from} (inclusive) to {@code to} (exclusive), days without transfers as zeros. */
    Report dailyVolume(LocalDate from, LocalDate to, String currency) {
        var day = DSL.field(DSL.name("d", "day"), SQLDataType.LOCALDATE);
        var days = DSL.select(DSL.field("CAST(generate_series(CAST({0} AS date), CAST({1} AS date) - 1, interval '1 day') AS date)",
                SQLDataType.LOCALDATE, DSL.val(from), DSL.val(to)).as("day")).asTable("d");
        var rows = new ArrayList<List<Object>>();
        reports.select(day, DSL.coalesce(LEDGER_DAILY_TRANSFERS.TRANSFERS, 0L), DSL.coalesce(LEDGER_DAILY_TRANSFERS.VOLUME_MINOR, 0L))
                .from(days)
                .leftJoin(LEDGER_DAILY_TRANSFERS).on(LEDGER_DAILY_TRANSFERS.DAY.eq(day)).and(LEDGER_DAILY_TRANSFERS.CURRENCY.eq(currency))
                .orderBy(day)
                .forEach(r -> rows.add(List.of(r.value1().toString(), currency, r.value2(), r.value3())));
        return new Report(List.of("day", "currency", "transfers", "volume_minor"), rows);
    }

    /** The accounts in {@code currency} with the largest balances, largest first; ties by account id. */
    Report largestAccounts(String currency, int limit) {
        var rows = new ArrayList<List<Object>>();
        reports.select(LEDGER_ACCOUNTS.ACCOUNT_ID, LEDGER_ACCOUNTS.OWNER, LEDGER_ACCOUNTS.BALANCE_MINOR)
                .from(LEDGER_ACCOUNTS).where(LEDGER_ACCOUNTS.CURRENCY.eq(currency))
                .orderBy(LEDGER_ACCOUNTS.BALANCE_MINOR.desc(), LEDGER_ACCOUNTS.ACCOUNT_ID).limit(limit)
                .forEach(r -> rows.add(List.of(r.value1().toString(), r.value2(), r.value3())));
        return new Report(List.of("account_id", "owner", "balance_minor"), rows);
    }
}
