package dev.etcdsop.activities.node;

import io.temporal.failure.ApplicationFailure;

import static dev.etcdsop.activities.node.NodeActivitiesImpl.HOST_KEY_REFUSED;
import static dev.etcdsop.activities.node.NodeActivitiesImpl.NODE_UNREACHABLE;
import static dev.etcdsop.activities.node.NodeActivitiesImpl.SSH_AUTH_FAILED;

/** How every activity that opens a {@link NodeShell} reports a node it could not reach or trust. */
public final class NodeAccessFailures {
    private NodeAccessFailures() {
    }

    /** Host key and authentication problems need a person, so they are not retried; an unreachable node may heal. */
    public static ApplicationFailure of(NodeAccessException e) {
        return switch (e.reason()) {
            case HOST_KEY_REFUSED -> ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), HOST_KEY_REFUSED, e);
            case AUTH_FAILED -> ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), SSH_AUTH_FAILED, e);
            case UNREACHABLE -> ApplicationFailure.newFailureWithCause(e.getMessage(), NODE_UNREACHABLE, e);
        };
    }
}
