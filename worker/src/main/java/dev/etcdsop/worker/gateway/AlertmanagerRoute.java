package dev.etcdsop.worker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.runbooks.Inventory;
import dev.etcdsop.runbooks.RunbooksDir;
import dev.etcdsop.runbooks.RunbooksException;
import dev.etcdsop.runbooks.Trigger;
import dev.etcdsop.runbooks.TriggersLoader;
import dev.etcdsop.workflows.SopNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javalin.http.Context;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code POST /alertmanager}: Alertmanager's webhook (payload version 4). Each firing alert that {@code triggers.yml}
 * maps to an SOP starts {@code alert-<sop>-<cluster>} once: Alertmanager re-sends firing alerts every group interval,
 * and those re-sends find the open run and reuse it; a run that already finished is followed by a new one only for an
 * alert that started after it closed (a new incident). A resolved alert starts nothing and tells the open run.
 * Anything it cannot act on is answered 200 with the reason: Alertmanager retries non-2xx answers forever.
 */
final class AlertmanagerRoute {
    private static final String ROUTE = "POST /alertmanager";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER_STATUS = "ClusterStatus";
    private static final List<String> KNOWN_SOPS = Stream.concat(Stream.of(CLUSTER_STATUS), SopNames.MUTATING.stream()).toList();

    private final WorkflowClient client;
    private final String taskQueue;
    private final RunbooksDir runbooks;
    private final GatewaySecrets secrets;
    private final StatusReportPoster reports;

