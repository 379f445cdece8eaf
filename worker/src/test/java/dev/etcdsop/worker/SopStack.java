package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.testbed.CliResult;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.TemporalDevServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What an end-to-end test stands on, as a user's machine would have it: a real etcd cluster, a real Temporal dev
 * server, the worker jar as its own process, and the temporal CLI to drive runs. Closed in reverse order.
 */
final class SopStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final EtcdTestCluster etcd;
    private final TemporalDevServer temporal;
    private WorkerProcess worker;
    private int workerStarts;

    private SopStack(Path dir, EtcdTestCluster etcd, TemporalDevServer temporal) {
        this.dir = dir;
        this.etcd = etcd;
        this.temporal = temporal;
    }

    /** {@code policies}: the runbooks' policies.yml, or null for none. */
    static SopStack start(Path dir, int size, int firstAddress, Long quotaBytes, String policies) {
        final EtcdTestCluster etcd = EtcdTestCluster.start(dir.resolve("etcd"), size, firstAddress, quotaBytes);
        try {
            if (policies != null) {
                Files.writeString(etcd.runbooksDir().resolve("policies.yml"), policies);
            }
            final SopStack stack = new SopStack(dir, etcd, TemporalDevServer.start(dir.resolve("temporal")));
            stack.startWorker();
            return stack;
        } catch (IOException | RuntimeException e) {
            etcd.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    EtcdTestCluster etcd() {
        return etcd;
    }

    TemporalDevServer temporal() {
        return temporal;
    }

    /** A log per process: a restarted worker appending to its predecessor's log would find "serving" at once. */
    void startWorker() {
        worker = WorkerProcess.start(dir.resolve("worker-" + (++workerStarts) + ".log"), Map.of(
                "TEMPORAL_ADDRESS", temporal.address(),
                "RUNBOOKS_DIR", etcd.runbooksDir().toString()));
    }

    /** SIGKILL, as a crash or the OOM killer would, then a new worker process. */
    void crashAndRestartWorker() {
        worker.kill();
        startWorker();
    }

    void cli(String... args) {
        temporal.cli(args).requireOk();
    }

    /** The {@code status} query's answer, or an empty object while the run cannot answer yet. */
    JsonNode status(String workflowId) throws IOException {
        final CliResult out = temporal.cli("workflow", "query", "--workflow-id", workflowId, "--type", "status", "--output", "json");
        return out.ok() ? JSON.readTree(out.stdout()).path("queryResult").path(0) : JSON.createObjectNode();
    }

    /** Waits for the run to end and returns its result as {@code temporal workflow result} prints it. */
    JsonNode result(String workflowId) throws IOException {
        final CliResult out = temporal.cli(Duration.ofSeconds(300), "workflow", "result", "--workflow-id", workflowId, "--output", "json")
                .requireOk();
        return JSON.readTree(out.stdout()).get("result");
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        temporal.close();
        etcd.close();
    }
}
