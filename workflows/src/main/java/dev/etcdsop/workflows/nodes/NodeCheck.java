package dev.etcdsop.workflows.nodes;

/** What preflight saw on the member's node: whether the worker reaches it, and whether its data directory is empty. */
public record NodeCheck(boolean reachable, String error, boolean dataDirEmpty) {
}
