package dev.tributary.domains.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.domains.ledger.command.AccountState.Open;
import dev.tributary.domains.ledger.command.AccountState.Unopened;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AccountStateCodecTest {

    @Property(tries = 200)
    void an_open_account_reads_back_as_it_was_snapshotted(@ForAll @StringLength(max = 200) String owner,
                                                          @ForAll @LongRange(min = 0) long balance) {
        var state = new Open(owner, "EUR", balance);
        assertThat(AccountStateCodec.INSTANCE.decode(AccountStateCodec.INSTANCE.encode(state))).isEqualTo(state);
    }

    @Test
    void an_unopened_account_reads_back_as_it_was_snapshotted() {
        assertThat(AccountStateCodec.INSTANCE.decode(AccountStateCodec.INSTANCE.encode(new Unopened()))).isEqualTo(new Unopened());
    }
}
