package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.facts.WriteCheck;

import java.util.List;

/** The etcd activities, each backed by one small class that observes before it changes anything. */
public final class EtcdActivitiesImpl implements EtcdActivities {
    private final ClusterObserver observer = new ClusterObserver();
    private final Compaction compaction;
    private final Defragmenter defragmenter;
    private final LeaderTransfer leaderTransfer;
    private final CatchUpWait catchUpWait;
    private final NospaceDisarm nospaceDisarm;
    private final WriteProbe writeProbe = new WriteProbe(observer);

    public EtcdActivitiesImpl() {
        this(Heartbeat.activity());
    }

    /** {@code heartbeat} receives the progress of long steps; tests pass their own to run outside Temporal. */
    public EtcdActivitiesImpl(Heartbeat heartbeat) {
        this.compaction = new Compaction(heartbeat, observer);
        this.defragmenter = new Defragmenter(heartbeat, observer);
        this.leaderTransfer = new LeaderTransfer(observer);
        this.catchUpWait = new CatchUpWait(observer, heartbeat);
        this.nospaceDisarm = new NospaceDisarm(observer);
    }

    @Override
    public ClusterFacts observe(EtcdCluster cluster) {
        ClientTlsFiles.requireReadable(cluster.tls());
        return observer.observe(cluster);
    }

    @Override
    public long compact(EtcdCluster cluster, long revision) {
        return compaction.compact(cluster, revision);
    }

    @Override
    public DefragResult defragment(EtcdCluster cluster, String endpoint, long minFreeBytes) {
        return defragmenter.defragment(cluster, endpoint, minFreeBytes);
    }

    @Override
    public void moveLeader(EtcdCluster cluster, String toMemberId) {
        leaderTransfer.moveLeader(cluster, toMemberId);
    }

    @Override
    public ClusterFacts awaitCaughtUp(EtcdCluster cluster, String endpoint, int timeoutSeconds) {
        return catchUpWait.await(cluster, endpoint, timeoutSeconds);
    }

    @Override
    public List<Alarm> disarmNospace(EtcdCluster cluster, int thresholdPercent) {
        return nospaceDisarm.disarm(cluster, thresholdPercent);
    }

    @Override
    public WriteCheck testWrite(EtcdCluster cluster, String key) {
        return writeProbe.write(cluster, key);
    }
}
