package dev.tributary.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableNamesTest {

    @Test
    void the_default_snapshots_table_is_tributary_snapshots() {
        assertThat(TableNames.DEFAULTS).isEqualTo(
                new TableNames("tributary-events", "tributary-idempotency", "tributary-snapshots"));
    }

    @Test
    void without_a_name_of_its_own_the_snapshots_table_is_named_after_the_events_table() {
        assertThat(new TableNames("prod-events", "prod-idempotency").snapshots()).isEqualTo("prod-snapshots");
        assertThat(new TableNames("events-1a2b", "idempotency-1a2b").snapshots()).isEqualTo("events-1a2b-snapshots");
        assertThat(new TableNames("ledger", "keys").snapshots()).isEqualTo("ledger-snapshots");
    }
}
