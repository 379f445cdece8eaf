package dev.etcdsop.workflows.lock;

import io.temporal.workflow.Workflow;

public final class LockedSopImpl implements LockedSop {
    static final String HOLDING = "holding the cluster lock";

    private ClusterLock lock;
    private String status = "starting";
    private boolean finished;

    @Override
    public String run(String cluster) {
        lock = new ClusterLock(cluster, "LockedSop");
        try {
            lock.acquire(waiting -> status = waiting);
            status = HOLDING;
            Workflow.await(() -> finished);
            return "done";
        } finally {
            lock.release();
        }
    }

    @Override
    public void finish() {
        finished = true;
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public void lockGranted(LockGrant grant) {
        lock.onGranted(grant);
    }

    @Override
    public void lockQueued(LockQueued queued) {
        lock.onQueued(queued);
    }
}
