package dev.etcdsop.workflows.activities;

import dev.etcdsop.workflows.lock.LockRequest;
import dev.etcdsop.workflows.lock.OpenRun;
import io.temporal.activity.ActivityInterface;

/** Calls to the Temporal service that the cluster lock needs and workflow code cannot make itself. */
@ActivityInterface
public interface ClusterLockActivities {
    /** Signal-with-start of the cluster's lock workflow with a request of the given run; safe to repeat. Release 3. */
    void requestLock(String cluster, String workflowId, String runId, String sop);

    /** Signal-with-start of the cluster's lock workflow with {@code request}; safe to repeat. Release 4. */
    void submitLockRequest(String cluster, LockRequest request);

    /** Whether the given run still runs; a run the server no longer knows does not. The liveness check of release 3. */
    boolean isRunning(String workflowId, String runId);

    /** The run of {@code workflowId} that is open now, or null when none is. The liveness check of release 4. */
    OpenRun openRun(String workflowId);
}
