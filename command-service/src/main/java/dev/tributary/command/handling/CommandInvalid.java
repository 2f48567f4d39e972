package dev.tributary.command.handling;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/**
 * A well-formed command that cannot be carried out as asked, whatever the state: it names something
 * that does not exist, or contradicts itself. Answered with 422; nothing is written.
 */
public class CommandInvalid extends HttpStatusException {

    public CommandInvalid(String message) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, message);
    }
}
