package dev.etcdsop.workflows.references;

/**
 * The outcome of rewriting an endpoint reference in a config file: the new text (the input as it was when nothing
 * changed), whether it differs, and why, in words an operator reads in the run's history.
 */
public record Rewrite(String text, boolean changed, String reason) {
    static Rewrite unchanged(String text, String reason) {
        return new Rewrite(text, false, reason);
    }
}
