package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import io.temporal.activity.ActivityInterface;

/** Talks to etcd itself. Read-only here; mutating calls join as the SOPs that need them arrive. */
@ActivityInterface
public interface EtcdActivities {
    /** Membership, every endpoint's status and health, alarms, revision. A member that is down is reported, not thrown. */
    ClusterFacts observe(EtcdCluster cluster);
}
