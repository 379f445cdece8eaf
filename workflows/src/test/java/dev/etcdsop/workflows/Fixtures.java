package dev.etcdsop.workflows;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.MemberPaths;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Inventory clusters and observed facts for workflow-tier tests: healthy by default, changed per test. */
public final class Fixtures {
    public static final long MB = 1_000_000;

    private Fixtures() {
    }

    public static EtcdCluster cluster(int size) {
        final List<EtcdMember> members = new ArrayList<>();
        for (int seq = 1; seq <= size; seq++) {
            members.add(new EtcdMember("etcd-" + seq, seq, "10.10.10." + (9 + seq), 2379, 2380,
                    MemberPaths.pigstyDefaults("/data/etcd"), Connection.local(), ServiceCommands.systemd("etcd"), false, true));
        }
        return new EtcdCluster("etcd", members, new ClientTls("ca.crt", "ca.key", "client.crt", "client.key"));
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

    public static ClusterFacts withAlarms(ClusterFacts facts, List<Alarm> alarms) {
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(), facts.endpoints(), alarms, facts.observedAt());
    }

    public static EndpointStatus dbSize(EndpointStatus e, long dbSize, long inUse, long quota) {
        return new EndpointStatus(e.endpoint(), e.reachable(), e.error(), e.memberId(), e.version(), dbSize, inUse, quota,
                e.leader(), e.learner(), e.raftTerm(), e.raftIndex(), e.raftAppliedIndex(), e.healthy(), e.healthError(), e.healthTookMillis());
    }
}
