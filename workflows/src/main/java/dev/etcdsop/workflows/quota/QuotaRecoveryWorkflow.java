package dev.etcdsop.workflows.quota;

import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.SopControls;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The "mvcc: database space exceeded" runbook: compact, defragment one member at a time, disarm, verify. */
@WorkflowInterface
public interface QuotaRecoveryWorkflow extends SopControls {
    String SOP = "QuotaRecovery";

    @WorkflowMethod(name = SOP)
    QuotaRecoveryResult recover(RawRequest<QuotaRecoveryRequest> request);
}
