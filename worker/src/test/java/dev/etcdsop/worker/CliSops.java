package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.testbed.CliResult;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SOP runs driven with the temporal CLI exactly as the README shows: {@code workflow start}, {@code workflow query
 * --type status} until the plan waits for approval, {@code workflow update execute --name approve}, {@code workflow
 * result}. Requested by alice, approved by bob. A run that stops for an operator, or ends before it should, fails the
 * test at once with its status, instead of leaving the test waiting for a result that cannot come.
 */
final class CliSops {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("DONE", "DRY_RUN", "NOTHING_TO_DO", "REFUSED", "REJECTED",
            "APPROVAL_TIMED_OUT", "ABORTED");
    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration POLL = Duration.ofMillis(250);

    private final SopStack stack;
    private final List<String> started = new ArrayList<>();

    CliSops(SopStack stack) {
        this.stack = stack;
    }

    /** The ids of the runs started so far. */
    List<String> started() {
        return List.copyOf(started);
    }

    /** The README's input of a membership SOP. */
    static String member(String name, String reason) {
        return JSON.createObjectNode().put("cluster", "etcd").put("member", name).put("requestedBy", "alice").put("reason", reason)
                .toString();
    }

    /** The README's input of QuotaRecovery. */
    static String cluster(String reason) {
        return JSON.createObjectNode().put("cluster", "etcd").put("requestedBy", "alice").put("reason", reason).toString();
    }

    /** The README's input of a ConfigChange of the quota. */
    static String quota(long bytes, String reason) {
        final ObjectNode input = JSON.createObjectNode().put("cluster", "etcd").put("requestedBy", "alice").put("reason", reason);
        input.putObject("settings").put("quota-backend-bytes", bytes);
        return input.toString();
    }

    /** The README's input of ReloadConfig. */
    static String reload(String reason, boolean dryRun, boolean restartEtcd) {
        return JSON.createObjectNode().put("cluster", "etcd").put("requestedBy", "alice").put("reason", reason).put("dryRun", dryRun)
                .put("restartEtcd", restartEtcd).toString();
    }

    /** Starts {@code type} as a dry run, waits for its result and requires DRY_RUN; returns the result. */
    JsonNode dryRun(String type, String workflowId, String input) throws IOException {
        start(type, workflowId, input);
        final JsonNode result = stack.result(workflowId);
        assertThat(result.path("outcome").asText()).as(workflowId + ": " + result).isEqualTo("DRY_RUN");
        return result;
    }

    /** Starts {@code type}, approves its plan as bob, waits for the end and requires DONE; returns the result. */
    JsonNode approved(String type, String workflowId, String input) throws IOException {
        start(type, workflowId, input);
        final String phase = awaitPhase(workflowId, "AWAITING_APPROVAL", PLAN_TIMEOUT);
        assertThat(phase).as(workflowId + " before approval: " + stack.status(workflowId)).isEqualTo("AWAITING_APPROVAL");
        stack.cli("workflow", "update", "execute", "--workflow-id", workflowId, "--name", "approve", "--input", "{\"by\":\"bob\"}");
        awaitPhase(workflowId, null, RUN_TIMEOUT);
        final JsonNode result = stack.result(workflowId);
        assertThat(result.path("outcome").asText()).as(workflowId + ": " + result).isEqualTo("DONE");
        return result;
    }

    /** How a run failed: the failure's type (e.g. Refused) and message, and its causes, outermost first. */
    record Failure(String workflowId, String type, String message, List<String> causes) {
        @Override
        public String toString() {
            return workflowId + " failed with type " + type + ": " + message + (causes.isEmpty() ? "" : "; caused by " + causes);
        }
    }

    /**
     * Starts {@code type} and waits for the run to fail before anything is approved; returns how it failed. A run
     * that asks for approval instead is rejected at once, so it cannot change anything, and fails the test.
     */
    Failure failure(String type, String workflowId, String input) throws IOException {
        start(type, workflowId, input);
        final String phase = awaitPhase(workflowId, "AWAITING_APPROVAL", RUN_TIMEOUT);
        if ("AWAITING_APPROVAL".equals(phase)) {
            final JsonNode status = stack.status(workflowId);
            stack.cli("workflow", "update", "execute", "--workflow-id", workflowId, "--name", "reject", "--input",
                    "{\"by\":\"bob\",\"comment\":\"the test expected a refusal\"}");
            throw new AssertionError(workflowId + " did not fail: it asked for approval of " + status);
        }
        final CliResult out = stack.temporal().cli(RUN_TIMEOUT, "workflow", "result", "--workflow-id", workflowId, "--output", "json");
        assertThat(out.ok()).as("temporal workflow result of " + workflowId + " should fail:\n" + out.stdout()).isFalse();
        final JsonNode failure = lastFailure(workflowId);
        final List<String> causes = new ArrayList<>();
        for (JsonNode cause = failure.path("cause"); !cause.isMissingNode() && !cause.isNull(); cause = cause.path("cause")) {
            final String causeType = cause.path("applicationFailureInfo").path("type").asText(
                    cause.has("activityFailureInfo") ? "activity " + cause.path("activityFailureInfo").path("activityType").path("name").asText() : "");
            causes.add(causeType + ": " + cause.path("message").asText());
        }
        return new Failure(workflowId, failure.path("applicationFailureInfo").path("type").asText(
                failure.has("activityFailureInfo") ? "ActivityFailure" : ""), failure.path("message").asText(), causes);
    }

    void start(String type, String workflowId, String input) {
        started.add(workflowId);
        stack.cli("workflow", "start", "--type", type, "--task-queue", "etcd-sop", "--workflow-id", workflowId, "--input", input);
    }

    /**
     * Waits until the run's phase is {@code wanted} or final, or the run is closed; returns the phase. A run that
     * needs an operator is a failure of the SOP: its status (step, error) is the evidence.
     */
    String awaitPhase(String workflowId, String wanted, Duration timeout) {
        final String[] phase = {""};
        await().atMost(timeout).pollInterval(POLL).until(() -> {
            final JsonNode status = stack.status(workflowId);
            phase[0] = status.path("phase").asText();
            if ("NEEDS_OPERATOR".equals(phase[0])) {
                throw new AssertionError(workflowId + " needs an operator: step '" + status.path("currentStep").asText()
                        + "', error: " + status.path("lastError").asText() + "\nstatus: " + status);
            }
            // A run that failed (an activity out of retries, a refusal) keeps the phase it failed in: ask the server too.
            return phase[0].equals(wanted) || FINAL.contains(phase[0]) || closed(workflowId);
        });
        return phase[0];
    }

    private boolean closed(String workflowId) throws IOException {
        final CliResult out = stack.temporal().cli("workflow", "describe", "--workflow-id", workflowId, "--output", "json");
        return out.ok() && !JSON.readTree(out.stdout()).path("workflowExecutionInfo").path("status").asText()
                .equals("WORKFLOW_EXECUTION_STATUS_RUNNING");
    }

    /** The failure of the run's last event, from {@code temporal workflow show --output json}. */
    private JsonNode lastFailure(String workflowId) throws IOException {
        final JsonNode history = JSON.readTree(stack.temporal().cli("workflow", "show", "--workflow-id", workflowId, "--output", "json")
                .requireOk().stdout());
        for (JsonNode event : history.path("events")) {
            final JsonNode failed = event.path("workflowExecutionFailedEventAttributes");
            if (!failed.isMissingNode()) {
                return failed.path("failure");
            }
        }
        throw new AssertionError(workflowId + " has no failed event in its history: " + history);
    }
}
