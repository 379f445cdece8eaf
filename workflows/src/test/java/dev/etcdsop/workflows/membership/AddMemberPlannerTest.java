package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.nodes.NodeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.etcdsop.workflows.membership.MemberFixtures.addedLearner;
import static dev.etcdsop.workflows.membership.MemberFixtures.cluster;
import static dev.etcdsop.workflows.membership.MemberFixtures.member;
import static dev.etcdsop.workflows.membership.MemberFixtures.running;
import static dev.etcdsop.workflows.membership.MemberFixtures.withMember;
import static org.assertj.core.api.Assertions.assertThat;

class AddMemberPlannerTest {
    /** etcd-1..3 run; etcd-4 is declared and joins. */
    private static final EtcdCluster FOUR = cluster(4);
    private static final ClusterFacts THREE_RUNNING = running(FOUR, 3);
    private static final NodeCheck EMPTY = new NodeCheck(true, "", true);
    private static final NodeCheck NOT_EMPTY = new NodeCheck(true, "", false);
    private static final NodeCheck UNREACHABLE = new NodeCheck(false, "ssh: connect to host 10.10.10.13 port 22: Connection refused", false);

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a voter is down", FOUR, MemberFixtures.down(THREE_RUNNING, 2), EMPTY,
                        "etcd-2 is down or unhealthy: adding a member to a degraded cluster risks quorum; bring it back first"),
                Arguments.of("a voter fails its health read", FOUR,
                        Fixtures.withEndpoint(THREE_RUNNING, 3, e -> Fixtures.unhealthy(e, "context deadline exceeded")), EMPTY,
                        "etcd-3 is down or unhealthy"),
                Arguments.of("no leader", FOUR, MemberFixtures.noLeader(THREE_RUNNING), EMPTY,
                        "the cluster has no leader; wait for an election and run ClusterStatus"),
                Arguments.of("another learner is pending", cluster(5), addedLearner(running(cluster(5), 3), member(cluster(5), 5)), EMPTY,
                        "learner member a5 is pending and etcd 3.4 allows one learner: promote or remove it first"),
                Arguments.of("a live member is not in the inventory", FOUR, MemberFixtures.withStranger(THREE_RUNNING), EMPTY,
                        "rogue (https://10.10.10.99:2380) runs in the cluster but is not in the inventory"),
                Arguments.of("no member answers", FOUR, Fixtures.withMembers(THREE_RUNNING, List.of()), EMPTY,
                        "no member of etcd answered; a member can only join a running cluster"),
                Arguments.of("the node is unreachable", FOUR, THREE_RUNNING, UNREACHABLE,
                        "the worker cannot reach the node of etcd-4 (10.10.10.13): ssh: connect to host 10.10.10.13 port 22: Connection refused"),
                Arguments.of("data dir not empty and etcd_clean false", withMember(FOUR, 4, m -> MemberFixtures.flags(m, false, false)),
                        THREE_RUNNING, NOT_EMPTY, "the data directory /data/etcd on etcd-4 is not empty and etcd_clean is false"),
                Arguments.of("data dir not empty and safeguarded", withMember(FOUR, 4, m -> MemberFixtures.flags(m, true, true)),
                        THREE_RUNNING, NOT_EMPTY, "the data directory /data/etcd on etcd-4 is not empty and etcd_safeguard is set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithTheReasonAndPlansNothingElse(String situation, EtcdCluster cluster, ClusterFacts facts, NodeCheck node, String reason) {
        final AddMemberPlan plan = AddMemberPlanner.plan(cluster, member(cluster, 4), facts, node, true);

        assertThat(plan.refused()).isTrue();
        assertThat(plan.refusals()).anySatisfy(r -> assertThat(r).startsWith(reason));
        assertThat(plan.lines()).allSatisfy(l -> assertThat(l).startsWith("REFUSED: "));
        assertThat(plan.alreadyVoting()).isFalse();
        assertThat(plan.cleanDataDir()).isFalse();
    }

    @Test
    void aHealthyClusterAddsTheMemberAsALearnerThenPromotesIt() {
        final AddMemberPlan plan = AddMemberPlanner.plan(FOUR, member(FOUR, 4), THREE_RUNNING, EMPTY, true);

        assertThat(plan.refused()).isFalse();
        assertThat(plan.pendingLearner()).isNull();
        assertThat(plan.cleanDataDir()).isFalse();
        assertThat(plan.initialCluster()).extracting(EtcdMember::name).containsExactly("etcd-1", "etcd-2", "etcd-3", "etcd-4");
        assertThat(plan.lines()).contains("member add etcd-4 https://10.10.10.13:2380 as a learner",
                "then 4 voters, quorum 3, tolerating 1 failure(s) (an even count tolerates no more than 3 voters did)");
    }

    @Test
    void aQuotaThatDiffersFromTheRunningMembersIsRefusedFromRelease2On() {
        final EtcdCluster bigger = FOUR.withMembers(FOUR.members());
        final EtcdCluster twoGiB = new EtcdCluster(bigger.name(), bigger.members(), bigger.tls(),
                bigger.settings().withQuota(2L << 30), null);

        final AddMemberPlan plan = AddMemberPlanner.plan(twoGiB, member(twoGiB, 4), THREE_RUNNING, EMPTY, true);
        final AddMemberPlan firstRelease = AddMemberPlanner.plan(twoGiB, member(twoGiB, 4), THREE_RUNNING, EMPTY, false);

        assertThat(plan.refusals()).singleElement().asString().startsWith("the running members' quota (2147000000 bytes on "
                + "etcd-1 (10.10.10.10), etcd-2 (10.10.10.11), etcd-3 (10.10.10.12)) differs from the 2147483648 bytes"
                + " etcd-4 would get from the inventory").contains("set etcd_quota_backend_bytes in the vars of group etcd");
        assertThat(firstRelease.refused()).isFalse();
        assertThat(AddMemberPlanner.plan(FOUR, member(FOUR, 4), THREE_RUNNING, EMPTY, true).lines())
                .anyMatch(l -> l.contains("the cluster's settings: quota 2147000000 bytes, auto-compaction periodic 24h"));
    }

    @Test
    void aNonEmptyDataDirIsCleanedWhenEtcdCleanIsSetAndNoSafeguard() {
        final AddMemberPlan plan = AddMemberPlanner.plan(FOUR, member(FOUR, 4), THREE_RUNNING, NOT_EMPTY, true);

        assertThat(plan.refused()).isFalse();
        assertThat(plan.cleanDataDir()).isTrue();
        assertThat(plan.lines()).contains("clean the non-empty data directory /data/etcd (etcd_clean: true, no safeguard)");
    }

    @Test
    void aTargetThatAlreadyVotesIsNothingToDo() {
        final AddMemberPlan plan = AddMemberPlanner.plan(FOUR, member(FOUR, 4), running(FOUR, 4), EMPTY, true);

        assertThat(plan.alreadyVoting()).isTrue();
        assertThat(plan.refused()).isFalse();
        assertThat(plan.lines()).containsExactly("etcd-4 is already a voting member: nothing to do");
    }

    @Test
    void aTargetAlreadyALearnerIsResumedNotAddedAgainEvenWithDataInItsDirectory() {
        final ClusterFacts facts = addedLearner(THREE_RUNNING, member(FOUR, 4));

        final AddMemberPlan plan = AddMemberPlanner.plan(FOUR, member(FOUR, 4), facts, NOT_EMPTY, true);

        assertThat(plan.refused()).isFalse();
        assertThat(plan.pendingLearner()).isNotNull();
        assertThat(plan.pendingLearner().id()).isEqualTo(Fixtures.id(4));
        assertThat(plan.cleanDataDir()).as("a learner's data is its progress").isFalse();
        assertThat(plan.lines()).first().asString().startsWith("continue: etcd-4 is already a learner (id a4)");
        assertThat(plan.lines()).noneMatch(l -> l.startsWith("member add"));
        assertThat(plan.initialCluster()).extracting(EtcdMember::name).containsExactly("etcd-1", "etcd-2", "etcd-3", "etcd-4");
    }

    /** The inventory may declare more hosts than are being added: the plan is made from the running members. */
    @Test
    void anotherDeclaredHostNotYetAddedIsNeitherARefusalNorInTheInitialCluster() {
        final EtcdCluster five = cluster(5);
        final ClusterFacts facts = Fixtures.observedToo(running(five, 3),
                EndpointStatus.unreachable(member(five, 5).clientUrl(), "connection refused"));

        final AddMemberPlan plan = AddMemberPlanner.plan(five, member(five, 4), facts, EMPTY, true);

        assertThat(plan.refused()).isFalse();
        assertThat(plan.initialCluster()).extracting(EtcdMember::name).containsExactly("etcd-1", "etcd-2", "etcd-3", "etcd-4");
        assertThat(plan.lines()).contains("then 4 voters, quorum 3, tolerating 1 failure(s) (an even count tolerates no more than 3 voters did)");
    }
}
