package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.facts.QuotaParity;
import dev.etcdsop.workflows.nodes.NodeCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides whether and how a member declared in the inventory joins the running cluster. Pure. */
public final class AddMemberPlanner {
    private AddMemberPlanner() {
    }

    /** {@code matchQuota}: refuse when the running members' quota differs from the one the new member would get. */
    public static AddMemberPlan plan(EtcdCluster cluster, EtcdMember target, ClusterFacts facts, NodeCheck node, boolean matchQuota) {
        final Optional<MemberInfo> live = LiveMembers.of(facts, target);
        if (live.isPresent() && !live.get().learner()) {
            return new AddMemberPlan(List.of(), true, null, false, List.of(), List.of(target.name() + " is already a voting member: nothing to do"));
        }
        final MemberInfo pending = live.orElse(null);
        final List<String> refusals = new ArrayList<>(clusterRefusals(cluster, target, facts));
        if (matchQuota) {
            final long quota = cluster.settings().quotaBackendBytes();
            QuotaParity.notMatching(facts.endpoints(), quota, MemberLabels.of(cluster, facts)::of).ifPresent(running -> refusals.add("the running members' quota ("
                    + running + ") differs from the " + quota + " bytes " + target.name() + " would get from the inventory;"
                    + " a member with a smaller quota raises NOSPACE for the whole cluster: set etcd_quota_backend_bytes in the"
                    + " vars of group " + cluster.name() + " to the running members' quota"));
        }
        final boolean clean = !node.dataDirEmpty() && pending == null;
        if (!node.reachable()) {
            refusals.add("the worker cannot reach the node of " + target.name() + " (" + target.connection().host() + "): " + node.error());
        } else if (clean && (!target.clean() || target.safeguard())) {
            refusals.add("the data directory " + target.paths().dataDir() + " on " + target.name() + " is not empty and "
                    + (target.safeguard() ? "etcd_safeguard is set" : "etcd_clean is false")
                    + ": empty it by hand, or run CleanMember/PurgeMember, then try again");
        }
        final List<EtcdMember> initial = new ArrayList<>(LiveMembers.inCluster(cluster, facts));
        if (!initial.contains(target)) {
            initial.add(target);
        }
        final int voters = LiveMembers.voters(facts).size();
        final List<String> lines = new ArrayList<>();
        if (!refusals.isEmpty()) {
            refusals.forEach(r -> lines.add("REFUSED: " + r));
            return new AddMemberPlan(refusals, false, pending, false, initial, lines);
        }
        if (pending != null) {
            lines.add("continue: " + target.name() + " is already a learner (id " + pending.id() + ") from an earlier run; it is not added again");
        }
        if (clean) {
            lines.add("clean the non-empty data directory " + target.paths().dataDir() + " (etcd_clean: true, no safeguard)");
        }
        lines.add("issue " + target.name() + "'s certificate from the cluster CA (SANs " + target.address()
                + ", 127.0.0.1, localhost, " + target.name() + ") and install it with the CA certificate");
        lines.add("write " + target.paths().confFile() + " with initial-cluster-state: existing and initial-cluster "
                + String.join(",", initial.stream().map(m -> m.name() + "=" + m.peerUrl()).toList()) + "; the cluster's settings: quota "
                + cluster.settings().quotaBackendBytes() + " bytes, auto-compaction " + cluster.settings().autoCompactionMode() + " "
                + cluster.settings().autoCompactionRetention() + ", election timeout " + cluster.settings().electionTimeoutMs()
                + " ms, heartbeat " + cluster.settings().heartbeatIntervalMs() + " ms");
        if (pending == null) {
            lines.add("member add " + target.name() + " " + target.peerUrl() + " as a learner");
        }
        lines.add("start etcd on " + target.name() + " (" + target.service().start() + ")");
        lines.add("wait until the learner has applied the leader's raft index, then promote it");
        lines.add("then " + (voters + 1) + " voters, quorum " + Quorum.of(voters + 1) + ", tolerating " + Quorum.tolerance(voters + 1)
                + " failure(s)" + ((voters + 1) % 2 == 0 ? " (an even count tolerates no more than " + voters + " voters did)" : ""));
        lines.add("refresh endpoint references: members' etcd.conf, etcdctl environment, Patroni etcd3 hosts, vip-manager endpoints");
        lines.add("verify: " + target.name() + " started, voting and healthy; every member healthy");
        return new AddMemberPlan(List.of(), false, pending, clean, initial, lines);
    }

    private static List<String> clusterRefusals(EtcdCluster cluster, EtcdMember target, ClusterFacts facts) {
        final List<String> refusals = new ArrayList<>();
        if (facts.members().isEmpty()) {
            refusals.add("no member of " + cluster.name() + " answered; a member can only join a running cluster");
            return refusals;
        }
        final List<MemberInfo> voters = LiveMembers.voters(facts);
        voters.stream().filter(v -> !LiveMembers.healthy(facts, v)).forEach(v -> refusals.add(
                label(v) + " is down or unhealthy: adding a member to a degraded cluster risks quorum; bring it back first"));
        if (LiveMembers.leader(facts).isEmpty()) {
            refusals.add("the cluster has no leader; wait for an election and run ClusterStatus");
        }
        facts.members().stream().filter(MemberInfo::learner).filter(m -> !m.peerUrls().contains(target.peerUrl())).forEach(m ->
                refusals.add("learner " + label(m) + " is pending and etcd 3.4 allows one learner: promote or remove it first"));
        facts.members().stream().filter(m -> LiveMembers.declared(cluster, m).isEmpty()).forEach(m -> refusals.add(
                label(m) + " (" + String.join(",", m.peerUrls()) + ") runs in the cluster but is not in the inventory: "
                        + "the new member's initial-cluster would be wrong; add it to inventory.yml first"));
        final long healthy = voters.stream().filter(v -> LiveMembers.healthy(facts, v)).count();
        if (healthy + 1 < Quorum.of(voters.size() + 1)) {
            refusals.add("with " + healthy + " of " + voters.size() + " voters healthy, " + (voters.size() + 1)
                    + " voters would need " + Quorum.of(voters.size() + 1) + " healthy ones");
        }
        return refusals;
    }

    static String label(MemberInfo m) {
        return m.name().isEmpty() ? "member " + m.id() : m.name();
    }
}
