package dev.tributary.command.handling;

import dev.tributary.command.eventstore.ConcurrencyConflict;
import dev.tributary.command.eventstore.EventStore;
import dev.tributary.command.eventstore.IdempotencyKeyTaken;
import dev.tributary.command.handling.Aggregates.Loaded;
import dev.tributary.command.http.CommandAccepted;
import dev.tributary.command.idempotency.IdempotencyKeyReused;
import dev.tributary.command.idempotency.IdempotencyKeys;
import dev.tributary.command.idempotency.IdempotencyRecord;
import dev.tributary.command.idempotency.StoredResponse;
import dev.tributary.command.snapshot.SnapshotSettings;
import dev.tributary.command.snapshot.Snapshots;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Carries out commands: decide from fresh state, append conditionally, answer.
 *
 * <ul>
 *   <li>A command with an idempotency key that was already used answers with the stored response
 *       (same request) or 422 (different request), and writes nothing.</li>
 *   <li>The idempotency record is written in the same transaction as the events.</li>
 *   <li>A version conflict is re-decided from fresh state, a bounded number of times, when the
 *       command says that is safe; otherwise, and always under {@code If-Match}, it is a 409.</li>
 *   <li>Once the events are stored, each aggregate the command took {@code snapshot-every} or more
 *       versions past the snapshot it was loaded from is snapshotted in the background. The answer
 *       does not wait for it, and a snapshot that fails changes nothing about it.</li>
 * </ul>
 */
@Singleton
public final class CommandRunner {

    static final int MAX_ATTEMPTS = 8;

    private final EventStore events;
    private final Aggregates aggregates;
    private final IdempotencyKeys keys;
    private final Snapshots snapshots;
    private final SnapshotSettings snapshotting;

    CommandRunner(EventStore events, Aggregates aggregates, IdempotencyKeys keys, Snapshots snapshots,
                  SnapshotSettings snapshotting) {
        this.events = events;
        this.aggregates = aggregates;
        this.keys = keys;
        this.snapshots = snapshots;
        this.snapshotting = snapshotting;
    }

    /**
     * A command on one aggregate, decided by its decider. A creating command names an id the server
     * has just generated, so it is decided from the initial state without reading the (empty)
     * history; the conditional append still refuses it if that id were somehow taken.
     */
    public <C, S, E extends DomainEvent> Outcome run(CommandContext context, Decider<C, S, E> decider,
            AggregateId aggregate, C command, boolean creates, RetryPolicy retry) {
        return run(context, retry, () -> {
            var loaded = creates ? Loaded.initial(aggregate, decider) : aggregates.load(aggregate, decider);
            List<E> decided = decider.decide(command, loaded.state());
            return new Decision(aggregate, loaded.version(), List.of(Change.of(loaded, decider, decided)), creates);
        });
    }

    /** Any command: {@code decide} loads what it needs and decides; it runs again after a conflict. */
    public Outcome run(CommandContext context, RetryPolicy retry, Supplier<Decision> decide) {
        if (context.idempotencyKey() != null) {
            var existing = keys.find(context.idempotencyKey());
            if (existing.isPresent()) {
                return replay(context, existing.get());
            }
        }
        for (int attempt = 1; ; attempt++) {
            Decision decision = decide.get();
            if (context.ifMatch() != null && context.ifMatch() != decision.primaryVersion()) {
                throw new VersionMismatch(decision.primary(), context.ifMatch(), decision.primaryVersion());
            }
            var response = response(decision);
            if (decision.appends().isEmpty()) {
                return new Outcome(response, false);
            }
            var record = context.idempotencyKey() == null ? null : new IdempotencyRecord(context.idempotencyKey(),
                    context.requestHash(), context.commandId(), response, keys.expiryFromNow());
            try {
                events.append(decision.appends(), context.commandId(), record);
                decision.changes().forEach(change -> snapshotIfDue(change, context.commandId()));
                return new Outcome(response, false);
            } catch (ConcurrencyConflict conflict) {
                if (retry == RetryPolicy.NEVER || context.ifMatch() != null || attempt >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                backOff(attempt);
            } catch (IdempotencyKeyTaken taken) {
                return replay(context, keys.find(context.idempotencyKey()).orElseThrow(() -> taken));
            }
        }
    }

    private <S> void snapshotIfDue(Change<S> change, UUID commandId) {
        if (!change.events().isEmpty() && snapshotting.due(change.before().snapshotVersion(), change.newVersion())) {
            snapshots.save(change.snapshot(commandId), change.codec());
        }
    }

    private Outcome replay(CommandContext context, IdempotencyRecord record) {
        if (!record.requestHash().equals(context.requestHash())) {
            throw new IdempotencyKeyReused(context.idempotencyKey());
        }
        return new Outcome(record.response(), true);
    }

    private static StoredResponse response(Decision decision) {
        var body = new CommandAccepted(decision.primary().id(), decision.primary().pk(), decision.newVersion());
        return new StoredResponse(decision.created() ? 201 : 200, body,
                decision.created() ? "/" + decision.primary().type().name().toLowerCase() + "s/" + decision.primary().id() : null,
                decision.primary().pk() + "@" + decision.newVersion());
    }

    private static void backOff(int attempt) {
        long ceiling = Math.min(200, 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicting command", e);
        }
    }

    /** Whether a version conflict may be re-decided from fresh state. */
    public enum RetryPolicy {
        /** The decision depends on state the client saw; a conflict is the client's to resolve (409). */
        NEVER,
        /** The decision is re-checked against fresh state, so re-deciding cannot break an invariant. */
        REDECIDE
    }

    /** A command's answer, and whether it is a replay of an earlier one with the same idempotency key. */
    public record Outcome(StoredResponse response, boolean replayed) {
    }
}
