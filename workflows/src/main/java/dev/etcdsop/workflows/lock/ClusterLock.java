package dev.etcdsop.workflows.lock;

import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.ClusterLockActivities;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

import java.util.function.Consumer;

/**
 * A mutating SOP run's side of its cluster's lock: acquire once, release in a finally block. The SOP's
 * {@link LockHolderSignals} handlers delegate to {@link #onGranted} and {@link #onQueued}.
 */
public final class ClusterLock {
    private final String cluster;
    private final String sop;
    private final ClusterLockActivities activities = ActivityStubs.temporalService(ClusterLockActivities.class);
    private boolean requested;
    private boolean granted;
    private boolean released;
    /** The latest waiting message that {@link #acquire} has not yet passed on. */
    private String waiting;

    public ClusterLock(String cluster, String sop) {
        this.cluster = cluster;
        this.sop = sop;
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
        final WorkflowInfo run = Workflow.getInfo();
        activities.requestLock(cluster, run.getWorkflowId(), run.getRunId(), sop);
        while (true) {
            Workflow.await(() -> granted || waiting != null);
            if (granted) {
                return;
            }
            onWaiting.accept(waiting);
            waiting = null;
        }
    }

    public void onGranted(LockGrant grant) {
        // A grant that is late (after release) or for another cluster must not make this run think it holds it.
        if (requested && !released && cluster.equals(grant.cluster())) {
            granted = true;
        }
    }

    public void onQueued(LockQueued queued) {
        if (requested && !granted && !released && cluster.equals(queued.cluster())) {
            waiting = "waiting for the cluster lock held by " + queued.holderWorkflowId() + " (" + queued.holderSop() + ")";
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
        final LockRelease release = new LockRelease(run.getWorkflowId(), run.getRunId());
        // A lock run that is gone (an operator terminated it) has nothing left to release.
        Workflow.newDetachedCancellationScope(() -> ExternalSignals.deliver(() -> Workflow
                .newExternalWorkflowStub(ClusterLockWorkflow.class, ClusterLockWorkflow.workflowId(cluster))
                .release(release))).run();
    }
}
