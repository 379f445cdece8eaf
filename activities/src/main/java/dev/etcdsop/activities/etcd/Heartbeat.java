package dev.etcdsop.activities.etcd;

import io.temporal.activity.Activity;

/** Tells whoever runs a long step that it is still alive, with a line of progress. */
@FunctionalInterface
public interface Heartbeat {
    void beat(String progress);

    /**
     * Heartbeats the Temporal activity that runs on this thread, so its heartbeat timeout detects a dead
     * worker; outside an activity (tests, tools) and in a local activity (its workflow task is the liveness check;
     * Temporal refuses heartbeats there) it does nothing.
     */
    static Heartbeat activity() {
        return progress -> {
            if (insideRemoteActivity()) {
                Activity.getExecutionContext().heartbeat(progress);
            }
        };
    }

    private static boolean insideRemoteActivity() {
        try {
            return !Activity.getExecutionContext().getInfo().isLocal();
        } catch (IllegalStateException notInActivity) {
            return false;
        }
    }
}
