package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.DefragResult;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.etcdsop.workflows.status.ByteSizes.human;

/**
 * Defragments one member, as {@code etcdctl defrag --endpoints=ENDPOINT} does. The call is sent once: etcd
 * blocks the member while it rewrites the file, and a retry of the step observes the member first and skips
 * it when the first call finished.
 */
final class Defragmenter {
    // Big databases take minutes; the activity's start-to-close timeout is the bound that matters.
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final Heartbeat heartbeat;

    Defragmenter(Heartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    DefragResult defragment(EtcdCluster cluster, String endpoint, long minFreeBytes) {
        if (minFreeBytes < 0) {
            throw EtcdFailures.invalidInput("minFreeBytes must not be negative, got " + minFreeBytes);
        }
        try (Client client = EtcdClients.connect(cluster, cluster.clientUrls())) {
            KnownEndpoints.require(cluster, () -> ClusterObserver.memberList(client), endpoint);
            final StatusResponse before = status(client, endpoint);
            final long free = before.getDbSize() - before.getDbSizeInUse();
            if (free < minFreeBytes) {
                return new DefragResult(endpoint, true, "db file " + human(before.getDbSize()) + " with " + human(free)
                        + " free (less than " + human(minFreeBytes) + "): already compact",
                        before.getDbSize(), before.getDbSize(), before.getDbSizeInUse(), 0);
            }
            final long started = System.nanoTime();
            try {
                HeartbeatingWait.await(client.getMaintenanceClient().defragmentMember(endpoint), LIMIT, heartbeat,
                        () -> "defragmenting " + endpoint + ": db file " + human(before.getDbSize()) + " with "
                                + human(free) + " free, " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
                                + " s so far");
            } catch (EtcdCallException e) {
                throw EtcdFailures.callFailed("defragment", endpoint, e);
            }
            final long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            final StatusResponse after = status(client, endpoint);
            return new DefragResult(endpoint, false, "", before.getDbSize(), after.getDbSize(), after.getDbSizeInUse(),
                    tookMillis);
        }
    }

    private static StatusResponse status(Client client, String endpoint) {
        try {
            return ClusterObserver.await(client.getMaintenanceClient().statusMember(endpoint));
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("status", endpoint, e);
        }
    }
}
