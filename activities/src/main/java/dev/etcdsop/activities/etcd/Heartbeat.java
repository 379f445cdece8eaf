package dev.etcdsop.activities.etcd;

import io.temporal.activity.Activity;

/** Tells whoever runs a long step that it is still alive, with a line of progress. */
@FunctionalInterface
public interface Heartbeat {
    void beat(String progress);

    /**
     * Heartbeats the Temporal activity that runs on this thread, so its heartbeat timeout detects a dead
     * worker; outside an activity (tests, tools) it does nothing.
     */
    static Heartbeat activity() {
        return progress -> {
            if (insideActivity()) {
                Activity.getExecutionContext().heartbeat(progress);
            }
        };
    }

    private static boolean insideActivity() {
        try {
            Activity.getExecutionContext();
            return true;
        } catch (IllegalStateException notInActivity) {
            return false;
        }
    }
}
