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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What an end-to-end test stands on, as a user's machine would have it: a real etcd cluster, a real Temporal dev
 * server, the worker jar as its own process, and the temporal CLI to drive runs. Closed in reverse order.
 */
final class SopStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    /** Null when the stack stands on a test bed that its caller owns ({@link #over}). */
    private final EtcdTestCluster etcd;
    private final Path runbooksDir;
    private final Map<String, String> workerEnv;
    private final TemporalDevServer temporal;
    private WorkerProcess worker;
    private int workerStarts;

    private SopStack(Path dir, EtcdTestCluster etcd, Path runbooksDir, Map<String, String> workerEnv, TemporalDevServer temporal) {
        this.dir = dir;
        this.etcd = etcd;
        this.runbooksDir = runbooksDir;
        this.workerEnv = Map.copyOf(workerEnv);
        this.temporal = temporal;
    }

    /** {@code policies}: the runbooks' policies.yml, or null for none. */
    static SopStack start(Path dir, int size, int firstAddress, Long quotaBytes, String policies) {
        return start(dir, size, firstAddress, quotaBytes, policies, Map.of());
    }

    /** As {@link #start(Path, int, int, Long, String)}, with {@code workerEnv} in every worker's environment (notify channels). */
    static SopStack start(Path dir, int size, int firstAddress, Long quotaBytes, String policies, Map<String, String> workerEnv) {
        final EtcdTestCluster etcd = EtcdTestCluster.start(dir.resolve("etcd"), size, firstAddress, quotaBytes);
        try {
            if (policies != null) {
                Files.writeString(etcd.runbooksDir().resolve("policies.yml"), policies);
            }
            final SopStack stack = new SopStack(dir, etcd, etcd.runbooksDir(), workerEnv, TemporalDevServer.start(dir.resolve("temporal")));
            stack.startWorker();
            return stack;
        } catch (IOException | RuntimeException e) {
            etcd.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * A Temporal dev server and the worker over nodes that the caller started and closes itself (etcd reached over
     * SSH, PostgreSQL hosts): the worker reads {@code runbooksDir} and trusts the host keys in {@code knownHosts},
     * as a worker pointed at real hosts does. {@link #etcd()} is null on such a stack.
     */
    static SopStack over(Path dir, Path runbooksDir, Path knownHosts) {
        final TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"));
        try {
            final SopStack stack = new SopStack(dir, null, runbooksDir, Map.of("KNOWN_HOSTS", knownHosts.toString()), temporal);
            stack.startWorker();
            return stack;
        } catch (RuntimeException e) {
            temporal.close();
            throw e;
        }
    }

    EtcdTestCluster etcd() {
        return etcd;
    }

    TemporalDevServer temporal() {
        return temporal;
    }

    void startWorker() {
        worker = WorkerProcess.start(nextLog(), env(Map.of()));
    }

    /**
     * Stops the running worker and starts one launched by {@code javaArgs} (what follows {@code java}) with
     * {@code extraEnv} on top of the stack's environment: the fault-injecting worker of {@code FaultMatrixIT}.
     */
    WorkerProcess replaceWorker(List<String> javaArgs, Map<String, String> extraEnv) {
        worker.close();
        worker = WorkerProcess.start(nextLog(), env(extraEnv), javaArgs);
        return worker;
    }

    private Map<String, String> env(Map<String, String> extra) {
        final Map<String, String> env = new HashMap<>(workerEnv);
        env.putAll(extra);
        env.put("TEMPORAL_ADDRESS", temporal.address());
        env.put("RUNBOOKS_DIR", runbooksDir.toString());
        return env;
    }

    /** A log per process: a restarted worker appending to its predecessor's log would find "serving" at once. */
    private Path nextLog() {
        return dir.resolve("worker-" + (++workerStarts) + ".log");
    }

    /** The logs of every worker process this stack started, oldest first. */
    List<Path> workerLogs() {
        return IntStream.rangeClosed(1, workerStarts).mapToObj(i -> dir.resolve("worker-" + i + ".log")).toList();
    }

    /** SIGKILL, as a crash or the OOM killer would, then a new worker process. */
    void crashAndRestartWorker() {
        worker.kill();
        startWorker();
    }

    void cli(String... args) {
        temporal.cli(args).requireOk();
    }

    /** The workflow ids of the runs {@code temporal workflow list --query} finds. */
    String list(String query) {
        return temporal.cli("workflow", "list", "--query", query).requireOk().stdout();
    }

    /** The {@code status} query's answer, or an empty object while the run cannot answer yet. */
    JsonNode status(String workflowId) throws IOException {
        return query(workflowId, "status");
    }

    /** The answer of the query {@code type}, or an empty object while the run cannot answer yet. */
    JsonNode query(String workflowId, String type) throws IOException {
        final CliResult out = temporal.cli("workflow", "query", "--workflow-id", workflowId, "--type", type, "--output", "json");
        return out.ok() ? JSON.readTree(out.stdout()).path("queryResult").path(0) : JSON.createObjectNode();
    }

    /** The run id of the open (or latest) run of {@code workflowId}. */
    String runId(String workflowId) throws IOException {
        final CliResult out = temporal.cli("workflow", "describe", "--workflow-id", workflowId, "--output", "json").requireOk();
        return JSON.readTree(out.stdout()).path("workflowExecutionInfo").path("execution").path("runId").asText();
    }

    /** Waits for the run to end and returns its result as {@code temporal workflow result} prints it. */
    JsonNode result(String workflowId) throws IOException {
        final CliResult out = temporal.cli(Duration.ofSeconds(300), "workflow", "result", "--workflow-id", workflowId, "--output", "json")
                .requireOk();
        return JSON.readTree(out.stdout()).get("result");
    }

    @Override
    public void close() {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            try {
                temporal.close();
            } finally {
                if (etcd != null) {
                    etcd.close();
                }
            }
        }
    }
}
