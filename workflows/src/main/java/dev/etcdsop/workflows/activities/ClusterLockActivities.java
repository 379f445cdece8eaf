package dev.etcdsop.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** Calls to the Temporal service that the cluster lock needs and workflow code cannot make itself. */
@ActivityInterface
public interface ClusterLockActivities {
    /** Signal-with-start of the cluster's lock workflow with a request of the given run; safe to repeat. */
    void requestLock(String cluster, String workflowId, String runId, String sop);

    /** Whether the given run still runs; a run the server no longer knows does not. */
    boolean isRunning(String workflowId, String runId);
}
