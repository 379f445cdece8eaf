package dev.etcdsop.workflows.quota;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.etcdsop.workflows.Fixtures.MB;
import static dev.etcdsop.workflows.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class QuotaRecoveryPlannerTest {
    private static final EtcdCluster THREE = Fixtures.cluster(3);
    private static final int THRESHOLD = 80;

    // ---- order ----

    @ParameterizedTest(name = "leader etcd-{0} of {1}: {2}")
    @CsvSource({
            "1, 3, etcd-2 etcd-3 etcd-1",
            "2, 3, etcd-1 etcd-3 etcd-2",
            "3, 3, etcd-1 etcd-2 etcd-3",
            "3, 5, etcd-1 etcd-2 etcd-4 etcd-5 etcd-3",
    })
    void defragmentsFollowersInNameOrderAndTheLeaderLast(int leader, int size, String expected) {
        final EtcdCluster cluster = Fixtures.cluster(size);
        final ClusterFacts facts = Fixtures.withLeader(Fixtures.healthy(cluster), id(leader));

        final QuotaRecoveryPlan plan = plan(cluster, facts, null, false);

        assertThat(plan.defragments()).extracting(PlannedDefrag::member).containsExactly(labels(expected));
        assertThat(plan.defragments()).extracting(PlannedDefrag::leader).containsOnlyOnce(true).last().isEqualTo(true);
    }

    @Test
    void theOrderDoesNotDependOnTheOrderEndpointsAnswered() {
        final ClusterFacts facts = Fixtures.withLeader(Fixtures.healthy(THREE), id(2));
        final List<EndpointStatus> reversed = new ArrayList<>(facts.endpoints());
        Collections.reverse(reversed);

        final QuotaRecoveryPlan plan = plan(THREE, new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(),
                reversed, facts.alarms(), facts.observedAt()), null, false);

        assertThat(plan.defragments()).extracting(PlannedDefrag::member).containsExactly(labels("etcd-1 etcd-3 etcd-2"));
    }

    @Test
    void aPlannedDefragCarriesWhatPreflightSawOfTheMember() {
        final QuotaRecoveryPlan plan = plan(THREE, Fixtures.nospace(THREE), null, false);

        assertThat(plan.defragments().get(0)).isEqualTo(new PlannedDefrag("etcd-2 (10.10.10.11)", id(2), "https://10.10.10.11:2379", false, false,
                2100 * MB, 300 * MB, Fixtures.QUOTA));
    }

    @Test
    void aLearnerIsDefragmentedAmongTheFollowersButNeverTakesLeadership() {
        final ClusterFacts facts = Fixtures.withLearner(Fixtures.healthy(THREE), 3);

        final QuotaRecoveryPlan plan = plan(THREE, facts, null, true);

        assertThat(plan.defragments()).extracting(PlannedDefrag::member, PlannedDefrag::learner)
                .containsExactly(tuple("etcd-2 (10.10.10.11)", false), tuple("etcd-3 (10.10.10.12)", true),
                        tuple("etcd-1 (10.10.10.10)", false));
        assertThat(plan.lines()).contains("defragment learner etcd-3 (10.10.10.12): 20 MB db, 18 MB in use, quota 2.1 GB;"
                + " then wait until it is healthy and caught up");
        assertThat(plan.moveLeaderTo()).isEqualTo(id(2));
    }

    // ---- refusals ----

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a member is down", f -> Fixtures.withEndpoint(f, 2, Fixtures::down),
                        "etcd-2 (10.10.10.11) is down (connection refused): defragmenting another member would leave "
                                + "the cluster without a spare. Bring it back first"),
                refusal("a member is unhealthy", f -> Fixtures.withEndpoint(f, 3, e -> Fixtures.unhealthy(e, "context deadline exceeded")),
                        "etcd-3 (10.10.10.12) is unhealthy (context deadline exceeded): defragmenting another member"),
                refusal("no member leads", f -> Fixtures.withLeader(f, "none"),
                        "no member reports itself leader; wait for an election and run ClusterStatus"),
                refusal("the leader is down", f -> Fixtures.withEndpoint(f, 1, Fixtures::down),
                        "etcd-1 (10.10.10.10) is down (connection refused)",
                        "no member reports itself leader"),
                refusal("a CORRUPT alarm", f -> Fixtures.withAlarms(f, List.of(new Alarm(id(2), "NOSPACE"), new Alarm(id(2), "CORRUPT"))),
                        "CORRUPT alarm on etcd-2 (10.10.10.11): never defragment a member with inconsistent data; compare hashes "
                                + "(etcdctl endpoint hashkv) and restore it"),
                refusal("no member answered", f -> Fixtures.withMembers(new ClusterFacts(f.cluster(), "", 0, List.of(),
                                f.endpoints().stream().map(Fixtures::down).toList(), List.of(), f.observedAt()), List.of()),
                        "no member of etcd answered; nothing can be defragmented safely. Run ClusterStatus"));
    }

    private static Arguments refusal(String when, UnaryOperator<ClusterFacts> change, String... reasons) {
        return Arguments.of(when, change, Arrays.asList(reasons));
    }

    @ParameterizedTest(name = "refuses when {0}")
    @MethodSource("refusals")
    void refusesWithTheReasonAndPlansNothing(String when, UnaryOperator<ClusterFacts> change, List<String> reasons) {
        final QuotaRecoveryPlan plan = plan(THREE, change.apply(Fixtures.nospace(THREE)), null, true);

        assertThat(plan.refused()).isTrue();
        assertThat(plan.refusals()).hasSameSizeAs(reasons);
        for (int i = 0; i < reasons.size(); i++) {
            assertThat(plan.refusals().get(i)).startsWith(reasons.get(i));
        }
        assertThat(plan.defragments()).isEmpty();
        assertThat(plan.moveLeaderTo()).isNull();
        assertThat(plan.lines()).allSatisfy(line -> assertThat(line).startsWith("REFUSED: "));
    }

    // ---- the inventory and the running cluster's members ----

    private static final EtcdCluster FOUR = Fixtures.cluster(4);
    private static final String ETCD_4 = "https://10.10.10.13:2379";
    private static final String ROGUE = "https://10.10.10.99:2379";

    static Stream<Arguments> membership() {
        final ClusterFacts nospace = Fixtures.nospace(THREE);
        final MemberInfo rogue = new MemberInfo("ff", "rogue", List.of("https://10.10.10.99:2380"), List.of(ROGUE), false);
        final MemberInfo addedNeverStarted = new MemberInfo(id(4), "", List.of("https://10.10.10.13:2380"), List.of(), true);
        final EndpointStatus rogueFull = Fixtures.dbSize(new EndpointStatus(ROGUE, true, "", "ff", "3.4.23", 0, 0, 0, false, false, 5,
                1000, 1000, true, "", 3), 2100 * MB, 300 * MB, Fixtures.QUOTA);
        final EndpointStatus apart = new EndpointStatus(ETCD_4, true, "", "ee", "3.4.23", 2100 * MB, 300 * MB, Fixtures.QUOTA, true,
                false, 2, 10, 10, true, "", 3);
        final String[] three = labels("etcd-2 etcd-3 etcd-1");
        return Stream.of(
                Arguments.of("declared, not yet a member, down", FOUR, Fixtures.observedToo(nospace, down(ETCD_4)),
                        List.of(), three,
                        List.of("etcd-4 (10.10.10.13) is down (connection refused)"), List.of()),
                Arguments.of("declared, not a member, an etcd running apart that leads itself", FOUR, Fixtures.observedToo(nospace, apart),
                        List.of(), three,
                        List.of(), List.of("etcd-2 (10.10.10.11)", "etcd-3 (10.10.10.12)", "etcd-1 (10.10.10.10)", "etcd-4 (10.10.10.13)")),
                Arguments.of("a live member the inventory does not declare, down", THREE,
                        Fixtures.observedToo(Fixtures.withMember(nospace, rogue), down(ROGUE)),
                        List.of("rogue (10.10.10.99) is down (connection refused)"), new String[0],
                        List.of("rogue (10.10.10.99) is down (connection refused)"), List.of()),
                Arguments.of("a live member the inventory does not declare, full", THREE,
                        Fixtures.observedToo(Fixtures.withMember(nospace, rogue), rogueFull),
                        List.of(), new String[]{"etcd-2 (10.10.10.11)", "etcd-3 (10.10.10.12)", "rogue (10.10.10.99)", "etcd-1 (10.10.10.10)"},
                        List.of(), List.of("etcd-2 (10.10.10.11)", "etcd-3 (10.10.10.12)", "rogue (10.10.10.99)", "etcd-1 (10.10.10.10)")),
                Arguments.of("declared and added as a learner, never started", FOUR,
                        Fixtures.observedToo(Fixtures.withMember(nospace, addedNeverStarted), down(ETCD_4)),
                        List.of("etcd-4 (10.10.10.13) is down (connection refused)"), new String[0],
                        List.of("etcd-4 (10.10.10.13) is down (connection refused)"), List.of()));
    }

    /**
     * Runs of the earlier releases planned from every observed endpoint, the inventory's included; new runs plan from the
     * running cluster's members only.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("membership")
    void plansAndRefusesFromTheLiveMembersNotTheInventory(String when, EtcdCluster inventory, ClusterFacts facts,
                                                          List<String> refusals, String[] defragments,
                                                          List<String> earlierRefusals, List<String> earlierDefragments) {
        final QuotaRecoveryPlan plan = QuotaRecoveryPlanner.plan(inventory, facts, null, false, THRESHOLD, true);
        final QuotaRecoveryPlan earlier = QuotaRecoveryPlanner.plan(inventory, facts, null, false, THRESHOLD, false);

        assertThat(plan.refusals()).hasSameSizeAs(refusals);
        assertThat(plan.refusals()).zipSatisfy(refusals, (refusal, start) -> assertThat(refusal).startsWith(start));
        assertThat(plan.defragments()).extracting(PlannedDefrag::member).containsExactly(defragments);
        assertThat(earlier.refusals()).zipSatisfy(earlierRefusals, (refusal, start) -> assertThat(refusal).startsWith(start));
        assertThat(earlier.refusals()).hasSameSizeAs(earlierRefusals);
        assertThat(earlier.defragments()).extracting(PlannedDefrag::member).containsExactlyElementsOf(earlierDefragments);
    }

    private static EndpointStatus down(String endpoint) {
        return EndpointStatus.unreachable(endpoint, "connection refused");
    }

    // ---- which members ----

    @ParameterizedTest(name = "percent {0}, free {1} MB: {2}")
    @CsvSource(nullValues = "-", value = {
            "-,  -,   etcd-2 etcd-3 etcd-1",
            "80, -,   etcd-1",
            "47, -,   etcd-2 etcd-1",
            "-,  500, etcd-2",
            "-,  800, etcd-2",
            "80, 500, etcd-2 etcd-1",
            "99, 900, -",
    })
    void theRuleSelectsMembersByShareOfQuotaOrFreeSpace(Integer percent, Long freeMb, String expected) {
        // etcd-1 (leader): 93 % full, 100 MB free; etcd-2: 47 %, 800 MB free; etcd-3: 5 %, 10 MB free
        ClusterFacts facts = Fixtures.healthy(THREE);
        facts = Fixtures.withEndpoint(facts, 1, e -> Fixtures.dbSize(e, 2000 * MB, 1900 * MB, Fixtures.QUOTA));
        facts = Fixtures.withEndpoint(facts, 2, e -> Fixtures.dbSize(e, 1000 * MB, 200 * MB, Fixtures.QUOTA));
        facts = Fixtures.withEndpoint(facts, 3, e -> Fixtures.dbSize(e, 100 * MB, 90 * MB, Fixtures.QUOTA));

        final QuotaRecoveryPlan plan = plan(THREE, facts, new DefragRule(percent, freeMb == null ? null : freeMb * MB), false);

        assertThat(plan.defragments()).extracting(PlannedDefrag::member)
                .containsExactly(expected == null ? new String[0] : labels(expected));
    }

    @Test
    void aMemberWithAnUnknownQuotaIsNotFullButMayBeFragmented() {
        final ClusterFacts facts = Fixtures.withEndpoint(Fixtures.healthy(THREE), 2, e -> Fixtures.dbSize(e, 2000 * MB, 100 * MB, 0));

        assertThat(plan(THREE, facts, new DefragRule(1, null), false).defragments()).extracting(PlannedDefrag::member)
                .containsExactly(labels("etcd-3 etcd-1"));
        assertThat(plan(THREE, facts, new DefragRule(null, 1000 * MB), false).defragments()).extracting(PlannedDefrag::member)
                .containsExactly(labels("etcd-2"));
    }

    // ---- moving leadership ----

    @Test
    void moveLeaderFirstHandsLeadershipToTheLastDefragmentedVotingFollower() {
        final QuotaRecoveryPlan plan = plan(THREE, Fixtures.nospace(THREE), null, true);

        assertThat(plan.moveLeaderTo()).isEqualTo(id(3));
        assertThat(plan.lines()).containsSubsequence(
                "defragment follower etcd-3 (10.10.10.12): 2.1 GB db, 300 MB in use, quota 2.1 GB; then wait until it is healthy and caught up",
                "move leadership from etcd-1 (10.10.10.10) to etcd-3 (10.10.10.12)",
                "defragment leader etcd-1 (10.10.10.10): 2.1 GB db, 300 MB in use, quota 2.1 GB; then wait until it is healthy and caught up");
        final int move = plan.lines().indexOf("move leadership from etcd-1 (10.10.10.10) to etcd-3 (10.10.10.12)");
        assertThat(plan.lines().get(move + 1)).startsWith("defragment leader etcd-1 (10.10.10.10)");
    }

    @Test
    void leadershipStaysWhenNotAskedOrWhenTheLeaderOrEveryFollowerIsLeftOut() {
        // the leader is 93 % full with 1 MB free; the followers are 1 % full with 2 MB free
        final ClusterFacts facts = Fixtures.withEndpoint(Fixtures.healthy(THREE), 1,
                e -> Fixtures.dbSize(e, 2000 * MB, 1999 * MB, Fixtures.QUOTA));
        final DefragRule onlyTheLeader = new DefragRule(80, null);
        final DefragRule onlyFollowers = new DefragRule(null, 2 * MB);
        assertThat(plan(THREE, facts, onlyTheLeader, true).defragments()).extracting(PlannedDefrag::member)
                .containsExactly(labels("etcd-1"));
        assertThat(plan(THREE, facts, onlyFollowers, true).defragments()).extracting(PlannedDefrag::member)
                .containsExactly(labels("etcd-2 etcd-3"));

        assertThat(plan(THREE, facts, null, false).moveLeaderTo()).isNull();
        assertThat(plan(THREE, facts, onlyTheLeader, true).moveLeaderTo()).isNull();
        assertThat(plan(THREE, facts, onlyFollowers, true).moveLeaderTo()).isNull();
        assertThat(plan(THREE, facts, null, false).lines()).noneMatch(l -> l.startsWith("move leadership"));
    }

    // ---- NOSPACE, nothing to do, the whole plan ----

    @Test
    void aNospaceAlarmPlansADisarmWithTheThreshold() {
        final QuotaRecoveryPlan plan = plan(THREE, Fixtures.nospace(THREE), null, false);

        assertThat(plan.disarmNospace()).isTrue();
        assertThat(plan.thresholdPercent()).isEqualTo(THRESHOLD);
        assertThat(plan.lines()).contains("disarm NOSPACE once every member is below 80% of its quota");
    }

    @Test
    void withoutANospaceAlarmNothingIsDisarmed() {
        final QuotaRecoveryPlan plan = plan(THREE, Fixtures.healthy(THREE), null, false);

        assertThat(plan.disarmNospace()).isFalse();
        assertThat(plan.lines()).noneMatch(l -> l.contains("disarm"));
    }

    @Test
    void noAlarmAndNoMemberMatchingTheRuleIsNothingToDo() {
        final QuotaRecoveryPlan plan = plan(THREE, Fixtures.healthy(THREE), new DefragRule(90, null), false);

        assertThat(plan.nothingToDo()).isTrue();
        assertThat(plan.refused()).isFalse();
        assertThat(plan.lines()).containsExactly("nothing to do: no NOSPACE alarm and no member matches the defrag rule");
    }

    @Test
    void aNospaceAlarmIsWorkEvenWhenNoMemberMatchesTheRule() {
        final QuotaRecoveryPlan plan = plan(THREE, Fixtures.nospace(THREE), new DefragRule(99, null), false);

        assertThat(plan.nothingToDo()).isFalse();
        assertThat(plan.lines()).containsExactly(
                "compact the key-value history at revision 700518",
                "disarm NOSPACE once every member is below 80% of its quota",
                "verify: no alarm, every member healthy, a test write and read succeed");
    }

    @Test
    void compactsAtTheObservedRevisionAndSpellsOutEveryStep() {
        final QuotaRecoveryPlan plan = plan(THREE, Fixtures.nospace(THREE), null, false);

        assertThat(plan.compactRevision()).isEqualTo(Fixtures.healthy(THREE).revision()).isEqualTo(700518);
        assertThat(plan.lines()).containsExactly(
                "compact the key-value history at revision 700518",
                "defragment follower etcd-2 (10.10.10.11): 2.1 GB db, 300 MB in use, quota 2.1 GB; then wait until it is healthy and caught up",
                "defragment follower etcd-3 (10.10.10.12): 2.1 GB db, 300 MB in use, quota 2.1 GB; then wait until it is healthy and caught up",
                "defragment leader etcd-1 (10.10.10.10): 2.1 GB db, 300 MB in use, quota 2.1 GB; then wait until it is healthy and caught up",
                "disarm NOSPACE once every member is below 80% of its quota",
                "verify: no alarm, every member healthy, a test write and read succeed");
    }

    private static QuotaRecoveryPlan plan(EtcdCluster cluster, ClusterFacts facts, DefragRule rule, boolean moveLeaderFirst) {
        return QuotaRecoveryPlanner.plan(cluster, facts, rule, moveLeaderFirst, THRESHOLD, true);
    }

    /** "etcd-2 etcd-1" as the plan names those members of {@link Fixtures#cluster(int)}: "etcd-2 (10.10.10.11)", ... */
    private static String[] labels(String names) {
        return Arrays.stream(names.split(" "))
                .map(name -> name + " (10.10.10." + (9 + Integer.parseInt(name.substring("etcd-".length()))) + ")")
                .toArray(String[]::new);
    }
}
