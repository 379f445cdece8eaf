package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberEndpoints;
import dev.etcdsop.workflows.facts.MemberLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One observation's answer to "has the member at this endpoint applied what the leader has, and is every
 * member healthy?"; {@code problems} is empty when it is so. Every member is the running cluster's: a host the inventory
 * declares but that is not added yet holds nothing up.
 */
record CatchUp(String member, long applied, long leaderIndex, List<String> problems) {
    // Statuses are read one member after another while the cluster keeps committing (Patroni renews its
    // leader key every few seconds), so a member a few entries behind the leader's index has caught up.
    static final long ALLOWED_LAG = 5;

    CatchUp {
        problems = List.copyOf(problems);
    }

    static CatchUp of(EtcdCluster cluster, ClusterFacts facts, String endpoint) {
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        final String member = labels.endpoint(endpoint);
        final List<String> problems = new ArrayList<>();
        final Optional<EndpointStatus> leader = Leader.of(facts);
        final long leaderIndex = leader.map(EndpointStatus::raftIndex).orElse(0L);
        final EndpointStatus status = facts.endpoint(endpoint).orElse(EndpointStatus.unreachable(endpoint, "not observed"));
        if (facts.members().isEmpty()) {
            problems.add("the member list did not answer");
        } else if (leader.isEmpty()) {
            problems.add("no member reports itself leader");
        }
        if (status.reachable() && status.raftAppliedIndex() + ALLOWED_LAG < leaderIndex) {
            problems.add(member + " applied " + status.raftAppliedIndex() + " of the leader's " + leaderIndex);
        }
        for (EndpointStatus e : MemberEndpoints.of(cluster, facts)) {
            if (!ready(e)) {
                problems.add(labels.of(e) + (e.reachable()
                        ? " fails a linearizable read: " + e.healthError()
                        : " is unreachable: " + e.error()));
            }
        }
        return new CatchUp(member, status.raftAppliedIndex(), leaderIndex, problems);
    }

    /** A learner refuses linearizable reads by design, so for it answering its status is enough. */
    private static boolean ready(EndpointStatus e) {
        return e.healthy() || (e.reachable() && e.learner());
    }

    boolean caughtUp() {
        return problems.isEmpty();
    }

    /** "etcd-3 (...) applied 1250 of 1250" once caught up, otherwise what still stands in the way. */
    String progress() {
        return problems.isEmpty() ? member + " applied " + applied + " of " + leaderIndex : String.join("; ", problems);
    }
}
