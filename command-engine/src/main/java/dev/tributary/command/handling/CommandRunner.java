package dev.tributary.command.handling;

import dev.tributary.domain.Decider;

import dev.tributary.command.eventstore.ConcurrencyConflict;
import dev.tributary.command.eventstore.EventStore;
import dev.tributary.command.handling.Aggregates.Loaded;
import dev.tributary.command.handling.KeyClaims.Answered;
import dev.tributary.command.handling.KeyClaims.Claimed;
import dev.tributary.command.http.CommandAccepted;
import dev.tributary.command.idempotency.IdempotencyKeyTaken;
import dev.tributary.command.idempotency.IdempotencyKeys;
import dev.tributary.command.idempotency.IdempotencyRecord;
import dev.tributary.command.idempotency.StoredResponse;
import dev.tributary.command.snapshot.SnapshotSettings;
import dev.tributary.command.snapshot.Snapshots;
import dev.tributary.events.AggregateId;
import dev.tributary.events.DomainEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Carries out commands: decide from fresh state, append conditionally, answer.
 *
 * <ul>
 *   <li>A command with an idempotency key runs only once it holds the key ({@link KeyClaims}): a key
 *       already answered replays the stored response (same request) or is a 422 (different request),
 *       and a key held by a request still in flight is waited for, on any instance.</li>
 *   <li>The answer is stored under the key in the same transaction as the events, so a key is answered
 *       exactly when its command took effect. A command that takes no effect (a 4xx, or a 200 that asked
 *       for what already is) stores no answer: it releases the key, and a retry decides again.</li>
 *   <li>A version conflict is re-decided from fresh state, for up to {@code conflict-retry-for}, when the
 *       command says that is safe; otherwise, and always under {@code If-Match}, it is a 409.</li>
 *   <li>Once the events are stored, each aggregate the command took {@code snapshot-every} or more
 *       versions past the snapshot it was loaded from is snapshotted in the background. The answer
 *       does not wait for it, and a snapshot that fails changes nothing about it.</li>
 * </ul>
 */
@Singleton
public final class CommandRunner {

    private final EventStore events;
    private final Aggregates aggregates;
    private final IdempotencyKeys keys;
    private final KeyClaims claims;
    private final Snapshots snapshots;
    private final SnapshotSettings snapshotting;
    private final ConflictSettings conflicts;

    CommandRunner(EventStore events, Aggregates aggregates, IdempotencyKeys keys, KeyClaims claims,
                  Snapshots snapshots, SnapshotSettings snapshotting, ConflictSettings conflicts) {
        this.events = events;
        this.aggregates = aggregates;
        this.keys = keys;
        this.claims = claims;
        this.snapshots = snapshots;
        this.snapshotting = snapshotting;
        this.conflicts = conflicts;
    }

    /**
     * A command on one aggregate, decided by its decider. A creating command names an id the server
     * has just generated, so it is decided from the initial state without reading the (empty)
     * history; the conditional append still refuses it if that id were somehow taken.
     */
    public <C, S, E extends DomainEvent> Outcome run(CommandContext context, Aggregate<C, S, E> decider,
            AggregateId aggregate, C command, boolean creates, RetryPolicy retry) {
        return run(context, retry, () -> {
            var loaded = creates ? Loaded.initial(aggregate, decider) : aggregates.load(aggregate, decider);
            List<E> decided = decider.decide(command, loaded.state());
            return new Decision(aggregate, loaded.version(), List.of(Change.of(loaded, decider, decided)), creates);
        });
    }

    /** Any command: {@code decide} loads what it needs and decides; it runs again after a conflict. */
    public Outcome run(CommandContext context, RetryPolicy retry, Supplier<Decision> decide) {
        if (context.idempotencyKey() == null) {
            return decideAndAppend(context, retry, decide, null);
        }
        while (true) {
            switch (claims.admit(context)) {
                case Answered answered -> {
                    return new Outcome(answered.response(), true);
                }
                case Claimed claimed -> {
                    try {
                        return decideAndAppend(context, retry, decide, claimed.claim());
                    } catch (RuntimeException failure) {
                        if (released(claimed.claim(), failure)) {
                            throw failure;
                        }
                    }
                }
            }
        }
    }

    private Outcome decideAndAppend(CommandContext context, RetryPolicy retry, Supplier<Decision> decide,
                                    @Nullable IdempotencyRecord claim) {
        long deadline = System.nanoTime() + conflicts.conflictRetryFor().toNanos();
        for (int attempt = 1; ; attempt++) {
            Decision decision = decide.get();
            if (context.ifMatch() != null && context.ifMatch() != decision.primaryVersion()) {
                throw new VersionMismatch(decision.primary(), context.ifMatch(), decision.primaryVersion());
            }
            var response = response(decision);
            if (decision.appends().isEmpty()) {
                if (claim != null && !keys.release(claim)) {
                    throw new IdempotencyKeyTaken(claim.key());
                }
                return new Outcome(response, false);
            }
            try {
                events.append(decision.appends(), context.commandId(),
                        claim == null ? null : claim.answer(response, keys.expiryFromNow()));
                decision.changes().forEach(change -> snapshotIfDue(change, context.commandId()));
                return new Outcome(response, false);
            } catch (ConcurrencyConflict conflict) {
                if (retry == RetryPolicy.NEVER || context.ifMatch() != null || System.nanoTime() >= deadline) {
                    throw conflict;
                }
                Backoff.pause(attempt, "a conflicting command");
            }
        }
    }

    /**
     * Gives up the claim of a command that failed, so a retry can run at once; false when the claim
     * was no longer this command's to give up, and the key's answer is another request's.
     */
    private boolean released(IdempotencyRecord claim, RuntimeException failure) {
        try {
            return keys.release(claim);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return true;
        }
    }

    private <S> void snapshotIfDue(Change<S> change, UUID commandId) {
        if (!change.events().isEmpty() && snapshotting.due(change.before().snapshotVersion(), change.newVersion())) {
            snapshots.save(change.snapshot(commandId), change.codec());
        }
    }

    private static StoredResponse response(Decision decision) {
        var body = new CommandAccepted(decision.primary().id(), decision.primary().pk(), decision.newVersion());
        return new StoredResponse(decision.created() ? 201 : 200, body,
                decision.created() ? "/" + decision.primary().type().name().toLowerCase() + "s/" + decision.primary().id() : null,
                decision.primary().pk() + "@" + decision.newVersion());
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
