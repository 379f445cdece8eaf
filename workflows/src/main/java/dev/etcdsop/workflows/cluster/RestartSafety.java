package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.membership.LiveMembers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What each member's turn checks just before it acts, on a fresh observation: the plan may be minutes old. Pure. */
public final class RestartSafety {
    private RestartSafety() {
    }

    /** Why {@code member} must not be stopped now, or empty: every other member healthy, and a leader. */
    public static Optional<String> refusal(EtcdCluster cluster, ClusterFacts facts, EtcdMember member) {
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        if (LiveMembers.of(facts, member).isEmpty()) {
            return Optional.of(MemberLabels.of(member) + " is no longer a member of " + cluster.name() + ": skip it, or abort");
        }
        final List<String> down = facts.members().stream().filter(m -> !m.peerUrls().contains(member.peerUrl()))
                .filter(m -> !LiveMembers.healthy(facts, m)).map(labels::of).toList();
        if (!down.isEmpty()) {
            return Optional.of(String.join(", ", down) + " not healthy: restarting " + MemberLabels.of(member) + " now could lose quorum;"
                    + " bring it back, then retry");
        }
        if (LiveMembers.leader(facts).isEmpty()) {
            return Optional.of("no leader: wait for an election, then retry");
        }
        return Optional.empty();
    }

    /**
     * Where leadership goes when {@code member} leads as its turn comes: a healthy voter restarted already, or else any
     * other healthy voter; empty when {@code member} does not lead.
     */
    public static Optional<MemberInfo> handOff(ClusterFacts facts, EtcdMember member, Collection<String> restartedPeerUrls) {
        final Optional<MemberInfo> leader = LiveMembers.leader(facts);
        if (leader.isEmpty() || !leader.get().peerUrls().contains(member.peerUrl())) {
            return Optional.empty();
        }
        final List<MemberInfo> candidates = LiveMembers.voters(facts).stream().filter(m -> !m.id().equals(leader.get().id()))
                .filter(m -> LiveMembers.healthy(facts, m)).toList();
        return candidates.stream().filter(m -> m.peerUrls().stream().anyMatch(restartedPeerUrls::contains)).findFirst()
                .or(() -> candidates.stream().findFirst());
    }
}
