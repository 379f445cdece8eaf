package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import io.temporal.failure.ApplicationFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Waits, heartbeating, until a cluster that was just created has formed as its inventory declares it (see
 * {@link Formation}). Members that report different cluster IDs will never form one cluster: that is refused at once.
 */
public final class FormationWait {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ClusterObserver observer;
    private final Heartbeat heartbeat;

    public FormationWait(ClusterObserver observer, Heartbeat heartbeat) {
        this.observer = observer;
        this.heartbeat = heartbeat;
    }

    /**
     * The full observation of the formed cluster, asked as {@code cluster} says: without credentials while authentication
     * is still off. See {@code BootstrapActivities.awaitFormed} for the failures.
     */
    public ClusterFacts await(EtcdCluster cluster, int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw EtcdFailures.invalidInput("timeoutSeconds must be positive, got " + timeoutSeconds);
        }
        final long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            refuseSplit(cluster, observer.clusterIds(cluster));
            final ClusterFacts facts = observer.observeForWait(cluster);
            final Formation round = Formation.of(cluster, facts);
            heartbeat.beat(round.progress());
            if (round.formed()) {
                return observer.observe(cluster);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw ApplicationFailure.newFailure("cluster " + cluster.name() + " has not formed within " + timeoutSeconds
                        + " s: " + String.join("; ", round.missing()) + ". Check that every member's etcd service runs and "
                        + "read the etcd log of those named; the step retries.", Failures.MEMBER_NOT_CAUGHT_UP);
            }
            Polling.pause(POLL, deadline);
        }
    }

    /** Not retryable: members of two clusters never merge, whatever the wait. */
    private static void refuseSplit(EtcdCluster cluster, Map<String, String> idsByEndpoint) {
        final Map<String, List<String>> membersById = new LinkedHashMap<>();
        for (EtcdMember m : cluster.members()) {
            final String id = idsByEndpoint.get(m.clientUrl());
            if (id != null) {
                membersById.computeIfAbsent(id, k -> new ArrayList<>()).add(m.name() + " (" + m.clientUrl() + ")");
            }
        }
        if (membersById.size() > 1) {
            throw ApplicationFailure.newNonRetryableFailure("cluster " + cluster.name() + " is split: "
                    + membersById.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " report"
                            + (e.getValue().size() == 1 ? "s" : "") + " cluster ID " + e.getKey()).collect(Collectors.joining("; "))
                    + ". These members were started as separate etcd clusters (another initial-cluster or initial-cluster-token,"
                    + " or a data directory left from an earlier cluster) and will never join. Stop the members of one of"
                    + " them, clean their data directories (CleanMember), and run CreateCluster again.", Failures.SPLIT_CLUSTER);
        }
    }
}
