package dev.tributary.projector;

import io.micronaut.runtime.Micronaut;

/** The projector: DynamoDB Stream in, Postgres read model out. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
