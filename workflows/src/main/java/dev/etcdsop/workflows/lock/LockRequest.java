package dev.etcdsop.workflows.lock;

/** A run asks for its cluster's lock; {@code sop} is shown to the runs that queue behind it. */
public record LockRequest(String workflowId, String runId, String sop) {
    boolean sameRun(String otherWorkflowId, String otherRunId) {
        return workflowId.equals(otherWorkflowId) && runId.equals(otherRunId);
    }
}
