package dev.etcdsop.workflows.sop;

/** What happened to one step: DONE, SKIPPED (by an operator), FAILED (then retried, skipped or aborted). */
public record StepRecord(String step, String outcome, String detail) {
}
