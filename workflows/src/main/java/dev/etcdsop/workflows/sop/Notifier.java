package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.Notification;
import dev.etcdsop.workflows.activities.NotificationActivities;
import dev.etcdsop.workflows.activities.NotificationReceipt;
import io.temporal.workflow.Async;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Release 6: tells the run's channels about it, in the background and in order, each announcement updating the
 * messages of the one before (their references are kept here). The run never waits for a notification, except at its
 * end, and then at most {@link #FINAL_WAIT}; what could not be delivered is shown by {@link #summary()}. Workflow code.
 */
final class Notifier {
    /** How long a finished run waits for its last announcement, so the outcome reaches the thread before the run closes. */
    static final Duration FINAL_WAIT = Duration.ofSeconds(70);

    private final NotifyChannels channels;
    private final NotificationActivities send = ActivityStubs.notifying(NotificationActivities.class);
    private final Map<String, String> threads = new LinkedHashMap<>();
    private List<String> failures = new ArrayList<>();
    private int delivered;
    private Promise<Void> last;

    Notifier(NotifyChannels channels) {
        this.channels = channels;
        final CompletablePromise<Void> done = Workflow.newPromise();
        done.complete(null);
        this.last = done;
    }

    boolean enabled() {
        return !channels.none();
    }

    /** Queues an announcement; {@code build} gets the channels and the thread references known when it is sent. */
    void announce(Function<Map<String, String>, Notification> build) {
        if (!enabled()) {
            return;
        }
        last = last.thenCompose(ignored -> Async.function(send::send, build.apply(Map.copyOf(threads)))
                .handle((receipt, failure) -> {
                    record(receipt, failure);
                    return null;
                }));
    }

    /** Waits, boundedly, for the announcements queued so far. */
    void flush() {
        if (enabled()) {
            Workflow.await(FINAL_WAIT, last::isCompleted);
        }
    }

    NotifyChannels channels() {
        return channels;
    }

    /** For {@code status}: empty without channels, else how many announcements went out and what failed last. */
    String summary() {
        if (!enabled()) {
            return "";
        }
        return delivered + " announcement(s) delivered" + (failures.isEmpty() ? "" : "; NOT delivered: " + String.join("; ", failures));
    }

    private void record(NotificationReceipt receipt, RuntimeException failure) {
        if (failure != null) {
            failures = List.of("the notification activity failed: " + FailureMessages.root(failure));
            return;
        }
        threads.putAll(receipt.threads());
        failures = receipt.failures();
        if (!receipt.threads().isEmpty()) {
            delivered++;
        }
    }
}
