package dev.etcdsop.workflows.lock;

import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.ClusterLockActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A mutating SOP run's side of its cluster's lock: acquire once, release in a finally block. The SOP's
 * {@link LockHolderSignals} handlers delegate to {@link #onGranted}, {@link #onQueued} and {@link #onRevoked}.
 *
 * <p>Release 4 ({@code resend}): a waiting run re-sends its request after {@link #RESEND}, then less and less often up
 * to every {@link #RESEND_MAX}, naming the holder it waits
 * for, so a lock workflow that was terminated or lost a signal is started again, adopts that holder if it still runs,
 * and serves the waiter after it. A holder renews its hold between steps ({@link #renewIfDue}). Requests are
 * idempotent. A lock that an operator force-released is taken again before the run's next step.
 */
public final class ClusterLock {
    /** The first re-send of a waiting run, and how often a holder renews between steps. */
    static final Duration RESEND = Duration.ofMinutes(2);
    /**
     * Re-sends back off to this: each is about a dozen events, so a run waiting for days (behind a run parked in
     * NEEDS_OPERATOR) adds some 600 a day and stays far from Temporal's history limits.
     */
    static final Duration RESEND_MAX = Duration.ofMinutes(30);

    private final String cluster;
    private final String sop;
    private final boolean resend;
    private final ClusterLockActivities activities = ActivityStubs.temporalService(ClusterLockActivities.class);
    private boolean requested;
    private boolean granted;
    private boolean released;
    private LockRevoked revoked;
    private long lastContact;
    /** The holder this run was last told it waits for; a re-send names it, so a lock restarted without state can adopt it. */
    private KnownHolder queuedBehind;
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
        Duration interval = RESEND;
        while (true) {
            if (resend) {
                if (!awaitOrResendTimer(interval)) {
                    resendRequest(LockRequest.Kind.RESEND);
                    interval = interval.multipliedBy(2).compareTo(RESEND_MAX) > 0 ? RESEND_MAX : interval.multipliedBy(2);
                    continue;
                }
            } else {
                Workflow.await(() -> granted || waiting != null);
            }
            if (granted) {
                lastContact = Workflow.currentTimeMillis();
                return;
            }
            onWaiting.accept(waiting);
            waiting = null;
        }
    }

    /** Waits for a grant or a queue message, at most {@code interval}, on a timer the UI names; false when it fired. */
    private boolean awaitOrResendTimer(Duration interval) {
        final List<Promise<Void>> timer = new ArrayList<>(1);
        final CancellationScope scope = Workflow.newCancellationScope(() -> timer.add(Workflow.newTimer(interval,
                TimerOptions.newBuilder().setSummary("re-send the lock request of " + cluster + " unless granted").build())));
        scope.run();
        Workflow.await(() -> granted || waiting != null || timer.get(0).isCompleted());
        if (granted || waiting != null) {
            scope.cancel();
            return true;
        }
        return false;
    }

    private void request(LockRequest.Kind kind) {
        final WorkflowInfo run = Workflow.getInfo();
        if (resend) {
            activities.submitLockRequest(cluster, new LockRequest(run.getWorkflowId(), run.getRunId(), sop, run.getFirstExecutionRunId(), kind,
                    kind == LockRequest.Kind.RESEND ? queuedBehind : null));
        } else {
            activities.requestLock(cluster, run.getWorkflowId(), run.getRunId(), sop);
        }
    }

    /** A re-send that fails (the Temporal service is down for minutes) is tried again at the next interval. */
    private void resendRequest(LockRequest.Kind kind) {
        try {
            request(kind);
        } catch (ActivityFailure e) {
            Workflow.getLogger(ClusterLock.class).warn("could not send the lock request of {}; trying again at the next interval", cluster);
        }
    }

    /**
     * Tells the lock that this run still holds it, at most every {@link #RESEND} and only between steps, so a long
     * wait costs no history: a lock run that was terminated and started afresh learns who holds it before its next
     * grant, and a run that learns it lost the lock stops before its next step ({@link #revoked()}).
     */
    public void renewIfDue() {
        if (resend && granted && !released && Workflow.currentTimeMillis() - lastContact >= RESEND.toMillis()) {
            lastContact = Workflow.currentTimeMillis();
            resendRequest(LockRequest.Kind.RENEW);
        }
    }

    public void onGranted(LockGrant grant) {
        // A grant that is late (after release) or for another cluster must not make this run think it holds it.
        if (requested && !released && grant != null && cluster.equals(grant.cluster())) {
            granted = true;
        }
    }

    public void onQueued(LockQueued queued) {
        if (requested && !granted && !released && queued != null && cluster.equals(queued.cluster())) {
            queuedBehind = new KnownHolder(queued.holderWorkflowId(), queued.holderSop());
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
