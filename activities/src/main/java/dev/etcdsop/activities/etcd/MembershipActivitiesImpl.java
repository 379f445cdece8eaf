package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.MembershipActivities;
import dev.etcdsop.workflows.facts.MemberInfo;

/** Membership changes, each backed by one small class that reads the member list before it changes anything. */
public final class MembershipActivitiesImpl implements MembershipActivities {
    private final LearnerAdd learnerAdd;
    private final LearnerPromotion promotion;
    private final MemberRemoval removal;

    public MembershipActivitiesImpl() {
        this(Heartbeat.activity());
    }

    /** {@code heartbeat} receives the progress of steps that wait out a refusal; tests pass their own to run outside Temporal. */
    public MembershipActivitiesImpl(Heartbeat heartbeat) {
        final ClusterObserver observer = new ClusterObserver();
        this.learnerAdd = new LearnerAdd(heartbeat, observer);
        this.promotion = new LearnerPromotion(heartbeat, observer);
        this.removal = new MemberRemoval(heartbeat, observer);
    }

    @Override
    public MemberInfo addLearner(EtcdCluster cluster, String peerUrl) {
        return learnerAdd.add(cluster, peerUrl);
    }

    @Override
    public MemberInfo promote(EtcdCluster cluster, String memberId, int timeoutSeconds) {
        return promotion.promote(cluster, memberId, timeoutSeconds);
    }

    @Override
    public void removeMember(EtcdCluster cluster, String memberId, int timeoutSeconds) {
        removal.remove(cluster, memberId, timeoutSeconds);
    }
}
