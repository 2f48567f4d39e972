package dev.tributary.eventstore;

/** An item that is not a valid event: retrying will not help, so consumers park it. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
