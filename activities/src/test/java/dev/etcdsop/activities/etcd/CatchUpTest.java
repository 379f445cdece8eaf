package dev.etcdsop.activities.etcd;

import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {
    private static final String A = "https://10.0.0.1:2379";
    private static final String B = "https://10.0.0.2:2379";

    @Test
    void aMemberWithinAFewEntriesOfTheLeaderHasCaughtUp() {
        final CatchUp round = CatchUp.of(facts(status(A, "a", true, false, 1250, true), status(B, "b", false, false, 1247, true)), B);

        assertThat(round.caughtUp()).isTrue();
        assertThat(round.progress()).isEqualTo("etcd-2 (" + B + ") applied 1247 of 1250");
    }

    @Test
    void aLaggingMemberReportsHowFarItIs() {
        final CatchUp round = CatchUp.of(facts(status(A, "a", true, false, 1250, true), status(B, "b", false, false, 1200, true)), B);

        assertThat(round.caughtUp()).isFalse();
        assertThat(round.progress()).isEqualTo("etcd-2 (" + B + ") applied 1200 of the leader's 1250");
    }

    @Test
    void aLearnerNeedsNoLinearizableReadButAnUnhealthyVoterBlocks() {
        final CatchUp learner = CatchUp.of(facts(status(A, "a", true, false, 90, true), status(B, "b", false, true, 90, false)), B);
        final CatchUp voter = CatchUp.of(facts(status(A, "a", true, false, 90, true), status(B, "b", false, false, 90, false)), B);

        assertThat(learner.caughtUp()).isTrue();
        assertThat(voter.progress()).contains("etcd-2 (" + B + ") fails a linearizable read");
    }

    @Test
    void withoutALeaderNothingHasCaughtUp() {
        final CatchUp round = CatchUp.of(facts(status(A, "a", false, false, 90, true), status(B, "b", false, false, 90, true)), B);

        assertThat(round.progress()).isEqualTo("no member reports itself leader");
    }

    private static ClusterFacts facts(EndpointStatus... endpoints) {
        return new ClusterFacts("etcd", "c1", 10,
                List.of(new MemberInfo("a", "etcd-1", List.of(), List.of(A), false),
                        new MemberInfo("b", "etcd-2", List.of(), List.of(B), false)),
                List.of(endpoints), List.of(), "2026-11-25T00:00:00Z");
    }

    private static EndpointStatus status(String endpoint, String id, boolean leader, boolean learner, long index, boolean healthy) {
        return new EndpointStatus(endpoint, true, "", id, "3.4.23", 1000, 900, 16_000, leader, learner, 2, index, index,
                healthy, healthy ? "" : "etcdserver: rpc not supported for learner", 3);
    }
}
