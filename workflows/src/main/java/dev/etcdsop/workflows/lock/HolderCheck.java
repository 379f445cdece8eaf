package dev.etcdsop.workflows.lock;

/**
 * Whether the holder of a lock still holds it rightfully, from the run of its workflow id that is open now. A run
 * reset in the UI gets a new run id but keeps the chain's first run id: it is the same holder, and the lock follows
 * it. Any other open run under that workflow id is somebody else. Pure.
 */
final class HolderCheck {
    enum Verdict { HOLDS, RESET, CLOSED }

    private HolderCheck() {
    }

    static Verdict of(LockRequest holder, OpenRun open) {
        if (open == null) {
            return Verdict.CLOSED;
        }
        if (open.runId().equals(holder.runId())) {
            return Verdict.HOLDS;
        }
        return holder.sameChain(holder.workflowId(), open.firstRunId()) ? Verdict.RESET : Verdict.CLOSED;
    }
}
