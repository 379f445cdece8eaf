package dev.etcdsop.activities.etcd;

import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

/** The {@code ApplicationFailure}s etcd activities raise, so retry policies can tell bad input from a flaky member. */
final class EtcdFailures {
    private EtcdFailures() {
    }

    /** Retryable: etcd refused or did not answer; its own words and the endpoint asked. */
    static ApplicationFailure callFailed(String action, String endpoint, EtcdCallException e) {
        return ApplicationFailure.newFailure(action + " via " + endpoint + " failed: " + e.getMessage()
                + ". The step is retried; if it keeps failing, check that member's etcd log and `etcdctl endpoint status`.",
                Failures.ETCD_CALL_FAILED);
    }

    /** Retryable: what etcd answered is not yet what the step needs. */
    static ApplicationFailure notYet(String message) {
        return ApplicationFailure.newFailure(message, Failures.ETCD_CALL_FAILED);
    }

    /** Not retryable: the same input would fail the same way. */
    static ApplicationFailure invalidInput(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, Failures.INVALID_INPUT);
    }
}
