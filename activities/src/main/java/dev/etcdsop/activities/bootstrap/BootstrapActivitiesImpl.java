package dev.etcdsop.activities.bootstrap;

import dev.etcdsop.activities.etcd.AuthEnablement;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.etcd.FormationWait;
import dev.etcdsop.activities.etcd.Heartbeat;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.BootstrapActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;

/** What creating a cluster needs beyond the membership SOPs: the worker's CA files, the wait for it to form, auth. */
public final class BootstrapActivitiesImpl implements BootstrapActivities {
    private final FormationWait formationWait;
    private final AuthEnablement authEnablement;

    public BootstrapActivitiesImpl() {
        this(Heartbeat.activity());
    }

    /** {@code heartbeat} receives the wait's progress; tests pass their own to run outside Temporal. */
    public BootstrapActivitiesImpl(Heartbeat heartbeat) {
        final ClusterObserver observer = new ClusterObserver();
        this.formationWait = new FormationWait(observer, heartbeat);
        this.authEnablement = new AuthEnablement(observer);
    }

    @Override
    public boolean ensureCa(EtcdCluster cluster) {
        return ClusterCa.ensure(cluster);
    }

    @Override
    public ClusterFacts awaitFormed(EtcdCluster cluster, int timeoutSeconds) {
        return formationWait.await(cluster, timeoutSeconds);
    }

    @Override
    public String enableAuth(EtcdCluster cluster) {
        return authEnablement.enable(cluster);
    }
}
