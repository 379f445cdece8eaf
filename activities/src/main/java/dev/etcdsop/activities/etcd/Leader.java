package dev.etcdsop.activities.etcd;

import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;

import java.util.Comparator;
import java.util.Optional;

/** Which endpoint leads in an observation. */
final class Leader {
    private Leader() {
    }

    /**
     * During an election a deposed leader may still think it leads: the newest term wins. Only members count: an etcd
     * that answers at a declared address as a member the list lacks leads a cluster of its own.
     */
    static Optional<EndpointStatus> of(ClusterFacts facts) {
        return facts.endpoints().stream().filter(EndpointStatus::leader).filter(e -> facts.memberById(e.memberId()).isPresent())
                .max(Comparator.comparingLong(EndpointStatus::raftTerm));
    }
}
