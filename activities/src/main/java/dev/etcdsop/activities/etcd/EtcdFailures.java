package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

/** The {@code ApplicationFailure}s etcd activities raise, so retry policies can tell bad input from a flaky member. */
final class EtcdFailures {
    private EtcdFailures() {
    }

    /** Not retryable: etcd refused the credentials from the inventory's password file. */
    static ApplicationFailure authRefused(EtcdCluster cluster, EtcdCallException e) {
        final String who = cluster.auth() == null ? "the worker, which sent no user (etcd_sop_password_file is not set)"
                : "user " + cluster.auth().user() + " with the password in " + cluster.auth().passwordFile();
        return ApplicationFailure.newNonRetryableFailure("etcd cluster " + cluster.name() + " refused " + who + ": " + e.getMessage()
                + ". Fix the password file (or etcd_sop_user / etcd_sop_password_file in the inventory); nothing was changed.",
                Failures.ETCD_AUTH_REFUSED);
    }

    /** Retryable: etcd refused or did not answer; its own words and the endpoint asked. */
    static ApplicationFailure callFailed(String action, String endpoint, EtcdCallException e) {
        if (e.authRefused()) {
            return ApplicationFailure.newNonRetryableFailure(action + " via " + endpoint + ": etcd refused the worker's credentials: "
                    + e.getMessage() + ". Fix the file named by etcd_sop_password_file in the inventory.", Failures.ETCD_AUTH_REFUSED);
        }
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
