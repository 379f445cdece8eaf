package dev.etcdsop.workflows.sop;

/** Thrown inside a run when an operator resolves a paused step with {@code abort}; the SOP then compensates. */
public final class SopAborted extends RuntimeException {
    private final String step;
    private final String by;

    public SopAborted(String step, String by) {
        super("aborted by " + by + " at step '" + step + "'");
        this.step = step;
        this.by = by;
    }

    public String step() {
        return step;
    }

    public String by() {
        return by;
    }
}
