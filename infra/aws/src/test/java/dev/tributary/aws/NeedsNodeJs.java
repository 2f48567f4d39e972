package dev.tributary.aws;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that runs the CDK, whose jsii runtime needs Node.js 18+ on the PATH. Without it the
 * class is skipped, and the build output says once why and how to run it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsNodeJs.Condition.class)
@interface NeedsNodeJs {

    int MINIMUM_MAJOR = 18;

    final class Condition implements ExecutionCondition {

        private static ConditionEvaluationResult result;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            synchronized (Condition.class) {
                if (result == null) {
                    result = evaluate(nodeVersion());
                    result.getReason().filter(reason -> result.isDisabled())
                            .ifPresent(reason -> System.err.println("CDK template tests skipped: " + reason));
                }
                return result;
            }
        }

        /** Enabled for a {@code node --version} of 18 or newer; disabled, saying why and what to do, otherwise. */
        static ConditionEvaluationResult evaluate(String version) {
            var major = Pattern.compile("v(\\d+)\\..*").matcher(version);
            if (major.matches() && Integer.parseInt(major.group(1)) >= MINIMUM_MAJOR) {
                return ConditionEvaluationResult.enabled("Node.js " + version + " on PATH");
            }
            return ConditionEvaluationResult.disabled("Node.js " + MINIMUM_MAJOR + "+ not found on PATH"
                    + (version.isEmpty() ? "" : " (the node there is " + version + ")")
                    + ": the CDK's jsii needs it; install Node.js " + MINIMUM_MAJOR + "+ to run the CDK template tests");
        }

        /** What {@code node --version} prints (v20.11.1), or empty if there is no node to run. */
        private static String nodeVersion() {
            try {
                var node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0 ? out : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