    AlertmanagerRoute(WorkflowClient client, String taskQueue, RunbooksDir runbooks, GatewaySecrets secrets, StatusReportPoster reports) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.runbooks = runbooks;
        this.secrets = secrets;
        this.reports = reports;
    }

    /** What became of one alert: {@code started}, {@code reused}, {@code signalled} or {@code ignored}, and why. */
    record Outcome(String alert, String status, String outcome, String workflowId, String message) {
    }

    /** Serialized: the check for an open run and the start that follows must not interleave with a concurrent re-send. */
    synchronized void handle(Context ctx) throws Exception {
        if (secrets.text(GatewaySecrets.ALERTMANAGER_TOKEN).isEmpty()) {
            HttpReplies.text(ctx, ROUTE, GatewaySecrets.notConfigured("The Alertmanager webhook", GatewaySecrets.ALERTMANAGER_TOKEN));
            return;
        }
        final String authorization = ctx.header("Authorization");
        final String presented = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
        if (!secrets.matches(GatewaySecrets.ALERTMANAGER_TOKEN, presented)) {
            HttpReplies.text(ctx, ROUTE, new Reply(401, "missing or wrong bearer token: set http_config.authorization.credentials of"
                    + " the Alertmanager receiver to the token in " + GatewaySecrets.ALERTMANAGER_TOKEN + ". Nothing was started."));
            return;
        }
        final JsonNode payload;
        try {
            payload = JSON.readTree(ctx.body());
        } catch (IOException e) {
            HttpReplies.text(ctx, ROUTE, new Reply(400, "malformed JSON: the body must be Alertmanager's webhook payload (version 4)"));
            return;
        }
        if (payload == null || !payload.isObject() || !"4".equals(payload.path("version").asText()) || !payload.path("alerts").isArray()) {
            HttpReplies.text(ctx, ROUTE, new Reply(400, "not an Alertmanager webhook payload of version 4 (version is "
                    + (payload == null ? "missing" : payload.path("version")) + ", alerts must be a list); point a webhook_configs"
                    + " receiver of Alertmanager 0.25 or later at this URL"));
            return;
        }
        final List<Trigger> triggers;
        final Inventory inventory;
        try {
            triggers = TriggersLoader.load(runbooks.dir().resolve("triggers.yml"), KNOWN_SOPS);
            inventory = runbooks.loadInventory();
        } catch (RunbooksException e) {
            // 500: Alertmanager retries, so the alerts are acted on once the file is fixed.
            HttpReplies.text(ctx, ROUTE, new Reply(500, e.getMessage()));
            return;
        }
        final List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode alert : payload.path("alerts")) {
            outcomes.add(outcome(alert, triggers, inventory));
        }
        final ObjectNode body = JSON.createObjectNode();
        body.set("alerts", JSON.valueToTree(outcomes));
        HttpReplies.json(ctx, ROUTE, Reply.ok(outcomes.stream().map(o -> o.alert() + " " + o.outcome()).toList().toString()), body);
    }

    private Outcome outcome(JsonNode alert, List<Trigger> triggers, Inventory inventory) {
        final Map<String, String> labels = new HashMap<>();
        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        final String name = labels.getOrDefault("alertname", "");
        final String status = alert.path("status").asText();
        final Optional<Trigger> trigger = triggers.stream().filter(t -> t.matches(name, labels)).findFirst();
        if (trigger.isEmpty()) {
            return new Outcome(name, status, "ignored", null, "no rule in triggers.yml starts an SOP for alert '" + name
                    + "' with these labels; add one to act on it");
        }
        final AlertClusters.Resolution cluster = AlertClusters.of(labels, inventory);
        if (cluster.cluster().isEmpty()) {
            return new Outcome(name, status, "ignored", null, cluster.reason());
        }
        final String sop = trigger.get().sop();
        final String workflowId = "alert-" + sop + "-" + cluster.cluster().get();
        final Optional<WorkflowExecutionDescription> last = describe(workflowId);
        final boolean open = last.isPresent() && last.get().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        if ("resolved".equals(status)) {
            if (!open) {
                return new Outcome(name, status, "ignored", workflowId, "resolved; no open run to tell, nothing started");
            }
            client.newUntypedWorkflowStub(workflowId).signal("alertResolved", name + " resolved at " + alert.path("endsAt").asText());
            return new Outcome(name, status, "signalled", workflowId, "resolved; the open run was told (signal alertResolved)"
                    + " and goes on; see it with: temporal workflow query --workflow-id " + workflowId + " --type status");
        }
        if (!"firing".equals(status)) {
            return new Outcome(name, status, "ignored", null, "status must be firing or resolved");
        }
        if (open) {
            return new Outcome(name, status, "reused", workflowId, "the run for this incident is open already; nothing new started."
                    + " See it with: temporal workflow query --workflow-id " + workflowId + " --type status");
        }
        if (last.isPresent() && !startedAfter(alert.path("startsAt").asText(), last.get().getCloseTime())) {
            return new Outcome(name, status, "ignored", workflowId, "the run for this incident finished at " + last.get().getCloseTime()
                    + ", after the alert began (" + alert.path("startsAt").asText() + "); nothing new started. Its result: temporal"
                    + " workflow result --workflow-id " + workflowId);
        }
        return start(name, status, sop, cluster.cluster().get(), workflowId, alert);
    }

    private Outcome start(String name, String status, String sop, String cluster, String workflowId, JsonNode alert) {
        final ObjectNode input = JSON.createObjectNode().put("cluster", cluster);
        final String requester = "alertmanager:" + name;
        final String reason = alert.path("annotations").path("summary").asText(name + " firing since " + alert.path("startsAt").asText());
        if (!sop.equals(CLUSTER_STATUS)) {
            input.put("requestedBy", requester).put("reason", reason);
        }
        try {
            client.newUntypedWorkflowStub(sop, WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId)
                    .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                    .setStaticSummary(sop + " on " + cluster + ", requested by " + requester + ": " + reason).build()).start(input);
        } catch (WorkflowException e) {
            return new Outcome(name, status, "ignored", workflowId, "Temporal did not start it: " + Decisions.rootMessage(e));
        }
        if (sop.equals(CLUSTER_STATUS)) {
            reports.postWhenDone(workflowId, cluster, requester);
        }
        return new Outcome(name, status, "started", workflowId, sop + " started on " + cluster + "; watch it: temporal workflow query"
                + " --workflow-id " + workflowId + " --type status");
    }

    private Optional<WorkflowExecutionDescription> describe(String workflowId) {
        try {
            return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** An alert whose start cannot be read is treated as the same incident: starting nothing is the safe side. */
    private static boolean startedAfter(String startsAt, Instant closed) {
        try {
            return closed != null && OffsetDateTime.parse(startsAt).toInstant().isAfter(closed);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
