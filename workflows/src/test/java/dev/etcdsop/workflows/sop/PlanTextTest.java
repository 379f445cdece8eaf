package dev.etcdsop.workflows.sop;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTextTest {
    @Test
    void aPlanHashIsSixteenHexDigitsThatChangeWithAnyLine() {
        final String hash = PlanHash.of(List.of("restart etcd-2", "restart etcd-1"));
        assertThat(hash).matches("[0-9a-f]{16}").isEqualTo(PlanHash.of(List.of("restart etcd-2", "restart etcd-1")));
        assertThat(PlanHash.of(List.of("restart etcd-1", "restart etcd-2"))).isNotEqualTo(hash);
        assertThat(PlanHash.of(List.of("restart etcd-2restart etcd-1"))).isNotEqualTo(hash);
    }

    @Test
    void aChangedPlanIsDescribedByWhatItNoLongerDoesAndWhatItDoesNow() {
        assertThat(PlanDifference.describe(List.of("restart etcd-2", "restart etcd-1"), List.of("restart etcd-2", "restart etcd-4",
                "restart etcd-1"))).isEqualTo("now also: restart etcd-4");
        assertThat(PlanDifference.describe(List.of("a", "b"), List.of("a", "c"))).isEqualTo("no longer: b. now also: c");
        assertThat(PlanDifference.describe(List.of("a", "b"), List.of("b", "a"))).startsWith("the same changes in another order");
    }

    @Test
    void peopleHearWhenARunStartsOrStopsWaitingAndHowItEndedButNotOfDryRuns() {
        assertThat(Announcements.worth(Phase.PREFLIGHT, Phase.AWAITING_APPROVAL)).isTrue();
        assertThat(Announcements.worth(Phase.AWAITING_APPROVAL, Phase.WAITING_FOR_LOCK)).isTrue();
        assertThat(Announcements.worth(Phase.RUNNING, Phase.NEEDS_OPERATOR)).isTrue();
        assertThat(Announcements.worth(Phase.RUNNING, Phase.DONE)).isTrue();
        assertThat(Announcements.worth(Phase.PREFLIGHT, Phase.REFUSED)).isTrue();
        assertThat(Announcements.worth(Phase.PREFLIGHT, Phase.DRY_RUN)).isFalse();
        assertThat(Announcements.worth(Phase.PREFLIGHT, Phase.RUNNING)).isFalse();
        assertThat(Announcements.worth(Phase.RUNNING, Phase.RUNNING)).isFalse();
    }
}
