package dev.tributary.aws;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@NeedsNodeJs
class AlarmsTemplateTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Synthesized.template();
    }

    @Test
    void iterator_age_alarm_reads_the_oldest_commit_over_every_shard_of_the_projector_lag_gauge() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "tributary-stream-iterator-age",
                "Threshold", 60_000,
                "EvaluationPeriods", 5,
                "Metrics", List.of(Map.of(
                        "Expression", "SELECT MAX(\"tributary.projector.lag.value\") FROM SCHEMA(\"Tributary\", shard)",
                        "Id", Match.anyValue(), "Label", Match.anyValue(), "Period", 60, "ReturnData", true))));
    }

    @Test
    void projector_lag_alarm_fires_when_events_are_appended_but_none_is_applied() {
        for (var query : List.of(
                Map.of("Expression", "IF(FILL(writes, 0) > 0 AND FILL(applied, 0) == 0, 1, 0)", "ReturnData", true),
                Map.of("Id", "writes", "MetricStat", Match.objectLike(Map.of("Metric", Match.objectLike(Map.of(
                        "Namespace", "AWS/DynamoDB", "MetricName", "ConsumedWriteCapacityUnits")), "Stat", "Sum"))),
                Map.of("Id", "applied", "MetricStat", Match.objectLike(Map.of("Metric", Map.of(
                        "Namespace", "Tributary", "MetricName", "tributary.projector.events.applied.count"),
                        "Stat", "Sum"))))) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", "tributary-projector-lag",
                    "EvaluationPeriods", 2,
                    "Metrics", Match.arrayWith(List.of(Match.objectLike(query)))));
        }
    }

    @Test
    void a_stalled_shard_raises_an_alarm_within_a_minute_from_the_projectors_own_stall_signal() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "tributary-projector-stalled",
                "Threshold", 0,
                "EvaluationPeriods", 1,
                "Metrics", List.of(Map.of(
                        "Expression", "SELECT MAX(\"tributary.projector.stalled.value\") FROM SCHEMA(\"Tributary\", shard)",
                        "Id", Match.anyValue(), "Label", Match.anyValue(), "Period", 60, "ReturnData", true))));
    }

    @Test
    void any_dead_letter_raises_an_alarm() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "tributary-dead-letters",
                "Namespace", "Tributary",
                "MetricName", "tributary.projector.dead.letters.count",
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0,
                "EvaluationPeriods", 1));
    }

    @Test
    void every_alarm_notifies_the_alarm_topic_when_raised_and_when_cleared() {
        String topic = Synthesized.logicalId("AWS::SNS::Topic", Map.of("TopicName", "tributary-alarms"));
        template.resourceCountIs("AWS::CloudWatch::Alarm", 4);
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "AlarmActions", List.of(Map.of("Ref", topic)),
                "OKActions", List.of(Map.of("Ref", topic)),
                "TreatMissingData", "notBreaching"), 4);
    }
}
