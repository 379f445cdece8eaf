package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.CompactOption;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compacts the key-value history, as {@code etcdctl compact --physical REVISION} does, then waits until every member
 * has finished compacting: "physical" waits only for the member that served the call, the others apply the compaction
 * from the raft log and compact in the background, and a defragment of a member that has not finished frees nothing.
 */
final class Compaction {
    private static final String ALREADY_COMPACTED = "required revision has been compacted";
    private static final Duration LIMIT = Duration.ofMinutes(10);
    // Physical: etcd answers only once the old revisions are gone from the backend, so the defragment that follows frees them.
    private static final CompactOption PHYSICAL = CompactOption.builder().withCompactPhysical(true).build();

    /** Each member's count of finished compactions (etcd 3.4 and later). */
    private static final String COMPACTIONS = "etcd_debugging_mvcc_db_compaction_total_duration_milliseconds_count";
    /** A member still compacting after this is left to the defragment, which reports the space it freed. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    private static final Duration SETTLE_POLL = Duration.ofMillis(200);

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
        final MemberMetrics metrics = observer.metrics(cluster);
        final Map<String, Double> finishedBefore = compactionsFinished(metrics, cluster);
        try (Client client = EtcdClients.connect(cluster, cluster.clientUrls())) {
            HeartbeatingWait.await(client.getKVClient().compact(revision, PHYSICAL), LIMIT, heartbeat,
                    () -> "compacting " + cluster.name() + " at revision " + revision);
        } catch (EtcdCallException e) {
            // A retry after a lost answer, or another compaction that went further: the history is already gone.
            if (e.getMessage() == null || !e.getMessage().contains(ALREADY_COMPACTED)) {
                throw EtcdFailures.callFailed("compact at revision " + revision, String.join(",", cluster.clientUrls()), e);
            }
            return revision;
        }
        awaitEveryMemberCompacted(metrics, finishedBefore, revision);
        return revision;
    }

    /** The members that answer their metrics, with how many compactions each has finished. */
    private static Map<String, Double> compactionsFinished(MemberMetrics metrics, EtcdCluster cluster) {
        final Map<String, Double> finished = new LinkedHashMap<>();
        cluster.clientUrls().forEach(endpoint -> metrics.value(endpoint, COMPACTIONS).ifPresent(count -> finished.put(endpoint, count)));
        return finished;
    }

    /** Heartbeating, until each member finished one more compaction than before, or stops answering, or the limit. */
    private void awaitEveryMemberCompacted(MemberMetrics metrics, Map<String, Double> finishedBefore, long revision) {
        final long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        for (Map.Entry<String, Double> member : finishedBefore.entrySet()) {
            while (metrics.value(member.getKey(), COMPACTIONS).map(count -> count <= member.getValue()).orElse(false)
                    && System.nanoTime() - deadline < 0) {
                heartbeat.beat("waiting for " + member.getKey() + " to finish compacting at revision " + revision);
                Polling.pause(SETTLE_POLL, deadline);
            }
        }
    }
}
