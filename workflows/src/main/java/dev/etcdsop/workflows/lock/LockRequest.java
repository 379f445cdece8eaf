package dev.etcdsop.workflows.lock;

/**
 * A run asks for its cluster's lock; {@code sop} is shown to the runs that queue behind it. Since release 4,
 * {@code firstRunId} is the first run of the requester's chain (a reset run keeps it), so a reset holder is recognised
 * as the same holder, {@code kind} says whether this is a first request, a waiter's re-send or a holder's renewal, and a
 * re-send names the holder the waiter was last told of ({@code knownHolder}). All are null in requests of release 3.
 */
public record LockRequest(String workflowId, String runId, String sop, String firstRunId, Kind kind, KnownHolder knownHolder) {
    public enum Kind {
        /** The run asks for the first time. */
        FIRST,
        /** A waiting run asks again: the lock run it queued in may be gone. */
        RESEND,
        /** The holder says it still holds the lock: a lock run started afresh gives it back to it. */
        RENEW
    }

    public LockRequest(String workflowId, String runId, String sop) {
        this(workflowId, runId, sop, null, null, null);
    }

    boolean sameRun(String otherWorkflowId, String otherRunId) {
        return workflowId.equals(otherWorkflowId) && runId.equals(otherRunId);
    }

    /** The same run, or a run reset from it: same workflow id and the same first run of the chain. */
    boolean sameChain(String otherWorkflowId, String otherFirstRunId) {
        return workflowId.equals(otherWorkflowId) && firstRunId != null && !firstRunId.isBlank() && firstRunId.equals(otherFirstRunId);
    }

    /** Signals can carry anything an operator typed; a request without ids names no run to grant to. */
    boolean wellFormed() {
        return workflowId != null && !workflowId.isBlank() && runId != null && !runId.isBlank();
    }

    boolean is(Kind other) {
        return kind == other;
    }

    /** This request's claim, carried over to the run of the same chain that asks now. */
    LockRequest followedBy(LockRequest newer) {
        return new LockRequest(workflowId, newer.runId(), newer.sop() == null ? sop : newer.sop(), firstRunId, kind, null);
    }
}
