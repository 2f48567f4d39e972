package dev.tributary.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.eventstore.UndecodableEventException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class FailuresTest {

    @Test
    void an_event_that_cannot_be_decoded_is_poison() {
        assertThat(Failures.isPoison(new UndecodableEventException("unknown event type CustomerTeleported"))).isTrue();
    }

    @Test
    void a_handler_bug_on_the_event_is_poison() {
        assertThat(Failures.isPoison(new NullPointerException("lines"))).isTrue();
    }

    @Test
    void values_postgres_rejects_are_poison() {
        assertThat(Failures.isPoison(new DataAccessException("insert", new SQLException("check violated", "23514")))).isTrue();
        assertThat(Failures.isPoison(new DataAccessException("insert", new SQLException("out of range", "22003")))).isTrue();
    }

    @Test
    void postgres_unreachable_restarting_or_deadlocked_is_not_poison() {
        assertThat(Failures.isPoison(new DataAccessException("connect", new SQLException("refused", "08001")))).isFalse();
        assertThat(Failures.isPoison(new DataAccessException("pool", new SQLTransientConnectionException("timed out")))).isFalse();
        assertThat(Failures.isPoison(new DataAccessException("shutdown", new SQLException("terminating", "57P01")))).isFalse();
        assertThat(Failures.isPoison(new DataAccessException("deadlock", new SQLException("deadlock detected", "40P01")))).isFalse();
    }

    @Test
    void a_missing_table_after_a_bad_deploy_is_not_poison_because_every_event_would_fail() {
        assertThat(Failures.isPoison(new DataAccessException("select", new SQLException("relation does not exist", "42P01")))).isFalse();
    }

    @Test
    void dynamodb_unreachable_during_gap_repair_is_not_poison() {
        assertThat(Failures.isPoison(SdkClientException.create("unable to execute", new ConnectException("refused")))).isFalse();
    }

    @Test
    void a_refused_or_broken_connection_says_postgres_is_unreachable_and_a_bad_value_does_not() {
        assertThat(Failures.unreachable(new RuntimeException(new SQLException("Connection refused", "08001")))).isEqualTo("Connection refused");
        assertThat(Failures.unreachable(new SQLTransientConnectionException("pool timed out"))).isEqualTo("pool timed out");
        assertThat(Failures.unreachable(new RuntimeException(new ConnectException("refused")))).isEqualTo("refused");
        assertThat(Failures.unreachable(new DataAccessException("insert", new SQLException("check violated", "23514")))).isNull();
    }
}
