package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.MemberPaths;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {
    private static final String A = "https://10.0.0.1:2379";
    private static final String B = "https://10.0.0.2:2379";
    /** Declared in the inventory as etcd-3, not added to the cluster yet. */
    private static final String C = "https://10.0.0.3:2379";
    private static final EtcdCluster INVENTORY = new EtcdCluster("etcd", List.of(declared(1), declared(2), declared(3)),
            new ClientTls("ca.crt", "ca.key", "client.crt", "client.key"), null, null);

    @Test
    void aMemberWithinAFewEntriesOfTheLeaderHasCaughtUp() {
        final CatchUp round = of(B, status(A, "a", true, false, 1250, true), status(B, "b", false, false, 1247, true));

        assertThat(round.caughtUp()).isTrue();
        assertThat(round.progress()).isEqualTo("etcd-2 (10.0.0.2) applied 1247 of 1250");
    }

    @Test
    void aLaggingMemberReportsHowFarItIs() {
        final CatchUp round = of(B, status(A, "a", true, false, 1250, true), status(B, "b", false, false, 1200, true));

        assertThat(round.caughtUp()).isFalse();
        assertThat(round.progress()).isEqualTo("etcd-2 (10.0.0.2) applied 1200 of the leader's 1250");
    }

    @Test
    void aLearnerNeedsNoLinearizableReadButAnUnhealthyVoterBlocks() {
        final CatchUp learner = of(B, status(A, "a", true, false, 90, true), status(B, "b", false, true, 90, false));
        final CatchUp voter = of(B, status(A, "a", true, false, 90, true), status(B, "b", false, false, 90, false));

        assertThat(learner.caughtUp()).isTrue();
        assertThat(voter.progress()).contains("etcd-2 (10.0.0.2) fails a linearizable read");
    }

    @Test
    void withoutALeaderNothingHasCaughtUp() {
        final CatchUp round = of(B, status(A, "a", false, false, 90, true), status(B, "b", false, false, 90, true));

        assertThat(round.progress()).isEqualTo("no member reports itself leader");
    }

    @Test
    void aHostDeclaredButNotAddedHoldsNothingUp() {
        final CatchUp round = of(B, status(A, "a", true, false, 90, true), status(B, "b", false, false, 90, true),
                EndpointStatus.unreachable(C, "connection refused"));

        assertThat(round.caughtUp()).isTrue();
    }

    @Test
    void anEtcdRunningApartAtADeclaredAddressIsNotTakenForTheLeader() {
        final CatchUp round = of(B, status(A, "a", true, false, 90, true), status(B, "b", false, false, 90, true),
                new EndpointStatus(C, true, "", "c", "3.4.23", 1000, 900, 16_000, true, false, 7, 5000, 5000, true, "", 3));

        assertThat(round.progress()).isEqualTo("etcd-2 (10.0.0.2) applied 90 of 90");
    }

    @Test
    void noMemberListIsNoProofOfAnything() {
        final ClusterFacts facts = new ClusterFacts("etcd", "", 0, List.of(),
                List.of(status(A, "a", true, false, 90, true), status(B, "b", false, false, 90, true)), List.of(), "2026-11-25T00:00:00Z");

        assertThat(CatchUp.of(INVENTORY, facts, B).progress()).isEqualTo("the member list did not answer");
    }

    private static CatchUp of(String endpoint, EndpointStatus... endpoints) {
        final ClusterFacts facts = new ClusterFacts("etcd", "c1", 10,
                List.of(new MemberInfo("a", "etcd-1", List.of(), List.of(A), false),
                        new MemberInfo("b", "etcd-2", List.of(), List.of(B), false)),
                List.of(endpoints), List.of(), "2026-11-25T00:00:00Z");
        return CatchUp.of(INVENTORY, facts, endpoint);
    }

    private static EtcdMember declared(int seq) {
        return new EtcdMember("etcd-" + seq, seq, "10.0.0." + seq, 2379, 2380, MemberPaths.pigstyDefaults("/data/etcd"),
                Connection.local(), ServiceCommands.systemd("etcd"), false, true, "etcd");
    }

    private static EndpointStatus status(String endpoint, String id, boolean leader, boolean learner, long index, boolean healthy) {
        return new EndpointStatus(endpoint, true, "", id, "3.4.23", 1000, 900, 16_000, leader, learner, 2, index, index,
                healthy, healthy ? "" : "etcdserver: rpc not supported for learner", 3);
    }
}
