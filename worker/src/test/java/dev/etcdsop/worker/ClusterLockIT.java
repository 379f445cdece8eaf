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
 * real Temporal dev server and a real 3-member cluster on 127.0.0.131-133: a holder reset in the UI keeps the lock
 * (two holders never), a forced release is recorded and makes the old holder wait again, and a requester withdraws
 * their own run under four-eyes. The worker serves /metrics: the SOPs' and the SDK's metrics are scraped at the end.
 */
class ClusterLockIT {
    private static final String LOCK = "etcd-sop-lock-etcd";
    private static final String INPUT = "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"lock test\"}";

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
        start("lock-reset-a");
        awaitPhase("lock-reset-a", "AWAITING_APPROVAL");
        start("lock-reset-b");
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
        assertThat(stack.status("lock-reset-a").path("phase").asText()).isEqualTo("AWAITING_APPROVAL");

        stack.cli("workflow", "update", "execute", "--workflow-id", "lock-reset-a", "--name", "approve", "--input", "{\"by\":\"bob\"}");
        assertThat(stack.result("lock-reset-a").path("outcome").asText()).isEqualTo("DONE");
        awaitPhase("lock-reset-b", "AWAITING_APPROVAL");
        stack.cli("workflow", "update", "execute", "--workflow-id", "lock-reset-b", "--name", "reject",
                "--input", "{\"by\":\"alice\",\"comment\":\"no longer needed\"}");
        final JsonNode withdrawn = stack.result("lock-reset-b");
        assertThat(withdrawn.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(withdrawn.path("decisions").path(0).path("decision").asText()).isEqualTo("withdraw");
    }

    @Test
    void aForcedReleaseIsRecordedAndTheOldHolderTakesTheLockAgainBeforeItActs() throws Exception {
        start("lock-force-a");
        awaitPhase("lock-force-a", "AWAITING_APPROVAL");
        start("lock-force-b");
        awaitPhase("lock-force-b", "WAITING_FOR_LOCK");

        stack.cli("workflow", "signal", "--workflow-id", LOCK, "--name", "forceRelease",
                "--input", "{\"reason\":\"lock-force-a is parked, its node is being replaced\",\"approver\":\"carol\"}");

        awaitPhase("lock-force-b", "AWAITING_APPROVAL");
        // Both wait for a person now: the search attribute lists them, and the worker's gauge counts them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.list(
                "EtcdPhase='AWAITING_APPROVAL' AND ExecutionStatus='Running'")).contains("lock-force-a", "lock-force-b"));
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("etcd_sop_runs_awaiting_approval\\{cluster=\"etcd\",sop=\"QuotaRecovery\"} 2\\.0"));
        final JsonNode forced = lockState().path("forcedReleases").path(0);
        assertThat(forced.path("holderWorkflowId").asText()).isEqualTo("lock-force-a");
        assertThat(forced.path("approver").asText()).isEqualTo("carol");
        assertThat(forced.path("heldSince").asText()).isNotBlank();
        stack.cli("workflow", "update", "execute", "--workflow-id", "lock-force-a", "--name", "approve", "--input", "{\"by\":\"bob\"}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            final JsonNode status = stack.status("lock-force-a");
            return status.path("phase").asText().equals("WAITING_FOR_LOCK") && status.path("waitingFor").asText().contains("held by lock-force-b");
        });

        stack.cli("workflow", "update", "execute", "--workflow-id", "lock-force-b", "--name", "reject", "--input", "{\"by\":\"bob\"}");
        assertThat(stack.result("lock-force-b").path("outcome").asText()).isEqualTo("REJECTED");
        final JsonNode result = stack.result("lock-force-a");
        assertThat(result.path("outcome").asText()).isEqualTo("DONE");
        assertThat(result.path("steps").toString()).contains("take the cluster lock of etcd again before");

        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(scrape())
                .containsPattern("etcd_sop_runs_finished_total\\{[^}]*outcome=\"DONE\"[^}]*sop=\"QuotaRecovery\"[^}]*} [1-9]")
                .containsPattern("etcd_sop_runs_finished_total\\{[^}]*outcome=\"REJECTED\"[^}]*} [1-9]")
                .containsPattern("etcd_sop_step_duration_seconds_bucket\\{[^}]*result=\"DONE\"[^}]*step=\"compact at revision")
                .containsPattern("etcd_sop_lock_wait_seconds_count\\{[^}]*cluster=\"etcd\"[^}]*} [1-9]")
                .containsPattern("etcd_sop_approval_wait_seconds_count\\{[^}]*} [1-9]")
                .contains("temporal_workflow_completed_total", "temporal_activity_execution_latency_seconds")
                .containsPattern("etcd_sop_runs_awaiting_approval\\{cluster=\"etcd\",sop=\"QuotaRecovery\"} 0\\.0"));
    }

    private static String scrape() throws IOException, InterruptedException {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void start(String workflowId) {
        stack.cli("workflow", "start", "--type", "QuotaRecovery", "--task-queue", "etcd-sop", "--workflow-id", workflowId, "--input", INPUT);
    }

    private static void awaitPhase(String workflowId, String phase) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> phase.equals(stack.status(workflowId).path("phase").asText()));
    }

    private static JsonNode lockState() throws IOException {
        return stack.query(LOCK, "state");
    }
}
