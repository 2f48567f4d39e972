package dev.tributary.command.eventstore;

import dev.tributary.command.idempotency.IdempotencyRecord;
import dev.tributary.events.AggregateId;
import dev.tributary.events.StoredEvent;
import dev.tributary.eventstore.TableNames;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real event store, made to hold a request in flight: with {@code tributary.test.hold-appends=true}
 * every append waits, after its command has decided and claimed its key and before anything is
 * written, until the test lets appends go. Only tests set that property.
 */
@Singleton
@Replaces(DynamoEventStore.class)
@Requires(property = "tributary.test.hold-appends", value = "true")
public final class HeldAppends implements EventStore {

    private final DynamoEventStore store;
    private final Semaphore held = new Semaphore(0);
    private final CountDownLatch released = new CountDownLatch(1);

    HeldAppends(DynamoDbClient dynamo, TableNames tables) {
        this.store = new DynamoEventStore(dynamo, tables);
    }

    @Override
    public List<StoredEvent> load(AggregateId aggregate, long from) {
        return store.load(aggregate, from);
    }

    @Override
    public void append(List<Append> appends, UUID commandId, @Nullable IdempotencyRecord idempotency) {
        held.release();
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the held append go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        store.append(appends, commandId, idempotency);
    }

    /** Returns once an append is being held. */
    public void awaitHeld() throws InterruptedException {
        if (!held.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new AssertionError("no append arrived to hold");
        }
    }

    /** Lets every held append, and every later one, go. */
    public void release() {
        released.countDown();
    }
}
