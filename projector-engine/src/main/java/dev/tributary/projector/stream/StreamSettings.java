package dev.tributary.projector.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the projector consumes the stream ({@code tributary.projector.*}, or
 * {@code TRIBUTARY_PROJECTOR_*} environment variables).
 *
 * @param applicationName  the KCL application: the name of its lease table; workers sharing it share the shards
 * @param workerId         this worker's name in the lease table; keep it stable across restarts of the same
 *                         worker so it takes its own leases back at once. Defaults to the host name.
 * @param idleBetweenReads the pause between GetRecords calls on a shard: the main term of projection lag.
 *                         200 ms keeps a shard under 5 reads per second on AWS.
 * @param failoverTime     how long a lease lasts without renewal before another worker may take it
 * @param leaderLease      how long the KCL leader's lock lasts without a heartbeat (heartbeats go every quarter
 *                         of it). In KCL 3 only the leader assigns leases, so when the worker that dies is the
 *                         leader, its shards wait this long plus {@code failoverTime} for a new owner. KCL's own
 *                         default is 2 minutes.
 * @param maxRecords       records per GetRecords call, and so per Postgres transaction (at most 1000)
 * @param maxAttempts      failures (other than outages, which are retried as long as they last) before an
 *                         event is parked as a dead letter
 */
@ConfigurationProperties("tributary.projector")
public record StreamSettings(
        @Bindable(defaultValue = "tributary-projector") String applicationName,
        @Nullable String workerId,
        @Bindable(defaultValue = "200ms") Duration idleBetweenReads,
        @Bindable(defaultValue = "10s") Duration failoverTime,
        @Bindable(defaultValue = "20s") Duration leaderLease,
        @Bindable(defaultValue = "1000") int maxRecords,
        @Bindable(defaultValue = "5") int maxAttempts) {

    public String workerIdOrHostName() {
        if (workerId != null && !workerId.isBlank()) {
            return workerId;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "projector-" + ProcessHandle.current().pid();
        }
    }
}
