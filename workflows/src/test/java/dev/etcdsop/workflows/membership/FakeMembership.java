package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.FakeEtcd;
import dev.etcdsop.workflows.activities.MembershipActivities;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.List;

/**
 * MembershipActivities over {@link FakeEtcd}'s model of the cluster, idempotent as the real ones are: adding a
 * peer URL that is a member returns it, promoting a voter and removing an absent member are success. Logs
 * {@code "addLearner <peerUrl>"}, {@code "promote <id>"}, {@code "removeMember <id>"}.
 */
final class FakeMembership implements MembershipActivities {
    private final FakeEtcd etcd;
    private final List<String> log;

    FakeMembership(FakeEtcd etcd, List<String> log) {
        this.etcd = etcd;
        this.log = log;
    }

    @Override
    public synchronized MemberInfo addLearner(EtcdCluster cluster, String peerUrl) {
        log.add("addLearner " + peerUrl);
        final EtcdMember m = cluster.members().stream().filter(i -> i.peerUrl().equals(peerUrl)).findFirst().orElseThrow();
        if (LiveMembers.of(etcd.facts(), m).isEmpty()) {
            etcd.facts(MemberFixtures.addedLearner(etcd.facts(), m));
        }
        return LiveMembers.of(etcd.facts(), m).orElseThrow();
    }

    @Override
    public synchronized MemberInfo promote(EtcdCluster cluster, String memberId, int timeoutSeconds) {
        log.add("promote " + memberId);
        etcd.facts(MemberFixtures.promoted(etcd.facts(), memberId));
        return etcd.facts().memberById(memberId).orElseThrow();
    }

    @Override
    public synchronized void removeMember(EtcdCluster cluster, String memberId, int timeoutSeconds) {
        log.add("removeMember " + memberId);
        etcd.facts(MemberFixtures.removed(etcd.facts(), memberId));
    }

    /** etcd started on {@code m}'s node: a member with its peer URL now answers, caught up or far behind. */
    synchronized void started(EtcdMember m, boolean catchesUp) {
        if (LiveMembers.of(etcd.facts(), m).filter(MemberInfo::learner).isPresent()) {
            etcd.facts(MemberFixtures.startedLearner(etcd.facts(), m, catchesUp ? MemberFixtures.LEADER_INDEX : 10));
        }
    }
}
