package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;

import java.util.Collection;
import java.util.List;

/**
 * The endpoints that carry a membership change: the inventory's, minus the member the change concerns. A member
 * being removed stops answering mid-call, and a learner refuses most requests ("rpc not supported for learner").
 */
final class MembershipEndpoints {
    private MembershipEndpoints() {
    }

    /** All of the inventory's endpoints when it lists no other member: a change through that member beats none. */
    static List<String> excluding(EtcdCluster cluster, Collection<String> peerUrls, Collection<String> clientUrls) {
        final List<String> others = cluster.members().stream()
                .filter(m -> !peerUrls.contains(m.peerUrl()) && !clientUrls.contains(m.clientUrl()))
                .map(EtcdMember::clientUrl)
                .toList();
        return others.isEmpty() ? cluster.clientUrls() : others;
    }
}
