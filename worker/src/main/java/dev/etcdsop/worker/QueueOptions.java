package dev.etcdsop.worker;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The SOPs' task queue and the runbooks directory: the same flags and environment for the worker and the gateway. */
public final class QueueOptions {
    @Option(names = "--task-queue", defaultValue = "${env:TASK_QUEUE:-etcd-sop}",
            description = "Task queue of the SOP workers (env TASK_QUEUE, default ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--runbooks", defaultValue = "${env:RUNBOOKS_DIR:-./runbooks}",
            description = "Directory with inventory.yml, policies.yml and triggers.yml (env RUNBOOKS_DIR, default ${DEFAULT-VALUE}).")
    Path runbooksDir;

    public String taskQueue() {
        return taskQueue;
    }

    public Path runbooksDir() {
        return runbooksDir;
    }
}
