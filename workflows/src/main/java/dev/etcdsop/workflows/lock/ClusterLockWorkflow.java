package dev.etcdsop.workflows.lock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The lock of one etcd cluster: at most one mutating SOP run holds it, the others wait in FIFO order. One run per
 * cluster at a time, with the workflow id {@link #workflowId(String)}; requests start it with signal-with-start.
 */
@WorkflowInterface
public interface ClusterLockWorkflow {
    static String workflowId(String cluster) {
        return "etcd-sop-lock-" + cluster;
    }

    /** Runs while the lock is held or wanted; {@code state} is {@link LockState#free} or what continue-as-new carried. */
    @WorkflowMethod(name = "ClusterLock")
    void run(LockState state);

    @SignalMethod
    void request(LockRequest request);

    @SignalMethod
    void release(LockRelease release);

    /** Frees the lock from its holder, recorded with the approver and the reason; a signal without both is ignored. */
    @SignalMethod(description = "Frees the lock from its holder; needs {\"reason\":...,\"approver\":...}; recorded in the state query.")
    void forceRelease(ForceRelease request);

    @QueryMethod
    LockState state();
}
