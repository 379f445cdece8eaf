package dev.etcdsop.workflows.lock;

/** Tells a waiting run who holds the lock it waits for; sent again whenever the holder changes. */
public record LockQueued(String cluster, String holderWorkflowId, String holderSop) {
}
