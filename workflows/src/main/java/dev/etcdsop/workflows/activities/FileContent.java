package dev.etcdsop.workflows.activities;

/** A text file read from a node; {@code exists} is false when there is no such file. */
public record FileContent(boolean exists, String content) {
}
