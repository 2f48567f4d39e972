package dev.tributary.command.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The guarantees every {@link StateCodec} gives, checked over a set of sample states. */
public final class CodecSpec {

    private CodecSpec() {
    }

    /** Each sample decodes to itself, and the samples cover every variant of the sealed state type. */
    public static <S> void roundTrips(StateCodec<S> codec, Class<S> sealedState, List<? extends S> samples) {
        for (S sample : samples) {
            assertThat(codec.decode(codec.encode(sample))).as("%s round trip", sample).isEqualTo(sample);
        }
        assertThat(samples.stream().map(Object::getClass).distinct())
                .as("a sample of every variant")
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(sealedState.getPermittedSubclasses()));
    }

    /** Without any one of its fields, or with an unknown kind, an encoded state is refused, never guessed. */
    public static <S> void refusesIncomplete(StateCodec<S> codec, S sample) {
        Map<String, AttributeValue> encoded = codec.encode(sample);
        for (String field : encoded.keySet()) {
            var without = new HashMap<>(encoded);
            without.remove(field);
            assertThatThrownBy(() -> codec.decode(without)).as("without %s", field).isInstanceOf(UndecodableState.class);
        }
        var unknown = new HashMap<>(encoded);
        unknown.put(StateMaps.KIND, AttributeValue.fromS("NoSuchKind"));
        assertThatThrownBy(() -> codec.decode(unknown)).isInstanceOf(UndecodableState.class).hasMessageContaining("NoSuchKind");
    }
}
