package dev.etcdsop.workflows.sop;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * What every mutating SOP answers besides its workflow method: the {@code status} query and the
 * {@code approve}, {@code reject} and {@code resolve} updates. Validators reject bad calls before they reach
 * history, with a message saying why.
 */
public interface SopControls {
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
