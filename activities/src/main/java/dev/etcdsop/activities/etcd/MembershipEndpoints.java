package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * As {@link #excluding}, and only through members of the live member list: a member the inventory still lists
     * after it was removed answers every call with "raft: stopped".
     */
    static List<String> excluding(EtcdCluster cluster, List<MemberInfo> live, MemberInfo member) {
        final Set<String> livePeers = live.stream().flatMap(m -> m.peerUrls().stream()).collect(Collectors.toSet());
        final List<String> others = excluding(cluster, member.peerUrls(), member.clientUrls());
        final List<String> liveOthers = cluster.members().stream()
                .filter(m -> livePeers.contains(m.peerUrl()) && others.contains(m.clientUrl()))
                .map(EtcdMember::clientUrl)
                .toList();
        return liveOthers.isEmpty() ? others : liveOthers;
    }
}
