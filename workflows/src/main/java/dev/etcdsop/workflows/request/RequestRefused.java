package dev.etcdsop.workflows.request;

/**
 * An update refused by its validator, before it reaches the history. Thrown as a plain exception on purpose: the SDK
 * reports a validator's exception by its class name, and an {@code ApplicationFailure} thrown there would be shown as
 * the SDK's internal wrapper instead.
 */
public final class RequestRefused extends IllegalArgumentException {
    public RequestRefused(String message) {
        super(message);
    }
}
