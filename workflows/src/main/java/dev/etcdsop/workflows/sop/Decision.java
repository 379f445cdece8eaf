package dev.etcdsop.workflows.sop;

/** Input of the {@code approve} and {@code reject} updates: {@code {"by":"bob","comment":"..."}}. */
public record Decision(String by, String comment) {
}
