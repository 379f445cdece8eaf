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

    @QueryMethod
    LockState state();
}
