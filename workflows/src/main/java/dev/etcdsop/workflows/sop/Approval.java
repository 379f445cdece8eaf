package dev.etcdsop.workflows.sop;

/**
 * One recorded decision: who, what ({@code approve}, {@code reject}, {@code retry}, ...), when, and why; with the key
 * that signed it and, from chat, the chat identity and channel it came through (null when not given).
 */
public record Approval(String by, String decision, String at, String comment, String signer, String via, String channel) {
    public Approval(String by, String decision, String at, String comment) {
        this(by, decision, at, comment, null, null, null);
    }
}
