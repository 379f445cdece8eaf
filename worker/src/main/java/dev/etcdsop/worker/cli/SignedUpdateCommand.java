package dev.etcdsop.worker.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.worker.TemporalOptions;
import dev.etcdsop.worker.signing.ApprovalSigner;
import dev.etcdsop.workflows.sop.PlanHash;
import dev.etcdsop.workflows.sop.Proof;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.TemporalFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What {@code approve}, {@code reject} and {@code resolve} share: read the run's plan with the {@code status} query,
 * sign the decision over the workflow id and the plan hash with the approver's own key, and send the same update the
 * temporal CLI sends. Exit 0 when the run accepted it; 1 when it was refused (the run's own reason is printed), the
 * run does not exist, or the key cannot be read.
 */
abstract class SignedUpdateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--workflow-id", required = true, description = "The run, e.g. quota-etcd-1 (temporal workflow list shows them).")
    String workflowId;

    @Option(names = "--as", required = true, description = "Who decides, as policies.yml names approvers, e.g. alice.")
    String by;

    @Option(names = "--key", required = true, description = "Your Ed25519 private key (PKCS#8 PEM), made by keygen or openssl genpkey;"
            + " its public key is yours in policies.yml approverKeys.")
    String key;

    @Option(names = "--comment", description = "Why, kept in the run's history with the decision.")
    String comment;

    @Mixin
    TemporalOptions temporal;

    @Spec
    CommandSpec spec;

    /** The update's name: approve, reject or resolve. */
    abstract String updateName();

    /** The decision the signature covers: approve, reject, retry, skip or abort. */
    abstract String decision();

    /** The update's input without its proof fields: {@code by} and {@code comment}, and {@code action} for resolve. */
    ObjectNode request() {
        final ObjectNode body = JSON.createObjectNode();
        body.put("by", by);
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    @Override
    public final Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.temporal")).setLevel(Level.WARN);
        final ApprovalSigner signer;
        try {
            signer = ApprovalSigner.fromFile(by, KeygenCommand.expandHome(key));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        final WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.temporalAddress()).build());
        try {
            final WorkflowClient client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(temporal.namespace()).build());
            final WorkflowStub run = client.newUntypedWorkflowStub(workflowId);
            final JsonNode status = run.query("status", JsonNode.class);
            final String planHash = planHash(status);
            out.println(status.path("sop").asText("run") + " " + workflowId + " on " + status.path("cluster").asText("?") + ", requested by "
                    + status.path("requestedBy").asText("?") + ", phase " + status.path("phase").asText("?"));
            out.println("plan " + planHash + ":");
            status.path("plan").forEach(line -> out.println("  " + line.asText()));
            final Proof proof = signer.sign(workflowId, planHash, decision(), by, null);
            final ObjectNode body = request();
            body.put("planHash", proof.planHash()).put("signedAt", proof.signedAt()).put("signer", proof.signer())
                    .put("signature", proof.signature());
            out.println(updateName() + " as " + by + ", signed at " + proof.signedAt() + " with " + key);
            out.flush();
            final String answer = run.update(updateName(), String.class, body);
            out.println(answer);
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            if (notFound(e)) {
                err.println("no run with workflow id '" + workflowId + "' in namespace " + temporal.namespace() + " at " + temporal.temporalAddress()
                        + "; find it with: temporal workflow list --query 'ExecutionStatus=\"Running\"'");
            } else {
                err.println(updateName() + " refused: " + reason(e));
            }
            err.flush();
            return 1;
        } finally {
            service.shutdownNow();
        }
    }

    /** The hash the run shows; runs whose status has no planHash yet have the same hash over the same plan lines. */
    static String planHash(JsonNode status) {
        final String shown = status.path("planHash").asText("");
        if (!shown.isBlank()) {
            return shown;
        }
        final List<String> lines = new ArrayList<>();
        status.path("plan").forEach(line -> lines.add(line.asText()));
        return PlanHash.of(lines);
    }

    private static boolean notFound(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof WorkflowNotFoundException
                    || t instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }

    /** The run's own message (a validator's refusal, a failure), not the SDK's wrapping of it. */
    static String reason(Throwable e) {
        String found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TemporalFailure failure && failure.getOriginalMessage() != null && !failure.getOriginalMessage().isBlank()) {
                found = failure.getOriginalMessage();
            } else if (t instanceof StatusRuntimeException grpc && found == null) {
                found = grpc.getStatus().getCode() + ": " + grpc.getStatus().getDescription();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found != null ? found : String.valueOf(e.getMessage());
    }
}
