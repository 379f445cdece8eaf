package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.membership.LiveMembers;
import dev.etcdsop.workflows.membership.Quorum;
import dev.etcdsop.workflows.nodes.NodeState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans Pigsty's {@code etcd.yml} for a cluster declared in the inventory: every node reachable with one etcd version;
 * an etcd instance already on a node refused under {@code etcd_safeguard}, destroyed with {@code etcd_clean} (naming
 * each data directory), refused otherwise; a cluster already running as declared is nothing to do. Pure.
 */
public final class CreateClusterPlanner {
    private CreateClusterPlanner() {
    }

    /** {@code nodes}: what each member's node holds, by member name. */
    public static CreateClusterPlan plan(EtcdCluster cluster, ClusterFacts facts, Map<String, NodeState> nodes, String token) {
        if (runsAsDeclared(cluster, facts)) {
            return new CreateClusterPlan(List.of(cluster.name() + " already runs with the inventory's " + cluster.members().size()
                    + " members, all healthy: nothing to create"), List.of(), List.of(), true);
        }
        final List<String> refusals = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        final List<EtcdMember> toClean = new ArrayList<>();
        final int size = cluster.members().size();
        lines.add(size + " member(s), etcd_seq " + cluster.members().stream().map(m -> String.valueOf(m.seq())).toList()
                + ": " + String.join(", ", cluster.members().stream().map(MemberLabels::of).toList()) + "; quorum " + Quorum.of(size)
                + " of " + size);
        if (size % 2 == 0) {
            lines.add("warning: " + size + " members tolerate no more failures than " + (size - 1) + "; use an odd count (3 or 5)");
        }
        checkVersions(cluster, nodes, refusals);
        for (EtcdMember m : cluster.members()) {
            final NodeState node = nodes.get(m.name());
            if (!node.reachable() || !node.occupied()) {
                continue;
            }
            final String what = MemberLabels.of(m) + " already holds an etcd instance (" + (node.running() ? "running" : "stopped")
                    + (node.dataDirEmpty() ? "" : ", data in " + m.paths().dataDir()) + ")";
            if (m.safeguard()) {
                refusals.add(what + " and etcd_safeguard is set: refusing, as Pigsty does; unset etcd_safeguard to let etcd_clean"
                        + " purge it, or remove it by hand");
            } else if (!m.clean()) {
                refusals.add(what + " and etcd_clean is false: set etcd_clean: true to destroy it, or remove it by hand");
            } else {
                toClean.add(m);
                lines.add("DESTROY the etcd instance on " + MemberLabels.of(m) + ": stop etcd (" + m.service().stop()
                        + "), then empty its data directory " + m.paths().dataDir() + " (etcd_clean: true)");
            }
        }
        lines.add("the cluster CA at " + cluster.tls().caCert() + " and etcd-sop's client certificate, made if none exists");
        for (EtcdMember m : cluster.members()) {
            lines.add(MemberLabels.of(m) + ": data directory " + m.paths().dataDir() + " (owner " + m.owner() + ", 0700), its certificate,"
                    + " " + m.paths().confFile() + " (initial-cluster-state: new, initial-cluster-token: " + token + "), "
                    + m.paths().envFile());
        }
        lines.add("start every member (" + cluster.members().get(0).service().start() + " on each), then wait until each answers a"
                + " linearizable read through its own endpoint, all in one cluster");
        if (cluster.auth() != null) {
            lines.add("create user " + cluster.auth().user() + " with the password in " + cluster.auth().passwordFile()
                    + " and the root role, then enable authentication");
        }
        lines.add(cluster.prometheusSdDir() == null
                ? "no prometheus_sd_dir in the inventory: no Prometheus targets are registered"
                : "register each member as a Prometheus target in " + cluster.prometheusSdDir() + "/etcd/<ip>.yml");
        lines.add("verify: " + size + " voting members, every one healthy, a test write and read");
        return new CreateClusterPlan(lines, refusals, toClean, false);
    }

    private static void checkVersions(EtcdCluster cluster, Map<String, NodeState> nodes, List<String> refusals) {
        final Map<String, List<String>> byVersion = new TreeMap<>();
        for (EtcdMember m : cluster.members()) {
            final NodeState node = nodes.get(m.name());
            if (!node.reachable()) {
                refusals.add(MemberLabels.of(m) + " cannot be reached: " + node.error() + "; fix SSH to it (the message says how) and run again");
            } else if (node.etcdVersion().isEmpty()) {
                refusals.add(MemberLabels.of(m) + " has no etcd installed (`etcd --version` found nothing): install it there first,"
                        + " as Pigsty's etcd_install does; CreateCluster installs no package");
            } else {
                byVersion.computeIfAbsent(node.etcdVersion(), v -> new ArrayList<>()).add(m.name());
            }
        }
        if (byVersion.size() > 1) {
            refusals.add("the nodes run different etcd versions " + byVersion + ": install one version on every node first");
        }
    }

    /** A healthy cluster whose voters are exactly the inventory's members. */
    private static boolean runsAsDeclared(EtcdCluster cluster, ClusterFacts facts) {
        final List<MemberInfo> members = facts.members();
        return !members.isEmpty() && members.size() == cluster.members().size()
                && cluster.members().stream().allMatch(m -> LiveMembers.of(facts, m).filter(i -> !i.learner()).isPresent())
                && members.stream().allMatch(m -> LiveMembers.healthy(facts, m));
    }
}
