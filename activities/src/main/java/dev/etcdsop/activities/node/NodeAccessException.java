package dev.etcdsop.activities.node;

import java.io.IOException;

/** The node could not be reached or trusted; the message says what the operator should do. */
public final class NodeAccessException extends IOException {

    public enum Reason {
        /** The host key is unknown or changed: a person must check it, retrying cannot help. */
        HOST_KEY_REFUSED,
        /** The node refused our key or the key file cannot be used: a configuration error. */
        AUTH_FAILED,
        /** Connection refused, timed out or dropped during the handshake: may heal by itself. */
        UNREACHABLE
    }

    private final Reason reason;

    public NodeAccessException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
