package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.nodes.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CreateClusterPlannerTest {
    private static final EtcdCluster THREE = Fixtures.clusterOnNodes(3);
    private static final ClusterFacts NOTHING_RUNS = Fixtures.withMembers(Fixtures.healthy(THREE), List.of());
    private static final NodeState FRESH = new NodeState(true, "", "3.4.23", false, true);

    private static Map<String, NodeState> nodes(EtcdCluster cluster, UnaryOperator<Map<String, NodeState>> change) {
        final Map<String, NodeState> nodes = new LinkedHashMap<>();
        cluster.members().forEach(m -> nodes.put(m.name(), FRESH));
        return change.apply(nodes);
    }

    private static Map<String, NodeState> with(String member, NodeState state) {
        final Map<String, NodeState> nodes = nodes(THREE, UnaryOperator.identity());
        nodes.put(member, state);
        return nodes;
    }

    private static EtcdCluster flags(boolean safeguard, boolean clean) {
        return THREE.withMembers(THREE.members().stream().map(m -> new EtcdMember(m.name(), m.seq(), m.address(), m.clientPort(),
                m.peerPort(), m.paths(), m.connection(), m.service(), safeguard, clean, m.owner())).toList());
    }

    @Test
    void freshNodesGetTheWholePlanWithTheTokenAndNoRefusal() {
        final CreateClusterPlan plan = CreateClusterPlanner.plan(THREE, NOTHING_RUNS, nodes(THREE, UnaryOperator.identity()), "etcd-1a2b3c4d");

        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.nothingToDo()).isFalse();
        assertThat(plan.toClean()).isEmpty();
        assertThat(plan.lines()).first().isEqualTo("3 member(s), etcd_seq [1, 2, 3]: etcd-1 (10.10.10.10), etcd-2 (10.10.10.11),"
                + " etcd-3 (10.10.10.12); quorum 2 of 3");
        assertThat(plan.lines()).contains("etcd-2 (10.10.10.11): data directory /data/etcd (owner etcd, 0700), its certificate,"
                        + " /etc/etcd/etcd.conf (initial-cluster-state: new, initial-cluster-token: etcd-1a2b3c4d), /etc/profile.d/etcdctl.sh",
                "no prometheus_sd_dir in the inventory: no Prometheus targets are registered")
                .noneMatch(l -> l.startsWith("warning") || l.startsWith("create user"));
    }

    @Test
    void aClusterAlreadyRunningAsDeclaredIsNothingToDo() {
        final CreateClusterPlan plan = CreateClusterPlanner.plan(THREE, Fixtures.healthy(THREE),
                nodes(THREE, n -> { n.replaceAll((k, v) -> new NodeState(true, "", "3.4.23", true, false)); return n; }), "t");

        assertThat(plan.nothingToDo()).isTrue();
        assertThat(plan.lines()).containsExactly("etcd already runs with the inventory's 3 members, all healthy: nothing to create");
    }

    @Test
    void evenCountsAuthAndMonitoringAreInThePlan() {
        final EtcdCluster four = Fixtures.clusterOnNodes(4);
        final EtcdCluster asked = new EtcdCluster(four.name(), four.members(), four.tls(), four.settings(),
                new EtcdAuth("root", "/srv/runbooks/pki/root.password"), "/etc/prometheus/targets");

        final CreateClusterPlan plan = CreateClusterPlanner.plan(asked, NOTHING_RUNS, nodes(four, UnaryOperator.identity()), "t");

        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.lines()).contains("warning: 4 members tolerate no more failures than 3; use an odd count (3 or 5)",
                "create user root with the password in /srv/runbooks/pki/root.password and the root role, then enable authentication",
                "register each member as a Prometheus target in /etc/prometheus/targets/etcd/<ip>.yml");
    }

    @Test
    void etcdCleanDestroysAnInstanceAlreadyThereAndThePlanNamesItsDataDirectory() {
        final CreateClusterPlan plan = CreateClusterPlanner.plan(flags(false, true), NOTHING_RUNS,
                with("etcd-2", new NodeState(true, "", "3.4.23", true, false)), "t");

        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.toClean()).extracting(EtcdMember::name).containsExactly("etcd-2");
        assertThat(plan.lines()).contains("DESTROY the etcd instance on etcd-2 (10.10.10.11): stop etcd (systemctl stop etcd), then empty"
                + " its data directory /data/etcd (etcd_clean: true)");
    }

    static Stream<Arguments> refusals() {
        final NodeState occupied = new NodeState(true, "", "3.4.23", false, false);
        return Stream.of(
                Arguments.of("safeguard", flags(true, true), with("etcd-1", occupied),
                        "etcd-1 (10.10.10.10) already holds an etcd instance (stopped, data in /data/etcd) and etcd_safeguard is set: refusing"),
                Arguments.of("no clean", flags(false, false), with("etcd-3", new NodeState(true, "", "3.4.23", true, true)),
                        "etcd-3 (10.10.10.12) already holds an etcd instance (running) and etcd_clean is false"),
                Arguments.of("unreachable", THREE, with("etcd-2", NodeState.unreachable("ssh: connect to host 10.10.10.11 port 22: Connection refused")),
                        "etcd-2 (10.10.10.11) cannot be reached: ssh: connect to host 10.10.10.11 port 22: Connection refused"),
                Arguments.of("no etcd", THREE, with("etcd-3", new NodeState(true, "", "", false, true)),
                        "etcd-3 (10.10.10.12) has no etcd installed"),
                Arguments.of("versions", THREE, with("etcd-1", new NodeState(true, "", "3.5.9", false, true)),
                        "the nodes run different etcd versions {3.4.23=[etcd-2, etcd-3], 3.5.9=[etcd-1]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatPigstyRefusesAndWhatCannotWork(String what, EtcdCluster cluster, Map<String, NodeState> nodes, String refusal) {
        final CreateClusterPlan plan = CreateClusterPlanner.plan(cluster, NOTHING_RUNS, nodes, "t");

        assertThat(plan.refusals()).anySatisfy(r -> assertThat(r).startsWith(refusal));
        assertThat(plan.toClean()).isEmpty();
    }
}
