package dev.etcdsop.workflows.lock;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ClusterLockTest {
    private static final String QUEUE = "test";
    private static final String CLUSTER = "etcd";
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private TestLockActivities activities;

    @BeforeEach
    void setUp() {
        env = TestWorkflowEnvironment.newInstance();
        client = env.getWorkflowClient();
        activities = new TestLockActivities(client, QUEUE);
        final Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(ClusterLockWorkflowImpl.class, LockedSopImpl.class);
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void theFirstRunAcquiresAtOnce() {
        final LockedSop a = start("sop-a", CLUSTER);

        awaitHolding(a);
        assertThat(lockState(CLUSTER).holder().workflowId()).isEqualTo("sop-a");
        assertThat(lockState(CLUSTER).queue()).isEmpty();
    }

    @Test
    void aSecondRunWaitsNamingTheHolderAndRunsWhenTheFirstFinishes() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);

        final LockedSop b = start("sop-b", CLUSTER);

        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");
        assertThat(lockState(CLUSTER).queue()).extracting(LockRequest::workflowId).containsExactly("sop-b");
        assertThat(a.status()).isEqualTo(LockedSopImpl.HOLDING);

        finish(a);

        awaitHolding(b);
        assertThat(lockState(CLUSTER).holder().workflowId()).isEqualTo("sop-b");
    }

    @Test
    void waitersAreServedInArrivalOrderAndToldWhenTheHolderChanges() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");
        final LockedSop c = start("sop-c", CLUSTER);
        awaitStatus(c, "waiting for the cluster lock held by sop-a (LockedSop)");

        finish(a);

        awaitHolding(b);
        awaitStatus(c, "waiting for the cluster lock held by sop-b (LockedSop)");
        finish(b);
        awaitHolding(c);
    }

    @Test
    void aTerminatedHolderLosesTheLockWithinTheLivenessInterval() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");

        WorkflowStub.fromTyped(a).terminate("operator gave up");
        b.finish();
        WorkflowStub.fromTyped(b).getResult(String.class);

        final Instant terminated = eventTime(lastEvent("sop-a"));
        final Instant granted = eventTime(client.fetchHistory("sop-b").getEvents().stream()
                .filter(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("lockGranted"))
                .findFirst().orElseThrow());
        assertThat(Duration.between(terminated, granted))
                .isLessThanOrEqualTo(ClusterLockWorkflowImpl.LIVENESS_CHECK.plusSeconds(5));
    }

    @Test
    void aRetriedRequestOfTheHolderIsGrantedAgainNotQueuedBehindItself() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");

        activities.requestLock(CLUSTER, "sop-a", runId(a), "LockedSop");
        activities.requestLock(CLUSTER, "sop-b", runId(b), "LockedSop");

        await().untilAsserted(() -> assertThat(lockState(CLUSTER).holder().workflowId()).isEqualTo("sop-a"));
        assertThat(lockState(CLUSTER).queue()).extracting(LockRequest::workflowId).containsExactly("sop-b");
        finish(a);
        awaitHolding(b);
        finish(b);
        lockRunOf(CLUSTER).getResult(Void.class);
    }

    @Test
    void locksOfDifferentClustersDoNotBlockEachOther() {
        final LockedSop a = start("sop-a", CLUSTER);
        final LockedSop other = start("sop-other", "etcd-b");

        awaitHolding(a);
        awaitHolding(other);
    }

    @Test
    void aCancelledWaiterLeavesTheQueue() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");

        WorkflowStub.fromTyped(b).cancel();

        assertThatThrownBy(() -> WorkflowStub.fromTyped(b).getResult(String.class))
                .isInstanceOf(WorkflowFailedException.class).cause().isInstanceOf(CanceledFailure.class);
        await().untilAsserted(() -> assertThat(lockState(CLUSTER).queue()).isEmpty());
        assertThat(lockState(CLUSTER).holder().workflowId()).isEqualTo("sop-a");
    }

    @Test
    void aWaiterThatClosedIsSkipped() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");
        final LockedSop c = start("sop-c", CLUSTER);
        awaitStatus(c, "waiting for the cluster lock held by sop-a (LockedSop)");

        WorkflowStub.fromTyped(b).terminate("not needed any more");
        finish(a);

        awaitHolding(c);
    }

    @Test
    void anIdleLockCompletesAndTheNextRequestStartsAFreshRun() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final String firstRun = lockRunOf(CLUSTER).getExecution().getRunId();
        finish(a);
        lockRunOf(CLUSTER).getResult(Void.class);

        final LockedSop b = start("sop-b", CLUSTER);

        awaitHolding(b);
        assertThat(client.newUntypedWorkflowStub(ClusterLockWorkflow.workflowId(CLUSTER)).describe().getExecution().getRunId())
                .isNotEqualTo(firstRun);
    }

    @Test
    void aLockHeldForHoursContinuesAsNewKeepingHolderAndQueue() throws Exception {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");

        env.sleep(Duration.ofHours(4));

        final HistoryEvent started = client.fetchHistory(ClusterLockWorkflow.workflowId(CLUSTER)).getHistory().getEvents(0);
        assertThat(started.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
        assertThat(started.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId()).isNotEmpty();
        assertThat(lockState(CLUSTER).holder().workflowId()).isEqualTo("sop-a");
        assertThat(lockState(CLUSTER).queue()).extracting(LockRequest::workflowId).containsExactly("sop-b");
        finish(a);
        awaitHolding(b);
        WorkflowReplayer.replayWorkflowExecution(
                client.fetchHistory(ClusterLockWorkflow.workflowId(CLUSTER)), ClusterLockWorkflowImpl.class);
    }

    @Test
    void aWaiterIsServedAfterItsLockRunWasTerminatedAndTheHolderLeft() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop) since ");

        lockRunOf(CLUSTER).terminate("an operator cleaned up the UI");
        finish(a);
        env.sleep(ClusterLock.RESEND.plusMinutes(1));

        awaitHolding(b);
        assertThat(lockState(CLUSTER).holder().workflowId()).isEqualTo("sop-b");
    }

    @Test
    void aHolderKeepsItsLockWhenTheLockRunRestartsWithoutItsState() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");

        lockRunOf(CLUSTER).terminate("an operator cleaned up the UI");
        env.sleep(ClusterLock.RESEND.plusMinutes(1));

        assertThat(lockState(CLUSTER).holder().workflowId()).as("the waiter's re-send named the holder, which still runs").isEqualTo("sop-a");
        assertThat(lockState(CLUSTER).queue()).extracting(LockRequest::workflowId).containsExactly("sop-b");
        assertThat(a.status()).isEqualTo(LockedSopImpl.HOLDING);
        assertThat(b.status()).startsWith("waiting for the cluster lock held by sop-a");
        finish(a);
        awaitHolding(b);
    }

    @Test
    void aRunWaitingThreeDaysForTheLockKeepsItsHistorySmall() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");

        env.sleep(Duration.ofDays(3));

        assertThat(client.fetchHistory("sop-b").getEvents()).as("re-sends back off to every %s", ClusterLock.RESEND_MAX)
                .hasSizeLessThan(2_500);
        finish(a);
        awaitHolding(b);
    }

    @Test
    void aForcedReleaseGrantsTheNextRunRecordsWhoAndWhyAndTheHolderWaitsAgain() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");
        final String heldSince = lockState(CLUSTER).heldSince();

        lock(CLUSTER).forceRelease(new ForceRelease("sop-a is parked in NEEDS_OPERATOR; its node is being replaced", "carol"));

        awaitHolding(b);
        awaitStatus(a, LockedSopImpl.REVOKED + "carol; waiting for the cluster lock held by sop-b");
        assertThat(heldSince).isNotBlank();
        assertThat(lockState(CLUSTER).forcedReleases()).singleElement().satisfies(r -> {
            assertThat(r.holderWorkflowId()).isEqualTo("sop-a");
            assertThat(r.approver()).isEqualTo("carol");
            assertThat(r.reason()).startsWith("sop-a is parked");
            assertThat(r.heldSince()).isEqualTo(heldSince);
        });
        finish(b);
        awaitHolding(a);
        finish(a);
    }

    @Test
    void malformedAndUnknownSignalsAreIgnoredAndTheLockKeepsServing() {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final WorkflowStub lock = lockRunOf(CLUSTER);

        lock.signal("request", (Object) null);
        lock.signal("request", new LockRequest(null, "", "typed by hand"));
        lock.signal("release", (Object) null);
        lock.signal("forceRelease", new ForceRelease(" ", null));
        lock.signal("request", "not a request at all");
        lock.signal("request", java.util.Map.of("workflowId", "x", "runId", "y", "kind", "NO_SUCH_KIND"));
        lock.signal("noSuchSignal", "typed by hand");
        final LockedSop b = start("sop-b", CLUSTER);

        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");
        assertThat(lockState(CLUSTER).holder().workflowId()).isEqualTo("sop-a");
        assertThat(lockState(CLUSTER).forcedReleases()).isEmpty();
        finish(a);
        awaitHolding(b);
        finish(b);
        lockRunOf(CLUSTER).getResult(Void.class);
    }

    @Test
    void recordedRunsReplayWithTheCurrentCode() throws Exception {
        final LockedSop a = start("sop-a", CLUSTER);
        awaitHolding(a);
        final LockedSop b = start("sop-b", CLUSTER);
        awaitStatus(b, "waiting for the cluster lock held by sop-a (LockedSop)");
        final LockedSop c = start("sop-c", CLUSTER);
        awaitStatus(c, "waiting for the cluster lock held by sop-a (LockedSop)");
        activities.requestLock(CLUSTER, "sop-a", runId(a), "LockedSop");
        finish(a);
        awaitHolding(b);
        WorkflowStub.fromTyped(b).terminate("replay test");
        c.finish();
        WorkflowStub.fromTyped(c).getResult(String.class);
        lockRunOf(CLUSTER).getResult(Void.class);

        WorkflowReplayer.replayWorkflowExecution(
                client.fetchHistory(ClusterLockWorkflow.workflowId(CLUSTER)), ClusterLockWorkflowImpl.class);
        WorkflowReplayer.replayWorkflowExecution(client.fetchHistory("sop-a"), LockedSopImpl.class);
        WorkflowReplayer.replayWorkflowExecution(client.fetchHistory("sop-c"), LockedSopImpl.class);
    }

    private LockedSop start(String workflowId, String cluster) {
        final LockedSop sop = client.newWorkflowStub(LockedSop.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
        WorkflowClient.start(sop::run, cluster);
        return sop;
    }

    private void finish(LockedSop sop) {
        sop.finish();
        assertThat(WorkflowStub.fromTyped(sop).getResult(String.class)).isEqualTo("done");
    }

    private static void awaitHolding(LockedSop sop) {
        awaitStatus(sop, LockedSopImpl.HOLDING);
    }

    /** The status starts with {@code status}: a waiter's also says since when the holder holds the lock. */
    private static void awaitStatus(LockedSop sop, String status) {
        await().atMost(Duration.ofSeconds(10)).until(sop::status, s -> s.startsWith(status));
    }

    private static String runId(LockedSop sop) {
        return WorkflowStub.fromTyped(sop).getExecution().getRunId();
    }

    private HistoryEvent lastEvent(String workflowId) {
        return client.fetchHistory(workflowId).getLastEvent();
    }

    private static Instant eventTime(HistoryEvent event) {
        return Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
    }

    private LockState lockState(String cluster) {
        return lock(cluster).state();
    }

    private ClusterLockWorkflow lock(String cluster) {
        return client.newWorkflowStub(ClusterLockWorkflow.class, ClusterLockWorkflow.workflowId(cluster));
    }

    private WorkflowStub lockRunOf(String cluster) {
        return client.newUntypedWorkflowStub(ClusterLockWorkflow.workflowId(cluster));
    }
}
