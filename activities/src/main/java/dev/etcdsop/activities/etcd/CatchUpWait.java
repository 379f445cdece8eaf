package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import io.temporal.failure.ApplicationFailure;

import java.time.Duration;

/** Waits until a member has caught up with the leader and the whole cluster is healthy, as a gate between steps. */
final class CatchUpWait {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ClusterObserver observer;
    private final Heartbeat heartbeat;

    CatchUpWait(ClusterObserver observer, Heartbeat heartbeat) {
        this.observer = observer;
        this.heartbeat = heartbeat;
    }

    ClusterFacts await(EtcdCluster cluster, String endpoint, int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw EtcdFailures.invalidInput("timeoutSeconds must be positive, got " + timeoutSeconds);
        }
        final long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        ClusterFacts facts = observer.observeForWait(cluster);
        KnownEndpoints.require(cluster, facts::members, endpoint);
        while (true) {
            final CatchUp round = CatchUp.of(cluster, facts, endpoint);
            heartbeat.beat(round.progress());
            if (round.caughtUp()) {
                return facts;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw ApplicationFailure.newFailure(round.member() + " has not caught up within " + timeoutSeconds
                        + " s: " + round.progress() + ". Check that its service runs and read its etcd log; the step "
                        + "retries.", Failures.MEMBER_NOT_CAUGHT_UP);
            }
            Polling.pause(POLL, deadline);
            facts = observer.observeForWait(cluster);
        }
    }
}
