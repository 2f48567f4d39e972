package dev.tributary.command.snapshot;

/** A snapshot's state that its codec cannot read: a missing or malformed field, or an unknown kind. */
public class UndecodableState extends RuntimeException {

    public UndecodableState(String message) {
        super(message);
    }
}
