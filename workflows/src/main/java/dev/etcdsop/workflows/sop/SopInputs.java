package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

/** Checks the fields every mutating SOP's input needs, failing before anything runs with an example to copy. */
public final class SopInputs {
    private SopInputs() {
    }

    public static void require(String field, String value, String example) {
        if (value == null || value.isBlank()) {
            throw ApplicationFailure.newNonRetryableFailure("input needs " + field + ", e.g. " + example, Failures.INVALID_INPUT);
        }
    }
}
