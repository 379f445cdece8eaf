package dev.etcdsop.workflows.replay;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.FakeEtcd;
import dev.etcdsop.workflows.FakeRunbooks;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.TestEnvironments;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.lock.ClusterLockWorkflow;
import dev.etcdsop.workflows.lock.ForceRelease;
import dev.etcdsop.workflows.quota.QuotaRecoveryRequest;
import dev.etcdsop.workflows.quota.QuotaRecoveryResult;
import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflow;
import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflowImpl;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.status.ClusterStatusReport;
import dev.etcdsop.workflows.status.ClusterStatusRequest;
import dev.etcdsop.workflows.status.ClusterStatusWorkflow;
import dev.etcdsop.workflows.status.ClusterStatusWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test of behaviour: it records the histories of the release under test for {@link ReplayCorpusTest}, and runs
 * only when {@code -Dreplay.capture.dir} is set. QuotaRecovery, ClusterStatus and the cluster lock here; the
 * membership SOPs in {@code membership.CaptureMembershipHistories}, next to the package-private fakes they need.
 * Each scenario asserts its outcome, so a capture never records a run that went somewhere else than its name says.
 */
@EnabledIfSystemProperty(named = HistoryCapture.DIR_PROPERTY, matches = ".*\\S.*")
final class CaptureReleaseHistories {
    private static final String ID = "quota-recovery";
    private static final String SECOND_ID = "quota-recovery-2";
    private static final String LOCK_ID = ClusterLockWorkflow.workflowId("etcd");
    private static final String ETCD_3 = "https://10.10.10.12:2379";

