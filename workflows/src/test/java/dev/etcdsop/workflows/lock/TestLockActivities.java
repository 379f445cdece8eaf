package dev.etcdsop.workflows.lock;

import dev.etcdsop.workflows.activities.ClusterLockActivities;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowTargetOptions;

/** Does what the worker's implementation does, through the test environment's client, so the real lock runs. */
public final class TestLockActivities implements ClusterLockActivities {
    private final WorkflowClient client;
    private final String taskQueue;

    public TestLockActivities(WorkflowClient client, String taskQueue) {
        this.client = client;
        this.taskQueue = taskQueue;
    }

    @Override
    public void requestLock(String cluster, String workflowId, String runId, String sop) {
        submitLockRequest(cluster, new LockRequest(workflowId, runId, sop));
    }

    @Override
    public void submitLockRequest(String cluster, LockRequest request) {
        // The lock workflow runs on this worker's task queue; a lock run that completed is replaced by a new one.
        final ClusterLockWorkflow lock = client.newWorkflowStub(ClusterLockWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ClusterLockWorkflow.workflowId(cluster))
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
        final BatchRequest batch = client.newSignalWithStartRequest();
        batch.add(lock::run, LockState.free(cluster));
        batch.add(lock::request, request);
        client.signalWithStart(batch);
    }

    @Override
    public boolean isRunning(String workflowId, String runId) {
        try {
            final WorkflowTargetOptions run = WorkflowTargetOptions.newBuilder()
                    .setWorkflowId(workflowId).setRunId(runId).build();
            return client.newUntypedWorkflowStub(run).describe().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (WorkflowNotFoundException e) {
            return false;
        }
    }

    @Override
    public OpenRun openRun(String workflowId) {
        try {
            final WorkflowExecutionDescription latest = client.newUntypedWorkflowStub(workflowId).describe();
            return latest.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                    ? new OpenRun(latest.getExecution().getRunId(), latest.getFirstRunId()) : null;
        } catch (WorkflowNotFoundException e) {
            return null;
        }
    }
}
