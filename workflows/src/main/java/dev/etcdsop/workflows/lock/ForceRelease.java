package dev.etcdsop.workflows.lock;

/**
 * An operator frees a lock whose holder cannot go on, e.g. a run parked in NEEDS_OPERATOR for days. Both fields are
 * required; the lock records who did it and why. The holder, if it is resumed, takes the lock again before its next step.
 */
public record ForceRelease(String reason, String approver) {
    boolean wellFormed() {
        return reason != null && !reason.isBlank() && approver != null && !approver.isBlank();
    }
}