    private final EtcdCluster cluster = Fixtures.cluster(3);
    private final FakeRunbooks runbooks = new FakeRunbooks(cluster, Fixtures.fourEyes());
    private final FakeEtcd etcd = new FakeEtcd(Fixtures.nospace(cluster));
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeEach
    void setUp() {
        env = TestEnvironments.started(List.of(QuotaRecoveryWorkflowImpl.class, ClusterStatusWorkflowImpl.class), runbooks, etcd);
        client = env.getWorkflowClient();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void quotaRecoveryApprovedAndTheLockItHeld() {
        final QuotaRecoveryWorkflow run = start(ID);
        HistoryCapture.awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "go")));

        assertThat(result(ID).outcome()).isEqualTo(Phase.DONE);
        HistoryCapture.save(client, ID, "approved");
        HistoryCapture.awaitClosed(client, LOCK_ID);
        HistoryCapture.save(client, LOCK_ID, "one-holder");
    }

    @Test
    void quotaRecoveryWaitsForAnOperatorAfterAFailedDefragmentAndRetries() {
        etcd.failing("defragment " + ETCD_3, 1, Failures.ETCD_CALL_FAILED, "etcdserver: request timed out");
        final QuotaRecoveryWorkflow run = start(ID);
        HistoryCapture.awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "")));
        HistoryCapture.awaitPhase(run, Phase.NEEDS_OPERATOR);
        run.resolve(RawRequest.of(new Resolution("retry", "carol", "the disk is back")));

        assertThat(result(ID).outcome()).isEqualTo(Phase.DONE);
        HistoryCapture.save(client, ID, "needs-operator-retry");
    }

    /** Two runs on one cluster: the second waits for the lock, the first is rejected, then the second is approved. */
    @Test
    void quotaRecoveryQueuedBehindAnotherRun() {
        final QuotaRecoveryWorkflow first = start(ID);
        HistoryCapture.awaitPhase(first, Phase.AWAITING_APPROVAL);
        final QuotaRecoveryWorkflow second = start(SECOND_ID);
        HistoryCapture.awaitPhase(second, Phase.WAITING_FOR_LOCK);
        first.reject(RawRequest.of(new Decision("bob", "one at a time")));
        assertThat(result(ID).outcome()).isEqualTo(Phase.REJECTED);
        HistoryCapture.awaitPhase(second, Phase.AWAITING_APPROVAL);
        second.approve(RawRequest.of(new Decision("carol", "")));

        assertThat(result(SECOND_ID).outcome()).isEqualTo(Phase.DONE);
        HistoryCapture.save(client, ID, "rejected");
        HistoryCapture.save(client, SECOND_ID, "approved-after-waiting-for-lock");
        HistoryCapture.awaitClosed(client, LOCK_ID);
        HistoryCapture.save(client, LOCK_ID, "second-run-queued");
    }

    /**
     * The holder's lock is force-released while it waits for approval; the waiter gets it and is withdrawn by its
     * requester; the old holder, approved meanwhile, takes the lock again before its first step.
     */
    @Test
    void quotaRecoveryWhoseLockWasForceReleased() {
        final QuotaRecoveryWorkflow first = start(ID);
        HistoryCapture.awaitPhase(first, Phase.AWAITING_APPROVAL);
        final QuotaRecoveryWorkflow second = start(SECOND_ID);
        HistoryCapture.awaitPhase(second, Phase.WAITING_FOR_LOCK);
        client.newWorkflowStub(ClusterLockWorkflow.class, LOCK_ID).forceRelease(new ForceRelease("parked for the test", "carol"));
        HistoryCapture.awaitPhase(second, Phase.AWAITING_APPROVAL);
        first.approve(RawRequest.of(new Decision("bob", "")));
        HistoryCapture.awaitPhase(first, Phase.WAITING_FOR_LOCK);
        second.reject(RawRequest.of(new Decision("alice", "withdrawn by its requester")));

        assertThat(result(SECOND_ID).outcome()).isEqualTo(Phase.REJECTED);
        assertThat(result(ID).outcome()).isEqualTo(Phase.DONE);
        HistoryCapture.save(client, ID, "lock-force-released-then-retaken");
        HistoryCapture.save(client, SECOND_ID, "withdrawn-by-requester");
        HistoryCapture.awaitClosed(client, LOCK_ID);
        HistoryCapture.save(client, LOCK_ID, "force-released");
    }

    @Test
    void quotaRecoveryDryRun() {
        final QuotaRecoveryResult result = stub(ID).recover(RawRequest.of(new QuotaRecoveryRequest("etcd", "alice", "", true, null, false, null)));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        HistoryCapture.save(client, ID, "dry-run");
    }

    /** Timers between members and a leader move; the lock stays held across its liveness checks meanwhile. */
    @Test
    void quotaRecoveryMovingLeadershipWithPausesAndTheLockHeldAcrossLivenessChecks() {
        runbooks.policy(Fixtures.policy(false, Fixtures.APPROVERS, 1, false));
        final QuotaRecoveryResult result = stub(ID).recover(RawRequest.of(new QuotaRecoveryRequest("etcd", "alice", "", false, null, true, 600)));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        HistoryCapture.save(client, ID, "move-leader-with-pauses");
        HistoryCapture.awaitClosed(client, LOCK_ID);
        HistoryCapture.save(client, LOCK_ID, "held-across-liveness-checks");
    }

    @Test
    void clusterStatusOfANospaceCluster() {
        final ClusterStatusWorkflow run = client.newWorkflowStub(ClusterStatusWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId("cluster-status").build());

        final ClusterStatusReport report = run.status(RawRequest.of(new ClusterStatusRequest("etcd")));

        assertThat(report.healthy()).isFalse();
        HistoryCapture.save(client, "cluster-status", "nospace-alarm");
    }

    private QuotaRecoveryWorkflow stub(String workflowId) {
        return client.newWorkflowStub(QuotaRecoveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId(workflowId).build());
    }

    private QuotaRecoveryWorkflow start(String workflowId) {
        final QuotaRecoveryWorkflow run = stub(workflowId);
        WorkflowClient.start(run::recover, RawRequest.of(QuotaRecoveryRequest.of("etcd", "alice")));
        return run;
    }

    private QuotaRecoveryResult result(String workflowId) {
        return client.newUntypedWorkflowStub(workflowId).getResult(QuotaRecoveryResult.class);
    }
}
