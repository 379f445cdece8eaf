package dev.etcdsop.workflows.facts;

/** A test write and read-back through the cluster: proof that it accepts writes again. */
public record WriteCheck(String key, boolean written, boolean readBack, long revision, String error) {
}
