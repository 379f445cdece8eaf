package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;

public final class EtcdActivitiesImpl implements EtcdActivities {
    private final ClusterObserver observer = new ClusterObserver();

    @Override
    public ClusterFacts observe(EtcdCluster cluster) {
        return observer.observe(cluster);
    }
}
