package dev.etcdsop.worker.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.worker.signing.ApprovalSigner;
import dev.etcdsop.workflows.sop.Proof;
import dev.etcdsop.workflows.sop.SopStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Optional;

/**
 * A chat button pressed (Slack or Mattermost): who pressed it becomes an approver name through {@link ChatIdentities},
 * the run's current plan hash is read with the {@code status} query, the decision is signed with the gateway's key and
 * sent as the {@code approve}, {@code reject} or {@code resolve} update. The run's own validator has the last word
 * (policy, four-eyes, a finished run, another plan); its refusal is passed on verbatim.
 */
final class Decisions {
    static final List<String> ACTIONS = List.of("approve", "reject", "retry", "skip", "abort");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowClient client;
    private final ChatIdentities identities;
    /** Empty when GATEWAY_KEY_FILE is not set: chat decisions are then refused, starts and alerts still work. */
    private final Optional<ApprovalSigner> signer;

    Decisions(WorkflowClient client, ChatIdentities identities, Optional<ApprovalSigner> signer) {
        this.client = client;
        this.identities = identities;
        this.signer = signer;
    }

    /** {@code via}: the chat identity ({@code slack:U024BE7LH}); {@code channel}: where the button was pressed. */
    Reply decide(String via, String workflowId, String action, String channel) {
        if (action == null || !ACTIONS.contains(action)) {
            return new Reply(400, "unknown action '" + action + "'; the buttons send one of " + ACTIONS);
        }
        if (workflowId == null || workflowId.isBlank()) {
            return new Reply(400, "the button names no workflow id; use the buttons of a current etcd-sop notification");
        }
        final Optional<String> approver = identities.approver(via);
        if (approver.isEmpty()) {
            return new Reply(403, "you (" + via + ") are not an approver: policies.yml identities has no entry for you. Ask an"
                    + " etcd-sop admin to add \"" + via + "\": <your approver name>");
        }
        if (signer.isEmpty()) {
            return GatewaySecrets.notConfigured("Signing chat decisions", GatewaySecrets.GATEWAY_KEY);
        }
        final WorkflowStub run = client.newUntypedWorkflowStub(workflowId);
        final SopStatus status;
        try {
            status = run.query("status", SopStatus.class);
        } catch (WorkflowNotFoundException e) {
            return new Reply(404, "no run has the workflow id " + workflowId + "; list the open ones with: temporal workflow list"
                    + " --query 'ExecutionStatus=\"Running\"'");
        } catch (WorkflowException e) {
            return new Reply(409, "the run " + workflowId + " cannot show its plan (" + rootMessage(e) + "); nothing was recorded");
        }
        final Proof proof = signer.get().sign(workflowId, status.planHash(), action, approver.get(), via);
        final boolean decision = action.equals("approve") || action.equals("reject");
        final ObjectNode input = JSON.createObjectNode();
        if (!decision) {
            input.put("action", action);
        }
        input.put("by", proof.by()).put("comment", "via " + via).put("planHash", proof.planHash()).put("signedAt", proof.signedAt())
                .put("signer", proof.signer()).put("signature", proof.signature()).put("via", via).put("channel", channel);
        try {
            final String answer = run.update(decision ? action : "resolve", String.class, input);
            return Reply.ok(approver.get() + ": " + answer);
        } catch (WorkflowUpdateException e) {
            return new Reply(409, "refused by the run " + workflowId + ": " + rootMessage(e) + "; nothing was recorded");
        } catch (WorkflowNotFoundException e) {
            return new Reply(409, "the run " + workflowId + " has already finished (" + status.phase() + "); there is nothing to "
                    + action + ". See its result: temporal workflow result --workflow-id " + workflowId);
        } catch (WorkflowException e) {
            return new Reply(409, "the run " + workflowId + " did not take the " + action + ": " + rootMessage(e));
        }
    }

    /** The validator's own words: the innermost failure's message without Temporal's wrapping. */
    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure failure ? failure.getOriginalMessage() : cause.getMessage();
    }
}
