package dev.etcdsop.worker;

import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.etcd.MemberMetrics;
import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.AcknowledgedWriter;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a run did to the cluster, watched from outside while it runs: the member list every 100 ms (a member listed
 * twice, two learners), a writer whose acknowledged puts must all survive, and each member's defragment counter
 * ({@code etcd_disk_backend_defrag_duration_seconds_count}) before and after.
 */
final class ClusterEvidence implements AutoCloseable {
    private static final String DEFRAG_COUNT = "etcd_disk_backend_defrag_duration_seconds_count";

    private final EtcdTestCluster etcd;
    private final MemberMetrics metrics;
    private final AcknowledgedWriter writer;
    private final Map<String, Double> defragsBefore;
    /** Defragments counted by members that were SIGKILLed since, whose counters started again at 0. */
    private final Map<String, Double> defragsCarried = new HashMap<>();
    private final AtomicInteger sameMemberAtMost = new AtomicInteger();
    private final AtomicInteger learnersAtMost = new AtomicInteger();
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private final Thread watcher;

    private ClusterEvidence(EtcdTestCluster etcd) {
        this.etcd = etcd;
        this.metrics = new MemberMetrics(etcd.cluster().tls());
        this.defragsBefore = defragCounts();
        this.writer = AcknowledgedWriter.start(etcd.cluster(), "/fault-matrix/");
        this.watcher = new Thread(this::watch, "fault-matrix-member-watch");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    static ClusterEvidence watch(EtcdTestCluster etcd) {
        return new ClusterEvidence(etcd);
    }

    private void watch() {
        final ClusterObserver observer = new ClusterObserver();
        while (watching.get()) {
            try {
                final List<MemberInfo> members = observer.observe(etcd.cluster()).members();
                final Map<String, Long> byPeerUrl = members.stream().flatMap(m -> m.peerUrls().stream())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                byPeerUrl.values().forEach(n -> sameMemberAtMost.accumulateAndGet(n.intValue(), Math::max));
                learnersAtMost.accumulateAndGet((int) members.stream().filter(MemberInfo::learner).count(), Math::max);
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException unanswered) {
                // A look that failed (a member down, a leader election) shows nothing; the next one will.
            }
        }
    }

    /** Call just before SIGKILLing {@code member}: its defragment counter restarts at 0 with the process. */
    void beforeKilling(EtcdMember member) {
        final double now = metrics.value(member.clientUrl(), DEFRAG_COUNT).orElse(0.0);
        defragsCarried.merge(member.name(), now - defragsBefore.getOrDefault(member.name(), 0.0), Double::sum);
        defragsBefore.put(member.name(), 0.0);
    }

    /** The cluster as the run left it, with {@code outcome}; stops watching and writing. */
    ClusterState after(String outcome) throws Exception {
        stopWatching();
        final List<String> lost = writer.lostWrites();
        final int writesLost = writer.acknowledgedCount() == 0 ? -1 : lost.size();
        // The inventory as it is now: it holds etcd-4 once AddMember's operator declared it.
        final EtcdCluster now = LocalEtcdCluster.open(etcd.runbooksDir()).cluster();
        final ClusterFacts facts = new ClusterObserver().observe(now);
        final List<String> membership = facts.members().stream().map(m -> describe(m, facts)).sorted().toList();
        final Map<String, Double> counts = defragCounts();
        final Map<String, Integer> defragments = new TreeMap<>();
        facts.members().stream().map(MemberInfo::name).filter(counts::containsKey).forEach(name -> defragments.put(name,
                (int) Math.round(counts.get(name) - defragsBefore.getOrDefault(name, 0.0) + defragsCarried.getOrDefault(name, 0.0))));
        return new ClusterState(outcome, membership, defragments, sameMemberAtMost.get(), learnersAtMost.get(), writesLost);
    }

    private static String describe(MemberInfo member, ClusterFacts facts) {
        final boolean healthy = facts.endpoints().stream()
                .anyMatch(e -> member.clientUrls().contains(e.endpoint()) && e.healthy());
        return (member.name().isEmpty() ? "(unstarted " + member.peerUrls() + ")" : member.name())
                + (member.learner() ? " learner" : " voter") + (healthy ? " healthy" : " unhealthy");
    }

    /** Each member's counter, of the members in the inventory now that answer. */
    private Map<String, Double> defragCounts() {
        final Map<String, Double> counts = new HashMap<>();
        LocalEtcdCluster.open(etcd.runbooksDir()).cluster().members().forEach(m ->
                metrics.value(m.clientUrl(), DEFRAG_COUNT).ifPresent(v -> counts.put(m.name(), v)));
        return counts;
    }

    private void stopWatching() throws InterruptedException {
        watching.set(false);
        watcher.interrupt();
        watcher.join(10_000);
    }

    @Override
    public void close() throws Exception {
        stopWatching();
        writer.close();
    }
}
