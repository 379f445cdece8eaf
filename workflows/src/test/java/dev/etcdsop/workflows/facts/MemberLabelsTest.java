package dev.etcdsop.workflows.facts;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.etcdsop.workflows.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

class MemberLabelsTest {
    /** The inventory declares etcd-1..4; etcd-1..3 run (10.10.10.10-12), etcd-4 (10.10.10.13) is not added yet. */
    private static final EtcdCluster FOUR = Fixtures.cluster(4);
    private static final ClusterFacts THREE_RUNNING = Fixtures.healthy(Fixtures.cluster(3));
    private static final String STRANGER = "https://10.10.10.99:2379";

    static Stream<Arguments> endpoints() {
        return Stream.of(
                endpoint("a member that answers, by its id", THREE_RUNNING, facts -> facts.endpoints().get(1), "etcd-2 (10.10.10.11)"),
                endpoint("a member that is down answers no id: by its client URL", Fixtures.withEndpoint(THREE_RUNNING, 3, Fixtures::down),
                        facts -> facts.endpoints().get(2), "etcd-3 (10.10.10.12)"),
                endpoint("the member list's name, not the inventory's", renamed(THREE_RUNNING, 2, "etcd-two"),
                        facts -> facts.endpoints().get(1), "etcd-two (10.10.10.11)"),
                endpoint("a member without a name in the member list: the inventory's", renamed(THREE_RUNNING, 2, ""),
                        facts -> facts.endpoints().get(1), "etcd-2 (10.10.10.11)"),
                endpoint("declared, not a member: the inventory's name", THREE_RUNNING,
                        facts -> EndpointStatus.unreachable("https://10.10.10.13:2379", "connection refused"), "etcd-4 (10.10.10.13)"),
                endpoint("neither a member nor declared: the host", THREE_RUNNING,
                        facts -> EndpointStatus.unreachable(STRANGER, "connection refused"), "10.10.10.99"));
    }

    private static Arguments endpoint(String when, ClusterFacts facts, Function<ClusterFacts, EndpointStatus> endpoint, String label) {
        return Arguments.of(when, facts, endpoint.apply(facts), label);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("endpoints")
    void namesTheMemberBehindAnEndpoint(String when, ClusterFacts facts, EndpointStatus endpoint, String label) {
        final MemberLabels labels = MemberLabels.of(FOUR, facts);

        assertThat(labels.of(endpoint)).isEqualTo(label);
        assertThat(labels.endpoint(endpoint.endpoint())).isEqualTo(label);
    }

    @Test
    void aMemberAddedButNeverStartedIsNamedFromTheInventoryByItsPeerUrl() {
        final MemberInfo added = new MemberInfo(id(4), "", List.of("https://10.10.10.13:2380"), List.of(), true);
        final MemberInfo stranger = new MemberInfo("ff", "", List.of("https://10.10.10.99:2380"), List.of(), false);
        final MemberInfo noUrls = new MemberInfo("fe", "", List.of(), List.of(), false);
        final MemberLabels labels = MemberLabels.of(FOUR,
                Fixtures.withMember(Fixtures.withMember(Fixtures.withMember(THREE_RUNNING, added), stranger), noUrls));

        assertThat(labels.of(added)).isEqualTo("etcd-4 (10.10.10.13)");
        assertThat(labels.of(stranger)).isEqualTo("10.10.10.99");
        assertThat(labels.of(noUrls)).isEqualTo("member fe");
        assertThat(labels.ofId(id(4))).isEqualTo("etcd-4 (10.10.10.13)");
    }

    @Test
    void aMemberKnownOnlyByAnIdTheMemberListLacksIsNamedByTheId() {
        final MemberLabels labels = MemberLabels.of(FOUR, THREE_RUNNING);

        assertThat(labels.ofId(id(1))).isEqualTo("etcd-1 (10.10.10.10)");
        assertThat(labels.ofId("ff")).isEqualTo("member ff");
    }

    @Test
    void theTableColumnHasTheNameAloneOrNothing() {
        final MemberLabels labels = MemberLabels.of(FOUR, THREE_RUNNING);

        assertThat(labels.nameOf(THREE_RUNNING.endpoints().get(0))).isEqualTo("etcd-1");
        assertThat(labels.nameOf(EndpointStatus.unreachable(STRANGER, "connection refused"))).isEmpty();
    }

    @Test
    void anInventoryMemberIsNamedWithItsAddress() {
        assertThat(MemberLabels.of(FOUR.members().get(3))).isEqualTo("etcd-4 (10.10.10.13)");
    }

    @Test
    void theAddressIsTheUrlsHostOrTheTextItself() {
        assertThat(MemberLabels.host("https://127.0.0.73:2379")).isEqualTo("127.0.0.73");
        assertThat(MemberLabels.host("https://etcd-3.example:2379")).isEqualTo("etcd-3.example");
        assertThat(MemberLabels.host("127.0.0.73")).isEqualTo("127.0.0.73");
        assertThat(MemberLabels.host("not a url")).isEqualTo("not a url");
    }

    private static ClusterFacts renamed(ClusterFacts facts, int seq, String name) {
        return Fixtures.withMembers(facts, facts.members().stream().map(m -> m.id().equals(id(seq))
                ? new MemberInfo(m.id(), name, m.peerUrls(), m.clientUrls(), m.learner()) : m).toList());
    }
}
