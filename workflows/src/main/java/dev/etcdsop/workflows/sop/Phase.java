package dev.etcdsop.workflows.sop;

/** Where a run is. The first four are waiting or working; the rest are final. */
public enum Phase {
    PREFLIGHT, WAITING_FOR_LOCK, AWAITING_APPROVAL, RUNNING, NEEDS_OPERATOR, VERIFYING,
    DONE, DRY_RUN, NOTHING_TO_DO, REFUSED, REJECTED, APPROVAL_TIMED_OUT, ABORTED
}
