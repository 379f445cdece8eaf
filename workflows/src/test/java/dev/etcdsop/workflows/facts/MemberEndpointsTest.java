package dev.etcdsop.workflows.facts;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.etcdsop.workflows.Fixtures.MB;
import static dev.etcdsop.workflows.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

class MemberEndpointsTest {
    /** The inventory declares etcd-1..4; etcd-1..3 run, etcd-4 at https://10.10.10.13:2379 is declared only. */
    private static final EtcdCluster FOUR = Fixtures.cluster(4);
    private static final ClusterFacts THREE_RUNNING = Fixtures.healthy(Fixtures.cluster(3));
    private static final String ETCD_4 = "https://10.10.10.13:2379";
    private static final String STRANGER = "https://10.10.10.99:2379";

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("a member that answers", THREE_RUNNING, THREE_RUNNING.endpoints().get(0), true),
                Arguments.of("a member that is down, by its client URL", THREE_RUNNING, down(THREE_RUNNING.endpoints().get(2).endpoint()), true),
                Arguments.of("declared, not a member, down", THREE_RUNNING, down(ETCD_4), false),
                Arguments.of("declared, not a member, answering as a member of another cluster", THREE_RUNNING, answering(ETCD_4, "ee"), false),
                Arguments.of("added but never started (no client URL yet), down", withAddedLearner(THREE_RUNNING), down(ETCD_4), true),
                Arguments.of("a live member the inventory does not declare, down", withStranger(THREE_RUNNING), down(STRANGER), true),
                Arguments.of("neither declared nor a member", THREE_RUNNING, down(STRANGER), false));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("endpoints")
    void anEndpointIsAMembersWhenTheMemberListHasIt(String when, ClusterFacts facts, EndpointStatus endpoint, boolean member) {
        final ClusterFacts observed = Fixtures.observedToo(facts, endpoint);

        assertThat(MemberEndpoints.isMember(FOUR, observed, endpoint)).isEqualTo(member);
        assertThat(MemberEndpoints.of(FOUR, observed).contains(endpoint)).isEqualTo(member);
    }

    private static EndpointStatus down(String endpoint) {
        return EndpointStatus.unreachable(endpoint, "connection refused");
    }

    private static EndpointStatus answering(String endpoint, String memberId) {
        return new EndpointStatus(endpoint, true, "", memberId, "3.4.23", 20 * MB, 18 * MB, Fixtures.QUOTA, true, false, 2, 10, 10,
                true, "", 3);
    }

    private static ClusterFacts withAddedLearner(ClusterFacts facts) {
        return Fixtures.withMember(facts, new MemberInfo(id(4), "", List.of("https://10.10.10.13:2380"), List.of(), true));
    }

    private static ClusterFacts withStranger(ClusterFacts facts) {
        return Fixtures.withMember(facts, new MemberInfo("ff", "rogue", List.of("https://10.10.10.99:2380"), List.of(STRANGER), false));
    }
}
