package dev.tributary.kit.http;

/** A request that was understood and refused because of the current state of the system. */
public interface DomainRejection {

    /** The state that caused the refusal, for the client; null when there is none to name. */
    String currentState();
}
