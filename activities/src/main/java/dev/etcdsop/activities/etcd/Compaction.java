package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.options.CompactOption;

import java.time.Duration;

/** Compacts the key-value history, as {@code etcdctl compact --physical REVISION} does. */
final class Compaction {
    private static final String ALREADY_COMPACTED = "required revision has been compacted";
    private static final Duration LIMIT = Duration.ofMinutes(10);
    // Physical: etcd answers only once the old revisions are gone from the backend, so the defragment that follows frees them.
    private static final CompactOption PHYSICAL = CompactOption.builder().withCompactPhysical(true).build();

    private final Heartbeat heartbeat;
    private final ClusterObserver observer;

    Compaction(Heartbeat heartbeat, ClusterObserver observer) {
        this.heartbeat = heartbeat;
        this.observer = observer;
    }

    long compact(EtcdCluster cluster, long revision) {
        if (revision <= 0) {
            throw EtcdFailures.invalidInput("cannot compact at revision " + revision
                    + ": pass the cluster's current revision as observe reports it");
        }
        try {
            observer.call(cluster, client -> HeartbeatingWait.await(client.getKVClient().compact(revision, PHYSICAL), LIMIT,
                    heartbeat, () -> "compacting " + cluster.name() + " at revision " + revision));
        } catch (EtcdCallException e) {
            // A retry after a lost answer, or another compaction that went further: the history is already gone.
            if (e.getMessage() == null || !e.getMessage().contains(ALREADY_COMPACTED)) {
                throw EtcdFailures.callFailed("compact at revision " + revision, String.join(",", cluster.clientUrls()), e);
            }
        }
        return revision;
    }
}
