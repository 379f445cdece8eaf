package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.PgHost;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.etcdsop.workflows.Fixtures.MB;

/**
 * Clusters and facts for the membership SOPs: {@link Fixtures#cluster(int)} with each member reached over SSH at
 * its own address (so fakes tell nodes apart), facts of a cluster running only its first members, and the states
 * a joining member goes through: added as a learner, started, caught up, promoted.
 */
final class MemberFixtures {
    static final long LEADER_INDEX = 1000;

    private MemberFixtures() {
    }

    static EtcdCluster cluster(int size) {
        return Fixtures.clusterOnNodes(size);
    }

    static EtcdCluster withMember(EtcdCluster cluster, int seq, UnaryOperator<EtcdMember> change) {
        return cluster.withMembers(cluster.members().stream().map(m -> m.seq() == seq ? change.apply(m) : m).toList());
    }

    static EtcdMember flags(EtcdMember m, boolean safeguard, boolean clean) {
        return new EtcdMember(m.name(), m.seq(), m.address(), m.clientPort(), m.peerPort(), m.paths(), m.connection(), m.service(),
                safeguard, clean, m.owner());
    }

    /** Healthy facts of a cluster whose first {@code running} inventory members are its voters; etcd-1 leads. */
    static ClusterFacts running(EtcdCluster cluster, int running) {
        return Fixtures.healthy(cluster.withMembers(cluster.members().subList(0, running)));
    }

    static EtcdMember member(EtcdCluster cluster, int seq) {
        return cluster.members().get(seq - 1);
    }

    /** After {@code member add}: a learner with the member's peer URL, no name and no client URL until it starts. */
    static ClusterFacts addedLearner(ClusterFacts facts, EtcdMember m) {
        final List<MemberInfo> members = new ArrayList<>(facts.members());
        members.add(new MemberInfo(Fixtures.id(m.seq()), "", List.of(m.peerUrl()), List.of(), true));
        return Fixtures.withMembers(facts, members);
    }

    /** After the learner's etcd started: it has its name and answers, having applied {@code applied} of the leader's index. */
    static ClusterFacts startedLearner(ClusterFacts facts, EtcdMember m, long applied) {
        final ClusterFacts added = LiveMembers.of(facts, m).isPresent() ? facts : addedLearner(facts, m);
        final List<MemberInfo> members = added.members().stream().map(i -> i.peerUrls().contains(m.peerUrl())
                ? new MemberInfo(i.id(), m.name(), i.peerUrls(), List.of(m.clientUrl()), i.learner()) : i).toList();
        final List<EndpointStatus> endpoints = new ArrayList<>(added.endpoints().stream().filter(e -> !e.endpoint().equals(m.clientUrl())).toList());
        endpoints.add(new EndpointStatus(m.clientUrl(), true, "", Fixtures.id(m.seq()), "3.4.23", 20 * MB, 18 * MB, Fixtures.QUOTA,
                false, true, 5, LEADER_INDEX, applied, true, "", 3));
        return new ClusterFacts(added.cluster(), added.clusterId(), added.revision(), members, endpoints, added.alarms(), added.observedAt());
    }

    /** After promotion: the member with id {@code id} votes. */
    static ClusterFacts promoted(ClusterFacts facts, String id) {
        final List<MemberInfo> members = facts.members().stream().map(i -> i.id().equals(id)
                ? new MemberInfo(i.id(), i.name(), i.peerUrls(), i.clientUrls(), false) : i).toList();
        final List<EndpointStatus> endpoints = facts.endpoints().stream().map(e -> e.memberId().equals(id)
                ? new EndpointStatus(e.endpoint(), e.reachable(), e.error(), e.memberId(), e.version(), e.dbSizeBytes(), e.dbSizeInUseBytes(),
                e.quotaBytes(), e.leader(), false, e.raftTerm(), e.raftIndex(), e.raftAppliedIndex(), e.healthy(), e.healthError(),
                e.healthTookMillis()) : e).toList();
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), members, endpoints, facts.alarms(), facts.observedAt());
    }

    /** After {@code member remove}: the member and its endpoint are gone. */
    static ClusterFacts removed(ClusterFacts facts, String id) {
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(),
                facts.members().stream().filter(i -> !i.id().equals(id)).toList(),
                facts.endpoints().stream().filter(e -> !e.memberId().equals(id)).toList(), facts.alarms(), facts.observedAt());
    }

    /** A member running in the cluster that no inventory host declares. */
    static ClusterFacts withStranger(ClusterFacts facts) {
        final List<MemberInfo> members = new ArrayList<>(facts.members());
        members.add(new MemberInfo("ff", "rogue", List.of("https://10.10.10.99:2380"), List.of("https://10.10.10.99:2379"), false));
        final List<EndpointStatus> endpoints = new ArrayList<>(facts.endpoints());
        endpoints.add(new EndpointStatus("https://10.10.10.99:2379", true, "", "ff", "3.4.23", 20 * MB, 18 * MB, Fixtures.QUOTA,
                false, false, 5, LEADER_INDEX, LEADER_INDEX, true, "", 3));
        return new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), members, endpoints, facts.alarms(), facts.observedAt());
    }

    static ClusterFacts down(ClusterFacts facts, int seq) {
        return Fixtures.withEndpoint(facts, seq, Fixtures::down);
    }

    static ClusterFacts noLeader(ClusterFacts facts) {
        return Fixtures.withLeader(facts, "none");
    }

    /** A PostgreSQL host with Patroni at /pg/bin/patroni.yml and no VIP. */
    static PgHost pgHost(String address) {
        return new PgHost("pg-test", 1, address, Connection.ssh(address, 22, "root", null), "/pg/bin/patroni.yml",
                "systemctl reload patroni", false, "/etc/default/vip-manager.yml", "systemctl restart vip-manager");
    }

    static String patroniYml(List<String> hostPorts) {
        return "scope: pg-test\nname: pg-test-1\netcd3:\n  hosts: '" + String.join(",", hostPorts) + "'\n  protocol: https\n";
    }
}
