package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.lock.LockGrant;
import dev.etcdsop.workflows.lock.LockQueued;
import dev.etcdsop.workflows.lock.LockRevoked;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.RequestRefused;
import dev.etcdsop.workflows.request.StrictReader;

/**
 * The controls every mutating SOP answers the same way, delegated to the run's shared state, so an SOP's own
 * class holds only its steps. Validators read an update strictly; an update that passed them (or that release 2
 * accepted, when its run replays) is read as it was accepted.
 */
public abstract class AbstractSopWorkflow implements SopControls {
    protected final SopRun run;
    protected final ApproveThenLock approval;

    protected AbstractSopWorkflow(String sop) {
        this.run = new SopRun(sop);
        this.approval = new ApproveThenLock(run);
    }

    @Override
    public void alertResolved(String note) {
        run.alertResolved(note == null ? "the alert resolved" : note);
    }

    @Override
    public SopStatus status() {
        return run.status();
    }

    @Override
    public void validateApprove(RawRequest<Decision> decision) {
        run.approvalRefusal(strict(decision)).ifPresent(AbstractSopWorkflow::refuse);
    }

    @Override
    public String approve(RawRequest<Decision> decision) {
        return run.approve(accepted(decision));
    }

    @Override
    public void validateReject(RawRequest<Decision> decision) {
        run.rejectionRefusal(strict(decision)).ifPresent(AbstractSopWorkflow::refuse);
    }

    @Override
    public String reject(RawRequest<Decision> decision) {
        return run.reject(accepted(decision));
    }

    @Override
    public void validateResolve(RawRequest<Resolution> resolution) {
        final Resolution r = StrictReader.read(Resolution.SHAPE, RawRequest.orMissing(resolution).json(), Resolution::read).orRefuse();
        run.resolutionRefusal(r).ifPresent(AbstractSopWorkflow::refuse);
    }

    @Override
    public String resolve(RawRequest<Resolution> resolution) {
        return run.resolve(RawRequest.orMissing(resolution).lenient(Resolution.class));
    }

    @Override
    public void lockGranted(LockGrant grant) {
        run.lock().ifPresent(lock -> lock.onGranted(grant));
    }

    @Override
    public void lockQueued(LockQueued queued) {
        run.lock().ifPresent(lock -> lock.onQueued(queued));
    }

    @Override
    public void lockRevoked(LockRevoked revoked) {
        run.lock().ifPresent(lock -> lock.onRevoked(revoked));
    }

    private static Decision strict(RawRequest<Decision> decision) {
        return StrictReader.read(Decision.SHAPE, RawRequest.orMissing(decision).json(), Decision::read).orRefuse();
    }

    private static Decision accepted(RawRequest<Decision> decision) {
        return RawRequest.orMissing(decision).lenient(Decision.class);
    }

    /** A validator's exception rejects the update before it is written to history; the caller sees the message. */
    private static void refuse(String reason) {
        throw new RequestRefused(reason);
    }
}
