package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster lock against the operator's mistakes and remedies, end to end through the temporal CLI, the worker jar, a
 * real Temporal dev server and a real 3-member cluster on 127.0.0.131-133: runs waiting for approval hold no lock; a
 * holder (an approved run pausing between members) reset in the UI keeps the lock (two holders never), a forced
 * release is recorded and makes the old holder wait again, and a requester withdraws their own run under four-eyes. The worker serves /metrics: the SOPs' and the SDK's metrics are scraped at the end.
 */
class ClusterLockIT {
    private static final String LOCK = "etcd-sop-lock-etcd";

    @TempDir
    static Path dir;
    static SopStack stack;
    static int metricsPort;

    @BeforeAll
    static void startStack() throws IOException {
        stack = SopStack.start(dir, 3, 131, null, """
                default:
                  approvers: [alice, bob, carol]
                  requiredApprovals: 1
                  requesterMayApprove: false
                  approvalTimeout: 1h
                """);
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            metricsPort = free.getLocalPort();
        }
        stack.replaceWorker(List.of("-jar", WorkerProcess.jar(), "worker"), Map.of("METRICS_PORT", String.valueOf(metricsPort)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aHolderResetInTheUiKeepsTheLockAndTheWaiterNeverHoldsItMeanwhile() throws Exception {
        // Runs wait for approval without the lock (release 6): the holder is an approved run, pausing between members.
        holding("lock-reset-a", 600);
        start("lock-reset-b", 0);
        awaitPhase("lock-reset-b", "AWAITING_APPROVAL");
        approve("lock-reset-b");
        awaitPhase("lock-reset-b", "WAITING_FOR_LOCK");
        assertThat(stack.status("lock-reset-b").path("waitingFor").asText()).contains("held by lock-reset-a (QuotaRecovery) since ");
        final String firstRun = stack.runId("lock-reset-a");

        stack.cli("workflow", "reset", "--workflow-id", "lock-reset-a", "--type", "LastWorkflowTask", "--reason", "an operator's mistake");
        final String resetRun = stack.runId("lock-reset-a");
        assertThat(resetRun).isNotEqualTo(firstRun);

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> resetRun.equals(lockState().path("holder").path("runId").asText()));
        assertThat(lockState().path("holder").path("workflowId").asText()).isEqualTo("lock-reset-a");
        assertThat(stack.status("lock-reset-b").path("phase").asText()).as("the waiter never got the lock").isEqualTo("WAITING_FOR_LOCK");

        // An operator frees the lock from the (reset) holder: the waiter gets it at once, observes again and finishes.
        forceRelease("lock-reset-a is parked for the test");
        assertThat(stack.result("lock-reset-b").path("outcome").asText()).isEqualTo("DONE");
        stack.cli("workflow", "terminate", "--workflow-id", "lock-reset-a", "--reason", "the test is done with it");

        start("lock-reset-c", 0);
        awaitPhase("lock-reset-c", "AWAITING_APPROVAL");
        stack.cli("workflow", "update", "execute", "--workflow-id", "lock-reset-c", "--name", "reject",
                "--input", "{\"by\":\"alice\",\"comment\":\"no longer needed\"}");
        final JsonNode withdrawn = stack.result("lock-reset-c");
        assertThat(withdrawn.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(withdrawn.path("decisions").path(0).path("decision").asText()).isEqualTo("withdraw");
    }

    @Test
    void aForcedReleaseIsRecordedAndTheOldHolderTakesTheLockAgainBeforeItActs() throws Exception {
        start("lock-force-a", 25);
        start("lock-force-b", 600);
        awaitPhase("lock-force-a", "AWAITING_APPROVAL");
        awaitPhase("lock-force-b", "AWAITING_APPROVAL");
        // Both wait for a person, neither holds the lock: the search attribute lists them, and the worker's gauge counts them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.list(
                "EtcdPhase='AWAITING_APPROVAL' AND ExecutionStatus='Running'")).contains("lock-force-a", "lock-force-b"));
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("etcd_sop_runs_awaiting_approval\\{cluster=\"etcd\",sop=\"QuotaRecovery\"} 2\\.0"));

        approve("lock-force-a");
        awaitPausing("lock-force-a");
        approve("lock-force-b");
        awaitPhase("lock-force-b", "WAITING_FOR_LOCK");
        forceRelease("lock-force-a is parked, its node is being replaced");
        awaitPausing("lock-force-b");
        final JsonNode forced = lockState().path("forcedReleases").path(0);
        assertThat(forced.path("holderWorkflowId").asText()).isEqualTo("lock-force-a");
        assertThat(forced.path("approver").asText()).isEqualTo("carol");
        assertThat(forced.path("heldSince").asText()).isNotBlank();

        // Its pause over, the old holder takes the lock again before its next step: it waits behind the new holder.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            final JsonNode status = stack.status("lock-force-a");
            return status.path("phase").asText().equals("WAITING_FOR_LOCK") && status.path("waitingFor").asText().contains("held by lock-force-b");
        });
        forceRelease("lock-force-b is parked too");
        final JsonNode result = stack.result("lock-force-a");
        assertThat(result.path("outcome").asText()).isEqualTo("DONE");
        assertThat(result.path("steps").toString()).contains("take the cluster lock of etcd again before");
        stack.cli("workflow", "terminate", "--workflow-id", "lock-force-b", "--reason", "the test is done with it");

        start("lock-force-c", 0);
        awaitPhase("lock-force-c", "AWAITING_APPROVAL");
        stack.cli("workflow", "update", "execute", "--workflow-id", "lock-force-c", "--name", "reject", "--input", "{\"by\":\"bob\"}");
        assertThat(stack.result("lock-force-c").path("outcome").asText()).isEqualTo("REJECTED");
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("etcd_sop_runs_finished_total\\{[^}]*outcome=\"DONE\"[^}]*sop=\"QuotaRecovery\"[^}]*} [1-9]")
                .containsPattern("etcd_sop_runs_finished_total\\{[^}]*outcome=\"REJECTED\"[^}]*} [1-9]")
                .containsPattern("etcd_sop_step_duration_seconds_bucket\\{[^}]*result=\"DONE\"[^}]*step=\"compact at revision")
                .containsPattern("etcd_sop_lock_wait_seconds_count\\{[^}]*cluster=\"etcd\"[^}]*} [1-9]")
                .containsPattern("etcd_sop_approval_wait_seconds_count\\{[^}]*} [1-9]")
                .contains("temporal_workflow_completed_total", "temporal_activity_execution_latency_seconds")
                .containsPattern("etcd_sop_runs_awaiting_approval\\{cluster=\"etcd\",sop=\"QuotaRecovery\"} 0\\.0"));
    }

    /** Starts a QuotaRecovery, approves it and waits until it holds the lock, pausing after its first member. */
    private static void holding(String workflowId, int pauseSeconds) {
        start(workflowId, pauseSeconds);
        awaitPhase(workflowId, "AWAITING_APPROVAL");
        approve(workflowId);
        awaitPausing(workflowId);
    }

    private static void forceRelease(String reason) {
        stack.cli("workflow", "signal", "--workflow-id", LOCK, "--name", "forceRelease",
                "--input", "{\"reason\":\"" + reason + "\",\"approver\":\"carol\"}");
    }

    private static void approve(String workflowId) {
        stack.cli("workflow", "update", "execute", "--workflow-id", workflowId, "--name", "approve", "--input", "{\"by\":\"bob\"}");
    }

    private static void awaitPausing(String workflowId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.status(workflowId).path("currentStep").asText().startsWith("pause "));
    }

    private static String scrape() throws IOException, InterruptedException {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A QuotaRecovery of the healthy cluster: compact, then each member defragmented, {@code pauseSeconds} between them. */
    private static void start(String workflowId, int pauseSeconds) {
        stack.cli("workflow", "start", "--type", "QuotaRecovery", "--task-queue", "etcd-sop", "--workflow-id", workflowId, "--input",
                "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"lock test\",\"pauseSecondsBetweenMembers\":" + pauseSeconds + "}");
    }

    private static void awaitPhase(String workflowId, String phase) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> phase.equals(stack.status(workflowId).path("phase").asText()));
    }

    private static JsonNode lockState() throws IOException {
        return stack.query(LOCK, "state");
    }
}
