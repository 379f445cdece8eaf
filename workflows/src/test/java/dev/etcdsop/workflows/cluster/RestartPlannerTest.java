package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RestartPlannerTest {
    private static final EtcdCluster THREE = Fixtures.clusterOnNodes(3);
    private static final EtcdCluster FIVE = Fixtures.clusterOnNodes(5);

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("etcd-1 leads", THREE, Fixtures.healthy(THREE), List.of("etcd-2", "etcd-3", "etcd-1")),
                Arguments.of("etcd-2 leads", THREE, Fixtures.withLeader(Fixtures.healthy(THREE), Fixtures.id(2)), List.of("etcd-1", "etcd-3", "etcd-2")),
                Arguments.of("five, etcd-3 leads", FIVE, Fixtures.withLeader(Fixtures.healthy(FIVE), Fixtures.id(3)),
                        List.of("etcd-1", "etcd-2", "etcd-4", "etcd-5", "etcd-3")),
                Arguments.of("a declared host not yet added is left out", Fixtures.clusterOnNodes(4), Fixtures.healthy(THREE),
                        List.of("etcd-2", "etcd-3", "etcd-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void followersFirstInInventoryOrderAndTheLeaderLast(String what, EtcdCluster cluster, ClusterFacts facts, List<String> order) {
        final RestartPlan plan = RestartPlanner.plan(cluster, facts, Duration.ofSeconds(120), RestartPlanner.BeforeRestart.NOTHING);

        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.order()).extracting(EtcdMember::name).containsExactlyElementsOf(order);
    }

    @Test
    void theLeaderHandsOverToAMemberRestartedAlreadyAndEveryRestartWaitsForCatchUp() {
        final RestartPlan plan = RestartPlanner.plan(THREE, Fixtures.healthy(THREE), Duration.ofSeconds(90),
                member -> List.of("write settings of " + member.name()));

        assertThat(plan.lines()).containsExactly(
                "3 voter(s), leader etcd-1 (10.10.10.10); one member down at a time keeps a quorum of 2 of 3",
                "write settings of etcd-2",
                "restart etcd-2 (10.10.10.11) (systemctl stop etcd, then systemctl start etcd), then wait until it is healthy and has"
                        + " applied the leader's raft index, for up to 90 s",
                "write settings of etcd-3",
                "restart etcd-3 (10.10.10.12) (systemctl stop etcd, then systemctl start etcd), then wait until it is healthy and has"
                        + " applied the leader's raft index, for up to 90 s",
                "move leadership from etcd-1 (10.10.10.10) to etcd-2 (10.10.10.11), restarted already",
                "write settings of etcd-1",
                "restart etcd-1 (10.10.10.10) (systemctl stop etcd, then systemctl start etcd), then wait until it is healthy and has"
                        + " applied the leader's raft index, for up to 90 s",
                "verify: the same members, every one healthy, a test write and read");
    }

    static Stream<Arguments> refusals() {
        final ClusterFacts healthy = Fixtures.healthy(THREE);
        final EtcdCluster two = Fixtures.clusterOnNodes(2);
        final EtcdCluster one = Fixtures.clusterOnNodes(1);
        return Stream.of(
                Arguments.of("a member down", THREE, Fixtures.withEndpoint(healthy, 3, Fixtures::down),
                        "etcd-3 (10.10.10.12) is not healthy: a rolling restart never touches the others while one is down"),
                Arguments.of("a member that fails its health read", THREE,
                        Fixtures.withEndpoint(healthy, 2, e -> Fixtures.unhealthy(e, "context deadline exceeded")), "etcd-2 (10.10.10.11) is not healthy"),
                Arguments.of("a pending learner", THREE, Fixtures.withLearner(healthy, 3), "learner etcd-3 (10.10.10.12) is pending"),
                Arguments.of("a member the inventory does not declare", THREE, stranger(healthy),
                        "rogue (10.10.10.99) is a member but is not declared in the inventory"),
                Arguments.of("two voters", two, Fixtures.healthy(two), "a cluster of 2 voter(s) loses quorum while one member restarts"),
                Arguments.of("one voter", one, Fixtures.healthy(one), "a cluster of 1 voter(s) loses quorum while one member restarts"),
                Arguments.of("no leader", THREE, Fixtures.withLeader(healthy, "none"), "the cluster has no leader"),
                Arguments.of("nothing answered", THREE, Fixtures.withMembers(healthy, List.of()), "no member of etcd answered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatRisksQuorumOrCannotBeRestarted(String what, EtcdCluster cluster, ClusterFacts facts, String refusal) {
        final RestartPlan plan = RestartPlanner.plan(cluster, facts, Duration.ofSeconds(120), RestartPlanner.BeforeRestart.NOTHING);

        assertThat(plan.refused()).isTrue();
        assertThat(plan.refusals()).anySatisfy(r -> assertThat(r).startsWith(refusal));
    }

    private static ClusterFacts stranger(ClusterFacts facts) {
        final List<MemberInfo> members = new ArrayList<>(facts.members());
        members.add(new MemberInfo("ff", "rogue", List.of("https://10.10.10.99:2380"), List.of("https://10.10.10.99:2379"), false));
        return Fixtures.withMembers(facts, members);
    }
}
