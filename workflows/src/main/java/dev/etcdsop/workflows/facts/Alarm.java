package dev.etcdsop.workflows.facts;

/** An active alarm: {@code type} is NOSPACE or CORRUPT, raised by the member {@code memberId}. */
public record Alarm(String memberId, String type) {
}
