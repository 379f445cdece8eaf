package dev.etcdsop.workflows.lock;

import io.temporal.workflow.SignalMethod;

/**
 * The signals the lock workflow sends to the runs that request it. Every SOP workflow interface that takes the
 * cluster lock extends this and delegates both to its {@link ClusterLock}.
 */
public interface LockHolderSignals {
    @SignalMethod
    void lockGranted(LockGrant grant);

    @SignalMethod
    void lockQueued(LockQueued queued);
}
