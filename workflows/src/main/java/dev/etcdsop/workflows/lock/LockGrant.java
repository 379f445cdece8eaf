package dev.etcdsop.workflows.lock;

/** Tells a requesting run that it now holds the lock of {@code cluster}. */
public record LockGrant(String cluster) {
}
