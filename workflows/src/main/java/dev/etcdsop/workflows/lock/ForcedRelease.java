package dev.etcdsop.workflows.lock;

/** The record of a {@link ForceRelease}: whose hold ended, who ended it, why and when (ISO-8601). */
public record ForcedRelease(String holderWorkflowId, String holderSop, String heldSince, String approver, String reason, String at) {
}
