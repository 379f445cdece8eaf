package dev.etcdsop.workflows.sop;

import io.temporal.failure.ApplicationFailure;

/** The words an operator needs from a failure chain: the innermost cause's own message, without Temporal's wrapping. */
public final class FailureMessages {
    private FailureMessages() {
    }

    public static String root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ApplicationFailure app ? app.getOriginalMessage() : t.getMessage();
    }
}
