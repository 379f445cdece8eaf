package dev.etcdsop.worker;

import io.temporal.common.interceptors.WorkerInterceptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Serves every SOP workflow and activity on one task queue until it is stopped (SIGTERM or Ctrl-C). */
@Command(name = "worker", description = "Run the worker (default).")
final class WorkerCommand implements Callable<Integer> {
    private final List<WorkerInterceptor> extraInterceptors;

    @Mixin
    TemporalOptions temporal;

    @Mixin
    QueueOptions queue;

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
        final WorkerConfig config = new WorkerConfig(temporal.temporalAddress(), temporal.namespace(), queue.taskQueue(), queue.runbooksDir(), knownHosts,
                metricsPort);
        try (SopWorker worker = SopWorker.start(config, extraInterceptors)) {
            Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "etcd-sop-worker-shutdown"));
            worker.awaitTermination();
        }
        return 0;
    }
}
