package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestartSafetyTest {
    private static final EtcdCluster THREE = Fixtures.clusterOnNodes(3);
    private static final ClusterFacts HEALTHY = Fixtures.healthy(THREE);

    @Test
    void aMemberMayRestartWhenEveryOtherIsHealthyAndThereIsALeader() {
        assertThat(RestartSafety.refusal(THREE, HEALTHY, THREE.members().get(1))).isEmpty();
        // Its own state does not matter: a retried restart finds it down.
        assertThat(RestartSafety.refusal(THREE, Fixtures.withEndpoint(HEALTHY, 2, Fixtures::down), THREE.members().get(1))).isEmpty();
    }

    @Test
    void anotherMemberDownOrNoLeaderStopsTheTurn() {
        assertThat(RestartSafety.refusal(THREE, Fixtures.withEndpoint(HEALTHY, 3, Fixtures::down), THREE.members().get(1)))
                .hasValue("etcd-3 (10.10.10.12) not healthy: restarting etcd-2 (10.10.10.11) now could lose quorum; bring it back, then retry");
        assertThat(RestartSafety.refusal(THREE, Fixtures.withLeader(HEALTHY, "none"), THREE.members().get(1)))
                .hasValue("no leader: wait for an election, then retry");
        assertThat(RestartSafety.refusal(Fixtures.clusterOnNodes(4), HEALTHY, Fixtures.clusterOnNodes(4).members().get(3)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("etcd-4 (10.10.10.13) is no longer a member of etcd"));
    }

    @Test
    void leadershipGoesToAMemberRestartedAlreadyElseToAnyHealthyVoter() {
        final String etcd3Peer = THREE.members().get(2).peerUrl();
        assertThat(RestartSafety.handOff(HEALTHY, THREE.members().get(0), List.of(etcd3Peer))).map(MemberInfo::name).hasValue("etcd-3");
        assertThat(RestartSafety.handOff(HEALTHY, THREE.members().get(0), List.of())).map(MemberInfo::name).hasValue("etcd-2");
        assertThat(RestartSafety.handOff(Fixtures.withEndpoint(HEALTHY, 2, Fixtures::down), THREE.members().get(0), List.of()))
                .map(MemberInfo::name).hasValue("etcd-3");
        assertThat(RestartSafety.handOff(HEALTHY, THREE.members().get(1), List.of())).as("etcd-2 does not lead").isEmpty();
    }
}
