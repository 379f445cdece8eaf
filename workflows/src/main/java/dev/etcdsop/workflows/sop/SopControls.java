package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.lock.LockHolderSignals;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * What every mutating SOP answers besides its workflow method: the {@code status} query and the
 * {@code approve}, {@code reject} and {@code resolve} updates, and the cluster lock's signals. Validators reject bad calls before they reach
 * history, with a message saying why.
 */
public interface SopControls extends LockHolderSignals {
    @QueryMethod
    SopStatus status();

    @UpdateMethod
    String approve(Decision decision);

    @UpdateValidatorMethod(updateName = "approve")
    void validateApprove(Decision decision);

    @UpdateMethod
    String reject(Decision decision);

    @UpdateValidatorMethod(updateName = "reject")
    void validateReject(Decision decision);

    @UpdateMethod
    String resolve(Resolution resolution);

    @UpdateValidatorMethod(updateName = "resolve")
    void validateResolve(Resolution resolution);
}
