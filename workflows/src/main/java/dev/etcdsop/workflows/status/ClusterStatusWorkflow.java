package dev.etcdsop.workflows.status;

import dev.etcdsop.workflows.request.RawRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Read-only status of a cluster; never waits for the cluster lock. */
@WorkflowInterface
public interface ClusterStatusWorkflow {
    @WorkflowMethod(name = "ClusterStatus")
    ClusterStatusReport status(RawRequest<ClusterStatusRequest> request);
}
