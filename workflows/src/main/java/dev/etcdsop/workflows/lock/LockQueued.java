package dev.etcdsop.workflows.lock;

/**
 * Tells a waiting run who holds the lock it waits for, and since when (ISO-8601, null before release 4); sent again
 * whenever the holder changes.
 */
public record LockQueued(String cluster, String holderWorkflowId, String holderSop, String heldSince) {
    public LockQueued(String cluster, String holderWorkflowId, String holderSop) {
        this(cluster, holderWorkflowId, holderSop, null);
    }
}
