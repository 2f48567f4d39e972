package dev.tributary.aws;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** Synthesizes the Tributary stack: what {@code cdk synth} and {@code cdk deploy} run (see {@code cdk.json}). */
public final class TributaryApp {

    private TributaryApp() {
    }

    public static void main(String[] args) {
        var app = new App();
        stack(app);
        app.synth();
    }

    /** The stack, for the account and region the CDK CLI resolved from the caller's credentials. */
    static TributaryStack stack(App app) {
        var environment = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        return new TributaryStack(app, "Tributary", StackProps.builder().env(environment)
                .description("Tributary: CQRS on DynamoDB and Postgres").build(),
                DeploymentSettings.fromContext(app.getNode()));
    }
}
