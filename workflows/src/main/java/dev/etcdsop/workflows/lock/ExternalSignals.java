package dev.etcdsop.workflows.lock;

import io.temporal.failure.ApplicationFailure;

import static io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND;

/** Signals to other workflow runs, from workflow code. */
final class ExternalSignals {
    private ExternalSignals() {
    }

    /**
     * Sends a signal through an external workflow stub and waits until it is delivered; false when the target run
     * is not open any more. The SDK (1.38) reports that as an {@link ApplicationFailure} whose type is the cause.
     */
    static boolean deliver(Runnable send) {
        try {
            send.run();
            return true;
        } catch (ApplicationFailure e) {
            if (SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND.name().equals(e.getType())) {
                return false;
            }
            throw e;
        }
    }
}
