package dev.tributary.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack as {@code cdk synth} writes it, synthesized once per test run (synthesis runs in Node, so
 * its callers are {@link NeedsNodeJs}), and the lookups the template tests share.
 */
final class Synthesized {

    private static Template template;

    private Synthesized() {
    }

    static synchronized Template template() {
        if (template == null) {
            var app = new App(AppProps.builder().context(Map.of("imageTag", "test")).build());
            template = Template.fromStack(TributaryApp.stack(app));
        }
        return template;
    }

    /** The container of a service's task definition, by service name ({@code command-service}, ...). */
    static Map<String, Object> container(String service) {
        return map(list(properties(taskDefinition(service)).get("ContainerDefinitions")).getFirst());
    }

    /** The statements of every policy attached to a service's task role. */
    static List<Map<String, Object>> taskRoleStatements(String service) {
        String role = (String) list(map(properties(taskDefinition(service)).get("TaskRoleArn")).get("Fn::GetAtt")).getFirst();
        return template().findResources("AWS::IAM::Policy",
                        Map.of("Properties", Map.of("Roles", List.of(Map.of("Ref", role)))))
                .values().stream()
                .flatMap(policy -> list(map(properties(policy).get("PolicyDocument")).get("Statement")).stream())
                .map(Synthesized::map)
                .toList();
    }

    /** A statement's actions, whether it names one or several. */
    static List<String> actions(Map<String, Object> statement) {
        return statement.get("Action") instanceof List<?> many ? many.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(statement.get("Action")));
    }

    static String logicalId(String type, Map<String, Object> properties) {
        var found = template().findResources(type, Map.of("Properties", properties));
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " resources of " + type + " match " + properties);
        }
        return found.keySet().iterator().next();
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    private static Map<String, Object> taskDefinition(String service) {
        return template().findResources("AWS::ECS::TaskDefinition",
                Map.of("Properties", Map.of("Family", "tributary-" + service))).values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
