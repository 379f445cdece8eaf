package dev.etcdsop.workflows.lock;

import java.util.List;

/**
 * Who holds a cluster's lock ({@code null} when free) and who waits, first in line first. It is also the input
 * of the lock workflow, so continue-as-new carries it to the next run.
 */
public record LockState(String cluster, LockRequest holder, List<LockRequest> queue) {
    public LockState {
        queue = queue == null ? List.of() : List.copyOf(queue);
    }

    public static LockState free(String cluster) {
        return new LockState(cluster, null, List.of());
    }
}
