package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides whether a member may leave the cluster without putting quorum at risk, and how. Pure. */
public final class RemoveMemberPlanner {
    private RemoveMemberPlanner() {
    }

    public static RemoveMemberPlan plan(EtcdCluster cluster, EtcdMember target, ClusterFacts facts) {
        final Optional<MemberInfo> found = LiveMembers.of(facts, target);
        final List<String> lines = new ArrayList<>();
        final String dataFate = target.safeguard()
                ? "leave its data directory " + target.paths().dataDir() + " in place (etcd_safeguard is set)"
                : "remove its data directory " + target.paths().dataDir();
        if (found.isEmpty()) {
            if (facts.members().isEmpty()) {
                return refused("no member of " + cluster.name() + " answered; cannot tell whether " + target.name() + " is a member");
            }
            lines.add(target.name() + " is not a member of the running cluster (already removed, or never added)");
            lines.add("stop etcd on its node; " + dataFate);
            return new RemoveMemberPlan(List.of(), null, null, !target.safeguard(), lines);
        }
        final MemberInfo live = found.get();
        final List<String> refusals = live.learner() ? List.of() : voterRefusals(facts, live);
        if (!refusals.isEmpty()) {
            return new RemoveMemberPlan(refusals, live, null, false, refusals.stream().map(r -> "REFUSED: " + r).toList());
        }
        final boolean leads = LiveMembers.leader(facts).map(l -> l.id().equals(live.id())).orElse(false);
        final String successor = leads ? successor(cluster, facts, live).orElse(null) : null;
        if (leads && successor == null) {
            return refused(target.name() + " leads and no other voter is healthy to take over");
        }
        final int voters = LiveMembers.voters(facts).size() - (live.learner() ? 0 : 1);
        if (successor != null) {
            lines.add("move leadership from " + target.name() + " to " + facts.memberById(successor).map(AddMemberPlanner::label).orElse(successor));
        }
        lines.add("refresh endpoint references without " + target.name() + ": members' etcd.conf, etcdctl environment, Patroni, vip-manager");
        lines.add("member remove " + target.name() + " (id " + live.id() + ")");
        lines.add("then " + voters + " voters, quorum " + Quorum.of(voters) + ", tolerating " + Quorum.tolerance(voters) + " failure(s)");
        lines.add("stop etcd on its node; " + dataFate);
        lines.add("verify: " + target.name() + " gone, every remaining member healthy");
        return new RemoveMemberPlan(List.of(), live, successor, !target.safeguard(), lines);
    }

    /**
     * A voter that is itself down may always go (it is not part of any quorum now), provided the others can
     * still commit the change. A healthy one may go only when the rest keep a quorum without it.
     */
    private static List<String> voterRefusals(ClusterFacts facts, MemberInfo target) {
        final List<MemberInfo> voters = LiveMembers.voters(facts);
        final long healthy = voters.stream().filter(v -> LiveMembers.healthy(facts, v)).count();
        final List<String> refusals = new ArrayList<>();
        if (healthy < Quorum.of(voters.size())) {
            refusals.add("only " + healthy + " of " + voters.size() + " voters are healthy: the cluster has no quorum and cannot commit a removal");
            return refusals;
        }
        if (!LiveMembers.healthy(facts, target)) {
            return refusals;
        }
        if (voters.size() <= 2) {
            refusals.add("the cluster has " + voters.size() + " voter(s): removing a healthy one leaves "
                    + (voters.size() - 1) + " with no fault tolerance at all; add a member first");
            return refusals;
        }
        final long healthyRemaining = healthy - 1;
        if (healthyRemaining < Quorum.of(voters.size() - 1)) {
            refusals.add("another voter is down: removing " + AddMemberPlanner.label(target) + " would leave " + healthyRemaining
                    + " healthy of " + (voters.size() - 1) + ", below a quorum of " + Quorum.of(voters.size() - 1));
        }
        return refusals;
    }

    /** The first healthy voter, in inventory order, to hand leadership to. */
    private static Optional<String> successor(EtcdCluster cluster, ClusterFacts facts, MemberInfo leaving) {
        return cluster.members().stream()
                .map(m -> LiveMembers.of(facts, m))
                .flatMap(Optional::stream)
                .filter(m -> !m.learner() && !m.id().equals(leaving.id()) && LiveMembers.healthy(facts, m))
                .map(MemberInfo::id)
                .findFirst();
    }

    private static RemoveMemberPlan refused(String reason) {
        return new RemoveMemberPlan(List.of(reason), null, null, false, List.of("REFUSED: " + reason));
    }
}
