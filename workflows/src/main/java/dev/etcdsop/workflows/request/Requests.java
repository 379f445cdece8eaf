package dev.etcdsop.workflows.request;

import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

import java.util.function.Function;

/** Reads a workflow's input by the rules of the release that started the run. Workflow code. */
public final class Requests {
    private Requests() {
    }

    /**
     * The run's request, or a non-retryable failure naming every problem. {@code strict} (runs started by this release)
     * refuses unknown fields and out-of-range numbers; otherwise the request is read as release 2 read it, so its runs
     * replay unchanged.
     */
    public static <T> T forRun(boolean strict, RequestShape shape, RawRequest<T> raw, Class<T> type, Function<StrictReader, T> read) {
        final RawRequest<T> request = RawRequest.orMissing(raw);
        if (strict) {
            return StrictReader.read(shape, request.json(), read).orFail();
        }
        final T lenient;
        try {
            lenient = request.lenient(type);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(shape.what() + " refused: " + e.getMessage(), Failures.INVALID_INPUT);
        }
        return StrictReader.readLegacy(shape, RawRequest.of(lenient).json(), read).orFail();
    }
}
