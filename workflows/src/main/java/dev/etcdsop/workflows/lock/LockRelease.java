package dev.etcdsop.workflows.lock;

/** The holder gives the lock back, or a waiting run leaves the queue. */
public record LockRelease(String workflowId, String runId) {
}
