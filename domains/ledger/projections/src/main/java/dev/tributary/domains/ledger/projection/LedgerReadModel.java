package dev.tributary.domains.ledger.projection;

import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_ACCOUNTS;
import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_DAILY_TRANSFERS;
import static dev.tributary.domains.ledger.projection.jooq.Tables.LEDGER_TRANSFERS;

import dev.tributary.readmodel.DomainProjection;
import dev.tributary.readmodel.DomainReadModel;
import dev.tributary.readmodel.ReadModelTable;
import dev.tributary.readmodel.projection.EventHandler;
import java.util.List;

/**
 * The ledger's read model, registered in {@code META-INF/services/dev.tributary.readmodel.DomainReadModel}:
 * its migrations ({@code db/ledger}) and its projection of balances, transfers and daily volume.
 */
public final class LedgerReadModel implements DomainReadModel {

    @Override
    public String domain() {
        return "ledger";
    }

    @Override
    public String migrations() {
        return "classpath:db/ledger";
    }

    @Override
    public List<DomainProjection> projections() {
        return List.of(new DomainProjection() {
            @Override
            public String name() {
                return "ledger";
            }

            @Override
            public List<ReadModelTable> tables() {
                return List.of(ReadModelTable.exposed(LEDGER_ACCOUNTS), ReadModelTable.exposed(LEDGER_TRANSFERS),
                        ReadModelTable.exposed(LEDGER_DAILY_TRANSFERS));
            }

            @Override
            public EventHandler newHandler() {
                return new AccountProjection();
            }
        });
    }
}
