package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.lock.LockHolderSignals;
import dev.etcdsop.workflows.request.RawRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * What every mutating SOP answers besides its workflow method: the {@code status} query and the
 * {@code approve}, {@code reject} and {@code resolve} updates, and the cluster lock's signals. Validators reject bad calls
 * before they reach history, with a message saying why; the updates take the raw JSON so that a misspelt field is
 * refused by name instead of dropped.
 */
public interface SopControls extends LockHolderSignals {
    @QueryMethod(description = "Where the run is: phase, current step, the plan, decisions so far, what it waits for"
            + " (approval, the cluster lock, an operator), and the exact command to continue.")
    SopStatus status();

    @UpdateMethod(description = "Approve the plan shown by the status query: {\"by\":\"bob\",\"comment\":\"...\"}. Who may"
            + " approve, and how many approvals are needed, is set in policies.yml.")
    String approve(RawRequest<Decision> decision);

    @UpdateValidatorMethod(updateName = "approve")
    void validateApprove(RawRequest<Decision> decision);

    @UpdateMethod(description = "Reject the plan: the run ends with nothing changed. {\"by\":\"bob\",\"comment\":\"why\"}")
    String reject(RawRequest<Decision> decision);

    @UpdateValidatorMethod(updateName = "reject")
    void validateReject(RawRequest<Decision> decision);

    @UpdateMethod(description = "Decide for a step that needs an operator (phase NEEDS_OPERATOR): retry it, skip it, or"
            + " abort the run. {\"action\":\"retry|skip|abort\",\"by\":\"bob\",\"comment\":\"...\"}")
    String resolve(RawRequest<Resolution> resolution);

    @UpdateValidatorMethod(updateName = "resolve")
    void validateResolve(RawRequest<Resolution> resolution);

    /** Sent by the chat gateway when the alert that started this run resolves: a line in the run's thread, nothing else. */
    @SignalMethod
    void alertResolved(String note);
}
