package dev.etcdsop.worker;

import io.temporal.common.interceptors.WorkerInterceptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Serves every SOP workflow and activity on one task queue until it is stopped (SIGTERM or Ctrl-C). */
@Command(name = "worker", description = "Run the worker (default).")
final class WorkerCommand implements Callable<Integer> {
    private final List<WorkerInterceptor> extraInterceptors;

    @Option(names = "--temporal-address", defaultValue = "${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}",
            description = "Temporal frontend host:port (env TEMPORAL_ADDRESS, default ${DEFAULT-VALUE}).")
    String temporalAddress;

    @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
            description = "Temporal namespace (env TEMPORAL_NAMESPACE, default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--task-queue", defaultValue = "${env:TASK_QUEUE:-etcd-sop}",
            description = "Task queue (env TASK_QUEUE, default ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--runbooks", defaultValue = "${env:RUNBOOKS_DIR:-./runbooks}",
            description = "Directory with inventory.yml and policies.yml (env RUNBOOKS_DIR, default ${DEFAULT-VALUE}).")
    Path runbooksDir;

    @Option(names = "--known-hosts", defaultValue = "${env:KNOWN_HOSTS:-${sys:user.home}/.ssh/known_hosts}",
            description = "known_hosts file that SSH host keys are checked against (env KNOWN_HOSTS, default ${DEFAULT-VALUE}).")
    Path knownHosts;

    @Option(names = "--metrics-port", defaultValue = "${env:METRICS_PORT}",
            description = "Serve Prometheus metrics on this port at /metrics (env METRICS_PORT; off when unset).")
    Integer metricsPort;

    /** The jar's worker, as picocli builds it. */
    WorkerCommand() {
        this(List.of());
    }

    /** The same worker with more interceptors: the fault-injecting worker of the tests, which the jar never builds. */
    WorkerCommand(List<WorkerInterceptor> extraInterceptors) {
        this.extraInterceptors = List.copyOf(extraInterceptors);
    }

    @Override
    public Integer call() throws InterruptedException {
        final WorkerConfig config = new WorkerConfig(temporalAddress, namespace, taskQueue, runbooksDir, knownHosts, metricsPort);
        try (SopWorker worker = SopWorker.start(config, extraInterceptors)) {
            Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "etcd-sop-worker-shutdown"));
            worker.awaitTermination();
        }
        return 0;
    }
}
