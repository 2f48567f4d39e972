package dev.tributary.projector.stream;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.DynamoDBStreamsConsumerTaskFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.DynamoDBStreamsDataFetcher;
import com.amazonaws.services.dynamodbv2.streamsadapter.DynamoDBStreamsSleepTimeController;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import dev.tributary.eventstore.EventStoreTables;
import dev.tributary.eventstore.TableNames;
import dev.tributary.kit.dynamo.DynamoSettings;
import dev.tributary.projector.projection.DeadLetters;
import dev.tributary.projector.projection.GapRepairingProjection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseRefresher;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.retrieval.polling.PrefetchRecordsPublisher;

/**
 * Runs the KCL scheduler over the events table's stream for the life of the service.
 *
 * <p>Versions: KCL 3.5.1 with streams adapter 2.0.1, the newest adapter on our registry. The
 * adapter's {@code StreamsSchedulerFactory.createScheduler} is rebuilt here, step for step, for two
 * reasons: to route KCL 3.4+'s shard-sync call back to the adapter
 * ({@link StreamsLeaseManagementFactory}), and to set {@code shardSyncIntervalMillis} to 0 before
 * the lease factory copies it (the adapter sets it after, which costs a 60 s sleep at start).
 */
@Singleton
@Requires(property = "tributary.projector.enabled", notEquals = "false")
public final class StreamConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(StreamConsumer.class);

    private final DynamoSettings dynamoSettings;
    private final StreamSettings settings;
    private final TableNames tables;
    private final DynamoDbClient dynamo;
    private final GapRepairingProjection projection;
    private final DeadLetters deadLetters;
    private final ProjectorStatus status;
    private final ProjectorControl control;
    private volatile boolean stopping;
    private Scheduler scheduler;
    private DynamoDbStreamsClient streams;
    private DynamoDbAsyncClient leaseClient;
    private CloudWatchAsyncClient cloudWatch;

    StreamConsumer(DynamoSettings dynamoSettings, StreamSettings settings, TableNames tables, DynamoDbClient dynamo,
                   GapRepairingProjection projection, DeadLetters deadLetters, ProjectorStatus status,
                   ProjectorControl control) {
        this.dynamoSettings = dynamoSettings;
        this.settings = settings;
        this.tables = tables;
        this.dynamo = dynamo;
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.status = status;
        this.control = control;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            start();
        } catch (Exception e) {
            throw new IllegalStateException("the stream consumer did not start: " + e.getMessage(), e);
        }
    }

    synchronized void start() throws Exception {
        Region region = Region.of(dynamoSettings.region());
        var credentials = DefaultCredentialsProvider.builder().build();
        var streamsBuilder = DynamoDbStreamsClient.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
        var leaseBuilder = DynamoDbAsyncClient.builder().region(region).credentialsProvider(credentials);
        if (dynamoSettings.endpoint() != null) {
            streamsBuilder.endpointOverride(dynamoSettings.endpoint());
            leaseBuilder.endpointOverride(dynamoSettings.endpoint());
        }
        // Never called: metrics go to NullMetricsFactory. ConfigsBuilder insists on a client.
        cloudWatch = CloudWatchAsyncClient.builder().region(region).credentialsProvider(credentials).build();
        leaseClient = leaseBuilder.build();

        String streamArn = EventStoreTables.eventsStreamArn(dynamo, tables);
        if (dynamoSettings.endpoint() != null && streamArn.contains(LocalStreamsClient.LOCAL_REGION)) {
            var local = new LocalStreamsClient(streamsBuilder.build(), region.id());
            streams = local;
            streamArn = local.toKcl(streamArn);
        } else {
            streams = streamsBuilder.build();
        }
        var adapter = new RecordsAdapterClient(streams, region);
        String workerId = settings.workerIdOrHostName();
        scheduler = scheduler(adapter, streamArn, workerId);
        LeaseBootstrap.prepare((DynamoDBLeaseRefresher) scheduler.leaseRefresher(), streams, streamArn, workerId);

        Thread.ofPlatform().name("kcl-scheduler").daemon(false).start(scheduler);
        LOG.info("consuming {} as worker {} of {} (reads every {} ms)", streamArn, workerId,
                settings.applicationName(), settings.idleBetweenReads().toMillis());
    }

    private Scheduler scheduler(AmazonDynamoDBStreamsAdapterClient adapter, String streamArn, String workerId) {
        var tracker = StreamsSchedulerFactory.createSingleStreamTracker(streamArn,
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        var configs = new ConfigsBuilder(tracker, settings.applicationName(), adapter, leaseClient, cloudWatch, workerId,
                () -> new ShardProcessor(projection, deadLetters, status, control, settings.maxAttempts(), () -> stopping));

        var polling = new DynamoDBStreamsPollingConfig(adapter);
        polling.idleTimeBetweenReadsInMillis(settings.idleBetweenReads().toMillis());
        polling.maxRecords(settings.maxRecords());
        polling.dataFetcherProvider(config -> new DynamoDBStreamsDataFetcher(adapter, config));
        polling.sleepTimeController(new DynamoDBStreamsSleepTimeController());
        var retrieval = configs.retrievalConfig().retrievalSpecificConfig(polling);

        var coordinator = configs.coordinatorConfig()
                .skipShardSyncAtWorkerInitializationIfLeasesExist(true)
                .shardConsumerDispatchPollIntervalMillis(100)
                .parentShardPollIntervalMillis(1000);

        long failover = settings.failoverTime().toMillis();
        var leases = configs.leaseManagementConfig()
                .shardSyncIntervalMillis(0)
                .failoverTimeMillis(failover)
                .leaseAssignmentIntervalMillis(Math.max(1000L, failover / 2))
                .leasesRecoveryAuditorInconsistencyConfidenceThreshold(0)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(settings.leaderLease().toMillis())
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(Math.max(1000L, settings.leaderLease().toMillis() / 4));
        leases.workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis(1000)
                .workerMetricsReporterFreqInMillis(Math.max(1000L, failover));
        leases.leaseManagementFactory(new StreamsLeaseManagementFactory(adapter, leases, retrieval));
        leases.consumerTaskFactory(new DynamoDBStreamsConsumerTaskFactory());

        var metrics = configs.metricsConfig().metricsFactory(new NullMetricsFactory());
        return new Scheduler(configs.checkpointConfig(), coordinator, leases, configs.lifecycleConfig(), metrics,
                configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true), retrieval);
    }

    /**
     * Finishes the in-flight batch (or abandons it unapplied if Postgres is failing), checkpoints what
     * was applied, and releases the leases for another worker.
     */
    @PreDestroy
    synchronized void stop() {
        stopping = true;
        // KCL interrupts its prefetch thread on shutdown and logs that as an ERROR with a stack trace.
        if (LoggerFactory.getLogger(PrefetchRecordsPublisher.class) instanceof ch.qos.logback.classic.Logger prefetch) {
            prefetch.setLevel(ch.qos.logback.classic.Level.OFF);
        }
        if (scheduler != null) {
            long started = System.nanoTime();
            try {
                if (scheduler.startGracefulShutdown().get(30, TimeUnit.SECONDS)) {
                    LOG.info("stream consumer stopped in {} ms; applied batches are checkpointed",
                            (System.nanoTime() - started) / 1_000_000);
                } else {
                    LOG.warn("graceful shutdown did not complete; leases expire after {}", settings.failoverTime());
                }
            } catch (Exception e) {
                LOG.warn("graceful shutdown failed: {}", e.toString());
                scheduler.shutdown();
            }
        }
        if (streams != null) {
            streams.close();
        }
        if (leaseClient != null) {
            leaseClient.close();
        }
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }
}
