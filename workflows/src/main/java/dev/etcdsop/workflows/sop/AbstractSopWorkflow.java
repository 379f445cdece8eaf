package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.lock.LockGrant;
import dev.etcdsop.workflows.lock.LockQueued;

/**
 * The controls every mutating SOP answers the same way, delegated to the run's shared state, so an SOP's own
 * class holds only its steps.
 */
public abstract class AbstractSopWorkflow implements SopControls {
    protected final SopRun run;

    protected AbstractSopWorkflow(String sop) {
        this.run = new SopRun(sop);
    }

    @Override
    public SopStatus status() {
        return run.status();
    }

    @Override
    public void validateApprove(Decision decision) {
        run.approvalRefusal(decision).ifPresent(AbstractSopWorkflow::refuse);
    }

    @Override
    public String approve(Decision decision) {
        return run.approve(decision);
    }

    @Override
    public void validateReject(Decision decision) {
        run.approvalRefusal(decision).ifPresent(AbstractSopWorkflow::refuse);
    }

    @Override
    public String reject(Decision decision) {
        return run.reject(decision);
    }

    @Override
    public void validateResolve(Resolution resolution) {
        run.resolutionRefusal(resolution).ifPresent(AbstractSopWorkflow::refuse);
    }

    @Override
    public String resolve(Resolution resolution) {
        return run.resolve(resolution);
    }

    @Override
    public void lockGranted(LockGrant grant) {
        run.lock().onGranted(grant);
    }

    @Override
    public void lockQueued(LockQueued queued) {
        run.lock().onQueued(queued);
    }

    /** A validator's exception rejects the update before it is written to history; the caller sees the message. */
    private static void refuse(String reason) {
        throw new IllegalArgumentException(reason);
    }
}
