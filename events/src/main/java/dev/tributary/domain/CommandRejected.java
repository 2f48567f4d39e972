package dev.tributary.domain;

/** A command the aggregate's current state does not allow. Answered with 409; nothing is written. */
public class CommandRejected extends DomainRejection {

    public CommandRejected(String message, String currentState) {
        super(message, currentState);
    }
}
