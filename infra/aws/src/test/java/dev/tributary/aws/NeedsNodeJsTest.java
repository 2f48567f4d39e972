package dev.tributary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NeedsNodeJsTest {

    @Test
    void node_18_or_newer_runs_the_cdk_tests() {
        assertThat(NeedsNodeJs.Condition.evaluate("v18.0.0").isDisabled()).isFalse();
        assertThat(NeedsNodeJs.Condition.evaluate("v22.11.0").isDisabled()).isFalse();
    }

    @Test
    void without_node_the_cdk_tests_are_skipped_saying_why_and_how_to_run_them() {
        assertThat(NeedsNodeJs.Condition.evaluate("").getReason()).contains("Node.js 18+ not found on PATH: "
                + "the CDK's jsii needs it; install Node.js 18+ to run the CDK template tests");
    }

    @Test
    void an_older_node_skips_them_naming_the_version_found() {
        var result = NeedsNodeJs.Condition.evaluate("v16.20.2");

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason).contains("(the node there is v16.20.2)"));
    }
}
