package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.List;
import java.util.Optional;

/** Matches the running cluster's members to the inventory's by peer URL, the one identity both agree on. Pure. */
public final class LiveMembers {
    private LiveMembers() {
    }

    public static Optional<MemberInfo> of(ClusterFacts facts, EtcdMember member) {
        return facts.members().stream().filter(m -> m.peerUrls().contains(member.peerUrl())).findFirst();
    }

    public static Optional<EtcdMember> declared(EtcdCluster cluster, MemberInfo live) {
        return cluster.members().stream().filter(m -> live.peerUrls().contains(m.peerUrl())).findFirst();
    }

    /** Inventory members that the running cluster has as members, in inventory order. */
    public static List<EtcdMember> inCluster(EtcdCluster cluster, ClusterFacts facts) {
        return cluster.members().stream().filter(m -> of(facts, m).isPresent()).toList();
    }

    public static List<MemberInfo> voters(ClusterFacts facts) {
        return facts.members().stream().filter(m -> !m.learner()).toList();
    }

    /** A voter counts as started and healthy when it answers a linearizable read through its own endpoint. */
    public static boolean healthy(ClusterFacts facts, MemberInfo member) {
        return member.clientUrls().stream().map(facts::endpoint).flatMap(Optional::stream).anyMatch(EndpointStatus::healthy);
    }

    public static Optional<MemberInfo> leader(ClusterFacts facts) {
        return facts.endpoints().stream().filter(EndpointStatus::leader).findFirst().flatMap(e -> facts.memberById(e.memberId()));
    }
}
