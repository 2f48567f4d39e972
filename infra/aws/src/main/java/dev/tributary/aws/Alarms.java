package dev.tributary.aws;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Four alarms on the projector, each to the {@code tributary-alarms} topic on alarm and on recovery.
 *
 * <ul>
 *   <li><b>Stream iterator age</b>: the oldest record any shard has waiting was written more than a
 *       minute before, for five minutes running. The projector is falling behind.</li>
 *   <li><b>Projector stalled</b>: a shard has records waiting and has applied none for the projector's
 *       stall-after (30 s), the same signal as its {@code /status} and {@code /health}.</li>
 *   <li><b>Projector lag</b>: events were appended but none was applied, in two five-minute windows
 *       running. The projector has stopped: every task down (a dead task reports no stall), Postgres
 *       unreachable, or paused.</li>
 *   <li><b>Dead letters</b>: an event was parked. Its aggregate's later events wait behind it.</li>
 * </ul>
 */
final class Alarms extends Construct {

    static final double ITERATOR_AGE_MILLIS = 60_000;

    final Topic topic;

    Alarms(Construct scope, String id, EventStore eventStore, Optional<String> email) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic").topicName("tributary-alarms").build();
        email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));

        alarm("StreamIteratorAge", maxOverShards(ProjectorMetrics.LAG, "oldest record waiting, ms"), ITERATOR_AGE_MILLIS, 5,
                "The projector commits records written more than a minute earlier: it is falling behind the stream.");

        var writes = Metric.Builder.create().namespace("AWS/DynamoDB").metricName("ConsumedWriteCapacityUnits")
                .dimensionsMap(Map.of("TableName", eventStore.events.getTableName()))
                .statistic("Sum").period(Duration.minutes(5)).build();
        var applied = projectorCount(ProjectorMetrics.EVENTS_APPLIED, Duration.minutes(5));
        var stalled = MathExpression.Builder.create()
                .expression("IF(FILL(writes, 0) > 0 AND FILL(applied, 0) == 0, 1, 0)")
                .usingMetrics(new TreeMap<>(Map.of("writes", writes, "applied", applied)))
                .label("events appended but none applied")
                .period(Duration.minutes(5))
                .build();
        alarm("ProjectorLag", stalled, 0, 2,
                "Events were appended but the projector applied none for 10 minutes: the read model has stopped.");

        alarm("ProjectorStalled", maxOverShards(ProjectorMetrics.STALLED, "a shard is stalled (1) or not (0)"), 0, 1,
                "A projector shard has records waiting and has applied none for its stall-after: see GET /status on the projector for the reason.");

        alarm("DeadLetters", projectorCount(ProjectorMetrics.DEAD_LETTERS, Duration.minutes(1)), 0, 1,
                "The projector parked an event as a dead letter; list and retry it through the admin API.");
    }

    /** A per-shard gauge's maximum over whichever shards exist: they come and go every few hours. */
    private static MathExpression maxOverShards(String gauge, String label) {
        return MathExpression.Builder.create()
                .expression("SELECT MAX(\"" + gauge + "\") FROM SCHEMA(\"" + ProjectorMetrics.NAMESPACE + "\", "
                        + ProjectorMetrics.SHARD_DIMENSION + ")")
                .usingMetrics(Map.of())
                .label(label)
                .period(Duration.minutes(1))
                .build();
    }

    private static Metric projectorCount(String name, Duration period) {
        return Metric.Builder.create().namespace(ProjectorMetrics.NAMESPACE).metricName(name)
                .statistic("Sum").period(period).build();
    }

    private void alarm(String id, IMetric metric, double threshold, int periods, String description) {
        var alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .alarmName("tributary-" + id.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase())
                .alarmDescription(description)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
    }
}
