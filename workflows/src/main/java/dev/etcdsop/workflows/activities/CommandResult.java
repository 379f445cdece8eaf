package dev.etcdsop.workflows.activities;

/** What a command printed and how it ended; {@code timedOut} means it was stopped at its deadline. */
public record CommandResult(int exitStatus, String stdout, String stderr, boolean timedOut) {
    public boolean succeeded() {
        return exitStatus == 0 && !timedOut;
    }
}
