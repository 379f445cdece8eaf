package dev.etcdsop.activities.etcd;

import java.time.Duration;

/** The pause between two observations while an activity waits for a condition, never past its deadline. */
final class Polling {
    private Polling() {
    }

    static void pause(Duration interval, long deadlineNanos) {
        final long millis = Math.min(interval.toMillis(), Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdCallException("interrupted while waiting", e);
        }
    }
}
