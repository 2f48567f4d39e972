package dev.tributary.aws;

import java.util.Optional;
import software.constructs.Node;

/**
 * What one deployment chooses, read from CDK context ({@code -c key=value} or {@code cdk.json}).
 *
 * @param imageTag             the tag of the three service images, pushed to the ECR repositories
 *                             {@code tributary-command-service}, {@code tributary-query-service} and
 *                             {@code tributary-projector} of the target account and region. Required.
 * @param databaseInstanceType the RDS instance type of the primary and of the replica, without the {@code db.}
 *                             prefix; Graviton {@code m7g.large} unless set
 * @param databaseMultiAz      whether the primary keeps a synchronous standby in a second zone; true unless set
 * @param alarmEmail           an address to subscribe to the alarm topic, if any
 * @param certificateArn       an ACM certificate: the load balancer then speaks HTTPS on both ports
 */
public record DeploymentSettings(
        String imageTag,
        String databaseInstanceType,
        boolean databaseMultiAz,
        Optional<String> alarmEmail,
        Optional<String> certificateArn) {

    public static DeploymentSettings fromContext(Node node) {
        String imageTag = text(node, "imageTag").orElseThrow(() -> new IllegalArgumentException(
                "No image tag: deploy with -c imageTag=<tag>, the tag pushed to the ECR repositories "
                        + "tributary-command-service, tributary-query-service and tributary-projector "
                        + "(see infra/aws/README.md, \"Images\")."));
        return new DeploymentSettings(
                imageTag,
                text(node, "databaseInstanceType").orElse("m7g.large"),
                text(node, "databaseMultiAz").map(Boolean::parseBoolean).orElse(true),
                text(node, "alarmEmail"),
                text(node, "certificateArn"));
    }

    private static Optional<String> text(Node node, String key) {
        return Optional.ofNullable(node.tryGetContext(key)).map(Object::toString).map(String::strip)
                .filter(value -> !value.isEmpty());
    }
}
