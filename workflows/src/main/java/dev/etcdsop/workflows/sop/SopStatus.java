package dev.etcdsop.workflows.sop;

import java.util.List;

/**
 * The answer of the {@code status} query: phase, current step, the plan and its hash (what a signed approval binds
 * to), decisions so far, what the run waits for and from whom, and whether its notifications were delivered. The same
 * summary is the run's current details in the Temporal UI.
 */
public record SopStatus(
        String sop,
        String cluster,
        String requestedBy,
        Phase phase,
        String currentStep,
        String waitingFor,
        List<String> plan,
        List<Approval> decisions,
        List<StepRecord> steps,
        String lastError,
        String planHash,
        String notifications) {
}
