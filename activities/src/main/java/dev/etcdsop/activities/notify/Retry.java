package dev.etcdsop.activities.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Up to three attempts of one HTTP call, 0.5 s then 1 s apart, for failures that may pass (network, 5xx, 429). Short on
 * purpose: a notification must never hold a run up, and the next phase brings a new notification anyway.
 */
final class Retry {
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1));

    interface Attempt<T> {
        T run() throws IOException, DeliveryException;
    }

    private Retry() {
    }

    static <T> T call(Attempt<T> attempt) throws DeliveryException {
        for (int done = 0; ; done++) {
            DeliveryException failure;
            try {
                return attempt.run();
            } catch (IOException e) {
                failure = new DeliveryException(describe(e), true);
            } catch (DeliveryException e) {
                failure = e;
            }
            if (!failure.isTransient()) {
                throw failure;
            }
            if (done == BACKOFF.size()) {
                throw new DeliveryException(failure.getMessage() + " (" + (done + 1) + " attempts)");
            }
            try {
                Thread.sleep(BACKOFF.get(done).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException(failure.getMessage() + " (interrupted before retrying)");
            }
        }
    }

    /** The exception's kind and message; callers whose URLs are secret redact them. */
    static String describe(Exception e) {
        final String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
