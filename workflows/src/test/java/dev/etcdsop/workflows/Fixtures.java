package dev.etcdsop.workflows;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.EtcdSettings;
import dev.etcdsop.runbooks.MemberPaths;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.runbooks.SopPolicy;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Inventory clusters and observed facts for workflow-tier tests: healthy by default, changed per test. */
public final class Fixtures {
    public static final long MB = 1_000_000;
    public static final long QUOTA = 2147 * MB;
    public static final String REQUESTER = "alice";
    public static final List<String> APPROVERS = List.of("alice", "bob", "carol");

    private Fixtures() {
    }

    public static EtcdCluster cluster(int size) {
        final List<EtcdMember> members = new ArrayList<>();
        for (int seq = 1; seq <= size; seq++) {
            members.add(new EtcdMember("etcd-" + seq, seq, "10.10.10." + (9 + seq), 2379, 2380,
                    MemberPaths.pigstyDefaults("/data/etcd"), Connection.local(), ServiceCommands.systemd("etcd"), false, true, "etcd"));
        }
        return new EtcdCluster("etcd", members, new ClientTls("ca.crt", "ca.key", "client.crt", "client.key"),
                EtcdSettings.pigstyDefaults().withQuota(QUOTA), null);
    }

    /** {@link #cluster(int)} with each member on its own node, reached over SSH at its address, so fakes tell nodes apart. */
    public static EtcdCluster clusterOnNodes(int size) {
        final EtcdCluster plain = cluster(size);
        return plain.withMembers(plain.members().stream().map(m -> new EtcdMember(m.name(), m.seq(), m.address(),
                m.clientPort(), m.peerPort(), m.paths(), Connection.ssh(m.address(), 22, "root", null),
                m.service(), m.safeguard(), m.clean(), m.owner())).toList());
    }

    /** Facts of a healthy cluster matching {@link #cluster(int)}: member 1 leads, 20 MB db of a 2.1 GB quota. */
    public static ClusterFacts healthy(EtcdCluster cluster) {
        final List<MemberInfo> members = cluster.members().stream()
                .map(m -> new MemberInfo(id(m.seq()), m.name(), List.of(m.peerUrl()), List.of(m.clientUrl()), false)).toList();
        final List<EndpointStatus> endpoints = cluster.members().stream()
                .map(m -> new EndpointStatus(m.clientUrl(), true, "", id(m.seq()), "3.4.23", 20 * MB, 18 * MB, 2147 * MB,
                        m.seq() == 1, false, 5, 1000, 1000, true, "", 3)).toList();
        return new ClusterFacts(cluster.name(), "cafe", 700518, members, endpoints, List.of(), "2026-11-25T10:00:00Z");
    }

    public static String id(int seq) {
        return Integer.toHexString(0xa0 + seq);
    }

