package dev.etcdsop.workflows.lock;

import io.temporal.workflow.SignalMethod;

/**
 * The signals the lock workflow sends to the runs that request it. Every SOP workflow interface that takes the
 * cluster lock extends this and delegates them to its {@link ClusterLock}.
 */
public interface LockHolderSignals {
    @SignalMethod(description = "Sent by this cluster's ClusterLock workflow when the run holds the lock; not for people.")
    void lockGranted(LockGrant grant);

    @SignalMethod(description = "Sent by this cluster's ClusterLock workflow while the run waits behind another; not for people.")
    void lockQueued(LockQueued queued);

    @SignalMethod(description = "Sent by this cluster's ClusterLock workflow when an operator force-released the run's lock; not for people.")
    void lockRevoked(LockRevoked revoked);
}
