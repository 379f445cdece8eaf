package dev.etcdsop.worker;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the worker and the gateway find Temporal and the runbooks: the same flags and environment for both. */
public final class TemporalOptions {
    @Option(names = "--temporal-address", defaultValue = "${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}",
            description = "Temporal frontend host:port (env TEMPORAL_ADDRESS, default ${DEFAULT-VALUE}).")
    String temporalAddress;

    @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
            description = "Temporal namespace (env TEMPORAL_NAMESPACE, default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--task-queue", defaultValue = "${env:TASK_QUEUE:-etcd-sop}",
            description = "Task queue of the SOP workers (env TASK_QUEUE, default ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--runbooks", defaultValue = "${env:RUNBOOKS_DIR:-./runbooks}",
            description = "Directory with inventory.yml, policies.yml and triggers.yml (env RUNBOOKS_DIR, default ${DEFAULT-VALUE}).")
    Path runbooksDir;

    public String temporalAddress() {
        return temporalAddress;
    }

    public String namespace() {
        return namespace;
    }

    public String taskQueue() {
        return taskQueue;
    }

    public Path runbooksDir() {
        return runbooksDir;
    }
}
