package dev.tributary.command.snapshot;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An aggregate state's snapshot format: an explicit DynamoDB map, written field by field, so renaming
 * a record component or a Java type changes nothing stored.
 *
 * <p>Any change to what {@link #encode} writes or {@link #decode} accepts bumps {@link #schema()}.
 * Snapshots of another schema are then ignored, and the aggregate is folded from its events until a
 * snapshot in the new format is taken.
 *
 * @param <S> the aggregate's state
 */
public interface StateCodec<S> {

    /** The format's version, stored beside every snapshot. */
    int schema();

    Map<String, AttributeValue> encode(S state);

    /** The state {@link #encode} wrote; {@code decode(encode(s)).equals(s)} for every state. */
    S decode(Map<String, AttributeValue> encoded) throws UndecodableState;
}
