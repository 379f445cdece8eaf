package dev.etcdsop.activities.notify;

/**
 * Why one channel could not be told, in words safe to keep in workflow history: never a token, secret or webhook URL.
 * {@code transient} failures (network, HTTP 5xx or 429, Slack's own "try later" errors) are worth another attempt.
 */
final class DeliveryException extends Exception {
    private final boolean transientFailure;

    DeliveryException(String message, boolean transientFailure) {
        super(message, null, false, false);
        this.transientFailure = transientFailure;
    }

    DeliveryException(String message) {
        this(message, false);
    }

    boolean isTransient() {
        return transientFailure;
    }
}
