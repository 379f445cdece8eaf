package dev.etcdsop.workflows.lock;

import java.util.List;

/**
 * Who holds a cluster's lock ({@code null} when free), since when (ISO-8601), who waits, first in line first, and the
 * latest forced releases. It is also the input of the lock workflow, so continue-as-new carries it to the next run.
 */
public record LockState(String cluster, LockRequest holder, List<LockRequest> queue, String heldSince, List<ForcedRelease> forcedReleases) {
    /** Forced releases kept in the state; older ones stay in the history of earlier runs and in the worker log. */
    static final int FORCED_RELEASES_KEPT = 10;

    public LockState {
        queue = queue == null ? List.of() : List.copyOf(queue);
        forcedReleases = forcedReleases == null ? List.of() : List.copyOf(forcedReleases);
    }

    public LockState(String cluster, LockRequest holder, List<LockRequest> queue) {
        this(cluster, holder, queue, null, List.of());
    }

    public static LockState free(String cluster) {
        return new LockState(cluster, null, List.of());
    }
}
