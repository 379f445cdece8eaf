package dev.etcdsop.workflows.sop;

/** One recorded decision: who, what ({@code approve}, {@code reject}, {@code retry}, ...), when, and why. */
public record Approval(String by, String decision, String at, String comment) {
}
