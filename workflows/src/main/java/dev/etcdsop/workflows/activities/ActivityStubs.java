package dev.etcdsop.workflows.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/** Activity stubs with the timeouts and retry policies each kind of step needs. */
public final class ActivityStubs {
    private ActivityStubs() {
    }

    /**
     * Reads are safe to repeat, so they retry a few times; a bad inventory or an unknown cluster does not
     * get better by retrying. Observing waits a few seconds per member that is down, hence two minutes.
     */
    public static <T> T readOnly(Class<T> activities) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumAttempts(5)
                        .setDoNotRetry(Failures.UNKNOWN_CLUSTER, Failures.INVALID_RUNBOOKS)
                        .build())
                .build());
    }
}
