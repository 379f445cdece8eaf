package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.etcdsop.workflows.membership.MemberFixtures.cluster;
import static dev.etcdsop.workflows.membership.MemberFixtures.member;
import static dev.etcdsop.workflows.membership.MemberFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

class CleanupPlannerTest {
    private static final EtcdCluster FOUR = cluster(4);
    private static final String STARTED = "etcd-3 is still a voting member of the running cluster (started): remove it first";
    private static final String LISTED_DOWN = "etcd-3 is still a voting member of the running cluster (not answering): remove it first";
    private static final String UNKNOWN = "no member of the cluster answered, so whether etcd-3 is still a member cannot be determined";
    private static final String SAFEGUARD = "etcd_safeguard is set for etcd-3: CleanMember refuses";
    private static final String NO_CLEAN = "etcd_clean is false for etcd-3: CleanMember refuses";

    /** safeguard, etcd_clean, facts, purge?, expected refusals (prefixes). */
    static Stream<Arguments> cases() {
        final ClusterFacts started = running(FOUR, 3);
        final ClusterFacts down = MemberFixtures.down(started, 3);
        final ClusterFacts gone = running(FOUR, 2);
        final ClusterFacts nobody = new ClusterFacts("etcd", "", 0, List.of(), List.of(), List.of(), "");
        return Stream.of(
                Arguments.of("started voter, clean", false, true, started, false, List.of(STARTED)),
                Arguments.of("started voter, purge", false, true, started, true, List.of(STARTED)),
                Arguments.of("started learner, purge", false, true, Fixtures.withLearner(started, 3), true,
                        List.of("etcd-3 is still a learner of the running cluster (started)")),
                Arguments.of("listed member that is down, clean", false, true, down, false, List.of(LISTED_DOWN)),
                Arguments.of("listed member that is down, purge", false, true, down, true, List.of(LISTED_DOWN)),
                Arguments.of("quorum lost: no member answers, purge", false, true, nobody, true, List.of(UNKNOWN)),
                Arguments.of("quorum lost: no member answers, clean", false, true, nobody, false, List.of(UNKNOWN)),
                Arguments.of("not a member, clean", false, true, gone, false, List.of()),
                Arguments.of("safeguard, clean", true, true, gone, false, List.of(SAFEGUARD)),
                Arguments.of("safeguard, purge", true, true, gone, true, List.of()),
                Arguments.of("etcd_clean false, clean", false, false, gone, false, List.of(NO_CLEAN)),
                Arguments.of("etcd_clean false, purge", false, false, gone, true, List.of()),
                Arguments.of("safeguard and etcd_clean false on a started member, clean", true, false, started, false,
                        List.of(STARTED, SAFEGUARD, NO_CLEAN)),
                Arguments.of("safeguard and etcd_clean false on a started member, purge", true, false, started, true, List.of(STARTED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWhatPigstyRefuses(String situation, boolean safeguard, boolean clean, ClusterFacts facts, boolean purge, List<String> expected) {
        final EtcdMember target = MemberFixtures.flags(member(FOUR, 3), safeguard, clean);

        final List<String> refusals = CleanupPlanner.refusals(target, facts, purge, true);

        assertThat(refusals).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(refusals.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void runsOfTheFirstReleaseKeepTheirRulesSoTheirHistoriesReplay() {
        final EtcdMember target = member(FOUR, 3);
        final ClusterFacts down = MemberFixtures.down(running(FOUR, 3), 3);

        assertThat(CleanupPlanner.refusals(target, down, true, false)).isEmpty();
        assertThat(CleanupPlanner.refusals(target, running(FOUR, 3), true, false)).singleElement().asString()
                .startsWith("etcd-3 is a started voting member of the running cluster");
    }

    @Test
    void removesDataConfigurationCertificateKeyAndEnvironment() {
        assertThat(CleanupPlanner.paths(member(FOUR, 3))).containsExactly("/data/etcd", "/etc/etcd/etcd.conf", "/etc/etcd/server.crt",
                "/etc/etcd/server.key", "/etc/profile.d/etcdctl.sh");
    }
}
