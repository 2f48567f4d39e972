package dev.tributary.domain;

/**
 * A request that was understood and refused because of the current state of the system. Answered
 * with 409 and a problem that names that state; nothing was written.
 */
public abstract class DomainRejection extends RuntimeException {

    private final String currentState;

    protected DomainRejection(String message, String currentState) {
        super(message);
        this.currentState = currentState;
    }

    /** The state that caused the refusal, for the client; null when there is none to name. */
    public String currentState() {
        return currentState;
    }
}
