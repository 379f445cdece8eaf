package dev.etcdsop.workflows.quota;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.FakeEtcd;
import dev.etcdsop.workflows.FakeRunbooks;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.StatusPolling;
import dev.etcdsop.workflows.SopSearchAttributes;
import dev.etcdsop.workflows.TestEnvironments;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Approval;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopStatus;
import dev.etcdsop.workflows.sop.StepRecord;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.etcdsop.workflows.Fixtures.APPROVERS;
import static dev.etcdsop.workflows.Fixtures.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

class QuotaRecoveryWorkflowTest {
    private static final String ID = "quota-recovery";
    private static final String ETCD_1 = "https://10.10.10.10:2379";
    private static final String ETCD_2 = "https://10.10.10.11:2379";
    private static final String ETCD_3 = "https://10.10.10.12:2379";
    /** Every call of a run on the NOSPACE fixture: followers in name order, the leader etcd-1 last. */
    private static final List<String> RECOVERY = List.of(
            "compact 700518",
            "defragment " + ETCD_2, "awaitCaughtUp " + ETCD_2,
            "defragment " + ETCD_3, "awaitCaughtUp " + ETCD_3,
            "defragment " + ETCD_1, "awaitCaughtUp " + ETCD_1,
            "disarmNospace 80",
            "testWrite");

    private final EtcdCluster cluster = Fixtures.cluster(3);
    private final FakeRunbooks runbooks = new FakeRunbooks(cluster, Fixtures.fourEyes());
    private final FakeEtcd etcd = new FakeEtcd(Fixtures.nospace(cluster));
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeEach
    void setUp() {
        env = TestEnvironments.started(QuotaRecoveryWorkflowImpl.class, runbooks, etcd);
        client = env.getWorkflowClient();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    // ---- the cluster lock ----

    @Test
    void runsWaitForApprovalWithoutTheLockAndASecondApprovedRunWaitsVisiblyForTheFirstAndNeverInterleaves() {
        etcd.failing("defragment " + ETCD_3, 1, Failures.ETCD_CALL_FAILED, "etcdserver: request timed out");
        final QuotaRecoveryWorkflow first = start(request());
        awaitPhase(first, Phase.AWAITING_APPROVAL);
        final QuotaRecoveryWorkflow second = client.newWorkflowStub(QuotaRecoveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId("quota-recovery-2").build());
        WorkflowClient.start(second::recover, RawRequest.of(request()));
        awaitPhase(second, Phase.AWAITING_APPROVAL);
        assertThat(etcd.mutatingCalls()).as("both wait for people, neither holds the lock nor changes anything").isEmpty();

        first.approve(RawRequest.of(new Decision("bob", "")));
        awaitPhase(first, Phase.NEEDS_OPERATOR);
        second.approve(RawRequest.of(new Decision("carol", "")));
        final SopStatus waiting = awaitPhase(second, Phase.WAITING_FOR_LOCK, s -> s.waitingFor().contains(ID));
        assertThat(waiting.waitingFor()).contains("QuotaRecovery");

        final List<String> byFirst = etcd.mutatingCalls();
        first.resolve(RawRequest.of(new Resolution("abort", "bob", "one at a time")));
        assertThat(result().outcome()).isEqualTo(Phase.ABORTED);
        assertThat(client.newUntypedWorkflowStub("quota-recovery-2").getResult(QuotaRecoveryResult.class).outcome()).isEqualTo(Phase.DONE);
        assertThat(etcd.mutatingCalls()).as("the second run's changes all come after the first run's").startsWith(byFirst.toArray(String[]::new));
    }

    // ---- the approval gate ----

    @Test
    void showsThePlanWaitsForAnApproverThenRecoversFollowersFirstAndTheLeaderLast() {
        final QuotaRecoveryWorkflow run = start(request());

        final SopStatus waiting = awaitPhase(run, Phase.AWAITING_APPROVAL);
        assertThat(waiting.plan()).first().isEqualTo("compact the key-value history at revision 700518");
        assertThat(waiting.plan()).contains("disarm NOSPACE once every member is below 80% of its quota");
        assertThat(waiting.waitingFor()).isEqualTo("1 more approval(s) from alice, bob, carol (not alice, who requested it)");
        assertThat(waiting.requestedBy()).isEqualTo("alice");
        assertThat(etcd.calls()).isEmpty();

        assertThat(run.approve(RawRequest.of(new Decision("bob", "go")))).isEqualTo("approved by bob; the run proceeds");
        final QuotaRecoveryResult result = result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.message()).isEqualTo("recovered: 3 member(s) defragmented, NOSPACE disarmed; sizes before and after below");
        assertThat(etcd.calls()).containsExactlyElementsOf(RECOVERY);
        assertThat(result.before()).extracting(MemberSize::member, MemberSize::dbSizeBytes, MemberSize::percentOfQuota)
                .containsExactly(tuple("etcd-1", 2100 * MB, 98L), tuple("etcd-2", 2100 * MB, 98L), tuple("etcd-3", 2100 * MB, 98L));
        assertThat(result.after()).extracting(MemberSize::member, MemberSize::dbSizeBytes, MemberSize::percentOfQuota)
                .containsExactly(tuple("etcd-1", 300 * MB, 14L), tuple("etcd-2", 300 * MB, 14L), tuple("etcd-3", 300 * MB, 14L));
        assertThat(result.defragments()).hasSize(3);
        assertThat(result.verification().written()).isTrue();
        assertThat(result.decisions()).extracting(Approval::by, Approval::decision, Approval::comment)
                .containsExactly(tuple("bob", "approve", "go"));
        assertThat(result.steps()).extracting(StepRecord::outcome).containsOnly("DONE");
        assertThat(run.status().phase()).isEqualTo(Phase.DONE);
        final SearchAttributes tags = TestEnvironments.upsertedSearchAttributes(client, ID);
        assertThat(tags.get(SopSearchAttributes.ETCD_CLUSTER)).isEqualTo("etcd");
        assertThat(tags.get(SopSearchAttributes.ETCD_SOP)).isEqualTo("QuotaRecovery");
    }

