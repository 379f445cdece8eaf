package dev.etcdsop.workflows.lock;

import io.temporal.workflow.Workflow;

public final class LockedSopImpl implements LockedSop {
    static final String HOLDING = "holding the cluster lock";
    static final String REVOKED = "lost the cluster lock to a forced release by ";

    private ClusterLock lock;
    private String status = "starting";
    private boolean finished;

    @Override
    public String run(String cluster) {
        lock = new ClusterLock(cluster, "LockedSop", true);
        try {
            lock.acquire(waiting -> status = waiting);
            status = HOLDING;
            while (true) {
                Workflow.await(() -> finished || lock.revoked().isPresent());
                if (lock.revoked().isEmpty()) {
                    return "done";
                }
                final String lost = REVOKED + lock.revoked().get().approver();
                status = lost;
                lock.reacquire(waiting -> status = lost + "; " + waiting);
                status = HOLDING;
            }
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

    @Override
    public void lockRevoked(LockRevoked revoked) {
        lock.onRevoked(revoked);
    }
}
