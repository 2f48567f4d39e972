package dev.tributary.command;

import dev.tributary.command.IdempotencyRaceIT.Kind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Identical retries with one key, arriving in any order and spacing, on either of two instances. */
class RetryInterleavingsIT {

    private static CommandServiceFixture one;
    private static CommandServiceFixture two;

    @BeforeContainer
    static void start() {
        one = new CommandServiceFixture();
        two = new CommandServiceFixture(one.tables, Map.of());
    }

    @AfterContainer
    static void stop() {
        two.close();
        one.close();
    }

    /** Request i arrives {@code arrivals[i]} ms after the first could, on instance {@code arrivals[i] % 2}. */
    @Property(tries = 15)
    void any_interleaving_of_identical_retries_has_one_effect_and_every_answer_is_the_original(
            @ForAll Kind kind, @ForAll @Size(min = 2, max = 6) List<@IntRange(min = 0, max = 40) Integer> arrivals) {
        var request = kind.setUp.apply(one);
        String key = UUID.randomUUID().toString();
        int before = one.eventCount();

        var answers = CommandServiceFixture.race(arrivals.size(), client -> {
            int arrival = arrivals.get(client);
            try {
                Thread.sleep(arrival);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return (arrival % 2 == 0 ? one : two).post(request.path(), request.body(), Map.of("Idempotency-Key", key));
        });

        IdempotencyRaceIT.assertOneEffectAndOneAnswer(answers, kind.events, one.eventCount() - before);
    }
}
