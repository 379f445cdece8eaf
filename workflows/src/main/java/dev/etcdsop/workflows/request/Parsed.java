package dev.etcdsop.workflows.request;

import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

import java.util.List;

/** A request read strictly: the value, or every problem found, worded for the operator who typed it. */
public record Parsed<T>(RequestShape shape, T value, List<String> problems) {
    public Parsed {
        problems = List.copyOf(problems);
    }

    /** In a workflow method: a bad input fails the run at once, never retried, with nothing started. */
    public T orFail() {
        if (!problems.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(message(), Failures.INVALID_INPUT);
        }
        return value;
    }

    /** In an update validator: a bad update is refused before it reaches the history. */
    public T orRefuse() {
        if (!problems.isEmpty()) {
            throw new RequestRefused(message());
        }
        return value;
    }

    public String message() {
        return shape.what() + " refused, nothing was done: " + String.join("; ", problems) + ". Send one JSON object like "
                + shape.example() + " (fields: " + String.join(", ", shape.fields()) + ")";
    }
}
