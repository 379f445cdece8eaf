package dev.etcdsop.workflows.facts;

import dev.etcdsop.runbooks.EtcdCluster;

import java.util.List;

/**
 * Which observed endpoints belong to members of the running cluster. An observation also covers every endpoint the
 * inventory declares, and Pigsty's procedure declares a host before AddMember adds it: until then its endpoint is no
 * member's, so it neither holds a procedure up nor is acted on. Pure.
 */
public final class MemberEndpoints {
    private MemberEndpoints() {
    }

    public static List<EndpointStatus> of(EtcdCluster cluster, ClusterFacts facts) {
        return facts.endpoints().stream().filter(e -> isMember(cluster, facts, e)).toList();
    }

    public static boolean isMember(EtcdCluster cluster, ClusterFacts facts, EndpointStatus e) {
        if (e.reachable()) {
            // An answer names its member; an id the member list lacks is an etcd running apart from this cluster.
            return facts.memberById(e.memberId()).isPresent();
        }
        // A member added but never started advertises no client URL yet: the inventory ties its endpoint to its peer URL.
        return facts.members().stream().anyMatch(m -> m.clientUrls().contains(e.endpoint()))
                || cluster.members().stream().filter(d -> d.clientUrl().equals(e.endpoint()))
                .anyMatch(d -> facts.members().stream().anyMatch(m -> m.peerUrls().contains(d.peerUrl())));
    }
}
