package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.facts.WriteCheck;
import io.temporal.activity.ActivityInterface;

import java.util.List;

/** Talks to etcd itself. Every mutating call observes first, so a retry after a lost answer changes nothing twice. */
@ActivityInterface
public interface EtcdActivities {
    /** Membership, every endpoint's status and health, alarms, revision. A member that is down is reported, not thrown. */
    ClusterFacts observe(EtcdCluster cluster);

    /** Compacts the key-value history up to {@code revision}; a revision already compacted is success. Returns the compacted revision. */
    long compact(EtcdCluster cluster, long revision);

    /**
     * Defragments the member at {@code endpoint}, heartbeating while etcd works. Observes the member first and
     * skips it when its file holds less than {@code minFreeBytes} of free space (already defragmented).
     */
    DefragResult defragment(EtcdCluster cluster, String endpoint, long minFreeBytes);

    /** Moves leadership to {@code toMemberId} (hex); nothing to do when it already leads. */
    void moveLeader(EtcdCluster cluster, String toMemberId);

    /**
     * Waits, heartbeating, until the member at {@code endpoint} answers a linearizable read and has applied the
     * leader's raft index, and every other member is healthy. Fails (retryably) past {@code timeoutSeconds}. The facts
     * it returns hold what a wait needs, health, leader and raft indexes: quotas and revision are 0 (not read) and the
     * alarms unknown.
     */
    ClusterFacts awaitCaughtUp(EtcdCluster cluster, String endpoint, int timeoutSeconds);

    /**
     * Disarms NOSPACE alarms only when every member's db is below {@code thresholdPercent} of its quota;
     * otherwise fails non-retryably ({@link Failures#QUOTA_STILL_EXCEEDED}) naming each member's size.
     * Returns the alarms it disarmed (none when none was raised).
     */
    List<Alarm> disarmNospace(EtcdCluster cluster, int thresholdPercent);

    /** Writes {@code key}, reads it back linearizably, deletes it. */
    WriteCheck testWrite(EtcdCluster cluster, String key);
}