    public static ClusterFacts withEndpoint(ClusterFacts facts, int seq, UnaryOperator<EndpointStatus> change) {
        final List<EndpointStatus> endpoints = facts.endpoints().stream()
                .map(e -> e.memberId().equals(id(seq)) ? change.apply(e) : e).toList();
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(), endpoints, facts.alarms(), facts.observedAt());
    }

    public static ClusterFacts withMembers(ClusterFacts facts, List<MemberInfo> members) {
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), members, facts.endpoints(), facts.alarms(), facts.observedAt());
    }

    /** The member list with one member more. */
    public static ClusterFacts withMember(ClusterFacts facts, MemberInfo member) {
        final List<MemberInfo> members = new ArrayList<>(facts.members());
        members.add(member);
        return withMembers(facts, members);
    }

    /** {@code facts} where the observer also asked {@code endpoint}, as it asks every endpoint the inventory declares. */
    public static ClusterFacts observedToo(ClusterFacts facts, EndpointStatus endpoint) {
        final List<EndpointStatus> endpoints = new ArrayList<>(facts.endpoints().stream()
                .filter(e -> !e.endpoint().equals(endpoint.endpoint())).toList());
        endpoints.add(endpoint);
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(), endpoints, facts.alarms(), facts.observedAt());
    }

    public static ClusterFacts withAlarms(ClusterFacts facts, List<Alarm> alarms) {
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(), facts.endpoints(), alarms, facts.observedAt());
    }

    public static EndpointStatus dbSize(EndpointStatus e, long dbSize, long inUse, long quota) {
        return new EndpointStatus(e.endpoint(), e.reachable(), e.error(), e.memberId(), e.version(), dbSize, inUse, quota,
                e.leader(), e.learner(), e.raftTerm(), e.raftIndex(), e.raftAppliedIndex(), e.healthy(), e.healthError(), e.healthTookMillis());
    }

    /** A member that does not answer at all, as the observer reports it. */
    public static EndpointStatus down(EndpointStatus e) {
        return EndpointStatus.unreachable(e.endpoint(), "connection refused");
    }

    /**
     * The seed incident: every member's file has reached its quota (2100 MB of 2147 MB) though only 300 MB is in
     * use, and etcd raised NOSPACE on each.
     */
    public static ClusterFacts nospace(EtcdCluster cluster) {
        final ClusterFacts healthy = healthy(cluster);
        final List<EndpointStatus> full = healthy.endpoints().stream().map(e -> dbSize(e, 2100 * MB, 300 * MB, QUOTA)).toList();
        final List<Alarm> alarms = cluster.members().stream().map(m -> new Alarm(id(m.seq()), "NOSPACE")).toList();
        return withAlarms(new ClusterFacts(healthy.cluster(), healthy.clusterId(), healthy.revision(), healthy.members(), full,
                healthy.alarms(), healthy.observedAt()), alarms);
    }

    /** The QuotaRecovery policy of the sample policies.yml: one of alice, bob, carol, not the requester, 4 h, 80 %. */
    public static SopPolicy fourEyes() {
        return policy(true, APPROVERS, 1, false);
    }

    public static SopPolicy policy(boolean approvalRequired, List<String> approvers, int requiredApprovals, boolean requesterMayApprove) {
        return new SopPolicy("QuotaRecovery", approvalRequired, approvers, requiredApprovals, requesterMayApprove, 4 * 3600,
                Map.of("quotaThresholdPercent", 80.0));
    }

    /** The member {@code memberId} leads, every other member follows. */
    public static ClusterFacts withLeader(ClusterFacts facts, String memberId) {
        final List<EndpointStatus> endpoints = facts.endpoints().stream().map(e -> new EndpointStatus(e.endpoint(), e.reachable(),
                e.error(), e.memberId(), e.version(), e.dbSizeBytes(), e.dbSizeInUseBytes(), e.quotaBytes(),
                e.reachable() && e.memberId().equals(memberId), e.learner(), e.raftTerm(), e.raftIndex(), e.raftAppliedIndex(),
                e.healthy(), e.healthError(), e.healthTookMillis())).toList();
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(), endpoints, facts.alarms(), facts.observedAt());
    }

    /** Member {@code seq} is a learner, in the member list and in its status. */
    public static ClusterFacts withLearner(ClusterFacts facts, int seq) {
        final List<MemberInfo> members = facts.members().stream().map(m -> m.id().equals(id(seq))
                ? new MemberInfo(m.id(), m.name(), m.peerUrls(), m.clientUrls(), true) : m).toList();
        return withMembers(withEndpoint(facts, seq, e -> new EndpointStatus(e.endpoint(), e.reachable(), e.error(), e.memberId(),
                e.version(), e.dbSizeBytes(), e.dbSizeInUseBytes(), e.quotaBytes(), false, true, e.raftTerm(), e.raftIndex(),
                e.raftAppliedIndex(), e.healthy(), e.healthError(), e.healthTookMillis())), members);
    }

    /** Answers its status but fails the linearizable health read. */
    public static EndpointStatus unhealthy(EndpointStatus e, String error) {
        return new EndpointStatus(e.endpoint(), e.reachable(), e.error(), e.memberId(), e.version(), e.dbSizeBytes(), e.dbSizeInUseBytes(),
                e.quotaBytes(), e.leader(), e.learner(), e.raftTerm(), e.raftIndex(), e.raftAppliedIndex(), false, error, e.healthTookMillis());
    }
}
