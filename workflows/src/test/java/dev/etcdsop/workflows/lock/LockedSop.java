package dev.etcdsop.workflows.lock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The smallest mutating SOP: takes the cluster lock, holds it until told to finish. */
@WorkflowInterface
public interface LockedSop extends LockHolderSignals {
    @WorkflowMethod(name = "LockedSop")
    String run(String cluster);

    @SignalMethod
    void finish();

    @QueryMethod
    String status();
}
