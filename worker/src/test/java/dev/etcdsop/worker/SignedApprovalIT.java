package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.testbed.CliResult;
import dev.etcdsop.worker.signing.ApprovalSigner;
import dev.etcdsop.workflows.sop.PlanHash;
import dev.etcdsop.workflows.sop.Proof;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code requireSignedApprovals} end to end: a real Temporal server, the worker jar, a real 3-member etcd. Keys are made
 * with the jar's {@code keygen}; alice's and bob's public keys are in policies.yml, mallory's is not. A RollingRestart
 * requested by carol waits for approval; an unsigned approve, one signed with mallory's key in alice's name, and one
 * signed by alice for another plan are refused and leave nothing in the history; alice's signed approval from the jar's
 * {@code approve} command is accepted and the run ends DONE with the signed decision in its history.
 */
class SignedApprovalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "signed-restart";

    @TempDir
    static Path dir;
    static SopStack stack;
    static Path aliceKey;
    static Path malloryKey;

    @BeforeAll
    static void startStack() {
        aliceKey = dir.resolve("keys/alice.key");
        malloryKey = dir.resolve("keys/mallory.key");
        final String alice = JarCommand.keygen("alice", aliceKey);
        final String bob = JarCommand.keygen("bob", dir.resolve("keys/bob.key"));
        JarCommand.keygen("mallory", malloryKey);
        stack = SopStack.start(dir, 3, 157, null, """
                default:
                  approvers: [alice, bob, carol]
                  requiredApprovals: 1
                  requesterMayApprove: false
                  approvalTimeout: 1h
                  requireSignedApprovals: true
                approverKeys:
                  alice: %s
                  bob: %s
                """.formatted(alice, bob));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void onlyASignatureByAListedKeyOverTheRunsPlanApprovesIt() throws Exception {
        stack.cli("workflow", "start", "--type", "RollingRestart", "--task-queue", "etcd-sop", "--workflow-id", RUN,
                "--input", "{\"cluster\":\"etcd\",\"requestedBy\":\"carol\",\"reason\":\"signed approvals\"}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> "AWAITING_APPROVAL".equals(stack.status(RUN).path("phase").asText()));
        final JsonNode waiting = stack.status(RUN);
        final List<String> plan = new ArrayList<>();
        waiting.path("plan").forEach(line -> plan.add(line.asText()));
        final String planHash = waiting.path("planHash").asText(PlanHash.of(plan));
        assertThat(planHash).isEqualTo(PlanHash.of(plan));

        final CliResult unsigned = stack.temporal().cli("workflow", "update", "execute", "--workflow-id", RUN, "--name", "approve",
                "--input", "{\"by\":\"alice\"}");
        assertThat(unsigned.ok()).as("unsigned approve accepted: " + unsigned.stdout()).isFalse();
        assertThat(unsigned.stdout() + unsigned.stderr()).contains("requireSignedApprovals")
                .contains("etcd-sop-worker.jar approve --workflow-id " + RUN);

        final CliResult forged = JarCommand.run(Duration.ofSeconds(60), Map.of(), "approve", "--workflow-id", RUN, "--as", "alice",
                "--key", malloryKey.toString(), "--temporal-address", stack.temporal().address());
        assertThat(forged.exitCode()).as(forged.stdout() + forged.stderr()).isEqualTo(1);
        assertThat(forged.stderr()).contains("approve refused").contains("does not verify");
        assertThat(forged.stdout()).as("the plan is shown before signing").contains("plan " + planHash + ":").contains(plan.get(0));

        final String otherPlan = "0123456789abcdef";
        final Proof forOtherPlan = ApprovalSigner.fromFile("alice", aliceKey).sign(RUN, otherPlan, "approve", "alice", null);
        final String decision = JSON.createObjectNode().put("by", "alice").put("planHash", forOtherPlan.planHash())
                .put("signedAt", forOtherPlan.signedAt()).put("signer", forOtherPlan.signer()).put("signature", forOtherPlan.signature())
                .toString();
        final CliResult wrongPlan = stack.temporal().cli("workflow", "update", "execute", "--workflow-id", RUN, "--name", "approve",
                "--input", decision);
        assertThat(wrongPlan.ok()).as("approve for another plan accepted: " + wrongPlan.stdout()).isFalse();
        assertThat(wrongPlan.stdout() + wrongPlan.stderr()).contains(otherPlan).contains(planHash);

        final CliResult notWaiting = JarCommand.run(Duration.ofSeconds(60), Map.of(), "resolve", "--workflow-id", RUN, "--action", "retry",
                "--as", "alice", "--key", aliceKey.toString(), "--temporal-address", stack.temporal().address());
        assertThat(notWaiting.exitCode()).as(notWaiting.stdout() + notWaiting.stderr()).isEqualTo(1);
        assertThat(notWaiting.stderr()).contains("resolve refused").contains("no step is waiting for an operator");

        final CliResult unknown = JarCommand.run(Duration.ofSeconds(60), Map.of(), "approve", "--workflow-id", "no-such-run", "--as", "alice",
                "--key", aliceKey.toString(), "--temporal-address", stack.temporal().address());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("no run with workflow id 'no-such-run'");

        final String historyBefore = stack.temporal().cli("workflow", "show", "--workflow-id", RUN, "--output", "json").requireOk().stdout();
        assertThat(historyBefore).as("refused updates leave no history").doesNotContainIgnoringCase("UpdateAccepted")
                .doesNotContainIgnoringCase("UPDATE_ACCEPTED").doesNotContainIgnoringCase("UPDATE_ADMITTED");
        final JsonNode stillWaiting = stack.status(RUN);
        assertThat(stillWaiting.path("phase").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(stillWaiting.path("decisions")).as("refused updates leave no decision").isEmpty();

        final CliResult approved = JarCommand.run(Duration.ofSeconds(60), Map.of("TEMPORAL_ADDRESS", stack.temporal().address()),
                "approve", "--workflow-id", RUN, "--as", "alice", "--key", aliceKey.toString(), "--comment", "checked the plan");
        assertThat(approved.exitCode()).as(approved.stdout() + approved.stderr()).isZero();

        final JsonNode result = stack.result(RUN);
        assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo("DONE");
        assertThat(result.path("decisions")).hasSize(1);
        assertThat(result.path("decisions").get(0).path("by").asText()).isEqualTo("alice");
        assertThat(result.path("decisions").get(0).path("signer").asText()).isEqualTo("alice");

        final List<JsonNode> accepted = new ArrayList<>();
        for (JsonNode event : JSON.readTree(stack.temporal().cli("workflow", "show", "--workflow-id", RUN, "--output", "json")
                .requireOk().stdout()).path("events")) {
            if (event.has("workflowExecutionUpdateAcceptedEventAttributes")) {
                accepted.add(event.path("workflowExecutionUpdateAcceptedEventAttributes"));
            }
        }
        assertThat(accepted).as("exactly the one signed approval is in the history").hasSize(1);
        final JsonNode request = accepted.get(0).path("acceptedRequest");
        assertThat(request.at("/input/name").asText()).isEqualTo("approve");
        final JsonNode input = JSON.readTree(Base64.getDecoder().decode(request.at("/input/args/payloads/0/data").asText()));
        assertThat(input.path("by").asText()).isEqualTo("alice");
        assertThat(input.path("signer").asText()).isEqualTo("alice");
        assertThat(input.path("planHash").asText()).isEqualTo(planHash);
        assertThat(input.path("signature").asText()).isNotBlank();
        System.out.println("signed approvals:\n  unsigned: " + lastLine(unsigned.stderr()) + "\n  mallory's key: " + lastLine(forged.stderr())
                + "\n  other plan: " + lastLine(wrongPlan.stderr()) + "\n  resolve while awaiting approval: "
                + lastLine(notWaiting.stderr()) + "\n  unknown run: " + lastLine(unknown.stderr()) + "\n  alice via the jar:\n" + approved.stdout().indent(4));
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
