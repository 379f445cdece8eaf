package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.MemberInfo;
import io.temporal.activity.ActivityInterface;

/**
 * Membership changes through the etcd cluster API. Each observes the member list first, so a call repeated
 * after a crash or a lost answer finds the change already made instead of making it twice.
 */
@ActivityInterface
public interface MembershipActivities {
    /** Adds {@code peerUrl} as a learner, unless a member with that peer URL exists already; returns that member. */
    MemberInfo addLearner(EtcdCluster cluster, String peerUrl);

    /**
     * Promotes the learner {@code memberId} (hex) to a voter, retrying while etcd answers that it is not in sync
     * with the leader, heartbeating, for up to {@code timeoutSeconds}; then fails retryably with
     * {@link Failures#MEMBER_NOT_CAUGHT_UP}. A member that already votes is success.
     */
    MemberInfo promote(EtcdCluster cluster, String memberId, int timeoutSeconds);

    /**
     * Removes {@code memberId} (hex), retrying "unhealthy cluster" (the leader wants 5 s of contact with every
     * voter after a change) for up to {@code timeoutSeconds}. A member that is already gone is success.
     */
    void removeMember(EtcdCluster cluster, String memberId, int timeoutSeconds);
}
