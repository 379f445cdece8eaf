package dev.etcdsop.workflows.lock;

/** Tells the holder that an operator force-released its lock; it must take the lock again before it changes anything. */
public record LockRevoked(String cluster, String approver, String reason) {
}
