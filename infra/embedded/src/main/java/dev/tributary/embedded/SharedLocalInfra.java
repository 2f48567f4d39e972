package dev.tributary.embedded;

/**
 * One in-memory DynamoDB Local and one throwaway Postgres per JVM, started on first use and stopped
 * at exit, so a module's integration tests share them instead of starting their own.
 */
public final class SharedLocalInfra {

    private static LocalDynamo dynamo;
    private static LocalPostgres postgres;

    private SharedLocalInfra() {
    }

    public static synchronized LocalDynamo dynamo() {
        if (dynamo == null) {
            dynamo = LocalDynamo.startInMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(dynamo::close, "stop-dynamodb-local"));
        }
        return dynamo;
    }

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.startThrowaway();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-postgres"));
        }
        return postgres;
    }
}
