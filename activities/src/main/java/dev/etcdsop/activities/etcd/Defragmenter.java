package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.DefragResult;
import io.etcd.jetcd.maintenance.StatusResponse;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.etcdsop.workflows.status.ByteSizes.human;

/**
 * Defragments one member, as {@code etcdctl defrag --endpoints=ENDPOINT} does. The call is sent once: etcd
 * blocks the member while it rewrites the file. A retry (the worker died, the answer was lost) never sends a second
 * one: while the member reports a defragment in flight ({@code etcd_disk_defrag_inflight}) it waits for that one, and
 * once it finished the member's file has no free space left, so it is skipped as already compact.
 */
final class Defragmenter {
    // Big databases take minutes; the activity's start-to-close timeout is the bound that matters.
    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final String IN_FLIGHT = "etcd_disk_defrag_inflight";
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(500);

    private final Heartbeat heartbeat;
    private final ClusterObserver observer;

    Defragmenter(Heartbeat heartbeat, ClusterObserver observer) {
        this.heartbeat = heartbeat;
        this.observer = observer;
    }

    DefragResult defragment(EtcdCluster cluster, String endpoint, long minFreeBytes) {
        if (minFreeBytes < 0) {
            throw EtcdFailures.invalidInput("minFreeBytes must not be negative, got " + minFreeBytes);
        }
        KnownEndpoints.require(cluster, () -> observer.call(cluster, ClusterObserver::memberList), endpoint);
        final long waited = awaitDefragmentInFlight(cluster, endpoint);
        if (waited >= 0) {
            final StatusResponse after = status(cluster, endpoint);
            return new DefragResult(endpoint, false, "a defragment sent earlier (by a previous attempt) was still running; "
                    + "waited " + TimeUnit.MILLISECONDS.toSeconds(waited) + " s for it instead of sending another",
                    after.getDbSize(), after.getDbSize(), after.getDbSizeInUse(), waited);
        }
        final StatusResponse before = status(cluster, endpoint);
        final long free = before.getDbSize() - before.getDbSizeInUse();
        if (free < minFreeBytes) {
            return new DefragResult(endpoint, true, "db file " + human(before.getDbSize()) + " with " + human(free)
                    + " free (less than " + human(minFreeBytes) + "): already compact",
                    before.getDbSize(), before.getDbSize(), before.getDbSizeInUse(), 0);
        }
        final long started = System.nanoTime();
        try {
            observer.call(cluster, client -> HeartbeatingWait.await(client.getMaintenanceClient().defragmentMember(endpoint),
                    LIMIT, heartbeat, () -> "defragmenting " + endpoint + ": db file " + human(before.getDbSize())
                            + " with " + human(free) + " free, "
                            + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s so far"));
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("defragment", endpoint, e);
        }
        final long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        final StatusResponse after = status(cluster, endpoint);
        return new DefragResult(endpoint, false, "", before.getDbSize(), after.getDbSize(), after.getDbSizeInUse(),
                tookMillis);
    }

    /**
     * Waits, heartbeating, while the member reports a defragment in flight; returns how long in milliseconds, or -1
     * when none was running. A member whose metrics do not answer is treated as not defragmenting: the defragment
     * call itself then reports why it cannot be reached.
     */
    private long awaitDefragmentInFlight(EtcdCluster cluster, String endpoint) {
        final MemberMetrics metrics = observer.metrics(cluster);
        if (!inFlight(metrics, endpoint)) {
            return -1;
        }
        final long started = System.nanoTime();
        final long deadline = started + LIMIT.toNanos();
        while (inFlight(metrics, endpoint)) {
            if (System.nanoTime() - deadline >= 0) {
                throw EtcdFailures.callFailed("defragment", endpoint, new EtcdCallException("a defragment has been running for more than "
                        + LIMIT.toMinutes() + " min; check the member's etcd log", null));
            }
            heartbeat.beat("a defragment of " + endpoint + " is already running (sent by an earlier attempt); waiting "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s for it instead of sending another");
            Polling.pause(IN_FLIGHT_POLL, deadline);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static boolean inFlight(MemberMetrics metrics, String endpoint) {
        return metrics.value(endpoint, IN_FLIGHT).orElse(0.0) > 0;
    }

    private StatusResponse status(EtcdCluster cluster, String endpoint) {
        try {
            return observer.status(cluster, endpoint);
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("status", endpoint, e);
        }
    }
}
