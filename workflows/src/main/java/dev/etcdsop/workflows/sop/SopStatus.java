package dev.etcdsop.workflows.sop;

import java.util.List;

/**
 * The answer of the {@code status} query: phase, current step, the plan, decisions so far, and what the run
 * waits for and from whom. The same summary is the run's current details in the Temporal UI.
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
        String lastError) {
}
