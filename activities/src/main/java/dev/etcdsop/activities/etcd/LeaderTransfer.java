package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Moves leadership, as {@code etcdctl move-leader ID --endpoints=LEADER} does, and waits until the target leads. */
final class LeaderTransfer {
    // etcd answers once the transfer is done; its own limit is a few election timeouts.
    private static final Duration CALL_LIMIT = Duration.ofSeconds(15);
    private static final Duration VERIFY_LIMIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ClusterObserver observer;

    LeaderTransfer(ClusterObserver observer) {
        this.observer = observer;
    }

    void moveLeader(EtcdCluster cluster, String toMemberId) {
        final String target = MemberIds.normalize(cluster, toMemberId);
        final ClusterFacts facts = observer.observe(cluster);
        if (facts.members().isEmpty()) {
            throw EtcdFailures.notYet("no member of cluster " + cluster.name() + " " + cluster.clientUrls()
                    + " answered the member list, so leadership cannot be moved; start its members and retry");
        }
        final MemberInfo member = facts.memberById(target).orElseThrow(() -> EtcdFailures.invalidInput(
                "member " + toMemberId + " is not in cluster " + cluster.name() + "; its members are "
                        + facts.members().stream().map(m -> m.id() + " (" + m.name() + ")").toList()));
        if (member.learner()) {
            throw EtcdFailures.invalidInput("member " + target + " (" + member.name()
                    + ") is a learner and cannot lead; promote it first or choose a voting member");
        }
        final EndpointStatus leader = Leader.of(facts).orElseThrow(() -> EtcdFailures.notYet(
                "no member of cluster " + cluster.name() + " reports itself leader, so leadership cannot be moved; "
                        + "wait for an election (check that a quorum of members runs) and retry"));
        if (leader.memberId().equals(target)) {
            return;
        }
        // etcd accepts MoveLeader only from the current leader.
        try {
            observer.call(cluster, List.of(leader.endpoint()),
                    client -> ClusterObserver.await(client.getMaintenanceClient().moveLeader(MemberIds.parse(target)), CALL_LIMIT));
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("move leader to " + target, leader.endpoint(), e);
        }
        awaitLeader(cluster, target);
    }

    private void awaitLeader(EtcdCluster cluster, String target) {
        final long deadline = System.nanoTime() + VERIFY_LIMIT.toNanos();
        while (true) {
            final ClusterFacts facts = observer.observeForWait(cluster);
            final Optional<EndpointStatus> leader = Leader.of(facts);
            if (leader.isPresent() && leader.get().memberId().equals(target)) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw EtcdFailures.notYet("etcd accepted moving leadership to " + target + " but after "
                        + VERIFY_LIMIT.toSeconds() + " s the leader is "
                        + leader.map(MemberLabels.of(cluster, facts)::of).orElse("unknown")
                        + "; the step retries, and does nothing once " + target + " leads");
            }
            Polling.pause(POLL, deadline);
        }
    }
}
