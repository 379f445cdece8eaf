package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.etcdsop.workflows.membership.MemberFixtures.cluster;
import static dev.etcdsop.workflows.membership.MemberFixtures.down;
import static dev.etcdsop.workflows.membership.MemberFixtures.member;
import static dev.etcdsop.workflows.membership.MemberFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

class RemoveMemberPlannerTest {
    private static final EtcdCluster THREE = cluster(3);
    private static final EtcdCluster FIVE = cluster(5);

    /** size of the cluster, the member to remove, the facts, the refusal. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("two healthy voters", cluster(2), 2, running(cluster(2), 2),
                        "the cluster has 2 voter(s): removing a healthy one leaves 1 with no fault tolerance at all; add a member first"),
                Arguments.of("the only member", cluster(1), 1, running(cluster(1), 1),
                        "the cluster has 1 voter(s): removing a healthy one leaves 0"),
                Arguments.of("another voter down, 3 voters", THREE, 3, down(running(THREE, 3), 2),
                        "another voter is down: removing etcd-3 would leave 1 healthy of 2, below a quorum of 2"),
                Arguments.of("two other voters down, 5 voters", FIVE, 5, down(down(running(FIVE, 5), 2), 3),
                        "another voter is down: removing etcd-5 would leave 2 healthy of 4, below a quorum of 3"),
                Arguments.of("no quorum, the target down too", THREE, 3, down(down(running(THREE, 3), 2), 3),
                        "only 1 of 3 voters are healthy: the cluster has no quorum and cannot commit a removal"),
                Arguments.of("two voters, the target down", cluster(2), 2, down(running(cluster(2), 2), 2),
                        "only 1 of 2 voters are healthy"),
                Arguments.of("no member answers", THREE, 3, Fixtures.withMembers(running(THREE, 3), List.of()),
                        "no member of etcd answered; cannot tell whether etcd-3 is a member"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatWouldRiskQuorum(String situation, EtcdCluster cluster, int target, ClusterFacts facts, String reason) {
        final RemoveMemberPlan plan = RemoveMemberPlanner.plan(cluster, member(cluster, target), facts);

        assertThat(plan.refused()).isTrue();
        assertThat(plan.refusals()).anySatisfy(r -> assertThat(r).startsWith(reason));
        assertThat(plan.cleanData()).isFalse();
        assertThat(plan.lines()).allSatisfy(l -> assertThat(l).startsWith("REFUSED: "));
    }

    static Stream<Arguments> allowed() {
        final EtcdCluster four = cluster(4);
        return Stream.of(
                Arguments.of("a healthy follower of 3", THREE, 3, running(THREE, 3)),
                Arguments.of("the target itself down, the rest a quorum", THREE, 3, down(running(THREE, 3), 3)),
                Arguments.of("the target itself down in 5 with another down", FIVE, 5, down(down(running(FIVE, 5), 5), 4)),
                Arguments.of("a healthy follower of 4 with another down", four, 4, down(running(four, 4), 2)),
                Arguments.of("a learner of 2 voters", THREE, 3, Fixtures.withLearner(running(THREE, 3), 3)),
                Arguments.of("a learner that is down, of 2 voters", THREE, 3, down(Fixtures.withLearner(running(THREE, 3), 3), 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowsWhatKeepsAQuorum(String situation, EtcdCluster cluster, int target, ClusterFacts facts) {
        final RemoveMemberPlan plan = RemoveMemberPlanner.plan(cluster, member(cluster, target), facts);

        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.live().id()).isEqualTo(Fixtures.id(target));
        assertThat(plan.moveLeaderTo()).isNull();
        assertThat(plan.cleanData()).isTrue();
        assertThat(plan.lines()).contains("member remove etcd-" + target + " (id " + Fixtures.id(target) + ")");
    }

    @Test
    void theLeaderHandsLeadershipToTheFirstHealthyVoterFirst() {
        final ClusterFacts facts = down(running(THREE, 3), 2);

        final RemoveMemberPlan plan = RemoveMemberPlanner.plan(cluster(4), member(THREE, 1), Fixtures.withLeader(running(cluster(4), 4), Fixtures.id(1)));
        final RemoveMemberPlan skipsTheDownOne = RemoveMemberPlanner.plan(cluster(4), member(THREE, 1),
                down(running(cluster(4), 4), 2));

        assertThat(plan.moveLeaderTo()).isEqualTo(Fixtures.id(2));
        assertThat(plan.lines()).first().isEqualTo("move leadership from etcd-1 to etcd-2");
        assertThat(skipsTheDownOne.moveLeaderTo()).isEqualTo(Fixtures.id(3));
        assertThat(RemoveMemberPlanner.plan(THREE, member(THREE, 1), facts).refused()).as("etcd-2 down: 1 of 2 left").isTrue();
    }

    /** Declared in the inventory, not in the member list: removed earlier, or declared and never added. */
    @Test
    void aDeclaredHostThatIsNotAMemberIsOnlyStoppedAndCleaned() {
        final RemoveMemberPlan plan = RemoveMemberPlanner.plan(cluster(4), member(cluster(4), 4), running(cluster(4), 3));

        assertThat(plan.refused()).isFalse();
        assertThat(plan.live()).isNull();
        assertThat(plan.cleanData()).isTrue();
        assertThat(plan.lines()).containsExactly("etcd-4 is not a member of the running cluster (already removed, or never added)",
                "stop etcd on its node; remove its data directory /data/etcd");
    }

    /** The quorum is the running cluster's: a voter the inventory does not declare counts, down or not. */
    @Test
    void aLiveVoterTheInventoryDoesNotDeclareCountsInTheQuorum() {
        final ClusterFacts oneStrangerDown = withStrangerDown(running(THREE, 3), "fe", "10.10.10.98");
        final ClusterFacts twoStrangersDown = withStrangerDown(oneStrangerDown, "ff", "10.10.10.99");

        final RemoveMemberPlan plan = RemoveMemberPlanner.plan(THREE, member(THREE, 3), oneStrangerDown);
        final RemoveMemberPlan refused = RemoveMemberPlanner.plan(THREE, member(THREE, 3), twoStrangersDown);

        assertThat(plan.refused()).isFalse();
        assertThat(plan.lines()).contains("then 3 voters, quorum 2, tolerating 1 failure(s)");
        assertThat(refused.refusals()).containsExactly(
                "another voter is down: removing etcd-3 would leave 2 healthy of 4, below a quorum of 3");
    }

    private static ClusterFacts withStrangerDown(ClusterFacts facts, String id, String address) {
        final String client = "https://" + address + ":2379";
        return Fixtures.observedToo(Fixtures.withMember(facts, new MemberInfo(id, "rogue-" + id, List.of("https://" + address + ":2380"),
                List.of(client), false)), EndpointStatus.unreachable(client, "connection refused"));
    }

    @Test
    void aSafeguardedMemberKeepsItsData() {
        final EtcdCluster guarded = MemberFixtures.withMember(THREE, 3, m -> MemberFixtures.flags(m, true, true));

        final RemoveMemberPlan plan = RemoveMemberPlanner.plan(guarded, member(guarded, 3), running(guarded, 3));

        assertThat(plan.refused()).isFalse();
        assertThat(plan.cleanData()).isFalse();
        assertThat(plan.lines()).contains("stop etcd on its node; leave its data directory /data/etcd in place (etcd_safeguard is set)");
    }
}