    @Test
    void theRequesterAndStrangersAreRefusedAndLeaveNoTraceInHistory() {
        final QuotaRecoveryWorkflow run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);

        assertThat(refusal(() -> run.approve(RawRequest.of(new Decision("alice", "lgtm")))))
                .isEqualTo("alice requested this run and may not approve it (four-eyes rule of QuotaRecovery)");
        assertThat(refusal(() -> run.approve(RawRequest.of(new Decision("mallory", "lgtm")))))
                .isEqualTo("mallory is not an approver of QuotaRecovery; policies.yml lists [alice, bob, carol]");
        assertThat(refusal(() -> run.reject(RawRequest.of(new Decision("mallory", "no")))))
                .startsWith("mallory is not an approver");
        assertThat(refusal(() -> run.approve(RawRequest.of(new Decision(" ", "")))))
                .startsWith("the approve or reject update refused, nothing was done: by is missing");
        assertThat(updateEvents()).isEmpty();
        assertThat(run.status().decisions()).isEmpty();

        run.approve(RawRequest.of(new Decision("bob", "")));

        assertThat(result().outcome()).isEqualTo(Phase.DONE);
        assertThat(updateEvents()).extracting(HistoryEvent::getEventType).extracting(Enum::name)
                .containsExactly("EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED", "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED");
    }

    @Test
    void twoRequiredApprovalsNeedTwoDistinctPeople() {
        runbooks.policy(Fixtures.policy(true, APPROVERS, 2, false));
        final QuotaRecoveryWorkflow run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);

        assertThat(run.approve(RawRequest.of(new Decision("bob", "")))).isEqualTo(
                "approval recorded; waiting for 1 more approval(s) from alice, bob, carol (not alice, who requested it)");
        assertThat(run.status().waitingFor()).startsWith("1 more approval(s)");
        assertThat(refusal(() -> run.approve(RawRequest.of(new Decision("bob", "again"))))).startsWith("bob has already approved; waiting for 1 more");
        assertThat(etcd.calls()).isEmpty();
        run.approve(RawRequest.of(new Decision("carol", "")));

        final QuotaRecoveryResult result = result();
        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.decisions()).extracting(Approval::by).containsExactly("bob", "carol");
    }

    @Test
    void aRejectionEndsTheRunWithNothingChanged() {
        final QuotaRecoveryWorkflow run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);

        assertThat(run.reject(RawRequest.of(new Decision("carol", "not during the batch window"))))
                .isEqualTo("rejected by carol; the run ends with nothing changed");
        final QuotaRecoveryResult result = result();

        assertThat(result.outcome()).isEqualTo(Phase.REJECTED);
        assertThat(result.message()).isEqualTo("rejected by carol; nothing was changed");
        assertThat(result.decisions()).extracting(Approval::by, Approval::decision, Approval::comment)
                .containsExactly(tuple("carol", "reject", "not during the batch window"));
        assertThat(etcd.mutatingCalls()).isEmpty();
    }

    @Test
    void noApprovalWithinThePolicysTimeoutEndsTheRunWithNothingChanged() {
        final QuotaRecoveryWorkflow run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);

        final QuotaRecoveryResult result = result();

        assertThat(result.outcome()).isEqualTo(Phase.APPROVAL_TIMED_OUT);
        assertThat(result.message()).isEqualTo("no approval within PT4H; nothing was changed");
        assertThat(runTime()).isBetween(Duration.ofHours(4), Duration.ofHours(4).plusMinutes(1));
        assertThat(etcd.mutatingCalls()).isEmpty();
        assertThatThrownBy(() -> run.approve(RawRequest.of(new Decision("bob", "too late")))).isInstanceOf(WorkflowNotFoundException.class);
    }

    @Test
    void aPolicyWithoutApprovalRunsAtOnce() {
        runbooks.policy(Fixtures.policy(false, APPROVERS, 1, false));

        final QuotaRecoveryResult result = stub().recover(RawRequest.of(request()));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.decisions()).isEmpty();
        assertThat(etcd.calls()).containsExactlyElementsOf(RECOVERY);
    }

    // ---- runs that change nothing ----

    @Test
    void aDryRunReturnsThePlanAndChangesNothing() {
        final QuotaRecoveryResult result = stub().recover(RawRequest.of(new QuotaRecoveryRequest("etcd", "alice", "", true, null, false, null)));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        assertThat(result.plan()).hasSize(6).first().isEqualTo("compact the key-value history at revision 700518");
        assertThat(result.before()).isEqualTo(result.after()).hasSize(3);
        assertThat(etcd.calls()).isEmpty();
        assertThat(existing().status().phase()).isEqualTo(Phase.DRY_RUN);
        assertThatThrownBy(() -> existing().approve(RawRequest.of(new Decision("bob", "")))).as("a finished run takes no approval")
                .isInstanceOf(WorkflowNotFoundException.class);
    }

    @Test
    void aMemberDownRefusesTheRunNamingItAndChangesNothing() {
        etcd.facts(Fixtures.withEndpoint(etcd.facts(), 2, Fixtures::down));

        assertThatThrownBy(() -> stub().recover(RawRequest.of(request())))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo("Refused"))
                .satisfies(f -> assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue())
                .hasMessageContaining("QuotaRecovery refused, nothing was changed: etcd-2 (10.10.10.11) is down (connection refused)");
        assertThat(etcd.calls()).isEmpty();
        assertThat(existing().status().phase()).isEqualTo(Phase.REFUSED);
    }

    @Test
    void aRequestWithoutRequesterIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> stub().recover(RawRequest.of(new QuotaRecoveryRequest("etcd", " ", "", false, null, false, null))))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().hasMessageContaining("QuotaRecovery input refused, nothing was done: requestedBy is missing")
                .satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo(Failures.INVALID_INPUT));
        assertThat(etcd.observations()).isZero();
    }

    @Test
    void aMisspeltOptionIsRefusedByNameAndNothingRunsNotEvenAnObservation() {
        final WorkflowStub run = untyped();
        run.start(Map.of("cluster", "etcd", "requestedBy", "dana", "dryrun", true));

        assertThatThrownBy(() -> run.getResult(QuotaRecoveryResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().hasMessageContaining("QuotaRecovery input refused, nothing was done: unknown field \"dryrun\" (did you mean \"dryRun\"?).")
                .satisfies(f -> assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue());
        assertThat(etcd.observations()).isZero();
        assertThat(etcd.calls()).isEmpty();
    }

    @Test
    void impossibleNumbersAreRefusedTogetherEachWithItsRange() {
        final WorkflowStub run = untyped();
        run.start(Map.of("cluster", "etcd", "requestedBy", "dana", "pauseSecondsBetweenMembers", -5,
                "defragRule", Map.of("minPercentOfQuota", 250, "minFreeBytes", "1GB")));

        assertThatThrownBy(() -> run.getResult(QuotaRecoveryResult.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().hasMessageContaining("defragRule.minPercentOfQuota is 250, allowed 1 to 100 percent")
                .hasMessageContaining("defragRule.minFreeBytes must be a whole number of bytes, not the string \"1GB\"")
                .hasMessageContaining("pauseSecondsBetweenMembers is -5, allowed 0 to 3600 seconds");
        assertThat(etcd.observations()).isZero();
    }

    @Test
    void theSignOffCountsWhatWasDoneNotWhatWasPlanned() {
        runbooks.policy(Fixtures.policy(false, APPROVERS, 1, false));
        etcd.facts(Fixtures.withEndpoint(etcd.facts(), 2, e -> Fixtures.dbSize(e, 500 * MB, 500 * MB, e.quotaBytes())));

        final QuotaRecoveryResult result = stub().recover(RawRequest.of(request()));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.message()).isEqualTo("recovered: 2 member(s) defragmented, 1 already compact, left alone, NOSPACE disarmed;"
                + " sizes before and after below");
        assertThat(result.defragments()).extracting(DefragResult::endpoint, DefragResult::skipped)
                .containsExactly(tuple(ETCD_2, true), tuple(ETCD_3, false), tuple(ETCD_1, false));
    }

    @Test
    void theTimelineNamesEachStepOfTheRun() {
        runbooks.policy(Fixtures.policy(false, APPROVERS, 1, false));

        stub().recover(RawRequest.of(new QuotaRecoveryRequest("etcd", "alice", "", false, null, false, 5)));

        final List<String> summaries = TestEnvironments.activitySummaries(client, ID);
        assertThat(summaries).noneMatch(s -> s.endsWith("(no summary)"));
        assertThat(summaries).contains("compact at revision 700518", "disarm NOSPACE", "take the cluster lock of etcd");
        assertThat(summaries).anyMatch(s -> s.startsWith("defragment etcd-2"))
                .anyMatch(s -> s.startsWith("wait until etcd-2") && s.endsWith("is healthy and caught up"));
        assertThat(client.fetchHistory(ID).getEvents()).filteredOn(HistoryEvent::hasTimerStartedEventAttributes)
                .extracting(QuotaRecoveryWorkflowTest::summary)
                .filteredOn(summary -> !summary.startsWith("re-send the lock request"))
                .allMatch(summary -> summary.startsWith("pause 5 s before etcd-")).hasSize(2);
    }

    // ---- a failed step waits for an operator ----

    @Test
    void aFailedDefragmentWaitsForAnOperatorAndRetriesWhenTold() {
        final QuotaRecoveryWorkflow run = startWithoutApproval(failingDefragOfEtcd3());

        final SopStatus paused = awaitPhase(run, Phase.NEEDS_OPERATOR);
        assertThat(paused.currentStep()).isEqualTo("defragment etcd-3 (10.10.10.12)");
        assertThat(paused.lastError()).isEqualTo("etcdserver: request timed out");
        assertThat(paused.waitingFor()).startsWith("an operator to resolve step 'defragment etcd-3 (10.10.10.12)' with retry, skip or abort");
        assertThat(refusal(() -> run.approve(RawRequest.of(new Decision("bob", ""))))).isEqualTo("no approval is pending on this run");

        assertThat(run.resolve(RawRequest.of(new Resolution("retry", "bob", "the disk is back"))))
                .isEqualTo("retry of step 'defragment etcd-3 (10.10.10.12)' accepted from bob");
        final QuotaRecoveryResult result = result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(etcd.calls()).containsSubsequence("defragment " + ETCD_3, "defragment " + ETCD_3, "awaitCaughtUp " + ETCD_3)
                .filteredOn(c -> c.equals("defragment " + ETCD_3)).hasSize(2);
        assertThat(result.steps()).filteredOn(s -> s.step().equals("defragment etcd-3 (10.10.10.12)"))
                .extracting(StepRecord::outcome, StepRecord::detail)
                .containsExactly(tuple("FAILED", "etcdserver: request timed out"), tuple("RETRY", "by bob"), tuple("DONE", ""));
        assertThat(result.decisions()).extracting(Approval::by, Approval::decision).containsExactly(tuple("bob", "retry"));
    }

    @Test
    void aSkippedStepIsLeftOutAndTheRunGoesOn() {
        // etcd-3 is below the threshold already, so NOSPACE can be disarmed without defragmenting it
        etcd.facts(Fixtures.withEndpoint(etcd.facts(), 3, e -> Fixtures.dbSize(e, 1500 * MB, 300 * MB, Fixtures.QUOTA)));
        final QuotaRecoveryWorkflow run = startWithoutApproval(failingDefragOfEtcd3());
        awaitPhase(run, Phase.NEEDS_OPERATOR);

        run.resolve(RawRequest.of(new Resolution("SKIP", "bob", "")));
        final QuotaRecoveryResult result = result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.message()).startsWith("recovered: 2 member(s) defragmented");
        assertThat(result.steps()).contains(new StepRecord("defragment etcd-3 (10.10.10.12)", "SKIPPED", "by bob"));
        assertThat(etcd.calls()).filteredOn(c -> c.equals("defragment " + ETCD_3)).hasSize(1);
        assertThat(etcd.calls()).endsWith("defragment " + ETCD_1, "awaitCaughtUp " + ETCD_1, "disarmNospace 80", "testWrite");
    }

    @Test
    void anAbortEndsTheRunWithNothingToUndo() {
        final QuotaRecoveryWorkflow run = startWithoutApproval(failingDefragOfEtcd3());
        awaitPhase(run, Phase.NEEDS_OPERATOR);

        run.resolve(RawRequest.of(new Resolution("abort", "bob", "maintenance window over")));
        final QuotaRecoveryResult result = result();

        assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
        assertThat(result.message()).isEqualTo("aborted by bob at step 'defragment etcd-3 (10.10.10.12)'; nothing to undo: "
                + "compaction and defragmentation leave the data as it was");
        assertThat(result.defragments()).extracting(DefragResult::endpoint).containsExactly(ETCD_2);
        assertThat(etcd.calls()).last().isEqualTo("defragment " + ETCD_3);
    }

    @Test
    void resolveIsRefusedForABadActionAWrongPersonAndWhenNothingWaits() {
        final QuotaRecoveryWorkflow run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        assertThat(refusal(() -> run.resolve(RawRequest.of(new Resolution("retry", "bob", "")))))
                .isEqualTo("no step is waiting for an operator; the run is AWAITING_APPROVAL");
        etcd.failing("defragment " + ETCD_3, 1, Failures.ETCD_CALL_FAILED, "etcdserver: request timed out");
        run.approve(RawRequest.of(new Decision("bob", "")));
        awaitPhase(run, Phase.NEEDS_OPERATOR);

        assertThat(refusal(() -> run.resolve(RawRequest.of(new Resolution("later", "bob", "")))))
                .startsWith("the resolve update refused, nothing was done: action is \"later\", allowed retry, skip, abort.");
        assertThat(refusal(() -> run.resolve(RawRequest.of(new Resolution(null, "bob", ""))))).contains("action is missing");
        assertThat(refusal(() -> run.resolve(RawRequest.of(new Resolution("retry", "alice", ""))))).contains("four-eyes");
        assertThat(refusal(() -> run.resolve(RawRequest.of(new Resolution("retry", "mallory", ""))))).contains("is not an approver");
        assertThat(updateEvents()).hasSize(2);

        run.resolve(RawRequest.of(new Resolution("retry", "carol", "")));
        assertThat(result().outcome()).isEqualTo(Phase.DONE);
    }

    @Test
    void aDisarmRefusedBecauseAMemberIsStillFullWaitsForAnOperatorWithTheSizes() {
        // etcd-3 really holds 2000 MB: defragmenting cannot bring it below 80 %
        etcd.facts(Fixtures.withEndpoint(etcd.facts(), 3, e -> Fixtures.dbSize(e, 2100 * MB, 2000 * MB, Fixtures.QUOTA)));
        final QuotaRecoveryWorkflow run = startWithoutApproval(request());

        final SopStatus paused = awaitPhase(run, Phase.NEEDS_OPERATOR);

        assertThat(paused.currentStep()).isEqualTo("disarm NOSPACE");
        assertThat(paused.lastError()).isEqualTo(
                "NOSPACE left armed: not every member is below 80% of its quota: etcd-3 2000 MB of 2147 MB (93%)");
        assertThat(etcd.calls()).last().isEqualTo("disarmNospace 80");
        run.resolve(RawRequest.of(new Resolution("abort", "bob", "")));
        assertThat(result().outcome()).isEqualTo(Phase.ABORTED);
        assertThat(etcd.calls()).doesNotContain("testWrite");
    }

    @Test
    void skippingARefusedDisarmDoesNotPassVerificationWhileTheAlarmIsOn() {
        etcd.facts(Fixtures.withEndpoint(etcd.facts(), 3, e -> Fixtures.dbSize(e, 2100 * MB, 2000 * MB, Fixtures.QUOTA)));
        final QuotaRecoveryWorkflow run = startWithoutApproval(request());
        awaitPhase(run, Phase.NEEDS_OPERATOR);

        run.resolve(RawRequest.of(new Resolution("skip", "bob", "")));
        final SopStatus verifying = awaitPhase(run, Phase.NEEDS_OPERATOR, s -> s.currentStep().startsWith("verify"));

        assertThat(verifying.currentStep()).isEqualTo("verify: no alarm, a test write and read");
        assertThat(verifying.lastError()).startsWith("alarms still active: [Alarm[memberId=a1, type=NOSPACE]");
        run.resolve(RawRequest.of(new Resolution("abort", "bob", "")));
        assertThat(result().outcome()).isEqualTo(Phase.ABORTED);
    }

    @Test
    void aFailedTestWriteWaitsForAnOperator() {
        etcd.failing("testWrite", 1, Failures.ETCD_CALL_FAILED, "etcdserver: request timed out");
        final QuotaRecoveryWorkflow run = startWithoutApproval(request());

        final SopStatus paused = awaitPhase(run, Phase.NEEDS_OPERATOR);
        assertThat(paused.currentStep()).isEqualTo("verify: no alarm, a test write and read");
        run.resolve(RawRequest.of(new Resolution("retry", "bob", "")));

        final QuotaRecoveryResult result = result();
        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.verification().written()).isTrue();
    }

    // ---- options ----

    @Test
    void moveLeaderFirstHandsLeadershipToTheLastDefragmentedFollowerBeforeTheLeadersDefragment() {
        runbooks.policy(Fixtures.policy(false, APPROVERS, 1, false));

        final QuotaRecoveryResult result = stub().recover(RawRequest.of(new QuotaRecoveryRequest("etcd", "alice", "", false, null, true, null)));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(etcd.calls()).containsSubsequence("awaitCaughtUp " + ETCD_3, "moveLeader " + Fixtures.id(3), "defragment " + ETCD_1);
        assertThat(etcd.calls().indexOf("moveLeader " + Fixtures.id(3)) + 1).isEqualTo(etcd.calls().indexOf("defragment " + ETCD_1));
        assertThat(result.plan()).contains("move leadership from etcd-1 (10.10.10.10) to etcd-3 (10.10.10.12)");
    }

    @Test
    void pausesBetweenMembersOnTheWorkflowClockButNotAfterTheLast() {
        runbooks.policy(Fixtures.policy(false, APPROVERS, 1, false));

        final QuotaRecoveryResult result = stub().recover(RawRequest.of(new QuotaRecoveryRequest("etcd", "alice", "", false, null, false, 600)));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(client.fetchHistory(ID).getEvents()).filteredOn(HistoryEvent::hasTimerStartedEventAttributes)
                .filteredOn(e -> summary(e).startsWith("pause"))
                .as("two pauses for three members")
                .extracting(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds()).containsExactly(600L, 600L);
        assertThat(runTime()).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));
    }

    private static String summary(HistoryEvent timerStarted) {
        return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(timerStarted.getUserMetadata().getSummary(), String.class, String.class);
    }

    // ---- determinism ----

    @Test
    void anApprovedRunReplaysWithTheCurrentCode() throws Exception {
        final QuotaRecoveryWorkflow run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "")));
        assertThat(result().outcome()).isEqualTo(Phase.DONE);

        WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(ID), QuotaRecoveryWorkflowImpl.class);
    }

    // ---- helpers ----

    private static QuotaRecoveryRequest request() {
        return QuotaRecoveryRequest.of("etcd", "alice");
    }

    private QuotaRecoveryRequest failingDefragOfEtcd3() {
        etcd.failing("defragment " + ETCD_3, 1, Failures.ETCD_CALL_FAILED, "etcdserver: request timed out");
        return request();
    }

    private WorkflowStub untyped() {
        return client.newUntypedWorkflowStub(QuotaRecoveryWorkflow.SOP,
                WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId(ID).build());
    }

    private QuotaRecoveryWorkflow stub() {
        return client.newWorkflowStub(QuotaRecoveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId(ID).build());
    }

    /** A stub of the run already started under {@link #ID}. */
    private QuotaRecoveryWorkflow existing() {
        return client.newWorkflowStub(QuotaRecoveryWorkflow.class, ID);
    }

    private QuotaRecoveryWorkflow start(QuotaRecoveryRequest request) {
        final QuotaRecoveryWorkflow run = stub();
        WorkflowClient.start(run::recover, RawRequest.of(request));
        return run;
    }

    private QuotaRecoveryWorkflow startWithoutApproval(QuotaRecoveryRequest request) {
        runbooks.policy(Fixtures.policy(false, APPROVERS, 1, false));
        return start(request);
    }

    private QuotaRecoveryResult result() {
        return client.newUntypedWorkflowStub(ID).getResult(QuotaRecoveryResult.class);
    }

    /** Polls the status query until the run reaches {@code phase}; the workflow clock does not move meanwhile. */
    private static SopStatus awaitPhase(QuotaRecoveryWorkflow run, Phase phase) {
        return awaitPhase(run, phase, s -> true);
    }

    private static SopStatus awaitPhase(QuotaRecoveryWorkflow run, Phase phase, Predicate<SopStatus> and) {
        return StatusPolling.await(run, status -> status.phase() == phase && and.test(status), phase.toString());
    }

    /** The validator's message of an update it refused. */
    private static String refusal(ThrowingCallable update) {
        final Throwable thrown = catchThrowable(update);
        assertThat(thrown).isInstanceOf(WorkflowUpdateException.class).cause().isInstanceOf(ApplicationFailure.class);
        return ((ApplicationFailure) thrown.getCause()).getOriginalMessage();
    }

    /** From start to close on the workflow clock, as the history records it. */
    private Duration runTime() {
        final List<HistoryEvent> events = client.fetchHistory(ID).getEvents();
        return Duration.ofSeconds(events.get(events.size() - 1).getEventTime().getSeconds() - events.get(0).getEventTime().getSeconds());
    }

    private List<HistoryEvent> updateEvents() {
        return client.fetchHistory(ID).getEvents().stream().filter(e -> e.getEventType().name().contains("UPDATE")).toList();
    }
}
