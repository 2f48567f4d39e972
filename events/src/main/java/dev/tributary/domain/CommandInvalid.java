package dev.tributary.domain;

/**
 * A well-formed command that cannot be carried out as asked, whatever the state: it names something
 * that does not exist, or contradicts itself. Answered with 422; nothing is written.
 */
public class CommandInvalid extends RuntimeException {

    public CommandInvalid(String message) {
        super(message);
    }
}
