package dev.etcdsop.worker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.runbooks.Inventory;
import dev.etcdsop.runbooks.RunbooksDir;
import dev.etcdsop.runbooks.RunbooksException;
import dev.etcdsop.workflows.SopNames;
import dev.etcdsop.workflows.cluster.ClusterWorkflows;
import dev.etcdsop.workflows.membership.MembershipWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The chat command, the same on Slack and Mattermost: {@code status <cluster>} runs ClusterStatus and answers with its
 * report; {@code <sop> <cluster> [member] [reason...]} starts that SOP requested by the approver the chat user maps to.
 * Everything is checked (SOP, cluster, arguments, who asks) before anything starts.
 */
final class ChatCommands {
    static final String USAGE = "usage: status <cluster> | <sop> <cluster> [member] [reason...]";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MEMBER_SOPS = List.of(MembershipWorkflows.ADD, MembershipWorkflows.REMOVE,
            MembershipWorkflows.CLEAN, MembershipWorkflows.PURGE);
    /** A ConfigChange needs its settings as JSON: the CLI is the place for that. */
    private static final List<String> CHAT_SOPS = SopNames.MUTATING.stream().filter(s -> !s.equals(ClusterWorkflows.CONFIG_CHANGE)).toList();
    /** Long enough for a healthy cluster's report (about 0.2 s), short enough for Slack's 3 s acknowledgement limit. */
    private static final Duration STATUS_WAIT = Duration.ofSeconds(2);

    private final WorkflowClient client;
    private final String taskQueue;
    private final RunbooksDir runbooks;
    private final ChatIdentities identities;

    ChatCommands(WorkflowClient client, String taskQueue, RunbooksDir runbooks, ChatIdentities identities) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.runbooks = runbooks;
        this.identities = identities;
    }

    /**
     * Runs {@code text} for {@code via} ({@code slack:U024BE7LH}); returns the immediate answer. A status report that is not
     * ready within two seconds is handed to {@code later} once it is.
     */
    Reply run(String via, String text, Consumer<String> later) {
        final List<String> words = text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
        if (words.isEmpty()) {
            return new Reply(400, "missing arguments; " + USAGE + ". SOPs: " + String.join(", ", CHAT_SOPS));
        }
        if (words.get(0).equals("status")) {
            if (words.size() != 2) {
                return new Reply(400, "status needs exactly one cluster name; " + USAGE);
            }
            return cluster(words.get(1)).map(bad -> new Reply(400, bad)).orElseGet(() -> status(words.get(1), later));
        }
        final String sop = words.get(0);
        if (!CHAT_SOPS.contains(sop)) {
            return new Reply(400, "unknown SOP '" + sop + "'" + (sop.equals(ClusterWorkflows.CONFIG_CHANGE)
                    ? ": ConfigChange needs its settings as JSON, start it with the temporal CLI (see the README)"
                    : "; SOPs: " + String.join(", ", CHAT_SOPS) + ". " + USAGE));
        }
        final boolean needsMember = MEMBER_SOPS.contains(sop);
        if (words.size() < (needsMember ? 3 : 2)) {
            return new Reply(400, "missing arguments: " + sop + " needs a cluster" + (needsMember ? " and a member" : "") + "; usage: "
                    + sop + " <cluster>" + (needsMember ? " <member>" : "") + " [reason...]");
        }
        final Optional<String> badCluster = cluster(words.get(1));
        if (badCluster.isPresent()) {
            return new Reply(400, badCluster.get());
        }
        final Optional<String> requester = identities.approver(via);
        if (requester.isEmpty()) {
            return new Reply(403, "you (" + via + ") are not in policies.yml identities, so a run cannot name who requested it; ask"
                    + " an etcd-sop admin to add \"" + via + "\": <your approver name>. Nothing was started.");
        }
        final String member = needsMember ? words.get(2) : null;
        final List<String> rest = words.subList(needsMember ? 3 : 2, words.size());
        return start(sop, words.get(1), member, requester.get(), rest.isEmpty() ? "from chat (" + via + ")" : String.join(" ", rest));
    }

    /** Why {@code name} is not a cluster of the inventory, or empty when it is. */
    private Optional<String> cluster(String name) {
        final Inventory inventory;
        try {
            inventory = runbooks.loadInventory();
        } catch (RunbooksException e) {
            return Optional.of("the inventory cannot be read: " + e.getMessage());
        }
        return inventory.cluster(name).isPresent() ? Optional.empty()
                : Optional.of("unknown cluster '" + name + "'; the inventory declares " + String.join(", ", inventory.clusterNames()));
    }

    private Reply start(String sop, String cluster, String member, String requester, String reason) {
        final String workflowId = sop + "-" + cluster + (member == null ? "" : "-" + member) + "-" + Instant.now().toEpochMilli();
        final ObjectNode input = JSON.createObjectNode().put("cluster", cluster);
        if (member != null) {
            input.put("member", member);
        }
        input.put("requestedBy", requester).put("reason", reason);
        try {
            client.newUntypedWorkflowStub(sop, WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId)
                    .setStaticSummary(sop + " on " + cluster + (member == null ? "" : " (" + member + ")") + ", requested by " + requester
                            + ": " + reason).build()).start(input);
        } catch (WorkflowException e) {
            return new Reply(502, "Temporal did not start " + sop + ": " + Decisions.rootMessage(e) + "; try again or use the temporal CLI");
        }
        return Reply.ok("Started " + sop + " on " + cluster + (member == null ? "" : " for " + member) + ", requested by " + requester
                + ": workflow id " + workflowId + ". It shows its plan and waits for approval by someone else in policies.yml (the"
                + " notification's Approve button, or temporal workflow update execute --workflow-id " + workflowId
                + " --name approve --input '{\"by\":\"<name>\"}'). Watch it: temporal workflow query --workflow-id " + workflowId
                + " --type status");
    }

    private Reply status(String cluster, Consumer<String> later) {
        final String workflowId = "status-" + cluster + "-" + Instant.now().toEpochMilli();
        final WorkflowStub run = client.newUntypedWorkflowStub("ClusterStatus",
                WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
        try {
            run.start(JSON.createObjectNode().put("cluster", cluster));
            return Reply.ok(report(run.getResult(STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS, JsonNode.class)));
        } catch (TimeoutException notYet) {
            run.getResultAsync(JsonNode.class).thenAccept(result -> later.accept(report(result)))
                    .exceptionally(e -> {
                        later.accept("ClusterStatus of " + cluster + " failed: " + Decisions.rootMessage(e));
                        return null;
                    });
            return Reply.ok("ClusterStatus of " + cluster + " is running (workflow id " + workflowId + "); the report follows here."
                    + " Or: temporal workflow result --workflow-id " + workflowId);
        } catch (WorkflowException e) {
            return new Reply(502, "ClusterStatus of " + cluster + " failed: " + Decisions.rootMessage(e));
        }
    }

    private static String report(JsonNode result) {
        final StringBuilder text = new StringBuilder("```\n");
        result.path("report").forEach(line -> text.append(line.asText()).append('\n'));
        return text.append("```").toString();
    }
}
