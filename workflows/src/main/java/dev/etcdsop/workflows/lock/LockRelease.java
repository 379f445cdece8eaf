package dev.etcdsop.workflows.lock;

/**
 * The holder gives the lock back, or a waiting run leaves the queue. {@code firstRunId} (null before release 4)
 * lets a reset run release what its chain holds.
 */
public record LockRelease(String workflowId, String runId, String firstRunId) {
    public LockRelease(String workflowId, String runId) {
        this(workflowId, runId, null);
    }
}
