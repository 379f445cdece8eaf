package dev.etcdsop.workflows.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/** Activity stubs with the timeouts and retry policies each kind of step needs. */
public final class ActivityStubs {
    private static final String[] NEVER_RETRIED = {
            Failures.UNKNOWN_CLUSTER, Failures.INVALID_RUNBOOKS, Failures.INVALID_INPUT, Failures.QUOTA_STILL_EXCEEDED,
            Failures.ETCD_AUTH_REFUSED};

    /** How long one attempt of an {@link #untilDeadline} wait polls before it fails and the server retries it. */
    public static final Duration WAIT_ATTEMPT = Duration.ofSeconds(60);

    private ActivityStubs() {
    }

    /**
     * Reads are safe to repeat, so they retry a few times; a bad inventory or an unknown cluster does not
     * get better by retrying. Observing asks every member at once and waits at most a few seconds for one that is
     * down; the short limit also means a worker that dies during a read is replaced within 45 s.
     */
    public static <T> T readOnly(Class<T> activities) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(45))
                .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                .setRetryOptions(retries(5, Duration.ofSeconds(1)))
                .build());
    }

    /**
     * The same reads as {@link #readOnly}, as local activities when {@code local}: a read of a few milliseconds then
     * costs no round trip to the server. A worker that dies during one fails its workflow task, and the next worker
     * reads again.
     */
    public static <T> T reads(Class<T> activities, boolean local) {
        if (!local) {
            return readOnly(activities);
        }
        return Workflow.newLocalActivityStub(activities, LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(45))
                .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                .setRetryOptions(retries(5, Duration.ofSeconds(1)))
                .build());
    }

    /**
     * Waits for a condition that usually holds at once (a member just defragmented is healthy and caught up), as
     * {@link #longRunning} or, when {@code local}, as local activities bounded by {@code limit} plus a margin: no round
     * trip to the server when the answer is immediate. A worker that dies during one fails its workflow task, and the
     * next worker waits again.
     */
    public static <T> T waits(Class<T> activities, boolean local, Duration limit) {
        if (!local) {
            return longRunning(activities);
        }
        return Workflow.newLocalActivityStub(activities, LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(limit.plusSeconds(30))
                .setRetryOptions(retries(3, Duration.ofSeconds(5)))
                .build());
    }

    /**
     * Notifications: the activity retries each channel itself and reports what it could not deliver instead of failing,
     * so the server retries only a worker that died; a notification never holds a run for more than a minute.
     */
    public static <T> T notifying(Class<T> activities) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(retries(2, Duration.ofSeconds(1)))
                .build());
    }

    /**
     * Short mutating calls (compact, move leader, disarm, a test write): each observes before it acts, so a
     * few retries are safe; past them the step pauses for an operator instead of failing the run.
     */
    public static <T> T mutating(Class<T> activities) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(retries(3, Duration.ofSeconds(2)))
                .build());
    }

    /**
     * Long steps that heartbeat (defragment, waiting for a member to catch up). A worker that dies is noticed
     * through the missed heartbeat within 30 s; the next attempt observes the member first, so a defragment
     * that finished is not repeated.
     */
    public static <T> T longRunning(Class<T> activities) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofHours(2))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(retries(3, Duration.ofSeconds(5)))
                .build());
    }

    /**
     * A wait for a condition that may take hours (a learner catching up): each attempt polls for at most a minute,
     * heartbeating, and fails retryably while the condition does not hold; the server retries it until {@code deadline}.
     * The history holds only the last attempt, so it stays a handful of events however long the wait.
     */
    public static <T> T untilDeadline(Class<T> activities, Duration deadline) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(WAIT_ATTEMPT.plusSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(deadline)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(10))
                        .setDoNotRetry(NEVER_RETRIED)
                        .build())
                .build());
    }

    /**
     * Calls to the Temporal service itself (the cluster lock): quick, safe to repeat, and retried through a
     * short service restart. They give up after two minutes so that a lock run is never stuck in a check for
     * longer than that; a requester that gives up fails before it changed anything.
     */
    public static <T> T temporalService(Class<T> activities) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(20))
                .setScheduleToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(20))
                        .build())
                .build());
    }

    private static RetryOptions retries(int attempts, Duration initial) {
        return RetryOptions.newBuilder()
                .setInitialInterval(initial)
                .setBackoffCoefficient(2)
                .setMaximumAttempts(attempts)
                .setDoNotRetry(NEVER_RETRIED)
                .build();
    }
}
