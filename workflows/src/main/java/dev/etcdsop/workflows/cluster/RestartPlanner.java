package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.membership.LiveMembers;
import dev.etcdsop.workflows.membership.Quorum;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a rolling restart from the live cluster: every member of the inventory that the cluster has, followers first
 * in the inventory's order, the leader last after leadership moves to a member restarted already. Refuses what would
 * risk quorum or touch the others while one is down. Pure.
 */
public final class RestartPlanner {
    private RestartPlanner() {
    }

    /** {@code before}: what each member's turn does before its restart (e.g. write its settings), as plan lines. */
    public static RestartPlan plan(EtcdCluster cluster, ClusterFacts facts, Duration catchUp, BeforeRestart before) {
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        final List<String> refusals = refusals(cluster, facts, labels);
        final Optional<MemberInfo> leader = LiveMembers.leader(facts);
        final List<EtcdMember> inCluster = LiveMembers.inCluster(cluster, facts);
        final List<EtcdMember> order = new ArrayList<>(inCluster.stream().filter(m -> !leads(facts, leader, m)).toList());
        inCluster.stream().filter(m -> leads(facts, leader, m)).forEach(order::add);
        final int voters = LiveMembers.voters(facts).size();
        final List<String> lines = new ArrayList<>();
        lines.add(voters + " voter(s), leader " + leader.map(labels::of).orElse("none") + "; one member down at a time keeps "
                + "a quorum of " + Quorum.of(voters) + " of " + voters);
        for (int i = 0; i < order.size(); i++) {
            final EtcdMember member = order.get(i);
            if (i == order.size() - 1 && order.size() > 1 && leads(facts, leader, member)) {
                lines.add("move leadership from " + MemberLabels.of(member) + " to " + MemberLabels.of(order.get(0)) + ", restarted already");
            }
            lines.addAll(before.lines(member));
            lines.add("restart " + MemberLabels.of(member) + " (" + member.service().stop() + ", then " + member.service().start()
                    + "), then wait until it is healthy and has applied the leader's raft index, for up to " + catchUp.toSeconds() + " s");
        }
        lines.add("verify: the same members, every one healthy, a test write and read");
        return new RestartPlan(order, lines, refusals);
    }

    private static List<String> refusals(EtcdCluster cluster, ClusterFacts facts, MemberLabels labels) {
        final List<String> refusals = new ArrayList<>();
        if (facts.members().isEmpty()) {
            refusals.add("no member of " + cluster.name() + " answered: check that etcd runs and that the worker reaches it"
                    + " (ClusterStatus shows each member)");
            return refusals;
        }
        for (MemberInfo m : facts.members()) {
            if (LiveMembers.declared(cluster, m).isEmpty()) {
                refusals.add(labels.of(m) + " is a member but is not declared in the inventory, so etcd-sop cannot restart it:"
                        + " declare it (etcd_seq, its address) or remove it with RemoveMember");
            } else if (m.learner()) {
                refusals.add("learner " + labels.of(m) + " is pending: let AddMember promote it, or remove it, before a restart");
            } else if (!LiveMembers.healthy(facts, m)) {
                refusals.add(labels.of(m) + " is not healthy: a rolling restart never touches the others while one is down;"
                        + " bring it back (its etcd log, `systemctl status etcd`) and run again");
            }
        }
        final int voters = LiveMembers.voters(facts).size();
        if (voters - 1 < Quorum.of(voters)) {
            refusals.add("a cluster of " + voters + " voter(s) loses quorum while one member restarts: writes (and Patroni's leader"
                    + " key) stop until it is back; restart it by hand in a maintenance window, or grow it to 3 members first");
        }
        if (refusals.isEmpty() && LiveMembers.leader(facts).isEmpty()) {
            refusals.add("the cluster has no leader: wait for an election (ClusterStatus) before restarting anything");
        }
        return refusals;
    }

    private static boolean leads(ClusterFacts facts, Optional<MemberInfo> leader, EtcdMember member) {
        return leader.isPresent() && LiveMembers.of(facts, member).filter(m -> m.id().equals(leader.get().id())).isPresent();
    }

    /** What a rolling SOP does on a member's node before restarting it, in the plan's words. */
    @FunctionalInterface
    public interface BeforeRestart {
        BeforeRestart NOTHING = member -> List.of();

        List<String> lines(EtcdMember member);
    }
}
