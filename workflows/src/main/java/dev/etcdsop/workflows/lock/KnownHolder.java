package dev.etcdsop.workflows.lock;

/** The holder a waiting run was told it waits for: its workflow id and SOP. */
public record KnownHolder(String workflowId, String sop) {
}
