package dev.etcdsop.workflows.references;

/**
 * A value spelled in a way the line editor does not rewrite (a block scalar, a list spanning lines...). It becomes
 * an unchanged {@link Rewrite} whose reason the caller reports: better a person edits it than a guess does.
 */
final class UnreadableValue extends RuntimeException {
    UnreadableValue(String message) {
        super(message, null, false, false);
    }
}
