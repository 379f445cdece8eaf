package dev.etcdsop.workflows;

import dev.etcdsop.workflows.sop.SopControls;
import dev.etcdsop.workflows.sop.SopStatus;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Polls a run's status query until it says what a test waits for. The time-skipping server's clock does not move
 * meanwhile, so a short real-time wait is enough and never skips a workflow timer.
 */
public final class StatusPolling {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private StatusPolling() {
    }

    /** The first status that satisfies {@code done}; fails with the last status seen after 20 s. */
    public static SopStatus await(SopControls run, Predicate<SopStatus> done, String waitingFor) {
        final long deadline = System.nanoTime() + PATIENCE.toNanos();
        SopStatus status = run.status();
        while (!done.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run still " + status.phase() + " after " + PATIENCE + ", waiting for " + waitingFor + ": " + status);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            status = run.status();
        }
        return status;
    }
}
