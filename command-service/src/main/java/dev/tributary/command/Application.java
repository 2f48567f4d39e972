package dev.tributary.command;

import io.micronaut.runtime.Micronaut;

/** The command service: the write API. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
