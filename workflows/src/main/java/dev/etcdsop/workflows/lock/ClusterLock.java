package dev.etcdsop.workflows.lock;

import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.ClusterLockActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A mutating SOP run's side of its cluster's lock: acquire once, release in a finally block. The SOP's
 * {@link LockHolderSignals} handlers delegate to {@link #onGranted}, {@link #onQueued} and {@link #onRevoked}.
 *
 * <p>Release 4 ({@code resend}): a waiting run re-sends its request every {@link #RESEND}, so a lock workflow that
 * was terminated or lost a signal is started again and serves it; a holder renews its hold at the same interval, so
 * such a fresh lock run gives the lock back to its holder and to nobody else. Requests are idempotent. A lock that an
 * operator force-released is taken again before the run's next step.
 */
public final class ClusterLock {
    /** Each re-send is about a dozen events: one every two minutes keeps a day of waiting under 10k events. */
    static final Duration RESEND = Duration.ofMinutes(2);

    private final String cluster;
    private final String sop;
    private final boolean resend;
    private final ClusterLockActivities activities = ActivityStubs.temporalService(ClusterLockActivities.class);
    private boolean requested;
    private boolean granted;
    private boolean released;
    private LockRevoked revoked;
    private boolean renewing;
    /** The latest waiting message that {@link #acquire} has not yet passed on. */
    private String waiting;

    public ClusterLock(String cluster, String sop, boolean resend) {
        this.cluster = cluster;
        this.sop = sop;
        this.resend = resend;
    }

    /**
     * Waits until this run holds the lock; {@code onWaiting} receives "waiting for the cluster lock held by ..."
     * each time the run is queued behind a (new) holder.
     */
    public void acquire(Consumer<String> onWaiting) {
        if (requested) {
            throw new IllegalStateException("a run acquires the lock of " + cluster + " once");
        }
        requested = true;
        request(LockRequest.Kind.FIRST);
        awaitGrant(onWaiting);
    }

    /** Why this run no longer holds the lock it took (an operator force-released it), or empty. */
    public Optional<LockRevoked> revoked() {
        return Optional.ofNullable(revoked);
    }

    /** Takes the lock again after a forced release, waiting behind whoever holds it now. */
    public void reacquire(Consumer<String> onWaiting) {
        revoked = null;
        request(LockRequest.Kind.FIRST);
        awaitGrant(onWaiting);
    }

    private void awaitGrant(Consumer<String> onWaiting) {
        while (true) {
            if (resend) {
                if (!Workflow.await(RESEND, () -> granted || waiting != null)) {
                    resendRequest(LockRequest.Kind.RESEND);
                    continue;
                }
            } else {
                Workflow.await(() -> granted || waiting != null);
            }
            if (granted) {
                if (resend && !renewing) {
                    renewing = true;
                    Async.procedure(this::renewWhileHeld);
                }
                return;
            }
            onWaiting.accept(waiting);
            waiting = null;
        }
    }

    private void request(LockRequest.Kind kind) {
        final WorkflowInfo run = Workflow.getInfo();
        if (resend) {
            activities.submitLockRequest(cluster, new LockRequest(run.getWorkflowId(), run.getRunId(), sop, run.getFirstExecutionRunId(), kind));
        } else {
            activities.requestLock(cluster, run.getWorkflowId(), run.getRunId(), sop);
        }
    }

    /** A re-send that fails (the Temporal service is down for minutes) is tried again at the next interval. */
    private void resendRequest(LockRequest.Kind kind) {
        try {
            request(kind);
        } catch (ActivityFailure e) {
            Workflow.getLogger(ClusterLock.class).warn("could not send the lock request of {}; trying again in {}", cluster, RESEND);
        }
    }

    /**
     * While this run holds the lock, it tells the lock so every {@link #RESEND}, in the background of its steps: a lock
     * run that was terminated and started afresh by a waiter's re-send then learns who holds it before it grants.
     */
    private void renewWhileHeld() {
        while (granted && !released) {
            if (!Workflow.await(RESEND, () -> !granted || released)) {
                resendRequest(LockRequest.Kind.RENEW);
            }
        }
        renewing = false;
    }

    public void onGranted(LockGrant grant) {
        // A grant that is late (after release) or for another cluster must not make this run think it holds it.
        if (requested && !released && grant != null && cluster.equals(grant.cluster())) {
            granted = true;
        }
    }

    public void onQueued(LockQueued queued) {
        if (requested && !granted && !released && queued != null && cluster.equals(queued.cluster())) {
            waiting = "waiting for the cluster lock held by " + queued.holderWorkflowId() + " (" + queued.holderSop() + ")"
                    + (queued.heldSince() == null ? "" : " since " + queued.heldSince());
        }
    }

    public void onRevoked(LockRevoked lockRevoked) {
        if (granted && !released && lockRevoked != null && cluster.equals(lockRevoked.cluster())) {
            granted = false;
            revoked = lockRevoked;
        }
    }

    /**
     * Gives the lock back, or leaves the queue when not granted yet. Idempotent, a no-op when never requested,
     * and it also works in a cancelled run (a detached scope), so it belongs in a finally block.
     */
    public void release() {
        if (!requested || released) {
            return;
        }
        released = true;
        granted = false;
        final WorkflowInfo run = Workflow.getInfo();
        final LockRelease release = new LockRelease(run.getWorkflowId(), run.getRunId(), run.getFirstExecutionRunId());
        // A lock run that is gone (an operator terminated it) has nothing left to release.
        Workflow.newDetachedCancellationScope(() -> ExternalSignals.deliver(() -> Workflow
                .newExternalWorkflowStub(ClusterLockWorkflow.class, ClusterLockWorkflow.workflowId(cluster))
                .release(release))).run();
    }
}
