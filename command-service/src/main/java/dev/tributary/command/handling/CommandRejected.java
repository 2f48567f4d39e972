package dev.tributary.command.handling;

import dev.tributary.kit.http.DomainRejection;

/** A command the aggregate's current state does not allow. Answered with 409; nothing is written. */
public class CommandRejected extends RuntimeException implements DomainRejection {

    private final String currentState;

    public CommandRejected(String message, String currentState) {
        super(message);
        this.currentState = currentState;
    }

    @Override
    public String currentState() {
        return currentState;
    }
}
