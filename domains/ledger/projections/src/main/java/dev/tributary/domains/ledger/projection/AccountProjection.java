package dev.tributary.domains.ledger.projection;

import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_ACCOUNTS;
import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_DAILY_TRANSFERS;
import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_TRANSFERS;
import static dev.tributary.readmodel.projection.Shape.AT;
import static dev.tributary.readmodel.projection.Shape.VERSION;

import dev.tributary.domains.ledger.events.AccountEvent;
import dev.tributary.domains.ledger.events.AccountEvent.AccountOpened;
import dev.tributary.domains.ledger.events.AccountEvent.MoneyDeposited;
import dev.tributary.domains.ledger.events.AccountEvent.MoneyWithdrawn;
import dev.tributary.domains.ledger.events.AccountEvent.TransferReceived;
import dev.tributary.domains.ledger.events.AccountEvent.TransferSent;
import dev.tributary.domains.ledger.projection.jooq.tables.records.LedgerAccountsRecord;
import dev.tributary.events.StoredEvent;
import dev.tributary.readmodel.projection.EventHandler;
import dev.tributary.readmodel.projection.Shape;
import dev.tributary.readmodel.projection.Shape.Column;
import dev.tributary.readmodel.projection.Statement;
import dev.tributary.readmodel.projection.VersionedUpdate;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Balances, transfers and the daily volume. A balance changes by each event's amount, once: the update
 * applies only to a row older than the event. A transfer is written from its sending side, and counted
 * in its day's volume by an increment summed per day and currency within each statement.
 */
final class AccountProjection implements EventHandler {

    private static final Column<UUID> ACCOUNT = new Column<>("account_id", SQLDataType.UUID);
    private static final Column<String> OWNER = new Column<>("owner", SQLDataType.CLOB);
    private static final Column<String> CURRENCY = new Column<>("currency", SQLDataType.CLOB);
    private static final Column<Long> DELTA = new Column<>("delta", SQLDataType.BIGINT);
    private static final Column<UUID> TRANSFER = new Column<>("transfer_id", SQLDataType.UUID);
    private static final Column<UUID> TO = new Column<>("to_account", SQLDataType.UUID);
    private static final Column<Long> AMOUNT = new Column<>("amount_minor", SQLDataType.BIGINT);
    private static final Column<LocalDate> DAY = new Column<>("day", SQLDataType.LOCALDATE);

    private static final VersionedUpdate<LedgerAccountsRecord> UPDATE = new VersionedUpdate<>(LEDGER_ACCOUNTS,
            LEDGER_ACCOUNTS.ACCOUNT_ID, LEDGER_ACCOUNTS.UPDATED_AT, LEDGER_ACCOUNTS.VERSION);

    private static final Shape OPENED = Shape.of("account opened", List.of(ACCOUNT, OWNER, CURRENCY, AT, VERSION),
            (db, v) -> db.insertInto(LEDGER_ACCOUNTS, LEDGER_ACCOUNTS.ACCOUNT_ID, LEDGER_ACCOUNTS.OWNER, LEDGER_ACCOUNTS.CURRENCY,
                            LEDGER_ACCOUNTS.BALANCE_MINOR, LEDGER_ACCOUNTS.OPENED_AT, LEDGER_ACCOUNTS.UPDATED_AT, LEDGER_ACCOUNTS.VERSION)
                    .select(DSL.select(v.get(ACCOUNT), v.get(OWNER), v.get(CURRENCY), DSL.val(0L), v.get(AT), v.get(AT), v.get(VERSION))
                            .from(v.table()))
                    .onConflict(LEDGER_ACCOUNTS.ACCOUNT_ID).doNothing());
    private static final Shape BALANCE_CHANGED = UPDATE.shape("account balance changed", List.of(DELTA),
            (update, v) -> update.set(LEDGER_ACCOUNTS.BALANCE_MINOR, LEDGER_ACCOUNTS.BALANCE_MINOR.plus(v.get(DELTA))));
    private static final Shape TRANSFERRED = Shape.of("transfer sent", List.of(TRANSFER, ACCOUNT, TO, AMOUNT, CURRENCY, AT),
            (db, v) -> db.insertInto(LEDGER_TRANSFERS, LEDGER_TRANSFERS.TRANSFER_ID, LEDGER_TRANSFERS.FROM_ACCOUNT,
                            LEDGER_TRANSFERS.TO_ACCOUNT, LEDGER_TRANSFERS.AMOUNT_MINOR, LEDGER_TRANSFERS.CURRENCY, LEDGER_TRANSFERS.AT)
                    .select(DSL.select(v.get(TRANSFER), v.get(ACCOUNT), v.get(TO), v.get(AMOUNT), v.get(CURRENCY), v.get(AT)).from(v.table()))
                    .onConflict(LEDGER_TRANSFERS.TRANSFER_ID).doNothing());
    private static final Shape VOLUME = Shape.of("daily transfer volume", List.of(DAY, CURRENCY, AMOUNT),
            (db, v) -> db.insertInto(LEDGER_DAILY_TRANSFERS, LEDGER_DAILY_TRANSFERS.DAY, LEDGER_DAILY_TRANSFERS.CURRENCY,
                            LEDGER_DAILY_TRANSFERS.TRANSFERS, LEDGER_DAILY_TRANSFERS.VOLUME_MINOR)
                    .select(DSL.select(v.get(DAY), v.get(CURRENCY), DSL.count().cast(SQLDataType.BIGINT), DSL.sum(v.get(AMOUNT)).cast(SQLDataType.BIGINT))
                            .from(v.table()).groupBy(v.get(DAY), v.get(CURRENCY)))
                    .onConflict(LEDGER_DAILY_TRANSFERS.DAY, LEDGER_DAILY_TRANSFERS.CURRENCY).doUpdate()
                    .set(LEDGER_DAILY_TRANSFERS.TRANSFERS, LEDGER_DAILY_TRANSFERS.TRANSFERS.plus(DSL.excluded(LEDGER_DAILY_TRANSFERS.TRANSFERS)))
                    .set(LEDGER_DAILY_TRANSFERS.VOLUME_MINOR, LEDGER_DAILY_TRANSFERS.VOLUME_MINOR.plus(DSL.excluded(LEDGER_DAILY_TRANSFERS.VOLUME_MINOR))));

    @Override
    public List<Statement> queries(StoredEvent stored) {
        if (!(stored.data() instanceof AccountEvent event)) {
            return List.of();
        }
        OffsetDateTime at = stored.occurredAt().atOffset(ZoneOffset.UTC);
        UUID id = stored.aggregateId().id();
        long version = stored.version();
        return switch (event) {
            case AccountOpened opened -> List.of(OPENED.row(opened.accountId(), opened.owner(), opened.currency(), at, version));
            case MoneyDeposited deposited -> List.of(BALANCE_CHANGED.row(id, at, version, deposited.amount().minor()));
            case MoneyWithdrawn withdrawn -> List.of(BALANCE_CHANGED.row(id, at, version, -withdrawn.amount().minor()));
            case TransferReceived received -> List.of(BALANCE_CHANGED.row(id, at, version, received.amount().minor()));
            case TransferSent sent -> List.of(
                    BALANCE_CHANGED.row(id, at, version, -sent.amount().minor()),
                    TRANSFERRED.row(sent.transferId(), id, sent.toAccountId(), sent.amount().minor(), sent.amount().currency(), at),
                    VOLUME.row(at.toLocalDate(), sent.amount().currency(), sent.amount().minor()));
        };
    }

    @Override
    public List<Query> totals(DSLContext sql) {
        return List.of();
    }
}
