package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.SopPolicy;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What every planned SOP passes between its plan and its first change: a refusal ends the run (nothing changed), a dry
 * run ends with its plan, otherwise the policy's approval; empty means go ahead. Workflow code.
 */
public final class PlanGate {
    private PlanGate() {
    }

    /** {@code finish}: the SOP's result for an outcome and its message. */
    public static <R> Optional<R> pass(SopRun run, String sop, List<String> refusals, boolean dryRun, SopPolicy policy,
                                       BiFunction<Phase, String, R> finish) {
        refuse(run, sop, refusals);
        if (dryRun) {
            return Optional.of(finish.apply(Phase.DRY_RUN, "dry run: nothing was changed; the plan is what a real run would do"));
        }
        return switch (run.awaitApproval(policy.approvalRequired(), policy.approvalTimeout())) {
            case REJECTED -> Optional.of(finish.apply(Phase.REJECTED, "rejected by " + run.rejection().orElseThrow().by() + "; nothing was changed"));
            case TIMED_OUT -> Optional.of(finish.apply(Phase.APPROVAL_TIMED_OUT, "no approval within " + policy.approvalTimeout()
                    + "; nothing was changed"));
            default -> Optional.empty();
        };
    }

    /** Ends the run as REFUSED (nothing changed) when there is any refusal. */
    public static void refuse(SopRun run, String sop, List<String> refusals) {
        if (!refusals.isEmpty()) {
            run.phase(Phase.REFUSED, "", "");
            throw ApplicationFailure.newNonRetryableFailure(sop + " refused, nothing was changed: " + String.join("; ", refusals), "Refused");
        }
    }
}
