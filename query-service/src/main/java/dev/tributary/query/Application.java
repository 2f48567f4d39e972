package dev.tributary.query;

import io.micronaut.runtime.Micronaut;

/** The query service: reads over the Postgres read model. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
