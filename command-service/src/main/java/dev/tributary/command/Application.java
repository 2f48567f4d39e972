package dev.tributary.command;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The command service: the write API. */
@OpenAPIDefinition(
        info = @Info(title = "Tributary command service", version = "0.1",
                description = "Commands in, events appended to DynamoDB. Every answer carries the aggregate's id and new "
                        + "version, and a Consistency-Token header. Errors are application/problem+json."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
